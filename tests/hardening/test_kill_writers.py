"""Writers killed with SIGKILL at random moments leave complete outputs (old or new, never cut).

``tests/build/test_kill.py`` covers ``kg build``. Here the other writers run in a loop,
alternating two versions of their output, in a process forked from a zygote that has
imported everything once (so a kill lands inside a write, not in the imports): the
pages of ``kg viz`` and ``kg timeline`` (HTML, SVG), the files of ``kg export``
(events CSV, GraphML, JSON, brat and Web Annotation folders), and the named-graph
replacement that ``kg link`` and ``kg enrich`` make in ``build/store`` plus their
N-Quads file. After each kill every output must be byte-identical to one complete
version, and the store's graph must be one version, whole (before the fix in
``EmbeddedStore.replace_graph``, about one kill in six left that graph empty).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from hardeningkit import bump, put, verify_outputs, zygote_env
from kgtest import HANG_S, wait_until

KILLS = 9  # a third in the loop of every writer, the rest in the store replacement


class Zygote:
    """The forking helper process; every child it forks is killed or waited for here."""

    def __init__(self, cfg: dict):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from hardeningkit import zygote_main; zygote_main()",
             json.dumps(cfg)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=zygote_env(), text=True)
        assert self._read(HANG_S).get("ready"), "the zygote did not start"

    def _read(self, timeout_s: float) -> dict:
        import selectors

        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout_s):
                raise AssertionError(f"no answer from the zygote in {timeout_s} s")
        return json.loads(self.proc.stdout.readline())

    def request(self, timeout_s: float = HANG_S, **req) -> dict:
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        return self._read(timeout_s)

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(HANG_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
                    reason="needs fork and POSIX signals")
def test_writers_killed_at_random_moments_leave_complete_outputs(tiny_build, hostile_build,
                                                                  tmp_path):
    link_build = tmp_path / "link-build"
    shutil.copytree(tiny_build, link_build, ignore=shutil.ignore_patterns(".cache", ".staging"))
    cfg = {"stores": [str(tiny_build / "store"), str(hostile_build / "store")],
           "out": str(tmp_path / "out"), "ref": str(tmp_path / "ref"),
           "scratch": str(tmp_path / "scratch"), "link_store": str(link_build / "store")}
    for d in ("out", "ref", "scratch"):
        (tmp_path / d).mkdir()
    (tmp_path / "ref" / "v0").mkdir()
    from hardeningkit import LINK_GRAPH, link_quads_for

    from kg.link.graphs import publish_graph

    # The store holds version 0 of the graph before any kill: an empty graph is a failure.
    publish_graph(link_quads_for(0), graph=LINK_GRAPH, nq_path=tmp_path / "out" / "links.nq",
                  store_path=cfg["link_store"])
    zygote = Zygote(cfg)
    rng = random.Random(11)
    kills = checked = leftovers = 0
    try:
        ref = zygote.request(cmd="fork", mode="ref")
        done = zygote.request(cmd="wait", pid=ref["pid"])
        assert done["status"] == 0, "writing the reference outputs failed"
        for n in range(KILLS):
            pid = zygote.request(cmd="fork", mode="loop" if n % 3 == 0 else "store")["pid"]
            marker = tmp_path / "out" / f".started-{pid}"
            wait_until(marker.exists, "the writer loop started")
            # The loop never ends by itself, so any moment is one to kill it at: the random
            # pause varies where it is hit and races nothing.
            time.sleep(rng.uniform(0.05, 1.0))
            os.kill(pid, signal.SIGKILL)
            status = zygote.request(cmd="wait", pid=pid)["status"]
            assert os.WIFSIGNALED(status), f"the writer loop ended by itself: {status}"
            kills += 1
            counts = verify_outputs(cfg)
            checked += counts["checked"]
            leftovers = counts["leftovers"]
    finally:
        zygote.close()
    bump("kill.writer_kills_survived", kills)
    bump("kill.outputs_checked", checked)
    put("kill.leftover_temporaries", leftovers)
    assert kills == KILLS
