"""Response links (``respondsTo``) between drafted events, from three kinds of evidence.

1. A response cue of ``kg:respondsTo`` ("in response to", "retaliated", "answered"): the
   event the cue introduces (a trigger, or a reference such as "the launch", a few words
   after it) is the stimulus; the answer is the event before the cue in the sentence, else
   the first one after the stimulus. Without a named stimulus, the nearest earlier event
   of another agent is.
2. A reference back (a definite noun phrase repeating an earlier event's type: "condemned
   the launch", :func:`kg.annotate.triggers.find_triggers`): the event of the clause that
   names it responds to that earlier event, when its class says it may
   (``kg:draftResponds``: "named" or "nearest").
3. A class whose events are answers by nature (``kg:draftResponds "nearest"``: a military
   response, an alert, a retreat) responds to the nearest earlier event of another agent
   that is not itself such an answer.

The first evidence found wins; every link is a draft like the rest. An answer without a
target then targets the agent of the event it answers.
"""

from __future__ import annotations

import re

from kg.annotate.roles import clause_of
from kg.annotate.text import Span, find_phrases, sentence_of

__all__ = ["load_responders", "link_responses", "CUE_WINDOW"]

CUE_WINDOW = 8  # words between a response cue and the stimulus it introduces


def load_responders(onto) -> dict[str, str]:
    """Event class (local name) -> "named" or "nearest" (``kg:draftResponds``)."""
    from kg.namespace import KG

    out = {}
    for cls in onto.classes.values():
        vals = cls.props.get(KG.draftResponds)
        if vals:
            out[cls.local] = str(vals[0])
    return out


def _words(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\w+", text[a:b]))


def _agents(ev: dict) -> set[str]:
    v = ev.get("agent")
    return set() if v is None else set(v) if isinstance(v, list) else {v}


def link_responses(text: str, events: list[dict], triggers: list[Span],
                   references: list[Span], sents: list[tuple[int, int]],
                   cues: dict[str, str], responders: dict[str, str], onto) -> None:
    """Set ``respondsTo`` (the key of the cue's property) on the answering events, in place."""
    pos = {ev["id"]: t for ev, t in zip(events, triggers, strict=True)}
    order = sorted(events, key=lambda ev: pos[ev["id"]].start)

    def last_before(offset: int, type_: str | None = None, other_than: dict | None = None,
                    first: bool = False):
        fits = [ev for ev in order if pos[ev["id"]].start < offset
                and (type_ is None or ev["type"] == type_)
                and (other_than is None or (ev is not other_than and not (
                    _agents(ev) & _agents(other_than))
                    and responders.get(ev["type"]) != "nearest"))]
        return (fits[0] if first else fits[-1]) if fits else None

    for phrase, key in sorted(cues.items()):
        for cue in find_phrases(text, {phrase: key}, ignore_case=True):
            _link_cue(text, cue, key, order, pos, references, sents, last_before)
    for ref in references:
        sent = sentence_of(sents, ref.start)
        if sent is None:
            continue
        clause = clause_of(text, sent, ref.start)
        hosts = [ev for ev in order if clause[0] <= pos[ev["id"]].start < clause[1]
                 and responders.get(ev["type"]) in ("named", "nearest")]
        before = [ev for ev in hosts if pos[ev["id"]].start < ref.start]
        host = before[-1] if before else (hosts[0] if hosts else None)
        if host is None:
            continue
        target = last_before(min(ref.start, pos[host["id"]].start), ref.key, first=True)
        if target is not None and target is not host:
            host.setdefault("respondsTo", target["id"])
    for ev in order:
        if responders.get(ev["type"]) == "nearest" and "respondsTo" not in ev:
            target = last_before(pos[ev["id"]].start, other_than=ev)
            if target is not None:
                ev["respondsTo"] = target["id"]
    _target_the_answered(events, onto)


def _target_the_answered(events: list[dict], onto) -> None:
    """An answer without a target targets the agent of what it answers ("condemned the
    launch": the launcher), when that is not its own agent and the class takes targets."""
    by_id = {ev["id"]: ev for ev in events}
    target = onto.properties.get("target")
    for ev in events:
        stimulus = by_id.get(ev.get("respondsTo"))
        if stimulus is None or "target" in ev or target is None:
            continue
        if target.domain and not onto.class_(ev["type"]).is_a(target.domain):
            continue
        who = sorted(_agents(stimulus) - _agents(ev))
        if who:
            ev["target"] = who[0] if len(who) == 1 else who


def _link_cue(text, cue: Span, key: str, order, pos, references, sents, last_before) -> None:
    sent = sentence_of(sents, cue.start)
    if sent is None:
        return
    inside = [ev for ev in order if sent[0] <= pos[ev["id"]].start < sent[1]]
    named = [ev for ev in inside if pos[ev["id"]].start >= cue.end
             and _words(text, cue.end, pos[ev["id"]].start) <= CUE_WINDOW]
    refs = [r for r in references if sent[0] <= r.start < sent[1] and r.start >= cue.end
            and _words(text, cue.end, r.start) <= CUE_WINDOW]
    stimulus = None
    if refs and (not named or refs[0].start < pos[named[0]["id"]].start):
        stimulus = last_before(refs[0].start, refs[0].key)
        stim_end = refs[0].end
    elif named:
        stimulus, stim_end = named[0], pos[named[0]["id"]].end
    else:
        stim_end = cue.end
    before = [ev for ev in inside if pos[ev["id"]].end <= cue.start]
    after = [ev for ev in inside if pos[ev["id"]].start >= stim_end and ev is not stimulus]
    answer = before[-1] if before else (after[0] if after else None)
    if answer is None:
        return
    if stimulus is None or stimulus is answer:
        stimulus = last_before(pos[answer["id"]].start, other_than=answer)
    if stimulus is not None and stimulus is not answer:
        answer.setdefault(key, stimulus["id"])
