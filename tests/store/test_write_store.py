"""write_store builds build/store atomically; a failed or killed write leaves the old store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kgtest import run_killed_at

from kg.errors import StoreError
from kg.store import open_store, write_store
from kg.store.embedded import recover_store

G = "https://w3id.org/kg-toolkit/id/graph/"


def _count(store_dir: Path) -> int:
    with open_store(store_dir) as store:
        return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value)


def test_write_store_loads_every_named_graph(tmp_path, sample_nq):
    store_dir = write_store(sample_nq, tmp_path / "store")
    with open_store(store_dir) as store:
        got = store.graphs()
    want = sorted([G + "doc/a", G + "doc/b", G + "links/curated", G + "provenance"])
    assert got == want, got
    assert _count(store_dir) == 13


def test_rewrite_replaces_the_store_and_leaves_no_temporaries(tmp_path, sample_nq):
    store_dir = write_store(sample_nq, tmp_path / "store")
    small = tmp_path / "small.nq"
    small.write_text('<http://e/s> <http://e/p> "x" <http://e/g> .\n', encoding="utf-8")
    write_store(small, store_dir)
    assert _count(store_dir) == 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".store")]
    assert leftovers == [], leftovers


def test_invalid_nquads_keep_the_previous_store(tmp_path, sample_nq):
    store_dir = write_store(sample_nq, tmp_path / "store")
    bad = tmp_path / "bad.nq"
    bad.write_text('<http://e/s> <http://e/p> "unterminated <http://e/g> .\n', encoding="utf-8")
    with pytest.raises(StoreError, match="bad.nq"):
        write_store(bad, store_dir)
    assert _count(store_dir) == 13


def test_missing_nquads_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="not found"):
        write_store(tmp_path / "nope.nq", tmp_path / "store")


def test_interrupted_swap_is_recovered(tmp_path, sample_nq):
    """Between the two renames of the fallback swap, the old store sits aside: put it back."""
    store_dir = write_store(sample_nq, tmp_path / "store")
    aside = tmp_path / ".store.old-999999999"
    os.rename(store_dir, aside)
    (tmp_path / ".store.tmp-999999999").mkdir()
    recover_store(store_dir)
    assert store_dir.is_dir() and not aside.exists()
    assert not (tmp_path / ".store.tmp-999999999").exists()
    assert _count(store_dir) == 13


def test_killed_write_leaves_the_previous_store_usable(tmp_path, sample_nq):
    """Killed before, between or after the renames of the swap (each pause chosen by the
    test, not by a sleep that lands elsewhere on a faster or slower machine)."""
    store_dir = write_store(sample_nq, tmp_path / "store")
    big = tmp_path / "big.nq"
    with big.open("w", encoding="utf-8") as f:
        for i in range(1000):
            f.write(f'<http://e/s{i}> <http://e/p> "{i}" <http://e/g{i % 7}> .\n')
    code = "import sys; from kg.store import write_store; write_store(sys.argv[1], sys.argv[2])"
    dry = write_store(sample_nq, tmp_path / "dry" / "store")
    pauses = run_killed_at(code, [str(big), str(dry)], None)
    assert pauses >= 2, pauses
    counts = set()
    for pause in range(pauses):
        assert run_killed_at(code, [str(big), str(store_dir)], pause) == pause + 1
        # Whether it was killed before or after the swap, the store is complete and readable.
        counts.add(_count(store_dir))
        assert counts <= {13, 1000}, counts
        write_store(sample_nq, store_dir)  # and the next build cleans up after the dead one
        assert _count(store_dir) == 13
    assert counts == {13, 1000}, "the kills did not straddle the swap"


def test_a_running_writers_temporary_is_left_alone(tmp_path, sample_nq):
    store_dir = write_store(sample_nq, tmp_path / "store")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = tmp_path / f".store.tmp-{sleeper.pid}"
        busy.mkdir()
        recover_store(store_dir)
        assert busy.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()
    recover_store(store_dir)
    assert not busy.exists()
