"""What the outside probe broke in ``kg serve`` (issue 13, items 2, 3, 4, 6, 8, 10), and
variants of our own, against the real server on loopback.

- item 2: no SPARQL engine listens anywhere: the query processes hold no socket;
- item 3: query shapes that crashed pyoxigraph/Oxigraph 0.5.13 (flat chains of UNION,
  OPTIONAL, BIND, MINUS, path steps, ``+``/``&&`` terms; ``\\UFFFFFFFF``) get a clean 400 and
  no worker dies; a worker that does crash (guard bypassed) ends only its own query;
  ``kg query FILE`` refuses them too (exit 2, one line, no traceback, no SIGSEGV);
- item 4: only the bound names pass the ``Host`` check; a non-loopback bind needs ``public``;
- item 6: keep-alive, smuggling attempts, slow and silent clients, slow readers of a large
  static file;
- item 8: a store swapped in by a rebuild is answered from;
- item 10: bad requests get 400, not 500.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from hardeningkit import bump
from kgtest import HANG_S

from kg.server.launch import serve

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
P = "<http://e/p>"


def _chains(n: int) -> dict[str, str]:
    """The probe's crash shapes (and more), ``n`` elements long."""
    return {
        "union": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }",
        "optional": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?x } " * n + "}",
        "bind": "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND({i} AS ?b{i})"
                                                         for i in range(n)) + " }",
        "minus": "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p 2 } " * n + "}",
        "filter": "SELECT * WHERE { ?s ?p ?o " + "FILTER(?o != 2) " * n + "}",
        "seq-path": "SELECT * WHERE { ?s " + "/".join([P] * n) + " ?o }",
        "alt-path": "SELECT * WHERE { ?s " + "|".join([P] * n) + " ?o }",
        "plus": "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * n) + " > 0) }",
        "and": "SELECT * WHERE { ?s ?p ?o FILTER(" + "&&".join(["true"] * n) + ") }",
        "or": "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["false"] * n) + ") }",
        "not": "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * n + "true) }",
        "groups": "SELECT * WHERE { " + "{ ?s ?p ?o } " * n + "}",
        "triples": "SELECT * WHERE { " + " . ".join(f"?s{i} ?p ?o" for i in range(n)) + " }",
        "object-list": "SELECT * WHERE { ?s ?p " + ", ".join(f"?o{i}" for i in range(n)) + " }",
        # a chain split over 100 nested levels: each level short, the whole path long
        "nested-binds": "SELECT * WHERE " + "".join(
            "{ ?s ?p ?o " + " ".join(f"BIND({j} AS ?b{i}_{j})" for j in range(n // 100))
            for i in range(100)) + "}" * 100,
    }


CRASHERS = {f"{name}-{n}": q for n in (3_000, 20_000) for name, q in _chains(n).items()}
ESCAPES = ["\\UFFFFFFFF", "\\U00110000", "\\uD800", "\\uDFFF", "\\UFFFFFFFE"]


@pytest.fixture(scope="module")
def server(tiny_build):
    # The timeout is a hang guard: no test here is about it, and a loaded machine must not
    # turn a small query into a 504.
    with serve(tiny_build / "store", port=0, timeout_s=HANG_S, workers=2,
               memory_mb=1024) as srv:
        yield srv


def _hostport(srv) -> tuple[str, int]:
    host, port = srv.url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def request(srv, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None):
    conn = http.client.HTTPConnection(*_hostport(srv), timeout=HANG_S)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type") or "", resp.read()
    finally:
        conn.close()


def post_query(srv, query: str, accept: str = "application/sparql-results+json"):
    return request(srv, "POST", "/query", query.encode(),
                   {"Content-Type": "application/sparql-query", "Accept": accept})


def raw(srv, data: bytes) -> bytes:
    """Send bytes as they are; what the server answers until it closes the connection or
    one response is complete. (No pause counts as an end: a server still silent after
    ``HANG_S`` fails the test instead of passing it with an empty reply.)"""
    with socket.create_connection(_hostport(srv), timeout=HANG_S) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n0\r\n\r\n" in chunk or _complete(b"".join(chunks)):
                    break
        except TimeoutError:
            raise AssertionError(f"no answer and no close in {HANG_S:g} s: {chunks}") from None
        return b"".join(chunks)


def _complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


# -- item 2: nothing but kg serve listens -----------------------------------------------------
def test_query_processes_hold_no_socket(server):
    """Regression: the Oxigraph engine behind kg serve listened on a loopback port that any
    local process could query directly, bypassing every guard (SERVICE reached out)."""
    pids = server.pool.pids()
    assert len(pids) == 2, pids
    for pid in pids:
        fds = Path(f"/proc/{pid}/fd")
        sockets = [os.readlink(fd) for fd in fds.iterdir()
                   if os.readlink(fd).startswith("socket:")]
        assert sockets == [], (pid, sockets)
        bump("serve.attacks")
        bump("serve.attacks_refused_or_stopped")


# -- item 3: queries that crashed the engine ---------------------------------------------------
@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_chains_that_crashed_the_engine_get_a_clean_400(server, name):
    bump("serve.attacks")
    pids, restarts = server.pool.pids(), server.pool.restarts
    status, _, body = post_query(server, CRASHERS[name])
    if status == 413:  # longer than the request cap: refused before anything else
        assert b"cap" in body, body
    else:
        assert status == 400, (status, body[:300])
        assert b"chains" in body or b"nests" in body or b"characters long" in body, body
        assert len(body.strip().splitlines()) == 1, body
    assert server.pool.pids() == pids and server.pool.restarts == restarts
    assert post_query(server, COUNT)[0] == 200
    bump("serve.attacks_refused_or_stopped")


@pytest.mark.parametrize("escape", ESCAPES)
def test_escapes_naming_no_character_get_a_400(server, escape):
    """Regression: ``\\UFFFFFFFF`` gave a 500 in kg serve and a traceback in kg query."""
    bump("serve.attacks")
    for query in (f'SELECT * WHERE {{ ?s ?p "{escape}" }}',
                  f"SELECT * WHERE {{ ?s ?p ?o{escape} }}",
                  f"SELECT * WHERE {{ ?s <http://e/{escape}> ?o }}"):
        status, _, body = post_query(server, query)
        assert status == 400 and b"escape" in body, (query, status, body)
        status, _, body = request(server, "GET",
                                  "/query?" + urllib.parse.urlencode({"query": query}))
        assert status == 400, (status, body)
    bump("serve.attacks_refused_or_stopped")


def test_a_worker_that_crashes_ends_only_its_own_query(tiny_build, grid_store_dir):
    """Even a query that gets past the guard and kills its process (here: the guard is
    bypassed on purpose) leaves the other worker's query to finish."""
    from kg.store.querypool import QueryFailed, QueryPool

    pool = QueryPool(grid_store_dir, size=2).start()
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?q ?o2 }"  # 9 M pairs
        box: dict = {}
        worker = threading.Thread(target=lambda: box.setdefault("answer", pool.run(
            slow, media=None, timeout_s=3600, max_bytes=None)))
        worker.start()
        crash = "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND(1 AS ?b{i})"
                                                        for i in range(20_000)) + " }"
        with pytest.raises(QueryFailed) as info:
            pool.run(crash, media=None, timeout_s=3600, max_bytes=None)
        assert info.value.status == 500 and "crashed" in str(info.value), info.value
        worker.join()
        rows = json.loads(box["answer"].body)["results"]["bindings"]
        assert rows[0]["n"]["value"] == str(3000 * 3000), rows
        answer = pool.run(COUNT, media=None, timeout_s=3600, max_bytes=None)
        assert json.loads(answer.body)["results"]["bindings"][0]["n"]["value"] == "3000"
    finally:
        pool.stop()


