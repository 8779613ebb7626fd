"""The document page ``/doc/<id>``: the text with every anchor highlighted, beside its claims.

Each anchor of the document in the graph (a Web Annotation whose target's source is the
document) becomes one ``<mark data-item="KEY">`` in the text, where KEY is the item's page
id (``north-korea``, ``DOC/ITEM``) or, for a node without a page, its IRI; overlapping
anchors nest as :mod:`kg.web.highlight` describes. The model (the ``.json`` twin) holds
the text, the anchors, what the document states about each item (for the details shown on
hover or click) and the document's claims.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.errors import NotFound
from kg.iris import doc_graph
from kg.web.data import IRI, link, rows
from kg.web.links import doc_iri, item_key

if TYPE_CHECKING:
    from kg.store.protocol import Queryable
    from kg.web.models import (
        Anchor,
        DocumentClaim,
        DocumentItem,
        DocumentModel,
        Kind,
        Link,
        PlainValue,
    )

__all__ = ["document_model"]

_LOCAL = re.compile(r"[^A-Za-z0-9_-]")


def document_model(store: Queryable, doc_id: str) -> DocumentModel:
    """The document page's data for ``doc_id``.

    :raises QueryError: for a malformed id. :raises NotFound: when there is no such document.
    """
    iri, graph = doc_iri(doc_id), doc_graph(doc_id)
    head = rows(store, "document-head", doc=iri)
    if not head:
        raise NotFound(f"no document {doc_id!r} in this graph")
    meta = head[0]
    anchors = [_anchor(r) for r in rows(store, "document-anchors", doc=iri)]
    items: dict[str, DocumentItem] = {}
    for a in anchors:
        items.setdefault(a["item"], {"iri": a["iri"], "label": a["item"], "href": a["href"],
                                      "kind": a["kind"], "kind_label": a["kind_label"],
                                      "statements": []})
    for r in rows(store, "document-statements", doc=iri, g=graph):
        key = item_key(r["item"]) or r["item"]
        if key in items:
            items[key]["label"] = r.get("itemLabel", items[key]["label"])
            plain: PlainValue = {"label": r["value"], "iri": None, "href": None}
            value: Link | PlainValue = link(r["value"], r.get("valueLabel")) \
                if isinstance(r["value"], IRI) else plain
            items[key]["statements"].append({
                "property": link(r["property"], r.get("propertyLabel")), "value": value})
    kinds: dict[str, Kind] = {a["kind"]: {"label": a["kind_label"], "color": a["color"]}
                              for a in anchors}
    return {
        "iri": iri, "id": doc_id, "title": meta.get("title", doc_id),
        "url": _web_url(meta.get("url")), "publisher": link(meta.get("publisher"),
                                                  meta.get("publisherLabel")),
        "author": meta.get("author"), "date": meta.get("date"), "language": meta.get("language"),
        "grade": meta.get("reliability", "") + meta.get("credibility", ""),
        "text": meta.get("text", ""), "anchors": anchors, "items": items,
        "kinds": {k: kinds[k] for k in sorted(kinds)},
        "claims": _claims(rows(store, "document-claims", g=graph), anchors),
    }


def _anchor(r: dict[str, str]) -> Anchor:
    kind_iri = r.get("kind", "")
    kind = _LOCAL.sub("", kind_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) or "Other"
    return {"annotation": r["annotation"], "iri": r["item"],
            "item": item_key(r["item"]) or r["item"], "href": link(r["item"])["href"],
            "start": int(r["start"]), "end": int(r["end"]), "kind": kind,
            "kind_label": r.get("kindLabel", kind), "color": r.get("color", "")}


def _claims(found: list[dict[str, str]], anchors: list[Anchor]) -> list[DocumentClaim]:
    """The claims in the order of their first words in the text (unanchored ones last)."""
    first: dict[str, int] = {}
    for a in anchors:
        first[a["iri"]] = min(first.get(a["iri"], a["start"]), a["start"])
    claims = [_claim(r) for r in found]
    return sorted(claims, key=lambda c: (c["claim"]["iri"] not in first,
                                         first.get(c["claim"]["iri"], 0), c["claim"]["iri"]))


def _claim(r: dict[str, str]) -> DocumentClaim:
    return {"claim": link(r["claim"], r.get("claimLabel")),
            "item": item_key(r["claim"]) or r["claim"],
            "modality": r.get("modalityLabel", ""), "certainty": r.get("certaintyLabel", ""),
            "polarity": r.get("polarityLabel", ""),
            "speaker": link(r.get("speaker"), r.get("speakerLabel")),
            "asserts": r.get("asserts", "")}


def _web_url(url: str | None) -> str | None:
    """The document's address if it is an http(s) URL (never ``javascript:`` or ``data:``)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
