"""Drift tests for the question pack: every query file has its header and parses."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query.pack import check_syntax, list_queries, load_query, pack_dir, parse_header

REQUIRED = {
    "alignment", "blocked-resolutions", "missile-tests", "motives", "nll-challenges",
    "responses", "claims-by-modality", "timeline", "opposition", "policy-objectives",
    "provenance", "actor-profile", "wikidata-links",
}
PACK_FILES = sorted(pack_dir().glob("*.rq"))
HEADER = re.compile(r"^# title: .+\n# question: .+\n"
                    r"(# params: none\n|(# param: [A-Za-z_]\w* =[^\n]* — .+\n)+)")


def test_the_pack_has_every_required_question():
    names = {spec.name for spec in list_queries()}
    assert REQUIRED <= names, sorted(REQUIRED - names)


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.stem for p in PACK_FILES])
def test_query_file_has_the_header_block(path):
    text = path.read_text(encoding="utf-8")
    assert HEADER.match(text), f"{path}: header must open with title, question, params lines"
    spec = parse_header(text, path)
    assert spec.title and spec.question.strip(), spec


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.stem for p in PACK_FILES])
def test_query_file_parses(path):
    text = path.read_text(encoding="utf-8")
    assert check_syntax(text, path) in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    ox.Store().query(text)  # the engine's own parser, independently of the helper


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.stem for p in PACK_FILES])
def test_parameters_are_variables_of_the_query(path):
    spec = parse_header(path.read_text(encoding="utf-8"), path)
    for param in spec.params:
        assert re.search(rf"\?{param.name}\b", spec.text), (path, param.name)


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.stem for p in PACK_FILES])
def test_a_detail_line_names_a_pack_question_with_the_same_parameters(path):
    spec = parse_header(path.read_text(encoding="utf-8"), path)
    if not spec.detail:
        return
    detail = load_query(spec.detail)
    assert not detail.detail, (path, "a detail query has no detail of its own")
    assert [p.name for p in detail.params] == [p.name for p in spec.params], path
    assert (detail.page is None) == (spec.page is None), path


def test_alignment_names_its_full_rows():
    spec = load_query("alignment")
    assert (spec.detail, spec.detail_description) == (
        "alignment-detail", "one row per tie, claim and anchor"), spec


def test_a_malformed_detail_line_names_file_and_line():
    text = "# title: T\n# question: Q?\n# params: none\n# detail: Not A Name\nSELECT * {}"
    with pytest.raises(QueryError, match=r"x\.rq:4: malformed detail line"):
        parse_header(text, "x.rq")


def test_parameterized_questions_declare_their_parameter():
    assert [p.name for p in load_query("provenance").params] == ["node"]
    assert [p.name for p in load_query("actor-profile").params] == ["actor"]
    assert load_query("provenance").params[0].required


def test_header_parser_reads_defaults_and_descriptions():
    text = ("# title: T\n# question: Q?\n# param: who = north-korea — the actor\n"
            "# param: node = — any node\nSELECT ?who ?node WHERE {}\n")
    spec = parse_header(text, "x.rq")
    assert [(p.name, p.default, p.description) for p in spec.params] == [
        ("who", "north-korea", "the actor"), ("node", None, "any node")], spec.params


@pytest.mark.parametrize("text, where", [
    ("SELECT * WHERE {}\n", "x.rq:1"),
    ("# title: T\nSELECT * WHERE {}\n", "x.rq:2"),
    ("# title: T\n# question: Q\nSELECT * WHERE {}\n", "x.rq:3"),
    ("# title: T\n# question: Q\n# param: bad line\nSELECT * WHERE {}\n", "x.rq:3"),
])
def test_bad_header_names_file_and_line(text, where):
    with pytest.raises(QueryError) as exc:
        parse_header(text, "x.rq")
    assert where in str(exc.value), exc.value


def test_malformed_query_gives_line_and_column(tmp_path):
    bad = tmp_path / "broken.rq"
    bad.write_text("# title: Broken\n# question: Does it parse?\n# params: none\n"
                   "SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTR(?x)\n}\n", encoding="utf-8")
    with pytest.raises(QueryError) as exc:
        load_query(bad)
    message = str(exc.value)
    # Line 6 holds the misspelt FILTER; the column is where the parser gave up.
    assert re.search(r"broken\.rq:6:\d+: malformed query", message), message
    assert "\n" not in message, message


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError) as exc:
        load_query("alignmnet")
    message = str(exc.value)
    assert "unknown query 'alignmnet'" in message, message
    assert "did you mean alignment" in message, message
    for name in REQUIRED:
        assert name in message, (name, message)


def test_a_query_file_refusing_service_names_the_file(tmp_path):
    bad = tmp_path / "remote.rq"
    bad.write_text("# title: R\n# question: Q\n# params: none\n"
                   "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n")
    with pytest.raises(QueryError, match=r"remote\.rq: SERVICE"):
        load_query(bad)


def test_a_query_file_saved_with_a_byte_order_mark_runs(tmp_path):
    """Regression: a file saved by Notepad (UTF-8 with a BOM) was refused: 'cannot read the
    query at character 0: '\\ufeffSELECT ...''."""
    path = tmp_path / "bom.rq"
    path.write_bytes(b"\xef\xbb\xbf# title: B\n# question: Q\n# params: none\n"
                     b"SELECT ?s WHERE { ?s ?p ?o }\n")
    spec = load_query(path)
    assert spec.title == "B" and "\ufeff" not in spec.text, spec