@pytest.fixture
def grid_store_dir(tmp_path):
    from kg.store import write_store

    with (tmp_path / "grid.nq").open("w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(f'<http://e/s{i}> <http://e/p> "{i}" <http://e/g{i % 3}> .\n')
    return write_store(tmp_path / "grid.nq", tmp_path / "store")


@pytest.mark.parametrize("name", ["union-20000", "bind-3000", "seq-path-20000", "plus-20000",
                                  "and-20000", "minus-3000", "not-20000"])
def test_kg_query_file_refuses_crashers_without_a_crash(tiny_build, tmp_path, name):
    """Regression: ``kg query FILE`` segfaulted (exit 139) on these."""
    rq = tmp_path / f"{name}.rq"
    rq.write_text(f"# title: T\n# question: Q?\n# params: none\n{CRASHERS[name]}\n",
                  encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(rq), "--build",
                           str(tiny_build)], capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert str(rq) in lines[0] and ("chains" in lines[0] or "characters" in lines[0]), lines


@pytest.mark.parametrize("escape", ESCAPES[:3])
def test_kg_query_file_refuses_bad_escapes(tiny_build, tmp_path, escape):
    rq = tmp_path / "escape.rq"
    rq.write_text(f'# title: T\n# question: Q?\n# params: none\nSELECT * WHERE {{ ?s ?p '
                  f'"{escape}" }}\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(rq), "--build",
                           str(tiny_build)], capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert "escape" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# -- item 4: the Host check --------------------------------------------------------------------
@pytest.mark.parametrize("host", [
    "evil.example", "evil.example:{port}", "localhost.evil.example", "127.0.0.1.nip.io:{port}",
    "127.0.0.2", "0.0.0.0:{port}", "", "[::2]:{port}", "localhost@evil.example",
    "evil.example#localhost", "LOCALHOST.", "localhost:{port}/x"])
def test_foreign_host_headers_are_refused(server, host):
    """Regression: any Host was accepted, the basis of DNS rebinding."""
    bump("serve.attacks")
    port = _hostport(server)[1]
    value = host.format(port=port)
    reply = raw(server, f"GET /query?query={urllib.parse.quote(COUNT)} HTTP/1.1\r\n"
                        f"Host: {value}\r\nConnection: close\r\n\r\n".encode())
    assert reply.startswith(b"HTTP/1.1 400"), (value, reply[:200])
    assert b'"bindings"' not in reply
    bump("serve.attacks_refused_or_stopped")


def test_two_host_headers_or_none_are_refused(server):
    bump("serve.attacks")
    port = _hostport(server)[1]
    for head in (f"Host: localhost:{port}\r\nHost: evil.example\r\n",
                 f"Host: evil.example\r\nHost: localhost:{port}\r\n", ""):
        reply = raw(server, f"GET /graph.nq HTTP/1.1\r\n{head}Connection: close\r\n\r\n"
                    .encode())
        assert reply.startswith(b"HTTP/1.1 400"), (head, reply[:200])
    reply = raw(server, b"GET /graph.nq HTTP/1.0\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400"), reply[:200]
    bump("serve.attacks_refused_or_stopped")


@pytest.mark.parametrize("host", ["localhost:{port}", "LocalHost:{port}", "127.0.0.1:{port}",
                                  "127.0.0.1", "[::1]:{port}", "localhost"])
def test_loopback_names_pass(server, host):
    port = _hostport(server)[1]
    reply = raw(server, f"GET /query?query={urllib.parse.quote(COUNT)} HTTP/1.1\r\n"
                        f"Host: {host.format(port=port)}\r\nConnection: close\r\n\r\n".encode())
    assert reply.startswith(b"HTTP/1.1 200"), reply[:300]


def test_allow_host_adds_a_name(tiny_build):
    with serve(tiny_build / "store", port=0, allow_hosts=("kg.lan",), workers=1) as srv:
        port = _hostport(srv)[1]
        for host, want in (("kg.lan", b"200"), (f"KG.LAN:{port}", b"200"),
                           ("evil.kg.lan", b"400"), ("localhost", b"200")):
            reply = raw(srv, f"GET /query?query={urllib.parse.quote(COUNT)} HTTP/1.1\r\n"
                             f"Host: {host}\r\nConnection: close\r\n\r\n".encode())
            assert reply.split(b" ")[1] == want, (host, reply[:200])


def test_a_non_loopback_bind_needs_public(tiny_build):
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="public"):
        serve(tiny_build / "store", host="0.0.0.0", port=0)
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--build", str(tiny_build),
                           "--host", "0.0.0.0", "--port", "0"],
                          capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 2 and "--public" in proc.stderr, proc.stderr[-300:]
    assert "Traceback" not in proc.stderr


