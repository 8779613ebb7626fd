"""Claims, response links and reported speakers drafted from the ontology's cue lexicon.

One claim per sentence that holds a drafted event: it asserts the sentence's events, and
its modality, certainty and polarity come from the cues (``kg:cue`` on the concepts of
``ontology/triggers.ttl``) found in the sentence, longest first ("will need to" is a
recommendation, not a prediction; "almost certain" is not "certain"); without a cue a
claim is a reported fact, certain and affirmative. A negation cue counts only within a few
words before an event's trigger ("the council would not punish"). Events asserted as
predicted, conditional, recommended, possible or unlikely are drafted Hypothetical, the
others Occurred. "according to X" / "X said" make X the claim's ``speaker``; a response
cue ("in response to", "retaliated") links an event after it to the nearest earlier event
of another agent (``respondsTo``). Cues that fall inside a date ("May") are ignored.

Cues are matched by lemma (:func:`kg.annotate.triggers.find_lemma_phrases`: "appear to"
matches "appeared to", "call … a" matches "called the launch a"), auxiliaries as written.
Within a claim the most conditional modality of its cues wins (:data:`MODALITY_PRIORITY`:
"would face ... if it conducted" is conditional; "in our assessment, X is likely to" a
prediction). A reporting verb with a complement ("X said that P", "X warned
that P") makes two claims: the report, a ``ReportedFact`` of X, and P with its own cues, X
its speaker. A statement with no cue, no date and a finite present-tense verb ("the
competition raises tensions", "it has ratcheted up tensions") is the author's
``Assessment``; a past-tense one is a reported fact. What a speaker says that asserts no
drafted event is the speaker's ``Assessment`` ("the plan was groundless"), unless "according
to X" introduces a past-tense verb of action ("according to the minister, the missile flew
750 km": a reported fact). A gapped cue needs a word in its gap: "called [the launch] a
provocation" is a judgement, "called an emergency meeting" none. A chronicle told in the
present (:data:`NARRATIVE_PRESENT` dated present-tense statements or more: "The navy
captures the fishermen on Nov. 2") tells its undated present-tense statements as reported
facts too ("The ministry reverses its position"). A reporting verb in a relative clause
("men who had stated their wish to defect") opens no reported claim.

Three readings of the codebook's claims: "would" after a possible act as its subject ("a
nuclear test would be met with a strong response", "any attack would end the regime") or
before "any" act ("would answer any use of nuclear weapons") is an implicit "if": a
``Conditional`` (:func:`_implicit_if`); "even if" and "as if" set no condition. A present
statement of what "may" happen or "remains possible" is a ``Prediction``, not the author's
assessment. A reported complement whose main verb is a copula ("X said [the launches were
a challenge]", "[the door remained open]") is the speaker's ``Assessment``, unless it
tells a class, a rank or a count ("the missile was a Hwasong-17") (:func:`_copular`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.annotate.modality_model import ModalityRecorder
from kg.annotate.modality_model import features as modality_features
from kg.annotate.morph import Morphology
from kg.annotate.text import (
    MODAL_VERBS,
    Span,
    find_phrases,
    is_statement,
    longest_first,
    quote_spec,
    within,
)
from kg.annotate.triggers import find_lemma_phrases

__all__ = ["Cues", "load_cues", "draft_claims"]

NEGATION_WINDOW = 4  # words between a negation cue and the trigger it negates
HYPOTHETICAL_MODALITIES = {"Prediction", "Conditional", "Recommendation"}
HYPOTHETICAL_CERTAINTIES = {"Possible", "Unlikely"}
# When a sentence holds cues of several modalities, the most conditional one wins ("analysts
# said it will test": a prediction, reported).
MODALITY_PRIORITY = ["Recommendation", "Conditional", "Prediction", "Assessment", "ReportedFact"]
# words a reporting verb's complement may open with, skipped: "said [that] P", "warned on
# 3 November [that] P"
_COMPLEMENT_START = re.compile(r"[\s,]*(?:(?:on|in|at|late|early|last|this)\b[^,;]{0,30}?\s+"
                               r"that\b|that\b|,)?\s*", re.IGNORECASE)
MIN_COMPLEMENT_WORDS = 3
# dated present-tense statements that make a text a chronicle told in the present
NARRATIVE_PRESENT = 3
# a reporting verb in a relative clause ("men who had stated their wish to defect") reports
# nothing the sentence goes on to claim
_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom|which)\s+(?:(?:had|has|have)\s+)?"
                              r"(?:\w+ly\s+)?$", re.IGNORECASE)
_JOINT = re.compile(r"(?:\s*,)?\s+(?:and|but)$", re.IGNORECASE)
_PERFECT_MODAL = re.compile(r"\b(?:could|might|may|must|would)\s+(?:not\s+)?have\b", re.I)
_PAST_MODALS = frozenset("could would might should".split())
_MODALS = MODAL_VERBS | {"can"}
_COPULAS = frozenset("be is are am was were been being had".split())
_PERFECT_OR_PASSIVE = frozenset("has have having be been being is are am".split())
# "would" with a possible act as its subject ("a nuclear test would be met with a strong
# response", "any attack, he said, would end the regime", "conducting such a test would
# contravene the resolutions") or an unspecified act as its object ("would answer any use of
# nuclear weapons") tells what follows if the act happens: an implicit "if" (the codebook's
# Conditions), not a forecast that it will
_WOULD = re.compile(r"\bwould\s+(?!have\b|likely\b|probably\b|almost\b|certainly\b|most\b)",
                    re.I)
_IMPLICIT_IF_SUBJECT = re.compile(r"[\W]*(?:(?:but|and|yet|so|still|even)\s+)?"
                                  r"(?:(?:any|an?|another|such\s+an?)\s|[A-Za-z]+ing\s)", re.I)
_WOULD_ANY = re.compile(r"\bwould\s+(?:not\s+)?(?:\w+ly\s+)?(?!be\b|have\b)[a-z]+\s+any\b",
                        re.I)
_ACT_HEAD = re.compile(r"\s*(?:,|would\b|by\b|of\b|on\b|against\b|in\b|from\b|with\b|"
                       r"to\b|that\b|which\b)", re.I)
_SUBJECT_STOP = re.compile(r"[;.:]|\b(?:if|when|that|which|who|said|says|warned|told)\b", re.I)
# a complement whose main verb is a copula ("the launches were a test", "the door remained
# open", "the recognition was null and void") judges what it speaks of: the speaker's
# assessment (codebook, claims: "X said the move was a mistake")
_COPULA = re.compile(r"\b(?:is|are|was|were|remains?|remained|seems?|seemed)\s+"
                     r"(?:(?:not|no longer|also|still|now|already|only|\w+ly)\s+)*"
                     r"([A-Za-z'’-]+)", re.I)
_RANKS = frozenset("one first second third fourth fifth sixth seventh eighth ninth tenth last "
                   "latest only largest biggest longest".split())
COPULA_WITHIN = 8  # words from the complement's start to its copula
# "if" after "even" (what holds whatever happens: "would never give them up, even if it were
# sanctioned") or "as" (a likeness: "campaigned as if he had won") sets no condition
_NO_CONDITION = re.compile(r"\b(?:even|as)\s+$", re.I)


@dataclass
class Cues:
    """Cue phrase -> concept, by the scheme the concept belongs to."""

    modality: dict[str, str] = field(default_factory=dict)
    certainty: dict[str, str] = field(default_factory=dict)
    polarity: dict[str, str] = field(default_factory=dict)
    response: dict[str, str] = field(default_factory=dict)  # phrase -> linking key
    speaker_before: set[str] = field(default_factory=set)  # "according to" X
    speaker_after: set[str] = field(default_factory=set)  # X "said"


def load_cues(onto) -> Cues:
    """The cue lexicon of the ontology (kg:cue, kg:responseCue, kg:speakerCue)."""
    from rdflib import URIRef

    from kg.namespace import KG

    g, cues = onto.graph, Cues()
    schemes = {"ModalityScheme": cues.modality, "CertaintyScheme": cues.certainty,
               "PolarityScheme": cues.polarity}
    for concept in onto.concepts.values():
        for s in concept.schemes:
            table = schemes.get(KG.local(s) or "")
            if table is None:
                continue
            for cue in g.objects(URIRef(concept.iri), URIRef(KG.cue)):
                table[str(cue).lower()] = concept.local
    for key, prop in onto.properties.items():
        for cue in g.objects(URIRef(prop.iri), URIRef(KG.responseCue)):
            cues.response[str(cue).lower()] = key
        for cue in g.objects(URIRef(prop.iri), URIRef(KG.speakerCue)):
            text = str(cue).lower()
            (cues.speaker_before if text.endswith(" to") else cues.speaker_after).add(text)
    return cues


_CLAIM_CUT = re.compile(r";\s*|,\s+(?=(?:although|though|even though|but|while|whereas)\b)")


def is_question(text: str, s: int, e: int) -> bool:
    """The sentence asks ("What did Seoul announce?"): a question asserts nothing, so it is
    no claim (the answer after it is)."""
    return text[s:e].rstrip().rstrip("\"”’)").endswith("?")


_WH_HEADING = re.compile(r"\s*(?:What|How|Why|Where|When|Who|Which)\b[^\n?]*\.?\s*$")
HEADING_WORDS = 8


def is_heading(text: str, s: int, e: int) -> bool:
    """The sentence is a section heading: a short line of its own that opens with a
    question word but asks nothing ("What comes next.", "How the region answered."): it
    names what follows and asserts nothing, so it is no claim."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:s].strip() and not text[e:line_end].strip() \
        and bool(_WH_HEADING.match(text, s, e)) and _words_between(text, s, e) <= HEADING_WORDS


