"""The event a drafted relative time counts from (``kg:relativeTo``): the one it names
("two days after the launch") or the nearest before it with a written day."""

from __future__ import annotations

import datetime as dt
import re

from kg.annotate.date_grammar import calendar_week
from kg.annotate.dates import TimeMention
from kg.annotate.relative_times import PLANNED as _PLANNED
from kg.annotate.text import Span, sentence_of
from kg.loaders.check import add_offset

__all__ = ["count_from_events"]


def _named(text: str, tm: TimeMention, spans: list[tuple[Span, dict | None]],
           ordered: list[tuple[Span, dict]], sents: list[tuple[int, int]], day_of: dict,
           times: list[TimeMention]) -> dict | None:
    """The event a relative time names ("two days after the launch", "hours after he said",
    "the day before the vote", "eight days before the March 24 flight"): the event drafted
    there; the one a day written there dates (the first of that day); or the one a
    reference ("the launch") repeats: the latest before it of that type with a day ("that
    launch"), the first for a plural ("the launches"), else the first of that type."""
    if tm.offset is None or not re.search(r"\b(?i:after|before|of)$", text[tm.start:tm.end]):
        return None
    if re.match(r"\s*[,.;:!?)]", text[tm.end:tm.end + 3]):
        return None  # "the night before, ...": the day before, naming no event
    sent = sentence_of(sents, tm.start) or (0, len(text))
    written = next((t for t in times if tm.end < t.start < tm.end + 8 and t.offset is None
                    and t.precision == "Day" and re.fullmatch(r"\s*(?i:the)\s*",
                                                               text[tm.end:t.start])), None)
    if written is not None:  # "before the March 24 flight": the event of that day
        day = written.begin
        return next((ev for trig, ev in ordered if trig.start < tm.start and any(
            day_of.get(t, ("",))[0] == day for t in _as_list(ev.get("time")))), None)
    # what "after" names ends with its clause: "Hours after it ended, the United States
    # imposed sanctions" names no drafted event (the sanctions are the main clause's)
    brk = re.search(r"[,;:\u2014]", text[tm.end:sent[1]])
    until = tm.end + brk.start() if brk else sent[1]
    following = [(sp, ev) for sp, ev in spans if tm.end <= sp.start < until]
    if not following or len(text[tm.end:following[0][0].start].split()) > AFTER_WINDOW:
        return None
    span, ev = following[0]
    if ev is not None and re.fullmatch(r"\s*(?i:the|that|this|these|those)\s+(?:[a-z][\w-]*\s+)?",
                                       text[tm.end:span.start]):
        ev = None  # "after the launches": a noun phrase repeating an event told before
    elif ev is None:
        # a verb a reference lexicon knows ("said") with its event's trigger just after it
        # ("said in a statement"): that event
        ev = next((e for sp, e in following[1:3] if e is not None
                   and re.fullmatch(r"[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*",
                                    text[span.end:sp.start]) is not None), None)
    if ev is None:  # a reference: the event it repeats
        same = [e for t, e in ordered if t.start < span.start and t.key == span.key]
        with_day = [e for e in same if any(t in day_of for t in _as_list(e.get("time")))]
        plural = re.search(r"(?i)s$", text[span.start:span.end]) is not None and \
            not re.search(r"(?i)\bthat\s+$", text[max(0, span.start - 6):span.start])
        pick = with_day or same
        ev = (pick[0] if plural or not with_day else pick[-1]) if pick else None
    return ev


# words between "after"/"before" and the event it names ("hours after Pak ... said")
AFTER_WINDOW = 20


def _move_time(tid: str, source: dict, target: dict) -> None:
    """Take the time ``tid`` from ``source`` (its other times stay) and give it to
    ``target``."""
    rest = [t for t in _as_list(source.get("time")) if t != tid]
    if rest:
        source["time"] = rest[0] if len(rest) == 1 else rest
    else:
        source.pop("time", None)
    own = _as_list(target.get("time"))
    if tid not in own:
        target["time"] = tid if not own else own + [tid]


