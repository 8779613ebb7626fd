"""``kg serve``: the built store, read-only over the SPARQL 1.1 Protocol, plus the pages.

An ``oxigraph serve-read-only`` process answers queries on a private loopback
port (``--union-default-graph``, ``--timeout-s``); in front of it a small
stdlib HTTP server is the only thing clients talk to. The front

- answers ``GET``/``POST /query`` after checking the query: updates, ``LOAD``
  and ``SERVICE`` (unless allowed) get ``400`` with a one-line reason;
- caps the request size and the result size, and enforces the deadline itself
  (Oxigraph keeps streaming a ``SELECT`` past its own timeout);
- parses every result completely before sending it, because Oxigraph reports a
  failure that happens after streaming started as HTTP 200 with a truncated
  body: a cut answer becomes a clear ``504``/``502`` instead of bad data;
- serves the visualization pages (``build/*.html``) with correct content types,
  refusing directory traversal, dotfiles and the store's own files;
- refuses ``/update`` and writes to ``/store`` with ``403``.

``serve(...)`` returns a :class:`Server` handle with ``.url`` and ``.stop()``.
"""

from __future__ import annotations

import html
import http.client
import mimetypes
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError, printable

__all__ = ["serve", "Server", "ServeConfig", "oxigraph_binary", "free_port"]

_STATIC_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".json": "application/json",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
    ".nq": "application/n-quads", ".nt": "application/n-triples",
    ".trig": "application/trig", ".ttl": "text/turtle; charset=utf-8",
    ".rq": "application/sparql-query", ".woff2": "font/woff2", ".map": "application/json",
}
_RESULT_TYPES = {  # media type asked by the client -> (upstream media type, parse as)
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/tab-separated-values": "text/tab-separated-values",
    "text/csv": "text/tab-separated-values",  # CSV cannot be parsed back: fetch TSV, convert
}
_GRAPH_TYPES = ("application/n-triples", "text/turtle", "application/rdf+xml",
                "application/n-quads", "application/trig")


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI of the PyPI package ``oxigraph`` (next to this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the 'oxigraph' server binary is missing (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


# Address space the Oxigraph server reserves beyond what it uses: it starts a thread per
# request (about 2.5 MB of stack and guard each) that lingers for a second or so, so a
# few hundred requests a second reserve gigabytes that are never touched (measured: ~1500
# threads, 3.8 GB, at 600 requests/s on a 2-core machine).
THREAD_RESERVE_MB = 4096
WATCH_INTERVAL_S = 0.05


class Engine:
    """The private ``oxigraph serve-read-only`` process; restarted if it dies.

    With ``memory_mb`` its resident memory is watched (every 50 ms on Linux) and the
    process killed past the cap: a query that would take the host's memory stops; the
    next request gets a fresh engine. Its address space is capped too, as a backstop,
    at ``memory_mb`` plus :data:`THREAD_RESERVE_MB` (an address-space cap alone failed
    under load: untouched thread stacks used it up and requests failed with EAGAIN).
    """

    def __init__(self, store_dir: Path, timeout_s: float, memory_mb: int | None,
                 startup_timeout_s: float = 10.0):
        self.store_dir, self.timeout_s, self.memory_mb = store_dir, timeout_s, memory_mb
        self.startup_timeout_s = startup_timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.restarts = 0
        self._lock = threading.Lock()

    def start(self) -> None:
        from kg.store.lifeline import spawn
        from kg.store.worker import memory_limiter

        self.port = free_port()
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(self.store_dir),
               "--bind", f"127.0.0.1:{self.port}",
               "--timeout-s", str(max(1, round(self.timeout_s))), "--union-default-graph"]
        # Under an address-space cap, glibc's per-thread malloc arenas (64 MB of address
        # space each) would use it up long before memory does: keep two.
        env = {**os.environ, "MALLOC_ARENA_MAX": "2"} if self.memory_mb else None
        backstop = self.memory_mb + THREAD_RESERVE_MB if self.memory_mb else None
        # spawn: on Linux the engine gets SIGKILL when kg serve dies, even by SIGKILL.
        self.proc = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env, preexec_fn=memory_limiter(backstop))
        try:
            _wait_listening(self.proc, self.port, self.startup_timeout_s)
        except BaseException:
            self.stop()
            raise
        if self.memory_mb:
            threading.Thread(target=_watch_memory, args=(self.proc, self.memory_mb),
                             name="kg-serve-memory", daemon=True).start()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def died(self, wait_s: float = 1.0) -> bool:
        """True if the process has exited (waiting briefly: an abort takes a moment)."""
        if self.proc is None:
            return True
        try:
            self.proc.wait(wait_s)
        except subprocess.TimeoutExpired:
            return False
        return True

    def address(self) -> tuple[str, int]:
        """Where to send a request; restarts the process first if it died."""
        with self._lock:
            if not self.alive():
                self.stop()
                self.start()
                self.restarts += 1
            return "127.0.0.1", self.port

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def _watch_memory(proc: subprocess.Popen[bytes], limit_mb: int) -> None:
    """Kill ``proc`` when its resident memory passes ``limit_mb`` (Linux ``/proc``; elsewhere
    only the address-space backstop applies)."""
    statm = Path(f"/proc/{proc.pid}/statm")
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    limit = limit_mb << 20
    while proc.poll() is None:
        try:
            resident = int(statm.read_text().split()[1]) * page
        except (OSError, ValueError, IndexError):
            return
        if resident > limit:
            proc.kill()
            return
        time.sleep(WATCH_INTERVAL_S)


