"""Real components for the linking tests, all on loopback, none of them a mock.

- ``wikidata_endpoint``: an Oxigraph server (the ``oxigraph`` PyPI package)
  serving ``tests/fixtures/link/wikidata-slice.ttl`` read-only on a free port.
- ``proxy``: a counting HTTP proxy (stdlib ``http.server`` + ``urllib``) in front of
  it, so tests count the requests that reach the server and see their headers.
- ``stub_server``: a loopback HTTP server that hangs, or answers a fixed status
  (500, 429 or 503 with ``Retry-After``), or fails a few times before proxying.
- ``built_store``: a ``build/`` folder whose ``store`` holds the ontology files and
  ``tests/fixtures/link/graph.trig``, as ``kg build`` lays them out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from kgtest import HANG_S, listening_port, refused_port, wait_until

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "link"
SLICE = FIXTURES / "wikidata-slice.ttl"
GRAPH = FIXTURES / "graph.trig"


@pytest.fixture(autouse=True)
def _never_the_real_wdqs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that forgets its endpoint hits a closed loopback port, never the Internet."""
    monkeypatch.setenv("KG_WIKIDATA_ENDPOINT", "http://127.0.0.1:9/not-configured")
    monkeypatch.delenv("KG_USER_AGENT", raising=False)


def oxigraph_bin() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def _wait_until_up(url: str, proc: subprocess.Popen) -> None:
    """Return once the server answers ``url``; fail at once if it exits (see kgtest)."""

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=HANG_S):
                return True
        except (urllib.error.URLError, OSError):
            return False

    wait_until(answers, f"oxigraph answering at {url}", proc=proc)


@pytest.fixture(scope="session")
def wikidata_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT/query`` of an Oxigraph server holding the Wikidata slice."""
    binary = oxigraph_bin()
    if binary is None:
        pytest.skip("the oxigraph CLI (PyPI package 'oxigraph') is not installed")
    location = tmp_path_factory.mktemp("wikidata-slice") / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(SLICE)],
                   check=True, capture_output=True)
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                             "--bind", "127.0.0.1:0", "--timeout-s", str(int(HANG_S))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = listening_port(proc)
        _wait_until_up(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=HANG_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Seen:
    """One request as it arrived: method, path, headers, body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LoopbackServer:
    url: str
    seen: list[Seen] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.seen)


