"""Roles of a drafted event from the structure of its clause.

The role properties of the ontology say where their fillers are looked for
(``kg:draftRole``: before, after or anywhere in the clause) and which prepositions introduce
them (``kg:draftCue``: "against X" a target, "with X" an instrument, "near X" a place); the
clause is the part of the sentence around the trigger, cut at semicolons, dashes and the
subordinate clauses a comma opens (", when ...", ", which ..."). Then:

- the agent is the actor after "by" when the trigger is a passive verb ("was fired by X"),
  the owner of a possessive noun trigger ("X's launch"), else the nearest actor before the
  trigger in the clause (then in the sentence), with three exceptions: an act told after a
  verb of saying is not the speaker's ("the JCS said the missile lifted off": no agent; "said
  the North fired": the North), a verb coordinated with the one before shares its subject
  ("X condemned Y and urged": X), and an actor inside a participle's aside between the
  subject and the verb is no subject ("Moon, chairing a meeting of the council, said": Moon);
- an "after" role (the target) takes an actor its cue introduces ("against X"), else the
  direct object of a verb trigger ("threatened X"); a class with a ``kg:draftObjectRole``
  has no target, the actors it meets, calls or visits take that role instead ("met X",
  "talks with X": agents of a meeting; "spoke with X", "flew to X": the partner of a call or
  a trip); a class with ``kg:draftTargetInContent`` whose trigger has no object targets the
  subject of what it says ("said the North was supplying shells": an accusation);
- "sentence" roles (instrument, place) take the fitting mentions of the clause, those a cue
  introduces first; the time is the one nearest the trigger in the clause, else in the
  sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.annotate.date_grammar import YEARS_COUNT
from kg.annotate.text import SENTENCE_REACH, Span

__all__ = ["RoleCues", "load_role_cues", "object_role", "fill_roles", "clause_of",
           "inherit_times", "heading_days"]

_CLAUSE_CUT = re.compile(r";|:|\s[—–]\s|\s-\s|,\s+(?=(?:when|which|while|but|although|whereas|"
                         r"where|who|after|before|as|because|since|until)\b)|\(|\)")
OBJECT_WINDOW = 2  # words between a verb trigger and an actor read as its direct object
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$",
                      re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*(?:the\s+)?", re.IGNORECASE)
_PREP_BEFORE = re.compile(r"\b(?:over|to|of|against|with|near|from|at|on|into|in|toward|towards|"
                          r"across|for|about|by|than|between)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,3}$")


@dataclass
class RoleCues:
    cues: dict[str, list[str]] = field(default_factory=dict)  # role key -> prepositions
    # event class -> the role of the actor it meets, calls or visits (kg:draftObjectRole) and
    # the prepositions that introduce that actor (kg:draftObjectCue)
    objects: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # event classes whose target is whom their content is about (kg:draftTargetInContent)
    content_target: frozenset[str] = frozenset()


def _nearest_with(onto, cls, prop_iri: str):
    """The nearest of ``cls`` and its ancestors that sets the annotation ``prop_iri``."""
    for anc in cls.ancestors:
        info = onto.classes.get(anc)
        if info is not None and info.props.get(prop_iri):
            return info
    return None


def object_role(onto, type_name: str) -> str | None:
    """The role key an event of class ``type_name`` gives the actor it meets, calls or
    visits (``kg:draftObjectRole``, inherited), None when the class has none; a class with
    one takes no target."""
    from kg.namespace import KG

    info = _nearest_with(onto, onto.class_(type_name), KG.draftObjectRole)
    if info is None:
        return None
    iri = info.props[KG.draftObjectRole][0]
    return next((k for k, p in onto.properties.items() if p.iri == iri), None)


def load_role_cues(onto) -> RoleCues:
    """The prepositions of ``kg:draftCue`` on the role properties; the object roles and their
    prepositions of the event classes (``kg:draftObjectRole``, ``kg:draftObjectCue``) and
    the classes marked ``kg:draftTargetInContent``, each inherited by subclasses."""
    from rdflib import URIRef

    from kg.namespace import KG

    out = RoleCues()
    for key, prop in onto.properties.items():
        for cue in onto.graph.objects(URIRef(prop.iri), URIRef(KG.draftCue)):
            out.cues.setdefault(key, []).append(str(cue).lower())
    for key in out.cues:
        out.cues[key].sort(key=lambda c: (-len(c), c))
    content = set()
    for cls in onto.classes.values():
        role = object_role(onto, cls.local) if KG.local(cls.iri) else None
        if role:
            info = _nearest_with(onto, cls, KG.draftObjectRole)
            preps = sorted((str(c).lower() for c in info.props.get(KG.draftObjectCue, [])),
                           key=lambda c: (-len(c), c))
            out.objects[cls.local] = (role, preps)
        info = _nearest_with(onto, cls, KG.draftTargetInContent)
        if info is not None and str(info.props[KG.draftTargetInContent][0]).lower() == "true":
            content.add(cls.local)
    out.content_target = frozenset(content)
    return out


def clause_of(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause of the sentence ``sent`` holding offset ``pos``."""
    # read at most SENTENCE_REACH characters either side of pos (a text with no sentence end)
    start, end = max(sent[0], pos - SENTENCE_REACH), min(sent[1], pos + SENTENCE_REACH)
    for m in _CLAUSE_CUT.finditer(text, start, end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _cue_before(text: str, cues: list[str], a: int, b: int) -> bool:
    """One of ``cues`` introduces the mention starting at ``b`` (a few words before it,
    from ``a`` on)."""
    gap = text[a:b]
    pat = r"\b(?:" + "|".join(re.escape(c) for c in cues) + \
        r")\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w.'’-]+\s+){0,3}$"
    return bool(cues) and re.search(pat, gap, re.IGNORECASE) is not None


def fill_roles(item: dict, text: str, trig: Span, sent: tuple[int, int], mentions,
               rules, cues: RoleCues, onto, morph, parse=None) -> None:
    """Set the role keys of the event ``item`` (drafted from ``trig``) in place;
    ``mentions`` are (span, type) pairs sorted by start. With a dependency ``parse``
    (:mod:`kg.annotate.parse`) the doer is the trigger's subject and the "after" role its
    object when the parse finds them; word order and cue words decide otherwise."""
    head = parse.token_at(trig.start, trig.end) if parse is not None else None
    # the sentence is read at most SENTENCE_REACH characters either side of the trigger, so
    # that a text with no sentence end is read in time linear in its length
    sent = (max(sent[0], trig.start - SENTENCE_REACH), min(sent[1], trig.end + SENTENCE_REACH))
    clause = clause_of(text, sent, trig.start)
    cls = onto.class_(trig.key)
    words = text[trig.start:trig.end].split()
    verb = morph.can_be_verb(words[0])
    verb_form = verb and not morph.can_be_noun(words[-1]) or words[-1].lower().endswith("ed")
    filled: dict[str, tuple[str, list[str]]] = {}
    for key, position in rules.roles.items():
        prop = onto.properties[key]
        if prop.domain and not cls.is_a(prop.domain):
            continue
        if position == "after" and trig.key in rules.after:
            key = rules.after[trig.key]
        elif position == "after" and trig.key in cues.objects:
            key = cues.objects[trig.key][0]  # "met X", "talks with X", "flew to X"
        # a role kg:draftAfter puts in the place of the "after" one (partner) keeps its range
        range_ = rules.ranges.get(key) or (str(onto.properties[key].range)
                                           if key in onto.properties
                                           and onto.properties[key].range else None)
        fits = [m for m, t in _in_sentence(mentions, sent) if range_ and _fits(onto, t, range_)]
        in_clause = [m for m in fits if clause[0] <= m.start and m.end <= clause[1]]
        parsed = _parsed(parse, head, position, fits) if head is not None else None
        if parsed is not None and position in ("before", "after"):
            chosen = parsed
            if position == "before" and not chosen:
                chosen = _resolve_pronoun(text, trig, chosen, clause, sent, mentions, key,
                                          rules, onto)
        elif position == "before":
            chosen = _agent(text, trig, in_clause, fits, verb, sent, cues.cues.get(key, []),
                            trig.key in rules.speech_classes or trig.key in rules.speech_rank)
            chosen = _resolve_pronoun(text, trig, chosen, clause, sent, mentions, key, rules,
                                      onto) or chosen
        elif position == "after" and trig.key in rules.after:
            # kg:draftAfter: the nearest actor after the trigger ("cooperation with X and Y")
            after = [m for m in in_clause if m.start >= trig.end]
            chosen = _with_conjuncts(text, after[0], after) if after else []
        elif position == "after" and trig.key in cues.objects:
            chosen = _after(text, trig, in_clause, cues.objects[trig.key][1], verb_form, True)
        elif position == "after":
            chosen = _after(text, trig, in_clause, cues.cues.get(key, []), verb_form)
            if not chosen and trig.key in cues.content_target:
                chosen = _accused(text, trig, in_clause)
        elif key == "time":
            chosen = _nearest_time(text, trig, in_clause, fits)
        else:
            chosen = _near(text, trig, in_clause, cues.cues.get(key, []))
        ids = list(dict.fromkeys(m.key for m in chosen))
        if ids and key in filled:  # those met are agents beside the subject
            filled[key] = (filled[key][0] if position == "after" else position,
                           list(dict.fromkeys(filled[key][1] + ids)))
        elif ids:
            filled[key] = (position, ids)
    agents = {i for position, ids in filled.values() if position == "before" for i in ids}
    for key, (position, ids) in filled.items():
        if position == "after":  # "was fired by X": the passive's agent is no object too
            ids = [i for i in ids if i not in agents]
        if ids:
            item[key] = ids[0] if len(ids) == 1 else ids


def _parsed(parse, head, position: str, fits: list[Span]) -> list[Span] | None:
    """The mentions of ``fits`` that the parse puts in the role: for "before" the doers
    (the subject, a passive's by-phrase, a noun's possessor), for "after" the objects. None
    when the parse has no word in that role (word order decides then); an empty list when
    it has one but no actor is named there ("the military said": no doer to draft; "the
    missile was fired": the subject is not the doer)."""
    if position == "before":
        words, doers = parse.subjects(head)
        if words and not doers:
            return []
    else:
        words = parse.objects(head) if head.pos_ in ("VERB", "AUX") else []
    if not words:
        return None
    from kg.annotate.parse import covered

    ranges = covered(words)
    return [m for m in fits if any(a <= m.start and m.end <= b for a, b in ranges)] or None


def _in_sentence(mentions, sent: tuple[int, int]):
    """The (mention, type) pairs inside ``sent``; ``mentions`` sorted by start."""
    i = bisect_left(mentions, sent[0], key=lambda mt: mt[0].start)
    out = []
    while i < len(mentions) and mentions[i][0].start < sent[1]:
        if mentions[i][0].end <= sent[1]:
            out.append(mentions[i])
        i += 1
    return out


_FITS: dict[tuple[int, str, str], bool] = {}


def _fits(onto, type_: str, range_: str) -> bool:
    key = (id(onto), type_, range_)
    if key not in _FITS:
        _FITS[key] = onto.has_class(type_) and onto.class_(type_).is_a(range_)
    return _FITS[key]


def _agent(text, trig, in_clause, fits, verb, sent, cues, speech=False) -> list[Span]:
    after = [m for m in in_clause if m.start >= trig.end]
    by = [m for m in after if _cue_before(text, cues, trig.end, m.start)]
    if by and (verb and _PASSIVE.search(text[sent[0]:trig.start])
               or _BY_AFTER.match(text, trig.end)):
        # "was fired by X"; "exercises (mounted) by X", "the launch by X"
        return _with_conjuncts(text, by[0], after)
    owners = [m for m in in_clause if m.end <= trig.start
              and _POSSESSIVE.match(text[m.end:trig.start])]
    if owners:
        return _with_conjuncts(text, owners[-1], in_clause)
    # a speech act's own speaker may stand before another verb of saying ("said ... and
    # warned"); any other act after one is told by the speaker, not done by it
    lo = sent[0] if speech else _reported_from(text, sent[0], trig.start)
    for pool in (in_clause, fits):
        before = [m for m in pool if lo <= m.start and m.end <= trig.start
                  and not _after_preposition(text, m)]
        if not before:
            continue
        if verb and _SHARED_SUBJECT.search(text, max(lo, trig.start - 60), trig.start):
            # "X condemned Y and urged": the coordinated verb's subject is the first verb's
            # (the head of "South Korea's Unification Ministry", not its owner)
            first = 0
            while first + 1 < len(before) and _POSSESSIVE.match(
                    text[before[first].end:before[first + 1].start]):
                first += 1
            return _with_conjuncts(text, before[first], pool)
        chosen = before[-1]
        aside = _aside_before(text, chosen, trig, lo)
        if aside is not None:
            # "Moon, chairing a meeting of the council, condemned": the subject before the
            # aside, not the actor inside it
            earlier = [m for m in before if m.end <= aside]
            if earlier:
                chosen = earlier[-1]
        return _with_conjuncts(text, chosen, pool)
    return []


# a verb of saying ends the clause of its speaker: "X said the missile lifted off" tells of
# no act of X's (the act after it has its own subject, or none the text names)
_REPORTED = re.compile(r"\b(?:(?:said|says|say)(?:\s+(?:on\s+)?\w+day\b)?(?:\s+that\b)?|"
                       r"(?:told|tells|reported|reports|added|adds|stated|announced|claimed)"
                       r"\s+(?:[\w.'’-]+\s+){0,3}?that\b)(?=\s+[\w\"“‘'])", re.IGNORECASE)
# a verb coordinated with the one before it shares its subject: "and strongly urged"
_SHARED_SUBJECT = re.compile(r"(?:,\s*|\s)(?:and|but|or)\s+(?:(?:also|then|later|again|"
                             r"twice|once|\w+ly)\s+)?$", re.IGNORECASE)
# an aside set off by commas between a subject and its verb: ", chairing the council,"
_ASIDE = re.compile(r",\s*(?:(?:also|then|later|again|\w+ly)\s+)?")
# a participle opens an aside ("chairing the council", "elected in March"), no appositive name
_PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?\w+(?:ing|ed)\b")


def _reported_from(text: str, start: int, end: int) -> int:
    """Where the clause a verb of saying opens, last before ``end`` in text[start:end],
    begins (``start`` when there is none)."""
    lo = start
    for m in _REPORTED.finditer(text, start, end):
        lo = m.end()
    return lo


def _aside_before(text: str, m: Span, trig: Span, lo: int) -> int | None:
    """The offset of the comma opening the aside that holds ``m`` and ends with a comma
    right before ``trig`` ("X, a spokesperson of M, said"; "X, chairing M, condemned"), or
    None; the aside opens after ``lo``."""
    close = text.rfind(",", m.end, trig.start)
    if close < 0 or _ASIDE.fullmatch(text, close, trig.start) is None:
        return None
    open_ = text.rfind(",", lo, m.start)
    return open_ if open_ >= 0 and _PARTICIPLE.match(text, open_) else None


_BY_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?by\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|its|they|their|itself|themselves)\b", re.IGNORECASE)
PRONOUN_WORDS = 3  # words between a pronoun and the trigger it is the agent of
PRONOUN_REACH = 400  # characters before the sentence where a pronoun's antecedent is sought


