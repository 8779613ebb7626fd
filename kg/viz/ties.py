"""Graph edges -> the ties a network page carries: one record per supporting relation or event.

The page draws them aggregated (one edge per pair of drawn nodes: width by count,
colour by the mix of signs) or one by one, filters them by type and date, and
lists them with their quotes in the details panel. Each tie keeps:

``id`` (``t0``, ``t1``... in sorted order), ``from``, ``to``, ``label`` (full text),
``edgeLabel`` (cut for the canvas), ``type``, ``typeLabel``, ``sign`` (+1/-1/0),
``color`` (the type's, from the ontology), ``date`` (ISO day the tie begins, or
None), ``factual`` (False: the projection marks it as not having happened; drawn
dashed), ``directed`` and ``quotes``: ``[{quote, source, sourceUrl, doc}]``, one
per supporting anchor, grouped by source in the page (``doc`` is the document's
id, for ``/doc/<id>`` links when served).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

import networkx as nx

from kg.iris import BASE, is_valid_id
from kg.viz.escape import safe_color, safe_sign, shorten, text_of
from kg.viz.items import LABEL_CHARS, TEXT_CHARS, node_ids

__all__ = ["tie_items", "doc_id", "entity_id", "MAX_QUOTES"]

MAX_QUOTES = 20          # per tie; the rest are counted ("and 3 more")
_DEFAULT_EDGE_COLOR = "#9a9a9a"
_RESERVED = ("doc", "graph", "activity")     # first segments that are not corpus items
_DOC_PARTS = ("annotation", "span", "author")  # a document's own parts, not items


def _local(node: Hashable) -> str:
    text = str(node)
    return text[len(BASE):] if text.startswith(BASE) and len(text) > len(BASE) else ""


def entity_id(node: Hashable) -> str:
    """The id an entity page knows an item by: ``north-korea`` for a corpus item,
    ``DOC/ITEM`` for a document's item (``.../id/doc/DOC/ITEM``, the ``same-as`` spelling);
    "" for documents, their annotations and foreign IRIs.

    >>> [entity_id(BASE + x) for x in ("north-korea", "doc/d1/ev-1", "doc/d1", "graph/x")]
    ['north-korea', 'd1/ev-1', '', '']
    """
    parts = _local(node).split("/")
    if len(parts) == 1 and parts[0] not in _RESERVED and is_valid_id(parts[0]):
        return parts[0]
    if (len(parts) == 3 and parts[0] == "doc" and is_valid_id(parts[1])
            and is_valid_id(parts[2]) and parts[2] not in _DOC_PARTS):
        return f"{parts[1]}/{parts[2]}"
    return ""


def doc_id(document: Any) -> str:
    """``cfr-2022`` for the document IRI ``.../id/doc/cfr-2022``, else ""."""
    parts = _local(document or "").split("/")
    return parts[1] if len(parts) == 2 and parts[0] == "doc" and is_valid_id(parts[1]) else ""


def tie_items(G: nx.Graph) -> list[dict[str, Any]]:
    """One tie per graph edge (every parallel edge of a multigraph), sorted, ids ``t0``..."""
    ids = node_ids(G)
    if G.is_multigraph():
        edges = [(u, v, str(k), d) for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        edges = [(u, v, "", d) for u, v, d in G.edges(data=True)]
    rows = sorted(((ids[u], ids[v], key, text_of(d.get("label"), TEXT_CHARS), i)
                   for i, (u, v, key, d) in enumerate(edges)))
    out = []
    for n, (u, v, _, label, i) in enumerate(rows):
        attrs = edges[i][3]
        out.append({
            "id": f"t{n}", "from": u, "to": v, "label": label,
            "edgeLabel": shorten(label, LABEL_CHARS),
            "type": text_of(attrs.get("type"), 200),
            "typeLabel": text_of(attrs.get("type_label") or attrs.get("type"), 200),
            "sign": safe_sign(attrs.get("sign")),
            "color": safe_color(attrs.get("color"), _DEFAULT_EDGE_COLOR),
            "date": _iso_day(attrs.get("date")),
            # the projection's factuality verdict (docs/sources.md): kg:edgeStyle "dashed"
            "factual": attrs.get("happened", True) is not False,
            "factuality": text_of(attrs.get("factuality"), 200),
            "directed": G.is_directed() and attrs.get("directed") is not False,
            "quotes": _quotes(attrs),
            **({"text": t} if (t := text_of(attrs.get("title"), TEXT_CHARS)) else {}),
        })
    return out


def _quotes(attrs: dict[str, Any]) -> list[dict[str, str]]:
    given = attrs.get("quotes")
    if not isinstance(given, list | tuple):
        given = [{"quote": attrs.get("quote"), "source": attrs.get("source"),
                  "source_url": attrs.get("source_url"), "document": attrs.get("document")}]
    out = []
    for q in given[:MAX_QUOTES]:
        if not isinstance(q, dict):
            continue
        item = {"quote": text_of(q.get("quote"), TEXT_CHARS),
                "source": text_of(q.get("source"), TEXT_CHARS),
                "sourceUrl": text_of(q.get("source_url"), 2000),
                "doc": doc_id(q.get("document"))}
        item = {k: val for k, val in item.items() if val}
        if item:
            out.append(item)
    if len(given) > MAX_QUOTES:
        out.append({"more": str(len(given) - MAX_QUOTES)})
    return out


def _iso_day(value: Any) -> str | None:
    """An ISO day from a date, datetime or ``YYYY[-MM[-DD]]`` string (its first day)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(text) == size:
            try:
                return dt.date.fromisoformat(text + suffix).isoformat()
            except ValueError:
                return None
    return None