def test_public_bind_prints_a_warning(tiny_build):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build", str(tiny_build),
                             "--host", "0.0.0.0", "--public", "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        assert "WARNING" in first and "0.0.0.0" in first and "authentication" in first, first
        second = proc.stderr.readline()
        assert re.search(r"SPARQL endpoint http://0\.0\.0\.0:[1-9]\d*/query", second), second
    finally:
        proc.terminate()
        proc.wait(HANG_S)


# -- item 6: the HTTP layer under load and attack --------------------------------------------
def test_keep_alive_serves_many_requests_on_one_connection(server):
    conn = http.client.HTTPConnection(*_hostport(server), timeout=HANG_S)
    try:
        for _ in range(200):
            conn.request("POST", "/query", COUNT.encode(),
                         {"Content-Type": "application/sparql-query"})
            resp = conn.getresponse()
            assert resp.status == 200 and b"bindings" in resp.read()
        first = conn.sock.getsockname()
        conn.request("GET", "/query?" + urllib.parse.urlencode({"query": COUNT}))
        conn.getresponse().read()
        assert conn.sock.getsockname() == first, "the connection was not kept alive"
    finally:
        conn.close()


SMUGGLING = [
    # Content-Length and Transfer-Encoding together (CL.TE / TE.CL)
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n"
    b"Host: {h}\r\n\r\n",
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n5c\r\nGET /smuggled HTTP/1.1"
    b"\r\nHost: {h}\r\n\r\n0\r\n\r\n",
    # two different Content-Lengths
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Content-Length: 0\r\nContent-Length: 40\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: {h}\r\n\r\n",
    # obfuscated Transfer-Encoding
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: xchunked\r\nContent-Length: 4\r\n\r\nABCDGET /smuggled HTTP/1.1\r\n"
    b"Host: {h}\r\n\r\n",
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\nABCDGET /smuggled HTTP/1.1\r\n"
    b"Host: {h}\r\n\r\n",
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n"
    b"GET /smuggled HTTP/1.1\r\nHost: {h}\r\n\r\n",
    # a bare LF line end and a header folded over two lines
    b"POST /query HTTP/1.1\nHost: {h}\nContent-Length: 0\nTransfer-Encoding: chunked\n\n"
    b"0\n\nGET /smuggled HTTP/1.1\nHost: {h}\n\n",
    b"POST /query HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/sparql-query\r\n"
    b"Content-Length: 4\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"
    b"GET /smuggled HTTP/1.1\r\nHost: {h}\r\n\r\n",
]


