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

import calendar
import math
from datetime import date, timedelta

from kg.loaders.check import parse_offset, parse_partial_date
from kg.model import Document, Item, Ref
from kg.namespace import KG as K
from kg.namespace import SEM
from kg.ontology import Ontology

__all__ = ["relative_bounds", "span_keys", "shift"]

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
    earliest = (_shift(min(known_lows), low[0], math.floor(low[1] / DAY))
                if len(known_lows) == len(lows) else None)
    latest = (_shift(max(known_highs), high[0], math.ceil(high[1] / DAY))
              if len(known_highs) == len(highs) and not open_end else None)
    return earliest, latest


def shift(day: str, offset: str, latest: bool = False) -> str | None:
    """The ISO ``day`` plus an offset (``P1D``, ``-PT12H``, ``P3M``), rounded out to a whole
    day as a span's bounds are: down for its earliest day, up for its ``latest``; None when
    the offset is no duration or the day falls outside the calendar.

    >>> shift("2022-11-30", "P3M"), shift("2022-05-26", "-PT12H")
    ('2023-02-28', '2022-05-25')
    >>> shift("2022-05-26", "-PT12H", latest=True)
    '2022-05-26'
    """
    parsed = parse_offset(offset)
    if parsed is None:
        return None
    months, seconds = parsed
    return _shift(day, months, math.ceil(seconds / DAY) if latest else math.floor(seconds / DAY))


def _shift(day: str, months: int, days: int) -> str | None:
    """``day`` plus calendar ``months`` (the day of the month kept, else the month's last)
    and then ``days``; None past the calendar's years 1-9999 (left undated).

    >>> _shift("2022-11-30", 3, 0), _shift("2022-03-31", -1, 1), _shift("2022-05-26", 0, -1)
    ('2023-02-28', '2022-03-01', '2022-05-25')
    """
    d = date.fromisoformat(day)
    try:
        if months:
            year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
            d = d.replace(year=year, month=month + 1,
                          day=min(d.day, calendar.monthrange(year, month + 1)[1]))
        return (d + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):  # before year 1 or after 9999
        return None
