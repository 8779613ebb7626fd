"""kg serve: one client address cannot keep every query process busy (``--per-client``)."""

from __future__ import annotations

import http.client
import threading
import urllib.parse

import anyio
import pytest
from kgtest import wait_until

from kg.server.launch import serve
from kg.server.service import QueryFailed, QueryService, ServiceLimits, default_per_client
from kg.store.querypool import QueryPool

# Hours of work on any machine: it holds its slot until the server stops.
ENDLESS = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?p2 ?o2 . ?c ?p3 ?o3 . "
           "FILTER(STR(?o) < STR(?o2)) }")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HANG_GUARD_S = 300  # a guard against a hung test, not a speed check


def _run(scenario) -> None:
    """``anyio.run(scenario)``, on the main thread: no module leaves an event loop running
    there (tests/conftest.py checks)."""
    anyio.run(scenario)


def test_a_client_past_its_slots_is_refused_and_others_are_not(sample_store):
    service = QueryService(QueryPool(sample_store, size=2), ServiceLimits(per_client=1))

    async def scenario() -> None:
        async with service.client_slot("10.0.0.1"):
            assert service.running("10.0.0.1") == 1
            with pytest.raises(QueryFailed) as refused:
                async with service.client_slot("10.0.0.1"):
                    pass
            assert refused.value.status == 429 and refused.value.retry_after_s == 1
            assert "limit is 1 per client" in str(refused.value)
            async with service.client_slot("10.0.0.2"):  # another client is served
                assert service.running("10.0.0.2") == 1
        with pytest.raises(RuntimeError):  # a failing request gives its slot back too
            async with service.client_slot("10.0.0.1"):
                raise RuntimeError("query failed")
        assert service.running("10.0.0.1") == 0 and service.running("10.0.0.2") == 0

    _run(scenario)


def test_no_limit_when_zero_and_half_the_workers_by_default(sample_store):
    service = QueryService(QueryPool(sample_store, size=2), ServiceLimits(per_client=0))

    async def many() -> None:
        async with service.client_slot("a"), service.client_slot("a"), \
                service.client_slot("a"):
            assert service.running("a") == 3

    _run(many)
    assert [default_per_client(n) for n in (1, 2, 3, 8)] == [1, 1, 1, 4]


def _get(url: str, query: str | None, *, source: str, path: str = "/query"
         ) -> tuple[int, dict[str, str], bytes]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=HANG_GUARD_S,
                                      source_address=(source, 0))
    try:
        conn.request("GET", path + ("?" + urllib.parse.urlencode({"query": query})
                                    if query is not None else ""))
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.mark.server
def test_kg_serve_refuses_a_second_query_from_a_busy_client(grid_store):
    """127.0.0.1 runs an endless query (its one slot); its next query gets 429 with
    Retry-After, while 127.0.0.2 (another loopback address) is answered."""
    with serve(grid_store, port=0, timeout_s=3600, memory_mb=None, workers=2,
               per_client=1) as srv:
        endless = threading.Thread(target=lambda: _swallow(srv.url), daemon=True)
        endless.start()
        wait_until(lambda: srv.service.running("127.0.0.1") >= 1, "the endless query started")
        status, headers, body = _get(srv.url, COUNT, source="127.0.0.1")
        assert status == 429 and headers.get("retry-after") == "1", (status, headers, body)
        assert b"per client" in body, body
        status, _, body = _get(srv.url, COUNT, source="127.0.0.2")
        assert status == 200 and b'"n"' in body, (status, body)
        # the workbench's pages run queries: they hold the same slots
        status, _, body = _get(srv.url, None, source="127.0.0.1", path="/")
        assert status == 429, (status, body)
        assert _get(srv.url, None, source="127.0.0.2", path="/")[0] == 200
        pool = srv.service.pool
    endless.join(HANG_GUARD_S)
    assert not endless.is_alive()
    # The stop killed the endless query's process, and the request that ran it started no
    # other one (it did: a retry "on a fresh process" ran the endless query again, alone,
    # until its deadline an hour later)
    wait_until(lambda: pool.busy() == 0, "the endless query's request returned")
    assert pool.pids() == [], pool.pids()


def _swallow(url: str) -> None:
    """The endless query; stopping the server ends it with an error, which is the point."""
    try:
        _get(url, ENDLESS, source="127.0.0.1")
    except OSError:
        pass


def test_the_default_limits_only_a_server_others_can_reach(sample_store):
    with serve(sample_store, port=0, workers=2) as srv:
        assert srv.service.limits.per_client == 0  # loopback: this machine's clients
    with serve(sample_store, host="0.0.0.0", port=0, public=True, workers=4) as srv:
        assert srv.service.limits.per_client == 2