_WORD_CHAR = re.compile(r"\w")


def _words_back(text: str, pos: int, n: int, lo: int) -> int:
    """Where the ``n``-th word (a run of word characters) before ``pos`` starts, reading
    back no further than ``lo`` (``lo`` when fewer words stand between)."""
    i = pos
    for _ in range(n):
        while i > lo and not _WORD_CHAR.match(text, i - 1):
            i -= 1
        if i == lo:
            return lo
        while i > lo and _WORD_CHAR.match(text, i - 1):
            i -= 1
    return i


def _resolve_pronoun(text, trig, chosen, clause, sent, mentions, key, rules,
                     onto) -> list[Span]:
    """The agent a pronoun stands for ("its tests", "the tests it conducted"): when "it",
    "its", "they" or "their" stands in the trigger's clause nearer the trigger than the
    chosen agent (or there is none), the subject of the sentence before the pronoun, else of
    the text before the sentence: the first actor of the sentence, or the nearest earlier
    one, that no preposition introduces."""
    lo = chosen[-1].end if chosen and chosen[-1].end <= trig.start else clause[0]
    # a pronoun with at most PRONOUN_WORDS words between it and the trigger: it starts no
    # earlier than the word that many words before the trigger's
    pron = list(_PRONOUN.finditer(text, _words_back(text, trig.start, PRONOUN_WORDS + 1, lo),
                                  trig.start))
    if not pron:
        after = _PRONOUN.match(text, trig.end + 1)  # "the tests it conducted"
        if chosen or after is None:
            return []
        pron = [after]
    if chosen and chosen[-1].start > trig.end:
        return []
    at = pron[-1].start()
    lo_i = bisect_left(mentions, sent[0] - PRONOUN_REACH, key=lambda mt: mt[0].start)
    hi_i = bisect_left(mentions, at, key=lambda mt: mt[0].start)
    actors = [m for m, t in mentions[lo_i:hi_i] if key in rules.ranges
              and _fits(onto, t, rules.ranges[key]) and m.end <= at
              and not _after_preposition(text, m)]
    if pron[-1].group().lower().startswith("it"):
        # "it", "its": one actor, not a coordinated pair ("China and Russia ... its tests")
        actors = [m for m in actors if len(_with_conjuncts(text, m, actors)) == 1]
    in_sent = [m for m in actors if m.start >= sent[0]]
    if in_sent:
        return [in_sent[0]]
    return _previous_subject(text, sent, actors)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+|\n")


