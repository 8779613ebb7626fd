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

import re
from bisect import bisect_right
from functools import lru_cache

from kg.annotate.claims import draft_claims, load_cues
from kg.annotate.dates import TimeMention, dateline, find_times
from kg.annotate.event_model import model_from_env
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.links import link_responses, load_responders
from kg.annotate.modality_model import modality_typer_from_env
from kg.annotate.morph import Morphology, load_morphology
from kg.annotate.parse import Parser, load_parser
from kg.annotate.roles import (
    RoleCues,
    clause_of,
    fill_roles,
    heading_days,
    inherit_times,
    load_role_cues,
)
from kg.annotate.speech import (
    opens_complement,
    own_harms,
    proper_names,
    speaker_before,
    type_by_content,
)
from kg.annotate.text import (
    Span,
    find_phrases,
    is_statement,
    longest_first,
    quote_spec,
    sentence_of,
    sentences,
)
from kg.annotate.time_anchors import count_from_events
from kg.annotate.triggers import Rules, earlier_events, find_triggers, load_rules
from kg.errors import UsageError
from kg.loaders.check import parse_partial_date

__all__ = ["draft", "ANNOTATOR"]

ANNOTATOR = "kg annotate (machine draft, needs review)"


def draft(text: str, *, doc_id: str, text_name: str, gazetteer: Gazetteer, onto,
          date: str | None = None, rules: Rules | None = None,
          morphology: Morphology | None = None, parser: Parser | str | None = None,
          model=None, speech=None, modality=None) -> dict:
    """The native annotation (``{'document': ..., 'annotations': [...]}``) of ``text``;
    ``morphology`` defaults to the best installed (:func:`kg.annotate.morph.load_morphology`);
    ``parser`` is a :class:`kg.annotate.parse.Parser` or its name ("spacy", "none"), by
    default ``KG_ANNOTATE_PARSER`` or none (:func:`kg.annotate.parse.load_parser`);
    ``model``: the learned event model that adds events no rule found, a path to one or
    "none", by default ``KG_ANNOTATE_MODEL`` or the shipped one
    (:mod:`kg.annotate.event_model`); ``speech``: the learned speech-act typer, a path to
    one, "default" (the shipped one) or "none", by default ``KG_ANNOTATE_SPEECH`` or
    none: the rules' types (:mod:`kg.annotate.speech_model`; opt-in);
    ``modality``: the learned typer of the claims' modality, likewise (``KG_ANNOTATE_MODALITY``,
    :mod:`kg.annotate.modality_model`)."""
    if date is not None:
        try:
            parse_partial_date(date)
        except ValueError as exc:  # "unknown", "2024-13-40": refused in one line, not deep inside
            raise UsageError(f"draft of {doc_id}: {exc}") from None
        if date.startswith(("0000", "-")):  # XSD has year 0 and before; the calendar counted
            # from here (Python's dates) starts at year 1
            raise UsageError(f"draft of {doc_id}: date {date!r} is before the year 1")
    date = date or dateline(text)  # a wire's dateline ("SEOUL, Dec. 28, 2022 (...)")
    rules = rules or load_rules(onto)
    morph = morphology or load_morphology()
    if not isinstance(parser, Parser):
        parser = load_parser(parser)
    parsed = parser.parse(text) if parser is not None else None
    names = longest_first(find_phrases(text, gazetteer.names()))
    people: set[str] = set()
    if parsed is not None:  # names the gazetteer does not list, from the parser
        gazetteer, people = _with_entities(
            gazetteer, text, parsed.entities(set(rules.entity_labels)), names,
            rules.entity_labels)
        names = longest_first(find_phrases(text, gazetteer.names()))
    references: list[Span] = []
    dated: list[Span] = []
    heads = _headings(text)
    times = find_times(text, date)
    sents = sentences(text)
    # a trigger inside a name is no event ("Vigilant Storm"); a name inside a trigger's
    # phrase is its role ("fired four surface-to-surface missiles")
    why: dict[tuple[int, int], tuple[str, list[Span]]] = {}  # what typed a statement
    found = find_triggers(text, rules, morph, references, dated, why,
                          [(t.start, t.end) for t in times])
    needs_time = set(dated)
    name_at = {n.start: n for n in names}
    name_starts = sorted(name_at)
    cue_lexicon = load_cues(onto)
    # "in response to", "in retaliation for": a link's cue, no event of its own
    response_cues = find_phrases(
        text, {k: v for k, v in cue_lexicon.response.items() if " " in k}, ignore_case=True)
    for c in response_cues:
        name_at.setdefault(c.start, c)
    name_starts = sorted(name_at)
    # "the United States" is a name, no reference back to a statement
    references[:] = [r for r in references if not _inside(r, name_at, name_starts)]
    # where actors' names end: speakers, sources
    actor_ends: set[int] = set()
    source_ends: set[int] = set()
    for n in names:
        kind = gazetteer.entries[n.key].type
        if onto.has_class(kind) and onto.class_(kind).is_a("Actor"):
            is_source = any(onto.class_(kind).is_a(c) for c in rules.source_classes)
            (source_ends if is_source else actor_ends).add(n.end)
    written_names = proper_names(text, sents)  # "Lee said ..." after "Minister Lee Jong-sup"
    triggers = [t for t in found
                if not _inside(t, name_at, name_starts)
                and sentence_of(heads, t.start) is None
                and (t not in needs_time or _time_in_clause(text, t, sents, times)
                     or _spoken(text, t, sents, actor_ends, source_ends, rules, morph,
                                written_names))]
    _sentence_tokens.cache_clear()  # no text kept alive after its draft
    # "...: a vow at the parade" / "Then came the parade.": the first telling in the body of
    # an event a heading named is the event, no reference back
    first = _first_tellings(references, triggers)
    references[:] = [r for r in references if r not in first]
    triggers = sorted(triggers + first, key=lambda t: (t.start, t.end))
    # "its first launch since 2017": a launch in 2017 too
    earlier = earlier_events(text, sorted(triggers + references, key=lambda t: t.start),
                             [(tm.start, tm.end) for tm in times], sents)
    triggers = sorted(triggers + [t for t in earlier if sentence_of(heads, t.start) is None],
                      key=lambda t: (t.start, t.end))
    em = model_from_env(model)  # the learned event model, or None: the rules' draft alone
    learned, vetoed, scored = _learned(em, text, sents, heads, triggers, references, names,
                                       gazetteer, times, rules, morph, onto)
    # what a response cue names ("in response to the firing,") is the act answered, told
    # before: no event of the model's either (the rules read it as a reference)
    cue_ends = sorted(c.end for c in response_cues)
    learned = {k: p for k, p in learned.items() if not _cue_object(text, k[0], cue_ends)}
    if learned or vetoed:
        triggers = sorted([t for t in triggers if t not in vetoed]
                          + [Span(s, e, k) for s, e, k in learned],
                          key=lambda t: (t.start, t.end))
    items: list[dict] = []
    for entry_id in dict.fromkeys(n.key for n in names):
        e = gazetteer.entries[entry_id]
        item = {"id": e.id, "type": e.type, "label": e.label, "machine": True,
                "confidence": "0.6" if e.id in people else "0.9"}
        if e.wikidata:
            item["wikidata"] = e.wikidata
        item["mentions"] = quote_spec(text, [(n.start, n.end) for n in names if n.key == e.id])
        items.append(item)
    time_ids = {}
    for k, tm in enumerate(times, 1):
        time_ids[(tm.start, tm.end)] = f"t-{k}"
        items.append(_time_item(text, tm, f"t-{k}"))
    mentions = [(n, gazetteer.entries[n.key].type) for n in names]
    # how long an event lasted ("flew for 69 minutes") is no time of it: it counts from it
    mentions += [(Span(tm.start, tm.end, time_ids[(tm.start, tm.end)]), "TimeSpan")
                 for tm in times if not tm.duration]
    mentions.sort(key=lambda mt: (mt[0].start, mt[0].end))
    events = []
    cues = load_role_cues(onto)
    for k, trig in enumerate(triggers, 1):
        events.append(_event(text, trig, f"ev-{k}", mentions, rules, cues, onto, morph,
                             sents, parsed))
        if (trig.start, trig.end, trig.key) in learned:  # the model's probability
            events[-1]["confidence"] = learned[(trig.start, trig.end, trig.key)]
    actors = [m for m, t in mentions if onto.has_class(t) and onto.class_(t).is_a("Actor")]
    # "now": the document's date, else the latest date the text reports
    now = date or max((tm.begin for tm in times if tm.begin and tm.offset is None),
                      default=None)
    items += events
    items += draft_claims(text, sents, events,
                          {f"ev-{n}": trig for n, trig in enumerate(triggers, 1)}, actors,
                          [(tm.start, tm.end) for tm in times], cue_lexicon,
                          future=[(tm.start, tm.end) for tm in times
                                  if tm.offset is None and _after(tm, now)],
                          things=names, morph=morph,
                          typer=modality_typer_from_env(
                              modality, rules_alone=em is None))
    # after the roles (agents): a harm another side than the speaker's is told to do is no
    # threat of the speaker's ("North Korea said the US would react strongly")
    harmful = frozenset(c for c in rules.speech_rank if onto.has_class(c) and any(
        onto.class_(c).is_a(t) for t in rules.threatened.values()))
    if harmful and why:
        own_harms(text, events, triggers, why, actors, harmful=harmful,
                  owner={k: e.owner for k, e in gazetteer.entries.items()}, morph=morph)
    # after the roles and the claims (agents, status): a statement typed by the acts it tells
    # (a harm its side will do: a threat; a wrong another side did: an accusation)
    if rules.threatened or rules.alleged:
        type_by_content(text, events, triggers, sents,
                        neutral=frozenset(p[0] for p in rules.neutral),
                        typable=frozenset(rules.speech_classes),
                        speech=frozenset(rules.speech_classes | set(rules.speech_rank)),
                        threatened=rules.threatened, alleged=rules.alleged,
                        rank=rules.speech_rank,
                        owner={k: e.owner for k, e in gazetteer.entries.items()}, morph=morph)
    # after the rules typed them: the learned typer may retype the rules' speech acts
    from kg.annotate.speech_model import retype, speech_classes, typer_from_env

    typer = typer_from_env(speech, rules_alone=em is None)
    if typer is not None:
        spoken, neutral = speech_classes(rules)
        retype(typer, text, events, triggers, sents, skip=set(learned), speech=spoken,
               neutral=neutral,
               owner={k: e.owner for k, e in gazetteer.entries.items()},
               types={k: e.type for k, e in gazetteer.entries.items()}, morph=morph)
    # after the claims: a hypothetical event (a threat's, a prediction's) is no story event
    named = count_from_events(items, events, triggers, times, time_ids,
                      (text, references, sents),
                      frozenset(ev["id"] for ev, trig in zip(events, triggers, strict=True)
                                if (trig.start, trig.end, trig.key) in learned))
    times_by_id = {it["id"]: it for it in items if it["type"] == "TimeSpan"}
    inherit_times(text, events, triggers, times_by_id, named,
                  heading_days(text, [(tm.start, tm.end, time_ids[(tm.start, tm.end)])
                                      for tm in times]))
    # after the claims and times: an event told as happened, and when, picks its stimuli
    link_responses(text, events, triggers, references, sents, cue_lexicon.response,
                   load_responders(onto), onto, reports=needs_time | _reports(text, triggers,
                                                                              cue_lexicon),
                   begins={k: t.get("begin") for k, t in times_by_id.items()})
    _quote_references(text, events, triggers, references, set(earlier))
    _called_back(text, events, triggers, references, sents, rules)
    # last, once the types are final: a rule's event is as sure as the model finds its type
    # on its words (a type the model does not know keeps the rules' 0.6)
    for ev, trig in zip(events, triggers, strict=True):
        probs = scored.get((trig.start, trig.end))
        if (probs is not None and ev["type"] in probs
                and (trig.start, trig.end, trig.key) not in learned):
            ev["confidence"] = f"{max(probs[ev['type']], 0.01):.2f}"
    meta = {"id": doc_id, "text": text_name, "author": "unknown", "date": date or "unknown",
            "annotator": ANNOTATOR}
    return {"document": meta, "annotations": items}