def count_from_events(items: list[dict], events: list[dict], triggers: list[Span],
                       times: list[TimeMention], time_ids: dict,
                       context: tuple[str, list[Span], list[tuple[int, int]]],
                       learned: frozenset[str] = frozenset()) -> frozenset[str]:
    """A relative time ("the following day", "within hours") counts from the event it
    names ("after the launch"; ``context``: the text, the references and the sentences),
    else from the event of the story's current day (:func:`_story_event`): ``relativeTo``
    that event with the offset, and the build dates it. Without such an event it keeps the
    dates read from the nearest date. ``learned``: the ids of the events the learned model
    added; a time naming no event never counts from one of them (a guess of the model is no
    event the story is told around). In place; returns the ids of the events a time named
    in their sentence and now counts from, its date moved to the act told before it (their
    day is given only through that time)."""
    text, references, sents = context
    by_id = {it["id"]: it for it in items}
    # the days written (not as a plan's, nor a time of day alone, which takes the day
    # written before it and moves the story to no day), by time id: (day, where written)
    day_of = {time_ids[(t.start, t.end)]: (t.begin, t.start) for t in times
              if t.offset is None and t.precision == "Day" and t.begin and len(t.begin) == 10
              and not _PLANNED.search(text, max(0, t.start - 40), t.start) and not t.clock}
    ordered = sorted(zip(triggers, events, strict=True), key=lambda te: te[0].start)
    told = [(trig, ev) for trig, ev in ordered if ev["id"] not in learned]
    spans: list[tuple[Span, dict | None]] = sorted(
        [(t, ev) for t, ev in ordered] + [(r, None) for r in references],
        key=lambda te: te[0].start)
    moved: set[str] = set()  # events a time named, its date moved to the act told before
    last_written: tuple[str, int] | None = None  # the latest day written, and where
    last_tid: str | None = None  # its time's id
    for tm in times:
        tid = time_ids[(tm.start, tm.end)]
        if tid in day_of:
            last_written, last_tid = day_of[tid], tid
        elif tm.offset is None and tm.precision == "Interval" and tm.end_date and \
                len(tm.end_date) == 10:  # "between 2017 and 4 October 2022": its last day
            last_written, last_tid = (tm.end_date, tm.start), tid
        if tm.offset is None:
            continue
        source = _measured(text, tm, ordered, sents) if tm.duration else \
            _named(text, tm, spans, ordered, sents, day_of, times)
        offset, up_to = tm.offset, tm.offset_up_to
        if tm.duration and source is not None:
            pass  # the event it measures, never one it dates
        elif tm.duration and (_OF_EVENT.match(text, tm.end)
                              or _ADJECTIVE.fullmatch(text, tm.start, tm.end)):
            # "four days of exercises" with no event drafted for them: of no event known
            _undate(by_id[tid], "how long something not drafted lasted: no event to count from")
            continue
        elif source is not None and tid in _as_list(source.get("time")) and \
                _fronted(text, tm, ordered, sents, source) is not None:
            # "On 25 May, hours after the North fired ..., Kim said": the time opens the
            # sentence; it dates the main clause's event, counted from the one it names
            main = _fronted(text, tm, ordered, sents, source)
            assert main is not None
            _move_time(tid, source, main)
        elif source is not None and tid in _as_list(source.get("time")):
            back = _story_event(text, sents, told, day_of, tm, None)
            if back is None:
                source = None
            elif _CAME.search(text, max(0, tm.start - 30), tm.start):
                # "The launch came a day after the North fired ...": the time dates the event
                # it names; it counts back from the dated event told before it
                source, (offset, up_to) = back, _turned(offset, up_to)
            else:
                # "signed decrees on 21 February, three days before Russia invaded": the time
                # dates the act told before it, counted from the one it names as written
                # (the codebook: "fired hours before the session", the firing relativeTo
                # the session)
                _move_time(tid, source, back)
                moved.add(source["id"])
        elif source is None and tm.back:
            # "at the time of the killing" names its event: none found, none guessed
            source = None if text[tm.start:tm.end].lower().endswith(" of") else \
                _told_before(text, tm, told, sents, tid)
        elif source is None and _names_something(text, tm):
            # "two days after the grounding", "the day before Xi left": the event it names
            # was not drafted; none guessed in its place, and no date from the day before
            _undate(by_id[tid], "a count from an event it names, not drafted")
            continue
        elif source is None:
            source = _story_event(text, sents, told, day_of, tm, last_written, tid) or \
                _of_day_written(tm, told, last_tid, tid)
        if source is None and (tm.duration or tm.count):
            # how long something lasted, or a count ("two days later", "within a day"), is no
            # date of its own (the codebook): with no event to count from, it is undated, not
            # the dates read from the day written before
            what = "how long something lasted" if tm.duration else "a count from an event"
            _undate(by_id[tid], f"{what}, with no event found to count from")
            continue
        if source is None:
            continue
        if _days_of(offset) and not up_to:
            # a day counted from a dated event ("The next morning it launched ..."): the
            # events of that day count from it in turn
            base = next((day_of[t] for t in _as_list(source.get("time")) if t in day_of), None)
            day = add_offset(base[0], 0, _days_of(offset)) if base is not None else None
            if day is not None:  # None: past the calendar's years 1-9999
                day_of[tid] = (day, tm.start)
        week = _calendar_week(offset, up_to, source, day_of)
        if week is not None:
            offset, up_to = week
        item = by_id[tid]
        guess = f"{item.pop('begin', '?')} to {item.pop('end', '?')}"
        note = item.pop("note", "")
        item["relativeTo"] = source["id"]
        if offset != "PT0S" or up_to:  # PT0S is the default: the same day
            item["offset"] = offset
        if up_to:
            item["offsetUpTo"] = up_to
        item["precision"] = "OpenInterval" if item.get("precision") == "OpenInterval" \
            and not tm.unbounded else "Relative"  # "later": Relative (the codebook)
        item["note"] = f"counted from {source['id']} (about {guess})" + \
            (f"; {note}" if note else "")
    return frozenset(moved)


