"""Fuzzing ``kg query --param`` and the four result formats with hostile values and labels.

A parameter value (quotes, backslashes, line breaks, ``}``, ``#``, ``>``, SPARQL keywords,
IRIs with spaces, 100k characters, NUL, invalid surrogates as ``argv`` delivers them) is
either bound and answered, or refused with a one-line :class:`~kg.errors.KGError` naming
the parameter. Whatever is answered is written in every format over a graph of hostile
labels: CSV and JSON parse back to the exact values, Markdown keeps one row per line and
one cell per column with no raw HTML, and the terminal table holds no character that
could move the cursor or reorder text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from hardeningkit import (
    CONTROL,
    IMG,
    LONG,
    NUL,
    RTL,
    SCRIPT,
    SPARQL,
    assert_clean_error,
    bump,
    unsafe_chars,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kgtest import HANG_S

from kg.errors import KGError

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

TOKENS = ['"', "'", "\\", "\n", "\r\n", "}", "{", "#", ">", "<", "?x", "$x", ";", ".", ",",
          "SELECT", "} UNION { ?s ?p ?o", "DROP ALL", "INSERT DATA { <a> <b> <c> }",
          "SERVICE <http://127.0.0.1:9/sparql> { }", "LOAD <file:///etc/passwd>", "FILTER(",
          "<http://a b>", "<https://w3id.org/kg-toolkit/id/nk>", "https://x/ y", "kgd:nk",
          "kgd:north korea", "kg:State", "wd:Q423", "urn:x", "nk", "china", "ev1", "c1",
          "Q423", '"quoted"', '"', '""', "\x00", NUL, "\udcff", "\ud800", "\udfff", IMG, SCRIPT,
          SPARQL, CONTROL, RTL, "North Korea " + IMG, "=", "node=", "\u2028", "\ufeff", " "]
VALUES = st.one_of(
    st.sampled_from(TOKENS),
    st.lists(st.sampled_from(TOKENS), min_size=2, max_size=4).map("".join),
    st.text(max_size=30),
    st.sampled_from([LONG, '"' + LONG + '"', "<https://w3id.org/" + LONG + ">"]),
)
QUERIES = {"provenance": "node", "actor-profile": "actor"}


@pytest.fixture(scope="module")
def store(hostile_build):
    """The hostile graph in an in-memory store (no worker process: fast per example)."""
    from kg.store import open_store

    live = open_store(None)
    live.load_nquads(hostile_build / "graph.nq")
    yield live
    live.close()


@pytest.fixture(scope="module")
def specs():
    from kg.query import load_query

    return {name: load_query(name) for name in QUERIES}


def check_formats(result) -> None:
    """Every format of ``result``: parseable, exact, escaped, safe in a terminal."""
    from kg.query import render

    if result.kind != "select":
        return
    n = len(result.rows)
    values = [["" if t is None else (f"_:{t.value}" if type(t).__name__ == "BlankNode"
                                     else t.value) for t in row] for row in result.rows]
    rows = list(csv.reader(io.StringIO(render(result, "csv"), newline="")))
    # formulas are defused with a leading apostrophe (kg.csvcell); typed numbers stay numbers
    from kg.csvcell import defuse
    from kg.query.formats import _NUMERIC

    csv_values = [[v if t is None or type(t).__name__ != "Literal"
                   else defuse(v, numeric=t.datatype.value in _NUMERIC)
                   for v, t in zip(vals, row, strict=True)]
                  for vals, row in zip(values, result.rows, strict=True)]
    assert rows[0] == result.variables and rows[1:] == csv_values, "CSV does not round-trip"
    doc = json.loads(render(result, "json"))
    got = [[b.get(v, {}).get("value", "") for v in result.variables]
           for b in doc["results"]["bindings"]]
    assert got == [["" if t is None else t.value for t in row] for row in result.rows]
    md = render(result, "markdown")
    lines = md.splitlines()
    assert len(lines) == n + 2, (len(lines), n)
    width = len(re.split(r"(?<!\\)\|", lines[0])) - 2
    for line in lines:
        assert line.startswith("| ") and line.endswith(" |"), line[:200]
        cells = re.split(r"(?<!\\)(?:\\\\)*\|", line)
        assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) == width + 1, line[:200]
        assert len(cells) - 2 == width
        assert "<" not in line.replace("<br>", ""), f"raw HTML in a Markdown cell: {line[:200]}"
    assert unsafe_chars(md) == [], unsafe_chars(md)
    for options in ({}, {"total_width": 80}, {"iris": True}):
        table = render(result, "table", **options)
        assert unsafe_chars(table) == [], (unsafe_chars(table), options)
        lines = table.splitlines()
        if lines[0].startswith("-- row"):  # too wide for the terminal even shrunk: records
            assert (len(lines) - 1) % max(n, 1) == 0, options
            assert max(len(line) for line in lines) <= options["total_width"], options
        else:
            assert len(lines) == n + 3, options


def run_param(store, spec, name: str, value: str) -> str:
    """Parse ``NAME=VALUE`` as the CLI does, answer, write every format; 'ok' or 'error'."""
    from kg.query import parse_params, run_spec

    bump("query.inputs")
    try:
        params = parse_params([f"{name}={value}"])
        answer = run_spec(spec, store, params=params, timeout_s=None)
    except KGError as exc:
        assert_clean_error(exc)
        assert name in str(exc), str(exc)[:300]
        bump("query.clean_errors")
        return "error"
    check_formats(answer.result)
    bump("query.answered")
    return "ok"


@settings(max_examples=600, **SETTINGS)
@given(query=st.sampled_from(sorted(QUERIES)), value=VALUES)
def test_param_values(store, specs, query, value):
    run_param(store, specs[query], QUERIES[query], value)


@pytest.mark.parametrize("value", ["nk", "china", "russia", "analysts", "long-actor", "ev1",
                                   "c1", "<https://w3id.org/kg-toolkit/id/russia>"])
def test_hostile_nodes_are_answered_in_every_format(store, specs, value):
    """Control: these resolve, so the formats are exercised on hostile labels and quotes."""
    assert run_param(store, specs["provenance"], "node", value) == "ok"


def test_every_pack_query_renders_the_hostile_graph(store):
    from kg.query import list_queries, run_spec

    for spec in list_queries():
        if spec.params:
            continue
        bump("query.inputs")
        check_formats(run_spec(spec, store, timeout_s=None).result)


def test_select_of_every_literal_renders_safely(store):
    """All literals of the hostile graph (labels, quotes, texts) through every format."""
    result = store.query("SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLITERAL(?o)) }")
    assert any(CONTROL in (t.value if t else "") for row in result.rows for t in row)
    check_formats(result)


def _cli(args: list[bytes], tmp_path) -> subprocess.CompletedProcess:
    """``kg ARGS`` as a real process: arguments as raw bytes, as a shell would pass them."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"kg", *args],
                          capture_output=True, timeout=HANG_S, cwd=tmp_path, env=env)