def _cue_object(text: str, start: int, cue_ends: list[int]) -> bool:
    """``start`` lies in the noun phrase a response cue opens ("in response to the firing",
    "in retaliation for its drills"): after the cue, before a comma or the end of the
    clause, at most five words on. ``cue_ends``: the cues' ends, sorted. Only the last cue
    ending before ``start`` needs a look: the text from any earlier one holds its text."""
    k = bisect_right(cue_ends, start)
    if not k:
        return False
    between = text[cue_ends[k - 1]:start]
    return not re.search(r"[,.;:!?]", between) and len(between.split()) <= 5


def _learned(em, text: str, sents, heads, triggers: list[Span], references: list[Span],
             names: list[Span], gazetteer: Gazetteer, times: list[TimeMention], rules: Rules,
             morph: Morphology, onto) -> tuple[dict[tuple[int, int, str], str], set[Span],
                                               dict[tuple[int, int], dict[str, float]]]:
    """What the learned model (:mod:`kg.annotate.event_model`) changes: the events it adds
    where no rule found one ((start, end, class) -> its probability, as a confidence), the
    rules' triggers it reads as no event, and how sure it is of each rule trigger's class
    ((start, end) -> class -> the highest probability of that class over the trigger's
    scored words: the trigger's confidence once its type is final)."""
    from kg.annotate.event_model import candidates

    if em is None:
        return {}, set(), {}
    types = {n.key: gazetteer.entries[n.key].type for n in names}
    actor = {t for t in set(types.values()) if onto.has_class(t)
             and onto.class_(t).is_a("Actor")}
    cands = candidates(text, sents=sents, heads=heads, triggers=triggers,
                       references=references, names=names, name_types=types,
                       times=[(tm.start, tm.end) for tm in times], lexicon=rules.classes_of,
                       morph=morph, actor_classes=actor)
    # the rules decide whether a reporting verb is a speech act (who speaks, whether it opens
    # what it reports: the codebook, rule 3), which the model's word features do not see: it
    # adds no event on a one-word neutral speech act ("Officials said ...": no identified
    # speaker; "..., the ministry said.": an attribution)
    reporting = frozenset(p[0] for p in rules.neutral if len(p) == 1)
    added = {(s, e, k): f"{p:.2f}" for s, e, k, p in em.apply(cands, triggers, references)
             if not morph.lemmas(text[s:e]) & reporting}
    vetoed = set(em.vetoed(cands, triggers))
    return added, vetoed, em.spans_scored(cands, triggers)


