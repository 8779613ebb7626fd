"""Remote endpoints: push with the Graph Store Protocol, read with the SPARQL Protocol, same
answers (both through kg.sparqlclient)."""

from __future__ import annotations

import json
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import rdflib
from kgtest import HANG_S, refused_port

from kg.errors import EndpointError, QueryError, StoreError
from kg.store import open_store
from kg.store.remote import push_graphs, store_url_for

pytestmark = pytest.mark.server

KGD = "https://w3id.org/kg-toolkit/id/"
PREFIXES = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> ")
QUERIES = [
    ("SELECT ?x ?l WHERE { ?x rdfs:label ?l } ORDER BY ?x ?l", None),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", None),
    ("SELECT ?e ?who WHERE { ?e kg:agent ?who } ORDER BY ?e", None),
    ("SELECT ?x WHERE { ?x rdfs:label ?l }", {"l": rdflib.Literal("North Korea", lang="en")}),
    ("SELECT ?x WHERE { ?x rdfs:label ?l FILTER(STR(?l) = ?name) }",
     {"name": "United States — “U.S.” ’s"}),
    ("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }", None),
    ("ASK { ?x kg:partner ?y }", None),
]


def test_push_then_query_gives_the_embedded_answers(oxigraph_union, sample_nq, sample_store):
    sent = push_graphs(sample_nq, oxigraph_union)
    assert sent[KGD + "graph/doc/b"] == 6, sent
    with open_store(sample_store) as local, open_store(oxigraph_union + "/query") as remote:
        assert remote.graphs() == local.graphs()
        for query, bindings in QUERIES:
            want = local.query(PREFIXES + query, bindings=bindings)
            got = remote.query(PREFIXES + query, bindings=bindings, timeout_s=HANG_S)
            assert (got.kind, got.variables, got.rows, got.boolean) == (
                want.kind, want.variables, want.rows, want.boolean), query
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        assert set(remote.query(construct)) == set(local.query(construct))


def test_push_replaces_graphs_and_keeps_others(oxigraph_union, sample_nq, tmp_path):
    other = tmp_path / "other.nq"
    other.write_text('<http://e/s> <http://e/p> "kept" <http://e/other> .\n'
                     f'<http://e/s> <http://e/p> "old" <{KGD}graph/doc/a> .\n', encoding="utf-8")
    push_graphs(other, oxigraph_union)
    push_graphs(sample_nq, oxigraph_union)
    push_graphs(sample_nq, oxigraph_union)  # idempotent
    with open_store(oxigraph_union) as remote:
        objects = {r[0] for r in remote.query("SELECT ?o WHERE { <http://e/s> ?p ?o }").values()}
        n = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value
    assert objects == {"kept"}, objects  # doc/a was replaced, the foreign graph kept
    assert n == "14", n


def test_without_union_default_graph_the_endpoint_sees_nothing(oxigraph_plain, sample_nq):
    """Why kg serve and the docs insist on --union-default-graph: SPARQL's default graph."""
    push_graphs(sample_nq, oxigraph_plain)
    with open_store(oxigraph_plain) as remote:
        assert remote.query("ASK { ?s ?p ?o }").boolean is False
        assert remote.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean is True


def test_error_after_streaming_started_is_caught(oxigraph_union_2s, tmp_path, grid_writer,
                                                  cross_join):
    """Oxigraph cancels at its --timeout-s (2 s here) but has already sent HTTP 200.

    The client's own timeout is far beyond the server's, so only the server's cancel can
    end the query, however slow the machine (a client timeout of 8 s once came first)."""
    push_graphs(grid_writer(tmp_path / "grid.nq", 3000), oxigraph_union_2s)
    with open_store(oxigraph_union_2s) as remote:
        with pytest.raises(EndpointError, match="incomplete"):
            remote.query(cross_join, timeout_s=HANG_S)


def test_client_timeout(oxigraph_union, tmp_path, grid_writer, long_query, monkeypatch):
    """The query would run for hours and the server's own timeout is a hang guard, so the
    call returning at all shows the client's 1 s timeout stopped it. The answer size cap
    is lifted: a fast machine streams the SELECT's rows past 512 MiB within the second."""
    monkeypatch.setenv("KG_MAX_RESPONSE_BYTES", str(1 << 50))
    push_graphs(grid_writer(tmp_path / "grid.nq", 3000), oxigraph_union)
    with open_store(oxigraph_union) as remote:
        with pytest.raises(EndpointError, match="timed out after 1 s"):
            remote.query(long_query, timeout_s=1)


def test_refusals_happen_before_any_request(oxigraph_union):
    with open_store(oxigraph_union) as remote:
        for q in ("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }",
                  "LOAD <http://example.org/x>", "CLEAR ALL"):
            with pytest.raises(QueryError):
                remote.query(q)
        with pytest.raises(QueryError, match="rejected"):
            remote.query("SELECT * WHERE { ?s ?p }")


def test_remote_writes_need_read_write(oxigraph_union, sample_nq):
    doc_a = KGD + "graph/doc/a"
    with open_store(oxigraph_union) as remote:
        with pytest.raises(StoreError, match="read-only"):
            remote.replace_graph(doc_a, sample_nq)
    with open_store(oxigraph_union, read_only=False) as remote:
        remote.load_nquads(sample_nq)
        assert len(remote.graphs()) == 4


def test_unreachable_endpoint_is_an_endpoint_error():
    with refused_port() as port, open_store(f"http://127.0.0.1:{port}/query") as remote:
        with pytest.raises(EndpointError, match="127.0.0.1.* cannot be reached"):
            remote.query("ASK { ?s ?p ?o }", timeout_s=HANG_S)


