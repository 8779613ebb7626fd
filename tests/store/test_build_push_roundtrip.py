"""kg build --store URL pushes the graph to a real Oxigraph server; kg query --endpoint answers
exactly as the embedded store does (issue: embedded store, remote endpoints)."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.resources import data_dir

pytestmark = pytest.mark.server

# Whole answers (limit=0 for paged queries): which rows tied on a page's keys fall into one page
# is the engine's order, and the server, loaded through the Graph Store Protocol, may order ties
# differently from the embedded store (docs/benchmarks.md, "Paged queries").
QUESTIONS = [("alignment", ["--param", "limit=0"]), ("alignment-detail", ["--param", "limit=0"]),
             ("blocked-resolutions", ["--param", "limit=0"]),
             ("missile-tests", ["--param", "limit=0"]),
             ("provenance", ["--param", "node=north-korea", "--param", "limit=0"])]


def _rows(capsys, argv):
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    return sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])


@pytest.mark.slow
def test_push_with_kg_build_then_same_answers_from_the_endpoint(tmp_path, capsys,
                                                              oxigraph_union):
    server = oxigraph_union
    out = tmp_path / "build"
    # The whole shipped corpus: several sources per item, so the list cells (GROUP_CONCAT, whose
    # order differs between the two engines) hold several items; the runner sorts them.
    assert main(["build", str(data_dir()), "-o", str(out), "--endpoint", server, "-q"]) == 0
    capsys.readouterr()
    for name, params in QUESTIONS:
        embedded = _rows(capsys, ["query", name, *params, "--format", "json",
                                  "--build", str(out)])
        remote = _rows(capsys, ["query", name, *params, "--format", "json",
                                "--endpoint", f"{server}/query"])
        assert embedded, f"{name}: no rows on the embedded store"
        assert remote == embedded, f"{name}: the endpoint answers differently"
    # A page of a question with one row per fact, in a total order: the same rows on both sides.
    page = ["query", "alignment", "--limit", "2", "--offset", "1", "--format", "json"]
    embedded = _rows(capsys, [*page, "--build", str(out)])
    assert embedded == _rows(capsys, [*page, "--endpoint", f"{server}/query"])
    assert len(embedded) == 2, embedded
