"""The ontology's lines in the build, kept in the build's cache between builds."""

from __future__ import annotations

import pytest
from kgtest import write_corpus

import kg.build.ontology_graph as og
from kg.build import build
from kg.ontology import ontology_files
from kg.resources import ontology_dir


def _built(out):
    return {name: (out / name).read_bytes() for name in ("graph.nq", "graph.trig")}


def test_a_rebuild_reads_the_ontology_lines_from_the_cache(tmp_path, monkeypatch):
    write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(tmp_path / "c", out=out, jobs=1)
    cached = out / ".cache" / og.LINES_FILE
    assert cached.is_file(), "the build keeps no ontology lines"
    body = cached.read_bytes().partition(b"\n")[2].decode("utf-8")
    assert body == "".join(og.ontology_lines(ontology_files(ontology_dir())))
    first = _built(out)

    def parsed(files):
        raise AssertionError("the ontology was parsed again")

    monkeypatch.setattr(og, "ontology_lines", parsed)
    (tmp_path / "c" / "tiny.yaml").write_text(
        (tmp_path / "c" / "tiny.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(tmp_path / "c", out=out, jobs=1).rebuilt, "nothing was rebuilt"
    assert _built(out) == first


@pytest.mark.parametrize("damage", ["body", "key", "empty"])
def test_a_damaged_or_foreign_cache_is_made_again(tmp_path, damage):
    write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(tmp_path / "c", out=out, jobs=1)
    first = _built(out)
    cached = out / ".cache" / og.LINES_FILE
    good = cached.read_bytes()
    head, _, body = good.partition(b"\n")
    cached.write_bytes({"body": head + b"\n" + body.replace(b"<", b"(", 1),
                        "key": head.replace(b'"key": "', b'"key": "x', 1) + b"\n" + body,
                        "empty": b""}[damage])
    (tmp_path / "c" / "tiny.yaml").write_text(
        (tmp_path / "c" / "tiny.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(tmp_path / "c", out=out, jobs=1)
    assert _built(out) == first
    assert cached.read_bytes() == good, "the cache was not written anew"
