"""Response links (``respondsTo``) between drafted events, from three kinds of evidence.

1. A response cue of ``kg:respondsTo`` ("in response to", "retaliated", "answered"): the
   event the cue introduces (a trigger, or a reference such as "the launch", a few words
   after it) is the stimulus; the answer is the event before the cue in the sentence, else
   the first one after the stimulus, with the later events of the sentence that have its
   agent ("In response to X, A did B and did C"). Without a named stimulus, the nearest
   earlier event of another agent is.
2. A reference back (a definite noun phrase repeating an earlier event's type: "condemned
   the launch", :func:`kg.annotate.triggers.find_triggers`): the event of the clause that
   names it responds to that earlier event, when its class says it may
   (``kg:draftResponds``: "named" or "nearest"); the event named is the latest of its class
   told before (the one the reference quotes).
3. A class whose events are answers by nature (``kg:draftResponds "nearest"``: a military
   response, an alert, a retreat, a statement, a meeting) responds to the latest earlier act
   of another agent that others answer (``kg:draftResponds "stimulus"``: a launch, a test, a
   firing, an intrusion, a drill, a law), not to a report or another reaction told between
   them: news texts tell a reaction after the act it is about, and the act told last before
   it is the one it is about (a timeline's second launch, not the story's first). A
   threatened answer ("a nuclear test would meet a strong response") answers the act its
   own sentence names, threatened or told; an event "the first ... since 2017" presupposes
   is told to count from, and an act a reaction names ("condemned the shelling") is the act
   told before: neither is a stimulus.

Without a cue, a report ("the ministry said", "announced") answers nothing; a stimulus is
an act (it has an agent and is not drafted hypothetical) that began no later than its
answer, and an answer by nature follows it within :data:`MAX_LAG_DAYS` when both are dated
to the day. The first evidence found wins; every link is a draft like the rest. An answer
without a target then targets the agent of the event it answers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet

from kg.annotate.roles import WHEN_CLAUSE, clause_of, object_role
from kg.annotate.text import Span, find_phrases, sentence_of
from kg.annotate.triggers import SINCE
from kg.cycles import cycles

__all__ = ["load_responders", "load_stimuli", "link_responses", "CUE_WINDOW", "LOOK_BACK"]

CUE_WINDOW = 8  # words between a response cue and the stimulus it introduces
LOOK_BACK = 64  # events looked at for an earlier act of another agent
MAX_LAG_DAYS = 7  # days an answer found without a cue may follow its stimulus


def load_responders(onto) -> dict[str, str]:
    """Event class (local name) -> "named", "nearest" or "never" (``kg:draftResponds``)."""
    from kg.namespace import KG

    out = {}
    for cls in onto.classes.values():
        vals = cls.props.get(KG.draftResponds)
        if vals:
            out[cls.local] = str(vals[0])
    return out


def load_stimuli(responders: dict[str, str]) -> frozenset[str]:
    """Event classes whose acts others answer (``kg:draftResponds "stimulus"``, from
    :func:`load_responders`): what an answer found without a cue may respond to."""
    return frozenset(k for k, v in responders.items() if v == "stimulus")


def _words(text: str, a: int, b: int) -> int:
    return len(re.findall(r"\w+", text[a:b]))


def _agents(ev: dict) -> set[str]:
    v = ev.get("agent")
    return set() if v is None else set(v) if isinstance(v, list) else {v}


def link_responses(text: str, events: list[dict], triggers: list[Span],
                   references: list[Span], sents: list[tuple[int, int]],
                   cues: dict[str, str], responders: dict[str, str], onto,
                   reports: AbstractSet[Span] = frozenset(), begins: dict | None = None) -> None:
    """Set ``respondsTo`` (the key of the cue's property) on the answering events, in place.
    ``reports`` are the triggers of reports ("the ministry said on 9 November",
    ``kg:datedTrigger``): they pass on what others did, so they answer only what a cue
    names. A stimulus found without a cue is an act others answer (``kg:draftResponds
    "stimulus"``; any class but the answers when the lexicon marks none): it has an agent and
    is not drafted as hypothetical (``status``, from the claims).

    Linear in the text for a fixed lexicon: events are looked up by bisection on their
    sorted starts, and a search for an earlier event of another agent looks at no more
    than :data:`LOOK_BACK` events."""
    pos = {ev["id"]: t for ev, t in zip(events, triggers, strict=True)}
    order = sorted(events, key=lambda ev: pos[ev["id"]].start)
    starts = [pos[ev["id"]].start for ev in order]
    by_type: dict[str, list[int]] = {}  # event type -> indexes into order
    for i, ev in enumerate(order):
        by_type.setdefault(ev["type"], []).append(i)

    stimuli = load_stimuli(responders)
    # an event "the first ... since 2017" presupposes (anchored on "since" and its time,
    # :func:`kg.annotate.triggers.earlier_events`) is told to count from: no stimulus
    presupposed = {ev["id"] for ev in events
                   if (m := re.match(r"\w+", text[pos[ev["id"]].start:pos[ev["id"]].end]))
                   and (m.group().lower() in SINCE or m.group().lower() == "in")}
    # and what the clause after its time tells of it ("its first since Nov. 5, when it fired
    # a barrage of missiles"): the earlier act, no stimulus either
    for i, ev in enumerate(order):
        if ev["id"] in presupposed:
            for later in order[i + 1:i + 3]:
                if WHEN_CLAUSE.fullmatch(text, pos[ev["id"]].end, pos[later["id"]].start):
                    presupposed.add(later["id"])

    def answerable(ev: dict, other_than: dict) -> bool:
        return ev is not other_than and bool(_agents(ev)) \
            and not (_agents(ev) & _agents(other_than)) \
            and (ev["type"] in stimuli if stimuli else
                 responders.get(ev["type"]) not in ("nearest", "never")) \
            and ev.get("status") != "Hypothetical" and ev["id"] not in named_acts \
            and ev["id"] not in presupposed \
            and in_time(ev, other_than, MAX_LAG_DAYS)

    begins = begins or {}

    def begin(ev: dict) -> str | None:
        t = ev.get("time")
        return begins.get(t if isinstance(t, str) else t[0]) if t else None

    def in_time(stim: dict, answer: dict, max_lag: int | None = None) -> bool:
        """The stimulus began no later than the answer (and, with ``max_lag``, at most that
        many days before it), as far as their times say."""
        a, b = begin(stim), begin(answer)
        if not a or not b:
            return True
        if max_lag is not None and len(a) == len(b) == 10:
            from datetime import date

            return 0 <= (date.fromisoformat(b) - date.fromisoformat(a)).days <= max_lag
        n = min(len(a), len(b))
        return a[:n] <= b[:n]

    def reacts(ev: dict) -> str | None:  # how the event may answer without a cue
        return None if pos[ev["id"]] in reports else responders.get(ev["type"])

    def last_before(offset: int, type_: str | None = None, other_than: dict | None = None,
                    first: bool = False):
        end = bisect_left(starts, offset)  # events starting before offset: order[:end]
        if type_ is not None:
            idx = by_type.get(type_, [])
            k = bisect_left(idx, end)
            if not k:
                return None
            told = [order[i] for i in (idx[:1] if first else reversed(idx[:k]))]
            return next((ev for ev in told if ev["id"] not in presupposed), None)
        if other_than is None:
            return (order[0] if first else order[end - 1]) if end else None
        span = range(min(end, LOOK_BACK)) if first else range(end - 1, max(-1, end - 1 -
                                                                              LOOK_BACK), -1)
        return next((order[i] for i in span if answerable(order[i], other_than)), None)

    # an act named as what a reaction is about ("condemned the shelling", "called the
    # launch a provocation") is the act told before, not one of its own: no stimulus
    named_acts: set[str] = set()
    for i, ev in enumerate(order):
        if reacts(ev) not in ("named", "nearest"):
            continue
        for other in order[i + 1:i + 4]:
            gap = text[pos[ev["id"]].end:pos[other["id"]].start]
            if _words(text, pos[ev["id"]].end, pos[other["id"]].start) > CUE_WINDOW \
                    or re.search(r"[,;.:]", gap):
                break
            if other["type"] in stimuli:
                named_acts.add(other["id"])
    refs = sorted(references, key=lambda r: (r.start, r.end))
    ref_starts = [r.start for r in refs]
    for phrase, key in sorted(cues.items()):
        for cue in find_phrases(text, {phrase: key}, ignore_case=True):
            _link_cue(text, cue, key, order, starts, pos, (refs, ref_starts), sents,
                      last_before)
    for ref in references:
        sent = sentence_of(sents, ref.start)
        if sent is None:
            continue
        clause = clause_of(text, sent, ref.start)
        hosts = [ev for ev in _between(order, starts, clause[0], clause[1])
                 if reacts(ev) in ("named", "nearest")]
        before = [ev for ev in hosts if pos[ev["id"]].start < ref.start]
        host = before[-1] if before else (hosts[0] if hosts else None)
        if host is None:
            continue
        target = last_before(min(ref.start, pos[host["id"]].start), ref.key)
        if target is not None and target is not host and in_time(target, host):
            host.setdefault("respondsTo", target["id"])
    for ev in order:
        if reacts(ev) == "nearest" and "respondsTo" not in ev \
                and ev.get("status") == "Hypothetical":
            # a threatened answer ("would face a strong response if it conducted a nuclear
            # test") answers the act its own sentence names, told or threatened, nearest first
            sent = sentence_of(sents, pos[ev["id"]].start)
            here = [x for x in (_between(order, starts, *sent) if sent else [])
                    if x["type"] in stimuli and x is not ev and x["id"] not in presupposed
                    and (x.get("status") == "Hypothetical" or not (_agents(x) & _agents(ev)))]
            if here:
                at = pos[ev["id"]].start
                ev["respondsTo"] = min(here, key=lambda x: abs(pos[x["id"]].start - at))["id"]
    for ev in order:
        if reacts(ev) == "nearest" and "respondsTo" not in ev:
            # an answer by nature answers the latest act told before it of another agent
            # (a launch, a drill: kg:draftResponds "stimulus"), not a background one
            target = last_before(pos[ev["id"]].start, other_than=ev)
            if target is not None:
                ev["respondsTo"] = target["id"]
    _break_cycles(order, pos)
    _target_the_answered(events, onto)


def _break_cycles(order: list[dict], pos: dict[str, Span]) -> None:
    """No answer before what it answers: where the links drafted close a cycle ("the
    launches ... in response to the joint statements", the statements answering the launches
    as the act told before them), drop the link of the cycle that points furthest ahead in
    the text (the answer told earliest of those answering an act told after them), until
    none is left; in place (``kg build`` refuses a cycle of responses)."""
    by_id = {ev["id"]: ev for ev in order}
    links = [(ev["id"], ev["respondsTo"]) for ev in order
             if isinstance(ev.get("respondsTo"), str) and ev["respondsTo"] in by_id]
    # each event answers at most one: a tangle of links is one cycle, broken by one cut
    for members, _ in cycles(links):
        ahead = [x for x in members if pos[by_id[x]["respondsTo"]].start > pos[x].start]
        del by_id[min(ahead or members, key=lambda x: (pos[x].start, x))]["respondsTo"]


def _between(order: list[dict], starts: list[int], a: int, b: int) -> list[dict]:
    """The events (sorted by start) whose trigger starts in [a, b)."""
    return order[bisect_left(starts, a):bisect_left(starts, b)]


def _target_the_answered(events: list[dict], onto) -> None:
    """An answer without a target targets the agent of what it answers ("condemned the
    launch": the launcher), when that is not its own agent and the class takes targets;
    never a class with a ``kg:draftObjectRole`` (:func:`~kg.annotate.roles.object_role`: a
    meeting, a call, a trip have no target; an emergency meeting called after a launch does
    not target the launcher)."""
    by_id = {ev["id"]: ev for ev in events}
    target = onto.properties.get("target")
    for ev in events:
        stimulus = by_id.get(ev.get("respondsTo"))
        if stimulus is None or "target" in ev or target is None \
                or object_role(onto, ev["type"]) is not None:
            continue
        if target.domain and not onto.class_(ev["type"]).is_a(target.domain):
            continue
        who = sorted(_agents(stimulus) - _agents(ev))
        if who:
            ev["target"] = who[0] if len(who) == 1 else who


def _link_cue(text, cue: Span, key: str, order, starts, pos, references, sents,
              last_before) -> None:
    """Link the answer of one response cue (``references``: the references sorted by
    start, and their starts)."""
    sent = sentence_of(sents, cue.start)
    if sent is None:
        return
    inside = _between(order, starts, sent[0], sent[1])
    # the cue's phrase ends at a comma: "In response to the firing, South Korea fired"
    # names no stimulus in "fired"
    named = [ev for ev in inside if pos[ev["id"]].start >= cue.end
             and _words(text, cue.end, pos[ev["id"]].start) <= CUE_WINDOW
             and "," not in text[cue.end:pos[ev["id"]].start]]
    all_refs, ref_starts = references
    refs = [r for r in all_refs[bisect_left(ref_starts, cue.end):
                                bisect_left(ref_starts, sent[1])]
            if _words(text, cue.end, r.start) <= CUE_WINDOW and "," not in text[cue.end:r.start]]
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
    if stimulus is None or stimulus is answer:
        return
    answer.setdefault(key, stimulus["id"])
    if not before:
        # "In response to X, A did B and did C": the acts of A the sentence goes on with
        for ev in after[1:]:
            if _agents(ev) and _agents(ev) == _agents(answer):
                ev.setdefault(key, stimulus["id"])