def _with_entities(gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]],
                   names: list[Span], classes: dict[str, str]) -> tuple[Gazetteer, set[str]]:
    """A copy of ``gazetteer`` with the names ``found`` in ``text`` (start, end, the
    parser's label) that overlap none of its ``names``, as entries of the class ``classes``
    gives their label (kg:draftEntityLabel), each with its first or last word as a second
    name when that word stands alone elsewhere in the text ("Harris" after "Kamala Harris")
    and belongs to no other name. Returns the copy and the new entries' ids."""
    import re

    from kg.annotate.gazetteer import Entry
    from kg.loaders.brat import slug

    out = Gazetteer(entries={k: Entry(e.id, e.type, e.label, set(e.names), e.wikidata,
                                               e.owner)
                             for k, e in gazetteer.entries.items()})
    known = out.names()
    added: dict[str, Entry] = {}
    for a, b, kind in found:
        if any(n.start < b and a < n.end for n in names):
            continue
        label = " ".join(text[a:b].split())
        if label in known or not slug(label):
            continue
        cls = classes[kind]
        added.setdefault(label, Entry(f"{slug(cls)}-{slug(label)}", cls, label, {label}))
    words: dict[str, set[str]] = {}
    for label in added:
        parts = label.split()
        for w in {parts[0], parts[-1]}:
            if len(w) > 2 and w not in known:
                words.setdefault(w, set()).add(label)
    for w, labels in words.items():
        alone = re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])(?!\s+[A-Z])", text)
        if len(labels) == 1 and alone:
            added[next(iter(labels))].names.add(w)
    for entry in added.values():
        if entry.id not in out.entries:
            out.entries[entry.id] = entry
    return out, {e.id for e in added.values()}


