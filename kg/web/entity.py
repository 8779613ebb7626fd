"""The entity page ``/entity/<id>``: what the sources say about one item.

``<id>`` is the item's id as in the annotation: ``north-korea`` for a corpus-scoped item,
``DOC/ITEM`` for a document-scoped one (the ``same-as`` spelling). The model (the page's
JSON twin) holds the label, types (per document), Wikidata links, the ties with their sign,
counterpart and quotes per source, the events by role in time order, the claims about the
item per source with modality, certainty and grade, and the documents that mention it.

The four lists are paged (:data:`PAGE_SIZE` entries a page, ``size`` to change it): a short
query lists the keys of every entry in a stable order (a tie is one class, direction and
counterpart; an event one role and event; a claim one document and claim), the page's keys
are cut from it, and only their details (quotes, claims, times) are fetched. ``counts``
sums each list; ``pages`` says which entries a page shows, of how many, with the links to
the previous and next pages (``?ties=2&events=1...``: each list keeps its own page, so a
link is shareable).
"""

from __future__ import annotations

import math
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict, TypeVar

from kg.errors import NotFound, QueryError
from kg.web.data import link, rows
from kg.web.links import entity_iri, item_key

if TYPE_CHECKING:
    from kg.store.protocol import Queryable
    from kg.web.models import (
        ClaimGroup,
        EntityClaim,
        EntityDocument,
        EntityModel,
        EventEntry,
        Page,
        Quote,
        RoleEvents,
        Tie,
        TieClaim,
        TieSource,
        TypeEntry,
    )

T = TypeVar("T")


class _Key(TypedDict):
    """One entry of a list: its key values, the first row that gave them, nonfactual or not."""

    key: tuple[str, ...]
    row: dict[str, str]
    nonfactual: bool


class _TieDraft(TypedDict):
    tie: Tie
    sources: dict[str, TieSource]


__all__ = ["entity_model", "PAGE_SIZE", "MAX_PAGE_SIZE", "LISTS"]

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
LISTS = ("ties", "events", "claims", "documents")


def entity_model(store: Queryable, key: str, *, include_nonfactual: bool = False,
                 page: Mapping[str, int] | None = None,
                 size: int = PAGE_SIZE) -> EntityModel:
    """The entity page's data for item ``key``; ``page`` maps a list (:data:`LISTS`) to the
    page of it to show (1 when absent; past the last page, the last), ``size`` is the
    number of entries a page holds.

    Ties and events that did not happen by the factuality rule (``kg:happened false`` in the
    derived graph ``factuality``: denied, planned, hypothetical...) are left out and counted
    in ``hidden_nonfactual``, unless ``include_nonfactual``; kept ones carry ``happened`` and
    their ``factuality`` label.

    :raises QueryError: for a malformed key, page or size. :raises NotFound: when the graph
        has no such item.
    """
    iri = entity_iri(key)
    wanted = _check_pages(page or {}, size)
    head = rows(store, "entity-types", item=iri)
    all_documents = rows(store, "entity-documents", item=iri)
    types = _types(head)
    if not types and not all_documents:
        raise NotFound(f"no item {key!r} in this graph")
    label = next((r["label"] for r in head if "label" in r), key)
    tie_keys = _tie_keys(rows(store, "entity-tie-keys", item=iri))
    event_keys = _event_keys(rows(store, "entity-event-keys", item=iri))
    hidden = 0
    if not include_nonfactual:
        hidden = sum(k["nonfactual"] for k in tie_keys) + sum(k["nonfactual"] for k in event_keys)
        tie_keys = [k for k in tie_keys if not k["nonfactual"]]
        event_keys = [k for k in event_keys if not k["nonfactual"]]
    claim_keys = _claim_keys(rows(store, "entity-claim-keys", item=iri))
    totals = {"ties": len(tie_keys), "events": len(event_keys), "claims": len(claim_keys),
              "documents": len(all_documents)}
    pages = {name: _page(name, totals[name], wanted, size, key, include_nonfactual)
             for name in LISTS}

    def cut(name: str, items: Sequence[T]) -> Sequence[T]:
        return items[pages[name]["first"] - 1:pages[name]["last"]]

    ties = _ties(rows(store, "entity-ties", item=iri, keys=(
        ["tie", "direction", "other"], [k["key"] for k in cut("ties", tie_keys)])))
    events = _events(rows(store, "entity-events", item=iri, keys=(
        ["role", "event"], [k["key"] for k in cut("events", event_keys)])))
    claims = _claims(rows(store, "entity-claims", item=iri, keys=(
        ["doc", "claim"], [k["key"] for k in cut("claims", claim_keys)])))
    documents: list[EntityDocument] = [
        {**link(r["doc"], r.get("docLabel")), "anchors": int(r["anchors"])}
        for r in cut("documents", all_documents)]
    return {
        "iri": iri, "id": key, "label": label, "types": types,
        "kind": next((link(r["kind"], r.get("kindLabel")) for r in head if "kind" in r), None),
        "wikidata": sorted({r["wikidata"] for r in head if "wikidata" in r}),
        "aliases": sorted({r["alt"] for r in head if "alt" in r}),
        "ties": ties, "events": events,
        "include_nonfactual": include_nonfactual, "hidden_nonfactual": hidden,
        "claims": claims, "documents": documents,
        "counts": totals, "pages": pages,
    }


