"""Sharded N-Quads: every quad exactly once, valid shards, a manifest that adds up."""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store.shard import main, write_shards


def test_shards_hold_every_quad_once(tmp_path, sample_nq):
    paths = write_shards(sample_nq, tmp_path / "shards", quads=5)
    assert [p.name for p in paths] == ["part-00000.nq.gz", "part-00001.nq.gz", "part-00002.nq.gz"]
    lines = [line for p in paths for line in gzip.decompress(p.read_bytes()).splitlines()]
    assert sorted(lines) == sorted(sample_nq.read_bytes().splitlines())
    for p in paths:  # each shard is valid N-Quads on its own
        list(ox.parse(gzip.decompress(p.read_bytes()), format=ox.RdfFormat.N_QUADS))
    manifest = json.loads((tmp_path / "shards" / "shards.json").read_text())
    assert [s["quads"] for s in manifest["shards"]] == [5, 5, 3], manifest


def test_same_input_same_bytes_and_old_parts_removed(tmp_path, sample_nq):
    first = [p.read_bytes() for p in write_shards(sample_nq, tmp_path / "a", quads=4)]
    write_shards(sample_nq, tmp_path / "b", quads=1)
    second = [p.read_bytes() for p in write_shards(sample_nq, tmp_path / "b", quads=4)]
    assert first == second
    assert len(list((tmp_path / "b").glob("part-*"))) == 4


def test_cli_and_errors(tmp_path, sample_nq):
    assert main([str(sample_nq), "-o", str(tmp_path / "s"), "--no-gzip"]) == 0
    assert (tmp_path / "s" / "part-00000.nq").read_bytes() == sample_nq.read_bytes()
    with pytest.raises(StoreError):
        write_shards(tmp_path / "missing.nq", tmp_path / "x")
    with pytest.raises(StoreError):
        write_shards(sample_nq, tmp_path / "x", quads=0)
