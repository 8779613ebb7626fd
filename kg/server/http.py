"""uvicorn, configured for a server that strangers' clients may reach.

The HTTP parsing is uvicorn's (``httptools``, i.e. llhttp, which refuses a request with
both ``Content-Length`` and ``Transfer-Encoding`` and other smuggling shapes). Around
it:

- a connection must send a whole request head within ``header_timeout_s`` of opening
  (or of its previous response): a slow or silent client is dropped instead of holding
  a slot forever (uvicorn's own keep-alive timeout stops at the first byte);
- ``limit_concurrency`` answers 503 past that many connections, and the process's
  open-file limit is raised to its hard limit so idle connections cannot exhaust it;
- keep-alive connections idle for ``keepalive_s`` are closed;
- uvicorn's access log is off (the app logs refused and failed requests, escaped).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kg.errors import StoreError

__all__ = ["HttpServer", "GuardedHttpTools", "raise_file_limit", "bind_socket"]


class GuardedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on each request head."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self.cycle is None or self.cycle.response_complete:  # no request in progress
            self.transport.close()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def raise_file_limit(wanted: int = 65536) -> int:
    """Raise this process's soft open-file limit towards ``wanted`` (not past the hard
    limit); the limit in force."""
    try:
        import resource
    except ImportError:  # not on this platform
        return -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return target
        except (ValueError, OSError):
            return soft
    return soft


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (``port=0`` picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.setblocking(False)
    return sock


class HttpServer:
    """uvicorn serving ``app`` on ``sock`` in a background thread."""

    def __init__(self, app: Any, sock: socket.socket, *, header_timeout_s: float = 10.0,
                 keepalive_s: int = 5, limit_concurrency: int = 4096):
        protocol = type("Protocol", (GuardedHttpTools,), {"header_timeout_s": header_timeout_s})
        raise_file_limit(limit_concurrency + 1024)
        config = uvicorn.Config(app, http=protocol, lifespan="off", access_log=False,
                                log_level="warning", server_header=False, date_header=True,
                                timeout_keep_alive=keepalive_s,
                                limit_concurrency=limit_concurrency, backlog=1024,
                                timeout_graceful_shutdown=2)
        self.sock = sock
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       name="kg-serve-http", daemon=True)

    def start(self, timeout_s: float = 120.0) -> None:
        """Start serving; wait until uvicorn has started (or its thread died).

        The bound is for a hang only (as the query processes' ``STARTUP_TIMEOUT_S``): a
        machine loaded by other jobs can take well over ten seconds to start uvicorn.
        """
        self.thread.start()
        deadline = time.monotonic() + timeout_s
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise StoreError("the HTTP server did not start")
            time.sleep(0.01)

    def stop(self, *, while_closing: Callable[[], None] | None = None) -> None:
        """Stop taking connections; run ``while_closing`` (while the requests being served
        may still answer); wait for uvicorn to end."""
        self.server.should_exit = True
        if while_closing is not None:
            while_closing()
        if self.thread.is_alive():
            self.thread.join(10)
        self.sock.close()
