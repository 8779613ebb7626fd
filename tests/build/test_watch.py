"""kg build --watch: rebuilds on save, prints located errors, keeps the last good build.

The test waits for the watcher's own lines (each written after a build finished), with a
generous upper bound only for a hung process: nothing here races the machine's speed.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading

from kgtest import TINY_TEXT, TINY_YAML, write_corpus

PATIENCE_S = 300  # only a hung watcher takes this long


def _lines(stream, q: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        q.put(line)
    q.put(None)


def _wait_for(q: queue.Queue, needle: str) -> str:
    seen = []
    while True:
        line = q.get(timeout=PATIENCE_S)
        if line is None:
            raise AssertionError(f"watcher ended before {needle!r}: {seen}")
        seen.append(line)
        if needle in line:
            return line


def test_watch_rebuilds_on_save_and_reports_errors_without_losing_the_build(tmp_path):
    src = tmp_path / "src"
    ann = write_corpus(src, TINY_YAML, TINY_TEXT)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--watch", str(src), "-o",
                             str(out), "-j", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    q: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, q), daemon=True).start()
    try:
        assert "1 rebuilt" in _wait_for(q, "built 1 document")
        good = (out / "graph.nq").read_bytes()

        ann.write_text(TINY_YAML.replace("label: Tiny Publisher", "label: Tiny Press"))
        assert "1 rebuilt" in _wait_for(q, "built 1 document")
        assert b"Tiny Press" in (out / "graph.nq").read_bytes()

        ann.write_text(TINY_YAML.replace("type: MissileTest", "type: MisileTest"))
        line = _wait_for(q, "unknown type 'MisileTest'")
        assert "tiny.yaml:" in line, line
        _wait_for(q, "the previous build stays")
        assert b"Tiny Press" in (out / "graph.nq").read_bytes()  # the last good build

        ann.write_text(TINY_YAML)
        _wait_for(q, "built 1 document")
        assert (out / "graph.nq").read_bytes() == good
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=PATIENCE_S)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert code == 0, code  # Ctrl-C between builds: the watcher stops, as asked
    rest = []
    while (line := q.get(timeout=PATIENCE_S)) is not None:
        rest.append(line)
    assert any("stopping" in line for line in rest), rest
