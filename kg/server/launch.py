"""``kg serve``: the built store, read-only over the SPARQL 1.1 Protocol, plus the pages.

``serve(...)`` starts the ASGI app of :mod:`kg.server` on uvicorn in a background thread
and returns a :class:`Server` handle (``.url``, ``.query_url``, ``.stop()``). Queries run
in a pool of worker processes on the store (:mod:`kg.store.querypool`): no SPARQL engine
listens on any port, so the guards (:mod:`kg.store.guard`: read-only, no ``LOAD`` or
``SERVICE``, size and chain limits; timeout; result cap; memory cap) apply to every query.
Only requests whose ``Host`` names the bound address (or ``allow_hosts``) are answered;
binding a non-loopback address needs ``public=True``.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

__all__ = ["serve", "Server", "ServeConfig", "oxigraph_binary", "free_port", "default_workers"]


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


def default_workers() -> int:
    """Query processes by default: one per CPU, at least 2 (a slow query leaves one free)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 2
    return max(2, cpus)


@dataclass(frozen=True)
class ServeConfig:
    store_dir: Path
    pages_dir: Path | None
    timeout_s: float
    allow_service: bool
    max_request_bytes: int
    max_result_bytes: int
    allowed_hosts: frozenset[str]


class Server:
    """A running ``kg serve``: ``.url`` to talk to it, ``.stop()`` to end it.

    ``.pool`` is the pool of query processes (``.pool.pids()``, ``.pool.restarts``);
    ``.service`` the query service (``.service.running(client)``).
    """

    def __init__(self, http: object, pool: object, config: ServeConfig, url: str,
                 service: object = None):
        self._http, self.pool, self.config, self.service = http, pool, config, service
        self.url = url
        self.query_url = url + "/query"

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server stops (or Ctrl-C, which stops it)."""
        thread = self._http.thread  # type: ignore[attr-defined]
        try:
            while thread.is_alive():
                thread.join(0.5)
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop taking connections, end the running queries (each request answers 503 "the
        server is stopping", instead of being cancelled mid-request), then stop serving."""
        self._http.stop(while_closing=self.pool.stop)  # type: ignore[attr-defined]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve(store_dir: str | Path = "build/store", *, host: str = "127.0.0.1", port: int = 7878,
          pages_dir: str | Path | None = None, timeout_s: float = 30.0,
          allow_service: bool = False, max_request_bytes: int = 1 << 20,
          max_result_bytes: int = 64 << 20, memory_mb: int | None = 4096,
          workers: int | None = None, allow_hosts: tuple[str, ...] = (),
          public: bool = False, idle_timeout_s: float = 30.0,
          header_timeout_s: float = 10.0, per_client: int | None = None) -> Server:
    """Start serving ``store_dir`` read-only; ``port=0`` picks a free port.

    ``pages_dir`` defaults to the store's parent (``build/``). ``memory_mb`` caps the
    resident memory of each query process (``None``: no cap). ``workers`` query processes
    (default :func:`default_workers`). A client must send a request head within
    ``header_timeout_s`` and its body, or read the response, within ``idle_timeout_s``.
    One client (address) may have ``per_client`` requests with queries running at once
    (0: no limit; default: none on a loopback address, where every client is this machine's
    or its proxy's, else :func:`~kg.server.service.default_per_client`, half the workers);
    past that it gets 429 with Retry-After.

    :raises StoreError: if the store is missing, the address cannot be bound, or a
        non-loopback ``host`` is given without ``public=True``.
    """
    from kg.server.app import AppConfig, create_app
    from kg.server.hosts import allowed_hosts, is_loopback
    from kg.server.http import HttpServer, bind_socket
    from kg.server.service import QueryService, ServiceLimits, default_per_client
    from kg.store.embedded import recover_store
    from kg.store.querypool import QueryPool

    store_dir = Path(store_dir)
    recover_store(store_dir)
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no store here (run 'kg build' first)")
    if not is_loopback(host) and not public:
        raise StoreError(f"{host} is not a loopback address: kg serve has no authentication; "
                         "pass --public to expose the graph to every client that can reach "
                         f"{host}")
    pages = Path(pages_dir) if pages_dir is not None else store_dir.parent
    if pages_dir is not None and not pages.is_dir():  # a typo must not serve no pages unsaid
        raise StoreError(f"--pages {pages}: no such folder")
    config = ServeConfig(store_dir.resolve(), pages.resolve() if pages.is_dir() else None,
                         timeout_s, allow_service, max_request_bytes, max_result_bytes,
                         allowed_hosts(host, allow_hosts))
    sock = bind_socket(host, port)
    if per_client is not None and per_client < 0:
        raise StoreError(f"per-client limit must be 0 (none) or more, not {per_client}")
    pool = QueryPool(store_dir, size=workers or default_workers(), memory_mb=memory_mb)
    if per_client is None:  # on loopback every client is this machine's (or its proxy's)
        per_client = 0 if is_loopback(host) else default_per_client(pool.size)
    try:
        pool.start()
        service = QueryService(pool, ServiceLimits(timeout_s, max_result_bytes, allow_service,
                                                   per_client=per_client))
        app = create_app(service, AppConfig(config.store_dir, config.pages_dir,
                                            config.allowed_hosts, max_request_bytes,
                                            idle_timeout_s))
        http = HttpServer(app, sock, header_timeout_s=header_timeout_s)
        http.start()
    except BaseException:
        pool.stop()
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    return Server(http, pool, config, f"http://{_url_host(host)}:{bound_port}", service)