def _check_pages(page: Mapping[str, int], size: int) -> dict[str, int]:
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_PAGE_SIZE:
        raise QueryError(f"page size must be a whole number from 1 to {MAX_PAGE_SIZE}, "
                         f"not {str(size)[:40]!r}")
    out = {}
    for name, number in page.items():
        if name not in LISTS:
            raise QueryError(f"no list {name[:40]!r} to page (lists: {', '.join(LISTS)})")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise QueryError(f"page of {name} must be a whole number from 1, "
                             f"not {str(number)[:40]!r}")
        out[name] = number
    return out


def _page(name: str, total: int, wanted: dict[str, int], size: int, key: str,
          include_nonfactual: bool) -> Page:
    """Which entries of list ``name`` the page shows (``first``..``last``, 1-based), of
    ``total``, with ``prev``/``next`` links (query strings; ``None`` at either end)."""
    pages = max(1, math.ceil(total / size))
    number = min(wanted.get(name, 1), pages)

    def href(n: int) -> str:
        params = {**wanted, name: n}
        query = [(lst, str(params[lst])) for lst in LISTS if params.get(lst, 1) != 1]
        if size != PAGE_SIZE:
            query.append(("size", str(size)))
        if include_nonfactual:
            query.append(("include-nonfactual", "true"))
        return "?" + urllib.parse.urlencode(query) + f"#kg-{name}"

    return {"page": number, "pages": pages, "size": size, "total": total,
            "first": min(total, (number - 1) * size + 1), "last": min(total, number * size),
            "prev": href(number - 1) if number > 1 else None,
            "next": href(number + 1) if number < pages else None}


def _keys(found: list[dict[str, str]], names: tuple[str, ...],
          order: Callable[[dict[str, str]], tuple[int | str | bool, ...]]) -> list[_Key]:
    """One entry per distinct ``names`` values, in ``order``; ``nonfactual`` if any row says so."""
    out: dict[tuple[str, ...], _Key] = {}
    for r in found:
        k = tuple(r[n] for n in names)
        entry = out.setdefault(k, {"key": k, "row": r, "nonfactual": False})
        entry["nonfactual"] = entry["nonfactual"] or r.get("nonfactual", "0") not in ("0", "")
    return sorted(out.values(), key=lambda e: (*order(e["row"]), *e["key"]))


def _label(r: dict[str, str], iri: str, label: str) -> str:
    found = link(r.get(iri), r.get(label))
    return found["label"] if found else ""


def _tie_keys(found: list[dict[str, str]]) -> list[_Key]:
    return _keys(found, ("tie", "direction", "other"), lambda r: (
        -_sign(r.get("sign")), r.get("edgeLabel", ""), _label(r, "other", "otherLabel")))


def _event_keys(found: list[dict[str, str]]) -> list[_Key]:
    return _keys(found, ("role", "event"), lambda r: (
        _label(r, "role", "roleLabel"), r["role"], "first" not in r, r.get("first", ""),
        _label(r, "event", "eventLabel")))


def _claim_keys(found: list[dict[str, str]]) -> list[_Key]:
    return _keys(found, ("doc", "claim"), lambda r: (r["doc"], _label(r, "claim", "claimLabel")))


def _sign(value: str | None) -> int:
    return int(float(value or "0"))