@dataclass(frozen=True)
class ServeConfig:
    store_dir: Path
    pages_dir: Path | None
    engine: Engine
    timeout_s: float
    allow_service: bool
    max_request_bytes: int
    max_result_bytes: int


class _FrontServer(ThreadingHTTPServer):
    # The default listen backlog (5) resets connections when a team's clients arrive together.
    request_queue_size = 128
    daemon_threads = True


class Server:
    """A running ``kg serve``: ``.url`` to talk to it, ``.stop()`` to end it."""

    def __init__(self, httpd: ThreadingHTTPServer, config: ServeConfig):
        self._httpd, self.config = httpd, config
        host, port = httpd.server_address[:2]
        self.url = f"http://{_url_host(str(host))}:{port}"
        self.query_url = self.url + "/query"
        self._thread = threading.Thread(target=httpd.serve_forever, name="kg-serve",
                                         daemon=True)
        self._thread.start()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server stops (or Ctrl-C, which stops it)."""
        try:
            while self._thread.is_alive():
                self._thread.join(0.5)
        finally:
            self.stop()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()
        self.config.engine.stop()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve(store_dir: str | Path = "build/store", *, host: str = "127.0.0.1", port: int = 7878,
          pages_dir: str | Path | None = None, timeout_s: float = 30.0,
          allow_service: bool = False, max_request_bytes: int = 1 << 20,
          max_result_bytes: int = 64 << 20, memory_mb: int | None = 4096,
          startup_timeout_s: float = 10.0, idle_timeout_s: float = 30.0) -> Server:
    """Start serving ``store_dir`` read-only; ``port=0`` picks a free port.

    ``pages_dir`` defaults to the store's parent (``build/``). ``memory_mb`` caps the
    address space of the Oxigraph process (``None``: no cap). A client that sends nothing
    for ``idle_timeout_s`` (a stalled or half-sent request) is dropped, freeing its thread.

    :raises StoreError: if the store is missing or the Oxigraph server does not start.
    """
    store_dir = Path(store_dir)
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no store here (run 'kg build' first)")
    pages = Path(pages_dir) if pages_dir is not None else store_dir.parent
    engine = Engine(store_dir, timeout_s, memory_mb, startup_timeout_s)
    engine.start()
    try:
        config = ServeConfig(store_dir.resolve(), pages.resolve() if pages.is_dir() else None,
                             engine, timeout_s, allow_service, max_request_bytes,
                             max_result_bytes)
        handler = type("KGHandler", (_Handler,), {"config": config, "timeout": idle_timeout_s})
        try:
            httpd = _FrontServer((host, port), handler)
        except OSError as exc:
            raise StoreError(f"cannot listen on {host}:{port}: {exc}") from exc
        httpd.daemon_threads = True
        return Server(httpd, config)
    except BaseException:
        engine.stop()
        raise


def _wait_listening(proc: subprocess.Popen[bytes], port: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise StoreError(f"oxigraph serve-read-only exited: {' '.join(err.split())[:300]}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            if proc.stderr is not None:  # drain it, so a chatty server never blocks
                threading.Thread(target=_drain, args=(proc.stderr,), daemon=True).start()
            return
        except OSError:
            time.sleep(0.05)
    raise StoreError(f"oxigraph serve-read-only did not start within {timeout_s:g} s")


def _drain(pipe: Any) -> None:
    try:
        while pipe.read(65536):
            pass
    except (OSError, ValueError):
        pass


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    config: ServeConfig
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    error_message_format = "%(code)d %(message)s\n"  # one plain line, as our own errors
    error_content_type = "text/plain; charset=utf-8"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        # The request line is the client's: no control characters into the server's log.
        sys.stderr.write(f"kg serve: {self.address_string()} {printable(format % args)}\n")

    # -- dispatch ---------------------------------------------------------
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def _dispatch(self, method: str) -> None:
        try:
            path = urllib.parse.urlsplit(self.path).path
            if path in ("/update",) or (path == "/store" and method not in ("GET", "HEAD")):
                raise _Refused(403, f"{path} is read-only here: kg serve refuses {method}")
            if path == "/query":
                self._query(method)
            elif path == "/store":
                self._forward_store()
            elif method in ("GET", "HEAD"):
                self._static(path, head=method == "HEAD")
            else:
                raise _Refused(405, f"{method} is not allowed on {path}")
        except _Refused as exc:
            self._send_text(exc.status, str(exc))
        except QueryError as exc:
            self._send_text(400, str(exc))
        except (TimeoutError, ConnectionError):
            raise  # the client went away or stalled: http.server closes the connection
        except Exception as exc:  # one line to the client and the log, never a traceback
            self.log_message("internal error: %s: %s", type(exc).__name__, exc)
            self._send_text(500, f"internal error ({type(exc).__name__}); see the server log")

    # -- SPARQL -----------------------------------------------------------
    def _read_body(self) -> bytes:
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            raise _Refused(400, f"invalid Content-Length {raw[:40]!r}")
        length = int(raw)
        cap = self.config.max_request_bytes
        if length > cap:
            remaining = length if length <= 4 * cap else 0
            while remaining > 0:  # read it away, so the client gets the 413, not a reset
                chunk = self.rfile.read(min(1 << 16, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
            raise _Refused(413, f"request body of {length} bytes exceeds the {cap} byte cap")
        return self.rfile.read(length) if length else b""

    def _query_params(self, method: str) -> dict[str, list[str]]:
        url_params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if method in ("GET", "HEAD"):
            return url_params
        if method != "POST":
            raise _Refused(405, f"{method} is not allowed on /query (use GET or POST)")
        body = self._read_body()
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            if "update" in params:
                raise _Refused(400, "SPARQL Update is refused: kg serve is read-only")
            return {**url_params, **params}
        if ctype == "application/sparql-query":
            return {**url_params, "query": [body.decode("utf-8", "replace")]}
        if ctype == "application/sparql-update":
            raise _Refused(400, "SPARQL Update is refused: kg serve is read-only")
        raise _Refused(415, f"unsupported Content-Type {ctype!r} for POST /query")

    def _query(self, method: str) -> None:
        from kg.store.guard import check_query

        params = self._query_params(method)
        if "update" in params:
            raise _Refused(400, "SPARQL Update is refused: kg serve is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            if method == "GET" and not queries:
                self._static("/", head=False)  # browsers opening /query get the index
                return
            raise _Refused(400, "exactly one non-empty 'query' parameter is required")
        form = check_query(queries[0], allow_service=self.config.allow_service)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept, convert_csv = _upstream_accept(self.headers.get("Accept", ""), graph=graph)
        forward = {"query": queries[0]}
        extra = [(k, v) for k in ("default-graph-uri", "named-graph-uri")
                 for v in params.get(k, [])]
        body = urllib.parse.urlencode(list(forward.items()) + extra).encode()
        status, ctype, data = self._upstream(
            "POST", "/query", body, {"Content-Type": "application/x-www-form-urlencoded",
                                     "Accept": accept})
        if status == 200:
            data, ctype = _validated(data, ctype, graph=graph, to_csv=convert_csv,
                                     timeout_s=self.config.timeout_s)
        elif status == 400:
            raise _Refused(400, "query rejected: " + _one_line(data))
        else:
            raise _Refused(502, f"SPARQL engine answered {status}: {_one_line(data)}")
        self._send(200, ctype, data, head=method == "HEAD")

    def _forward_store(self) -> None:
        query = urllib.parse.urlsplit(self.path).query
        status, ctype, data = self._upstream("GET", "/store?" + query, None,
                                             {"Accept": self.headers.get("Accept", "*/*")})
        self._send(status, ctype, data, head=self.command == "HEAD")

    def _upstream(self, method: str, path: str, body: bytes | None,
                  headers: dict[str, str]) -> tuple[int, str, bytes]:
        """One request to Oxigraph, read completely within the deadline and the size cap."""
        cfg = self.config
        deadline = time.monotonic() + cfg.timeout_s + 1.0  # Oxigraph's own timeout goes first
        conn = http.client.HTTPConnection(*cfg.engine.address(), timeout=cfg.timeout_s + 1.0)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            chunks, size = [], 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Refused(504, f"query exceeded the {cfg.timeout_s:g} s timeout")
                if conn.sock is not None:
                    conn.sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > cfg.max_result_bytes:
                    raise _Refused(500, f"result exceeds the {cfg.max_result_bytes} byte cap; "
                                        "add a LIMIT")
                chunks.append(chunk)
            return response.status, response.getheader("Content-Type") or "", b"".join(chunks)
        except TimeoutError as exc:
            raise _Refused(504, f"query exceeded the {cfg.timeout_s:g} s timeout") from exc
        except (OSError, http.client.HTTPException) as exc:
            if cfg.engine.memory_mb and cfg.engine.died():
                raise _Refused(503, "the query ran out of memory (limit "
                                    f"{cfg.engine.memory_mb} MB); the engine was restarted; "
                                    "narrow the query or add a LIMIT") from exc
            raise _Refused(502, f"SPARQL engine unreachable: {exc}") from exc
        finally:
            conn.close()  # closing also stops Oxigraph streaming an abandoned result

    # -- static pages -----------------------------------------------------
    def _static(self, path: str, *, head: bool) -> None:
        pages = self.config.pages_dir
        rel = urllib.parse.unquote(path).lstrip("/")
        if rel == "":
            index = pages / "index.html" if pages else None
            if index is not None and index.is_file():
                rel = "index.html"
            else:
                self._send(200, "text/html; charset=utf-8", self._index_page(), head=head)
                return
        target = self._safe_target(rel)
        ctype = _STATIC_TYPES.get(target.suffix.lower()) or (
            mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        self._send(200, ctype, target.read_bytes(), head=head)

    def _safe_target(self, rel: str) -> Path:
        pages = self.config.pages_dir
        parts = Path(rel).parts
        if pages is None or "\x00" in rel or "\\" in rel or any(
                p in ("..", ".") or p.startswith(".") for p in parts):
            raise _Refused(404, f"not found: /{rel}")
        target = (pages / rel).resolve()
        store = self.config.store_dir
        if (not target.is_relative_to(pages) or target.is_relative_to(store)
                or not target.is_file()):
            raise _Refused(404, f"not found: /{rel}")
        return target

    def _index_page(self) -> bytes:
        pages = self.config.pages_dir
        names = sorted(p.name for p in pages.glob("*.html")) if pages else []
        items = "".join(f'<li><a href="/{urllib.parse.quote(n)}">{html.escape(n)}</a></li>'
                        for n in names)
        return (
            "<!doctype html><meta charset=utf-8><title>kg serve</title>"
            "<h1>kg serve</h1><p>SPARQL 1.1 Protocol endpoint: <code>/query</code> "
            "(read-only; queries see the union of all named graphs).</p>"
            f"<ul>{items}</ul>"
            "<form method=post action=/query><textarea name=query rows=8 cols=80>"
            "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            "</textarea><br><button>Run</button></form>"
        ).encode()

    # -- responses --------------------------------------------------------
    def _send(self, status: int, ctype: str, data: bytes, *, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _send_text(self, status: int, message: str) -> None:
        if status >= 400:
            self.close_connection = True  # a refused request's body may still be unread
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(),
                   head=self.command == "HEAD")


def _upstream_accept(accept: str, *, graph: bool) -> tuple[str, bool]:
    """What to ask Oxigraph for, and whether to convert TSV to CSV for the client."""
    wanted = [a.split(";")[0].strip().lower() for a in accept.split(",") if a.strip()]
    if graph:
        for media in wanted:
            if media in _GRAPH_TYPES:
                return media, False
        return "application/n-triples", False
    for media in wanted:
        if media in _RESULT_TYPES:
            return _RESULT_TYPES[media], media == "text/csv"
    return "application/sparql-results+json", False


def _validated(data: bytes, ctype: str, *, graph: bool, to_csv: bool,
               timeout_s: float) -> tuple[bytes, str]:
    """Parse the whole answer; a cut or garbled one (an error after streaming) is refused."""
    import pyoxigraph as ox

    media = ctype.split(";")[0].strip()
    try:
        if graph:
            fmt = ox.RdfFormat.from_media_type(media)
            if fmt is None:
                raise SyntaxError(f"unexpected Content-Type {ctype!r}")
            for _ in ox.parse(data, format=fmt):
                pass
            return data, ctype
        rfmt = ox.QueryResultsFormat.from_media_type(media)
        if rfmt is None:
            raise SyntaxError(f"unexpected Content-Type {ctype!r}")
        answer = ox.parse_query_results(data, format=rfmt)
        if isinstance(answer, ox.QuerySolutions):
            rows = list(answer)
            if to_csv:
                return answer_to_csv(answer.variables, rows), "text/csv; charset=utf-8"
        return data, ctype
    except (SyntaxError, ValueError) as exc:
        if b"cancelled" in data[-200:] or b"timeout" in data[-200:].lower():
            raise _Refused(504, f"query exceeded the {timeout_s:g} s timeout") from exc
        raise _Refused(502, f"incomplete result from the SPARQL engine: {exc}") from exc


def answer_to_csv(variables: list[Any], rows: list[Any]) -> bytes:
    """SPARQL 1.1 CSV results: lexical forms only (the format is lossy by design)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([v.value for v in variables])
    for row in rows:
        cells = (row[i] for i in range(len(variables)))
        writer.writerow(["" if t is None else _csv_value(t) for t in cells])
    return out.getvalue().encode("utf-8")


def _csv_value(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _one_line(data: bytes) -> str:
    return " ".join(data.decode("utf-8", "replace").split())[:300]
