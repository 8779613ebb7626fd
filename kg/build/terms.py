"""N-Quads terms as strings, built through pyoxigraph so escaping is always right."""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from kg.iris import PREFIXES

__all__ = ["iri", "lit", "typed", "line", "NS"]

NS = PREFIXES  # one prefix map for the whole toolkit (kg.iris)


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> str:
    """``<value>``; raises ValueError for a string that is not a valid IRI.

    Cached: a document repeats the same properties, classes and items many times.
    """
    return str(NamedNode(value))


def lit(value: str, lang: str | None = None) -> str:
    return str(Literal(value, language=lang) if lang else Literal(value))


def typed(value: str, datatype: str) -> str:
    return str(Literal(value, datatype=NamedNode(datatype)))


def line(s: str, p: str, o: str, g: str) -> str:
    return f"{s} {p} {o} {g} .\n"
