"""Open whatever the caller calls a store and run SELECT queries on it.

A source is a path to a built store (``build/store``), an ``http(s)://`` SPARQL
endpoint, a :mod:`kg.store` object, or a bare ``pyoxigraph.Store``. Every query
sees the union of the named graphs, as everywhere in kg.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from kg.errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph

    from kg.store import Store

__all__ = ["Reader", "reader", "Source"]

#: a built store's folder, an ``http(s)://`` endpoint, a :mod:`kg.store` store, or a
#: ``pyoxigraph.Store``
Source: TypeAlias = "Store | str | Path | pyoxigraph.Store"


class Reader(Protocol):
    def __call__(self, sparql: str) -> list[dict[str, Any]]: ...


@contextmanager
def reader(source: Source) -> Iterator[Reader]:
    """Yield ``select(sparql) -> [{var: pyoxigraph term}]`` over ``source``; close what we opened.

    :raises StoreError: if ``source`` is none of the accepted kinds or cannot be opened.
    """
    if isinstance(source, str | Path):
        from kg.store import open_store

        store = open_store(source)
        try:
            yield lambda q: store.query(q).dicts()
        finally:
            store.close()
        return
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        from kg.store.result import result_from_pyoxigraph

        bare = source
        yield lambda q: result_from_pyoxigraph(
            bare.query(q, use_default_graph_as_union=True)).dicts()
        return
    if callable(getattr(source, "query", None)):
        store = source
        yield lambda q: store.query(q).dicts()
        return
    raise StoreError(f"not a store: {type(source).__name__} (give a store path, an endpoint URL, "
                     "a kg.store object or a pyoxigraph.Store)")