def _first_tellings(references: list[Span], triggers: list[Span]) -> list[Span]:
    """The references back ("the parade") with no drafted event of their class before
    them: the event they name was told in a heading only, so they tell it first."""
    out: list[Span] = []
    for r in sorted(references, key=lambda r: (r.start, r.end)):
        if not any(t.key == r.key and t.start < r.start for t in triggers + out):
            out.append(r)
    return out


def _quote_references(text: str, events: list[dict], triggers: list[Span],
                      references: list[Span], presupposed: set[Span]) -> None:
    """Every later reference to an event ("the launch", "Saturday's firing") is a quote of
    it (the codebook: one item per event, every phrase naming it a quote): a mention of the
    latest drafted event of its class before it (not one "the first ... since" presupposes:
    ``presupposed``), in place."""
    by_trigger = dict(zip(triggers, events, strict=True))
    extra: dict[int, list[tuple[int, int]]] = {}
    for r in references:
        before = [t for t in triggers if t.key == r.key and t.end <= r.start
                  and t not in presupposed]
        if before:
            extra.setdefault(id(by_trigger[before[-1]]), []).append((r.start, r.end))
    for ev in events:
        spans = extra.get(id(ev))
        if spans:
            ev["mentions"] = quote_spec(text, sorted(set(spans)))


