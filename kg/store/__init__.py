"""The store layer: one small keyword-only API over an embedded Oxigraph or a remote endpoint.

>>> from kg.store import open_store
>>> with open_store() as store:          # in memory (tests); a path opens build/store
...     store.query("ASK { ?s ?p ?o }").boolean
False

- ``open_store(None)``: in memory; ``open_store("build/store")``: Oxigraph on disk
  (read-only by default); ``open_store("http://host/query")``: any SPARQL 1.1 endpoint.
- Every store has ``query(sparql, *, bindings=None, timeout_s=None) -> QueryResult``,
  ``load_nquads(path)``, ``replace_graph(graph_iri, nquads_path)``, ``graphs()``, ``close()``.
- Queries see the union of all named graphs; ``GRAPH ?g`` tells sources apart.
- ``write_store(nquads, store_dir)`` builds ``build/store`` atomically (used by ``kg build``).
"""

from __future__ import annotations

from pathlib import Path

from kg.store.embedded import EmbeddedStore, write_store
from kg.store.protocol import Queryable, QueryableLike, Store, StoreLike
from kg.store.result import QueryResult

__all__ = ["open_store", "write_store", "QueryResult", "EmbeddedStore", "DEFAULT_STORE",
           "Store", "StoreLike", "Queryable", "QueryableLike"]

DEFAULT_STORE = Path("build") / "store"


def open_store(location: str | Path | None = None, *, read_only: bool = True,
               allow_service: bool = False, memory_limit_mb: int | None = None,
               **options: str | float | int | None) -> Store:
    """Open a store: ``None`` in memory, a directory on disk, or an ``http(s)://`` endpoint.

    ``memory_limit_mb`` caps the process that runs timed queries on an on-disk store.
    Remote options (``store_url``, ``timeout_s``, ``user_agent``, ``retries``) pass through
    to :class:`kg.store.remote.EndpointStore`.

    :raises StoreError: if an on-disk store is missing or locked.
    """
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        from kg.store.remote import EndpointStore

        return EndpointStore(location, read_only=read_only, allow_service=allow_service,
                             **options)  # type: ignore[arg-type]  # checked by its signature
    if isinstance(location, str) and "://" in location:
        from kg.errors import EndpointError

        raise EndpointError(f"SPARQL endpoint {location!r} is not an http(s) URL")
    if options:
        raise TypeError(f"unexpected options for an embedded store: {sorted(options)}")
    return EmbeddedStore(location, read_only=read_only, allow_service=allow_service,
                         memory_limit_mb=memory_limit_mb)
