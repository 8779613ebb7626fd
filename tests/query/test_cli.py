"""``kg query``: listing, running, formats, and one-line errors with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from kg.cli import main


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_pack_with_titles(capsys):
    code, out, _ = run_cli(capsys, "--list")
    assert code == 0
    assert re.search(r"^blocked-resolutions +Blocked resolutions and thwarted initiatives",
                     out, re.M), out
    assert "--param node=…" in out and "--param actor=…" in out, out


def test_table_output(capsys, seed_build):
    code, out, _ = run_cli(capsys, "blocked-resolutions", "--build", str(seed_build))
    assert code == 0
    assert "China; Russia" in out and "the summer of 2022" in out, out
    assert out.rstrip().endswith("(1 row)"), out


def test_json_output_is_w3c_with_iris_and_labels(capsys, seed_build):
    code, out, _ = run_cli(capsys, "alignment", "--build", str(seed_build),
                           "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {"actor", "actorLabel", "other", "otherLabel"} <= set(doc["head"]["vars"]), doc
    first = doc["results"]["bindings"][0]
    assert first["actor"]["type"] == "uri" and first["actorLabel"]["type"] == "literal", first


def test_csv_output_with_a_label_parameter_and_limit(capsys, seed_build):
    code, out, _ = run_cli(capsys, "provenance", "--build", str(seed_build),
                           "--param", "node=Ulleung Island", "--format", "csv", "--limit", "3")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    # provenance is paged: --limit sets the page, 3 supports (each with its anchors)
    assert 0 < len({(r["kind"], r["statement"], r["support"]) for r in rows}) <= 3, rows
    assert {r["node"] for r in rows} == {"https://w3id.org/kg-toolkit/id/ulleung-island"}, rows
    assert all(r["nodeLabel"] == "Ulleung Island" for r in rows), rows


def test_markdown_output(capsys, seed_build):
    code, out, _ = run_cli(capsys, "policy-objectives", "--build", str(seed_build),
                           "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| objective |") and lines[1].startswith("| --- |"), lines
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines), lines


def test_a_query_file_can_be_run(capsys, seed_build, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("# title: Count\n# question: How many claims?\n# params: none\n"
                    "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#>\n"
                    "SELECT (COUNT(?c) AS ?claims) WHERE { ?c a kg:Claim }\n")
    code, out, _ = run_cli(capsys, str(path), "--build", str(seed_build),
                           "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "claims" and int(out.splitlines()[1]) > 20, out


@pytest.mark.parametrize("argv, message", [
    (["alignmnet"], "unknown query 'alignmnet' (did you mean alignment, alignment-detail?); "
                    "known queries:"),
    (["provenance"], "missing parameter 'node'"),
    (["provenance", "--param", "node=Atlantis"], "--param node='Atlantis': no node"),
    (["alignment", "--param", "x"], "--param 'x': expected NAME=VALUE"),
    ([], "name a query"),
])
def test_errors_are_one_line_with_exit_code_2(capsys, seed_build, argv, message):
    code, out, err = run_cli(capsys, *argv, "--build", str(seed_build))
    assert code == 2, (code, out, err)
    assert message in err, err
    assert err.startswith("kg query: error: ") and err.count("\n") == 1, err


def test_missing_store_is_a_clear_error(capsys, tmp_path):
    code, _, err = run_cli(capsys, "alignment", "--store", str(tmp_path / "nowhere"))
    assert code == 2 and "nowhere" in err and "kg build" in err, err
