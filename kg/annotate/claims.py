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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.annotate.text import Span, find_phrases, is_statement, longest_first, quote_spec, within

__all__ = ["Cues", "load_cues", "draft_claims"]

NEGATION_WINDOW = 4  # words between a negation cue and the trigger it negates
HYPOTHETICAL_MODALITIES = {"Prediction", "Conditional", "Recommendation"}
HYPOTHETICAL_CERTAINTIES = {"Possible", "Unlikely"}
# When a sentence holds cues of several modalities, the most conditional one wins ("analysts
# said it will test": a prediction, reported).
MODALITY_PRIORITY = ["Recommendation", "Prediction", "Conditional", "Assessment", "ReportedFact"]


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
                 future: Sequence[tuple[int, int]] = (), things: Sequence[Span] = ()) -> list[dict]:
    """Claims for the full sentences (or their clauses) holding events, cues or actors
    (drafted event items are changed in place: status); ``triggers`` maps an event id to its
    trigger span, ``actors`` are the actor mentions (span key = item id), ``dates`` the time
    expressions' spans, ``future`` those after the document's date (a claim about them with
    no modality cue is a prediction); a claim asserting no event is ``about`` the named
    ``things`` (actors, places, weapons) of its words, else about the last event before it
    (the topic the sentence goes on with), and not drafted without either."""
    out: list[dict] = []
    order = sorted(events, key=lambda ev: triggers[ev["id"]].start)
    units = [(c, True) for s, e in sentences if is_statement(text, s, e)
             for c in clauses(text, s, e)]
    units += [((s, e), False) for s, e in sentences if not is_statement(text, s, e)]
    every_cue = _cues(text, 0, cues, dates)  # once: one pass per phrase over the text
    cue_starts = [c.start for c in every_cue]
    ev_starts = [triggers[ev["id"]].start for ev in order]
    named = sorted(things, key=lambda t: (t.start, t.end))
    named_starts = [t.start for t in named]
    for (s, e), statement in sorted(units):
        lo, hi = bisect_left(ev_starts, s), bisect_left(ev_starts, e)
        inside = order[lo:hi]
        found = within(every_cue, cue_starts, s, e)
        about = list(dict.fromkeys(t.key for t in within(named, named_starts, s, e)))
        if not about and lo:  # "It fell in international waters": the event before it
            about = [order[lo - 1]["id"]]
        if not inside and not (statement and about):
            continue
        default = "Prediction" if any(s <= a and b <= e for a, b in future) else "ReportedFact"
        modality = min((c.key for c in found if c.key_kind == "modality"
                        and not (c.key == "ReportedFact" and default == "Prediction")),
                       key=MODALITY_PRIORITY.index, default=default)
        certainty = next((c.key for c in found if c.key_kind == "certainty"), "Certain")
        negated = any(c.key_kind == "polarity" and c.end <= triggers[ev["id"]].start
                      and _words_between(text, c.end, triggers[ev["id"]].start)
                      <= NEGATION_WINDOW for c in found for ev in inside)
        hedges = [text[c.start:c.end] for c in found if c.key_kind in
                  ("modality", "certainty") and c.key not in ("ReportedFact",)]
        claim: dict = {"id": f"c-{first_id + len(out)}", "type": "Claim", "machine": True,
                       **quote_spec(text, [(s, e)])[0],
                       **({"asserts": [ev["id"] for ev in inside]} if inside
                          else {"about": about}),
                       "modality": modality,
                       "certainty": certainty,
                       "polarity": "Negative" if negated else "Affirmative"}
        if hedges:
            claim["hedge"] = "; ".join(dict.fromkeys(hedges))
        speaker = _speaker(text, s, e, found, actors, cues)
        if speaker:
            claim["speaker"] = speaker
        claim["confidence"] = "0.5" if found else "0.6"
        out.append(claim)
        hypothetical = modality in HYPOTHETICAL_MODALITIES or \
            certainty in HYPOTHETICAL_CERTAINTIES
        for ev in inside:
            ev.setdefault("status", "Hypothetical" if hypothetical else "Occurred")
    return out


@dataclass(frozen=True)
class _Cue(Span):
    key_kind: str = ""


def _cues(sentence: str, offset: int, cues: Cues, dates: list[tuple[int, int]]) -> list[_Cue]:
    tables = {"modality": cues.modality, "certainty": cues.certainty,
              "polarity": cues.polarity}
    spans: list[_Cue] = []
    for kind, table in tables.items():
        if kind == "modality":
            table = {k: v for k, v in table.items() if v in MODALITY_PRIORITY}
        for sp in find_phrases(sentence, table, ignore_case=True):
            spans.append(_Cue(sp.start + offset, sp.end + offset, sp.key, kind))
    for phrase, key in cues.response.items():
        for sp in find_phrases(sentence, {phrase: key}, ignore_case=True):
            spans.append(_Cue(sp.start + offset, sp.end + offset, key, "response"))
    for phrase in cues.speaker_before | cues.speaker_after:
        for sp in find_phrases(sentence, {phrase: phrase}, ignore_case=True):
            kind = "speaker-before" if phrase in cues.speaker_before else "speaker-after"
            spans.append(_Cue(sp.start + offset, sp.end + offset, phrase, kind))
    spans = [c for c in spans if not any(c.start < b and a < c.end for a, b in dates)]
    # Longest first within a kind ("will need to" over "will"), every kind kept.
    kept: list[_Cue] = []
    for kind in ("modality", "certainty", "polarity", "response", "speaker-before",
                 "speaker-after"):
        kept += [c for c in longest_first([c for c in spans if c.key_kind == kind])
                 if isinstance(c, _Cue)]
    return sorted(kept, key=lambda c: (c.start, c.end))


def _speaker(text: str, s: int, e: int, found: list[_Cue], actors: list[Span],
             cues: Cues) -> str | None:
    inside = [a for a in actors if s <= a.start and a.end <= e]
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


def _ids(value) -> set[str]:
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}
