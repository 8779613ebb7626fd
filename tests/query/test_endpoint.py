"""Remote endpoints: the same answers as the embedded store, and clear errors in time."""

from __future__ import annotations

import socket
import threading

import pytest
from kgtest import HANG_S, refused_port

from kg.cli import main
from kg.errors import EndpointError
from kg.query import run_query
from kg.store import open_store


def test_unreachable_endpoint_names_the_url_and_fails_at_once():
    with refused_port() as port:  # nothing listens there
        url = f"http://127.0.0.1:{port}/query"
        store = open_store(url, timeout_s=HANG_S)
        with pytest.raises(EndpointError) as exc:
            run_query("alignment", store)
    # "At once" by its mechanism, not a clock: the refusal itself is the error (no wait
    # for the timeout, which is far away) and nothing was retried.
    assert url in str(exc.value) and "cannot be reached" in str(exc.value), exc.value
    assert store._client.requests == 1, store._client.requests


@pytest.fixture
def silent_endpoint():
    """A loopback socket that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                accepted.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/query"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_silent_endpoint_times_out_with_the_url(silent_endpoint):
    # The endpoint never answers: only the client's timeout can end the call, so its
    # returning at all shows the timeout was honoured (no wall-clock bound).
    store = open_store(silent_endpoint, timeout_s=HANG_S)
    with pytest.raises(EndpointError) as exc:
        run_query("alignment", store, timeout_s=1.5)
    assert silent_endpoint in str(exc.value), exc.value
    assert "timed out after 1.5 s" in str(exc.value), exc.value
    assert store._client.requests == 1, "a timeout is not retried"


def test_cli_reports_the_silent_endpoint(capsys, silent_endpoint):
    code = main(["query", "timeline", "--endpoint", silent_endpoint, "--timeout", "1"])
    err = capsys.readouterr().err
    assert code == 2 and silent_endpoint in err and err.count("\n") == 1, err


@pytest.mark.server
@pytest.mark.parametrize("name, params", [
    ("alignment", None), ("blocked-resolutions", None), ("timeline", None),
    ("provenance", {"node": "Northern Limit Line"}), ("actor-profile", {"actor": "Q159"}),
])
def test_endpoint_answers_like_the_embedded_store(oxigraph_server, seed_store, name, params):
    remote = run_query(name, open_store(oxigraph_server, timeout_s=HANG_S), params=params)
    local = run_query(name, seed_store, params=params)
    assert remote.variables == local.variables, (remote.variables, local.variables)
    assert remote.values() == local.values(), name
