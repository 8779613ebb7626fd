"""kg serve answers the SPARQL 1.1 Protocol as third-party clients expect it: SPARQLWrapper,
the common Python client, used exactly as its documentation shows (its defaults: GET, XML
results, the query form guessed from the text; then JSON, and RDF for CONSTRUCT).

The project's own requests go through kg.sparqlclient (README, "Dependencies, and why").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib
from kgtest import HANG_S
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.server.launch import Server, serve

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def server(sample_store) -> Iterator[Server]:
    with serve(sample_store, port=0, timeout_s=HANG_S) as srv:
        yield srv


def wrapper(srv: Server, query: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(srv.query_url, agent="kg-tests (SPARQLWrapper interoperability)")
    sparql.setQuery(query)
    return sparql


def test_defaults_get_and_xml(server):
    doc = wrapper(server, COUNT).query().convert()  # an xml.dom.minidom Document
    literals = doc.getElementsByTagName("literal")
    assert [n.firstChild.data for n in literals] == ["13"], doc.toxml()[:300]


def test_json_results_by_get_and_post(server):
    for method in (None, POST):
        sparql = wrapper(server, COUNT)
        sparql.setReturnFormat(JSON)
        if method:
            sparql.setMethod(method)
        result = sparql.query().convert()
        assert result["results"]["bindings"][0]["n"]["value"] == "13", result


def test_ask_and_construct(server):
    sparql = wrapper(server, "ASK { ?s ?p ?o }")
    sparql.setReturnFormat(JSON)
    assert sparql.query().convert()["boolean"] is True
    sparql = wrapper(server, "CONSTRUCT WHERE { ?s a ?t }")
    sparql.setReturnFormat(XML)  # RDF/XML for a graph, parsed by rdflib
    graph = sparql.query().convert()
    assert isinstance(graph, rdflib.Graph) and len(graph) > 0
    assert any("MissileTest" in str(o) for o in graph.objects()), graph.serialize()


def test_a_bad_query_raises_its_documented_exception(server):
    sparql = wrapper(server, "SELECT ?x WHERE { ?x ")
    sparql.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        sparql.query()
