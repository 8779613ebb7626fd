"""Roles of a drafted event from the structure of its clause.

The role properties of the ontology say where their fillers are looked for
(``kg:draftRole``: before, after or anywhere in the clause) and which prepositions introduce
them (``kg:draftCue``: "against X" a target, "with X" an instrument, "near X" a place); the
clause is the part of the sentence around the trigger, cut at semicolons, dashes and the
subordinate clauses a comma opens (", when ...", ", which ..."). Then:

- the agent is the actor after "by" when the trigger is a passive verb ("was fired by X"),
  the owner of a possessive noun trigger ("X's launch"), else the nearest actor before the
  trigger in the clause (then in the sentence);
- an "after" role (the target) takes an actor its cue introduces, else the nearest actor
  after the trigger in the clause (a verb's object, a noun's complement);
- "sentence" roles (instrument, place, time) take the fitting mentions of the clause; places
  introduced by a cue come first; a time falls back to the sentence's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.annotate.text import Span

__all__ = ["RoleCues", "load_role_cues", "fill_roles", "clause_of"]

_CLAUSE_CUT = re.compile(r";|:|\s[—–]\s|\s-\s|,\s+(?=(?:when|which|while|but|although|whereas|"
                         r"where|who|after|before|as|because|since|until)\b)|\(|\)")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$",
                      re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,3}$")


@dataclass
class RoleCues:
    cues: dict[str, list[str]] = field(default_factory=dict)  # role key -> prepositions


def load_role_cues(onto) -> RoleCues:
    """The prepositions of ``kg:draftCue`` on the role properties."""
    from rdflib import URIRef

    from kg.iris import KG_NS

    out = RoleCues()
    for key, prop in onto.properties.items():
        for cue in onto.graph.objects(URIRef(prop.iri), URIRef(KG_NS + "draftCue")):
            out.cues.setdefault(key, []).append(str(cue).lower())
    for key in out.cues:
        out.cues[key].sort(key=lambda c: (-len(c), c))
    return out


def clause_of(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause of the sentence ``sent`` holding offset ``pos``."""
    start, end = sent
    for m in _CLAUSE_CUT.finditer(text, sent[0], sent[1]):
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
               rules, cues: RoleCues, onto, morph) -> None:
    """Set the role keys of the event ``item`` (drafted from ``trig``) in place."""
    clause = clause_of(text, sent, trig.start)
    cls = onto.class_(trig.key)
    verb = morph.can_be_verb(text[trig.start:trig.end].split()[0])
    for key, position in rules.roles.items():
        prop = onto.properties[key]
        if prop.domain and not cls.is_a(prop.domain):
            continue
        if position == "after" and trig.key in rules.after:
            key = rules.after[trig.key]
        fits = [m for m, t in mentions if key in rules.ranges and onto.has_class(t)
                and onto.class_(t).is_a(rules.ranges[key])
                and sent[0] <= m.start and m.end <= sent[1]]
        in_clause = [m for m in fits if clause[0] <= m.start and m.end <= clause[1]]
        if position == "before":
            chosen = _agent(text, trig, in_clause, fits, verb, sent)
        elif position == "after":
            chosen = _after(text, trig, in_clause, cues.cues.get(key, []))
        else:
            chosen = _anywhere(text, trig, in_clause, fits, cues.cues.get(key, []), key)
        ids = list(dict.fromkeys(m.key for m in chosen))
        if ids:
            item[key] = ids[0] if len(ids) == 1 else ids


def _agent(text, trig, in_clause, fits, verb, sent) -> list[Span]:
    after = [m for m in in_clause if m.start >= trig.end]
    if verb and _PASSIVE.search(text[sent[0]:trig.start]):
        by = [m for m in after if re.search(r"\bby\s+(?:the\s+)?$", text[trig.end:m.start],
                                            re.IGNORECASE)]
        if by:
            return by[:1]
    owners = [m for m in in_clause if m.end <= trig.start
              and _POSSESSIVE.match(text[m.end:trig.start])]
    if owners:
        return owners[-1:]
    before = [m for m in in_clause if m.end <= trig.start]
    if before:
        return before[-1:]
    return [m for m in fits if m.end <= trig.start][-1:]


def _after(text, trig, in_clause, cues) -> list[Span]:
    """The actor a cue introduces, else the nearest after the trigger (the direct object
    of a verb, the complement of a noun)."""
    after = [m for m in in_clause if m.start >= trig.end]
    cued = [m for m in after if _cue_before(text, cues, trig.end, m.start)]
    return cued[:1] or after[:1]


def _anywhere(text, trig, in_clause, fits, cues, key) -> list[Span]:
    if cues:
        cued = [m for m in in_clause if _cue_before(text, cues, trig.start if m.start >=
                                                    trig.end else max(0, m.start - 40),
                                                    m.start)]
        if cued:
            return cued
    if in_clause:
        return in_clause
    return fits if key == "time" else []