def _previous_subject(text: str, sent: tuple[int, int], actors: list[Span]) -> list[Span]:
    """The first of ``actors`` (no preposition before them) in the sentence before ``sent``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, sent[0] - PRONOUN_REACH), max(0, sent[0] - 1)):
        start = m.end()
    prev = [m for m in actors if start <= m.start < sent[0]]
    return prev[:1]


CUE_REACH = 40  # characters before a mention before the trigger where its cue is sought


def _cued(text, trig, in_clause, cues) -> list[Span]:
    """The mentions of the clause one of ``cues`` introduces: after the trigger, a cue
    between the trigger and the mention ("fired into the East Sea"); before it, a cue a few
    words before the mention ("over Japan, North Korea fired")."""
    if not cues:
        return []
    return [m for m in in_clause
            if _cue_before(text, cues, trig.start if m.start >= trig.end
                           else max(0, m.start - CUE_REACH), m.start)]


def _near(text, trig, in_clause, cues) -> list[Span]:
    """Fillers of a role looked for anywhere in the clause (instrument, place): those a cue
    introduces, else those inside the trigger's phrase ("fired a ballistic missile"), right
    before it ("missile launch") or a few words after it with no comma between ("tested
    short-range ballistic missiles")."""
    cued = _cued(text, trig, in_clause, cues)
    if cued:
        return cued
    near = []
    for m in in_clause:
        if trig.start <= m.start and m.end <= trig.end:
            near.append(m)
        elif m.end <= trig.start and len(re.findall(r"\w+", text[m.end:trig.start])) <= 1:
            near.append(m)
        elif m.start >= trig.end and not _NEAR_STOP.search(text, trig.end, m.start) and \
                len(re.findall(r"\w+", text[trig.end:m.start])) <= NEAR_WORDS:
            near.append(m)
    return near


NEAR_WORDS = 4
# a comma or a conjunction ends the trigger's phrase
_NEAR_STOP = re.compile(r",|;|\b(?:and|or|but|while|whereas|when|as|after|before|which|that)\b",
                        re.IGNORECASE)


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# "its first exercise in five years": the years counted back are no time of the exercise
_IN = re.compile(r"\bin\s+$", re.IGNORECASE)
_YEARS = YEARS_COUNT
# a relative clause telling what happened at a time: ", when two missiles flew"
WHEN_CLAUSE = re.compile(r",\s+when\s+(?:[\w'\u2019-]+\s+){0,6}", re.IGNORECASE)


def inherit_times(text: str, events: list[dict], triggers: list[Span], times: dict,
                  counted_from: frozenset[str] = frozenset(),
                  headings: Sequence[tuple[int, str]] = ()) -> None:
    """An event told as having happened, with no time in its sentence, takes the time of the
    event told before it in the same paragraph (a narrative goes on at the time it set:
    "North Korea fired a missile on 4 October. Japan condemned the launch."), or the day a
    timeline's or a digest's entry opens with ("Oct. 19. North Korea fired ...": the
    ``headings``, (start, time id) pairs sorted by start, :func:`heading_days`); ``times``
    maps a time item's id to the item, whose precision must be a day. ``counted_from``: the
    ids of events a time names and counts from in their sentence ("three days before Russia
    invaded"): their day is given only through that time, none is inherited."""
    last: str | None = None
    prev_end = 0
    h = 0
    for ev, trig in sorted(zip(events, triggers, strict=True), key=lambda et: et[1].start):
        gap = text[prev_end:trig.start]
        if "\n\n" in gap or re.search(r"\n\s*\n", gap):
            last = None  # a new paragraph
        while h < len(headings) and headings[h][0] < trig.start:
            if headings[h][0] >= prev_end:  # an entry opens between the two events
                t = times.get(headings[h][1])
                last = headings[h][1] if t is not None and t.get("precision") == "Day" \
                    and t.get("begin") else None
            h += 1
        prev_end = trig.end
        own = ev.get("time")
        if own is not None:
            t = times.get(own if isinstance(own, str) else own[0])
            last = own if t is not None and t.get("precision") == "Day" and t.get("begin") \
                else None
        elif last is not None and ev.get("status") == "Occurred" and ev["id"] not in counted_from:
            ev["time"] = last


# a line that opens with a day and a stop, a colon or a dash ("Oct. 19.", "19 October:")
_HEADING_END = re.compile(r"\s*(?:[.:]|\s[\u2014\u2013-])\s")


def heading_days(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """The (start, time id) of the times in ``spans`` ((start, end, id), sorted by start)
    that open a line and end a heading ("Oct. 19. North Korea fired ...", "19 October: ..."):
    the day a timeline's or a digest's entry tells (:func:`inherit_times`)."""
    out = []
    for start, end, tid in spans:
        line = text.rfind("\n", 0, start) + 1
        if text[line:start].strip() == "" and _HEADING_END.match(text, end):
            out.append((start, tid))
    return out


# "call on X": the particle of a verb, no preposition (:func:`_after_preposition`)
_CALLED_ON = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:\w+ly\s+)?(?:up)?on\s+(?:the\s+)?$",
                        re.IGNORECASE)


