"""Events on a time line: when each happened, as precisely as the source says.

Dates come from the event's ``sem:hasTime`` span: ``kg:earliest``/``kg:latest``
(first and last day the span can include) and ``kg:precision`` (day, month,
season, year, interval, open interval, relative). Events without a dated span
sort last: the source does not say when they happened. By default only the events
that happened by the factuality rule (docs/sources.md) are placed;
``include_nonfactual=True`` places the rest, marked (``factuality``, ``happened``,
``bar_style`` from the ontology's ``kg:barStyle``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kg.network.facts import Facts, short_id
from kg.network.schema import local_name
from kg.network.source import reader
from kg.network.vocab import ACTOR, EVENT, HAS_TIME, STATUS, sparql

__all__ = ["timeline_events", "timeline_from_facts", "item_times"]

_TIMES = sparql("""
SELECT ?e ?t ?earliest ?latest ?precision WHERE {
  ?e <$has_time> ?t .
  OPTIONAL { ?t kg:earliest ?earliest }
  OPTIONAL { ?t kg:latest ?latest }
  OPTIONAL { ?t kg:precision ?precision }
}""", has_time=HAS_TIME)


def timeline_events(source: Any, *, include_nonfactual: bool = False) -> list[dict[str, Any]]:
    """Every event of the store with its dates, sorted by begin then label, undated last.

    Keys: ``id`` (IRI), ``label``, ``type``, ``type_label``, ``color``, ``begin`` and ``end``
    (:class:`datetime.date` or None), ``precision``, ``time_label``, ``status``, ``quote``,
    ``quote_start``, ``quote_end``, ``source``, ``source_url``, ``document``, ``actors`` (labels
    of the actors in its roles, those in a source role such as agent first),
    ``factuality``, ``happened``, ``bar_style``.
    """
    with reader(source) as select:
        return timeline_from_facts(Facts(select), include_nonfactual=include_nonfactual)


def timeline_from_facts(facts: Facts, *, include_nonfactual: bool = False) -> list[dict[str, Any]]:
    times = item_times(facts)
    events = [e for e in facts.items_of(EVENT) if include_nonfactual or facts.happened(e)]
    facts.load_anchors([*events, *(t["span"] for t in times.values())])
    out = [_entry(facts, event, times.get(event)) for event in events]
    return sorted(out, key=lambda e: (e["begin"] is None, e["begin"] or dt.date.min, e["label"],
                                      e["id"]))


def item_times(facts: Facts) -> dict[str, dict[str, Any]]:
    """item (event, relation...) -> its earliest-beginning time span:
    ``{span, begin, end, precision}`` (dates as :class:`datetime.date` or None)."""
    best: dict[str, dict[str, Any]] = {}
    for row in facts.select(_TIMES):
        span = {"span": row["t"].value, "begin": _date(row.get("earliest")),
                "end": _date(row.get("latest")),
                "precision": row["precision"].value if "precision" in row else None}
        event = row["e"].value
        if event not in best or _key(span) < _key(best[event]):
            best[event] = span
    return best


def _key(span: dict[str, Any]) -> tuple:
    return (span["begin"] is None, span["begin"] or dt.date.min, span["span"])


def _entry(facts: Facts, event: str, span: dict[str, Any] | None) -> dict[str, Any]:
    schema, t = facts.schema, facts.types[event]
    status = facts.concepts.get(event, {}).get(STATUS)
    span = span or {"span": None, "begin": None, "end": None, "precision": None}
    time_label = ""
    if span["span"]:
        support = facts.support(span["span"])
        time_label = facts.labels.get(span["span"]) or (support.exact if support else "")
    return {"id": event, "short_id": short_id(event), "label": facts.label(event),
            "type": local_name(t), "type_label": schema.label(t), "color": schema.color(t),
            "begin": span["begin"], "end": span["end"],
            "precision": schema.label(span["precision"]).lower() if span["precision"] else "",
            "time_label": time_label,
            "status": schema.label(status).lower() if status else "",
            "actors": _actors(facts, event), **_marking(facts, event), **facts.provenance(event)}


def _actors(facts: Facts, event: str) -> list[str]:
    """Labels of the actors in the event's roles: source roles (agent) first, each once."""
    found: dict[str, tuple[int, str]] = {}
    for lk in facts.links_from.get(event, []):
        role = facts.schema.role(lk.prop)
        if role and facts.is_a(lk.object, ACTOR):
            rank = (0 if role == "source" else 1, facts.label(lk.object))
            found[lk.object] = min(found.get(lk.object, rank), rank)
    return [label for _, label in sorted(found.values())]


def _marking(facts: Facts, event: str) -> dict[str, Any]:
    marking = facts.marking(event)
    return {"factuality": marking["factuality"], "happened": marking["happened"],
            "bar_style": marking["bar_style"]}


def _date(term: Any) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value[:10])
    except ValueError:
        return None