def _words_between(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\w+", text[a:b]))


def clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The parts of a sentence that make claims of their own: cut at semicolons and before
    a concessive or contrasting clause (", although", ", even though", ", but", ", while")."""
    out, start = [], s
    for m in _CLAIM_CUT.finditer(text, s, e):
        if len(re.findall(r"\w+", text[start:m.start()])) >= 3:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, e))
    return out


def draft_claims(text: str, sentences: list[tuple[int, int]], events: list[dict],
                 triggers: dict[str, Span], actors: list[Span], dates: list[tuple[int, int]],
                 cues: Cues, first_id: int = 1,
                 future: Sequence[tuple[int, int]] = (), things: Sequence[Span] = (),
                 morph=None, typer=None) -> list[dict]:
    """Claims for the full sentences (or their clauses) holding events, cues or actors
    (drafted event items are changed in place: status); ``triggers`` maps an event id to its
    trigger span, ``actors`` are the actor mentions (span key = item id), ``dates`` the time
    expressions' spans, ``future`` those after the document's date (a claim about them with
    no modality cue is a prediction); a claim asserting no event is ``about`` the named
    ``things`` (actors, places, weapons) of its words, else about the last event before it
    (the topic the sentence goes on with), and not drafted without either; ``typer``: the
    learned modality typer (:mod:`kg.annotate.modality_model`) that may re-type each claim,
    or a recorder of their features."""
    from kg.annotate.morph import load_morphology

    morph = morph or load_morphology()
    out: list[dict] = []
    order = sorted(events, key=lambda ev: triggers[ev["id"]].start)
    units = [(c, True) for s, e in sentences if is_statement(text, s, e)
             and not is_question(text, s, e) and not is_heading(text, s, e)
             for c in clauses(text, s, e)]
    units += [((s, e), False) for s, e in sentences if not is_statement(text, s, e)
              and not is_heading(text, s, e)]
    every_cue = _cues(text, 0, cues, dates, morph)  # once: one pass over the text's words
    cue_starts = [c.start for c in every_cue]
    ev_starts = [triggers[ev["id"]].start for ev in order]
    named = sorted(things, key=lambda t: (t.start, t.end))
    named_starts = [t.start for t in named]
    date_starts = sorted(a for a, _b in dates)
    ctx = _Context(text, order, ev_starts, triggers, every_cue, cue_starts, named,
                   named_starts, date_starts, future, actors, cues, morph,
                   first=sentences[0][0] if sentences else -1, typer=typer)
    # a chronicle told in the present ("2 Nov. The navy captures the fishermen."): its
    # present-tense acts are reported facts, not the author's assessments
    ctx.narrative = sum(1 for (s, e), st in units if st and ctx.dated(s, e)
                        and _presents(ctx, s, e)) >= NARRATIVE_PRESENT
    for (s, e), statement in sorted(units):
        frames = _frames(text, s, e, ctx.found(s, e)) if statement else []
        if not frames:
            claim = _claim(ctx, s, e, statement, first_id + len(out))
            if claim:
                out.append(claim)
            continue
        report = _claim(ctx, s, e, statement, first_id + len(out),
                        report=(frames[0].acts, frames[0].span[1]))
        if report:
            out.append(report)
        for modality, (cs, ce), acts in frames:
            said = _claim(ctx, cs, ce, True, first_id + len(out), modality=modality,
                          speaker=report.get("speaker") if report else None,
                          reported=modality is None,
                          topic=(report or {}).get("about", ()) if modality else (),
                          acts_from=acts)
            if said:
                out.append(said)
    return out


@dataclass
class _Context:
    text: str
    order: list[dict]
    ev_starts: list[int]
    triggers: dict[str, Span]
    cues_found: list
    cue_starts: list[int]
    named: list[Span]
    named_starts: list[int]
    date_starts: list[int]
    future: Sequence[tuple[int, int]]
    actors: list[Span]
    cues: Cues
    morph: Morphology
    first: int = -1  # where the first line (the title) starts
    narrative: bool = False  # the text tells past acts in the present tense
    typer: object = None  # the learned modality typer, or a recorder

    def found(self, s: int, e: int) -> list:
        return within(self.cues_found, self.cue_starts, s, e)

    def events(self, s: int, e: int) -> tuple[int, list[dict]]:
        lo, hi = bisect_left(self.ev_starts, s), bisect_left(self.ev_starts, e)
        return lo, self.order[lo:hi]

    def dated(self, s: int, e: int) -> bool:
        i = bisect_left(self.date_starts, s)
        return i < len(self.date_starts) and self.date_starts[i] < e


class _Frame(NamedTuple):
    """A claim reported inside a statement (:func:`_frames`)."""

    modality: str | None  # the cue's modality; None: from the claim's own cues
    span: tuple[int, int]  # the claim's words
    acts: int  # where the acts it asserts begin (the acts before are the report's)


def _frames(text: str, s: int, e: int, found: list) -> list[_Frame]:
    """The claims a statement reports inside it: the complement of a reporting verb after
    its subject ("X said [that] P", "X warned on 3 November that P"; modality from P's own
    cues: None), and a judgement or a call a gapped cue opens ("called [the launch a
    provocation]", "[urged Pyongyang to return]": that cue's modality), each up to the next
    one or the end; with each, where the acts it asserts begin (the acts before are the
    report's)."""
    # (verb start, modality, claim start, acts start)
    starts: list[tuple[int, str | None, int, int]] = []
    for c in found:
        if c.key_kind == "frame":
            # "urged Pyongyang to return to talks": the urging is the report's act, told
            # as done, and the claim's acts are what it calls for (the claim's words hold
            # the verb, as the codebook quotes it); "called the launch a provocation": a
            # judgement, its verb no act of its own
            starts.append((c.start, c.key, c.start, c.end if c.key == "Recommendation"
                           else c.start))
        elif c.key_kind == "speaker-after" and re.search(r"\w", text[s:c.start]) \
                and not _RELATIVE_BEFORE.search(text, s, c.start):
            m = _COMPLEMENT_START.match(text, c.end, e)
            cs = m.end() if m else c.end
            starts.append((c.start, None, cs, cs))
    starts.sort()
    out: list[_Frame] = []
    for n, (_verb, modality, cs, acts) in enumerate(starts):
        ce = starts[n + 1][0] if n + 1 < len(starts) else e
        if ce < e:  # "X called the launch a provocation[ and] said ...": cut the joint
            ce = cs + len(_JOINT.sub("", text[cs:ce].rstrip(" ,;")))
        if _words_between(text, cs, ce) >= MIN_COMPLEMENT_WORDS:
            out.append(_Frame(modality, (cs, ce), acts))
    return out


def _modality(found: list, default: str) -> str:
    """The most conditional modality of the cues (:data:`MODALITY_PRIORITY`: "would face
    ... if it conducted" is conditional, "in our assessment, X is likely to" a prediction);
    ``default`` without any."""
    kinds = [c.key for c in found if c.key_kind == "modality"
             and not (c.key == "ReportedFact" and default == "Prediction")]
    return min(kinds, key=MODALITY_PRIORITY.index, default=default)


def _tense(ctx: _Context, s: int, e: int, modals: bool = True, copulas: bool = True) -> str:
    """"past" when the span has a past-tense verb, "present" when it has only a finite
    present one, "" when neither; with ``modals`` False a modal ("could", "would") is no
    past tense of its own ("could soon fire" speaks of what may come)."""
    words = re.findall(r"[A-Za-z]+", ctx.text[s:e])
    if not modals:
        words = [w for w in words if w.lower() not in _PAST_MODALS]
    if not copulas:
        words = [w for w in words if w.lower() not in _COPULAS]
    words = words[:1] + [w for w in words[1:] if not w[0].isupper()]  # "United States"
    past = present = False
    for i, w in enumerate(words):
        before = {x.lower() for x in words[max(0, i - 2):i]}
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if ctx.morph.is_past(w) and not (before & _PERFECT_OR_PASSIVE) and nxt != "by":
            past = True  # a participle after "has", "been", or before "by", is no past tense
        elif ctx.morph.is_present(w):
            present = True
    return "past" if past else "present" if present else ""


def _implicit_if(ctx: _Context, s: int, e: int, inside: list[dict]) -> bool:
    """The span tells what "would" follow an act that may happen: "would" after a subject
    that is a possible act (an indefinite or "any" noun phrase holding an event's trigger: "a
    nuclear test would be met with", "any provocation, a nuclear test included, would meet";
    or a gerund: "using them would end his rule"), or before "any" act ("would answer any
    use of nuclear weapons") (:data:`_IMPLICIT_IF_SUBJECT`, :data:`_WOULD_ANY`)."""
    text = ctx.text
    for n, m in enumerate(_WOULD.finditer(text, s, e)):
        if _WOULD_ANY.match(text, m.start(), e):
            return True
        if n or _SUBJECT_STOP.search(text, s, m.start()):
            continue
        head = _IMPLICIT_IF_SUBJECT.match(text, s, m.start())
        if not head:
            continue
        word = text[head.start():head.end()].split()[-1]
        at = head.end() - len(word) - 1
        if word.lower().endswith("ing"):  # a gerund, not a name ("Beijing would")
            named = within(ctx.named, ctx.named_starts, at - 40, head.end())
            if word.lower() not in ("during", "nothing", "something", "anything",
                                    "everything", "according") \
                    and ctx.morph.can_be_verb(word) \
                    and not any(t.start <= at < t.end for t in named) \
                    and re.match(r"[a-z]", text[head.end():head.end() + 1]):
                return True
        elif word.lower() == "any" or any(
                s <= ctx.triggers[ev["id"]].start < m.start()
                and _ACT_HEAD.match(text, ctx.triggers[ev["id"]].end) for ev in inside):
            return True  # the act heads the subject: "a test by the North", not "a drone unit"
    return False


def _copular(ctx: _Context, s: int, e: int) -> bool:
    """The span's main verb is a copula that links its subject to a noun or an adjective
    ("the launches were a test", "the door to dialogue remained open"), not an auxiliary
    ("was fired", "were reaching", "was being tested", "was to hold")."""
    m = _COPULA.search(ctx.text, s, e)
    if not m or _words_between(ctx.text, s, m.start()) > COPULA_WITHIN \
            or re.search(r"\b(?:that|which|who|whom|whose|when|where|if)\b",
                         ctx.text[s:m.start()], re.I):
        return False
    nxt = m.group(1).lower()
    if nxt.endswith("ing") or nxt in ("to", "been", "due", "set", "expected", "scheduled",
                                      "about") or ctx.morph.is_past(nxt):
        return False
    # a class, a rank or a count is told, not judged: "the missile was a (new) Hwasong-17",
    # "it was the first joint statement in five years", "one of three missiles"
    words = re.findall(r"[\w'’-]+", ctx.text[m.start(1):e])[:4]
    return not any(w[0].isupper() or w[0].isdigit() or w.lower() in _RANKS
                   or re.fullmatch(r"\d*(?:st|nd|rd|th)", w.lower()) for w in words)


def _presents(ctx: _Context, s: int, e: int) -> bool:
    """The span tells in the present ("the navy captures", "they are handed over"): no verb
    in the past tense, no modal, and a word that can be a present-tense verb."""
    words = re.findall(r"\b[a-z]+\b", ctx.text[s:e])
    return not _MODALS.intersection(words) and _tense(ctx, s, e) != "past" and any(
        ctx.morph.can_be_present(w) for w in words)


def _claim(ctx: _Context, s: int, e: int, statement: bool, n: int,
           report: tuple[int, int] | None = None, speaker: str | None = None,
           modality: str | None = None, reported: bool = False,
           topic: Sequence[str] = (), acts_from: int = 0) -> dict | None:
    """The claim of the span [s, e) (of ``modality`` when given, else from its cues); with
    ``report`` (the span of the first reported claim) the report itself: a reported fact
    asserting the events before that claim; ``reported``: the span is the complement of a
    reporting verb ("X said [P]"): a P whose main verb is a copula ("the launches were a
    challenge", "the door remained open") is the speaker's assessment (:func:`_copular`);
    ``topic``: what the span is about when it names nothing (the report's topic: "Japan
    called [the launch reckless]" is about what Japan speaks of); ``acts_from``: the
    claim asserts the events from there on ("urged Pyongyang to [return]")."""
    text = ctx.text
    given = modality is not None
    found = [c for c in ctx.found(s, e) if c.key_kind != "frame"]
    lo, inside = ctx.events(s, e)
    inside = [ev for ev in inside if ctx.triggers[ev["id"]].start >= acts_from]
    if report is not None:
        cs = report[0]
        inside = [ev for ev in inside if ctx.triggers[ev["id"]].start < cs]
        found = [c for c in found if c.start < cs or c.key_kind.startswith("speaker")]
    about = list(dict.fromkeys(t.key for t in within(ctx.named, ctx.named_starts, s, e)))
    if not about and lo:  # "It fell in international waters": the event before it
        about = [ctx.order[lo - 1]["id"]]
    if not about:
        about = list(topic)
    tense = _tense(ctx, s, e)
    # the title, when it is a sentence ("X fires back across it"), reports what it names
    headline = not statement and s == ctx.first and bool(about) and (bool(tense) or any(
        ctx.morph.can_be_present(w) for w in re.findall(r"[a-z]+", text[s:e])))
    if not inside and not (statement and about) and not headline:
        return None
    if not inside and not headline and not tense and not any(
            c.key_kind == "modality" for c in found) and not any(
            ctx.morph.can_be_verb(w) for w in re.findall(r"\b[a-z]+\b", text[s:e])):
        return None  # a line with no word that can be a verb ("16 June 2022.") asserts nothing
    future = any(s <= a and b <= e for a, b in ctx.future) and tense != "past"
    default = "Prediction" if future else "ReportedFact"
    certainty = next((c.key for c in found if c.key_kind == "certainty"), "Certain")
    if report is not None:
        modality = "ReportedFact"
    elif modality is None:
        modality = _modality(found, default)
        if modality == "Prediction" and _implicit_if(ctx, s, e, inside):
            modality = "Conditional"  # "a nuclear test would be met with": if one comes
        if (modality == "ReportedFact" and default == "ReportedFact" and statement
                and not any(c.key_kind in ("modality", "speaker-after", "speaker-before")
                            for c in found)
                and tense == "present" and not ctx.dated(s, e) and not headline
                and not ctx.narrative and certainty not in HYPOTHETICAL_CERTAINTIES):
            # the author's own present-tense judgement; but what "may" happen or "remains
            # possible" is told as a prediction (below)
            modality = "Assessment"
        if (reported and modality == "ReportedFact" and certainty == "Certain"
                and not any(c.key_kind == "modality" for c in found)
                and _copular(ctx, s, e)):
            modality = "Assessment"  # "X said [the plan was groundless]": X's judgement
    if report is not None:
        certainty = "Certain"
    elif modality == "ReportedFact" and certainty != "Certain":
        # a hedged statement is no plain fact: what "could", "may" or "is unlikely" to
        # happen a prediction, unless it "could have" happened; a "probable" or "almost
        # certain" reading of what is, the writer's (or speaker's) assessment
        modality = "Prediction" if certainty in HYPOTHETICAL_CERTAINTIES \
            and _tense(ctx, s, e, modals=False) != "past" \
            and not _PERFECT_MODAL.search(text, s, e) else "Assessment"
    denied = {ev["id"] for ev in inside for c in found if c.key_kind == "polarity"
              and c.end <= ctx.triggers[ev["id"]].start
              and _words_between(text, c.end, ctx.triggers[ev["id"]].start) <= NEGATION_WINDOW}
    negated = bool(denied)
    hedges = [text[c.start:c.end] for c in found if c.key_kind in
              ("modality", "certainty") and c.key not in ("ReportedFact",)]
    claim: dict = {"id": f"c-{n}", "type": "Claim", "machine": True,
                   **quote_spec(text, [(s, e)])[0],
                   **({"asserts": [ev["id"] for ev in inside]} if inside
                      else {"about": about}),
                   "modality": modality,
                   "certainty": certainty,
                   "polarity": "Negative" if negated else "Affirmative"}
    if hedges and report is None:
        claim["hedge"] = "; ".join(dict.fromkeys(hedges))
    speaker = speaker or _speaker(text, s, e, found, ctx.actors, ctx.cues)
    if speaker:
        claim["speaker"] = speaker
        if report is None and not inside and modality == "ReportedFact" and not any(
                c.key_kind == "modality" and c.key != "ReportedFact" for c in found) \
                and not (any(c.key_kind == "speaker-before" for c in found)
                         and _tense(ctx, s, e, copulas=False) == "past"):
            # what a speaker says that is no event ("the recognition was null and void",
            # "it was regrettable that ...") is the speaker's judgement
            claim["modality"] = "Assessment"
    if ctx.typer is not None and report is not None:
        if isinstance(ctx.typer, ModalityRecorder):  # the reports too, for the labels
            ctx.typer.claims.append((s, e, claim["modality"], None))
    elif ctx.typer is not None:
        # the learned typer may re-type the rules' modality; not a report's ("X said"), a
        # reported fact whose words the claim it reports also holds
        flags = {"reported": reported, "statement": statement,
                 "headline": headline, "dated": ctx.dated(s, e), "future": future,
                 "speaker": bool(speaker), "negated": negated, "narrative": ctx.narrative,
                 "framed": given, "digits": bool(re.search(r"\d", text[s:e])),
                 "para_first": not text[text.rfind("\n", 0, s) + 1:s].strip(),
                 "para_last": not text[e:(text.find("\n", e) + 1 or len(text))].strip(),
                 "named": bool(within(ctx.named, ctx.named_starts, s, e))}
        feats = modality_features(text, s, e, rule=claim["modality"], certainty=certainty,
                                  tense=tense, found=found, inside=inside, flags=flags,
                                  morph=ctx.morph)
        if isinstance(ctx.typer, ModalityRecorder):
            ctx.typer.claims.append((s, e, claim["modality"], feats))
        chosen = ctx.typer.choose(feats, claim["modality"])  # type: ignore[attr-defined]
        # a hedged statement is no plain fact (the codebook): "could have been a failure"
        if chosen != claim["modality"] and not (chosen == "ReportedFact"
                                                and certainty != "Certain"):
            claim["modality"] = modality = chosen
    claim["confidence"] = "0.5" if found else "0.6"
    # predicted, conditional, possible; or hedged and not told in the past ("a nuclear test
    # seems almost certain"): not drafted as having happened
    hypothetical = modality in HYPOTHETICAL_MODALITIES or \
        certainty in HYPOTHETICAL_CERTAINTIES or (certainty != "Certain" and tense != "past")
    for ev in inside:  # "did not launch": not drafted as having happened
        ev.setdefault("status", "Hypothetical" if hypothetical or ev["id"] in denied
                      else "Occurred")
    return claim


@dataclass(frozen=True)
class _Cue(Span):
    key_kind: str = ""


def _cues(sentence: str, offset: int, cues: Cues, dates: list[tuple[int, int]],
          morph) -> list[_Cue]:
    tables = {"modality": {k: v for k, v in cues.modality.items() if v in MODALITY_PRIORITY},
              "certainty": cues.certainty, "polarity": cues.polarity,
              "response": cues.response}
    table: dict[str, str] = {}
    for kind, phrases in tables.items():
        for phrase, key in phrases.items():
            table[f"{kind}\t{phrase}"] = f"{kind}\t{key}"
    for phrase in cues.speaker_before | cues.speaker_after:
        kind = "speaker-before" if phrase in cues.speaker_before else "speaker-after"
        table[f"{kind}\t{phrase}"] = f"{kind}\t{phrase}"
    by_words: dict[str, list[str]] = {k.split("\t", 1)[1]: [] for k in table}
    for k, v in table.items():
        by_words[k.split("\t", 1)[1]].append(v)
    lemma_phrases = {p: p for p in by_words if re.fullmatch(r"[\w\s…-]+", p)}
    spans: list[_Cue] = []
    hits = find_lemma_phrases(sentence, lemma_phrases, morph)
    hits += find_phrases(sentence, {p: p for p in by_words if p not in lemma_phrases},
                         ignore_case=True)
    for sp in hits:
        for v in by_words[sp.key]:
            kind, key = v.split("\t", 1)
            if kind == "modality" and sp.key == "if" and _NO_CONDITION.search(
                    sentence, max(0, sp.start - 8), sp.start):
                continue  # "even if", "as if": a concession or a likeness, no condition
            if kind == "modality" and "…" in sp.key:
                if len(re.findall(r"\w+", sentence[sp.start:sp.end])) < 3:
                    continue  # "called an emergency meeting": no object before "an"
                kind = "frame"  # "call … a": opens a claim of this modality
            spans.append(_Cue(sp.start + offset, sp.end + offset, key, kind))
    dates = sorted(dates)
    # a gapped cue may hold a date in its gap ("called on Pyongyang on Monday to"), not
    # begin or end in one
    spans = [c for c in spans if not any(_in_a_date(w, dates) for w in (
        _edge_words(sentence, offset, c) if c.key_kind == "frame" else (c,)))]
    # Longest first within a kind ("will need to" over "will"), every kind kept.
    kept: list[_Cue] = []
    for kind in ("modality", "frame", "certainty", "polarity", "response", "speaker-before",
                 "speaker-after"):
        kept += [c for c in longest_first([c for c in spans if c.key_kind == kind])
                 if isinstance(c, _Cue)]
    return sorted(kept, key=lambda c: (c.start, c.end))


def _edge_words(sentence: str, offset: int, c: Span) -> tuple[Span, Span]:
    """The first and the last word of the cue ``c`` (offsets of the text; ``sentence``
    starts at ``offset``)."""
    words = list(re.finditer(r"\S+", sentence[c.start - offset:c.end - offset]))
    a, b = words[0], words[-1]
    return (Span(c.start + a.start(), c.start + a.end(), c.key),
            Span(c.start + b.start(), c.start + b.end(), c.key))


def _in_a_date(c: Span, dates: list[tuple[int, int]]) -> bool:
    """The cue overlaps one of ``dates`` (sorted, disjoint spans): "May" of "26 May"."""
    i = bisect_left(dates, (c.end, c.end))
    return i > 0 and dates[i - 1][1] > c.start


def _speaker(text: str, s: int, e: int, found: list[_Cue], actors: list[Span],
             cues: Cues) -> str | None:
    inside = _within_sorted(actors, s, e)
    for c in found:
        if c.key_kind == "speaker-before":
            after = [a for a in inside if a.start >= c.end]
            if after:
                return after[0].key
        elif c.key_kind == "speaker-after":
            before = [a for a in inside if a.end <= c.start]
            if before:
                return before[-1].key
    return None


def _within_sorted(spans: list[Span], s: int, e: int) -> list[Span]:
    """The spans (sorted by start) inside [s, e), by bisection."""
    lo = bisect_left(spans, s, key=lambda a: a.start)
    hi = bisect_left(spans, e, key=lambda a: a.start)
    return [a for a in spans[lo:hi] if a.end <= e]


def _ids(value) -> set[str]:
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}
