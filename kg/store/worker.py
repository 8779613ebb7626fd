"""A query process that can be killed: how timed queries and ``kg serve`` run queries.

pyoxigraph cannot cancel a running query, and a query that crashes Oxigraph takes its
process along, so queries with a deadline run in a child process (:mod:`kg.store.child`)
holding its own read-only handle on the store. The parent waits until the deadline and
kills the child if it passes; the next query starts a fresh one.

Request ``{"query": TEXT, "media": MEDIA_TYPE or null, "max_bytes": N or null}``; answer
``{"ok": true, "kind": "select"|"ask"|"graph", "media": ..., "size": n}`` and the result
serialized in ``media`` (SPARQL JSON or N-Triples by default), or ``{"ok": false,
"type": ..., "error": ...}``. A result past ``max_bytes`` stops serializing at once
(``"type": "ResultTooLarge"``).
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError, StoreError
from kg.store.child import (
    Child,
    ChildDied,
    ChildFailed,
    ChildTimeout,
    memory_limiter,
    refuse_start,
    serve_messages,
)
from kg.store.result import QueryResult, result_from_pyoxigraph, result_from_triples

if TYPE_CHECKING:
    import pyoxigraph as ox
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12 on

__all__ = ["QueryWorker", "main", "memory_limiter", "answer"]

ENTRY = "kg.store.worker:main"
# How long a query process may take to start (interpreter, pyoxigraph, opening the
# store) on a loaded machine; not counted in any query's timeout.
STARTUP_TIMEOUT_S = 120.0


class QueryWorker:
    """A child process answering queries on a read-only on-disk store."""

    def __init__(self, location: Path, *, memory_limit_mb: int | None = None):
        self.location = location
        self.memory_limit_mb = memory_limit_mb
        self._child = Child(ENTRY, (str(location),), memory_mb=memory_limit_mb,
                            ready_timeout_s=STARTUP_TIMEOUT_S)
        self._lock = threading.Lock()

    def stop(self) -> None:
        self._child.kill()

    def query(self, text: str, timeout_s: float) -> QueryResult:
        """Answer ``text`` or kill the child at the deadline.

        :raises QueryError: on a malformed query or when ``timeout_s`` passes.
        """
        with self._lock:
            try:
                self._child.start()
            except ChildFailed as exc:
                raise StoreError(f"{self.location}: query process: {exc}") from exc
            try:
                header, body = self._child.request({"query": text}, timeout_s=timeout_s)
            except ChildTimeout as exc:
                raise QueryError(f"query exceeded the {timeout_s:g} s timeout") from exc
            except ChildDied as exc:
                if self.memory_limit_mb:
                    raise QueryError(f"query process died: out of memory? (limit "
                                     f"{self.memory_limit_mb} MB)") from exc
                raise StoreError(f"{self.location}: query process died "
                                 f"(status {exc.returncode})") from exc
        if not header["ok"]:
            exc_type = QueryError if header["type"] == "SyntaxError" else StoreError
            raise exc_type(f"query failed: {header['error']}")
        return decode(header["kind"], body)


def decode(kind: str, body: bytes) -> QueryResult:
    """A worker's default answer (SPARQL JSON, N-Triples) as a :class:`QueryResult`."""
    import pyoxigraph as ox

    if kind == "graph":
        quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        return result_from_triples(q.triple for q in quads)
    answer_ = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return result_from_pyoxigraph(answer_)


class ResultTooLarge(Exception):
    pass


class _CappedBuffer(io.BytesIO):
    """A write target that refuses to grow past ``cap`` bytes (stops the serializer)."""

    def __init__(self, cap: int | None):
        super().__init__()
        self.cap = cap

    def write(self, data: Buffer, /) -> int:
        size = self.tell() + memoryview(data).nbytes
        if self.cap is not None and size > self.cap:
            raise ResultTooLarge(f"the result exceeds the {self.cap} byte cap; add a LIMIT")
        return super().write(data)


def answer(store: ox.Store, header: Mapping[str, object]) -> tuple[dict[str, object], bytes]:
    """Run one request on ``store`` (see the module docstring).

    :raises TypeError: for a request whose fields have the wrong types.
    """
    import pyoxigraph as ox

    query, media, cap = header["query"], header.get("media"), header.get("max_bytes")
    if not isinstance(query, str) or not isinstance(media, str | None) \
            or not isinstance(cap, int | None):
        raise TypeError("a request is {query: str, media: str or null, max_bytes: int or null}")
    result = store.query(query, use_default_graph_as_union=True)
    out = _CappedBuffer(cap)
    if isinstance(result, ox.QueryTriples):
        kind = "graph"
        rdf = (ox.RdfFormat.from_media_type(media) if media else None) \
            or ox.RdfFormat.N_TRIPLES
        result.serialize(out, format=rdf)
        media_type = rdf.media_type
    else:
        kind = "ask" if isinstance(result, ox.QueryBoolean) else "select"
        results = (ox.QueryResultsFormat.from_media_type(media) if media else None) \
            or ox.QueryResultsFormat.JSON
        result.serialize(out, format=results)
        media_type = results.media_type
    body = out.getvalue()
    return {"ok": True, "kind": kind, "media": media_type, "size": len(body)}, body


def main() -> None:
    """Child side: open the store read-only, say ready, answer requests until stdin closes."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(sys.argv[1])
    except OSError as exc:
        refuse_start(f"{sys.argv[1]}: cannot open the store: {exc}")
        return
    serve_messages(lambda header, _payload: answer(store, header), ready=True)