_BACK = re.compile(r"(?:\bthe|\bthis|\bthat|'s)\s+$", re.IGNORECASE)


def _called_back(text: str, events: list[dict], triggers: list[Span], references: list[Span],
                 sents, rules: Rules) -> None:
    """A launch the text later calls back with a word of a class refining its class (the
    codebook, rule 3.2: a launch presented as a test is a ``MissileTest``): "... lifted off
    from Sunan. State media said Kim guided the test-fire", "The test was meant to ...": the
    latest event of the refined class before that singular definite word ("the", "this",
    "that", a possessive), drafted as an event or as a reference back, in its paragraph or
    the one before, takes the refining class, and so do the other events of that class in
    its sentence ("lifted off ... came down"); in place."""
    if not rules.refines:
        return
    paras = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]

    def para(pos: int) -> int:
        return bisect_right(paras, pos) - 1

    words = [(t, events[n]["type"]) for n, t in enumerate(triggers)]
    for r in references:  # "guided the test-fire": a reference back to the launch
        kinds = rules.classes_of.get(text[r.start:r.end].lower(), set())
        words += [(r, k) for k in sorted(kinds) if k in rules.refines]
    for trig, kind in sorted(words, key=lambda w: w[0].start):
        refined = rules.refines.get(kind)
        if not refined or text[trig.start:trig.end].lower().endswith("s") or not _BACK.search(
                text[max(0, trig.start - 8):trig.start]):
            continue
        before = [m for m in range(len(triggers)) if triggers[m].end <= trig.start
                  and events[m]["type"] in refined | {kind}]
        if not before or events[before[-1]]["type"] not in refined \
                or para(trig.start) - para(triggers[before[-1]].start) > 1:
            continue
        sent = sentence_of(sents, triggers[before[-1]].start)
        for m in before:
            if m == before[-1] or (sent is not None and events[m]["type"] in refined
                                   and sentence_of(sents, triggers[m].start) == sent):
                events[m]["type"] = kind


