"""Run the pages' own queries (``kg/web/queries/*.rq``) and turn terms into plain values.

Every page query takes its subject as a bound variable (``?item``, ``?doc``), bound as a
``VALUES`` block (:func:`kg.store.bind.bind_values`): no text from a URL is spliced into a
query. The store is anything with ``query(sparql) -> QueryResult`` — in ``kg serve`` the
guarded path (read-only, time and size limits), in tests an embedded store.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, overload

from kg.store.bind import bind_values
from kg.store.result import Term, lexical
from kg.web.links import page_of

if TYPE_CHECKING:
    from kg.store.protocol import Queryable
    from kg.web.models import Link

__all__ = ["page_query", "rows", "link", "IRI"]


class IRI(str):
    """A value that was an IRI in the answer (a plain ``str`` is a literal's lexical form)."""


@lru_cache(maxsize=32)
def page_query(name: str) -> str:
    """The text of ``kg/web/queries/NAME.rq``."""
    return resources.files("kg.web").joinpath("queries", f"{name}.rq").read_text("utf-8")


def rows(store: Queryable, name: str, *,
         keys: tuple[list[str], list[tuple[str, ...]]] | None = None,
         **iris: str) -> list[dict[str, str]]:
    """Run page query ``name`` with ``iris`` bound; rows as ``{variable: value}`` (unbound
    variables left out; values are the terms' lexical forms or IRIs).

    ``keys`` = ``(variables, rows)`` keeps the answer to those rows: a ``VALUES`` block
    written from the values (an :class:`IRI` as an IRI, any other string as a literal)
    replaces the query's ``#PAGE`` line. No keys: no rows, and no query run.
    """
    import pyoxigraph as ox

    text = page_query(name)
    if keys is not None:
        names, wanted = keys
        if not wanted:
            return []
        block = " ".join("(" + " ".join(map(_term, row)) + ")" for row in wanted)
        marker = text.index("#PAGE")
        line_end = text.index("\n", marker)
        text = (text[:marker] + f"VALUES ({' '.join('?' + n for n in names)}) {{ {block} }}"
                + text[line_end:])
    text = bind_values(text, {k: ox.NamedNode(v) for k, v in iris.items()})
    result = store.query(text)
    return [{v: _value(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows]


def _term(value: str) -> str:
    """A value read from an answer, as SPARQL (pyoxigraph's N-Triples form, escaped)."""
    import pyoxigraph as ox

    return str(ox.NamedNode(value) if isinstance(value, IRI) else ox.Literal(value))


def _value(term: Term) -> str:
    import pyoxigraph as ox

    return IRI(term.value) if isinstance(term, ox.NamedNode) else lexical(term)


@overload
def link(iri: str, label: str | None = None) -> Link: ...
@overload
def link(iri: str | None, label: str | None = None) -> Link | None: ...
def link(iri: str | None, label: str | None = None) -> Link | None:
    """A node as ``{"iri", "label", "href"}`` (``href`` is its page here, or ``None``); no
    node for no IRI (``None``: an unbound variable; an answer's IRIs are never empty)."""
    if iri is None:
        return None
    return {"iri": iri, "label": label or _fallback_label(iri), "href": page_of(iri)}


def _fallback_label(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri
