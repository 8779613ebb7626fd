"""Show a network page in a notebook, isolated in a sandboxed ``<iframe srcdoc>``.

pyvis' own notebook mode writes files next to the notebook and loads them by
URL, which breaks in VS Code and Colab. Here the whole page goes into the
iframe's ``srcdoc`` attribute (escaped), and ``sandbox="allow-scripts"`` gives
it an opaque origin: its scripts run but cannot reach the notebook. IPython is
not needed: the returned object only has to offer ``_repr_html_``.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import networkx as nx

from kg.errors import UsageError

__all__ = ["show", "NetworkFrame"]


class NetworkFrame:
    """An HTML page shown in an isolated iframe by Jupyter, VS Code or Colab."""

    def __init__(self, page: str, height: int = 600):
        if not isinstance(height, int) or isinstance(height, bool) or not 50 <= height <= 10000:
            raise UsageError(f"height must be an int number of pixels, 50 to 10000, not {height!r}")
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
                f'sandbox="allow-scripts" referrerpolicy="no-referrer" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd" '
                f'title="kg network view"></iframe>')

    def __repr__(self) -> str:
        return f"<NetworkFrame {len(self.page)} characters, {self.height}px high>"


def show(graph_or_path: nx.Graph | str | os.PathLike[str], height: int = 600,
         **options: object) -> NetworkFrame:
    """Display ``graph_or_path`` (a graph, or a page written by ``write_network_html``).

    ``options`` go to :func:`kg.viz.html.render_network_html` (``title``,
    ``focus``, ``depth``, ``physics``). In a notebook, make it the cell's value.

    :raises UsageError: the page file cannot be read, or ``height`` is not sensible.
    """
    if isinstance(graph_or_path, nx.Graph):
        from kg.viz.html import render_network_html

        return NetworkFrame(render_network_html(graph_or_path, **options), height)  # type: ignore[arg-type]
    if options:
        raise UsageError(f"options {sorted(options)} apply to graphs, not to a page file")
    path = Path(graph_or_path)
    try:
        return NetworkFrame(path.read_text(encoding="utf-8"), height)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read page {path}: {exc}") from exc
