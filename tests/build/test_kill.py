"""A build killed with SIGKILL at random moments leaves the previous build complete and usable."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from kgtest import TINY_YAML, write_corpus

from kg.build import build

SNIPPET = "import sys; from kg.build import build; build(sys.argv[1], out=sys.argv[2])"


def _complete(out):
    """Every output parses completely and the store answers."""
    nq = out / "graph.nq"
    quads = list(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(trig) > 0
    from kg.store import open_store

    with open_store(out / "store") as store:
        assert store.query("ASK { ?s a <https://w3id.org/kg-toolkit/ontology#Claim> }").boolean
    return nq.read_bytes()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_at_random_moments_keeps_a_complete_build(tmp_path):
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "out"
    build(ann, out=out)
    old = _complete(out)
    # A different corpus for the killed builds, so old and new outputs differ.
    ann.write_text(TINY_YAML.replace("Tiny Publisher", "Tiny Press"), encoding="utf-8")
    new = None
    rng = random.Random(7)
    kills = 0
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", SNIPPET, str(ann), str(out)])
        time.sleep(rng.uniform(0.05, 1.2))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        got = _complete(out)
        assert got in (old, new) or new is None, "graph.nq is neither the old nor a new build"
        if got != old:
            new = got
    assert kills >= 1, "no build was killed: the sleep range is too long for this machine"
    build(ann, out=out)  # and the next build recovers
    assert b"Tiny Press" in _complete(out)
