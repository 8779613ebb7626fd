"""Publish a named graph: sorted N-Quads under ``build/`` and the same graph in ``build/store``.

The N-Quads file is written atomically and byte-stable (sorted, one quad per
line); the store's graph is then replaced by it (cleared, then loaded), so
rerunning a command never accumulates stale statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.atomic import write_text
from kg.errors import StoreError

__all__ = ["nquads_text", "publish_graph", "quad"]


def quad(s: Any, p: str, o: Any, graph: str) -> Any:
    """A pyoxigraph Quad; ``s``/``o`` given as str are IRIs, terms are used as they are."""
    import pyoxigraph as ox

    def node(x: Any) -> Any:
        return ox.NamedNode(x) if isinstance(x, str) else x

    return ox.Quad(node(s), ox.NamedNode(p), node(o), ox.NamedNode(graph))


def nquads_text(quads: Iterable[Any]) -> str:
    """Sorted, de-duplicated N-Quads lines (pyoxigraph escaping)."""
    return "".join(sorted({f"{q} .\n" for q in quads}))


def publish_graph(quads: Iterable[Any], *, graph: str, nq_path: str | Path,
                  store_path: str | Path | None) -> int:
    """Write ``nq_path`` and replace ``graph`` in the store at ``store_path``; return the count.

    :raises StoreError: if the store is missing, locked or cannot be written.
    """
    text = nquads_text(quads)
    nq_path = write_text(nq_path, text)
    if store_path is not None:
        from kg.store import open_store

        if not Path(store_path).is_dir():
            raise StoreError(f"{store_path}: no store here (run 'kg build' first)")
        with open_store(store_path, read_only=False) as store:
            store.replace_graph(graph, nq_path)
    return text.count("\n")
