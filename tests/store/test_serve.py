"""kg serve: SPARQL Protocol reads, refusals, caps, timeout, static pages, no traversal."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
from kgtest import HANG_S, refused_port, wait_until

from kg.server.launch import Server, serve
from kg.store import open_store

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def server(sample_store) -> Iterator[Server]:
    # The timeout is a hang guard: a loaded machine must not turn these small queries into
    # 504s, nor let the timeout come before the result cap (test_result_size_is_capped).
    with serve(sample_store, port=0, timeout_s=HANG_S, max_result_bytes=1500) as srv:
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
    with refused_port() as port, \
            serve(sample_store, port=0, allow_service=True, timeout_s=HANG_S) as srv:
        q = f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
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
        # Still serving: pages over HTTP, and queries from the pool (asked without the
        # 1 s limit, which a loaded machine could reach even with a small query).
        assert request(srv, "GET", "/")[0] == 200
        answer = srv.pool.run(COUNT, media=None, timeout_s=HANG_S, max_bytes=None)
        assert b'"3000"' in answer.body, answer.body


def test_result_size_is_capped(server):
    # A client error, not a 500: the query is valid and the server works as configured,
    # but this result is more than it sends; the same query would fail again (no retry).
    status, _, body = get_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"cap" in body and b"LIMIT" in body, (status, body)
    status, _, body = request(server, "GET", "/store?default")
    assert status == 422 and b"cap" in body, (status, body)


def test_a_page_past_the_result_cap_gets_the_status_of_the_cap(server):
    # The workbench's downloads run through the same query service: the same status.
    path = "/sparql.json?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, _, body = request(server, "GET", path)
    assert status == 422 and b"cap" in body, (status, body)


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


def test_kg_serve_cli_starts_and_stops(sample_store):
    proc = _start_cli(sample_store)
    try:
        assert get_query(proc, COUNT)[0] == 200
    finally:
        proc.terminate()
        proc.wait(HANG_S)
    # Regression: SIGTERM to kg serve used to leave its oxigraph engine running. (Waits
    # for the engine to be gone; only a leak reaches the hang guard.)
    wait_until(lambda: not _engine_running(sample_store), "kg serve's query process gone")


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


def _start_cli(store) -> subprocess.Popen:
    """``kg serve`` in a child process, returned once it says it listens (a line on stderr
    names the endpoint; a process that dies first fails the test at once)."""
    import re

    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                             "--port", "0", "--timeout-s", str(int(HANG_S))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    said = ""
    while not (found := re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+)/query", said)):
        line = proc.stderr.readline()
        if not line:  # it exited
            proc.wait()
            pytest.fail(f"kg serve did not start: {said[-2000:]}")
        said += line
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe drained
    proc.url = found.group(1)
    return proc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only (prctl)")
def test_kg_serve_killed_with_sigkill_takes_its_engine_along(sample_store):
    import os
    import signal

    proc = _start_cli(sample_store)
    engines = _engine_pids(sample_store)
    try:
        assert engines, "no query process found for the running kg serve"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(HANG_S)
        wait_until(lambda: not _engine_running(sample_store),
                   "kg serve killed with SIGKILL: its query process gone")
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

    with serve(sample_store, port=0, timeout_s=HANG_S, workers=1) as srv:
        (pid,) = srv.pool.pids()
        os.kill(pid, signal.SIGKILL)
        # dead (a zombie until the pool reaps it)
        wait_until(lambda: _state(pid) in ("Z", ""), "the killed query process dead")
        # The restart, from a thread that then ends, as a request's thread would (the
        # server's own worker threads idle on for as long as it runs): wait until that
        # thread is gone from the kernel, rather than sleeping and hoping it is.
        box: dict = {}

        def request_thread() -> None:
            box["tid"] = threading.get_native_id()
            box["answer"] = srv.pool.run(COUNT, media=None, timeout_s=HANG_S, max_bytes=None)

        thread = threading.Thread(target=request_thread)
        thread.start()
        thread.join()
        assert b'"13"' in box["answer"].body and srv.pool.restarts == 1, box
        wait_until(lambda: not os.path.exists(f"/proc/self/task/{box['tid']}"),
                   "the restarting thread gone")
        (new,) = srv.pool.pids()
        assert not _sigkill_pending(new), "the restarted query process died with the thread"
        status, _, body = get_query(srv, COUNT)
        assert status == 200 and srv.pool.restarts == 1, (status, body, srv.pool.restarts)


def _sigkill_pending(pid: int) -> bool:
    """SIGKILL sent to ``pid`` but maybe not acted on yet (a loaded machine may not have
    run the process since), or already dead."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
    except OSError:
        return True
    pending = int(fields["SigPnd"], 16) | int(fields["ShdPnd"], 16)
    return bool(pending >> (9 - 1) & 1) or _state(pid) in ("Z", "X", "")


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


