"""kg export to standard output: the data as it is for a pipe, escaped for a terminal."""

from __future__ import annotations

import io
import sys

import pytest
from kgtest import TINY_YAML, write_corpus

from kg.cli import main

HOSTILE = "China\x1b]0;pwned\x07\x1b[2J\u202eevil\x9b31m"


class _Stdout:
    def __init__(self, tty: bool):
        self.buffer, self._tty = io.BytesIO(), tty

    def isatty(self) -> bool:
        return self._tty

    def write(self, text: str) -> int:
        return self.buffer.write(text.encode("utf-8"))

    def flush(self) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from kg.build import build

    root = tmp_path_factory.mktemp("export-hostile")
    yaml_text = TINY_YAML.replace("    label: China\n", f"    label: {HOSTILE!r}\n".replace(
        "'", '"').replace("\\x1b", "\\e").replace("\\x07", "\\a"))
    build(write_corpus(root / "corpus", yaml_text), out=root / "build")
    return root / "build"


@pytest.mark.parametrize("fmt", ["events-csv", "json", "graphml"])
def test_export_to_a_terminal_shows_escapes_and_to_a_pipe_keeps_the_data(
        hostile_build, monkeypatch, fmt):
    """Regression: 'kg export --format events-csv' on a terminal wrote a label's ESC and BEL
    raw (the terminal ran its escape sequences); kg query already escaped them there."""
    outputs = {}
    for tty in (False, True):
        out = _Stdout(tty)
        monkeypatch.setattr(sys, "stdout", out)
        assert main(["export", "--format", fmt, "--view", "all",
                     "--build", str(hostile_build)]) == 0
        outputs[tty] = out.buffer.getvalue().decode("utf-8")
    if fmt == "events-csv":  # a pipe or a file gets the data as it is
        assert "\x1b]0;pwned\x07" in outputs[False], outputs[False][:300]
    shown = outputs[True]
    assert not any(c in shown for c in "\x1b\x07\x9b\u202e"), shown[:300]
    assert shown.count("\n") == outputs[False].count("\n")
