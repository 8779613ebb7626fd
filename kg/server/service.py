"""The query service behind every route of ``kg serve``: guard, format, pool, limits.

Routes never touch the store directly: they call :meth:`QueryService.answer` (bytes in
the media type a client asked for, for the SPARQL Protocol) or :meth:`QueryService.query`
(a :class:`~kg.store.result.QueryResult`, for pages). Both check the query first
(:func:`kg.store.guard.check_query`: read-only, no ``LOAD``/``SERVICE``, size and chain
limits) and run it in the pool's worker processes (:mod:`kg.store.querypool`) within the
timeout and the result cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from anyio import CapacityLimiter

from kg.store.guard import check_query
from kg.store.querypool import Answer, QueryFailed, QueryPool
from kg.store.result import QueryResult

__all__ = ["QueryService", "ServiceLimits", "QueryFailed", "Answer", "negotiate",
           "default_per_client", "client_of"]

# Media types a client may ask for -> the one we serialize (SELECT/ASK results).
RESULT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/tab-separated-values": "text/tab-separated-values",
    "text/csv": "text/csv",
}
GRAPH_TYPES = ("application/n-triples", "text/turtle", "application/rdf+xml",
               "application/n-quads", "application/trig")


@dataclass(frozen=True)
class ServiceLimits:
    timeout_s: float = 30.0
    max_result_bytes: int = 64 << 20
    allow_service: bool = False
    # requests with queries one client (address) may have running at once; 0: no limit
    per_client: int = 0


def default_per_client(workers: int) -> int:
    """Half the query processes (at least 1): no client holds every worker."""
    return max(1, workers // 2)


def client_of(scope_client: tuple[str, int] | None) -> str:
    """The key a client's slots are counted under: its address (a request's
    ``request.client``; "" when the server does not know it)."""
    return scope_client[0] if scope_client else ""


def negotiate(accept: str, *, graph: bool) -> str:
    """The media type to answer in, from an ``Accept`` header (first match wins)."""
    wanted = [a.split(";")[0].strip().lower() for a in accept.split(",") if a.strip()]
    for media in wanted:
        if graph and media in GRAPH_TYPES:
            return media
        if not graph and media in RESULT_TYPES:
            return RESULT_TYPES[media]
    return "application/n-triples" if graph else "application/sparql-results+json"


class QueryService:
    """Guarded, time- and size-capped read queries on the served store."""

    def __init__(self, pool: QueryPool, limits: ServiceLimits):
        self.pool, self.limits = pool, limits
        # Threads waiting on the pool: enough for every worker plus a queue of waiters.
        self._threads = CapacityLimiter(max(8, 4 * pool.size))
        self._running: dict[str, int] = {}  # client -> requests in a slot (event loop only)

    def running(self, client: str) -> int:
        """How many of ``client``'s requests hold a slot now."""
        return self._running.get(client, 0)

    @asynccontextmanager
    async def client_slot(self, client: str) -> AsyncIterator[None]:
        """Hold one of ``client``'s slots while a request runs its queries: past
        ``limits.per_client`` at once the request is refused with 429 and Retry-After, so
        one client cannot keep every query process busy while others wait. Entered and
        left on the event loop only (no lock needed).

        :raises QueryFailed: 429 when the client has no slot free.
        """
        limit = self.limits.per_client
        running = self._running.get(client, 0)
        if limit and running >= limit:
            raise QueryFailed(429, f"this client already has {running} request(s) with queries "
                                   f"running (the limit is {limit} per client); retry when "
                                   "one has finished", retry_after_s=1)
        self._running[client] = running + 1
        try:
            yield
        finally:
            left = self._running[client] - 1
            if left:
                self._running[client] = left
            else:
                del self._running[client]

    def check(self, sparql: str) -> str:
        """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE), or :class:`QueryError`."""
        return check_query(sparql, allow_service=self.limits.allow_service)

    async def answer(self, sparql: str, *, accept: str = "") -> Answer:
        """Run ``sparql``; the result serialized in the media type ``accept`` asks for.

        :raises QueryError: a refused or malformed query (HTTP 400).
        :raises QueryFailed: timeout (504), result cap (422), no worker free (503)...
        """
        form = self.check(sparql)
        media = negotiate(accept, graph=form in ("CONSTRUCT", "DESCRIBE"))
        return await self._run(sparql, media)

    async def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None
                    ) -> QueryResult:
        """Run ``sparql`` with ``bindings`` (variable name -> term, bound safely) for a page."""
        from kg.store.bind import bind_values
        from kg.store.worker import decode

        self.check(sparql)
        text = bind_values(sparql, bindings) if bindings else sparql
        self.check(text)
        answer = await self._run(text, None)
        return decode(answer.kind, answer.body)

    async def _run(self, sparql: str, media: str | None) -> Answer:
        limits = self.limits
        return await anyio.to_thread.run_sync(
            lambda: self.pool.run(sparql, media=media, timeout_s=limits.timeout_s,
                                  max_bytes=limits.max_result_bytes),
            limiter=self._threads)
