"""kg serve: SPARQL Protocol reads, refusals, caps, timeout, static pages, no traversal."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from kg.server.launch import Server, serve
from kg.store import open_store

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def server(sample_store) -> Iterator[Server]:
    with serve(sample_store, port=0, timeout_s=1, max_result_bytes=1500) as srv:
        yield srv


def request(srv: Server, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """Raw HTTP (no client-side path normalization), so traversal attempts arrive as sent."""
    host, port = srv.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type") or "", resp.read()
    finally:
        conn.close()


def get_query(srv: Server, query: str, accept: str = "application/sparql-results+json"):
    return request(srv, "GET", "/query?" + urllib.parse.urlencode({"query": query}),
                   headers={"Accept": accept})


def test_get_and_post_answer(server):
    status, ctype, body = get_query(server, COUNT)
    assert status == 200 and ctype.startswith("application/sparql-results+json"), (status, body)
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "13", body
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body2 = request(server, "POST", "/query", form,
                               {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body2) == (200, body), body2
    status, _, body3 = request(server, "POST", "/query", COUNT.encode(),
                               {"Content-Type": "application/sparql-query"})
    assert (status, body3) == (200, body), body3


def test_union_default_graph_and_formats(server):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    status, ctype, body = get_query(server, q, accept="text/csv")
    assert status == 200 and ctype.startswith("text/csv"), (status, body)
    assert body.decode().splitlines()[1:] == [
        "https://w3id.org/kg-toolkit/id/graph/doc/a,4",
        "https://w3id.org/kg-toolkit/id/graph/doc/b,6",
        "https://w3id.org/kg-toolkit/id/graph/links/curated,1",
        "https://w3id.org/kg-toolkit/id/graph/provenance,2"], body
    status, ctype, body = get_query(server, "CONSTRUCT WHERE { ?s a ?t }", accept="text/turtle")
    assert status == 200 and ctype.startswith("text/turtle") and b"MissileTest" in body, body


def test_open_store_reads_through_kg_serve(server, sample_store):
    q = "SELECT ?x ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
    with open_store(server.query_url) as remote, open_store(sample_store) as local:
        assert remote.query(q).rows == local.query(q).rows


@pytest.mark.parametrize("query, reason", [
    ("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }", b"Update"),
    ("LOAD <http://example.org/data.ttl>", b"LOAD"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", b"SERVICE"),
])
def test_update_load_and_service_are_refused(server, query, reason):
    status, _, body = get_query(server, query)
    assert status == 400 and reason in body, (status, body)
    form = urllib.parse.urlencode({"update": query}).encode()
    status, _, body = request(server, "POST", "/query", form,
                              {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400, (status, body)


@pytest.mark.parametrize("method, path", [
    ("POST", "/update"), ("PUT", "/store?default"), ("POST", "/store?default"),
    ("DELETE", "/store?graph=https://w3id.org/kg-toolkit/id/graph/provenance"),
])
def test_writes_are_refused(server, method, path):
    status, _, body = request(server, method, path, b"<http://e/s> <http://e/p> <http://e/o> .",
                              {"Content-Type": "application/n-triples"})
    assert status == 403, (status, body)
    status, _, body = get_query(server, COUNT)
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "13"


def test_service_allowed_only_when_asked(sample_store):
    # With --allow-service the guard lets SERVICE through (to a closed port here: no network).
    from kg.server.launch import free_port

    dead = f"http://127.0.0.1:{free_port()}/sparql"
    q = f"SELECT * WHERE {{ SERVICE SILENT <{dead}> {{ ?s ?p ?o }} }}"
    with serve(sample_store, port=0, allow_service=True, timeout_s=5) as srv:
        status, _, body = get_query(srv, q)
    assert status == 200, (status, body)


# Each query exceeds exactly one limit, whatever the machine's speed (issue 13, item 11):
# no output and constant memory, so neither the result cap nor the memory cap can come
# first. "aggregate": a COUNT over a three-way cross join; "streaming": a SELECT that would
# stream rows, but each row needs a scan of a nine-million-pair join that never matches.
SLOW = {
    "aggregate": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?p2 ?o2 . ?c ?p3 ?o3 . "
                 "FILTER(STR(?o) < STR(?o2)) }",
    "streaming": "SELECT ?a WHERE { ?a ?p ?o FILTER NOT EXISTS { ?b ?p2 ?o2 . ?c ?p3 ?o3 "
                 "FILTER(CONCAT(STR(?o), STR(?o2)) = CONCAT(STR(?o3), \"x\")) } }",
}


@pytest.mark.parametrize("shape", sorted(SLOW))
def test_long_query_stops_at_the_timeout(grid_store, shape):
    with serve(grid_store, port=0, timeout_s=1, memory_mb=None, workers=2) as srv:
        status, _, body = get_query(srv, SLOW[shape])
        assert status == 504 and b"timeout" in body, (status, body)
        assert get_query(srv, COUNT)[0] == 200  # still serving


def test_result_size_is_capped(server):
    status, _, body = get_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500 and b"cap" in body, (status, body)


def test_request_size_is_capped(sample_store):
    with serve(sample_store, port=0, max_request_bytes=100) as srv:
        status, _, body = request(srv, "POST", "/query", b"#" * 200 + b"\n" + COUNT.encode(),
                                  {"Content-Type": "application/sparql-query"})
    assert status == 413, (status, body)


def test_static_pages(server):
    status, ctype, body = request(server, "GET", "/graph.html")
    assert status == 200 and ctype == "text/html; charset=utf-8", (status, ctype)
    assert b"kg serve fixture page" in body
    status, ctype, body = request(server, "GET", "/")
    assert status == 200 and b'href="/graph.html"' in body, body
    assert request(server, "HEAD", "/graph.html")[2] == b""


@pytest.mark.parametrize("path", [
    "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
    "/store/CURRENT", "/%2fetc%2fpasswd", "//etc/passwd", "/.hidden", "/graph.nq%00.html",
    "/nothing.html",
])
def test_traversal_and_private_files_are_refused(server, path):
    status, _, body = request(server, "GET", path)
    assert status == 404, (path, status, body)
    assert b"root:" not in body


# Only a hung server takes this long: a bound for failure, not a race with the machine.
STARTUP_S = 180


def test_kg_serve_cli_starts_and_stops(sample_store):
    from kg.server.launch import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(sample_store),
                             "--port", str(port), "--timeout-s", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/query?" + urllib.parse.urlencode({"query": COUNT}))
                status = conn.getresponse().status
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"kg serve did not answer within {STARTUP_S} s")
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(10)
    # Regression: SIGTERM to kg serve used to leave its oxigraph engine running.
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline and _engine_running(sample_store):
        time.sleep(0.1)
    assert not _engine_running(sample_store), "kg serve left a query process running"


def _engine_running(store) -> bool:
    return bool(_engine_pids(store))


def _engine_pids(store) -> list[int]:
    import os

    pids = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().split(b"\0")
        except OSError:
            continue
        if any(b"kg.store.worker" in part for part in cmd) and str(store).encode() in cmd:
            pids.append(int(pid))
    return pids


def _start_cli(store, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                             "--port", str(port), "--timeout-s", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/query?" + urllib.parse.urlencode({"query": COUNT}))
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    proc.wait()
    pytest.fail(f"kg serve did not answer within {STARTUP_S} s")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only (prctl)")
def test_kg_serve_killed_with_sigkill_takes_its_engine_along(sample_store):
    import os
    import signal

    from kg.server.launch import free_port

    proc = _start_cli(sample_store, free_port())
    engines = _engine_pids(sample_store)
    try:
        assert engines, "no query process found for the running kg serve"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline and _engine_running(sample_store):
            time.sleep(0.05)
        assert not _engine_running(sample_store), (
            "kg serve killed with SIGKILL left a query process running")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in _engine_pids(sample_store):  # without the fix: do not leak it
            os.kill(pid, signal.SIGKILL)


def test_a_worker_restarted_by_a_request_outlives_the_request_thread(sample_store):
    # The parent-death signal is tied to the thread that started the child: a query
    # process restarted from a request's thread must not die when that thread ends.
    import os
    import signal

    with serve(sample_store, port=0, timeout_s=5, workers=1) as srv:
        (pid,) = srv.pool.pids()
        os.kill(pid, signal.SIGKILL)
        while _state(pid) not in ("Z", ""):  # dead (a zombie until the pool reaps it)
            time.sleep(0.01)
        status, _, body = get_query(srv, COUNT)
        assert status == 200 and srv.pool.restarts == 1, (status, body, srv.pool.restarts)
        time.sleep(1.0)  # the request's thread has ended
        assert len(srv.pool.pids()) == 1, "the restarted query process died with the thread"
        status, _, body = get_query(srv, COUNT)
        assert status == 200 and srv.pool.restarts == 1, (status, body, srv.pool.restarts)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def test_missing_store_is_a_store_error(tmp_path):
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="kg build"):
        serve(tmp_path / "store", port=0)


def test_a_query_past_the_memory_cap_is_stopped_and_the_worker_restarted(grid_store):
    # Only the memory cap can stop it: no output until sorted (no result cap), and a
    # timeout far beyond what filling 300 MB takes on any machine.
    q = "SELECT ?a ?b ?c WHERE { ?a ?p ?o . ?b ?q ?o2 . ?c ?r ?o3 } ORDER BY ?a ?b ?c"
    with serve(grid_store, port=0, timeout_s=3600, memory_mb=300, workers=1) as srv:
        status, _, body = get_query(srv, q)
        assert status == 503 and b"memory" in body, (status, body)
        status, _, body = get_query(srv, COUNT)
        assert status == 200 and b"3000" in body, (status, body)
        assert srv.pool.restarts == 1, srv.pool.restarts
