"""Hostile labels are escaped literals: they cannot change the query (no splicing anywhere)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.link.enrich import facts_query
from kg.link.reconcile import match_query, propose
from kg.store import open_store

HOSTILE = [
    'North Korea" }',
    'x"@en } ?item ?via ?anything . #',
    '"@en } UNION { ?item ?p ?o } #',
    "back\\slash",
    "trailing backslash \\",
    "x\\u0022 } UNION { ?item ?via ?label } #",  # a \u escape written out, not a quote
    "new\nline",
    "carriage\rreturn",
    "tab\there",
    "} } } ;",
    "# a comment",
    "<http://www.wikidata.org/entity/Q423>",
    "> < >>",
    "SELECT * WHERE { ?s ?p ?o }",
    "DROP ALL ; INSERT DATA { <a> <b> <c> }",
    "SERVICE <http://example.org/sparql> { }",
    "'''triple single'''",
    '"""triple double"""',
    "\x00\x01 control",
    "emoji 😀 and ünïcödé",
]
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def store_with_labels(labels: list[str]) -> ox.Store:
    """Items wd:Q1.. whose rdfs:label@en is exactly each label, plus a decoy for 'North Korea'."""
    store = ox.Store()
    for i, text in enumerate(labels, 1):
        store.add(ox.Quad(ox.NamedNode(f"http://www.wikidata.org/entity/Q{i}"),
                          ox.NamedNode(LABEL), ox.Literal(text, language="en")))
    store.add(ox.Quad(ox.NamedNode("http://www.wikidata.org/entity/Q999999"),
                      ox.NamedNode(LABEL), ox.Literal("North Korea", language="en")))
    return store


def matches(store: ox.Store, labels: list[str]) -> list[tuple[str, str]]:
    return sorted((s["label"].value, s["item"].value.rsplit("/", 1)[1])
                  for s in store.query(match_query(labels, "en")))


def test_each_hostile_label_matches_exactly_itself():
    store = store_with_labels(HOSTILE)
    want = sorted((text, f"Q{i}") for i, text in enumerate(HOSTILE, 1))
    assert matches(store, HOSTILE) == want


def test_hostile_labels_do_not_change_the_query_shape():
    """The query text differs only inside the VALUES block, which holds one literal per label."""
    plain = match_query(["a"], "en")
    for text in HOSTILE:
        query = match_query([text], "en")
        head, _, rest = query.partition("VALUES ?label { ")
        literal, _, tail = rest.partition(' }\n  ?item ?via ?label .')
        assert (head, tail) == (plain.partition("VALUES ?label { ")[0],
                                plain.partition(' }\n  ?item ?via ?label .')[2]), text
        assert ox.Literal(text, language="en") == _parse_literal(literal), (text, literal)
        assert "\n" not in literal and "\r" not in literal, literal


def _parse_literal(text: str) -> ox.Literal:
    """Read back one serialized literal with a real parser."""
    doc = f"<http://x/s> <http://x/p> {text} ."
    (triple,) = ox.parse(doc, format=ox.RdfFormat.N_TRIPLES)
    return triple.object


def test_hostile_language_tags_are_refused():
    with pytest.raises(ValueError):
        match_query(["x"], 'en" } #')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), min_size=1,
                max_size=4, unique=True))
def test_any_text_round_trips_through_the_query(labels):
    store = store_with_labels(labels)
    want = sorted((text, f"Q{i}") for i, text in enumerate(labels, 1))
    want += [("North Korea", "Q999999")] if "North Korea" in labels else []
    assert matches(store, labels) == sorted(want)


@pytest.mark.server
def test_hostile_labels_in_the_graph_reach_the_server_safely(make_build, proxy, config_for):
    lines = ["@prefix kg: <https://w3id.org/kg-toolkit/ontology#> .",
             "<https://w3id.org/kg-toolkit/id/graph/doc/hostile> {"]
    for i, text in enumerate(HOSTILE):
        lit = str(ox.Literal(text))
        lines.append(f"<https://w3id.org/kg-toolkit/id/hostile-{i}> a kg:Organization ; "
                     f"<{LABEL}> {lit} .")
    build = make_build("\n".join(lines + ["}"]))
    with open_store(build / "store") as store:
        result = propose(store, config=config_for(proxy.url, build))
    assert proxy.count == 1, proxy.count
    by_id: dict[str, str] = {}
    for p in result.proposals:
        by_id.setdefault(p.id, p.candidate)
    hostile = {k: v for k, v in by_id.items() if k.startswith("hostile-")}
    assert len(hostile) == len(HOSTILE) and set(hostile.values()) == {""}, hostile
    assert by_id["north-korea"] == "Q423", by_id


def test_item_ids_are_written_as_validated_iris():
    query = facts_query(["Q423", "Q884"], config=_config())
    assert "<http://www.wikidata.org/entity/Q423>" in query
    with pytest.raises(ValueError):
        facts_query(["Q1> } DROP ALL { <x"], config=_config())


def _config():
    from kg.link.config import LinkConfig

    return LinkConfig(endpoint="http://127.0.0.1:9/query")