# A sort of 27 billion rows: memory grows until something stops it, no output until sorted
# (no result cap can), and every test gives it a timeout far beyond what filling the memory
# cap takes on any machine.
SORT = "SELECT ?a ?b ?c WHERE { ?a ?p ?o . ?b ?q ?o2 . ?c ?r ?o3 } ORDER BY ?a ?b ?c"


def test_a_query_past_the_memory_cap_is_stopped_and_the_worker_restarted(grid_store):
    # Only the memory cap can stop it, by either of its mechanisms (the watcher of resident
    # memory, or the address-space backstop if a loaded machine delays the watcher): the
    # answer is the same.
    with serve(grid_store, port=0, timeout_s=3600, memory_mb=300, workers=1) as srv:
        status, _, body = get_query(srv, SORT)
        assert status == 503 and b"memory" in body, (status, body)
        status, _, body = get_query(srv, COUNT)
        assert status == 200 and b"3000" in body, (status, body)
        assert srv.pool.restarts == 1, srv.pool.restarts


def _pool_answers_count(pool) -> None:
    answer = pool.run(COUNT, media=None, timeout_s=HANG_S, max_bytes=None)
    assert b'"3000"' in answer.body, answer.body


def test_the_address_space_backstop_alone_stops_the_query_as_out_of_memory(grid_store):
    """Regression: a query stopped by the backstop (an allocation fails, the process aborts)
    got 500 "crashed" instead of 503 "out of memory". Here the backstop is the only limit:
    a pool that is not started has no memory watcher (its processes start on first use)."""
    from kg.store.querypool import QueryFailed, QueryPool

    pool = QueryPool(grid_store, size=1, memory_mb=300)
    try:
        with pytest.raises(QueryFailed) as info:
            pool.run(SORT, media=None, timeout_s=3600, max_bytes=None)
        assert info.value.status == 503 and "memory" in str(info.value), info.value
        assert pool.restarts == 1, pool.restarts  # not retried: a memory death is final
        _pool_answers_count(pool)
    finally:
        pool.stop()


def test_the_memory_watcher_alone_stops_the_query(grid_store, monkeypatch):
    """The watcher of resident memory kills the query process at 300 MB, with the
    address-space backstop far beyond it (4 GB more), not the only one reached."""
    import kg.store.querypool as querypool

    monkeypatch.setattr(querypool, "ADDRESS_RESERVE_MB", 4096)
    pool = querypool.QueryPool(grid_store, size=1, memory_mb=300).start()
    try:
        with pytest.raises(querypool.QueryFailed) as info:
            pool.run(SORT, media=None, timeout_s=3600, max_bytes=None)
        assert info.value.status == 503 and "memory" in str(info.value), info.value
        worker = pool._workers[0]
        assert worker.over_memory, "the process was not stopped by the watcher"
        _pool_answers_count(pool)
    finally:
        pool.stop()


def test_a_missing_pages_folder_is_refused_before_binding(sample_store, tmp_path):
    """Regression: ``kg serve --pages DIR`` with a misspelt DIR served no pages, unsaid."""
    from kg.errors import StoreError

    with pytest.raises(StoreError, match=rf"^--pages {tmp_path / 'nope'}: no such folder$"):
        serve(sample_store, port=0, pages_dir=tmp_path / "nope")
