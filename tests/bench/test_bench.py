"""kg bench end to end on a tiny corpus: every documented key is there and adds up."""

from __future__ import annotations

import pytest

from kg.bench import format_report, run_bench

pytestmark = pytest.mark.slow


def test_bench_reports_every_documented_key(tmp_path):
    report = run_bench(docs=2, runs=1, rdflib_cap_s=5, workdir=tmp_path, memory_mb=4096)
    assert {"machine", "targets", "kg_help_s", "sizes", "evaluation", "memory_cap_mb"} <= set(
        report), sorted(report)
    size = report["sizes"][0]
    for key in ("docs", "triples", "synth", "build", "bulk_load", "build_triples_per_s",
                "bulk_load_triples_per_s", "build_vs_bulk_load", "oxigraph", "rdflib",
                "queries", "peak_rss_mb", "rebuild_one", "rebuild_one_seconds",
                "rebuild_one_vs_build"):
        assert key in size, key
    # The edit was one document, updated in place; the ratio is the two times measured.
    assert size["rebuild_one"]["incremental"] and size["rebuild_one"]["rebuilt"] == 1
    assert size["rebuild_one_vs_build"] == (size["rebuild_one_seconds"]
                                            / size["build"]["seconds"])
    assert size["triples"] > 2000, size["triples"]
    # Memory of the build's whole process tree, sampled; never less than a process's share.
    assert size["build_memory_mb"] > 10, size["build"]
    assert {"checked_seconds", "lenient_seconds"} <= set(size["bulk_load"]), size["bulk_load"]
    assert size["bulk_load"]["seconds"] == min(size["bulk_load"]["checked_seconds"],
                                               size["bulk_load"]["lenient_seconds"])
    assert size["queries"], "no pack query was measured"
    for name, q in size["queries"].items():
        assert q.get("oxigraph_ms") is not None, (name, q)
    # Where the time went: the build's stages, and each corpus rule in both builds.
    from kg.build.rules import load_rules
    from kg.resources import ontology_dir

    corpus_rules = {r.name for r in load_rules(ontology_dir()) if r.scope == "corpus"}
    assert {"documents", "store", "rules", "graph"} <= set(size["build"]["stages"])
    assert set(size["build"]["rules"]) == corpus_rules, size["build"]["rules"]
    assert set(size["rebuild_one"]["rules"]) == corpus_rules, size["rebuild_one"]
    text = format_report(report)
    assert "build / bulk_load throughput" in text and "target" in text
    assert "build corpus rules: " in text and "rebuild corpus rules: " in text


def test_tree_memory_counts_the_child_processes():
    import os
    import subprocess
    import sys

    from kgtest import wait_until

    from kg.bench.machine import tree_pss_mb

    alone = tree_pss_mb(os.getpid())
    assert alone > 1, alone
    child = subprocess.Popen([sys.executable, "-c", "import time; x = b'k' * (200 << 20); "
                              "print(flush=True); time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        child.stdout.readline()  # the 200 MB are written
        wait_until(lambda: tree_pss_mb(os.getpid()) >= alone + 150,
                   f"the child's 200 MB counted (alone: {alone:.0f} MB)")
    finally:
        child.kill()
        child.wait()


def test_a_folder_as_the_report_file_is_refused_before_any_run(tmp_path, capsys):
    """Regression: ``kg bench -o DIR`` ran the whole benchmark, then ended in a traceback
    (IsADirectoryError) writing the report."""
    from kg.cli import main

    assert main(["bench", "--docs", "1", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"kg bench: error: -o {tmp_path} is a folder; give the JSON file to write\n"
