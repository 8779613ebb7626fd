"""The embedded store: union-graph semantics, safe bindings, refusals, timeouts, writes."""

from __future__ import annotations

import os
import threading

import pyoxigraph as ox
import pytest
import rdflib
from kgtest import HANG_S

from kg.errors import QueryError, StoreError, UsageError
from kg.store import open_store

KGD = "https://w3id.org/kg-toolkit/id/"
LABELS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def test_queries_see_the_union_of_named_graphs(sample_store):
    with open_store(sample_store) as store:
        rows = store.query(LABELS + "SELECT ?l WHERE { ?x rdfs:label ?l } ORDER BY ?l").values()
        per_graph = store.query(
            LABELS + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?x rdfs:label ?l } } "
            "GROUP BY ?g ORDER BY ?g").values()
    assert [r[0] for r in rows] == ["Nordkorea", "North Korea", "South Korea",
                                    "United States — “U.S.” ’s"], rows
    assert per_graph == [(KGD + "graph/doc/a", "1"), (KGD + "graph/doc/b", "3")], per_graph


def test_ask_and_construct(sample_store):
    with open_store(sample_store) as store:
        assert store.query("ASK { ?s ?p ?o }").boolean is True
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + KGD
                              + "graph/provenance> { ?s ?p ?o } }")
    assert triples.kind == "graph" and len(triples) == 2, triples


@pytest.mark.parametrize("value", [
    'North Korea',
    rdflib.Literal("North Korea", lang="en"),
    ox.Literal("North Korea", language="en"),
])
def test_bindings_match_only_the_exact_term(sample_store, value):
    q = LABELS + "SELECT ?x WHERE { ?x rdfs:label ?label }"
    with open_store(sample_store) as store:
        got = store.query(q, bindings={"label": value}).values()
    want = [] if isinstance(value, str) and type(value) is str else [(KGD + "north-korea",)]
    assert got == want, got


def test_binding_an_iri_and_an_unprojected_variable(sample_store):
    q = ("PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> "
         "SELECT ?e WHERE { ?e kg:agent ?who } ORDER BY ?e")
    with open_store(sample_store) as store:
        got = store.query(q, bindings={"who": rdflib.URIRef(KGD + "south-korea")}).values()
    assert got == [(KGD + "doc/b/ev1",)], got


def test_injection_through_a_binding_is_just_a_string(sample_store):
    evil = '"} } ; DROP ALL ; SELECT * { ?s ?p "'
    q = LABELS + "SELECT ?x WHERE { ?x rdfs:label ?label FILTER(STR(?label) = ?name) }"
    with open_store(sample_store) as store:
        assert store.query(q, bindings={"name": evil}).rows == []
        assert store.query(q, bindings={"name": "South Korea"}).values() == [
            (KGD + "south-korea",)]
        assert len(store.graphs()) == 4


def test_binding_in_a_subselect_and_in_construct(sample_store):
    sub = LABELS + "SELECT ?x WHERE { { SELECT ?x ?l WHERE { ?x rdfs:label ?l } } }"
    cons = LABELS + "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x rdfs:label ?l }"
    with open_store(sample_store) as store:
        got = store.query(sub, bindings={"l": "South Korea"}).values()
        triples = store.query(cons, bindings={"x": ox.NamedNode(KGD + "north-korea")})
    assert got == [(KGD + "south-korea",)], got
    assert len(triples) == 2, list(triples)


def test_unknown_parameter_and_bad_iri_are_query_errors(sample_store):
    with open_store(sample_store) as store:
        with pytest.raises(QueryError, match=r"\?nope"):
            store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"nope": "x"})
        with pytest.raises(QueryError):
            store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"o": rdflib.URIRef("a b>")})


@pytest.mark.parametrize("query, reason", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }", "Update"),
    ("DELETE WHERE { ?s ?p ?o }", "Update"),
    ("DROP ALL", "Update"),
])
def test_refused_queries(sample_store, query, reason):
    with open_store(sample_store) as store:
        with pytest.raises(QueryError, match=reason):
            store.query(query)
        assert len(store.graphs()) == 4


def test_keywords_inside_strings_comments_and_iris_are_fine(sample_store):
    q = ('SELECT ?s WHERE { ?s ?p ?o FILTER(?o != "SERVICE <http://x> LOAD") '
         "FILTER(?p != <http://example.org/SERVICE>) }  # SERVICE INSERT DROP")
    with open_store(sample_store) as store:
        assert len(store.query(q)) == 13


def test_malformed_query_is_a_query_error(sample_store):
    with open_store(sample_store) as store:
        with pytest.raises(QueryError):
            store.query("SELECT * WHERE { ?s ?p }")
        with pytest.raises(QueryError):
            store.query("SELECT * WHERE { ?s ?p }", timeout_s=HANG_S)


def test_timeout_stops_a_long_query_and_the_store_stays_usable(grid_store, long_query):
    with open_store(grid_store) as store:
        # The query would run for hours on any machine: that the call returns at all shows it
        # was stopped (no wall-clock assertion: a loaded machine may take seconds to start the
        # child that runs it).
        with pytest.raises(QueryError, match="0.5 s timeout"):
            store.query(long_query, timeout_s=0.5)
        n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout_s=HANG_S).rows[0][0]
        assert n.value == "3000", n


def test_timed_queries_answer_like_untimed_ones(sample_store):
    q = LABELS + "SELECT ?x ?l WHERE { ?x rdfs:label ?l } ORDER BY ?l"
    with open_store(sample_store) as store:
        assert store.query(q, timeout_s=HANG_S).rows == store.query(q).rows
        assert store.query("ASK { ?s ?p ?o }", timeout_s=HANG_S).boolean is True
        assert len(store.query("CONSTRUCT WHERE { ?s ?p ?o }", timeout_s=HANG_S)) == 13