def _after_preposition(text: str, m: Span) -> bool:
    """The mention is the object of a preposition ("over Japan"), so not a subject; not the
    particle of "call on" ("called on Pyongyang to return to talks": the one called on is
    the object of the call and the subject of what it is called on to do)."""
    if _CALLED_ON.search(text, max(0, m.start - 30), m.start):
        return False
    return _PREP_BEFORE.search(text, max(0, m.start - 30), m.start) is not None


def _with_conjuncts(text: str, m: Span, pool: list[Span]) -> list[Span]:
    """``m`` with the mentions coordinated with it ("China and Russia", "A, B and C")."""
    ordered = sorted(pool, key=lambda x: x.start)

    def joined(a: Span, b: Span) -> bool:
        # "According to Japan, North Korea": a comma after a preposition's object joins nothing
        return _CONJUNCTION.fullmatch(text[a.end:b.start]) is not None and (
            "," not in text[a.end:b.start] or re.search(r"\b(?:and|or)\b", text[a.end:b.start])
            is not None or _after_preposition(text, a) == _after_preposition(text, b))

    first = last = ordered.index(m)
    while first > 0 and joined(ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and joined(ordered[last], ordered[last + 1]):
        last += 1
    return ordered[first:last + 1]


_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# an actor followed by an auxiliary or a modal is the subject of a clause, no object
_SUBJECT_OF_VERB = re.compile(r"\s+(?:had|has|have|was|were|is|are|would|will|could|might|may|"
                              r"must|should|did|does|do|can)\b", re.IGNORECASE)


def _after(text, trig, in_clause, cues, verb, met: bool = False) -> list[Span]:
    """The actor a cue introduces, else the direct object of a verb trigger (an actor at
    most :data:`OBJECT_WINDOW` words after it, no preposition's object). The actor an act
    meets, calls or visits (``met``: a class's ``kg:draftObjectRole``) may stand in the
    trigger's own phrase, after its first word ("arrived in Tokyo", "spoke with Yoon by
    telephone"), with those coordinated with it ("met A and B")."""
    first = trig.start + len(text[trig.start:trig.end].split()[0]) if met else trig.end
    after = [m for m in in_clause if m.start >= first]
    cued = [m for m in after if _cue_before(text, cues, first, m.start)]
    if cued:
        return _with_conjuncts(text, cued[0], after) if met else cued[:1]
    after = [m for m in after if m.start >= trig.end]
    if verb and after and len(re.findall(r"\w+", text[trig.end:after[0].start])) \
            <= OBJECT_WINDOW and not _after_preposition(text, after[0]) \
            and not _THAT.search(text, trig.end, after[0].start) \
            and not _SUBJECT_OF_VERB.match(text, after[0].end):
        # "threatened X", not "met in X", "warned that X", "said X had"
        return _with_conjuncts(text, after[0], after) if met else after[:1]
    return []


ACCUSED_WORDS = 6  # words between an accusation and the actor its content is about
_ABOUT = re.compile(r"\b(?:over|about|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _accused(text, trig, in_clause) -> list[Span]:
    """The target of an act whose target is whom its content is about
    (``kg:draftTargetInContent``), when its trigger has no object: the subject of what it
    says, or the owner of what it is concerned about ("said the North was supplying
    shells", "voiced concern over the North's law"): the first actor at most
    :data:`ACCUSED_WORDS` words after the trigger, if it is no preposition's object but for
    "over", "about", "at"."""
    for m in in_clause:
        if m.start < trig.end:
            continue
        if len(re.findall(r"\w+", text[trig.end:m.start])) > ACCUSED_WORDS:
            break
        if not _after_preposition(text, m) or _ABOUT.search(text, max(0, m.start - 12),
                                                            m.start):
            return [m]
        break
    return []


def _nearest_time(text, trig, in_clause, fits) -> list[Span]:
    """One time: the nearest to the trigger, in the clause, else in the sentence; a time
    after "since" (or the years after "in" of "its first in five years") is a point of
    reference, not the event's ("its first since 2017")."""
    inside = [m for m in fits if trig.start <= m.start and m.end <= trig.end]
    if inside:  # "its first since 2017": the earlier launch is the one of 2017
        return inside[:1]
    # "since 2017, when two missiles flew over": the time the "when" clause tells of
    told = [m for m in fits
            if m.end <= trig.start and WHEN_CLAUSE.fullmatch(text, m.end, trig.start)]
    if told and not in_clause:
        return told[-1:]
    pool = [m for m in in_clause or fits if not _SINCE.search(text, max(0, m.start - 8),
                                                              m.start)
            and not (_IN.search(text, max(0, m.start - 4), m.start)
                     and _YEARS.fullmatch(text, m.start, m.end))]
    return sorted(pool, key=lambda m: (min(abs(m.start - trig.end), abs(trig.start - m.end)),
                                       m.start))[:1]
