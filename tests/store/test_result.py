"""kg.store.result: terms as plain strings, triple terms included, and SELECT answers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store.result import QueryResult, lexical, solutions

EX = "http://example.org/"


def test_a_triple_term_reads_as_n_triples():
    triple = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o"))
    result = QueryResult("select", variables=["t", "b", "x"],
                         rows=[(triple, ox.BlankNode("b1"), None)])
    text = f'<<( <{EX}s> <{EX}p> "o" )>>'
    assert lexical(triple) == text
    assert result.values() == [(text, "b1", None)]
    assert result.records() == [{"t": text, "b": "_:b1", "x": None}]


def test_solutions_take_select_answers_only():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o")))
    rows = list(solutions(store.query("SELECT ?o WHERE { ?s ?p ?o }")))
    assert [r["o"].value for r in rows] == ["o"]
    with pytest.raises(TypeError, match="SELECT"):
        solutions(store.query("ASK { ?s ?p ?o }"))