def test_memory_store_timeout(tmp_path, grid_writer):
    """In memory the query runs in a thread the caller stops waiting for; this one (9 M pairs,
    seconds of work on any machine, against a deadline of a millisecond) then finishes on its
    own instead of burning a core for the rest of the run."""
    pairs = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?p2 ?o2 . "
             "FILTER(STR(?o) < STR(?o2)) }")
    with open_store(None, read_only=False) as store:
        store.load_nquads(grid_writer(tmp_path / "grid.nq", 3000))
        with pytest.raises(QueryError, match="timeout"):
            store.query(pairs, timeout_s=0.001)


def test_the_deadline_stops_waiting_for_work_that_has_not_finished():
    """The in-memory deadline itself, with work that cannot finish before the test lets it."""
    from kg.store.embedded import _with_deadline

    release, done = threading.Event(), threading.Event()

    def work() -> str:
        release.wait()
        done.set()
        return "late"

    with pytest.raises(QueryError, match="exceeded the 0.01 s timeout"):
        _with_deadline(work, 0.01, what="query")
    release.set()
    done.wait()
    assert _with_deadline(lambda: "answer", 3600, what="query") == "answer"


def test_read_only_store_refuses_writes(sample_store, sample_nq):
    with open_store(sample_store) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.load_nquads(sample_nq)


def test_replace_graph_on_a_writable_store(sample_nq, tmp_path):
    doc_a = KGD + "graph/doc/a"
    new = tmp_path / "a.nt"
    new.write_text('<http://e/s> <http://e/p> "replaced" .\n', encoding="utf-8")
    with open_store(tmp_path / "rw", read_only=False) as store:
        store.load_nquads(sample_nq)
        store.replace_graph(doc_a, new)
        got = store.query(f"SELECT ?o WHERE {{ GRAPH <{doc_a}> {{ ?s ?p ?o }} }}").values()
        assert got == [("replaced",)], got
        assert len(store.graphs()) == 4


def test_missing_store_directory(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path / "nothing")


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="reads /proc (Linux)")
def test_a_capped_query_process_keeps_few_malloc_arenas(grid_store, monkeypatch):
    """Regression: with an address-space cap a fresh query process died while starting
    (status -6) on a loaded machine: glibc reserves 64 MB of address space per malloc arena.
    A capped child runs with two arenas unless the environment says otherwise; an uncapped one
    with the environment as it is."""
    from kg.store.worker import QueryWorker

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    for limit, wanted in ((800, b"MALLOC_ARENA_MAX=2"), (None, None)):
        worker = QueryWorker(grid_store, memory_limit_mb=limit)
        try:
            assert worker.query("ASK { ?s ?p ?o }", timeout_s=HANG_S).boolean is True
            environ = open(f"/proc/{worker._child.pid}/environ", "rb").read().split(b"\0")
        finally:
            worker.stop()
        arenas = [v for v in environ if v.startswith(b"MALLOC_ARENA_MAX=")]
        assert arenas == ([wanted] if wanted else []), (limit, arenas)


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="reads /proc (Linux)")
def test_a_capped_childs_own_environment_may_set_its_malloc_arenas(grid_store, monkeypatch):
    """The arenas a capped child's own ``env`` asks for win over the default of two (they were
    taken from the parent's environment alone)."""
    from kg.store.child import Child
    from kg.store.worker import ENTRY

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    child = Child(ENTRY, (str(grid_store),), memory_mb=800, env={"MALLOC_ARENA_MAX": "4"},
                  ready_timeout_s=HANG_S)
    try:
        child.start()
        environ = open(f"/proc/{child.pid}/environ", "rb").read().split(b"\0")
    finally:
        child.kill()
    assert [v for v in environ if v.startswith(b"MALLOC_ARENA_MAX=")] == [b"MALLOC_ARENA_MAX=4"]


def test_memory_limit_stops_a_query_that_would_eat_the_machine(grid_store):
    """A sort of 9 M rows needs gigabytes; capped at 800 MB its process dies, not the host."""
    q = "SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?o2 } ORDER BY ?a ?b"
    with open_store(grid_store, memory_limit_mb=800) as store:
        # The deadline is a safety net far beyond the seconds the cap takes to bite, so the
        # memory error comes first on a slow or loaded machine too.
        with pytest.raises(QueryError, match="memory"):
            store.query(q, timeout_s=3600)
        assert store.query("ASK { ?s ?p ?o }", timeout_s=HANG_S).boolean is True


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 0, -1])
def test_a_timeout_that_is_no_positive_number_is_refused(sample_store, timeout):
    """Regression: ``timeout_s=inf`` overflowed the clock of the query process (a traceback
    in ``kg query --timeout inf``); 0 and -1 timed every query out."""
    with open_store(sample_store) as store, \
            pytest.raises(UsageError, match="positive number of seconds"):
        store.query("ASK { ?s ?p ?o }", timeout_s=timeout)


def test_a_corrupt_store_is_a_store_error_naming_it(sample_store):
    """Regression: RocksDB's "Corruption: CURRENT file corrupted" came out of pyoxigraph as a
    RuntimeError, a traceback in every command reading the build (query, stats, viz...)."""
    from kg.stats import open_oxigraph

    for f in sample_store.iterdir():
        if f.is_file():
            f.write_bytes(b"junk\n")
    with pytest.raises(StoreError, match=rf"^{sample_store}: cannot open the store: "
                                         r"Corruption"):
        open_store(sample_store)
    with pytest.raises(StoreError, match=rf"^{sample_store}: cannot open the store: "
                                         r"Corruption"):
        open_oxigraph(sample_store)