def _undate(item: dict, note: str) -> None:
    """Leave the time ``item`` with no date of its own: the dates read from the day written
    before are dropped, it is ``Relative``, and ``note`` says why."""
    item.pop("begin", None), item.pop("end", None)
    item["precision"] = "Relative"
    item["note"] = note


def _names_something(text: str, tm: TimeMention) -> bool:
    """The count ends with "after" or "before" and a noun phrase or a clause follows it in
    its sentence ("two days after the grounding", "hours before Xi left"), not a comma or the
    sentence's end ("two days after, ...")."""
    return tm.offset is not None and re.search(r"\b(?i:after|before)$", text[tm.start:tm.end]) \
        is not None and _NAMED_AFTER.match(text, tm.end) is not None


# what names an event of its own after "after"/"before": a determiner and a noun ("the
# grounding", "the U.S. move") or a name and a verb ("Xi left"); not a pronoun, which is the
# story's event ("hours after it ended"), nor a bare noun ("minutes after liftoff")
# (ending its clause: "after the troops shot him" tells the act in a clause of its own,
# whose event the story may hold)
_NAMED_AFTER = re.compile(r"\s+(?:(?i:the|a|an|his|her|its|their|this|that|these|those)\s+"
                          r"(?:[\w.'’-]+\s+)?[\w.'’-]+|(?!(?:It|He|She|They|We|I)\b)"
                          r"[A-Z][\w.'’-]*\s+[a-z]+(?:\s+[a-z]+)?)\s*[,.;]")


# "the previous week", "the week before" / "the following week", "the next week" read with
# no day known: anywhere in the calendar week before (after) the event's
_WEEK_BEFORE, _WEEK_AFTER = ("-P13D", "-P1D"), ("P1D", "P13D")


def _calendar_week(offset: str, up_to: str | None, source: dict,
                   day_of: dict) -> tuple[str, str] | None:
    """The calendar week (Monday to Sunday) before or after the day of the event a week is
    counted from, as (offset, offsetUpTo) from that day: "the previous week" from a Thursday
    is -P10D to -P4D (the codebook: a week is the calendar week, counted from the document's
    date or from an event); None for any other offset, or when the event's day is unknown."""
    if (offset, up_to) not in (_WEEK_BEFORE, _WEEK_AFTER):
        return None
    base = next((day_of[t][0] for t in _as_list(source.get("time")) if t in day_of), None)
    if base is None:
        return None
    day = dt.date.fromisoformat(base)
    try:
        first, last = calendar_week(day, -1 if (offset, up_to) == _WEEK_BEFORE else 1)
    except OverflowError:  # a week past the calendar's years 1-9999
        return None
    return _days(first - day), _days(last - day)


