"""kg:begin and kg:end are typed at their precision (kg:partialDate: xsd:gYear, xsd:gYearMonth,
xsd:date): each precision round-trips through the graph and the exports, a query filters and
sorts them the same way on the store and on rdflib, and SHACL refuses an untyped date."""

from __future__ import annotations

import re

import pytest
from kgtest import TINY_TEXT, TINY_YAML, write_corpus

from kg.build import build
from kg.store import open_store

XSD = "http://www.w3.org/2001/XMLSchema#"
KG = "https://w3id.org/kg-toolkit/ontology#"
TIMES = """\
  - id: t-year
    type: TimeSpan
    quote: "2022"
    begin: "2022"
    end: "2022"
    precision: Year
  - id: t-day
    type: TimeSpan
    quote: UN
    begin: 2022-05-26
    end: 2022-05-26
    precision: Day
  - id: t-open
    type: TimeSpan
    quote: resolution
    begin: 2021-12
    precision: OpenInterval
"""
# t1 (already in the tiny corpus): begin 2022-09, end 2022-09, precision Month
WANT = {("t1", "begin", "2022-09", "gYearMonth"), ("t1", "end", "2022-09", "gYearMonth"),
        ("t-year", "begin", "2022", "gYear"), ("t-year", "end", "2022", "gYear"),
        ("t-day", "begin", "2022-05-26", "date"), ("t-day", "end", "2022-05-26", "date"),
        ("t-open", "begin", "2021-12", "gYearMonth")}
DATES = re.compile(r'^<https://w3id\.org/kg-toolkit/id/doc/tiny/([\w-]+)> '
                   r'<https://w3id\.org/kg-toolkit/ontology#(begin|end)> '
                   r'"([^"]*)"\^\^<http://www\.w3\.org/2001/XMLSchema#(\w+)> ', re.M)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dates")
    write_corpus(folder / "src", TINY_YAML + TIMES, TINY_TEXT)
    return build(folder / "src", out=folder / "build")


def test_each_precision_is_written_with_its_datatype(built):
    text = built.nquads.read_text(encoding="utf-8")
    assert set(DATES.findall(text)) == WANT, DATES.findall(text)
    # no untyped begin/end is left, and the node IRIs are the items' own
    assert not re.search(r'ontology#(begin|end)> "[^"]*" ', text)
    assert "<https://w3id.org/kg-toolkit/id/doc/tiny/t-day> " in text


def test_the_owl_time_instant_carries_the_same_typed_literal(built):
    text = built.nquads.read_text(encoding="utf-8")
    assert ('<https://w3id.org/kg-toolkit/id/doc/tiny/t-year/begin> '
            '<http://www.w3.org/2006/time#inXSDgYear> "2022"^^<http://www.w3.org/2001/XMLSchema'
            '#gYear>') in text


QUERY = """SELECT ?span ?begin WHERE {
  ?span kg:begin ?begin .
  FILTER(STR(?begin) >= "2022")
} ORDER BY STR(?begin) ?span"""


def test_a_query_filters_and_sorts_dates_the_same_on_the_store_and_on_rdflib(built):
    import rdflib

    from kg.query.prefixes import with_prefixes

    with open_store(built.out / "store") as store:
        ox_rows = [(r["span"].value.rsplit("/", 1)[1], r["begin"].value, r["begin"].datatype.value)
                   for r in store.query(with_prefixes(QUERY)).dicts()]
    ds = rdflib.Dataset(default_union=True)
    ds.parse(built.nquads, format="nquads")
    rdf_rows = [(str(r.span).rsplit("/", 1)[1], str(r.begin), str(r.begin.datatype))
                for r in ds.query(with_prefixes(QUERY))]
    # coarser first within a year: 2022 < 2022-05-26 < 2022-09, whatever the datatypes
    assert ox_rows == rdf_rows == [("t-year", "2022", XSD + "gYear"),
                                   ("t-day", "2022-05-26", XSD + "date"),
                                   ("t1", "2022-09", XSD + "gYearMonth")], (ox_rows, rdf_rows)


@pytest.mark.parametrize("fmt", ["brat", "webanno"])
def test_each_precision_round_trips_through_the_exports(built, tmp_path, fmt):
    from kg.export.webanno import corpus_from_store

    with open_store(built.out / "store") as store:
        corpus = corpus_from_store(store)
    items = {it.id: it for d in corpus for it in d.items}
    for span, key, value, _ in WANT:
        assert items[span].values[key] == [value], (span, key, items[span].values)
    if fmt == "brat":
        from kg.export.brat import export_corpus
    else:
        from kg.export.webanno import export_corpus
    export_corpus(corpus, tmp_path / fmt)
    files = sorted((tmp_path / fmt).glob("*.ann" if fmt == "brat" else "*.jsonld"))
    again = build(*files, out=tmp_path / "again")
    text = again.nquads.read_text(encoding="utf-8")
    assert set(DATES.findall(text)) == WANT, DATES.findall(text)


def test_shacl_refuses_an_untyped_date(built, tmp_path):
    from kg.validation import validate

    assert validate(built.nquads).conforms
    text = built.nquads.read_text(encoding="utf-8")
    untyped = text.replace('t-day> <https://w3id.org/kg-toolkit/ontology#begin> '
                           '"2022-05-26"^^<http://www.w3.org/2001/XMLSchema#date> ',
                           't-day> <https://w3id.org/kg-toolkit/ontology#begin> "2022-05-26" ')
    assert untyped != text
    (tmp_path / "graph.nq").write_text(untyped, encoding="utf-8")
    report = validate(tmp_path / "graph.nq")
    assert not report.conforms
    assert any("begins at a partial date" in f.message and f.focus.endswith("t-day")
               for f in report.findings), report.findings
