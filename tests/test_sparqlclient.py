"""kg.sparqlclient: Retry-After, caps, timeouts and one-line errors, against real loopback
servers (an ``oxigraph serve`` process, and a small HTTP server that misbehaves on purpose).

The remote store and the Wikidata linker go through this client too: tests/store/test_remote.py
and tests/link/test_client.py.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kgtest import HANG_S, listening_port, refused_port

from kg.errors import EndpointError, QueryError
from kg.sparqlclient import SparqlClient, parse_retry_after, redact

NOW = parsedate_to_datetime("Wed, 21 Oct 2015 07:28:00 GMT").timestamp()
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
ONE_ROW = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
    {"s": {"type": "uri", "value": "http://e/s"}}]}}).encode()


# -- Retry-After --------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "want"), [
    ("0", 0.0), ("7", 7.0), (" 120 ", 120.0), ("0007", 7.0), ("9999999999", 9999999999.0),
    ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),          # IMF-fixdate
    ("Wednesday, 21-Oct-15 07:28:10 GMT", 10.0),      # obsolete RFC 850 form
    ("Wed Oct 21 07:28:10 2015", 10.0),               # obsolete asctime form
    ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),           # in the past: retry now
])
def test_retry_after_in_seconds_or_as_an_http_date(header, want):
    assert parse_retry_after(header, now=NOW) == want


@pytest.mark.parametrize("header", [
    None, "", "   ", "soon", "-5", "+5", "1.5", "1e9", "inf", "-inf", "nan", "NaN", "0x10",
    "9" * 11, "9" * 5000, "\u0663", "\u00b2", "７", "5 s", "5\x00", "\x1b[2J",
    "Wed, 99 Oct 2015 07:28:10 GMT", "Wed, 21 Foo 2015 07:28:10 GMT",
    "Wed, 21 Oct 99999 07:28:10 GMT", "Wed, 21 Oct 2015 99:99:99 GMT",
    "Wed, 21 Oct 2015 07:28:10 GMT" + " " * 100 + "x", "x" * 100_000, "1" + " " * 10_000 + "1",
])
def test_hostile_retry_after_values_mean_no_hint(header):
    assert parse_retry_after(header, now=NOW) is None


@given(st.text(max_size=200))
def test_retry_after_never_raises_and_is_never_negative_or_infinite(header):
    wait = parse_retry_after(header, now=NOW)
    assert wait is None or 0.0 <= wait < float("inf")


def test_retry_after_date_against_the_clock():
    soon = datetime.fromtimestamp(time.time() + 3600, UTC)
    wait = parse_retry_after(format_datetime(soon, usegmt=True))
    assert wait is not None and 3000 < wait <= 3600, wait


# -- a loopback server that misbehaves on purpose ------------------------------------------------

Handler = Callable[[BaseHTTPRequestHandler, int], None]


class Loopback:
    """A threaded HTTP server on 127.0.0.1; ``handle(request, n)`` answers request n."""

    def __init__(self, handle: Handler):
        self.requests: list[tuple[str, dict[str, str], bytes, int]] = []
        self.written = 0
        self.release = threading.Event()
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                outer.requests.append((self.command, dict(self.headers.items()), body,
                                       self.client_address[1]))
                handle(self, len(outer.requests) - 1)

            do_PUT = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # type: ignore[method-assign]  # hang-ups
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/query"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def loopback() -> Iterator[Callable[[Handler], Loopback]]:
    servers: list[Loopback] = []

    def start(handle: Handler) -> Loopback:
        servers.append(Loopback(handle))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def answer(req: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    req.send_response(status)
    headers.setdefault("Content-Type", "application/sparql-results+json")
    for k, v in headers.items():
        req.send_header(k.replace("_", "-"), v)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


def client(url: str, **kw: object) -> SparqlClient:
    kw.setdefault("user_agent", "kg-test/1 (tests)")
    return SparqlClient(url, **kw)  # type: ignore[arg-type]


def one_line(message: str) -> bool:
    return "\n" not in message and "\r" not in message


# -- what is sent ------------------------------------------------------------------------------

@pytest.mark.parametrize(("form", "accept"), [
    ("SELECT", "application/sparql-results+json"), ("ASK", "application/sparql-results+json"),
    ("CONSTRUCT", "text/turtle"), ("DESCRIBE", "text/turtle")])
def test_a_query_is_a_form_post_asking_for_the_forms_format(loopback, form, accept):
    server = loopback(lambda req, n: answer(req, 200, ONE_ROW))
    text = "# added in 0.2; asks for nothing\n" + SELECT
    with client(server.url) as c:
        got = c.query(text, form=form)
    assert got.body == ONE_ROW
    method, headers, body, _ = server.requests[0]
    assert method == "POST" and headers["Accept"] == accept, headers
    assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert headers["User-Agent"] == "kg-test/1 (tests)"
    from urllib.parse import parse_qs
    assert parse_qs(body.decode()) == {"query": [text]}


def test_an_update_form_is_refused_before_any_request(loopback):
    server = loopback(lambda req, n: answer(req, 200, ONE_ROW))
    with pytest.raises(QueryError, match="only SELECT, ASK"):
        client(server.url).query("CLEAR ALL", form="CLEAR")  # type: ignore[arg-type]
    assert server.requests == []


def test_connections_are_kept_alive_between_requests(loopback):
    server = loopback(lambda req, n: answer(req, 200, ONE_ROW))
    with client(server.url) as c:
        for _ in range(3):
            assert len(c.select(SELECT)) == 1
    ports = {port for *_, port in server.requests}
    assert len(server.requests) == 3 and len(ports) == 1, ports


def test_bad_settings_are_refused():
    with pytest.raises(EndpointError, match="not an http"):
        client("file:///etc/passwd")
    with pytest.raises(EndpointError, match="User-Agent"):
        client("http://127.0.0.1:9/query", user_agent=" ")
    with pytest.raises(EndpointError, match="timeout"):
        client("http://127.0.0.1:9/query", timeout_s=0)
    # Regression: an infinite timeout overflowed the socket's clock, a URL that urllib
    # cannot split raised a ValueError (tracebacks in kg link, kg query --endpoint).
    with pytest.raises(EndpointError, match="timeout"):
        client("http://127.0.0.1:9/query", timeout_s=float("inf"))
    for url in ("http://[::1", "http://127.0.0.1:99999/query"):
        with pytest.raises(EndpointError, match=r"is no valid URL"):
            client(url)


def test_offline_sends_nothing():
    c = client("http://127.0.0.1:9/query", offline=True)
    with pytest.raises(EndpointError, match="offline"):
        c.select(SELECT)
    assert c.requests == 0


# -- errors: one line, naming the endpoint --------------------------------------------------------

def test_http_400_is_a_query_error_with_the_first_line(loopback):
    server = loopback(lambda req, n: answer(req, 400, b"Parser error at 1:8\n  SELECT WHERE {\n",
                                            Content_Type="text/plain"))
    with pytest.raises(QueryError) as info:
        client(server.url).select("SELECT WHERE {")
    assert str(info.value) == (f"SPARQL endpoint {server.url} rejected the query: HTTP 400 "
                               "Bad Request: Parser error at 1:8"), info.value


def test_http_500_is_not_retried(loopback):
    server = loopback(lambda req, n: answer(req, 500, b"boom\ntrace", Content_Type="text/plain"))
    with pytest.raises(EndpointError) as info:
        client(server.url, retries=3).select(SELECT)
    assert str(info.value) == (f"SPARQL endpoint {server.url} answered HTTP 500 "
                               "Internal Server Error: boom"), info.value
    assert len(server.requests) == 1


def test_results_nested_too_deep_are_invalid_json_not_a_traceback(loopback):
    """Regression: a hostile endpoint's 200 answer of arrays nested 100,000 deep raised
    RecursionError out of select() (kg link, kg enrich): a Python traceback."""
    body = b"[" * 100_000 + b"]" * 100_000
    server = loopback(lambda req, n: answer(req, 200, body,
                                            Content_Type="application/sparql-results+json"))
    with pytest.raises(EndpointError) as info:
        client(server.url).select(SELECT)
    assert "answered incomplete or invalid JSON results (RecursionError" in str(info.value)
    assert one_line(str(info.value))


def test_a_boolean_answer_to_a_select_says_so(loopback):
    """Regression: an endpoint answering ``{"boolean": true}`` to a SELECT was reported as
    "invalid JSON results (KeyError: 'results')"."""
    server = loopback(lambda req, n: answer(req, 200, b'{"head": {}, "boolean": true}',
                                            Content_Type="application/sparql-results+json"))
    with pytest.raises(EndpointError) as info:
        client(server.url).select(SELECT)
    assert "answered a boolean (an ASK answer) to a SELECT query" in str(info.value)
    assert one_line(str(info.value))


def test_control_characters_in_an_error_body_are_escaped(loopback):
    server = loopback(lambda req, n: answer(req, 500, b"\x1b[2Jgone\rX\xe2\x80\xae",
                                            Content_Type="text/plain"))
    with pytest.raises(EndpointError) as info:
        client(server.url).select(SELECT)
    assert "\x1b" not in str(info.value) and "\u202e" not in str(info.value), info.value
    assert one_line(str(info.value))


def test_a_closed_port_cannot_be_reached():
    with refused_port() as port:
        url = f"http://127.0.0.1:{port}/query"
        with pytest.raises(EndpointError, match=f"SPARQL endpoint {url} cannot be reached"):
            client(url).select(SELECT)


def test_a_password_in_the_endpoint_url_is_never_echoed():
    with refused_port() as port:
        url = f"http://reader:s3cret@127.0.0.1:{port}/query"
        with pytest.raises(EndpointError) as info:
            client(url).select(SELECT)
    assert "s3cret" not in str(info.value)
    assert f"http://reader:***@127.0.0.1:{port}/query cannot be reached" in str(info.value)


@pytest.mark.parametrize("url,shown", [
    ("http://u:p@h:1/q?x=1", "http://u:***@h:1/q?x=1"),
    ("https://:p@h/q", "https://:***@h/q"),
    ("http://u@h/q", "http://u@h/q"),
    ("http://h/q", "http://h/q"),
    ("http://u:p:q@h@i/q", "http://u:***@i/q"),
])
def test_redact_hides_only_the_password(url, shown):
    assert redact(url) == shown


# -- retries ------------------------------------------------------------------------------------

def _fail_then_answer(status: int, retry_after: str | None, failures: int = 1) -> Handler:
    def handle(req: BaseHTTPRequestHandler, n: int) -> None:
        if n < failures:
            extra = {"Retry_After": retry_after} if retry_after is not None else {}
            answer(req, status, b"busy", Content_Type="text/plain", **extra)
        else:
            answer(req, 200, ONE_ROW)
    return handle


@pytest.mark.parametrize(("status", "header", "wait"), [
    (429, "3", 3.0), (503, "0", 0.0), (502, None, 0.5), (504, None, 0.5),
    (429, "Wed, 21 Oct 2015 07:28:00 GMT", 0.0),   # a date in the past: at once
    (429, "-1", 0.5), (503, "inf", 0.5), (429, "9" * 400, 0.5),  # hostile: the back-off
])
def test_busy_answers_are_retried_after_the_wait_they_ask_for(loopback, status, header, wait):
    server = loopback(_fail_then_answer(status, header))
    waits: list[float] = []
    rows = client(server.url, retries=2, backoff_s=0.5, sleep=waits.append).select(SELECT)
    assert len(rows) == 1 and len(server.requests) == 2
    assert waits == [wait]


def test_back_off_doubles_and_the_last_answer_is_reported(loopback):
    server = loopback(_fail_then_answer(503, None, failures=10))
    waits: list[float] = []
    with pytest.raises(EndpointError) as info:
        client(server.url, retries=3, backoff_s=0.25, sleep=waits.append).select(SELECT)
    assert waits == [0.25, 0.5, 1.0]
    assert str(info.value) == (f"SPARQL endpoint {server.url} answered HTTP 503 Service "
                               "Unavailable after 4 attempts: busy"), info.value


def test_a_wait_beyond_the_limit_fails_at_once(loopback):
    server = loopback(_fail_then_answer(429, "3600", failures=10))
    waits: list[float] = []
    with pytest.raises(EndpointError, match="retry after 3600 s, more than the 120 s limit"):
        client(server.url, retries=3, sleep=waits.append).select(SELECT)
    assert waits == [] and len(server.requests) == 1


# -- caps and timeouts ----------------------------------------------------------------------------

def test_an_answer_over_the_size_cap_is_refused(loopback):
    big = b'{"head":{"vars":["s"]},"results":{"bindings":[' + b" " * 200_000 + b"]}}"
    server = loopback(lambda req, n: answer(req, 200, big))
    with pytest.raises(EndpointError) as info:
        client(server.url, max_bytes=100_000).select(SELECT)
    assert "more than the limit of 100000 bytes (KG_MAX_RESPONSE_BYTES)" in str(info.value), (
        info.value)
    with client(server.url, max_bytes=300_000) as c:
        assert c.select(SELECT) == []


def test_the_size_cap_comes_from_the_environment(loopback, monkeypatch):
    server = loopback(lambda req, n: answer(req, 200, ONE_ROW))
    monkeypatch.setenv("KG_MAX_RESPONSE_BYTES", "10")
    with pytest.raises(EndpointError, match="KG_MAX_RESPONSE_BYTES"):
        client(server.url).select(SELECT)


def test_a_compressed_answer_is_capped_once_decompressed(loopback):
    bomb = gzip.compress(b" " * (50 << 20))  # 50 MiB of spaces in about 50 KB
    server = loopback(lambda req, n: answer(req, 200, bomb, Content_Encoding="gzip"))
    with pytest.raises(EndpointError, match="once decompressed"):
        client(server.url, max_bytes=1 << 20).select(SELECT)
    small = loopback(lambda req, n: answer(req, 200, gzip.compress(ONE_ROW),
                                           Content_Encoding="gzip"))
    assert len(client(small.url).select(SELECT)) == 1


def test_an_endless_error_body_is_read_only_to_its_cap(loopback):
    sent, done = {"bytes": 0}, threading.Event()

    def endless(req: BaseHTTPRequestHandler, n: int) -> None:
        req.send_response(500)
        req.send_header("Content-Type", "text/plain")
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        line = b"x" * 65536 + b"\n"
        chunk = f"{len(line):x}\r\n".encode() + line + b"\r\n"
        try:
            while sent["bytes"] < (256 << 20):
                req.wfile.write(chunk)
                sent["bytes"] += len(line)
        except OSError:
            pass  # the client hung up: what it should do
        finally:
            done.set()

    server = loopback(endless)
    with pytest.raises(EndpointError) as info:
        client(server.url).select(SELECT)
    message = str(info.value)
    assert message.startswith(f"SPARQL endpoint {server.url} answered HTTP 500 "
                              "Internal Server Error: xxx"), message[:120]
    assert len(message) < 400, len(message)
    assert done.wait(HANG_S), "the server is still writing"
    assert sent["bytes"] < (128 << 20), "the client read the whole endless body"


def test_a_server_that_never_answers_times_out(loopback):
    answered = threading.Event()

    def never(req: BaseHTTPRequestHandler, n: int) -> None:
        server.release.wait()  # until the test ends
        answered.set()

    server = loopback(never)
    with pytest.raises(EndpointError) as info:
        client(server.url, timeout_s=0.5, retries=3).select(SELECT)
    assert str(info.value) == (f"SPARQL endpoint {server.url} timed out after 0.5 s (raise "
                               "--timeout, or try again later)"), info.value
    # The server never let go: the client's own timeout ended the call (no clock needed).
    assert not answered.is_set()
    assert len(server.requests) == 1, "a timeout is not retried"


def test_a_server_that_trickles_is_cut_off(loopback):
    """A byte every 50 ms never lets a read time out: only the deadline on the whole
    exchange ends the call. (On a machine so loaded that one 50 ms pause grows past the
    0.5 s, the read timeout ends it instead; either way it is the 0.5 s that ends it.)"""
    def trickle(req: BaseHTTPRequestHandler, n: int) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/sparql-results+json")
        req.send_header("Content-Length", "100000000")
        req.end_headers()
        try:
            while not server.release.wait(0.05):
                req.wfile.write(b" ")
                req.wfile.flush()
        except OSError:
            pass

    server = loopback(trickle)
    with pytest.raises(EndpointError, match=r"timed out after 0\.5 s"):
        client(server.url, timeout_s=0.5).select(SELECT)


def test_a_truncated_answer_is_an_error(loopback):
    def cut(req: BaseHTTPRequestHandler, n: int) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/sparql-results+json")
        req.send_header("Content-Length", "1000")
        req.end_headers()
        req.wfile.write(ONE_ROW[:40])
        req.close_connection = True

    server = loopback(cut)
    with pytest.raises(EndpointError, match="incomplete or invalid answer") as info:
        client(server.url).select(SELECT)
    assert one_line(str(info.value))


# -- a real Oxigraph server ----------------------------------------------------------------------

@pytest.fixture
def oxigraph() -> Iterator[str]:
    """``oxigraph serve`` (read-write, in memory, union default graph) on a port of its
    choosing."""
    from kg.server.launch import oxigraph_binary

    proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", "127.0.0.1:0",
                             "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = listening_port(proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(HANG_S)


@pytest.mark.server
def test_graphs_written_then_read_on_a_real_server(oxigraph):
    with client(f"{oxigraph}/query") as c:
        c.send_graph(f"{oxigraph}/store", "http://e/g1",
                     b'<http://e/s> <http://e/p> "one" .\n<http://e/s> <http://e/q> "two" .\n')
        c.send_graph(f"{oxigraph}/store", "http://e/g1",
                     b'<http://e/s> <http://e/p> "three" .\n')  # PUT replaces
        c.send_graph(f"{oxigraph}/store", "http://e/g2", b'<http://e/t> <http://e/p> "x" .\n',
                     replace=False)
        rows = c.select("# asks and adds nothing\nSELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
        assert [r["o"]["value"] for r in rows] == ["three", "x"], rows
        ask = json.loads(c.query("ASK { <http://e/t> ?p ?o }", form="ASK").body)
        assert ask["boolean"] is True
        turtle = c.query("CONSTRUCT WHERE { <http://e/s> ?p ?o }", form="CONSTRUCT")
        assert turtle.content_type.startswith("text/turtle") and b"three" in turtle.body
        with pytest.raises(QueryError, match="rejected the query: HTTP 400") as info:
            c.select("SELECT ?x WHERE { ?x ")
        assert one_line(str(info.value))
        with pytest.raises(EndpointError, match="PUT to the graph store .* HTTP 400"):
            c.send_graph(f"{oxigraph}/store", "http://e/g3", b"not n-triples\n")


@pytest.mark.parametrize("name", ["kg.sparqlclient", "kg.link.client"])
def test_doctests(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0, result


def test_a_redirect_is_not_followed_and_says_where(loopback):
    server = loopback(lambda req, n: answer(req, 301, b"", Location="https://elsewhere.example/q"))
    with pytest.raises(EndpointError) as info:
        client(server.url).select(SELECT)
    assert str(info.value) == (f"SPARQL endpoint {server.url} answered HTTP 301 Moved "
                               "Permanently (redirected to https://elsewhere.example/q: "
                               "use that URL)"), info.value
    assert len(server.requests) == 1


def test_no_other_http_client_in_the_package():
    # one client for every endpoint: no module but kg/sparqlclient.py speaks HTTP as a client
    import ast
    from pathlib import Path

    kg = Path(__file__).resolve().parents[1] / "kg"
    banned = {"httpx", "urllib.request", "http.client", "SPARQLWrapper", "requests", "aiohttp"}
    found = []
    for path in sorted(kg.rglob("*.py")):
        if path.name == "sparqlclient.py" and path.parent == kg:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            names += [f"{n}.{a.name}" for n in names if isinstance(node, ast.ImportFrom)
                      for a in node.names]
            if any(n in banned or n.split(".")[0] in banned - {"urllib", "http"} for n in names):
                found.append(f"{path.relative_to(kg.parent)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr == "literal_eval":
                found.append(f"{path.relative_to(kg.parent)}:{node.lineno}: literal_eval")
    assert not found, found
