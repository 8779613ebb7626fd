"""What every store is, for type checkers: :class:`Store`, and :data:`StoreLike` for the
functions that take a store or the place to open one. :class:`Queryable` is the reading
half alone (what the pages of ``kg serve`` get: its guarded query service).

Both :class:`kg.store.embedded.EmbeddedStore` and :class:`kg.store.remote.EndpointStore`
are stores; :func:`kg.store.open_store` returns one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, TypeAlias

from kg.store.result import QueryResult

__all__ = ["Queryable", "QueryableLike", "Store", "StoreLike"]


class Queryable(Protocol):
    """What answers read queries over the union of named graphs: every :class:`Store`."""

    def query(self, sparql: str, *, bindings: Mapping[str, object] | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """Answer a read query; ``bindings`` become a ``VALUES`` block of escaped terms."""
        ...


class Store(Queryable, Protocol):
    """The store API: queries over the union of named graphs, graph writes, ``close()``."""

    def load_nquads(self, path: str | Path) -> None:
        """Add every named graph of an N-Quads file."""
        ...

    def replace_graph(self, graph_iri: str, nquads_path: str | Path) -> None:
        """Replace one named graph with the triples of a file."""
        ...

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        ...

    def close(self) -> None:
        """Release what the store holds (processes, connections)."""
        ...

    def __enter__(self) -> Store:
        ...

    def __exit__(self, *exc: object) -> None:
        ...


#: a store, or where to open one: a build's ``store`` folder, an ``http(s)://`` endpoint, or
#: ``None`` for ``build/store``
StoreLike: TypeAlias = "Store | str | Path | None"
#: the same for what only reads (:class:`Queryable`)
QueryableLike: TypeAlias = "Queryable | str | Path | None"
