"""Notebook embedding: an escaped srcdoc in a sandboxed iframe, IPython not needed."""

from __future__ import annotations

import html
import subprocess
import sys

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.viz import show, write_network_html


def test_show_returns_a_sandboxed_iframe_with_the_page_escaped(hostile):
    G = nx.Graph()
    G.add_node("a", label=hostile.SCRIPT)
    frame = show(G, height=400, title='x" onload="alert(1)')
    out = frame._repr_html_()
    assert out.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in out, out[:200]
    assert "allow-same-origin" not in out
    srcdoc = out.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert '"' not in srcdoc and "<" not in srcdoc, "srcdoc is not escaped"
    assert html.unescape(srcdoc) == frame.page
    assert "height: 400px" in out


def test_show_accepts_a_written_page(tmp_path):
    path = write_network_html(nx.path_graph(2), tmp_path / "p.html")
    assert show(path).page == path.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="apply to graphs"):
        show(path, title="x")
    with pytest.raises(UsageError, match="cannot read page"):
        show(tmp_path / "missing.html")
    with pytest.raises(UsageError, match="height"):
        show(path, height="600px")


_NO_IPYTHON = """
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "IPython":
            raise ImportError("IPython is not installed (blocked by the test)")
sys.meta_path.insert(0, _Block())
"""
_RENDER = """
import hashlib, sys, networkx as nx
import kg.viz.notebook as notebook
assert "IPython" not in sys.modules, "kg.viz.notebook imported IPython"
frame = notebook.show(nx.path_graph(3), title="t")
print(hashlib.sha256(frame._repr_html_().encode()).hexdigest())
"""


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_works_without_ipython_and_gives_the_same_page():
    # pyvis imports IPython at its top; without it the same template renders the same bytes.
    assert _run(_NO_IPYTHON + _RENDER) == _run(_RENDER)
