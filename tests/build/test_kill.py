"""A build killed with SIGKILL at random moments leaves the previous build complete and usable."""

from __future__ import annotations

import random
import shutil
import signal

import pyoxigraph as ox
import pytest
from kgtest import TINY_YAML, run_killed_at, write_corpus

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
def test_sigkill_at_each_swap_keeps_a_complete_build(tmp_path):
    """Killed just before or just after any rename of the swap (chosen by the test, not by
    a sleep that lands at different moments on different machines), the outputs are the
    old build or the new one, whole."""
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "out"
    build(ann, out=out)
    old = _complete(out)
    # A different corpus for the killed builds, so old and new outputs differ.
    ann.write_text(TINY_YAML.replace("Tiny Publisher", "Tiny Press"), encoding="utf-8")
    pristine = tmp_path / "pristine"
    shutil.copytree(out, pristine, symlinks=True)

    def from_the_old_build() -> None:  # every kill starts from the same state
        shutil.rmtree(out)
        shutil.copytree(pristine, out, symlinks=True)

    pauses = run_killed_at(SNIPPET, [str(ann), str(out)], None)
    assert pauses >= 4, f"the build made {pauses // 2} renames"
    assert b"Tiny Press" in _complete(out)
    new = (out / "graph.nq").read_bytes()
    # eight of the pauses, the first and the last among them, in a fixed order
    chosen = sorted({0, pauses - 1, *random.Random(7).sample(range(pauses), min(6, pauses))})
    seen = set()
    for pause in chosen:
        from_the_old_build()
        assert run_killed_at(SNIPPET, [str(ann), str(out)], pause) == pause + 1
        got = _complete(out)
        assert got in (old, new), f"killed at pause {pause}: graph.nq is neither build"
        seen.add(got)
    assert seen == {old, new}, "the kills did not straddle the swap of graph.nq"
    build(ann, out=out)  # and the next build recovers
    assert b"Tiny Press" in _complete(out)
