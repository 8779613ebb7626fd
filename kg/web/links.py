"""Where each node of the graph is shown: IRIs to page paths and back.

- a corpus-scoped item ``kgd:{id}`` (an actor, a place...) -> ``/entity/{id}``
- a document-scoped item ``kgd:doc/{doc}/{id}`` (an event, a claim...) -> ``/entity/{doc}/{id}``
- a document ``kgd:doc/{doc}`` -> ``/doc/{doc}``

Ids follow :data:`kg.iris.ID_PATTERN`, so a path built here needs no escaping and an id
read back from a path is checked against the same pattern before it enters a query.
Other IRIs (ontology terms, Wikidata) have no page here.

>>> page_of("https://w3id.org/kg-toolkit/id/north-korea")
'/entity/north-korea'
>>> page_of("https://w3id.org/kg-toolkit/id/doc/d1/ev-1")
'/entity/d1/ev-1'
>>> page_of("https://w3id.org/kg-toolkit/id/doc/d1")
'/doc/d1'
>>> entity_iri("d1/ev-1")
'https://w3id.org/kg-toolkit/id/doc/d1/ev-1'
"""

from __future__ import annotations

from kg.errors import QueryError
from kg.iris import BASE, corpus_item, doc, doc_item, is_valid_id

__all__ = ["page_of", "entity_iri", "doc_iri", "item_key", "check_id"]

# First path segments under BASE that are not corpus-scoped items.
_RESERVED = ("doc", "graph", "activity")


def page_of(iri: str) -> str | None:
    """The path of the page showing ``iri``, or ``None`` if no page shows it."""
    if not iri.startswith(BASE):
        return None
    parts = iri[len(BASE):].split("/")
    if len(parts) == 1 and parts[0] not in _RESERVED and is_valid_id(parts[0]):
        return f"/entity/{parts[0]}"
    if parts[0] == "doc" and len(parts) == 2 and is_valid_id(parts[1]):
        return f"/doc/{parts[1]}"
    if (parts[0] == "doc" and len(parts) == 3 and is_valid_id(parts[1])
            and is_valid_id(parts[2]) and parts[2] not in ("annotation", "span", "author")):
        return f"/entity/{parts[1]}/{parts[2]}"
    return None


def item_key(iri: str) -> str | None:
    """The id a page uses for ``iri``: ``north-korea`` or ``DOC/ITEM`` (as in ``same-as``)."""
    path = page_of(iri)
    return path[len("/entity/"):] if path and path.startswith("/entity/") else None


def check_id(value: str, what: str = "id") -> str:
    """``value`` if it is a valid id, else :class:`QueryError` naming it."""
    if not is_valid_id(value):
        raise QueryError(f"not a valid {what}: {value[:80]!r}")
    return value


def entity_iri(key: str) -> str:
    """The IRI of ``north-korea`` (corpus-scoped) or ``DOC/ITEM`` (document-scoped).

    :raises QueryError: when the key is not one or two valid ids.
    """
    parts = key.split("/")
    if len(parts) == 1 and parts[0] not in _RESERVED:
        return corpus_item(check_id(parts[0], "item id"))
    if len(parts) == 2:
        return doc_item(check_id(parts[0], "document id"), check_id(parts[1], "item id"))
    raise QueryError(f"not an item: {key[:80]!r} (expected ID or DOCUMENT/ID)")


def doc_iri(doc_id: str) -> str:
    return doc(check_id(doc_id, "document id"))
