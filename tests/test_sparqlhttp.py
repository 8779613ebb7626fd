"""kg.sparqlhttp: the SPARQLWrapper setup both SPARQL clients share (requests: tests/store,
tests/link, against real loopback servers)."""

from __future__ import annotations

from SPARQLWrapper import JSON, POST

from kg.sparqlhttp import sparql_post


def test_the_form_is_the_callers_and_the_timeout_stays_a_float():
    query = "# Question\n# added in 0.2: asks for nothing\nSELECT * WHERE { ?s ?p ?o }"
    wrapper = sparql_post("http://127.0.0.1:9/query", query, form="SELECT",
                          user_agent="kg-test/1", timeout_s=0.5, return_format=JSON)
    assert wrapper.queryType == "SELECT" and not wrapper.isSparqlUpdateRequest(), (
        wrapper.queryType)
    assert (wrapper.method, wrapper.agent, wrapper.timeout) == (POST, "kg-test/1", 0.5)
    assert wrapper.queryString == query, "the query text must be sent as given"
    assert not wrapper.onlyConneg
    assert sparql_post("http://127.0.0.1:9/query", query, form="SELECT", user_agent="a",
                       timeout_s=1, return_format=JSON, only_conneg=True).onlyConneg