def _days(delta: dt.timedelta) -> str:
    """An xsd:duration of whole days, signed: -P3D, P10D."""
    return f"-P{-delta.days}D" if delta.days < 0 else f"P{delta.days}D"


def _fronted(text: str, tm: TimeMention, ordered: list[tuple[Span, dict]],
             sents: list[tuple[int, int]], named: dict) -> dict | None:
    """The main clause's event when a time naming an event opens its sentence ("On 25 May,
    hours after the North fired three missiles, Kim said ...", "Hours after she left, the
    North fired ..."): the first told after the clause of the event named; None when an
    event is told before the time in its sentence ("The launch came a day after ...")."""
    sent = sentence_of(sents, tm.start)
    if sent is None or any(sent[0] <= trig.start < tm.start for trig, _ in ordered):
        return None
    at = next((trig for trig, ev in ordered if ev is named), None)
    if at is None or at.start < tm.end:
        return None
    brk = re.search(r"[,;:\u2014]", text[at.end:sent[1]])
    if brk is None:
        return None
    return next((ev for trig, ev in ordered
                 if at.end + brk.end() <= trig.start < sent[1]), None)


def _of_day_written(tm: TimeMention, ordered: list[tuple[Span, dict]], last_tid: str | None,
                    own: str) -> dict | None:
    """The event that the latest day written before a relative time dates ("On 4 October
    ... a missile flew over Japan. The next day ..."), when no event of the story's day is
    there to count from: the last one told before the time; None when that day dates no
    drafted event. The codebook writes such phrases as relative times, never as the dates
    they resolve to."""
    if last_tid is None or tm.duration:
        return None
    return next((ev for trig, ev in reversed(ordered) if trig.start < tm.start
                 and last_tid in _as_list(ev.get("time"))
                 and own not in _as_list(ev.get("time"))
                 and ev.get("status") != "Hypothetical"), None)


def _told_before(text: str, tm: TimeMention, ordered: list[tuple[Span, dict]],
                 sents: list[tuple[int, int]], own: str) -> dict | None:
    """The event "at the time" or "then" looks back to (the codebook: the one told before,
    unless the text names another): the last told before the time's clause ("The review
    was unveiled in 2018, and Pyongyang called it a provocation at the time": the
    unveiling), not the event of its own clause, which it dates ("An official said at the
    time"), nor a hypothetical one, nor one its sentence tells as the second verb of the
    same subject or in a relative clause (:func:`_subordinate`). None when none is told
    before."""
    sent = sentence_of(sents, tm.start) or (0, len(text))
    cut = [m.end() for m in _CLAUSE_START.finditer(text, sent[0], tm.start)]
    clause = cut[-1] if cut else sent[0]
    before = [(trig, ev) for trig, ev in ordered if trig.end <= clause
              and own not in _as_list(ev.get("time")) and ev.get("status") != "Hypothetical"]
    if not before:
        return None
    i = len(before) - 1
    told = sentence_of(sents, before[i][0].start)
    # "sentenced him to 63 months and fined him": the sentence's first act, not the second
    # verb of its subject (nor an act of a relative or adverbial clause)
    while i > 0 and told is not None and before[i - 1][0].start >= told[0] and \
            _subordinate(text, before[i - 1][0], before[i][0]):
        i -= 1
    return before[i][1]


# where the clause of a time looking back begins: after a comma, a semicolon, a colon, or
# "and"/"but" joining two clauses
_CLAUSE_START = re.compile(r"[,;:\u2014]\s*|\s(?i:and|but|while|whereas)\s")


