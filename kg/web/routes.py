"""The workbench pages as Starlette routes, for ``kg serve``'s ASGI app.

``routes(store_of)`` gives the routes; ``store_of(loop)`` returns the store the pages
query (a synchronous ``query(sparql)``), given the app's event loop — in ``kg serve`` an
adapter over the app's guarded query service (:func:`service_routes`: read-only, time and
size limits), never around it. Every page has a JSON twin: ``/index.json``, ``/entity/<id>.json``,
``/doc/<id>.json``; the query page's results download as ``/sparql.csv`` and ``/sparql.json``
(SPARQL 1.1 CSV and JSON results). ``app(store)`` is a minimal app with only these routes
(for tests and embedding).

A page is built in Starlette's thread pool (its queries wait there, not on the event loop).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kg.errors import EndpointError, KGError, NotFound, QueryError, StoreError
from kg.store.querypool import QueryFailed
from kg.web.render import CSP, STATIC_TYPES, static_file

if TYPE_CHECKING:
    from kg.server.service import QueryService
    from kg.store.protocol import Queryable
    from kg.store.result import QueryResult

__all__ = ["routes", "service_routes", "app", "ServiceStore", "HEADERS"]

# kg serve's app adds nosniff, no-store and no-referrer to every response itself; the
# standalone app (:func:`app`) sets them here.
PAGE_HEADERS = {"Content-Security-Policy": CSP}
HEADERS = {**PAGE_HEADERS, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
StoreOf = Callable[[asyncio.AbstractEventLoop], "Queryable"]


def routes(store_of: StoreOf, *, pack_dir: str | Path | None = None,
           headers: dict[str, str] | None = None,
           views_of: Callable[[Request], list[tuple[str, str]]] | None = None,
           slot_of: Callable[[Request], AbstractAsyncContextManager[None]] | None = None
           ) -> list[Route]:
    """The workbench routes; ``store_of(loop)`` gives the (guarded) store to query;
    ``headers`` go on every response (default :data:`HEADERS`); ``views_of(request)`` lists
    the other pages served (see :func:`kg.web.render.view_pages`), linked from every page;
    ``slot_of(request)`` is held while a page runs its queries (``kg serve``: the client's
    slot, :meth:`kg.server.service.QueryService.client_slot`)."""
    extra = HEADERS if headers is None else headers

    def views(request: Request) -> list[tuple[str, str]]:
        return views_of(request) if views_of else []

    def _html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status, headers=extra)

    def _json(model: Mapping[str, object], status: int = 200) -> Response:
        body = json.dumps(model, ensure_ascii=False, sort_keys=True, indent=1)
        return Response(body, status_code=status, media_type="application/json",
                        headers=extra)

    def _error(status: int, message: str, request: Request) -> Response:
        from kg.web.pages import error_html

        if request.url.path.endswith((".json", ".csv")):
            return JSONResponse({"error": message, "status": status}, status_code=status,
                                headers=extra)
        return _html(error_html(status, message, views(request)), status)

    def _static(request: Request) -> Response:
        name = request.path_params["name"]
        body = static_file(name)
        if body is None:
            return Response(f"not found: /static/web/{name}\n", status_code=404,
                            media_type="text/plain; charset=utf-8", headers=extra)
        return Response(body, media_type=STATIC_TYPES[name[name.rindex("."):]], headers=extra)

    def page(build: Callable[[Request, Queryable], Response]
             ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            async with slot_of(request) if slot_of else nullcontext():
                store = store_of(asyncio.get_running_loop())
                return await run_in_threadpool(_built, build, request, store)
        return endpoint

    def _built(build: Callable[[Request, Queryable], Response], request: Request,
               store: Queryable) -> Response:
        try:
            return build(request, store)
        except NotFound as exc:
            return _error(404, str(exc), request)
        except QueryError as exc:
            return _error(400, str(exc), request)
        except (StoreError, EndpointError) as exc:
            return _error(502, str(exc), request)
        except QueryFailed as exc:  # kg serve's limits: the status the SPARQL endpoint gives
            return _error(exc.status, str(exc), request)
        except KGError as exc:
            return _error(500, str(exc), request)

    def home(request: Request, store: Queryable) -> Response:
        from kg.web.home import home_model
        from kg.web.pages import home_html

        model = home_model(store, pack_dir=pack_dir)
        if request.url.path.endswith(".json"):
            return _json(model)
        return _html(home_html(model, views(request)))

    def entity(request: Request, store: Queryable) -> Response:
        from kg.web.entity import entity_model
        from kg.web.pages import entity_html

        key, as_json = _twin(request.path_params["key"])
        wanted = request.query_params.get("include-nonfactual", "").lower()
        page, size = _paging(request)
        model = entity_model(store, key, include_nonfactual=wanted in ("true", "yes", "1", "on"),
                             page=page, size=size)
        return _json(model) if as_json else _html(entity_html(model, views(request)))

    def document(request: Request, store: Queryable) -> Response:
        from kg.web.document import document_model
        from kg.web.pages import document_html

        key, as_json = _twin(request.path_params["doc"])
        model = document_model(store, key)
        return _json(model) if as_json else _html(document_html(model, views(request)))

    def sparql(request: Request, store: Queryable) -> Response:
        from kg.web.pages import sparql_html
        from kg.web.sparql import sparql_model

        query, pack, params = _query_args(request)
        model = sparql_model(store, query=query, pack=pack, params=params, pack_dir=pack_dir)
        return _html(sparql_html(model, views(request)))

    def download(request: Request, store: Queryable) -> Response:
        from kg.query.formats import to_csv, to_json
        from kg.web.sparql import answer

        query, pack, params = _query_args(request)
        result = answer(store, query=query, pack=pack, params=params,
                        pack_dir=pack_dir)["result"]
        if result.kind == "graph":
            raise QueryError("CONSTRUCT and DESCRIBE results download from /query as RDF")
        if request.url.path.endswith(".csv"):
            return Response(to_csv(result), media_type="text/csv; charset=utf-8",
                            headers={**extra, "Content-Disposition":
                                     'attachment; filename="query.csv"'})
        return Response(to_json(result), media_type="application/sparql-results+json",
                        headers={**extra, "Content-Disposition":
                                 'attachment; filename="query.json"'})

    return [
        Route("/", page(home)), Route("/index.json", page(home)),
        Route("/sparql", page(sparql)), Route("/sparql.csv", page(download)),
        Route("/sparql.json", page(download)),
        Route("/entity/{key:path}", page(entity)), Route("/doc/{doc}", page(document)),
        Route("/static/web/{name:path}", _static),
    ]


def app(store: Queryable, *, pack_dir: str | Path | None = None,
        pages_dir: Path | None = None) -> Starlette:
    """A Starlette app serving only the workbench pages over ``store`` (any store with
    ``query(sparql)``, e.g. :func:`kg.store.open_store`); ``pages_dir`` holds the network
    and timeline pages to link to (they are not served by this app)."""
    from kg.web.render import view_pages

    return Starlette(routes=routes(lambda _loop: store, pack_dir=pack_dir,
                                   views_of=lambda _request: view_pages(pages_dir)))


def service_routes(service: QueryService) -> list[Route]:
    """The workbench routes over ``kg serve``'s query service (a route factory of
    :mod:`kg.server.app`): every page query goes through its guarded path."""
    from kg.server.service import client_of
    from kg.web.render import view_pages

    return routes(lambda loop: ServiceStore(service, loop), headers=PAGE_HEADERS,
                  views_of=lambda request: view_pages(
                      getattr(request.app.state, "pages_dir", None)),
                  slot_of=lambda request: service.client_slot(client_of(request.client)))


class ServiceStore:
    """A synchronous store over the app's asynchronous query service, for page builders
    running in a worker thread: ``query`` schedules the service's coroutine on the app's
    event loop and waits for it. A failure with an HTTP status (timeout, result cap,
    no worker free) is raised as the service's :class:`~kg.store.querypool.QueryFailed`,
    which a page answers with that status."""

    def __init__(self, service: QueryService, loop: asyncio.AbstractEventLoop):
        self.service, self.loop = service, loop

    def query(self, sparql: str, *, bindings: Mapping[str, object] | None = None,
              timeout_s: float | None = None) -> QueryResult:
        future = asyncio.run_coroutine_threadsafe(
            self.service.query(sparql, bindings=bindings or None), self.loop)
        try:
            return future.result()
        except KGError:
            raise
        except Exception as exc:
            if isinstance(getattr(exc, "status", None), int):
                raise QueryError(" ".join(str(exc).split())) from exc
            raise


def _twin(key: str) -> tuple[str, bool]:
    return (key[:-5], True) if key.endswith(".json") else (key, False)


def _paging(request: Request) -> tuple[dict[str, int], int]:
    """``page`` and ``size`` of an entity page from ``?ties=2&events=3&size=20``."""
    from kg.web.entity import LISTS, PAGE_SIZE

    args = request.query_params
    page = {name: _whole(args[name], name) for name in LISTS if name in args}
    return page, _whole(args["size"], "size") if "size" in args else PAGE_SIZE


def _whole(text: str, what: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise QueryError(f"{what} must be a whole number, not {text[:40]!r}")
    return int(text)


def _query_args(request: Request) -> tuple[str | None, str | None, dict[str, str]]:
    args = request.query_params
    params = {k: v for k, v in args.items() if k not in ("query", "pack")}
    return args.get("query"), args.get("pack") or None, params
