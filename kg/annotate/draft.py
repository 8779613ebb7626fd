"""Draft a native annotation of a new text for human review (``kg annotate``).

Actors, places and weapons come from a gazetteer (longest match at word
boundaries); events from the ontology's trigger lemmas, with roles filled from
the same sentence by the rules in ``ontology/triggers.ttl``; time expressions
are normalized against the document's date; claims (modality, certainty,
polarity, reported speakers) and response links from the cue lexicon of the same
file (:mod:`kg.annotate.claims`). Every drafted item is marked ``machine: true``
with a ``confidence``. The result is the native YAML structure, ready to dump.
"""

from __future__ import annotations

from kg.annotate.claims import draft_claims, load_cues
from kg.annotate.dates import TimeMention, find_times
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.links import link_responses, load_responders
from kg.annotate.morph import Morphology, load_morphology
from kg.annotate.roles import RoleCues, fill_roles, load_role_cues
from kg.annotate.text import Span, find_phrases, is_statement, longest_first, quote_spec, sentences
from kg.annotate.triggers import Rules, find_triggers, load_rules

__all__ = ["draft", "ANNOTATOR"]

ANNOTATOR = "kg annotate (machine draft, needs review)"


def draft(text: str, *, doc_id: str, text_name: str, gazetteer: Gazetteer, onto,
          date: str | None = None, rules: Rules | None = None,
          morphology: Morphology | None = None) -> dict:
    """The native annotation (``{'document': ..., 'annotations': [...]}``) of ``text``;
    ``morphology`` defaults to the best installed (:func:`kg.annotate.morph.load_morphology`)."""
    rules = rules or load_rules(onto)
    morph = morphology or load_morphology()
    names = longest_first(find_phrases(text, gazetteer.names()))
    references: list[Span] = []
    # a trigger inside a name is no event ("Vigilant Storm"); a name inside a trigger's
    # phrase is its role ("fired four surface-to-surface missiles")
    heads = _headings(text)
    triggers = [t for t in find_triggers(text, rules, morph, references)
                if not any(n.start <= t.start and t.end <= n.end for n in names)
                and not any(a <= t.start < b for a, b in heads)]
    times = find_times(text, date)
    items: list[dict] = []
    for entry_id in dict.fromkeys(n.key for n in names):
        e = gazetteer.entries[entry_id]
        item = {"id": e.id, "type": e.type, "label": e.label, "machine": True,
                "confidence": "0.9"}
        if e.wikidata:
            item["wikidata"] = e.wikidata
        item["mentions"] = quote_spec(text, [(n.start, n.end) for n in names if n.key == e.id])
        items.append(item)
    time_ids = {}
    for n, tm in enumerate(times, 1):
        time_ids[(tm.start, tm.end)] = f"t-{n}"
        items.append(_time_item(text, tm, f"t-{n}"))
    mentions = [(n, gazetteer.entries[n.key].type) for n in names]
    mentions += [(Span(tm.start, tm.end, time_ids[(tm.start, tm.end)]), "TimeSpan")
                 for tm in times]
    events = []
    sents, cues = sentences(text), load_role_cues(onto)
    for n, trig in enumerate(triggers, 1):
        events.append(_event(text, trig, f"ev-{n}", mentions, rules, cues, onto, morph,
                             sents))
    _count_from_events(items, events, triggers, times, time_ids)
    actors = [m for m, t in mentions if onto.has_class(t) and onto.class_(t).is_a("Actor")]
    cue_lexicon = load_cues(onto)
    # "now": the document's date, else the latest date the text reports
    now = date or max((tm.begin for tm in times if tm.begin and tm.offset is None),
                      default=None)
    link_responses(text, events, triggers, references, sents, cue_lexicon.response,
                   load_responders(onto), onto)
    items += events
    items += draft_claims(text, sents, events,
                          {f"ev-{n}": trig for n, trig in enumerate(triggers, 1)}, actors,
                          [(tm.start, tm.end) for tm in times], cue_lexicon,
                          future=[(tm.start, tm.end) for tm in times if _after(tm, now)],
                          things=names)
    meta = {"id": doc_id, "text": text_name, "author": "unknown", "date": date or "unknown",
            "annotator": ANNOTATOR}
    return {"document": meta, "annotations": items}


def _count_from_events(items: list[dict], events: list[dict], triggers: list[Span],
                       times: list[TimeMention], time_ids: dict) -> None:
    """A relative time ("the following day", "within hours") counts from the nearest event
    before it whose time is a written day: ``relativeTo`` that event with the offset, the
    build dates it; without such an event it keeps the dates read from the nearest date."""
    by_id = {it["id"]: it for it in items}
    dated = {time_ids[(t.start, t.end)] for t in times
             if t.offset is None and t.precision == "Day" and t.relative_to is None and t.begin}
    starts = {ev["id"]: trig.start for ev, trig in zip(events, triggers, strict=True)}
    for tm in times:
        if tm.offset is None:
            continue
        own = time_ids[(tm.start, tm.end)]
        earlier = [ev for ev in events if starts[ev["id"]] < tm.start
                   and set(_as_list(ev.get("time"))) & dated
                   and own not in _as_list(ev.get("time"))]
        if not earlier:
            continue
        anchor = max(earlier, key=lambda ev: starts[ev["id"]])
        item = by_id[time_ids[(tm.start, tm.end)]]
        guess = f"{item.pop('begin', '?')} to {item.pop('end', '?')}"
        note = item.pop("note", "")
        item["relativeTo"] = anchor["id"]
        item["offset"] = tm.offset
        if tm.offset_up_to:
            item["offsetUpTo"] = tm.offset_up_to
        item["precision"] = "OpenInterval" if item.get("precision") == "OpenInterval" \
            else "Relative"
        item["note"] = f"counted from {anchor['id']} (about {guess})" + \
            (f"; {note}" if note else "")


def _headings(text: str) -> list[tuple[int, int]]:
    """Lines that are not sentences (titles, headings, datelines): their words name what
    the text is about; the events are drafted from the sentences that tell them."""
    return [(s, e) for s, e in sentences(text) if not is_statement(text, s, e)]


def _after(tm: TimeMention, date: str | None) -> bool:
    """The time lies after the document's date (its first day, or its last when open)."""
    first = tm.begin or tm.end_date
    return bool(date and first and first[:len(date)] > date[:len(first)])


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _time_item(text: str, tm: TimeMention, item_id: str) -> dict:
    item: dict = {"id": item_id, "type": "TimeSpan", "machine": True,
                  **quote_spec(text, [(tm.start, tm.end)])[0]}
    if tm.begin:
        item["begin"] = tm.begin
    if tm.end_date and (tm.precision != "OpenInterval" or not tm.begin):
        item["end"] = tm.end_date
    item["precision"] = tm.precision
    item["confidence"] = "0.6" if tm.relative_to is not None else "0.8"
    if tm.notes:
        item["note"] = "; ".join(tm.notes)
    return item


def _event(text: str, trig: Span, item_id: str, mentions, rules: Rules, cues: RoleCues, onto,
           morph: Morphology, sents: list[tuple[int, int]]) -> dict:
    item: dict = {"id": item_id, "type": trig.key, "machine": True, "confidence": "0.6",
                  **quote_spec(text, [(trig.start, trig.end)])[0]}
    sent = next(((s, e) for s, e in sents if s <= trig.start < e), (0, len(text)))
    fill_roles(item, text, trig, sent, mentions, rules, cues, onto, morph)
    return item