def _types(head: list[dict[str, str]]) -> list[TypeEntry]:
    found: dict[str, TypeEntry] = {}
    for r in head:
        if "type" in r:
            entry = found.setdefault(r["type"], {**link(r["type"], r.get("typeLabel")),
                                                 "documents": []})
            if r.get("doc") and r["doc"] not in entry["documents"]:
                entry["documents"].append(r["doc"])
    return [found[k] for k in sorted(found, key=lambda k: (found[k]["label"], k))]


def _ties(found: list[dict[str, str]]) -> list[Tie]:
    """One entry per (tie class, direction, counterpart); sources with their quotes below."""
    ties: dict[tuple[str, str, str], _TieDraft] = {}
    for r in found:
        key = (r["tie"], r["direction"], r["other"])
        draft = ties.setdefault(key, {"tie": {
            "tie": link(r["tie"], r.get("tieLabel")), "edge_label": r.get("edgeLabel", ""),
            "sign": int(float(r.get("sign", "0"))), "direction": r["direction"],
            "symmetric": r.get("symmetric") == "true",
            "other": link(r["other"], r.get("otherLabel")), "relations": [], "sources": [],
            "happened": True, "factuality": ""}, "sources": {}})
        tie = draft["tie"]
        if r.get("happened") == "false":
            tie["happened"] = False
            tie["factuality"] = r.get("factualityLabel", "")
        if r["relation"] not in tie["relations"]:
            tie["relations"].append(r["relation"])
        source = draft["sources"].setdefault(r["doc"], {
            "document": link(r["doc"], r.get("docLabel")), "quotes": [], "claims": [],
            "reported_only": False})
        if "quote" in r and r.get("quoteDoc", r["doc"]) == r["doc"]:
            quote: Quote = {"text": r["quote"], "start": int(r.get("start", "0"))}
            if quote not in source["quotes"]:
                source["quotes"].append(quote)
        if "claim" in r:
            claim: TieClaim = {"claim": link(r["claim"], r.get("claimLabel")),
                               "speaker": link(r.get("speaker"), r.get("speakerLabel"))}
            if claim not in source["claims"]:
                source["claims"].append(claim)
    out: list[Tie] = []
    for draft in ties.values():
        sources = [draft["sources"][d] for d in sorted(draft["sources"])]
        for s in sources:
            s["quotes"].sort(key=lambda q: q["start"])
            # Said by the source itself unless every claim asserting it has a reported speaker.
            s["reported_only"] = bool(s["claims"]) and all(c["speaker"] for c in s["claims"])
        out.append({**draft["tie"], "sources": sources})
    # the order of the keys (_tie_keys), so a page lists its ties as the key list has them
    out.sort(key=lambda t: (-t["sign"], t["edge_label"], t["other"]["label"], t["tie"]["iri"],
                            t["direction"], t["other"]["iri"]))
    return out


def _events(found: list[dict[str, str]]) -> list[RoleEvents]:
    """Grouped by role; within a role dated events first, in time order."""
    roles: dict[str, RoleEvents] = {}
    for r in found:
        role = roles.setdefault(r["role"], {"role": link(r["role"], r.get("roleLabel")),
                                            "events": []})
        event: EventEntry = {"event": link(r["event"], r.get("eventLabel")),
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


def _claims(found: list[dict[str, str]]) -> list[ClaimGroup]:
    """Grouped by document (the source)."""
    by_doc: dict[str, ClaimGroup] = {}
    for r in found:
        group = by_doc.setdefault(r["doc"], {"document": link(r["doc"], r.get("docLabel")),
                                             "claims": []})
        claim: EntityClaim = {"claim": link(r["claim"], r.get("claimLabel")),
                 "modality": r.get("modalityLabel", ""), "certainty": r.get("certaintyLabel", ""),
                 "polarity": r.get("polarityLabel", ""),
                 "speaker": link(r.get("speaker"), r.get("speakerLabel")),
                 "grade": (r.get("reliability", "") + r.get("credibility", "")) or ""}
        if claim not in group["claims"]:
            group["claims"].append(claim)
    for group in by_doc.values():  # the order of the keys (_claim_keys)
        group["claims"].sort(key=lambda c: (c["claim"]["label"], c["claim"]["iri"]))
    return [by_doc[d] for d in sorted(by_doc)]


def key_of(iri: str) -> str | None:
    """The page id of ``iri`` (``north-korea``, ``DOC/ITEM``), if it has an entity page."""
    return item_key(iri)