def _measured(text: str, tm: TimeMention, ordered: list[tuple[Span, dict]],
              sents: list[tuple[int, int]]) -> dict | None:
    """The event a duration measures: the one told last before it in its clause ("fired
    artillery for about ten hours"), not a reporting verb ("said it stayed aloft for 70
    minutes" measures what was said); at the head of its sentence, or with "of", the first
    told after it ("For an hour the drones circled", "four days of drills"); None when its
    clause tells none (the caller then counts from the story's event)."""
    sent = sentence_of(sents, tm.start)
    if sent is None:
        return None
    inside = [(trig, ev) for trig, ev in ordered if sent[0] <= trig.start < sent[1]]
    before = [(trig, ev) for trig, ev in inside if trig.end <= tm.start]
    after = [(trig, ev) for trig, ev in inside if trig.start >= tm.end]
    if _ADJECTIVE.fullmatch(text, tm.start, tm.end):
        # "a 75-minute meeting": the act the noun after it names, a word or two on
        return after[0][1] if after and _NOUN_AFTER.fullmatch(
            text, tm.end, after[0][0].start) else None
    if before:
        trig, ev = before[-1]
        if _CLAUSE_BREAK.search(text, trig.end, tm.start) is None and \
                _REPORTING.fullmatch(text[trig.start:trig.end]) is None:
            return ev
        return None
    if after and (not text[sent[0]:tm.start].strip() or _OF_EVENT.fullmatch(
            text, tm.end, after[0][0].start)):
        return after[0][1]  # "For an hour the drones circled", "four days of drills"
    return None


# a length written as an adjective ("75-minute", "three-day") and the words between it and
# the noun it modifies ("a three-day state visit")
_ADJECTIVE = re.compile(r"\w+-\w+")
_NOUN_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}")


# "four days of (preliminary) drills": the event a duration is of
_OF_EVENT = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}")
# what ends a clause between an event's verb and a duration after it
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\b(?i:that|which|who|whom|when|while|before|after|"
                           r"because|since|until|as|but)\b")


def _story_event(text: str, sents: list[tuple[int, int]], ordered: list[tuple[Span, dict]],
                 day_of: dict, tm: TimeMention, last_written: tuple[str, int] | None,
                 own: str | None = None) -> dict | None:
    """The event a relative time naming none counts from, as annotators pick it: the event
    told last before it with a day (written, or counted from another event), unless

    - it is told in a relative clause ("..., one of which came down") or shares its
      subject with the one before ("condemned ... and criticised ...", "flew over ... and
      came down"): then that one;
    - it is hypothetical (a threat's or a prediction's act): it is skipped;
    - it only reports words ("said") and its sentence tells an act of the same day before it
      ("North Korea tested a motor; Kim, who guided it, said ..."): then that act;
    - its day lies before the story's day (the latest day of the events told so far) and
      in an earlier paragraph: a look back ("the summit held on 13 November"), after
      which the story goes on: the last event of the story's day;

    and none when another day is written between that event's day and the time (the time
    then belongs to that day: its dates are kept). ``last_written``: None when any day
    written may come between. An event the time dates itself (``own``, its id: "jets flew ...
    the night before") is not counted from."""
    dated = []  # (trigger, event, day, where the day is written), in text order
    for trig, ev in ordered:
        if trig.start >= tm.start:
            break
        days = [day_of[t] for t in _as_list(ev.get("time")) if t in day_of]
        if days and own not in _as_list(ev.get("time")) and ev.get("status") != "Hypothetical":
            dated.append((trig, ev, *max(days)))
    if not dated:
        return None
    story_day = max(d[2] for d in dated)
    para = text.rfind("\n", 0, tm.start)
    i = len(dated) - 1
    if dated[i][2] < story_day and dated[i][0].start < para:
        i = max(j for j, d in enumerate(dated) if d[2] == story_day)
    sent = sentence_of(sents, dated[i][0].start)
    if dated[i][2] < story_day and sent is not None:
        # "X says the South fired the day before. Later ...": an earlier day told inside a
        # sentence whose first event is on the story's day is a look back: the story stays
        # with that event
        first = next((j for j, d in enumerate(dated)
                      if d[0].start >= sent[0] and d[2] == story_day), None)
        if first is not None and first < i:
            i = first
    while i > 0 and sent is not None and dated[i - 1][0].start >= sent[0] and \
            _subordinate(text, dated[i - 1][0], dated[i][0]):
        i -= 1
    if sent is not None and _SAYS.fullmatch(text[dated[i][0].start:dated[i][0].end]):
        # "North Korea tested a motor; Kim, who guided the test, said ... Three days later":
        # a time counts from the act its sentence tells, not from the words said of it
        act = next((j for j in range(i - 1, -1, -1) if dated[j][0].start >= sent[0]
                    and dated[j][2] == dated[i][2]
                    and not _SAYS.fullmatch(text[dated[j][0].start:dated[j][0].end])), None)
        if act is not None:
            i = act
    trig, ev, day, where = dated[i]
    if last_written is not None and last_written[1] > where and last_written[0] != day and \
            not (last_written[0] < story_day and last_written[1] < para):
        return None
    return ev


