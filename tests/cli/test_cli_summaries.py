"""``kg stats`` and ``kg analyze`` rank and cap their lists, so a large corpus gives a
summary, not a listing; ``--all`` gives every row."""

from __future__ import annotations

import json

import pytest

from kg.cli import main


@pytest.fixture(scope="module")
def many_docs(tmp_path_factory):
    """A synthetic corpus of 30 documents, built."""
    from kg.build import build
    from kg.synth import write_corpus

    root = tmp_path_factory.mktemp("summaries")
    write_corpus(root / "corpus", docs=30, seed=3)
    return build(root / "corpus", out=root / "build", trig=False).out


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_stats_sums_the_document_graphs_and_caps_every_list(capsys, many_docs):
    out = _run(capsys, "stats", "--build", str(many_docs))
    doc_lines = [line for line in out.splitlines() if "/graph/doc/" in line]
    assert len(doc_lines) == 10, out
    assert "in 30 document graphs, the largest:" in out, out
    assert "... and 20 more document graphs (--all lists them)" in out, out
    sizes = [int(line.split()[0]) for line in doc_lines]
    assert sizes == sorted(sizes, reverse=True), sizes
    full = _run(capsys, "stats", "--build", str(many_docs), "--all")
    assert sum("/graph/doc/" in line for line in full.splitlines()) == 30, full
    assert "more" not in full.replace("most", ""), full
    assert len(out) < len(full)


def test_stats_json_keeps_every_row(capsys, many_docs):
    doc = json.loads(_run(capsys, "stats", "--build", str(many_docs), "--format", "json"))
    assert sum("/graph/doc/" in g for g in doc["quads_by_graph"]) == 30, doc


def test_analyze_caps_its_lists(capsys, many_docs):
    out = _run(capsys, "analyze", "--build", str(many_docs), "--limit", "2")
    full = _run(capsys, "analyze", "--build", str(many_docs), "--all")
    report = json.loads(_run(capsys, "analyze", "--build", str(many_docs), "--format", "json"))
    actors = len(report["centrality"])
    unbalanced = len(report["balance"]["unbalanced_triads"])
    assert actors > 2, report["centrality"]
    assert f"... and {actors - 2} more actors (--all lists them)" in out, out
    assert sum(line.startswith("  unbalanced:") for line in out.splitlines()) == min(2, unbalanced)
    assert sum(line.startswith("  unbalanced:") for line in full.splitlines()) == unbalanced
    assert "more actors" not in full, full