def _serve(handler_factory: Callable[[LoopbackServer], type[BaseHTTPRequestHandler]],
           path: str = "/query") -> Iterator[LoopbackServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    info = LoopbackServer(url=f"http://127.0.0.1:{server.server_address[1]}{path}")
    server.RequestHandlerClass = handler_factory(info)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield info
    finally:
        server.shutdown()
        server.server_close()


def _record(handler: BaseHTTPRequestHandler, info: LoopbackServer) -> bytes:
    length = int(handler.headers.get("Content-Length") or 0)
    body = handler.rfile.read(length) if length else b""
    info.seen.append(Seen(handler.command, handler.path, dict(handler.headers.items()), body))
    return body


def _forward(handler: BaseHTTPRequestHandler, upstream: str, body: bytes) -> None:
    """Send the request on to ``upstream`` and copy the answer back (status, type, body)."""
    keep = ("Content-Type", "Accept", "User-Agent")
    req = urllib.request.Request(upstream, data=body if handler.command == "POST" else None,
                                 method=handler.command,
                                 headers={k: v for k, v in handler.headers.items() if k in keep})
    try:
        with urllib.request.urlopen(req, timeout=HANG_S) as resp:
            status, ctype, payload = resp.status, resp.headers.get("Content-Type"), resp.read()
    except urllib.error.HTTPError as exc:
        status, ctype, payload = exc.code, exc.headers.get("Content-Type"), exc.read()
    handler.send_response(status)
    handler.send_header("Content-Type", ctype or "application/octet-stream")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


@pytest.fixture
def proxy(wikidata_endpoint: str) -> Iterator[LoopbackServer]:
    """A counting proxy in front of the slice server: a real HTTP hop that records requests."""

    def factory(info: LoopbackServer) -> type[BaseHTTPRequestHandler]:
        class Proxy(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                _forward(self, wikidata_endpoint, _record(self, info))

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        return Proxy

    yield from _serve(factory)


@dataclass
class Behaviour:
    """What the stub does for request n (0-based): hang, or answer a status, or proxy."""

    status: int | None = None  # None: hang (or proxy, with upstream)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"stub error\nsecond line"
    failures: int | None = None  # fail this many times, then proxy to upstream
    upstream: str | None = None
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def stub_server() -> Iterator[Callable[..., LoopbackServer]]:
    """``stub_server(**behaviour)`` starts a loopback server (see :class:`Behaviour`);
    all are stopped after the test."""
    started: list[tuple[Iterator[LoopbackServer], Behaviour]] = []

    def start(**settings: object) -> LoopbackServer:
        behaviour = Behaviour(**settings)  # type: ignore[arg-type]

        def factory(info: LoopbackServer) -> type[BaseHTTPRequestHandler]:
            class Stub(BaseHTTPRequestHandler):
                def do_POST(self) -> None:  # noqa: N802
                    body = _record(self, info)
                    n = info.count - 1
                    if behaviour.upstream and behaviour.failures is not None \
                            and n >= behaviour.failures:
                        _forward(self, behaviour.upstream, body)
                        return
                    if behaviour.status is None:
                        behaviour.release.wait()  # hang until the test ends
                        return
                    self.send_response(behaviour.status)
                    for k, v in behaviour.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(behaviour.body)))
                    self.end_headers()
                    self.wfile.write(behaviour.body)

                do_GET = do_POST  # noqa: N815

                def log_message(self, *args: object) -> None:
                    pass

            return Stub

        gen = _serve(factory)
        info = next(gen)
        started.append((gen, behaviour))
        return info

    yield start
    for gen, behaviour in started:
        behaviour.release.set()
        next(gen, None)


def _make_store(build_dir: Path, *extra_trig: str, graph: Path = GRAPH) -> Path:
    """``build_dir/store``: the ontology files in the ontology graph plus the fixture graph."""
    import pyoxigraph as ox

    from kg import iris
    from kg.ontology import ontology_files

    store_dir = build_dir / "store"
    store = ox.Store(str(store_dir))
    for f in ontology_files():
        store.load(path=str(f), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.NamedNode(iris.ONTOLOGY_GRAPH))
    store.load(path=str(graph), format=ox.RdfFormat.TRIG)
    for text in extra_trig:
        store.load(input=text, format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    import gc

    gc.collect()
    return store_dir


@pytest.fixture
def closed_port_url() -> Iterator[str]:
    """A loopback URL nobody listens on (for the whole test: see kgtest.refused_port)."""
    with refused_port() as port:
        yield f"http://127.0.0.1:{port}/query"


@pytest.fixture
def make_build(tmp_path: Path) -> Callable[..., Path]:
    """``make_build(*trig, name="build")``: a build folder whose store holds the fixture graph
    plus the given TriG texts."""

    def make(*extra_trig: str, name: str = "build", graph: Path = GRAPH) -> Path:
        build = tmp_path / name
        build.mkdir()
        _make_store(build, *extra_trig, graph=graph)
        return build

    return make


@pytest.fixture
def built_store(make_build: Callable[..., Path]) -> Path:
    """``tmp/build`` with ``store/`` from the fixture graph; returns the build folder."""
    return make_build()


@pytest.fixture
def config_for() -> Callable[..., object]:
    """``config_for(endpoint, build, **changes)``: a LinkConfig with the cache in ``build``,
    short timeouts and back-off."""
    from kg.link.config import LinkConfig

    def make(endpoint: str, build: Path, **changes: object) -> LinkConfig:
        settings: dict[str, object] = dict(endpoint=endpoint, timeout_s=HANG_S, retries=2,
                                           backoff_s=0.05,
                                           cache_dir=build / "cache" / "wikidata")
        settings.update(changes)
        return LinkConfig(**settings)  # type: ignore[arg-type]

    return make
