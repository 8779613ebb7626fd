"""``kg query`` takes any SPARQL: plain files, standard input, -e; predefined prefixes;
syntax errors with line, column and a caret; pages that say how many rows remain."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from kg.cli import main
from kg.query.prefixes import PREFIXES, prefix_block, with_prefixes

STATES = "SELECT ?s WHERE { ?s a kg:State }"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_stdin_with_predefined_prefixes(seed_build, tmp_path):
    # The issue's own command, in a real process with a real pipe.
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--build", str(seed_build),
                           "--format", "csv"], input=STATES, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.splitlines()
    assert rows[0] == "s" and "https://w3id.org/kg-toolkit/id/north-korea" in rows, rows


def test_inline_query(capsys, seed_build):
    code, out, err = run_cli(capsys, "-e", "SELECT (COUNT(*) AS ?n) { ?s a kg:State }",
                             "--build", str(seed_build), "--format", "json")
    assert code == 0, err
    n = int(json.loads(out)["results"]["bindings"][0]["n"]["value"])
    assert n >= 4, out


def test_plain_file_without_header_and_its_params(capsys, seed_build, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT DISTINCT ?label WHERE { ?node rdfs:label ?label }\n", encoding="utf-8")
    code, out, err = run_cli(capsys, str(path), "--param", "node=north-korea",
                             "--build", str(seed_build), "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["label", "North Korea"], out


def test_own_prefix_declaration_wins():
    text = "PREFIX kg: <urn:mine#>\nASK { ?s a kg:X }"
    got = with_prefixes(text)
    assert got.endswith(text) and "PREFIX kg: <https" not in got, got
    assert got.count("\n") == text.count("\n") + 1, "the added prefixes take exactly one line"


def test_prefixes_listed_are_the_predefined_ones(capsys):
    code, out, _ = run_cli(capsys, "--prefixes")
    assert code == 0 and out == prefix_block()
    for name, ns in PREFIXES.items():
        assert f"<{ns}>" in out and f"PREFIX {name}:" in out, name


def test_syntax_error_shows_line_column_and_caret(capsys, tmp_path):
    code, out, err = run_cli(capsys, "-e", "SELECT ?s WHERE {\n  ?s a nope:State }")
    assert code == 2 and out == "", (code, out)
    lines = err.splitlines()
    assert lines[0].startswith("kg query: error: <-e>:2:"), err
    assert "unknown prefix" in lines[0] and "'%'" not in lines[0], err
    assert lines[1] == "    ?s a nope:State }", err
    assert set(lines[2].strip()) == {"^"} and len(lines) == 3, err


def test_hostile_text_in_a_syntax_error_is_escaped(capsys):
    code, _, err = run_cli(capsys, "-e", "SELECT \x1b[2J ?s WHERE {")
    assert code == 2 and "\x1b" not in err and "\\x1b" in err, err


def test_list_as_json_is_not_ignored(capsys):
    code, out, _ = run_cli(capsys, "--list", "--format", "json")
    assert code == 0
    pack = json.loads(out)
    names = {q["name"] for q in pack}
    assert {"alignment", "provenance"} <= names, names
    assert next(q for q in pack if q["name"] == "provenance")["params"][0]["name"] == "node"
    code, _, err = run_cli(capsys, "--list", "--format", "csv")
    assert code == 2 and "--list" in err, err


def test_a_page_says_how_many_rows_and_how_to_get_the_rest(capsys, seed_build):
    code, out, err = run_cli(capsys, "timeline", "--limit", "2", "--build", str(seed_build))
    assert code == 0, err
    total = int(err.split(" of the ", 1)[1].split()[0])
    assert total > 2, err
    assert out.rstrip().endswith(f"(2 of {total} rows)"), out
    assert "--offset 2" in err and "--limit 0" in err, err
    code, out, err = run_cli(capsys, "timeline", "--limit", "0", "--build", str(seed_build))
    assert out.rstrip().endswith(f"({total} rows)") and err == "", (out, err)


def test_an_empty_answer_that_needs_a_step_says_which(capsys, seed_build):
    code, out, err = run_cli(capsys, "heads-of-state", "--build", str(seed_build))
    assert code == 0 and out.rstrip().endswith("(0 rows)"), out
    assert "kg enrich" in err, err


@pytest.mark.parametrize("width", [40, 80, 120])
def test_tables_fit_the_terminal(capsys, seed_build, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run_cli(capsys, "alignment", "--build", str(seed_build))
    assert code == 0
    from kg.query.formats import _width

    assert max(_width(line) for line in out.splitlines()) <= width, out


def test_wide_keeps_whole_cells(capsys, seed_build, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run_cli(capsys, "alignment", "--build", str(seed_build), "--wide")
    assert "…" not in out and max(len(line) for line in out.splitlines()) > 80


def test_missing_build_is_one_line(capsys, tmp_path):
    code, _, err = run_cli(capsys, "alignment", "--build", str(tmp_path / "nowhere"))
    assert code == 2 and err.count("\n") == 1 and "kg build" in err, err


def test_plain_query_from_stdin_reads_stdin(capsys, seed_build, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?s a kg:State }"))
    code, out, _ = run_cli(capsys, "-", "--build", str(seed_build))
    assert code == 0 and out == "true\n", out


@pytest.mark.parametrize("dash", ["—", "--", "-"])
def test_a_param_line_takes_any_dash(dash):
    from kg.query.pack import parse_header

    spec = parse_header(f"# title: T\n# question: Q?\n# param: node = north-korea {dash} the "
                        "node - any\nSELECT * {}", "x.rq")
    assert spec.params[0].default == "north-korea", spec.params
    assert spec.params[0].description == "the node - any", spec.params


def test_limit_0_is_every_row_for_any_query(capsys, seed_build, tmp_path):
    """Regression: --limit 0 gave every row of a paged question but no row of any other query
    (and run_query(limit=0) none); 0 is every row everywhere, N at most N rows."""
    from kg.query import run_query

    every = run_cli(capsys, "-e", STATES, "--build", str(seed_build), "--format", "csv")[1]
    assert len(every.splitlines()) > 3, every
    code, out, err = run_cli(capsys, "-e", STATES, "--limit", "0", "--build", str(seed_build),
                             "--format", "csv")
    assert code == 0 and out == every, (out, err)
    code, out, err = run_cli(capsys, "-e", STATES, "--limit", "2", "--build", str(seed_build),
                             "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 3, out  # the header and two rows
    path, store = tmp_path / "states.rq", seed_build / "store"
    path.write_text(STATES, encoding="utf-8")
    assert len(run_query(path, store, limit=0).rows) == len(every.splitlines()) - 1
    assert len(run_query(path, store, limit=1).rows) == 1


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_graph_on_a_terminal_shows_control_and_bidi_characters_as_escapes(
        capsys, seed_build, monkeypatch, fmt):
    """Regression: CONSTRUCT in the default table format (or markdown) wrote N-Triples with
    U+0085, U+2028 and U+202E raw on a terminal (csv and json were escaped)."""
    query = ('CONSTRUCT { <http://example.org/a> rdfs:label ?x } WHERE { '
             'BIND("a\\u001B[2J\\u0085\\u2028\\u202Eb\\u009B" AS ?x) }')
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run_cli(capsys, "-e", query, "--build", str(seed_build), "--format", fmt)
    assert code == 0, err
    assert "<http://example.org/a>" in out and "\\u202e" in out.lower(), out
    assert not any(c in out for c in "\x1b\x85\u2028\u202e\x9b"), out
