"""Property tests: the guard never refuses data, bindings round-trip any string exactly."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.store import open_store
from kg.store.bind import bind_values, term_sparql
from kg.store.guard import check_query, tokenize

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_any_string_bound_as_a_literal_round_trips(value):
    with open_store() as store:
        store._store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"),
                                 ox.Literal(value), ox.NamedNode("http://e/g")))
        got = store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"o": value}).values()
    assert got == [("http://e/x",)], (value, got)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_literals_never_trigger_the_guard(value):
    comment = value.splitlines()[0] if value.splitlines() else ""
    query = f"SELECT ?s WHERE {{ ?s ?p {term_sparql(value)} }} # {comment}"
    assert check_query(query) == "SELECT"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_tokenizer_fails_only_with_query_errors(text):
    try:
        tokenize(text)
        check_query(text)
    except QueryError:
        pass


@pytest.mark.parametrize("word", ["service", "SERVICE", "Service", "load", "INSERT", "drop"])
def test_keyword_in_a_prefixed_name_or_iri_is_data(word):
    q = (f"PREFIX {word}: <http://example.org/{word}#> "
         f"SELECT ?s WHERE {{ ?s {word}:{word} <http://example.org/{word}> }}")
    assert check_query(q) == "SELECT"


def test_bound_text_is_valid_sparql_for_tricky_values():
    for value in ['"', "'", "\\", "\n", "}", "# not a comment", "<http://x>", "\u0000", "é"]:
        text = bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": value})
        with open_store() as store:
            assert store.query(text).rows == [], value