# the words between a comma and an event's trigger when the event is told in a relative
# clause ("..., one of which came down", ", when two missiles flew over") or as its
# subject's second verb (", and criticised")
_SUBORDINATE = re.compile(r"\s*(?:(?:(?:one|some|all|most|many|none|each|both|two|three|"
                          r"several) of )?(?:which|whom)\b.*|(?:who|when|where|whose)\b.*|"
                          r"(?:and|but|then|and then)\s*)", re.IGNORECASE | re.DOTALL)
# a second act of the same subject, with no comma: "... and then two more", "... and fell"
_COORDINATED = re.compile(r"[^,;:.!?()]*\s(?:and|then|and then)\s+", re.IGNORECASE)
# an event named by a noun inside another's clause ("condemned the United States for its
# just counteraction")
_NOUN_PHRASE = re.compile(r"\b(?i:its|their|his|her|the|a|an|this|that|these|those)\s+"
                          r"(?:[a-z][\w-]*\s+){0,2}$")
# an adverbial clause: its subject and the event ("... after jets flew", "... when the
# missile fell")
_ADVERBIAL = re.compile(r"\b(?i:after|before|when|while|as|because|once|until)\s+"
                        r"(?:[\w'\u2019-]+\s+){1,4}$")
# a reporting clause closing the sentence or its first clause (", South Korea's Joint
# Chiefs of Staff said." or "said, the most it has launched")
_REPORTING = re.compile(r"(?i:said|says|told reporters|reported|announced|added|stated)")
# a trigger that only reports words: a time after its sentence counts from the act told
_SAYS = re.compile(r"(?i:said|says|say|told(?: reporters)?|tells|reported|announced|added|stated|"
                   r"wrote|noted)")


def _subordinate(text: str, before: Span, trig: Span) -> bool:
    """The event at ``trig`` is not the story's, the one at ``before`` (earlier in its
    sentence) is: it is told in a relative or an adverbial clause ("after jets flew"), as
    the second verb of the same subject ("X condemned A, and criticised B"), as a noun in
    the other's clause, or it is the reporting verb closing the sentence."""
    between = text[before.end:trig.start]
    if _COORDINATED.fullmatch(between) is not None:
        return True  # "launched an ICBM and then two short-range missiles", "flew ... and fell"
    clause = re.split(r"[,;:(]", between)[-1]
    if "," in between and _SUBORDINATE.fullmatch(clause) is not None:
        return True
    if ";" not in between and _NOUN_PHRASE.search(between) is not None:
        return True
    if re.search(r"[.;]", between) is None and _ADVERBIAL.search(between) is not None:
        return True
    return "," in between and _REPORTING.fullmatch(text[trig.start:trig.end]) is not None \
        and re.match(r"\s*[.!?,;]", text[trig.end:trig.end + 3]) is not None


# "came", "followed" right before a time naming an event ("The test came two days after
# state media said"): the act told is the subject's; the time dates the event it names
_CAME = re.compile(r"\b(?i:came|comes|come|followed|follows|happened|occurred|took\s+place)"
                   r"\s+(?:(?i:just|only|about|some|barely|nearly|almost)\s+)?$")


def _turned(offset: str, up_to: str | None) -> tuple[str, str | None]:
    """A time counted the other way round: a range from -PT1H to PT0S after one event is
    PT0S to PT1H after the other ("less than an hour before"); its ends swap, so the
    later end stays the later."""
    return (_negated(up_to), _negated(offset)) if up_to else (_negated(offset), None)


def _negated(offset: str) -> str:
    return offset[1:] if offset.startswith("-") else offset if offset == "PT0S" else "-" + offset


def _days_of(offset: str) -> int:
    """Whole days of an offset of days only ("P1D", "-P2D"), else 0."""
    m = re.fullmatch(r"(-?)P(\d+)D", offset)
    return 0 if m is None else int(m.group(2)) * (-1 if m.group(1) else 1)


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]