def test_store_url_is_derived_from_the_query_url():
    assert store_url_for("http://h:7878/query") == "http://h:7878/store"
    assert store_url_for("http://h:7878") == "http://h:7878/store"
    assert store_url_for("http://h/x/sparql") == "http://h/x/store"


def test_union_graph_is_a_multiset_in_oxigraph_0_5(oxigraph_union, tmp_path):
    """oxigraph#1919: a triple in two graphs matches twice on both sides (fixed after 0.5.13).

    If this starts failing after an upgrade, the union became a set: update docs/scaling.md.
    """
    twice = tmp_path / "twice.nq"
    twice.write_text('<http://e/s> <http://e/p> "x" <http://e/g1> .\n'
                     '<http://e/s> <http://e/p> "x" <http://e/g2> .\n', encoding="utf-8")
    push_graphs(twice, oxigraph_union)
    q = "SELECT (COUNT(*) AS ?n) WHERE { <http://e/s> <http://e/p> ?o }"
    with open_store(None, read_only=False) as local, open_store(oxigraph_union) as remote:
        local.load_nquads(twice)
        assert local.query(q).values() == [("2",)]
        assert remote.query(q).values() == [("2",)]
        distinct = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { <http://e/s> <http://e/p> ?o }"
        assert remote.query(distinct).values() == local.query(distinct).values() == [("1",)]


# The form is the one the query's tokens say (kg.store.guard): words in comments ("added" ->
# ADD, "asks" -> ASK, "selects" -> SELECT) once decided what SPARQLWrapper's guess sent.
COMMENTED = [
    ("# Question: who did what\n# This query was added in 0.2.\n{P}\n"
     "SELECT ?x ?l WHERE { ?x rdfs:label ?l } ORDER BY ?x ?l"),
    ("{P}\nPREFIX ex: <http://example.org/>  # added for the example\n"
     "SELECT ?x ?l WHERE { ?x rdfs:label ?l } ORDER BY ?x ?l"),
    ("# Question: the labelled things\n# asks the graph for every label\n{P}\n"
     "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x rdfs:label ?l }"),
    ("# Question: is anyone a partner\n# selects nothing, just answers\n{P}\n"
     "ASK { ?x kg:partner ?y }"),
    ("# Question: labels\n# Loads nothing; drops nothing; copies, moves, clears nothing.\n{P}\n"
     "DESCRIBE ?x WHERE { ?x rdfs:label \"North Korea\"@en }"),
    ('{P} SELECT ?x WHERE { ?x rdfs:label ?l FILTER(STR(?l) != "# added, asks") } ORDER BY ?x'),
]


@pytest.mark.parametrize("template", COMMENTED, ids=range(len(COMMENTED)))
def test_words_in_comments_do_not_change_what_is_sent(oxigraph_union, sample_nq, sample_store,
                                                      template):
    query = template.replace("{P}", PREFIXES)
    push_graphs(sample_nq, oxigraph_union)
    with open_store(sample_store) as local, open_store(oxigraph_union) as remote:
        want = local.query(query)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = remote.query(query, timeout_s=HANG_S)
        guessed = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
        assert not guessed, (query, guessed)
        assert want.kind == got.kind, (query, want.kind, got.kind)
        if want.kind == "graph":
            assert set(got) == set(want) and len(want) > 0, query
        else:
            assert (got.variables, got.rows, got.boolean) == (
                want.variables, want.rows, want.boolean), query


@pytest.mark.parametrize("url,why", [("http://[::1", "is no valid URL"),
                                     ("gopher://example.org/", "not an http"),
                                     ("file:///etc/passwd", "not an http")])
def test_an_endpoint_that_is_no_http_url_is_an_endpoint_error(url, why):
    """Regression: these were a ValueError or a TypeError (a traceback in kg query)."""
    with pytest.raises(EndpointError, match=why):
        open_store(url, timeout_s=5)


# An endpoint that answers every query with one fixed SPARQL JSON document, whatever was asked
BOOLEAN = json.dumps({"head": {}, "boolean": True}).encode()
BINDINGS = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
    {"s": {"type": "uri", "value": "http://e/s"}}]}}).encode()


@pytest.fixture
def answers_with():
    """Start a loopback HTTP server whose every answer is ``body`` (SPARQL JSON, 200); return
    its query URL, with a user and password in it."""
    servers: list[ThreadingHTTPServer] = []

    def start(body: bytes) -> str:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        servers.append(server)
        return f"http://reader:s3cret@127.0.0.1:{server.server_address[1]}/query"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("query,body,told", [
    ("SELECT ?s WHERE { ?s ?p ?o }", BOOLEAN,
     "the answer to a SELECT query is a boolean (the form of an ASK query's), not bindings"),
    ("ASK { ?s ?p ?o }", BINDINGS,
     "the answer to an ASK query is bindings (the form of a SELECT query's), not a boolean"),
], ids=["select-answered-as-ask", "ask-answered-as-select"])
def test_an_answer_of_another_form_than_the_query_is_an_endpoint_error(answers_with, capsys,
                                                                       query, body, told):
    """Regression: a SELECT query that an endpoint answered with a boolean printed "true"
    (and an ASK answered with bindings printed a table). An answer must have the form of its
    query; any other is an EndpointError naming the endpoint (its password hidden), one line."""
    from kg.cli import main

    url = answers_with(body)
    shown = url.replace("reader:s3cret@", "reader:***@")
    with open_store(url, timeout_s=HANG_S) as remote, pytest.raises(EndpointError) as info:
        remote.query(query)
    assert str(info.value) == f"{shown}: {told}", info.value
    assert main(["query", "-e", query, "--endpoint", url, "--timeout", str(HANG_S)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kg query: error: {shown}: {told}\n"), (out, err)