def _reports(text: str, triggers: list[Span], cues) -> set[Span]:
    """Triggers written as a cue of a reported fact ("said", "announced"): reports."""
    reported = {k.lower() for k, v in cues.modality.items() if v == "ReportedFact"}
    return {t for t in triggers if text[t.start:t.end].lower() in reported}


def _inside(t: Span, name_at: dict[int, Span], starts: list[int]) -> bool:
    """``t`` lies inside one of the (disjoint) names starting at ``starts``."""
    from bisect import bisect_right

    i = bisect_right(starts, t.start) - 1
    return i >= 0 and t.end <= name_at[starts[i]].end


def _time_in_clause(text: str, trig: Span, sents, times: list[TimeMention]) -> bool:
    """A time expression is written in the trigger's clause ("said on 9 November")."""
    from bisect import bisect_left

    sent = sentence_of(sents, trig.start) or (0, len(text))
    a, b = clause_of(text, sent, trig.start)
    i = bisect_left(times, a, key=lambda tm: tm.start)  # times are in text order
    return i < len(times) and times[i].end <= b


@lru_cache(maxsize=8)
def _sentence_tokens(text: str, start: int, end: int) -> tuple[list, dict[int, int],
                                                              dict[int, int]]:
    """The tokens of ``text[start:end]`` at their offsets in ``text``, with the index of the
    token starting and of the token ending at each offset: made once per sentence, not once
    per reporting verb in it (a "sentence" of thousands of verbs was read in time growing
    with the square of its length)."""
    from kg.annotate.triggers import Token, tokens

    toks = [Token(t.start + start, t.end + start, t.text) for t in tokens(text[start:end])]
    return (toks, {t.start: k for k, t in enumerate(toks)},
            {t.end: k for k, t in enumerate(toks)})


def _spoken(text: str, trig: Span, sents, actor_ends: set[int], source_ends: set[int],
            rules: Rules, morph: Morphology, names: frozenset[str] = frozenset()) -> bool:
    """A reporting verb with a speaker right before it that opens its complement ("the
    ministry said the launch ..."): a speech act without a date (:mod:`kg.annotate.speech`);
    not after an actor of a source class (``source_ends``: "the Joint Chiefs said")."""
    sent = sentence_of(sents, trig.start) or (0, len(text))
    toks, at_start, at_end = _sentence_tokens(text, sent[0], sent[1])
    i, end = at_start.get(trig.start), at_end.get(trig.end)
    return (i is not None and end is not None and opens_complement(toks, i, end)
            and speaker_before(toks, i, actor_ends, rules.speaker_nouns, morph, sent[0],
                               source_ends, names))


def _headings(text: str) -> list[tuple[int, int]]:
    """Lines that are not sentences (titles, headings, datelines): their words name what
    the text is about; the events are drafted from the sentences that tell them."""
    return [(s, e) for s, e in sentences(text) if not is_statement(text, s, e)]


def _after(tm: TimeMention, date: str | None) -> bool:
    """The time lies after the document's date (its first day, or its last when open)."""
    first = tm.begin or tm.end_date
    if first and date and tm.precision == "Interval" and tm.end_date and \
            first[:len(date)] == date[:len(first)]:
        first = tm.end_date  # "before the end of the year": from the document's day on
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
           morph: Morphology, sents: list[tuple[int, int]], parsed=None) -> dict:
    item: dict = {"id": item_id, "type": trig.key, "machine": True, "confidence": "0.6",
                  **quote_spec(text, [(trig.start, trig.end)])[0]}
    sent = sentence_of(sents, trig.start) or (0, len(text))
    fill_roles(item, text, trig, sent, mentions, rules, cues, onto, morph, parsed)
    return item
