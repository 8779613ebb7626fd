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


@pytest.mark.parametrize("form,body,told", [
    ("SELECT", b'{"head": {}, "boolean": false}', "the answer to a SELECT query is a boolean "
                                                   "(the form of an ASK query's), not bindings"),
    ("ask", b'{"head": {"vars": []}, "results": {"bindings": []}}',
     "the answer to an ASK query is bindings (the form of a SELECT query's), not a boolean"),
    ("CONSTRUCT", b'{"head": {}, "boolean": true}', "the answer to a CONSTRUCT query is a "
                                                     "boolean (the form of an ASK query's), "
                                                     "not triples"),
])
def test_a_json_answer_of_another_form_than_its_query_is_refused(form, body, told):
    """Even an empty or false one: what an endpoint answered is not what was asked
    (tests/store/test_remote.py has the same against a loopback endpoint)."""
    from kg.errors import EndpointError
    from kg.store.result import result_from_json

    with pytest.raises(EndpointError) as info:
        result_from_json(body, source="http://e/q", form=form)
    assert str(info.value) == f"http://e/q: {told}", info.value
    assert result_from_json(body, source="http://e/q").kind in ("select", "ask")
