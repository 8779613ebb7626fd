"""The entity page ``/entity/<id>``: what the sources say about one item.

``<id>`` is the item's id as in the annotation: ``north-korea`` for a corpus-scoped item,
``DOC/ITEM`` for a document-scoped one (the ``same-as`` spelling). The model (the page's
JSON twin) holds the label, types (per document), Wikidata links, the ties with their sign,
counterpart and quotes per source, the events by role in time order, the claims about the
item per source with modality, certainty and grade, and the documents that mention it.
"""

from __future__ import annotations

from typing import Any

from kg.errors import NotFound
from kg.web.data import link, rows
from kg.web.links import entity_iri, item_key

__all__ = ["entity_model"]


def entity_model(store: Any, key: str, *, include_nonfactual: bool = False) -> dict[str, Any]:
    """The entity page's data for item ``key``.

    Ties and events that did not happen by the factuality rule (``kg:happened false`` in the
    derived graph ``factuality``: denied, planned, hypothetical...) are left out and counted
    in ``hidden_nonfactual``, unless ``include_nonfactual``; kept ones carry ``happened`` and
    their ``factuality`` label.

    :raises QueryError: for a malformed key. :raises NotFound: when the graph has no such item.
    """
    iri = entity_iri(key)
    head = rows(store, "entity-types", item=iri)
    documents = [dict(link(r["doc"], r.get("docLabel")) or {}, anchors=int(r["anchors"]))
                 for r in rows(store, "entity-documents", item=iri)]
    types = _types(head)
    if not types and not documents:
        raise NotFound(f"no item {key!r} in this graph")
    label = next((r["label"] for r in head if "label" in r), key)
    ties = _ties(rows(store, "entity-ties", item=iri))
    events = _events(rows(store, "entity-events", item=iri))
    hidden = 0
    if not include_nonfactual:
        hidden = sum(not t["happened"] for t in ties) + sum(
            not e["happened"] for g in events for e in g["events"])
        ties = [t for t in ties if t["happened"]]
        events = [g for g in ({**g, "events": [e for e in g["events"] if e["happened"]]}
                              for g in events) if g["events"]]
    return {
        "iri": iri, "id": key, "label": label, "types": types,
        "kind": next((link(r["kind"], r.get("kindLabel")) for r in head if "kind" in r), None),
        "wikidata": sorted({r["wikidata"] for r in head if "wikidata" in r}),
        "aliases": sorted({r["alt"] for r in head if "alt" in r}),
        "ties": ties, "events": events,
        "include_nonfactual": include_nonfactual, "hidden_nonfactual": hidden,
        "claims": _claims(rows(store, "entity-claims", item=iri)),
        "documents": documents,
    }


def _types(head: list[dict[str, str]]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in head:
        if "type" in r:
            entry = found.setdefault(r["type"], dict(link(r["type"], r.get("typeLabel")) or {},
                                                     documents=[]))
            if r.get("doc") and r["doc"] not in entry["documents"]:
                entry["documents"].append(r["doc"])
    return [found[k] for k in sorted(found, key=lambda k: (found[k]["label"], k))]


def _ties(found: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One entry per (tie class, direction, counterpart); sources with their quotes below."""
    ties: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in found:
        key = (r["tie"], r["direction"], r["other"])
        tie = ties.setdefault(key, {
            "tie": link(r["tie"], r.get("tieLabel")), "edge_label": r.get("edgeLabel", ""),
            "sign": int(float(r.get("sign", "0"))), "direction": r["direction"],
            "symmetric": r.get("symmetric") == "true",
            "other": link(r["other"], r.get("otherLabel")), "relations": [], "sources": {},
            "happened": True, "factuality": ""})
        if r.get("happened") == "false":
            tie["happened"] = False
            tie["factuality"] = r.get("factualityLabel", "")
        if r["relation"] not in tie["relations"]:
            tie["relations"].append(r["relation"])
        source = tie["sources"].setdefault(r["doc"], {
            "document": link(r["doc"], r.get("docLabel")), "quotes": [], "claims": []})
        if "quote" in r and r.get("quoteDoc", r["doc"]) == r["doc"]:
            quote = {"text": r["quote"], "start": int(r.get("start", "0"))}
            if quote not in source["quotes"]:
                source["quotes"].append(quote)
        if "claim" in r:
            claim = {"claim": link(r["claim"], r.get("claimLabel")),
                     "speaker": link(r.get("speaker"), r.get("speakerLabel"))}
            if claim not in source["claims"]:
                source["claims"].append(claim)
    out = []
    for tie in ties.values():
        sources = [tie["sources"][d] for d in sorted(tie["sources"])]
        for s in sources:
            s["quotes"].sort(key=lambda q: q["start"])
            # Said by the source itself unless every claim asserting it has a reported speaker.
            s["reported_only"] = bool(s["claims"]) and all(c["speaker"] for c in s["claims"])
        out.append({**tie, "sources": sources})
    out.sort(key=lambda t: (-t["sign"], t["edge_label"], t["other"]["label"], t["other"]["iri"]))
    return out


def _events(found: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Grouped by role; within a role dated events first, in time order."""
    roles: dict[str, dict[str, Any]] = {}
    for r in found:
        role = roles.setdefault(r["role"], {"role": link(r["role"], r.get("roleLabel")),
                                            "events": []})
        event = {"event": link(r["event"], r.get("eventLabel")),
                 "type": link(r.get("type"), r.get("typeLabel")),
                 "when": r.get("timeLabel", ""), "earliest": r.get("earliest", ""),
                 "status": r.get("statusLabel", ""),
                 "happened": r.get("happened") != "false",
                 "factuality": r.get("factualityLabel", ""),
                 "document": link(r["doc"], r.get("docLabel"))}
        if event not in role["events"]:
            role["events"].append(event)
    for role in roles.values():
        role["events"].sort(key=lambda e: (e["earliest"] == "", e["earliest"],
                                           e["event"]["label"], e["event"]["iri"]))
    return sorted(roles.values(), key=lambda g: (g["role"]["label"], g["role"]["iri"]))


def _claims(found: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Grouped by document (the source)."""
    by_doc: dict[str, dict[str, Any]] = {}
    for r in found:
        group = by_doc.setdefault(r["doc"], {"document": link(r["doc"], r.get("docLabel")),
                                             "claims": []})
        claim = {"claim": link(r["claim"], r.get("claimLabel")),
                 "modality": r.get("modalityLabel", ""), "certainty": r.get("certaintyLabel", ""),
                 "polarity": r.get("polarityLabel", ""),
                 "speaker": link(r.get("speaker"), r.get("speakerLabel")),
                 "grade": (r.get("reliability", "") + r.get("credibility", "")) or ""}
        if claim not in group["claims"]:
            group["claims"].append(claim)
    return [by_doc[d] for d in sorted(by_doc)]


def key_of(iri: str) -> str | None:
    """The page id of ``iri`` (``north-korea``, ``DOC/ITEM``), if it has an entity page."""
    return item_key(iri)