@pytest.mark.parametrize("value", [b"North Korea \xed\xa0\x80", b"nk\n} #",
                                   b'"' + b"x" * 100_000 + b'"'])
def test_cli_param_values(hostile_build, tmp_path, value):
    """The command itself: exit 0 with output, or exit 2 with one line naming --param."""
    bump("query.inputs")
    proc = _cli([b"query", b"provenance", b"--build", os.fsencode(hostile_build),
                 b"--format", b"csv", b"--param", b"node=" + value], tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-2000:]
    if proc.returncode == 0:
        list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
        return
    assert proc.returncode == 2, (proc.returncode, err[-500:])
    assert len(err.splitlines()) == 1 and "--param" in err, err[:500]
    assert unsafe_chars(err.rstrip("\n")) == [], err[:300]
    bump("query.clean_errors")


def test_cli_table_of_hostile_labels_is_terminal_safe(hostile_build, tmp_path):
    proc = _cli([b"query", b"provenance", b"--build", os.fsencode(hostile_build),
                 b"--param", b"node=russia"], tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    out = proc.stdout.decode("utf-8")
    assert "Russia" in out and unsafe_chars(out) == [], unsafe_chars(out)


def test_a_deeply_nested_query_file_is_refused_not_a_crash(tmp_path, store):
    """Deep nesting would overflow the stack of the thread running pyoxigraph (this process)."""
    rq = tmp_path / "deep.rq"
    rq.write_text("# title: Deep\n# question: Deep?\n# params: none\nSELECT * WHERE { ?s ?p ?o "
                  "FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }\n", encoding="utf-8")
    from kg.query import run_spec

    bump("query.inputs")
    with pytest.raises(KGError) as info:
        run_spec(rq, store, timeout_s=None)
    assert_clean_error(info.value, where=str(rq))
    assert "nests" in str(info.value)
    bump("query.clean_errors")
