"""The ASGI app of ``kg serve``: routes over one :class:`QueryService`, plus the guards.

Adding a page or an API route
-----------------------------
Write a function that takes the app's query service and returns Starlette routes::

    # kg/web/entity.py
    from starlette.routing import Route

    def routes(service: QueryService) -> list[Route]:
        async def entity(request):
            result = await service.query("SELECT ?l WHERE { ?x rdfs:label ?l }",
                                         bindings={"x": NamedNode(...)})
            return HTMLResponse(...)   # escape every value (markupsafe / html.escape)
        return [Route("/entity/{id:path}", entity)]

and add ``"kg.web.entity:routes"`` to :data:`ROUTE_FACTORIES`. Routes are matched in
order: factories first, then ``/query``/``/store``/``/update``, then the build's static
pages (a catch-all). ``service.query`` checks and runs a query in the worker pool (time
and size capped) and returns a :class:`~kg.store.result.QueryResult`; ``service.answer``
returns serialized bytes. Raise :class:`~kg.errors.QueryError` (400) or
:class:`~kg.server.errors.Refused` for a one-line refusal; anything else becomes a 500
with a one-line message (the detail goes to the server log, escaped).

Every response gets ``X-Content-Type-Options: nosniff``, ``Cache-Control: no-store`` and
``Referrer-Policy: no-referrer``; the server's own HTML carries a Content-Security-Policy
(the build's pages carry theirs in a ``<meta>``). Requests whose ``Host`` is not one of
the bound names are refused (:mod:`kg.server.hosts`).
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import QueryError, printable
from kg.server.errors import Refused
from kg.server.hosts import HostCheck
from kg.server.service import QueryFailed, QueryService

__all__ = ["create_app", "AppConfig", "ROUTE_FACTORIES"]

# "module:function" of each route factory (a function of the QueryService), in order.
ROUTE_FACTORIES: list[str] = ["kg.web.routes:service_routes"]  # the workbench (kg/web)

SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store"),
                    (b"referrer-policy", b"no-referrer")]


@dataclass(frozen=True)
class AppConfig:
    store_dir: Path
    pages_dir: Path | None
    allowed_hosts: frozenset[str]
    max_request_bytes: int = 1 << 20
    idle_timeout_s: float = 30.0


def create_app(service: QueryService, config: AppConfig,
               factories: Iterable[str | Callable[[QueryService], list[BaseRoute]]] | None = None
               ) -> Starlette:
    """The ASGI app: ``factories`` (default :data:`ROUTE_FACTORIES`), SPARQL, pages."""
    from kg.server import sparql, static

    routes: list[BaseRoute] = []
    for factory in ROUTE_FACTORIES if factories is None else factories:
        routes.extend(_load(factory)(service))
    routes += sparql.routes(service, max_request_bytes=config.max_request_bytes,
                            idle_timeout_s=config.idle_timeout_s)
    routes += static.routes(config.pages_dir, config.store_dir)
    app = Starlette(
        routes=routes,
        middleware=[Middleware(HostCheck, allowed=config.allowed_hosts),
                    Middleware(Hardened, send_timeout_s=config.idle_timeout_s)],
        exception_handlers={Refused: _refused, QueryError: _query_error,
                            QueryFailed: _query_failed, HTTPException: _http_error},
    )
    app.state.service, app.state.pages_dir = service, config.pages_dir
    return app


def _load(factory: str | Callable[[QueryService], list[BaseRoute]]
          ) -> Callable[[QueryService], list[BaseRoute]]:
    if callable(factory):
        return factory
    module, _, name = factory.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _text(status: int, message: str) -> Response:
    line = " ".join(message.split())
    headers = {"Connection": "close"} if status in (408, 413) else None
    return PlainTextResponse(line + "\n", status_code=status, headers=headers)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return _text(exc.status, str(exc))


async def _query_error(request: Request, exc: Exception) -> Response:
    return _text(400, str(exc))


async def _query_failed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryFailed)
    response = _text(exc.status, str(exc))
    if exc.retry_after_s is not None:
        response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _text(exc.status_code, f"{exc.status_code} {exc.detail}")


def log(message: str) -> None:
    """One line to the server's log (stderr), control characters escaped."""
    sys.stderr.write(f"kg serve: {printable(message)}\n")


class Hardened:
    """ASGI middleware: security headers on every response; a response the client does
    not read within ``send_timeout_s`` is abandoned (the connection closes); refused and
    failed requests are logged, one escaped line each."""

    def __init__(self, app: ASGIApp, send_timeout_s: float):
        self.app, self.send_timeout_s = app, send_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
                status = int(message["status"])
                if status >= 400:
                    client = scope.get("client") or ("-", 0)
                    log(f"{client[0]} {scope['method']} {scope['path']} -> {status}")
            await asyncio.wait_for(send(message), self.send_timeout_s)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception as exc:  # one line to the client and the log, never a traceback
            log(f"internal error on {scope['method']} {scope['path']}: "
                f"{type(exc).__name__}: {exc}")
            if not started:
                message = f"internal error ({type(exc).__name__}); see the server log"
                await _text(500, message)(scope, receive, guarded_send)


