"""Time expressions normalized against the document's date (or the text's latest year).

Every date is drafted at the precision it is written with, from the grammar of English
dates rather than from a list of strings:

- days, day first or month first, with the month written out or abbreviated ("Nov.",
  "Sept"), an ordinal ("18th", "the 18th of November"), a weekday before it ("Friday,
  18 November") and with or without a year; ISO "2022-11-18";
- months ("November 2022", "early November", "in May"), years ("in 2019", a bare "2019"
  but not "2000 troops"), decades ("the 1990s"), seasons ("the summer of 2022", "all
  autumn"), quarters and halves ("the first quarter of 2022": an interval of months);
- intervals: "18-19 November", "November 18-19, 2022", "from 31 October to 5 November",
  "between 2017 and 4 October 2022", "from September to November", "2017-2019"; open ones
  ("since September", "before the end of 2022"). "the first ... since September 2017" (or a
  superlative, "its longest-range missile since 2017") dates the earlier event: the month
  itself; "since 5 June, when ..." is both the open interval and the day, and so is
  "since" an act told with its date ("since its creation in 2019"); "the first ... in
  five years" (or a superlative, "the largest drill held in five years") the year of the
  earlier act, counted back from the told act's year; "the five years to fiscal 2027" the
  years ending with it; two days, months or years in a row joined by "and" ("2 and 3
  November", "May and June", "2016 and 2017"), and a part of a month with the month after
  it ("late May or June"), are one interval; "the last three months of this year" (a
  count of months of a year) and "the third quarter" (the reference year's) are intervals
  of months;
- times counted from the document's date: "today", "yesterday", "three days ago", "last
  week", "this month", "early last month", "earlier this year", "last Sunday", "in the
  coming weeks" (in reported words dated by their verb, from the day they were spoken), a
  bare weekday ("on Sunday": the nearest such day on or before the document's date, or
  after it in a sentence about the future; without a document date, the nearest to the
  last day written before it);
- a time of day, and "the same day", "later that day", "later in the week" after an event:
  a mention of the day (the calendar week) the story is on, when it is known;
- times counted from an event (``offset``/``offset_up_to``, for ``kg:relativeTo``): "the
  next day", "a day after", "the day before", "within hours", "two hours before", "hours
  later", "minutes later", "overnight", "five days after", "a week later", "days later"
  (open), and counts of calendar months and years ("three months later", "a year after",
  "two years before", "three months on": P3M, P1Y, -P2Y, the count as written); they also
  get the dates read from the nearest day written before them (a count of months or years:
  the month or year it comes to, never counted from the document's date), which the
  drafter keeps when no event fits;
- a time of day ("10:48 a.m.", "at noon"): the model holds days, so it is a mention of
  the day it belongs to (joined to a date written next to it, else the last day written).

A month or day without a year takes a past year told before it in the same sentence ("in
2010, after the sinking in March") or in its paragraph's heading ("Nov. 2019."), else the
reference year, the year before when it lies more
than :data:`LOOKAHEAD_MONTHS` after the reference month (news reports look back), the year
after when it lies at most that far after it across the turn of the year and its clause is
not told in the past ("set for January", written in December); a
weekday written with it picks the year it falls in. Each mention says in ``notes`` how it
was read, so a reviewer can check it.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable

from kg.annotate.date_grammar import (
    DAY_ORDINALS,
    HALVES,
    LOOKAHEAD_MONTHS,
    MONTH_WORD,
    NUMBERS,
    ORDINALS,
    PATTERNS,
    SEASONS,
    THIRD_OF,
    THIRDS,
    WEEKDAY_WORD,
    Point,
    TimeMention,
    fill_year,
    is_valid,
    month_number,
    point_of,
    set_span,
    tense_of,
    weekday_number,
    weekday_of,
)
from kg.annotate.relative_times import FROM_EVENT, FROM_TEXT, join_clock_times, relative
from kg.annotate.text import SENTENCE_REACH, modal_pattern, sentence_start
from kg.loaders.check import add_offset

__all__ = ["TimeMention", "dateline", "find_times"]


def find_times(text: str, doc_date: str | None = None) -> list[TimeMention]:
    """Time expressions, non-overlapping, in text order."""
    taken = bytearray(len(text))  # characters already read as part of a time expression
    doc_date = doc_date or dateline(text)
    reference = _references(text, doc_date)
    fixed = _doc_reference(doc_date) if doc_date else None  # the document's (year, month)
    found: list[tuple[int, str, re.Match, TimeMention | None]] = []
    for reading, pat in PATTERNS:
        for m in pat.finditer(text):
            if any(taken[m.start():m.end()]) or not _plausible(reading, m, text):
                continue
            # a date written as a date is read at once: when it is none ("18 to December
            # 2"), its words stay free for the next pattern
            dated = None
            if reading in _READERS:
                ref = fixed if _FROM_NOW.search(m.group(0)) else reference(m.start())
                dated = _absolute(reading, m, ref, text)
                if dated is None or not _in_calendar(dated):
                    continue
                if reading == "Before":
                    _from_now(dated, doc_date)
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append((m.start(), reading, m, dated))
    out: list[TimeMention] = []
    for _, reading, m, tm in sorted(found, key=lambda f: f[0]):
        # the others count from the dates written before them
        try:
            if reading in FROM_EVENT:
                tm = relative(reading, m, out, doc_date)
            elif reading in FROM_TEXT:
                tm = FROM_TEXT[reading](m, text, out, doc_date)
        except (OverflowError, ValueError):  # counted past the calendar's years 1-9999
            tm = TimeMention(m.start(), m.end(), "Relative")
            tm.notes.append(f"'{m.group(0)}': counted past the calendar's years 1-9999; "
                            "left undated")
        if tm is not None:
            out.append(tm if _in_calendar(tm) else _out_of_calendar(tm))
    return [tm if _in_calendar(tm) else _out_of_calendar(tm) for tm in _days_of_month(
        text, _years_to(text, _first_in_told_year(text, _since_when(text, _since_told(
            text, _since_counted(text, _as_early_as(text, _open_ends(
                text, _join_ranges(text, join_clock_times(text, out)), doc_date))))))))]


# a date of the calendar's years 1-9999, as the drafter writes it (a year, a month or a day)
_CALENDAR_DATE = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d\d)?)?")


def _in_calendar(tm: TimeMention) -> bool:
    """Whether the dates ``tm`` was read as lie within the calendar's years 1-9999 (a month
    without its year told near a document dated 9999 would fall in 10000)."""
    return all(v is None or _CALENDAR_DATE.fullmatch(v) for v in (tm.begin, tm.end_date))


def _out_of_calendar(tm: TimeMention) -> TimeMention:
    tm.precision, tm.begin, tm.end_date = "Relative", None, None
    tm.notes.append("read outside the calendar's years 1-9999; left undated")
    return tm


# "the first ten days of November": N days of a month ("the last five days" is read as a
# window before the document's date)
_DAYS_OF = re.compile(r"\b(?i:the)\s+(?i:first)\s+(?P<n>\d{1,2}|(?i:two|three|four|five|"
                      r"six|seven|eight|nine|ten|eleven|twelve))\s+(?i:days)(?:\s+(?i:of))?\s+$")


def _counted_before(pattern: re.Pattern, text: str,
                    tm: TimeMention) -> tuple[re.Match, int] | None:
    """The phrase that counts N just before a time ("the first ten days of", "the five years
    to"), ending where it starts, and N (its group ``n``, in digits or words)."""
    lead = pattern.search(text, max(0, tm.start - 40), tm.start)
    if lead is None:
        return None
    word = lead.group("n").lower()
    return lead, int(word) if word.isdigit() else NUMBERS[word]


def _days_of_month(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"the first ten days of November": an ``Interval`` of those days of the month written
    (its 1st to its 10th), as a part of a month is (the codebook), quoted from "the"."""
    for tm in times:
        if tm.offset is not None or tm.precision != "Month" or not tm.begin \
                or len(tm.begin) != 7 or tm.begin != tm.end_date:
            continue
        counted = _counted_before(_DAYS_OF, text, tm)
        if counted is None:
            continue
        lead, n = counted
        days = calendar.monthrange(int(tm.begin[:4]), int(tm.begin[5:7]))[1]
        if not 0 < n < days:
            continue
        lo, hi = 1, n
        tm.start, tm.precision = lead.start(), "Interval"
        tm.begin, tm.end_date = f"{tm.begin}-{lo:02d}", f"{tm.end_date}-{hi:02d}"
        tm.notes.append(f"the first {n} days of the month")
    return times


# "the five years to fiscal 2027", "in the three years through 2020": N years ending with one
_YEARS_TO = re.compile(r"\b(?i:the)\s+(?P<n>\d{1,2}|(?i:two|three|four|five|six|seven|eight|nine|"
                       r"ten))\s+(?i:years)\s+(?i:to|through|ending(?:\s+in)?|up\s+to)\s+$")


def _years_to(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"over the five years to fiscal 2027": the N years ending with the year (a calendar
    or a fiscal one) written, an ``Interval`` from the first's first month (year) to the
    last's end, quoted from "the"; the year written stays a mention of its own inside it."""
    out: list[TimeMention] = []
    for tm in times:
        out.append(tm)
        if tm.offset is not None or not tm.begin or not tm.end_date or tm.earlier \
                or tm.precision not in ("Year", "Interval") or len(tm.begin) not in (4, 7) \
                or int(tm.end_date[:4]) - int(tm.begin[:4]) > 1:
            continue
        counted = _counted_before(_YEARS_TO, text, tm)
        if counted is None:
            continue
        lead, n = counted
        begin = f"{int(tm.begin[:4]) - n + 1:04d}" + tm.begin[4:]
        out.insert(len(out) - 1, TimeMention(
            lead.start(), tm.end, "Interval", begin, tm.end_date,
            [f"the {n} years ending with {text[tm.start:tm.end]}: from {begin}"]))
    return out


# "since its creation in 2019", "since Russia invaded Ukraine on 24 February", "since the
# start of 2022": "since" and a short phrase or clause that a date closes
_SINCE_TOLD = re.compile(r"\b(?i:since)\s+(?:[\w'\u2019-]+\s+){1,6}?(?:(?i:in|on|during)\s+|"
                         r"(?i:the\s+(?:start|beginning|end|middle)\s+of)\s+)?$")
_DATE_PREP = re.compile(r"(?i:in|on|during)\s")
# a date counted from the document's, told right after the act ("since the summit last
# August", "since the election last year")
_COUNTED_NOW = re.compile(r"(?i:last|earlier this|late last|early last)\s")


def _since_told(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"since" X where X is an act told with its date ("had laundered $7 billion since its
    creation in 2019", "has fired 40 missiles since the Council failed to act in May", "has
    deepened since the summit last August"): the
    codebook's "since X", an open interval from that date (at its own precision), quoted
    from "since", and the date itself, a mention of its own inside it that dates the act X
    tells (as "since X, when ..." does); not after "the first ... since" (the date of the
    earlier act) nor an ordinal ("the ninth since the start of 2022": X dated as written),
    as for a date written right after "since"."""
    out: list[TimeMention] = []
    for tm in times:
        out.append(tm)
        if tm.offset is not None or tm.clock or tm.earlier or tm.duration or not tm.begin \
                or tm.precision not in ("Day", "Month", "Year") or tm.begin != tm.end_date:
            continue
        lead = _SINCE_TOLD.search(text, max(0, tm.start - 80), tm.start)
        if lead is None or re.search(r"[,;:.!?()\u2014\"\u201c\u201d]", lead.group(0)) or not (
                lead.group(0).rstrip().lower().endswith(("in", "on", "during", "of"))
                or _DATE_PREP.match(text, tm.start)
                or (_COUNTED_NOW.match(text, tm.start)
                    and not re.match(r"(?i:since\s+(?:then|that|this)\s+$)", lead.group(0)))):
            continue
        clause = re.split(r"[,;:!?]|\.(?!\s+[a-z])(?<!\b[A-Z]\.)",
                          text[max(0, lead.start() - 120):lead.start()])[-1]
        if _ORDINAL.search(clause) or _SUPERLATIVE.search(clause):
            continue
        out.insert(len(out) - 1, TimeMention(
            lead.start(), tm.end, "OpenInterval", tm.begin, None,
            ["'since' an act told with its date: open, from that date"]))
    return out


def _first_in_told_year(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"... on 24 March 2022, its first ICBM launch in more than four years": the earlier
    act's year is the told act's year less N (the codebook), and the told act's is that of
    the date written last before the phrase in its sentence, when there is one (else the
    reference year the phrase was read with)."""
    for i, tm in enumerate(times):
        if not tm.years_back:
            continue
        cut = max((m.end() for m in _SENTENCE_END.finditer(text, 0, tm.start)), default=0)
        told = next((t for t in reversed(times[:i]) if t.start >= cut and t.offset is None
                     and not t.earlier and not t.duration and t.begin
                     and t.precision in ("Day", "Month", "Year", "Season", "Interval")), None)
        if told is None or told.begin is None:
            continue
        year = int(told.begin[:4]) - tm.years_back
        if str(year) != tm.begin:
            tm.begin = tm.end_date = f"{year:04d}"
            tm.notes.append(f"counted back from {told.begin[:4]}, the year of the act told "
                            "before it")
    return times


# "from 20 May", "from June": a start with no end told ("up from", "down from" compare)
_FROM = re.compile(r"(?<!\bup )(?<!\bdown )(?<!\brose )(?<!\bfell )(?<!\bdropped )"
                   r"(?<!\bincreased )(?<!\bdecreased )(?<!\bdeclined )\b(?i:from)\s+$")
# "after 2016", "before 2017": not a count before it ("two days after", "the day before",
# "shortly after", "soon after": a time near the date, not all of it after or before)
_AFTER_BEFORE = re.compile(r"(?:\b(?P<prev>[A-Za-z]+)\s+)?\b(?P<w>(?i:after|beyond|before))\s+$")
_COUNTED_BY = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
               "hours", "night", "nights", "shortly", "soon", "just", "right", "immediately",
               "eve", "morning", "evening", "afternoon"}
_STARTING = re.compile(r"\b(?i:starting|beginning)\s+(?i:(?:in|on|from)\s+)?$")
_TO_FOLLOWS = re.compile(r"\s*(?:[-\u2013]|(?i:to|until|till|through|and)\b)")


def _open_ends(text: str, times: list[TimeMention],
               doc_date: str | None) -> list[TimeMention]:
    """A date a range does not close: "from 20 May" (no "to" after it) is open, from that
    date (the codebook's "since X"); "after 2016" is open from the next year (month),
    "before 2017" open to the one before (the codebook's "until X"), or, when the date is
    still ahead of the document's, the interval from the document's date to then (a year
    or a month: "after March 3, the talks resumed" tells of a day). Only a date written
    alone, quoted with its word."""
    for tm in times:
        lead_text = text[max(0, tm.start - 24):tm.start]
        starting = _STARTING.search(lead_text)
        if starting is not None and tm.offset is None and not tm.clock and tm.begin \
                and tm.precision in ("Day", "Month", "Year", "Interval") \
                and not _TO_FOLLOWS.match(text, tm.end):
            # "through several channels starting in mid-February": open, from its first day
            tm.start -= len(lead_text) - starting.start()
            tm.precision, tm.end_date = "OpenInterval", None
            tm.notes.append("'starting' with no end told: open, from then")
            continue
        if tm.offset is not None or tm.clock or tm.earlier or tm.duration \
                or tm.precision not in ("Day", "Month", "Year") or not tm.begin \
                or tm.begin != tm.end_date:
            continue
        if re.match(r"['\u2019]s\b", text[tm.end:tm.end + 3]):
            continue  # "before next year's election": the time of the election, not a span
        own = re.match(r"(?i:from)\s+", text[tm.start:tm.end])
        if (_FROM.search(lead_text) or own) and tm.precision in ("Day", "Month") \
                and not _TO_FOLLOWS.match(text, tm.end):
            lead = _FROM.search(lead_text)
            if lead is not None:
                tm.start -= len(lead_text) - lead.start()
            tm.precision, tm.end_date = "OpenInterval", None
            tm.notes.append("'from' with no end told: open, from then")
            continue
        word = _AFTER_BEFORE.search(lead_text)
        if word is None or (word.group("prev") or "").lower() in _COUNTED_BY \
                or tm.precision == "Day":  # "after March 3, the talks": a day stays one
            continue
        after = word.group("w").lower() in ("after", "beyond")  # the codebook: as "after"
        if not after and doc_date and tm.precision == "Month" \
                and not re.search(r"\d{4}", text[tm.start:tm.end]) \
                and str(tm.begin)[5:7] > doc_date[5:7] and str(tm.begin) < doc_date[:7] \
                and tense_of(text, tm.start, tm.end) in ("present", "future"):
            # a deadline told in the present or the future is still to come: "more tests
            # are likely before December" in October is this December, not last year's
            # (which a past act later in the year than the document's month would be)
            tm.begin = tm.end_date = f"{doc_date[:4]}-{str(tm.begin)[5:7]}"
            tm.notes.append("'before X' still to come: this year's")
        edge = _shift(tm.begin, 1 if after else -1)
        if edge is None:  # after 9999 or before year 1: left as written
            continue
        tm.start -= len(lead_text) - word.start("w")
        if after:
            tm.precision, tm.begin, tm.end_date = "OpenInterval", edge, None
            tm.notes.append("'after X': open, from the next day, month or year")
        else:  # the codebook: "by X", open with only an end (never from the document's date)
            tm.precision, tm.begin, tm.end_date = "OpenInterval", None, edge
            tm.notes.append("'before X': open, ending with the one before")
    return times


def _shift(iso: str, step: int) -> str | None:
    """The day, month or year (as ``iso`` is written) ``step`` after it; None outside the
    calendar's years 1-9999."""
    if len(iso) in (4, 7):  # a year or a month: its first day moved by years or months
        moved = add_offset((iso + "-01-01")[:10], step * (12 if len(iso) == 4 else 1), 0)
        return moved[:len(iso)] if moved else None
    return add_offset(iso, 0, step)


_WHEN = re.compile(r",\s+(?i:when)\b")
_PRECISIONS = {4: "Year", 7: "Month", 10: "Day"}


def _since_when(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"had not fired a missile since 5 June, when it launched eight": besides the open
    interval from X, X itself dates the act the "when" clause tells: a mention of X alone,
    at its own precision, inside the other."""
    out: list[TimeMention] = []
    for tm in times:
        out.append(tm)
        lead = re.match(r"(?i:since)\s+", text[tm.start:tm.end])
        if lead is None or tm.precision != "OpenInterval" or not tm.begin \
                or tm.end_date or not _WHEN.match(text, tm.end):
            continue
        precision = _PRECISIONS.get(len(tm.begin))
        if precision is None:
            continue
        out.append(TimeMention(tm.start + lead.end(), tm.end, precision, tm.begin, tm.begin,
                               ["'since X, when ...': X dates what the clause tells"]))
    return out


# a time counted from the document's date, whatever year the sentence tells of
_FROM_NOW = re.compile(r"\b(?i:this|last|next|coming|past|ago|today|yesterday|tomorrow)\b")
_AS_EARLY_AS = re.compile(r"\b(?i:as early as)\s+$")


_SINCE = re.compile(r"(?i:since)\s+")
_SINCE_BEFORE = re.compile(r"\b(?i:since)\s+$")


def _since_counted(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"since last year", "since December of last year", "since March last year": "since"
    a month or a year counted from the document's date is open, from its first day (the
    codebook's "since X"), quoted from "since"; not after "the first ... since" or an
    ordinal (the date of the earlier act, as written)."""
    for tm in times:
        if tm.offset is not None or tm.clock or tm.earlier or tm.duration or not tm.begin \
                or tm.precision not in ("Month", "Year") or tm.begin != tm.end_date \
                or not _FROM_NOW.search(text, tm.start, tm.end):
            continue
        lead = _SINCE_BEFORE.search(text, max(0, tm.start - 12), tm.start)
        if _SINCE.match(text, tm.start, tm.end):  # "since" read with the date
            start = tm.start
        elif lead is not None:
            start = lead.start()
        else:
            continue
        clause = re.split(r"[,;:!?]|\.(?!\s+[a-z])(?<!\b[A-Z]\.)",
                          text[max(0, start - 120):start])[-1]
        if _ORDINAL.search(clause) or _SUPERLATIVE.search(clause):
            continue
        tm.start, tm.precision, tm.end_date = start, "OpenInterval", None
        tm.notes.append("'since' a date counted from the document's: open, from then")
    return times


def _as_early_as(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """"as early as this month", "as early as 2023": the earliest the event may come: an
    open interval from that date (its first day at its precision), quoted with the words."""
    for tm in times:
        lead = _AS_EARLY_AS.search(text, max(0, tm.start - 16), tm.start)
        if lead is None or tm.offset is not None or not tm.begin or tm.precision in (
                "OpenInterval", "Relative"):
            continue
        tm.start, tm.precision, tm.end_date = lead.start(), "OpenInterval", None
        tm.notes.append("'as early as': open, from then")
    return times


def _join_ranges(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """Two dates read apart that a range joins ("between early October and late November
    2022", "from early October to late November"): one ``Interval`` from the first's first
    day to the second's last; with a clause between them ("between Oct. 16, when the
    congress opened, and Nov. 7") each date stays a date of its own as well. Two days or
    two months in a row joined by "and" ("on 2 and 3 November", "in May and June") are one
    ``Interval`` too, and so are two years in a row ("in 2016 and 2017") and a part of a
    month with the month after it ("in late May or June"); others ("on 2 and 5 November",
    "the 2018 and 2020 editions") stay apart."""
    out: list[TimeMention] = []
    for tm in times:
        prev = out[-1] if out else None
        if prev is not None and prev.offset is None and tm.offset is None and prev.begin \
                and (tm.end_date or tm.begin) and not prev.duration and not tm.duration \
                and re.fullmatch(r"(?:,\s+(?i:when|as|after)\s[^.;:!?()]{1,80},)?"
                                 r"\s*(?i:and|to|until|till|through|-|\u2013)\s*",
                                 text[prev.end:tm.start]):
            opened = re.search(r"\b(?i:between|from)\s+$", text[max(0, prev.start - 9):prev.start])
            told = "," in text[prev.end:tm.start]
            if (opened or re.match(r"(?i:from)\s", text[prev.start:prev.end])) and told:
                # "between Oct. 16, when the congress opened, and Nov. 7": the range, and each
                # end a date of its own (the first dates what its clause tells)
                span = TimeMention(prev.start - (len(opened.group(0)) if opened else 0), tm.end,
                                   "Interval", prev.begin, tm.end_date or tm.begin,
                                   ["a range around a clause told of its first date"])
                out[-1:] = [span, prev, tm]
                continue
            if opened or re.match(r"(?i:from)\s", text[prev.start:prev.end]):
                year = re.search(r"\b(?:19|20)\d\d\b", text[tm.start:tm.end])
                if year and not re.search(r"\b(?:19|20)\d\d\b", text[prev.start:prev.end]):
                    # "between mid-March and early May 2021": the second's year is the first's
                    begin = year.group(0) + prev.begin[4:]
                    if begin > (tm.end_date or tm.begin or ""):
                        begin = str(int(year.group(0)) - 1) + prev.begin[4:]
                    prev.begin = begin
                if opened:
                    prev.start -= len(opened.group(0))
                prev.end, prev.precision = tm.end, "Interval"
                prev.end_date = tm.end_date or tm.begin
                prev.notes.append("a range: from the first date's first day to the second's last")
                continue
        if prev is not None and _next_to(prev, tm) and re.fullmatch(
                r"\s*(?i:and|or)\s*", text[prev.end:tm.start]):
            # "on 2 and 3 November", "in May and June", "in 2016 and 2017", "in late May or
            # June": one span, from the first to the last
            prev.end, prev.precision, prev.end_date = tm.end, "Interval", tm.end_date
            prev.notes.append("two days (months, years) in a row: one interval")
            continue
        out.append(tm)
    return out


def _next_to(a: TimeMention, b: TimeMention) -> bool:
    """Two days, two months or two years in a row (the second the day, month or year after
    the first), or a part of a month and the month after it ("late May or June")."""
    if a.offset is not None or b.offset is not None or a.duration or b.duration \
            or a.earlier or b.earlier or not a.begin or not b.begin \
            or b.precision not in ("Day", "Month", "Year") or b.begin != b.end_date:
        return False
    if a.precision == "Interval" and b.precision == "Month" and a.end_date \
            and len(a.begin) == len(a.end_date) == 10 and a.begin[:7] == a.end_date[:7]:
        # a part of a month ("late May") running to the month's end, then the next month
        year, month = int(a.end_date[:4]), int(a.end_date[5:7])
        return a.end_date == _last_day(year, month) and _shift(a.end_date[:7], 1) == b.begin
    if a.precision != b.precision or a.begin != a.end_date:
        return False
    return _shift(a.begin, 1) == b.begin


def dateline(text: str) -> str | None:
    """The day of a wire's dateline ("SEOUL, Dec. 28, 2022 (...)") or of a line that is a
    date alone, in the first lines of the text: the document's date when none is given."""
    lines = [ln.strip() for ln in text[:600].splitlines()[:6]]
    for line in lines:
        m = _DATELINE.match(line)
        if m is None:
            continue
        tm = _absolute("Day", m, None, line)
        if tm is not None and tm.begin and len(tm.begin) == 10:
            return tm.begin
    # a byline or a note under the headline ("Digest, March 30, 2022", "Prepared by the
    # team, 10 November 2022", "Updated 18 November 2022 09:10 KST"): a line that is no
    # sentence, with a day written with its year
    for line in lines[1:]:
        if not line or line[-1] in ".!?" or len(line) > 100:
            continue
        for m in _DAY.finditer(line):
            tm = _absolute("Day", m, None, line)
            if tm is not None and tm.begin and len(tm.begin) == 10 and (
                    m.group("ay") or m.group("by") or m.group("iso")):
                return tm.begin
    return None


_DAY = dict(PATTERNS)["Day"]


_DATELINE = re.compile(r"(?:[A-Z][A-Z.'/ -]+,\s+)?" + dict(PATTERNS)["Day"].pattern[2:] +
                       r"(?:\s*\([^)]*\))?\s*(?:[-\u2013\u2014]+\s.*)?$")


def _from_now(tm: TimeMention, doc_date: str | None) -> None:
    """An open interval with only an end on or after a dated document's day, read otherwise
    than as "by X": from the document's day on ("by", "before" or "until the end of the
    year" is the codebook's "by X": open, with only an end)."""
    if tm.precision == "OpenInterval" and tm.notes[-1:] != [_BY_END] and not tm.begin \
            and tm.end_date and doc_date and len(doc_date) == 10 and doc_date <= tm.end_date:
        tm.precision, tm.begin = "Interval", doc_date
        tm.notes.append("from the document's date")


def _plausible(reading: str, m: re.Match, text: str) -> bool:
    """The match is a date at all: its days exist; a month-first day without a year is no
    count ("in March 18 people died")."""
    for p in ("", "s", "f", "l"):
        pt = point_of(m, p) if reading in ("Day", "DaysOfMonth", "Between", "Since") else None
        if pt is not None and not is_valid(pt):
            return False
    if reading == "AtOnce" and re.search(
            r"\b(?i:two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|\d+)\s+"
            r"(?:[a-z-]+\s+){0,3}[a-z-]+s\b[^,.;:]*$",
            text[max(0, m.start() - 80):m.start()]):
        return False  # "fired two missiles at once": at the same time, no time of its own
    if reading == "AtOnce" and re.search(r"\b(?i:to)\s+[a-z]+\b[^,.;:]*$",
                                         text[max(0, m.start() - 60):m.start()]):
        return False  # "urged Japan to correct it at once": an act demanded, not told
    if reading == "Day" and m.group("bm") and not m.group("by") and not m.group("w"):
        # "November 18" alone: after a preposition or before punctuation (a dateline's dash,
        # "SEOUL, Dec. 20 -- North Korea"), not "In March 18 people died"
        # "Oct. 26" (an abbreviation with its point) is no count
        return bool(re.match(r"[A-Z][a-z]{2,3}\.", m.group("bm"))
                    or re.search(r"\b(?i:on|by|until|till|from|since|before|after|of|the|"
                                 r"dated)\s+$", text[max(0, m.start() - 7):m.start()])
                    or re.match(r"\s*(?:[,.;:)!?]|$|(?i:at)\b|(?<=\s)[-\u2013\u2014]|"
                                r"(?i:and|or)\s+[0-3]?\d"
                                r"(?:st|nd|rd|th)?\s*(?:[,.;:)!?]|$))", text[m.end():]))
    if reading == "WeekdayRange" and m.group(0).lower().startswith("on"):
        # "on Wednesday and Thursday": one interval only for two days in a row
        return (weekday_number(m.group("w2")) - weekday_number(m.group("w1"))) % 7 == 1
    if re.search(r"\s(?i:and)\s", m.group(0)) and not m.group(0).lower().startswith("between"):
        return False  # "on 2 and 5 November": two days, not an interval
    if reading == "Year" and m.group(0) == m.group("y"):
        # a year cited after a number ("resolution 2397 (2017)") dates no event of the
        # text; a year before a noun does, as a day does ("the 2019 test", "the 24 March
        # launch")
        before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 2]
        if re.search(r"\d\s*\($", before) and after.startswith(")"):
            return False
        # a number that names something ("resolution 2094", "No. 2017", "Article 2010")
        if re.search(r"\b(?i:resolutions?|no\.|number|article|section|unit|flight|"
                          r"route|model|type|item|paragraph)\s+(?:\d+(?:\s*,\s*|\s+(?:and|or)\s+))*$",
                          before):
            return False
    if reading in ("DaysOfMonth", "MonthDays"):
        return 1 <= int(m.group("d1")) <= 31 and (reading == "DaysOfMonth" or
                                                  1 <= int(m.group("d2")) <= 31)
    return True


def _references(text: str, doc_date: str | None) -> Callable[[int], tuple[int, int] | None]:
    """The reference (year, month or 0) of a date written at a position: the document's date,
    else the latest year written before it (else in the whole text), else None."""
    if doc_date:
        fixed = _doc_reference(doc_date)
        headings = _heading_years(text)
        return lambda pos: _year_told(text, pos, fixed[0], headings) or fixed
    ends: list[int] = []
    latest: list[int] = []  # one pass: the latest year written up to each year's end
    for m in re.finditer(r"(?:19|20)\d\d", text):
        ends.append(m.end())
        latest.append(max(int(m.group(0)), latest[-1] if latest else 0))
    if not ends:
        return lambda _pos: None

    def at(pos: int) -> tuple[int, int]:
        i = bisect_right(ends, pos)
        return (latest[i - 1] if i else latest[-1]), 0

    return at


# a year that sets the scene for the dates after it: "in 2010" (also "in early 2010", "in
# the spring of 2010") earlier in the same sentence, or a heading that opens the paragraph
# ("Nov. 2019." in a timeline: its items' days are of that month's year)
_SCENE_YEAR = re.compile(r"\b(?i:in|during)\s+(?:(?:the\s+)?(?:[a-z]+\s+of\s+|early\s+|mid-|"
                         r"late\s+))?(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d\d)\b(?!\s*[-\u2013/]\d)")
_HEADING_YEAR = re.compile(r"(?:^|\n)\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
                           r"[a-z]*\.?\s+)?((?:19|20)\d\d)[.:]\s")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSept)[.!?]\s+(?=[A-Z\"'])|\n")


def _doc_reference(doc_date: str) -> tuple[int, int]:
    parts = doc_date.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0


# a paragraph that opens with a day as a timeline's entry does ("July 1. Officials meet
# ...", "Sept. 18: ...", "29 May 2014."), its year written or not
_HEADING_DAY = re.compile(r"[ \t]*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                          r"Sunday),?\s+)?(?:(?P<m1>January|February|March|April|May|June|July|"
                          r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|"
                          r"Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+[0-3]?\d|[0-3]?\d\s+(?P<m2>January|"
                          r"February|March|April|May|June|July|August|September|October|"
                          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
                          r"\.?)(?:,?\s+(?P<y>(?:19|20)\d\d))?[.:]\s")


# a paragraph that opens with a month and its year, or a year alone, as a timeline's entry
# does ("October 2020. The High Court ...", "2019: ...")
_HEADING_MONTH = re.compile(rf"[ \t]*(?:(?P<m>{MONTH_WORD})\.?\s+)?(?P<y>(?:19|20)\d\d)[.:]\s")


def _heading_years(text: str) -> dict[int, int]:
    """The year of each timeline entry written without one: that of the entry before it
    with its year written (a day's, or a month's or a year's alone: "October 2020."), the
    entries between in calendar order ("May 29, 2014." then "July 1.", "Oct. 27.": 2014); an
    entry whose month comes before the last one's is the next year's ("October 2020." then
    "9 March.": 2021). Keyed by the start of the entry's paragraph."""
    years: dict[int, int] = {}
    run: tuple[int, int] | None = None
    for start in [0, *(m.end() for m in re.finditer("\n", text))]:
        m = _HEADING_DAY.match(text, start)
        if m is None:
            head = _HEADING_MONTH.match(text, start)
            if head is not None:
                run = (int(head.group("y")), month_number(head.group("m")) if head.group("m")
                       else 0)
            continue
        month = month_number(m.group("m1") or m.group("m2"))
        if m.group("y"):
            run = (int(m.group("y")), month)
        elif run is not None:
            run = (run[0] + (month < run[1]), month)
            years[start] = run[0]
    return years


def _year_told(text: str, pos: int, doc_year: int,
               headings: dict[int, int] | None = None) -> tuple[int, int] | None:
    """The year a date written without one takes from the text rather than the document's
    date: a year told in the same sentence before it ("It returned in 2010, after the
    sinking of the Cheonan in March": March 2010), or a paragraph heading's ("Nov. 2019.
    The navy captures the fishermen on Nov. 2"), or, in a timeline entry written without
    its year, the year the entries before it run in (``headings``, :func:`_heading_years`),
    or the year of a story of an earlier year its paragraph tells (:func:`_story_year`).
    The reference is that year's last month, so any month of it is read in it (a timeline
    entry's: the year with no month, so that neither the tense nor the turn of the year
    moves it); None when no such year is written, or it is not before the document's year.
    Times counted from now ("last summer") keep the document's date (:func:`find_times`).
    The sentence and the paragraph are looked for at most :data:`SENTENCE_REACH`
    characters back (a text with no sentence end or line break is read in linear time)."""
    lo = max(0, pos - SENTENCE_REACH)
    para = text.rfind("\n", lo, pos) + 1 or lo
    heading = _HEADING_YEAR.match(text, max(0, para - 1))
    cut = max((m.end() for m in _SENTENCE_END.finditer(text, lo, pos)), default=lo)
    told = [m for m in _SCENE_YEAR.finditer(text, cut, pos)]
    year = int(told[-1].group(1)) if told else (int(heading.group(1)) if heading else None)
    month = 12
    if year is None and headings and para in headings:
        year, month = headings[para], 0  # a timeline's entry: the year its entries run in
    if year is None:
        year = _story_year(text, pos, para, doc_year)  # a story of an earlier year
    if year is None or year >= doc_year:
        return None  # a year ahead: the future tense reads the dates after it
    return year, month


# a day written with its year ("31 May 2020", "Monday, 14 December 2020", "May 31, 2020")
_FULL_DAY = re.compile(rf"\b(?:(?P<d1>[0-3]?\d)\s+(?P<m1>{MONTH_WORD})|(?P<m2>{MONTH_WORD})\s+"
                       r"(?P<d2>[0-3]?\d),)\s+(?P<y>(?:19|20)\d\d)\b")
# a day written without one where a date's match starts ("On 4 June", "between 25 and 29
# April", "on Monday, 12 June"); not one whose year follows
_DAY_AT = re.compile(rf"(?:(?i:on|by|from|until|between|early|late|{WEEKDAY_WORD}),?\s+)*"
                     rf"(?:(?P<d1>[0-3]?\d)(?:\s+and\s+[0-3]?\d)?\s+(?P<m1>{MONTH_WORD})|"
                     rf"(?P<m2>{MONTH_WORD})\s+(?P<d2>[0-3]?\d)\b)(?![\w,]*\s*(?:19|20)\d\d)")
# what makes a full day no scene for the days after it: an open end before it ("since 12
# March 1993") or the present named after it ("This spring ...", "now")
_OPEN_BEFORE = re.compile(r"\b(?i:since|until|till|before)\s+(?:\w+\s+)?$")
_PRESENT = re.compile(r"\b(?i:(?:this|last|next)\s+(?:year|spring|summer|autumn|fall|winter|"
                      r"month|week)|now|today)\b")


def _story_year(text: str, pos: int, para: int, doc_year: int) -> int | None:
    """The year of a story told in the past, for the day written without a year at ``pos``:
    that of the latest day written with its year before it in its paragraph, where that
    year is before the document's and the day follows it in the calendar ("The story starts
    on 31 May 2020 ... On 4 June ...": 2020; a brief of 10 November 2023). Not after an
    open end ("since 12 March 1993") or once the present is named between them ("This
    spring ..."). Measured on DEV (session 37): 3 days right more, 1 fewer; a paragraph
    further back, 1 fewer again."""
    m = _DAY_AT.match(text, pos)
    full = None
    if m is not None:
        full = next(reversed(list(_FULL_DAY.finditer(text, para, pos))), None)
    if m is None or full is None or int(full.group("y")) >= doc_year \
            or _OPEN_BEFORE.search(text, max(0, full.start() - 20), full.start()) \
            or _PRESENT.search(text, full.end(), pos):
        return None
    here = (month_number(m.group("m1") or m.group("m2")), int(m.group("d1") or m.group("d2")))
    there = (month_number(full.group("m1") or full.group("m2")),
             int(full.group("d1") or full.group("d2")))
    return int(full.group("y")) if here >= there else None


def _absolute(reading: str, m: re.Match, ref, text: str) -> TimeMention | None:
    tm = TimeMention(m.start(), m.end(), reading)
    read = _READERS.get(reading)
    if read is None:
        return None
    return tm if read(tm, m, ref, text) is not False else None


# a time a comparison looks back to: "more serious than in November"
_COMPARED = re.compile(r"\b(?i:than)\s+(?:(?i:in|on|at|during)\s+)?$")
# a month naming a thing told before: "the February agreement", "its December tests"
_NAMING_MONTH = re.compile(r"\b(?i:the|its|their|his|her|that|this)\s+$")


def _future(tm: TimeMention, pt: Point, text: str) -> bool:
    """A date written without a year, told in the future tense; not a month that names a
    thing ("would no longer be bound by the February agreement": the one made, not the next
    February's), nor a time a comparison looks back to ("would be more serious than in
    November")."""
    if pt.day is None and _NAMING_MONTH.search(text, max(0, tm.start - 8), tm.start) \
            and re.match(r"\s+[a-z]", text[tm.end:tm.end + 3]):
        return False
    if _COMPARED.search(text, max(0, tm.start - 12), tm.start):
        return False
    if pt.year is None and _leaves_before(text, tm.start):
        return True
    return pt.year is None and tense_of(text, tm.start, tm.end) == "future"


_MODAL = modal_pattern()
_SUBORDINATOR = re.compile(r"\b(?:before|until|till|once|by the time)\b")
_PRESENT_VERB = re.compile(r"\b(?:[a-z]+s|is|are)\b")
# a verb of the past between the subordinator and the time: no clause of the present
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|[a-z]+ed)\b")


def _leaves_before(text: str, start: int) -> bool:
    """The time at ``start`` is told in a subordinate clause of the present ("before he
    leaves office on 20 January") after a modal of its sentence's main clause ("would not
    go", "a dispute may well surface"): the present of a clause about the future. Each
    pattern is searched once over the sentence (linear in its length)."""
    lo = sentence_start(text, start)
    subs = list(_SUBORDINATOR.finditer(text, lo, start))
    sub = subs[-1] if subs else None  # the last subordinator: the clause the time is in
    if sub is None or _MODAL.search(text, lo, sub.start()) is None:
        return False
    return _PRESENT_VERB.search(text, sub.end(), start) is not None and \
        _PAST_VERB.search(text, sub.end(), start) is None


def _told_past(tm: TimeMention, ref: tuple[int, int] | None, text: str) -> bool:
    """The time is told in a clause of the past, read only where it matters: a reference
    month whose next months lie across the turn of the year (a December's January)."""
    return bool(ref and ref[1] and ref[1] + LOOKAHEAD_MONTHS > 12
                and tense_of(text, tm.start, tm.end) == "past")


def _ahead(tm: TimeMention, pt: Point, text: str) -> bool:
    """A date written without a year, still to come from the document's date: told in the
    future tense, not a future seen from a past moment ("told lawmakers that a test would
    fall between Oct. 16 and ...", in a brief of January)."""
    lo = sentence_start(text, tm.start)
    if pt.year is None and _COMMITTED.search(text, lo, tm.start):
        return True  # "agreed to meet again in early November": after the agreement
    return _future(tm, pt, text) and not re.search(r"\bwould\b", text[lo:tm.start])


# a commitment to a later act, before a date without a year in its sentence: the date may
# lie ahead of the document's month ("The parties agreed to meet again in early November",
# written in September), or before it, in the year told
_COMMITTED = re.compile(r"\b(?:agreed|agrees|decided|decides|promised|promises|pledged|"
                        r"pledges|vowed|vows|planned|plans)\s+to\b")


def _read_day(tm, m, ref, text) -> bool:
    pt = point_of(m, "")
    if pt is None or not fill_year(pt, ref, tm.notes, future=_future(tm, pt, text),
                                   ahead=_ahead(tm, pt, text),
                                   told_past=_told_past(tm, ref, text)) or not is_valid(pt):
        return False
    if pt.weekday is not None and weekday_of(pt.year, pt.month, pt.day) != pt.weekday:
        tm.notes.append("the weekday written does not fall on this date: check it")
    if _UNTIL.search(text[max(0, tm.start - 8):tm.start]):
        # "until 1 September", "by 5 November": open, ending that day
        tm.precision, tm.end_date = "OpenInterval", pt.iso()
        tm.notes.append("an open interval ending then")
        return True
    # "the exercise, which began on 31 October", "the plenary that ended on Dec. 31": a Day
    # (the codebook: only since, until, by, from, after and before open a span; a verb of
    # beginning or ending does not)
    return set_span(tm, pt, pt, "Day")


_UNTIL = re.compile(r"\b(?i:until|till|by)\s+$")


def _read_numeric(tm, m, _ref, _text) -> bool:
    """"18/11/2022" and "11/18/2022" when one number is over 12 (else it is ambiguous and
    not drafted), and "2022/11/18"."""
    if m.group("iy"):
        pt = Point(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        a, b = int(m.group("n1")), int(m.group("n2"))
        if a <= 12 and b <= 12 and a != b:
            return False
        day, month = (a, b) if a > 12 or a == b else (b, a)
        pt = Point(int(m.group("ny")), month, day)
    return is_valid(pt) and set_span(tm, pt, pt, "Day")


def _read_days_of_month(tm, m, ref, _text) -> bool:
    last = point_of(m, "s")
    if last is None or last.day is None:
        return False
    if not fill_year(last, ref, tm.notes) or not is_valid(last):
        return False
    first = Point(last.year, last.month, int(m.group("d1")))
    ok = is_valid(first) and first.key() <= last.key()
    return ok and set_span(tm, first, last, "Interval")


def _read_listed_day(tm, m, ref, _text) -> bool:
    last = point_of(m, "s")
    if last is None or last.month is None or not fill_year(last, ref, tm.notes):
        return False
    pt = Point(last.year, last.month, int(m.group("d1")))
    return is_valid(pt) and set_span(tm, pt, pt, "Day")


def _read_month_days(tm, m, ref, _text) -> bool:
    first = Point(int(m.group("ty")) if m.group("ty") else None,
                   month_number(m.group("tm")), int(m.group("d1")))
    if not fill_year(first, ref, tm.notes):
        return False
    last = Point(first.year, first.month, int(m.group("d2")))
    ok = is_valid(first) and is_valid(last) and first.key() <= last.key()
    return ok and set_span(tm, first, last, "Interval")


def _read_between(tm, m, ref, _text) -> bool:
    first, last = point_of(m, "f"), point_of(m, "l")
    if first is None or last is None:
        return False
    # a year written at one end only holds for both ("from 31 October to 5 November 2022")
    if first.year is None and last.year is not None and first.month is not None:
        first.year = last.year - (first.month > (last.month or 12))
    if last.year is None and first.year is not None and last.month:
        last.year = first.year + ((last.month, last.day or 0) < (first.month or 1, first.day or 0))
    if first.year is None:
        year = fill_year(first, ref, tm.notes)
        if year is None:
            return False
        last.year = year + ((last.month or 12, last.day or 0) < (first.month or 1, first.day or 0))
    if not (is_valid(first) and is_valid(last)):
        return False
    return set_span(tm, first, last, "Interval")


def _read_year_range(tm, m, _ref, _text) -> bool:
    y1, y2 = m.group("y1"), m.group("y2")
    last = int(y2) if len(y2) == 4 else int(y1[:2] + y2)
    return int(y1) < last and set_span(tm, Point(int(y1)), Point(last), "Interval")


def _next_season_end(tm, season: str, ref) -> bool:
    """``tm`` ends with the last month of the next ``season`` (by the reference month): "by
    the spring", "before the end of the summer"."""
    if ref is None:
        return False
    m1, m2 = SEASONS[season.lower()]
    year = ref[0] + (m2 < m1 or (bool(ref[1]) and m2 < ref[1]))
    tm.end_date = f"{year:04d}-{m2:02d}"
    tm.notes.append(f"the {season.lower()} read as months {m1}-{m2}, the next one")
    return True


_BY_END = "'by/before the end of': open, ending with that year's last month (or that month)"


def _read_before(tm, m, ref, _text) -> bool:
    # "by/before/until the end of the year": the codebook's "by X", open with only an end:
    # the year's last month, or the month named (as "by the spring" is the season's last)
    tm.precision = "OpenInterval"
    g = m.groupdict()
    if g.get("season"):  # "before the end of the summer": the next one's last month
        if not _next_season_end(tm, g["season"], ref):
            return False
    elif g.get("zy"):
        tm.end_date = f"{m.group('zy')}-12"
    elif g.get("unit") and ref:
        year, month = ref
        tm.end_date = f"{year:04d}-12" if m.group("unit").lower() == "year" or not month \
            else f"{year:04d}-{month:02d}"
    elif g.get("sunit") and ref:  # "by the end of last year", "before the end of next month"
        year, month = ref
        step = 1 if m.group("step").lower() == "next" else -1
        if m.group("sunit").lower() == "year" or not month:
            tm.end_date = f"{year + step:04d}-12"
        else:
            k = year * 12 + month - 1 + step
            tm.end_date = f"{k // 12:04d}-{k % 12 + 1:02d}"
    elif g.get("zm"):
        pt = Point(int(m.group("xy")) if m.group("xy") else None, month_number(m.group("zm")))
        # a deadline told in the present or the future is still to come ("more tests are
        # likely before December", written in October): the next such month; in the past
        # ("had left by March") the months before the document's
        coming = pt.year is None and tense_of(_text, tm.start, tm.end) in ("present", "future")
        fill_year(pt, ref, tm.notes, future=coming, ahead=coming)
        tm.end_date = pt.iso()
    if not tm.end_date:
        return False
    tm.notes.append(_BY_END)
    return True


_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
             "new year's eve": (12, 31)}


def _read_ordinal_day(tm, m, ref, text) -> bool:
    """"the fourth of July": that day, its year as a day's written without one."""
    pt = Point(int(m.group("y")) if m.group("y") else None, month_number(m.group("m")),
               DAY_ORDINALS[" ".join(m.group("o").lower().split())])
    if not is_valid(pt) or not fill_year(pt, ref, tm.notes, future=_future(tm, pt, text),
                                         ahead=_ahead(tm, pt, text)):
        return False
    return set_span(tm, pt, pt, "Day")


def _read_holiday(tm, m, ref, text) -> bool:
    """"on Christmas Day": that day, its year as a day's written without one."""
    month, day = _HOLIDAYS[m.group("h").lower().replace("\u2019", "'")]
    pt = Point(int(m.group("y")) if m.group("y") else None, month, day)
    if not fill_year(pt, ref, tm.notes, future=_future(tm, pt, text),
                     ahead=_ahead(tm, pt, text)):
        return False
    return set_span(tm, pt, pt, "Day")


def _read_before_season(tm, m, ref, text) -> bool:
    """"before the summer": open, ending with the month before the season begins (the
    codebook's "before X"); the next such season, the last one when told in the past."""
    if ref is None:
        return False
    m1, _m2 = SEASONS[m.group("season").lower()]
    year, month = ref
    if tense_of(text, tm.start, tm.end) == "past":
        year -= bool(month) and m1 > month
    else:
        year += bool(month) and m1 <= month
    end = Point(year, m1 - 1) if m1 > 1 else Point(year - 1, 12)
    tm.precision, tm.end_date = "OpenInterval", end.iso()
    tm.notes.append(f"'before the {m.group('season').lower()}': open, ending the month before "
                    "it begins")
    return True


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _read_since(tm, m, ref, text) -> bool:
    pt = point_of(m, "f")
    if pt is not None and m.group("last") and pt.year is None and pt.day is None \
            and ref is not None and ref[1]:
        # "since last November": the last November before the reference month
        pt.year = ref[0] - ((pt.month or 1) >= ref[1])
        tm.notes.append("'last' month counted from the document's month")
    if pt is None or not fill_year(pt, ref, tm.notes, past=True) or not is_valid(pt):
        return False
    # the clause before it (an abbreviation's point ends none: "the first deployment of U.S.
    # F-35As since December 2017")
    clause = re.split(r"[,;:!?]|\.(?!\s+[a-z])(?<!\b[A-Z]\.)",
                      text[max(0, m.start() - 120):m.start()])[-1]
    ordinals = re.findall(_ORDINAL, clause)
    if ordinals and ordinals[-1].lower() == "first" or _SUPERLATIVE.search(clause):
        # "its first test since September 2017", "its longest-range missile since 2017":
        # the date of the one before
        tm.start = m.start() + len(m.group(0)) - len(m.group(0)[5:].lstrip())
        tm.notes.append("'first ... since': the date of the earlier one")
        tm.earlier = True
        return set_span(tm, pt, pt, pt.precision())
    if ordinals and not re.search(r"\b(?i:that|which|who|whom)\b",
                                  clause[clause.lower().rfind(ordinals[-1].lower()):]):
        # "the ninth resolution adopted since 2006": the codebook's "Nth ... since X" counts
        # acts; X is dated as written, with no open interval
        tm.start = m.start() + len(m.group(0)) - len(m.group(0)[5:].lstrip())
        tm.notes.append("'the Nth ... since X': X dated as written")
        return set_span(tm, pt, pt, pt.precision())
    tm.precision, tm.begin = "OpenInterval", pt.iso()
    return True


# a superlative is a "first" ("the largest drill since 2017": the last as large was in 2017)
_NOT_SUPERLATIVE = ("test", "protest", "request", "interest", "west", "contest", "arrest",
                    "forest", "harvest", "honest", "modest", "suggest", "digest", "invest",
                    "manifest", "conquest", "quest", "guest", "chest", "nest", "rest", "unrest",
                    "inquest", "earnest", "behest", "crest", "southwest", "northwest",
                    "midwest", "bequest", "attest", "wrest", "latest")
_SUPERLATIVE = re.compile(r"\b(?i:largest|biggest|longest|highest|farthest|furthest|strongest|"
                          r"heaviest|worst|most|best)\b|\b(?i:the|its|their|his|her|our)\s+"
                          r"(?:[\w-]+\s+)?(?!(?i:" + "|".join(_NOT_SUPERLATIVE) + r")\b)"
                          r"(?i:[a-z]{2,}est)\b")
# an ordinal count of acts: "its first test since", "the fourth such patrol since" (only the
# first tells of an earlier act at X; the fourth since X counts from X: "since X")
_ORDINAL = re.compile(r"\b(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"\d+(?:st|nd|rd|th))\b")


def _read_first_in(tm, m, ref, text) -> bool:
    """"the first time in five years", "its first such measures in nearly five years", "the
    largest exercise held in five years" (a superlative is a "first"): like "the first ...
    since X" (the codebook), the year of the earlier one, counted back from the reference
    year (:func:`_first_in_told_year` moves it to the year of the act told before it in the
    sentence); "nearly", "more than" N years count N too (the codebook); nothing unless
    "first" or a superlative opens the clause's phrase before it."""
    clause = re.split(r"[,;:!?]|\.(?!\s+[a-z])(?<!\b[A-Z]\.)",
                      text[max(0, m.start() - 120):m.start()])[-1]
    if ref is None or not (re.search(r"\b(?i:first)\b", clause) or _SUPERLATIVE.search(clause)) \
            or tense_of(text, m.start(), m.end()) == "future":  # "will end in two years"
        return False
    count = m.group("n").lower().split()[-2]
    n = NUMBERS.get(count) or (int(count) if count.isdigit() else 0)
    if not n:
        return False
    years = n * (10 if m.group("unit").lower() == "decade" else 1)
    tm.start, tm.earlier = m.start("n"), True
    tm.notes.append(f"'first ... in {m.group('n')}': the year of the earlier one, "
                    f"{years} years before {ref[0]}")
    tm.years_back = years
    return set_span(tm, Point(ref[0] - years), Point(ref[0] - years), "Year")


def _read_season(tm, m, _ref, _text) -> bool:
    m1, m2 = SEASONS[m.group("season").lower()]
    y = int(m.group("y"))
    tm.notes.append(f"the {m.group('season').lower()} read as months {m1}-{m2}")
    return set_span(tm, Point(y, m1), Point(y + (m2 < m1), m2), "Season")


def _read_this_season(tm, m, ref, text) -> bool:
    """A season without its year: the one of the reference year (last year's when it begins
    more than :data:`LOOKAHEAD_MONTHS` after the reference month); "next", or a clause in
    the future tense, the next one that has not ended; "last", the one before that."""
    if ref is None:
        return False
    season, rel = m.group("season").lower(), (m.groupdict().get("rel") or "").lower()
    m1, m2 = SEASONS[season]
    y = ref[0] - (1 if ref[1] and m1 > ref[1] + LOOKAHEAD_MONTHS else 0)
    if ref[1] and (rel == "next" or rel != "last" and tense_of(text, tm.start, tm.end)
                   == "future"):
        y = ref[0] - (m2 < m1 and ref[1] <= m2)  # the one that has not ended
        if (y + (m2 < m1), m2) < (ref[0], ref[1]) or rel == "next" and (y, m1) <= ref:
            y += 1
    tm.notes.append(f"the {season} of {y}, from the reference date")
    return set_span(tm, Point(y, m1), Point(y + (m2 < m1), m2), "Season")


def _read_quarter(tm, m, ref, text) -> bool:
    g = m.groupdict()
    if g.get("q"):
        part, nth = ("quarter" if g["q"][0] == "Q" else "half"), int(g["q"][1])
    else:
        part, nth = g["part"].lower(), ORDINALS[g["nth"].lower()]
        nth = min(nth, 4 if part == "quarter" else 2)
    size = 3 if part == "quarter" else 6
    if g.get("y"):
        year = int(g["y"])
    elif g.get("this") and ref is not None:
        year = ref[0] + {"last": -1, "next": 1}.get(g["this"].lower(), 0)
    elif ref is not None:
        # "the third quarter" with no year: the reference year's, or the year before when
        # the quarter lies ahead of a past clause (as a month written without a year)
        pt = Point(None, size * (nth - 1) + 1)
        if not fill_year(pt, ref, tm.notes, future=_future(tm, pt, text),
                         ahead=_ahead(tm, pt, text)) or pt.year is None:
            return False
        year = pt.year
    else:
        return False
    tm.notes.append(f"the {part} read as months {size * (nth - 1) + 1}-{size * nth}")
    return set_span(tm, Point(year, size * (nth - 1) + 1), Point(year, size * nth), "Interval")


def _read_months_of_year(tm, m, ref, _text) -> bool:
    """"the last three months of this year", "the first two months of 2023": an ``Interval``
    of months, as the codebook reads "the first half of 2022" (2022-01 to 2022-06)."""
    n = NUMBERS.get(m.group("n").lower()) or (int(m.group("n")) if m.group("n").isdigit() else 0)
    if not 1 <= n <= 11:
        return False
    if m.group("y"):
        year = int(m.group("y"))
    elif ref is not None:
        year = ref[0] + {"last": -1, "next": 1}.get((m.group("this") or "").lower(), 0)
    else:
        return False
    first, last = (1, n) if m.group("nth").lower() == "first" else (13 - n, 12)
    tm.notes.append(f"months {first}-{last} of {year}")
    return set_span(tm, Point(year, first), Point(year, last), "Interval")


def _read_month(tm, m, ref, text) -> bool:
    pt = Point(int(m.group("y")) if m.groupdict().get("y") else None, month_number(m.group("m")))
    rel = (m.groupdict().get("rel") or "").lower()
    yrel = (m.groupdict().get("yrel") or "").lower()
    if yrel and ref is not None:  # "in March last year"
        pt.year = ref[0] + {"last": -1, "this": 0, "next": 1}[yrel]
        tm.notes.append(f"'{yrel} year' counted from the reference year {ref[0]}")
    if pt.year is None and rel in ("last", "next", "this") and ref and ref[1]:
        pt.year = ref[0] + {"last": -(pt.month >= ref[1]), "next": int(pt.month <= ref[1]),
                            "this": 0}[rel]
        tm.notes.append(f"'{rel} {m.group('m')}' counted from the document's month")
    if not fill_year(pt, ref, tm.notes, past=rel == "since", future=_future(tm, pt, text),
                     told_past=_told_past(tm, ref, text),
                     ahead=rel != "since" and _ahead(tm, pt, text)):
        return False
    if rel in ("until", "till"):  # "until May": open, ending with that month
        tm.precision, tm.end_date = "OpenInterval", pt.iso()
        tm.notes.append("an open interval ending then")
        return True
    return set_span(tm, pt, pt, "Month")


# "the beginning", "the start", "the middle" and "the end" of a month are read as its thirds


def _read_part_of_month(tm, m, ref, text) -> bool:
    """"early September": the 1st to the 10th; "mid-": 11th to 20th; "late": 21st to the
    month's last day; after "since"/"from" open from its first day, after "by"/"until"
    open to its last."""
    pt = Point(int(m.group("y")) if m.group("y") else None, month_number(m.group("m")))
    since = (m.group("open") or "").lower() in ("since", "from")
    if not fill_year(pt, ref, tm.notes, past=since, future=not since and _future(tm, pt, text),
                     ahead=not since and _ahead(tm, pt, text)) or pt.month is None:
        return False
    part = " ".join(m.group("part").lower().split())
    part = THIRD_OF.get(part, part)
    first, last = THIRDS.get(part) or HALVES[part]
    last = min(last, calendar.monthrange(pt.year or 2000, pt.month)[1])
    tm.notes.append(f"'{part}' read as days {first}-{last} of the month")
    word = (m.group("open") or "").lower()
    if word in ("since", "from"):  # "since late September": open, from its first day
        tm.precision, tm.begin = "OpenInterval", Point(pt.year, pt.month, first).iso()
        return True
    if word in ("by", "until", "till"):  # "by early December": open, ending on its last
        tm.precision, tm.end_date = "OpenInterval", Point(pt.year, pt.month, last).iso()
        return True
    return set_span(tm, Point(pt.year, pt.month, first), Point(pt.year, pt.month, last),
                    "Interval")


def _read_by(tm, m, ref, text) -> bool:
    """"by April 2023", "by the spring", "by 2025": an open interval ending with that month,
    season or year; without a year, the next one ending after the reference month (a
    deadline is ahead)."""
    g = m.groupdict()
    tm.precision = "OpenInterval"
    if g.get("by"):
        tm.end_date = g["by"]
    elif g.get("season"):
        if not _next_season_end(tm, g["season"], ref):
            return False
    else:
        pt = Point(int(g["y"]) if g.get("y") else None, month_number(g["m"]))
        if pt.year is None and ref is not None and ref[1] and \
                tense_of(text, tm.start, tm.end) == "past":
            # "Did the picture change by September?": told in the past, the last one
            pt.year = ref[0] - ((pt.month or 1) > ref[1])
            tm.notes.append("told in the past: the latest such month up to the reference")
        elif pt.year is None and ref is not None:
            pt.year = ref[0] + (bool(ref[1]) and (pt.month or 1) < ref[1])
        if pt.year is None:
            return False
        tm.end_date = pt.iso()
    tm.notes.append("an open interval ending then")
    return True


# the month a state's fiscal year begins in (the year named is the one it ends in when it
# begins in the year before: the United States' fiscal 2023 runs from October 2022)
FISCAL = [(re.compile(r"\b(?:Japan(?:ese)?|Tokyo)\b"), 4, 0),
          (re.compile(r"\b(?:United States|U\.S\.|US|American|Washington|Pentagon|Congress)\b"),
           10, -1)]


def _read_fiscal(tm, m, _ref, text) -> bool:
    """"fiscal 2027": the fiscal year of the state the sentence (else the paragraph) tells
    of: April to March for Japan, October to September (from the year before) for the
    United States; else the calendar year, as South Korea's and China's are."""
    y = int(m.group("y"))
    lo = text.rfind("\n", 0, m.start()) + 1
    hi = text.find("\n", m.end())
    para = text[lo:hi if hi >= 0 else len(text)]
    sent = re.split(r"(?<=[.!?])\s+", text[lo:m.start()])[-1] + text[m.start():m.end() + 80]
    for where in (sent, para):
        for pat, first, shift in FISCAL:
            if pat.search(where):
                begin = Point(y + shift, first)
                end = Point(y + shift + (first > 1), (first - 2) % 12 + 1)
                tm.notes.append(f"a fiscal year from month {first}, as the state told of "
                                "counts it")
                return set_span(tm, begin, end, "Interval")
    tm.notes.append("a fiscal year: read as the calendar year (no state that counts it "
                    "otherwise is named)")
    return set_span(tm, Point(y), Point(y), "Year")


def _read_year(tm, m, _ref, _text) -> bool:
    pt = Point(int(m.group("y")))
    return set_span(tm, pt, pt, "Year")


# the years of a decade's parts (the codebook: the 1990s' early, mid- and late parts are 1990
# to 1993, 1994 to 1996 and 1997 to 1999)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _read_decade(tm, m, _ref, _text) -> bool:
    y = int(m.group("y"))
    first, last = _DECADE_PARTS.get((m.group("part") or "").lower(), (0, 9))
    if m.group("part"):
        tm.notes.append(f"the {m.group('part').lower()} part of the {y}s: {y + first} to "
                        f"{y + last}")
    return set_span(tm, Point(y + first), Point(y + last), "Interval")


def _read_relative(tm, _m, _ref, _text) -> bool:
    tm.notes.append("relative to the document's date")
    return True


_READERS = {"Day": _read_day, "Numeric": _read_numeric, "ListedDay": _read_listed_day,
            "DaysOfMonth": _read_days_of_month,
            "MonthDays": _read_month_days, "Between": _read_between,
            "YearRange": _read_year_range, "Before": _read_before,
            "BeforeSeason": _read_before_season, "Holiday": _read_holiday,
            "OrdinalDay": _read_ordinal_day, "Since": _read_since,
            "FirstIn": _read_first_in,
            "Season": _read_season, "ThisSeason": _read_this_season, "Quarter": _read_quarter,
            "MonthsOfYear": _read_months_of_year,
            "Month": _read_month, "PartOfMonth": _read_part_of_month, "By": _read_by,
            "Fiscal": _read_fiscal, "Year": _read_year, "Decade": _read_decade,
            "Relative": _read_relative}