@pytest.mark.parametrize("attempt", range(len(SMUGGLING)))
def test_request_smuggling_is_refused(server, tmp_path, attempt):
    """Regression: Content-Length was trusted over Transfer-Encoding and a smuggled
    request ran. Every attempt is refused whole (400) and nothing after it runs."""
    bump("serve.attacks")
    host = f"localhost:{_hostport(server)[1]}"
    data = SMUGGLING[attempt].replace(b"{h}", host.encode())
    reply = raw(server, data)
    assert reply.startswith(b"HTTP/1.1 400"), reply[:300]
    assert reply.count(b"HTTP/1.1 ") == 1, reply[:600]  # the smuggled GET never ran
    bump("serve.attacks_refused_or_stopped")


def test_silent_and_slow_clients_do_not_lock_out_others(tiny_build):
    """Regression: slow clients holding connections locked out everyone at a 1,024
    file-descriptor limit. 1,200 clients that send nothing or half a request head stay
    open while another client is answered; the server drops them at the head deadline."""
    from kg.server.http import raise_file_limit

    raise_file_limit(8192)  # this process holds both ends of every connection
    with serve(tiny_build / "store", port=0, workers=1, header_timeout_s=3) as srv:
        host, port = _hostport(srv)
        idle = []
        try:
            for i in range(1200):
                sock = socket.create_connection((host, port), timeout=HANG_S)
                if i % 2:
                    sock.sendall(b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-")
                idle.append(sock)
            bump("serve.attacks")
            status, _, body = post_query(srv, COUNT)
            assert status == 200, (status, body)
            for sock in idle[:50]:  # each is dropped by the server (EOF), none answered
                assert sock.recv(1024) == b"", "a silent client was answered, not dropped"
            bump("serve.attacks_refused_or_stopped")
        finally:
            for sock in idle:
                sock.close()


def test_a_slow_body_is_dropped(tiny_build):
    with serve(tiny_build / "store", port=0, workers=1, idle_timeout_s=2) as srv:
        bump("serve.attacks")
        reply = raw(srv, b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                         b"application/sparql-query\r\nContent-Length: 100\r\n\r\nSELECT")
        assert reply == b"" or reply.split(b" ")[1] in (b"408", b"400"), reply[:200]
        assert post_query(srv, COUNT)[0] == 200
        bump("serve.attacks_refused_or_stopped")


def test_slow_readers_of_a_large_file_do_not_fill_memory(tiny_build, tmp_path):
    """Regression: static files were read whole per request (30 readers of graph.nq: 1.9 GB).
    Thirty clients ask for a 64 MB page and read nothing: kg serve's memory stays far below
    what thirty copies would take."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "big.txt").write_bytes(b"x" * (64 << 20))
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build", str(tiny_build),
                             "--pages", str(pages), "--port", "0", "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    socks = []
    try:
        line = proc.stderr.readline()  # the port it bound (port 0: none picked beforehand)
        said = re.search(r"SPARQL endpoint http://127\.0\.0\.1:(\d+)/query", line)
        assert said, line
        port = int(said.group(1))
        before = _rss_mb(proc.pid)
        for _ in range(30):
            sock = socket.create_connection(("127.0.0.1", port), timeout=HANG_S)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.sendall(b"GET /big.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
            socks.append(sock)
        # Every reader has its status line: the server has taken up all thirty requests
        # (a server that reads the file whole before answering holds thirty copies by
        # now), rather than a sleep that a loaded machine may not fill.
        for sock in socks:
            assert _recv_exactly(sock, 12) == b"HTTP/1.1 200"
        grown = _rss_mb(proc.pid) - before
        assert grown < 200, f"kg serve grew by {grown:.0f} MB for 30 stalled readers"
    finally:
        for sock in socks:
            sock.close()
        proc.terminate()
        proc.wait(HANG_S)


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n and (chunk := sock.recv(n - len(data))):
        data += chunk
    return data


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


# -- item 8: a rebuilt store is served -------------------------------------------------------
def test_a_store_swapped_in_by_a_rebuild_is_answered_from(tmp_path):
    """Regression: after a rebuild, kg serve kept answering from the old (deleted) store."""
    from kg.store import write_store

    def graph(n: int) -> Path:
        path = tmp_path / f"g{n}.nq"
        path.write_text("".join(f'<http://e/s{i}> <http://e/p> "{i}" <http://e/g> .\n'
                                for i in range(n)), encoding="utf-8")
        return path

    store = write_store(graph(5), tmp_path / "build" / "store")
    with serve(store, port=0, workers=2) as srv:
        for _ in range(4):  # every worker has the old store open
            assert b'"5"' in post_query(srv, COUNT)[2]
        write_store(graph(7), store)
        for _ in range(4):  # whichever worker answers, it is the new store
            status, _, body = post_query(srv, COUNT)
            assert status == 200 and b'"7"' in body, (status, body)


# -- item 10: 400, not 500 ---------------------------------------------------------------------
@pytest.mark.parametrize("method, path, body, headers", [
    ("GET", "/query?query=%ff%fe%00", None, {}),
    ("GET", "/query?query=SELECT&query=ASK", None, {}),
    ("GET", "/query?query=", None, {}),
    ("GET", "/query?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p }"), None, {}),
    ("GET", "/query?query=" + urllib.parse.quote('SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }'),
     None, {}),
    ("POST", "/query", b"\xff\xfe\x00SELECT", {"Content-Type": "application/sparql-query"}),
    ("POST", "/query", b"query=%ff%fe", {"Content-Type": "application/x-www-form-urlencoded"}),
    ("POST", "/query", b"{}", {"Content-Type": "application/json"}),
    ("GET", "/store?graph=not%20an%20iri", None, {}),
    ("GET", "/store?graph=" + urllib.parse.quote("<http://e/g> } ; DROP ALL ; {"), None, {}),
    ("GET", "/store", None, {}),
    ("GET", "/query?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }")
     + "&default-graph-uri=file:///etc/passwd", None, {}),
])
def test_bad_requests_get_a_4xx_not_a_500(server, method, path, body, headers):
    bump("serve.attacks")
    status, _, reply = request(server, method, path, body, headers)
    assert 400 <= status < 500, (status, reply[:300])
    assert len(reply.strip().splitlines()) == 1 and b"Traceback" not in reply, reply[:300]
    bump("serve.attacks_refused_or_stopped")
