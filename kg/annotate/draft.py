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
from kg.annotate.text import Span, find_phrases, longest_first, quote_spec, sentences
from kg.annotate.triggers import Rules, load_rules

__all__ = ["draft", "ANNOTATOR"]

ANNOTATOR = "kg annotate (machine draft, needs review)"


def draft(text: str, *, doc_id: str, text_name: str, gazetteer: Gazetteer, onto,
          date: str | None = None, rules: Rules | None = None) -> dict:
    """The native annotation (``{'document': ..., 'annotations': [...]}``) of ``text``."""
    rules = rules or load_rules(onto)
    names = longest_first(find_phrases(text, gazetteer.names()))
    triggers = [t for t in longest_first(find_phrases(text, rules.triggers, ignore_case=True))
                if not any(t.start < n.end and n.start < t.end for n in names)]
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
    for n, trig in enumerate(triggers, 1):
        events.append(_event(text, trig, f"ev-{n}", mentions, rules, onto))
    actors = [m for m, t in mentions if onto.has_class(t) and onto.class_(t).is_a("Actor")]
    items += events
    items += draft_claims(text, sentences(text), events,
                          {f"ev-{n}": trig for n, trig in enumerate(triggers, 1)}, actors,
                          [(tm.start, tm.end) for tm in times], load_cues(onto))
    meta = {"id": doc_id, "text": text_name, "author": "unknown", "date": date or "unknown",
            "annotator": ANNOTATOR}
    return {"document": meta, "annotations": items}


def _time_item(text: str, tm: TimeMention, item_id: str) -> dict:
    item: dict = {"id": item_id, "type": "TimeSpan", "machine": True,
                  **quote_spec(text, [(tm.start, tm.end)])[0]}
    if tm.begin:
        item["begin"] = tm.begin
    if tm.end_date and tm.precision != "OpenInterval":
        item["end"] = tm.end_date
    item["precision"] = tm.precision
    item["confidence"] = "0.6" if tm.relative_to is not None else "0.8"
    if tm.notes:
        item["note"] = "; ".join(tm.notes)
    return item


def _event(text: str, trig: Span, item_id: str, mentions, rules: Rules, onto) -> dict:
    item: dict = {"id": item_id, "type": trig.key, "machine": True, "confidence": "0.6",
                  **quote_spec(text, [(trig.start, trig.end)])[0]}
    sent = next(((s, e) for s, e in sentences(text) if s <= trig.start < e), (0, len(text)))
    inside = [(m, t) for m, t in mentions if sent[0] <= m.start and m.end <= sent[1]]
    cls = onto.class_(trig.key)
    for key, position in rules.roles.items():
        prop = onto.properties[key]
        if prop.domain and not cls.is_a(prop.domain):
            continue
        if position == "after" and trig.key in rules.after:
            key = rules.after[trig.key]
        fits = [m for m, t in inside if key in rules.ranges and onto.has_class(t)
                and onto.class_(t).is_a(rules.ranges[key])]
        before = [m for m in fits if m.end <= trig.start]
        after = [m for m in fits if m.start >= trig.end]
        chosen = (before[-1:] if position == "before" else after[:1] if position == "after"
                  else fits)
        ids = list(dict.fromkeys(m.key for m in chosen))
        if ids:
            item[key] = ids[0] if len(ids) == 1 else ids
    return item
