"""The event a drafted relative time counts from (``kg:relativeTo``): the one it names
("two days after the launch") or the nearest before it with a written day."""

from __future__ import annotations

import re

from kg.annotate.dates import TimeMention
from kg.annotate.text import Span, sentence_of

__all__ = ["count_from_events"]


def _named_after(text: str, times: list[TimeMention], triggers: list[Span],
                 events: list[dict], references: list[Span], sents: list[tuple[int, int]],
                 dated: set[str]) -> dict[int, dict]:
    """Relative times that name their event ("two days after the launch", "hours after he
    said", "the day before the vote"): the event drafted there, or the one a reference
    ("the launch") repeats (the latest before it of that type with a written day, else the
    first of that type), by the time's start."""
    out: dict[int, dict] = {}
    spans = sorted([(t, ev) for t, ev in zip(triggers, events, strict=True)]
                   + [(r, None) for r in references], key=lambda te: te[0].start)
    for tm in times:
        if tm.offset is None or not re.search(r"\b(?i:after|before|of)$", text[tm.start:tm.end]):
            continue
        sent = sentence_of(sents, tm.start) or (0, len(text))
        nxt = next(((s, ev) for s, ev in spans if tm.end <= s.start < sent[1]), None)
        if nxt is None or len(text[tm.end:nxt[0].start].split()) > AFTER_WINDOW:
            continue
        span, ev = nxt
        if ev is None:  # a reference: the event it repeats
            same = [e for t, e in zip(triggers, events, strict=True)
                    if t.start < span.start and t.key == span.key]
            with_day = [e for e in same if set(_as_list(e.get("time"))) & dated]
            ev = with_day[-1] if with_day else (same[0] if same else None)
        if ev is not None:
            out[tm.start] = ev
    return out


# words between "after"/"before" and the event it names ("hours after Pak ... said")
AFTER_WINDOW = 20


def count_from_events(items: list[dict], events: list[dict], triggers: list[Span],
                       times: list[TimeMention], time_ids: dict,
                       context: tuple[str, list[Span], list[tuple[int, int]]]) -> None:
    """A relative time ("the following day", "within hours") counts from the event it
    names ("after the launch"; ``context``: the text, the references and the sentences),
    else from the nearest event before it whose time is a written day, when no other day is
    written between them: ``relativeTo`` that event with the offset, and the build dates it.
    Without such an event it keeps the dates read from the nearest date. In place."""
    by_id = {it["id"]: it for it in items}
    dated = {time_ids[(t.start, t.end)] for t in times
             if t.offset is None and t.precision == "Day" and t.begin}
    named = _named_after(context[0], times, triggers, events, context[1], context[2], dated)
    by_start = sorted(zip([t.start for t in triggers], range(len(events)), events,
                          strict=True))
    start_of = {time_ids[(t.start, t.end)]: t.start for t in times}
    # one sweep: the latest event with a written day before each time, and the latest day
    # written before it (when that is not the event's, the event is not the one meant)
    k, anchor, anchor_day, last_day = 0, None, -1, -1
    for tm in times:
        while k < len(by_start) and by_start[k][0] < tm.start:
            days = set(_as_list(by_start[k][2].get("time"))) & dated
            if days:
                anchor, anchor_day = by_start[k][2], max(start_of[d] for d in days)
            k += 1
        source = named.get(tm.start) or (anchor if anchor_day >= last_day else None)
        if tm.offset is None and any(d and len(d) == 10 for d in (tm.begin, tm.end_date)):
            last_day = tm.start
        if tm.offset is None or source is None:
            continue
        item = by_id[time_ids[(tm.start, tm.end)]]
        guess = f"{item.pop('begin', '?')} to {item.pop('end', '?')}"
        note = item.pop("note", "")
        item["relativeTo"] = source["id"]
        if tm.offset != "PT0S" or tm.offset_up_to:  # PT0S is the default: the same day
            item["offset"] = tm.offset
        if tm.offset_up_to:
            item["offsetUpTo"] = tm.offset_up_to
        item["precision"] = "OpenInterval" if item.get("precision") == "OpenInterval" \
            else "Relative"
        item["note"] = f"counted from {source['id']} (about {guess})" + \
            (f"; {note}" if note else "")


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]
