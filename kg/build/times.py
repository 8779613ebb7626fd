"""Dates of time spans given relative to another event of the same document.

A span annotated ``relativeTo: EVENT`` with ``offset`` (and ``offsetUpTo``) is dated from the
referenced event's own time spans: its earliest day is the event's earliest day plus the
offset, its latest day the event's latest day plus the upper offset (rounded out to whole
days: "within hours" of a day reaches into the next one). Months and years of an offset are
calendar units, added before its days: "three months after" 30 November is 28 February (the
day kept, else the month's last day). The referenced event's spans may be
relative themselves (followed, cycles left undated); an undated event leaves the span
undated, and an event dated by one of its spans is dated even when another stays undated.
Only this document is read, so the result is deterministic and cacheable with it.

What each key means comes from the ontology (``kg:relativeTo``, ``kg:offset``,
``kg:offsetUpTo``, ``sem:hasTime``, ``kg:begin``, ``kg:end``, ``kg:precision``).
"""

from __future__ import annotations

import math

from kg.loaders.check import add_offset, parse_offset, parse_partial_date
from kg.model import Document, Item, Ref
from kg.namespace import KG as K
from kg.namespace import SEM
from kg.ontology import Ontology

__all__ = ["relative_bounds", "span_keys"]

SEM_HAS_TIME = SEM.hasTime
DAY = 86400


def span_keys(onto: Ontology) -> dict[str, str]:
    """Annotation key of each property this module reads, by role name."""
    wanted = {"relativeTo": str(K.relativeTo), "offset": str(K.offset),
              "offsetUpTo": str(K.offsetUpTo), "time": SEM_HAS_TIME, "begin": str(K.begin),
              "end": str(K.end), "precision": str(K.precision)}
    by_iri = {p.iri: key for key, p in onto.properties.items()}
    return {role: by_iri[iri] for role, iri in wanted.items() if iri in by_iri}


def relative_bounds(doc: Document, item: Item, onto: Ontology
                    ) -> tuple[str | None, str | None] | None:
    """(earliest, latest) ISO days of a relative span (either may be None: undated on that
    side), or None when ``item`` is not relative to an event."""
    keys = span_keys(onto)
    if not _refs(item, keys.get("relativeTo")):
        return None
    items = {it.id: it for it in doc.items}
    return _bounds(item, items, keys, frozenset())


def _refs(item: Item, key: str | None) -> list[str]:
    if not key:
        return []
    return [v.id if isinstance(v, Ref) else str(v) for v in item.values.get(key, [])]


def _first(item: Item, key: str | None) -> str | None:
    vals = _refs(item, key)
    return vals[0] if vals else None


def _bounds(span: Item, items: dict[str, Item], keys: dict[str, str],
            seen: frozenset[str]) -> tuple[str | None, str | None]:
    if span.id in seen:
        return None, None
    seen = seen | {span.id}
    events = _refs(span, keys.get("relativeTo"))
    if not events:
        begin, end = _first(span, keys.get("begin")), _first(span, keys.get("end"))
        return (parse_partial_date(begin)[1] if begin else None,
                parse_partial_date(end)[2] if end else None)
    lows, highs = [], []
    for ev_id in events:
        event = items.get(ev_id)
        ev_lows, ev_highs = [], []
        for t in _refs(event, keys.get("time")) if event else []:
            if t in items:
                lo, hi = _bounds(items[t], items, keys, seen)
                ev_lows.append(lo)
                ev_highs.append(hi)
        if ev_lows:
            # An event's spans all give its time: one dated span dates it, though another
            # ("hours after an undated statement") stays undated.
            known_lo = [x for x in ev_lows if x is not None]
            known_hi = [x for x in ev_highs if x is not None]
            lows.append(min(known_lo) if known_lo else None)
            highs.append(max(known_hi) if known_hi else None)
    if not lows:
        return None, None
    low = parse_offset(_first(span, keys.get("offset")) or "PT0S") or (0, 0)
    up = _first(span, keys.get("offsetUpTo"))
    high = (parse_offset(up) or (0, 0)) if up else low
    open_end = _first(span, keys.get("precision")) == "OpenInterval"
    known_lows = [x for x in lows if x is not None]
    known_highs = [x for x in highs if x is not None]
    earliest = (add_offset(min(known_lows), low[0], math.floor(low[1] / DAY))
                if len(known_lows) == len(lows) else None)
    latest = (add_offset(max(known_highs), high[0], math.ceil(high[1] / DAY))
              if len(known_highs) == len(highs) and not open_end else None)
    return earliest, latest
