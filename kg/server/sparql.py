"""The SPARQL 1.1 Protocol at ``/query`` (GET, POST, HEAD), read-only.

- ``GET /query?query=...``, ``POST`` with ``application/x-www-form-urlencoded`` or
  ``application/sparql-query``; results in JSON, XML, CSV or TSV (SELECT, ASK) or
  N-Triples, Turtle, RDF/XML, N-Quads, TriG (CONSTRUCT, DESCRIBE) as ``Accept`` asks;
- updates (``update=`` forms, ``application/sparql-update``, ``/update``) and writes to
  ``/store`` are refused; ``GET /store?graph=IRI`` (or ``?default``) reads one graph;
- a body larger than the request cap gets ``413``; a body not sent within the idle
  timeout ``408``. A browser opening ``/query`` with no query gets the index page.
"""

from __future__ import annotations

import urllib.parse

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg.server.errors import Refused
from kg.server.service import QueryService, client_of

__all__ = ["routes", "read_body"]

_UPDATE_REFUSED = "SPARQL Update is refused: kg serve is read-only"


async def read_body(request: Request, cap: int, idle_timeout_s: float) -> bytes:
    """The request body, at most ``cap`` bytes, sent within ``idle_timeout_s``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > 4 * cap:
        raise Refused(413, f"request body of {declared} bytes exceeds the {cap} byte cap")
    chunks, size = [], 0
    try:
        with anyio.fail_after(idle_timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size <= cap:
                    chunks.append(chunk)
                elif size > 4 * cap:
                    break
    except TimeoutError:
        raise Refused(408, f"request body not received within {idle_timeout_s:g} s") from None
    if size > cap:  # read away up to 4x the cap, so the client gets the 413, not a reset
        raise Refused(413, f"request body of {size}+ bytes exceeds the {cap} byte cap")
    return b"".join(chunks)


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise Refused(400, f"more than one '{name}' parameter")
    return values[0] if values else None


def routes(service: QueryService, *, max_request_bytes: int,
           idle_timeout_s: float) -> list[BaseRoute]:
    """``/query``, ``/store`` and ``/update`` on ``service``."""

    async def params_of(request: Request) -> dict[str, list[str]]:
        url_params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
        if request.method in ("GET", "HEAD"):
            return url_params
        body = await read_body(request, max_request_bytes, idle_timeout_s)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                         keep_blank_values=True)
            return {**url_params, **form}
        if ctype == "application/sparql-query":
            return {**url_params, "query": [body.decode("utf-8", "replace")]}
        if ctype == "application/sparql-update":
            raise Refused(400, _UPDATE_REFUSED)
        raise Refused(415, f"unsupported Content-Type {ctype[:60]!r} for POST /query")

    async def query(request: Request) -> Response:
        params = await params_of(request)
        if "update" in params:
            raise Refused(400, _UPDATE_REFUSED)
        text = _one(params, "query")
        if text is None and request.method == "GET":
            from kg.server.static import PAGE_CSP, index_page

            pages = request.app.state.pages_dir
            return Response(index_page(pages), media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": PAGE_CSP})
        if not text or not text.strip():
            raise Refused(400, "exactly one non-empty 'query' parameter is required")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise Refused(400, "default-graph-uri and named-graph-uri are not supported: "
                               "queries see the union of all named graphs (use GRAPH)")
        async with service.client_slot(client_of(request.client)):
            answer = await service.answer(text, accept=request.headers.get("accept", ""))
        return Response(answer.body, media_type=answer.media_type)

    async def store(request: Request) -> Response:
        import pyoxigraph as ox

        params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
        graph = _one(params, "graph")
        if graph is not None:
            try:
                node = ox.NamedNode(graph)
            except ValueError as exc:
                raise Refused(400, f"invalid graph IRI: {exc}") from None
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}"
        elif "default" in params:
            text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        else:
            raise Refused(400, "GET /store needs ?graph=IRI or ?default")
        async with service.client_slot(client_of(request.client)):
            answer = await service.answer(text, accept=request.headers.get("accept", ""))
        return Response(answer.body, media_type=answer.media_type)

    async def read_only(request: Request) -> Response:
        raise Refused(403, f"{request.url.path} is read-only here: kg serve refuses "
                           f"{request.method}")

    writes = ["POST", "PUT", "DELETE", "PATCH"]
    return [
        Route("/query", query, methods=["GET", "HEAD", "POST"]),
        Route("/store", store, methods=["GET", "HEAD"]),
        Route("/store", read_only, methods=writes),
        Route("/update", read_only, methods=["GET", "HEAD", *writes]),
    ]

