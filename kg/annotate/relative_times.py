"""Times counted from the document's date ("yesterday", "last week", "on Sunday") or from
an event of the text ("the following day", "two hours before", "within hours": an offset
for ``kg:relativeTo``), and times of day ("10:48 a.m.", a mention of the day they belong
to). Read by :func:`kg.annotate.dates.find_times`, in text order, after the dates written
before them."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kg.annotate.date_grammar import (
    NUMBERS,
    THIRD_OF,
    THIRDS,
    WEEKDAYS,
    Point,
    TimeMention,
    calendar_week,
    scheduled,
    set_span,
    tense_of,
    weekday_number,
)
from kg.annotate.text import sentence_end, sentence_start
from kg.loaders.check import add_offset, shift_day

__all__ = ["FROM_EVENT", "FROM_TEXT", "PLANNED", "join_clock_times", "relative"]

# readings counted from an event, and (offset, latest offset) from it (xsd:dayTimeDuration)
OFFSETS = {"NextDay": ("P1D", None), "PreviousDay": ("-P1D", None),
           "NextWeek": ("P1D", "P13D"), "PreviousWeek": ("-P13D", "-P1D"),
           "Overnight": ("PT12H", "P1D"), "Shortly": ("PT0S", "P1D"),
           "AtOnce": ("PT0S", "P1D"), "Later": ("PT0S", None), "AtTheTime": ("PT0S", None),
           "Then": ("PT0S", None)}
# readings that look back to an event told before ("at the time", "said then"): its time,
# PT0S, and no date of their own when no event is found
LOOKING_BACK = {"AtTheTime", "Then"}
FROM_EVENT = {"NextDay", "PreviousDay", "Within", "Counted", "Shortly",
               "Overnight", "NextWeek", "PreviousWeek", "ThatUnit", "Lasted", "Window", "PastSpan",
               "AtOnce", "Later", "AtTheTime", "Then"}
# readings that count an offset from an event (as written, or vague: "hours after", "at
# once"): relative times, never the date they come to (the codebook)
COUNTS = {"Counted", "Within", "AtOnce", "Shortly"}
_UNIT_CODE = {"minute": ("PT", "M", 1), "hour": ("PT", "H", 1), "day": ("P", "D", 1),
              "week": ("P", "D", 7), "fortnight": ("P", "D", 14), "month": ("P", "M", 1),
              "year": ("P", "Y", 1)}
# calendar units: a count of them is an offset as written (P3M), and with no event to count
# from it is dated at that unit's precision, not to a day
_CALENDAR = {"month", "year"}
# a vague count of a unit ("hours later", "a few days after"): (offset, latest offset or
# None for an open interval)
_VAGUE = {"minute": ("PT0S", "PT1H"), "hour": ("PT1H", "P1D"), "day": ("P1D", None),
          "week": ("P7D", None)}
_VAGUE_BEFORE = {"minute": ("-PT1H", "PT0S"), "hour": ("-P1D", "-PT1H"), "day": ("-P7D", "-P1D"),
                 "week": ("-P28D", "-P7D")}
_FUTURE = re.compile(r"\b(?i:will|shall|is to|are to|is due|are due|plans?|planned|"
                     r"scheduled|expected|intends?|would)\b")


# a day written as a plan's ("the exercise, due to end on Friday, 4 November, was
# extended"): not a day the story has come to
PLANNED = re.compile(r"\b(?i:due|scheduled|set|expected|planned|slated|meant)\s+(?i:to)\s+"
                     r"[a-z]+\s+(?i:on\s+|by\s+)?$|\b(?i:until|till)\s+$")


# a clause told as still to come without a future tense: "a vote could come", "sanctions are
# likely", "talks may resume"
_PROSPECTIVE = re.compile(r"\b(?:could|may|might|can|likely|expected|possible|possibly|"
                          r"probably|expects?|anticipates?|predicts?|forecasts?)\b",
                          re.IGNORECASE)


def _ahead_of_now(m: re.Match) -> bool:
    """The time ``m`` is told in a clause about the future: a future tense, or no past
    tense and a word of what may come before it in its sentence."""
    tense = tense_of(m.string, m.start(), m.end())
    if tense == "future":
        return True
    lo = sentence_start(m.string, m.start(), ".!?\n;")
    if _MODAL_PASSIVE.search(m.string[lo:m.start()]):
        return True  # "its details might be announced within days": no past, what may come
    return tense != "past" and bool(_PROSPECTIVE.search(m.string, lo, m.start()))


# a modal before a passive right before the time ("might be announced", "could be held")
_MODAL_PASSIVE = re.compile(r"\b(?i:may|might|could|will|would|should|must)\s+(?:(?i:not|also|"
                            r"soon|still)\s+)?(?i:be)\s+[a-z]+(?:ed|en|wn|ld|ne|ht)\s+$")


def _doc_day(doc_date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(doc_date) if doc_date and len(doc_date) == 10 else None


def _undated(tm: TimeMention, why: str) -> TimeMention:
    tm.precision = "Relative"
    tm.notes.append(why)
    return tm


def _on_day(tm: TimeMention, day: dt.date, note: str) -> TimeMention:
    tm.precision, tm.begin, tm.end_date = "Day", day.isoformat(), day.isoformat()
    tm.notes.append(note)
    return tm


def _from_doc_day(m: re.Match, _text: str, before: list[TimeMention],
                  doc_date: str | None) -> TimeMention:
    tm = TimeMention(m.start(), m.end(), "Relative")
    day = _doc_day(doc_date)
    if day is None:
        return _undated(tm, "relative to the document's date, which is not given to the day")
    word = m.group("w").lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    spoken = _quoted_day(m, before, doc_date) or _spoken_day(m, before, doc_date)
    if spoken is not None:  # words spoken on a day the text tells (the codebook)
        return _on_day(tm, dt.date.fromisoformat(spoken) + dt.timedelta(days=shift),
                       f"'{word}' from the day the words were spoken ({spoken})")
    return _on_day(tm, day + dt.timedelta(days=shift), f"'{word}' from the document's date")


_QUOTES = re.compile("[\"\u201c\u201d]")


def _quoted_day(m: re.Match, before: list[TimeMention], doc_date: str | None) -> str | None:
    """Inside a quotation ("Justice has been served with the sentence handed down today,"
    after "On April 12, the judge sentenced him"), the day the words were spoken: the story's
    day, when the last time written before the quotation is a day before the document's
    date; else None."""
    text = m.string
    para = text.rfind("\n", 0, m.start()) + 1  # a quotation opens in its paragraph
    marks = [q.start() for q in _QUOTES.finditer(text, para, m.start())]
    if len(marks) % 2 == 0 or not doc_date:
        return None  # not inside a quotation
    opened = marks[-1]
    last = next((t for t in reversed(before) if t.end <= opened and t.offset is None
                 and (t.begin or t.end_date)), None)
    if last is None or last.precision != "Day" or not last.begin or len(last.begin) != 10:
        return None
    return last.begin if last.begin < doc_date[:10] else None


def _from_doc_ago(m: re.Match, _text: str, _before, doc_date: str | None) -> TimeMention:
    tm = TimeMention(m.start(), m.end(), "Relative")
    n, unit = _count(m.group("n")), m.group("unit").lower()
    if not n and unit in ("month", "year"):  # "a few years ago"
        return _undated(tm, f"'{m.group(0)}': how long before the document's date is not said")
    if unit in ("month", "year") and doc_date and (unit == "year" or len(doc_date) >= 7):
        y, mo = int(doc_date[:4]), int(doc_date[5:7] or 1) if unit == "month" else 1
        pt = Point(y - n) if unit == "year" else \
            Point(y + (mo - n - 1) // 12, (mo - n - 1) % 12 + 1)
        tm.notes.append(f"'{m.group(0)}' from the document's date")
        set_span(tm, pt, pt, pt.precision())
        return tm
    day = _doc_day(doc_date)
    if day is None or unit in ("month", "year"):
        return _undated(tm, "relative to the document's date, which is not given to the day")
    if unit in ("minute", "hour"):
        return _on_day(tm, day, "the document's day")
    if not n:  # "a few days ago": back with no number is no date (the codebook)
        return _undated(tm, f"'{m.group(0)}': how long before the document's date is not said")
    days = n * _UNIT_CODE[unit][2]
    return _on_day(tm, day - dt.timedelta(days=days), f"{days} days before the document's date")


def _from_doc_unit(m: re.Match, _text: str, _before, doc_date: str | None) -> TimeMention:
    tm = TimeMention(m.start(), m.end(), "Relative")
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    step = {"last": -1, "next": 1}.get(rel, 0)
    if rel in ("over", "during", "at", "the", "spent", "spend", "spends", "spending") \
            and _doc_day(doc_date):  # the weekend just past
        step = 0 if dt.date.fromisoformat(str(doc_date)).weekday() >= 5 else -1
    if unit == "year" and doc_date:
        year = Point(int(doc_date[:4]) + step)
        tm.notes.append(f"'{m.group(0)}' from the document's date")
        set_span(tm, year, year, "Year")
        return tm
    if unit == "month" and doc_date and len(doc_date) >= 7:
        y, mo = int(doc_date[:4]), int(doc_date[5:7]) + step
        pt = Point(y + (mo > 12) - (mo < 1), (mo - 1) % 12 + 1)
        tm.notes.append(f"'{m.group(0)}' from the document's date")
        part = (m.groupdict().get("part") or "").lower()
        if part:  # "early last month": a third of that month, as "early November" is
            lo, hi = THIRDS[part]
            hi = min(hi, calendar.monthrange(pt.year or 2000, pt.month or 1)[1])
            set_span(tm, Point(pt.year, pt.month, lo), Point(pt.year, pt.month, hi), "Interval")
            return tm
        set_span(tm, pt, pt, "Month")
        return tm
    day = _doc_day(doc_date)
    if day is None or unit not in ("week", "weekend"):
        return _undated(tm, "relative to the document's date, which is not given to the day")
    monday, last = calendar_week(day, step)
    first = monday + dt.timedelta(days=5 if unit == "weekend" else 0)
    tm.precision, tm.begin, tm.end_date = "Interval", first.isoformat(), last.isoformat()
    tm.notes.append(f"'{m.group(0)}' read as the calendar {unit} (Monday to Sunday) "
                    "from the document's date")
    return tm


def _from_weekday(m: re.Match, text: str, before: list[TimeMention],
                  doc_date: str | None) -> TimeMention:
    """A bare weekday: counted from the document's day (on or before it, after it in a
    sentence about the future, or as "last"/"next" say), unless its paragraph tells of a
    day written more than two weeks (:data:`_AWAY`) away from the document's date, and no
    time written after that day lies more than a week after it; then, as without a
    document date, the nearest such day to the last day written before it. "by"/"until"
    a weekday: open, ending then."""
    tm = TimeMention(m.start(), m.end(), "Relative")
    rel = (m.groupdict().get("rel") or "").lower()
    found = _weekday_date(m.group("w"), rel, m, text, before, doc_date)
    if found is None:
        return _undated(tm, f"'{m.group('w')}': no date to count from; left undated")
    day, note, anchor = found
    if anchor is not None:
        tm.relative_to = anchor.start
    if rel in ("by", "until"):  # "by Monday": open, ending that day
        tm.precision, tm.end_date = "OpenInterval", day.isoformat()
        tm.notes.append(note + "; an open interval ending then")
        return tm
    return _on_day(tm, day, note)


# how far (days) from the document's date a day the paragraph tells must lie for a bare
# weekday after it to count from that day rather than from the document's date: a wire
# names by weekday only the days of the last week or so, so a weekday after a day told ten
# days before ("drones crossed on Dec. 26 ... On Thursday the military admitted", in a
# text of Friday 6 January) is still the document's week; a digest of March that tells of
# November counts from November
_AWAY = 14


def _weekday_date(name: str, rel: str, m: re.Match, text: str, before: list[TimeMention],
                  doc_date: str | None) -> tuple[dt.date, str, TimeMention | None] | None:
    """The day a weekday names (see :func:`_from_weekday`), how it was read and the mention
    it was counted from (None: the document's date); None when there is no day to count
    from."""
    wd = weekday_number(name)
    day = _doc_day(doc_date)
    anchor = _last_day_written(before, m)
    told = anchor is not None and anchor.start > text.rfind("\n", 0, m.start()) and \
        day is not None and abs((dt.date.fromisoformat(str(anchor.begin)) - day).days) > _AWAY
    if rel in ("last", "next", "this coming"):
        # "last Thursday", "next Monday" point from the day of writing, whatever day the
        # paragraph told before (a soldier captured on 26 December ... "last Thursday" in a
        # brief of 14 January)
        told = False
    if told and anchor is not None:
        # a later time written after that day ("since late July") moved the story on
        week = (dt.date.fromisoformat(str(anchor.begin)) + dt.timedelta(days=7)).isoformat()
        told = not any(t.start > anchor.start and (t.begin or t.end_date or "") > week
                       for t in before)
    if told and anchor is not None and \
            _nearest_weekday(dt.date.fromisoformat(str(anchor.begin)), wd) < \
            dt.date.fromisoformat(str(anchor.begin)):
        # told after that day, the weekday would fall before it ("vetoed on 28 March, and
        # the mandate expired on Tuesday"): no reader counts back past the day just told;
        # the codebook's reading, from the document's date
        told = False
    if day is not None and not told and anchor is not None and rel in ("", "on", "of") \
            and anchor.start > text.rfind("\n", 0, m.start()) \
            and dt.date.fromisoformat(str(anchor.begin)).weekday() == wd \
            and str(anchor.begin) < (day - dt.timedelta(days=day.weekday())).isoformat() \
            and tense_of(text, m.start(), m.end()) == "past":
        # "fired on 27 March ... Monday's missiles", the story in an earlier week than the
        # document's: the weekday of the day its paragraph just told names that day
        return (dt.date.fromisoformat(str(anchor.begin)),
                f"{name}: the day written before ({anchor.begin}), in an earlier week", anchor)
    heading = _section_heading(text, before)
    if heading is not None and _WEEKDAY_HEADING.search(text, heading.end, m.start()):
        heading = None  # a later section headed by a weekday alone ("Friday: banks and ...")
    if day is not None and not told and heading is not None and rel in ("", "on", "of") \
            and str(heading.begin) < day.isoformat() \
            and tense_of(text, m.start(), m.end()) != "future" \
            and not scheduled(text, m.start(), m.end()):
        # a digest's or a timeline's section headed by its date ("Saturday, 4 May. ... On
        # Sunday Pompeo said ...", the codebook: the heading dates its entry): the first such
        # weekday on or after the heading's day, in its week
        base = dt.date.fromisoformat(str(heading.begin))
        found_day = base + dt.timedelta(days=(wd - base.weekday()) % 7)
        if found_day <= day:
            return (found_day, f"{name}: on or after {heading.begin}, the date heading its "
                    "section", heading)
    if day is not None and not told:
        tense = tense_of(text, m.start(), m.end())
        if scheduled(text, m.start(), m.end()):
            tense = "future"  # "the exercises begin on Monday"
        # "by Monday", "until Monday": a deadline is ahead unless told in the past
        future = rel in ("next", "this coming") or (
            rel not in ("last", "since") and tense == "future") or (
            rel in ("by", "until") and tense != "past")
        if future:
            shift = (wd - day.weekday()) % 7 or (7 if rel == "next" else 0)
        else:
            shift = -((day.weekday() - wd) % 7 or (7 if rel == "last" else 0))
        return (day + dt.timedelta(days=shift),
                f"{name} {'after' if future else 'before'} the document's date", None)
    if anchor is None:
        return None
    return (_nearest_weekday(dt.date.fromisoformat(str(anchor.begin)), wd),
            f"the {name} nearest to {anchor.begin}, the last day written before", anchor)


def _nearest_weekday(base: dt.date, wd: int) -> dt.date:
    """The day of weekday ``wd`` nearest to ``base`` (up to three days before, three after)."""
    shift = (wd - base.weekday()) % 7
    return base + dt.timedelta(days=shift - 7 if shift > 3 else shift)


def _weekday_range(m: re.Match, text: str, before: list[TimeMention],
                   doc_date: str | None) -> TimeMention:
    """"between Friday and Sunday": the second weekday read as a bare one is, the first the
    same weekday before it."""
    tm = TimeMention(m.start(), m.end(), "Relative")
    found = _weekday_date(m.group("w2"), "", m, text, before, doc_date)
    if found is None:
        return _undated(tm, f"'{m.group(0)}': no date to count from; left undated")
    last, note, anchor = found
    first = last - dt.timedelta(days=(last.weekday() - weekday_number(m.group("w1"))) % 7)
    tm.precision, tm.begin, tm.end_date = "Interval", first.isoformat(), last.isoformat()
    tm.notes.append(note)
    if anchor is not None:
        tm.relative_to = anchor.start
    return tm


def _of_month(m: re.Match, _text: str, before: list[TimeMention],
              doc_date: str | None) -> TimeMention | None:
    """"on the 25th": that day of the month written last before it (else the document's
    month); nothing when no month is known or the month has no such day."""
    month = next((t.begin[:7] for t in reversed(before) if t.begin and len(t.begin) >= 7),
                 doc_date[:7] if doc_date and len(doc_date) >= 7 else None)
    if month is None:
        return None
    try:
        day = dt.date(int(month[:4]), int(month[5:7]), int(m.group("d")))
    except ValueError:
        return None
    tm = TimeMention(m.start(), m.end(), "Day")
    return _on_day(tm, day, f"the {m.group('d')} of the month written before ({month})")


def _tail_day(m: re.Match, text: str, before: list[TimeMention],
              _doc_date: str | None) -> TimeMention | None:
    """A number listed after a month-first day ("Oct. 6 and 9"): that day of its month."""
    prev = before[-1] if before else None
    if prev is None or prev.precision != "Day" or not prev.begin or len(prev.begin) != 10 \
            or not re.search(r"\d(?:st|nd|rd|th)?$", text[prev.start:prev.end]) \
            or not re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+)",
                                text[prev.end:m.start()]):
        return None
    try:
        day = dt.date(int(prev.begin[:4]), int(prev.begin[5:7]), int(m.group("d")))
    except ValueError:
        return None
    if day.isoformat() <= prev.begin:
        return None
    return _on_day(TimeMention(m.start(), m.end(), "Day"), day,
                   f"listed after {prev.begin}: a day of the same month")


def _coming(m: re.Match, text: str, before: list[TimeMention],
            doc_date: str | None) -> TimeMention | None:
    """"in the coming months", "in the years ahead", "within a few years": ahead with no
    number, open from the document's date (the codebook), at the precision it is given (a
    month for months and years when it has no day); in reported words, from the day they
    were spoken when the text dates them (:func:`_spoken_day`). "within a few ..." told in
    the past counts from an event, not from now: no date."""
    tm = TimeMention(m.start(), m.end(), "Relative")
    if m.group(0).lower().startswith("within") and tense_of(text, m.start(), m.end()) == "past":
        return None
    groups = m.groupdict()
    # "within months": ahead with no number too; "in the future": from a day
    unit = groups.get("unit") or groups.get("long") or "days"
    long = unit.lower() in ("months", "years")
    if not doc_date or len(doc_date) < (7 if long else 10):
        return _undated(tm, "relative to the document's date, which is not given")
    spoken = _spoken_day(m, before, doc_date)
    if spoken is None and "future" in m.group(0).lower():
        # "promised to visit Seoul in the near future": from the day of the act it is told of,
        # the day the story is on
        story = _story_day(m, before)
        spoken = story[1] if story and story[1] < doc_date[:10] else None
    tm.precision, tm.begin = "OpenInterval", spoken or doc_date
    tm.notes.append(f"'{m.group(0)}': open, from " + (
        "the day the words were spoken" if spoken else "the document's date"))
    return tm


# a verb that reports words, and one whose sentence dates them ("The White House said on
# Thursday", "Later that night the ministry said")
_REPORTING = re.compile(r"\b(?:said|says|told|announced|added|stated|warned|pledged|promised|"
                        r"vowed|declared|explained)\b")


def _spoken_day(m: re.Match, before: list[TimeMention], doc_date: str | None) -> str | None:
    """The day reported words were spoken, when the text dates them (the codebook: "he said
    on Thursday that sanctions would follow in the coming weeks" counts from Thursday): the
    phrase's sentence reports words (a reporting verb before the phrase), and the last day
    written before it that dates a reporting verb next to it ("The White House said on
    Thursday", "Later that night the ministry said"), before the document's date, is the
    day; else None (from the document's date)."""
    text = m.string
    start = sentence_start(text, m.start())
    if not _REPORTING.search(text, start, m.start()) or not doc_date:
        return None
    for t in reversed(before):
        if t.precision != "Day" or t.offset is not None or not t.begin or len(t.begin) != 10:
            continue
        if _SAID_THEN.match(text[t.end:t.end + 50]) or _SAID_BEFORE.search(
                text[max(0, t.start - 30):t.start]):
            return t.begin if t.begin < doc_date[:10] else None
    return None


# a reporting verb right after a day ("Later that night the ministry said"), or right
# before it ("said on Thursday", "told reporters on Thursday")
_SAID_THEN = re.compile(r"[^\W\d_]*(?:\s+[^,;:.!?\s]+){0,4}?\s+" + _REPORTING.pattern)
_SAID_BEFORE = re.compile(_REPORTING.pattern + r"(?:\s+[a-z]+)?\s+$")


def _until_now(m: re.Match, _text: str, _before, doc_date: str | None) -> TimeMention | None:
    """"until now": the codebook's "until X" with X the document's date: open, ending then."""
    if not doc_date:
        return None
    tm = TimeMention(m.start(), m.end(), "OpenInterval", end_date=doc_date)
    tm.notes.append(f"'{m.group(0)}': open, ending on the document's date")
    return tm


def _soon(m: re.Match, text: str, _before, doc_date: str | None) -> TimeMention | None:
    """"soon" in a clause about the future: ahead with no number, open from the document's
    date (the codebook); in a past clause ("soon became") it counts from no date."""
    if not doc_date or tense_of(text, m.start(), m.end()) != "future":
        return None
    tm = TimeMention(m.start(), m.end(), "OpenInterval", begin=doc_date)
    tm.notes.append("'soon' in a clause about the future: open, from the document's date")
    return tm


def _within_next(m: re.Match, _text: str, _before, doc_date: str | None) -> TimeMention:
    """"within the next year", "in the next two weeks": the days from the document's date
    to the end of the span (the codebook: an interval counted from the document's date)."""
    tm = TimeMention(m.start(), m.end(), "Relative")
    day = _doc_day(doc_date)
    if day is None:
        return _undated(tm, "relative to the document's date, which is not given to the day")
    cal = (m.groupdict().get("cal") or "").lower()
    if cal:  # "within the year": to the end of the document's calendar year (month)
        last = dt.date(day.year, 12, 31) if cal == "year" else \
            dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        tm.precision, tm.begin, tm.end_date = "Interval", day.isoformat(), last.isoformat()
        tm.notes.append(f"'{m.group(0)}': from the document's date to the end of its {cal}")
        return tm
    n = _count(m.group("n") or m.group("n2") or "one") or 1
    unit = m.group("unit").lower()
    until = _shifted(day, n, unit)
    if until is None:
        return _undated(tm, f"'{m.group(0)}': past the calendar's last year")
    tm.precision, tm.begin, tm.end_date = "Interval", day.isoformat(), until
    tm.notes.append(f"'{m.group(0)}': from the document's date to {n} {unit}(s) after it")
    return tm


def _sentence(text: str, m: re.Match) -> str:
    """The sentence around a match (to the nearest '.', '!' or '?' and line break)."""
    return text[sentence_start(text, m.start()):sentence_end(text, m.end())]


_WEEKDAY_HEADING = re.compile(r"\n\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                              r"Sunday)\b\s*[,.:]")


def _section_heading(text: str, before: list[TimeMention]) -> TimeMention | None:
    """The last date written before that heads a section: a day, or a run of days ("Dec.
    3-6."), that opens its paragraph and is followed by a full stop or a colon ("Saturday, 4
    May. Between 9:06 and ...", "11 March: a Vladivostok network")."""
    for t in reversed(before):
        if t.precision not in ("Day", "Interval") or t.offset is not None or not t.begin \
                or len(t.begin) != 10 or len(t.end_date or t.begin) != 10:
            continue
        if not re.match(r"[.:](?:\s|$)", text[t.end:t.end + 2]):
            continue
        j = t.start  # only blanks between the paragraph's start and the day
        while j > 0 and text[j - 1] != "\n" and text[j - 1].isspace():
            j -= 1
        if j == 0 or text[j - 1] == "\n":
            return t
    return None


def _last_day_written(before: list[TimeMention], m: re.Match) -> TimeMention | None:
    """The last day written before ``m``, not one in parentheses closed before it (an
    aside: "in the early hours of 5 July (still the Fourth of July in Washington) ... at
    about 5 a.m.")."""
    return next((t for t in reversed(before) if t.precision == "Day" and t.begin
                 and t.offset is None and len(t.begin) == 10
                 and not _aside(m.string, t.start, m.start())), None)


def _clock(m: re.Match, _text: str, before: list[TimeMention],
           doc_date: str | None) -> TimeMention | None:
    """A time of day: the day it belongs to (joined later to a date written next to it)."""
    tm = TimeMention(m.start(), m.end(), "Clock")
    anchor = _last_day_written(before, m)
    later = next((t for t in reversed(before) if t.offset is not None and not t.duration
                  and anchor is not None and t.start > anchor.start), None)
    if later is not None and later.precision == "Day" and later.begin and len(later.begin) == 10 \
            and re.search(r"(?:^|[.!?]\s+|\n)\s*$", m.string[max(0, later.start - 4):later.start]):
        # "The next day, it fired at 10 a.m.": a sentence opened by a counted day moves the
        # story on to it ("as on the day before" inside a sentence does not)
        anchor = later
    tm.notes.append(f"the time of day '{m.group(0).strip()}': the model holds days")
    if anchor is not None:
        tm.begin = tm.end_date = anchor.begin
        tm.relative_to = anchor.start
    elif _doc_day(doc_date):
        tm.begin = tm.end_date = doc_date
    return tm


def _that_day(m: re.Match, _text: str, before: list[TimeMention],
              doc_date: str | None) -> TimeMention:
    """"that day": the last day written before it, else counted from an event as "the same
    day" is."""
    anchor = _last_day_written(before, m)
    if anchor is None:
        return relative("SameDay", m, before, doc_date)
    tm = TimeMention(m.start(), m.end(), "Day", relative_to=anchor.start)
    tm.begin = tm.end_date = anchor.begin
    tm.notes.append(f"'{m.group(0)}': the last day written before it")
    return tm


_WEEKDAY_WORD = re.compile(rf"\b(?i:{'|'.join(WEEKDAYS)})\b")
# a count that names what it counts from after it ("fired on Monday, four weeks after the
# shelling"): it dates an act of the story's day from an earlier one, it moves the story on
# to no other day
_NAMES_AFTER = re.compile(r"\b(?i:after|before)$")


def _story_day(m: re.Match, before: list[TimeMention]) -> tuple[int, str, str] | None:
    """The day the story is on at ``m``: the last day written before it (not a plan's, nor
    a time of day alone, nor one told in the past perfect: a look back, nor one in
    parentheses: an aside, "5 July, local time (still the Fourth of July in Washington)"),
    or the one day a
    time counted from an event after that day resolves to ("The next day ... That
    evening"): (where that time is, the day, how it was found); None with no day, or a
    counted time spanning days after the last day written
    (one looking back, "hours before", leaves the story on its day)."""
    anchor = next((t for t in reversed(before) if t.precision == "Day" and t.begin
                   and t.offset is None and len(t.begin) == 10 and not t.clock
                   and not PLANNED.search(m.string, max(0, t.start - 40), t.start)
                   and not _LOOKED_BACK.search(_clause_before(m.string, t.start))
                   and not _DESCRIBED.search(_clause_before(m.string, t.start))
                   and not _aside(m.string, t.start, m.start())), None)
    if anchor is None or not anchor.begin:
        return None
    later = next((t for t in reversed(before) if t.offset is not None and not t.duration
                  and t.start > anchor.start
                  and not _NAMES_AFTER.search(m.string, t.start, t.end)), None)
    if later is not None and later.precision != "Day" and (later.offset or "").startswith("-"):
        later = None  # "hours before the meeting": a look back, the story stays on its day
    if later is None:
        return anchor.start, anchor.begin, "the last day written before it"
    if later.precision == "Day" and later.begin and len(later.begin) == 10:
        return later.start, later.begin, f"the day '{m.string[later.start:later.end]}' resolves to"
    return None


# a day told in the past perfect ("the summit the leaders had held on Nov. 13") looks back
# from the story's day: the story stays where it was
_LOOKED_BACK = re.compile(r"\b(?:had|hadn't)\s+(?:(?:not|never|already|just|also|been)\s+)?"
                          r"(?:[a-z]+(?:ed|en)|held|met|made|sent|told|said|won|fought|begun|"
                          r"shot|put|set|hit|led|run|left|done|gone|seen|come|flown)\b")

# a day told in a relative clause set off by a comma describes something named ("the
# exercise, which began on 31 October, ..."): a look aside, the story stays on its day
_DESCRIBED = re.compile(r",\s*(?:which|who)\b[^,;:]*$")


def _aside(text: str, pos: int, until: int) -> bool:
    """Whether ``pos`` is inside parentheses closed before ``until``: an aside."""
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", opened, pos) >= 0:
        return False
    closed = text.find(")", pos)
    return 0 <= closed < until


def _clause_before(text: str, pos: int) -> str:
    """The words of ``pos``'s sentence before it, up to 120 characters."""
    return text[sentence_start(text, pos, reach=120):pos]


def _part_of_day(m: re.Match, _text: str, before: list[TimeMention],
                 doc_date: str | None) -> TimeMention:
    """"that evening", "in the morning", "later that day", "the same day": a time of day,
    and the same day after an event, is a mention of that event's day (the codebook), the
    day the story is on (:func:`_story_day`); else (no day, or a counted time spanning
    days) counted from an event as "the same day" is."""
    story = _story_day(m, before)
    if story is None:
        return relative("SameDay", m, before, doc_date)
    since, day, note = story
    tm = TimeMention(m.start(), m.end(), "Day", relative_to=since)
    tm.begin = tm.end_date = day
    tm.clock = True
    tm.notes.append(f"the time of day '{m.group(0)}': a mention of its day, {note}")
    return tm


def _later_that_week(m: re.Match, text: str, before: list[TimeMention],
                     doc_date: str | None) -> TimeMention:
    """"later in the week", "earlier that week" in a clause told in the past: the calendar
    week (Monday to Sunday) of the day the story is on (:func:`_story_day`), an interval
    (the codebook); else (no day known, or a clause about the future) counted from an
    event: the days after (before) it in the same week."""
    story = _story_day(m, before)
    if story is None or tense_of(text, m.start(), m.end()) == "future":
        return relative("LaterThatWeek", m, before, doc_date)
    since, day, note = story
    monday, sunday = calendar_week(dt.date.fromisoformat(day))
    tm = TimeMention(m.start(), m.end(), "Interval", relative_to=since)
    tm.begin, tm.end_date = monday.isoformat(), sunday.isoformat()
    tm.notes.append(f"'{m.group(0)}': the calendar week of {day}, {note}")
    return tm


def _the_unit(m: re.Match, _text: str, before: list[TimeMention],
              doc_date: str | None) -> TimeMention | None:
    """"the seventh launch of the month", "began the year with": the month (the year) of the
    date written last before it, else of the document's date; nothing without either."""
    unit = m.group("unit").lower()
    size = 7 if unit == "month" else 4
    written = next((t for t in reversed(before) if t.offset is None and t.begin
                    and len(t.begin) >= size and t.precision != "Relative"
                    and not t.earlier), None)
    base = written.begin if written is not None else doc_date
    if not base or len(base) < size:
        return None
    tm = TimeMention(m.start(), m.end(), "Relative")
    pt = Point(int(base[:4]), int(base[5:7]) if unit == "month" else None)
    set_span(tm, pt, pt, pt.precision())
    tm.notes.append(f"'{m.group(0)}': the {unit} of " + (
        f"the date written before ({written.begin})" if written is not None
        else "the document's date"))
    return tm


def _part_of_the_month(m: re.Match, text: str, before: list[TimeMention],
                       doc_date: str | None) -> TimeMention | None:
    """"at the end of the month": the last third (21st to the last day) of the month told of
    (:func:`_the_unit`), an interval; "the beginning of the month" its first third."""
    month = _the_unit(m, text, before, doc_date)
    if month is None or not month.begin:
        return None
    year, number = int(month.begin[:4]), int(month.begin[5:7])
    first, last = THIRDS[THIRD_OF[m.group("part").lower()]]
    last = min(last, calendar.monthrange(year, number)[1])
    month.precision = "Interval"
    month.begin = dt.date(year, number, first).isoformat()
    month.end_date = dt.date(year, number, last).isoformat()
    month.notes.append(f"'{m.group('part').lower()}' read as days {first}-{last} of the month")
    return month


FROM_TEXT = {"TheUnit": _the_unit, "PartOfTheMonth": _part_of_the_month, "ThatDay": _that_day,
             "PartOfDay": _part_of_day,
             "SameDay": _part_of_day, "LaterThatWeek": _later_that_week,
             "DocDay": _from_doc_day, "DocAgo": _from_doc_ago,
             "DocUnit": _from_doc_unit, "Weekday": _from_weekday, "Clock": _clock,
             "OfMonth": _of_month, "WeekdayRange": _weekday_range, "Coming": _coming,
             "WithinNext": _within_next, "UntilNow": _until_now, "Soon": _soon,
             "TailDay": _tail_day}


# "by" or "until" right before a time of day: a deadline
_BY = re.compile(r"(?i:by|until|till)\s")
_BY_BEFORE = re.compile(r"\b(?i:by|until|till)\s+$")


def join_clock_times(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """A time of day written next to a time ("18 November at 10:48 a.m.") widens that
    mention; alone, it is a day of its own, or nothing when no day is known."""
    out: list[TimeMention] = []
    for i, tm in enumerate(times):
        if tm.precision != "Clock":
            out.append(tm)
            continue
        prev, nxt = (out[-1] if out else None), (times[i + 1] if i + 1 < len(times) else None)
        if prev is not None and re.fullmatch(r"[\s,]*", text[prev.end:tm.start]):
            prev.end = tm.end
        elif nxt is not None and nxt.precision != "Clock" and \
                re.fullmatch(r"[\s,]*(?:(?i:on)\s+)?", text[tm.end:nxt.start]):
            nxt.start = tm.start
            lead = _BY.match(text, tm.start) or _BY_BEFORE.search(text, max(0, tm.start - 12),
                                                                   tm.start)
            if lead is not None and nxt.precision == "Day" and nxt.offset is None \
                    and nxt.begin and nxt.begin == nxt.end_date:
                # "by 8 p.m. on Sunday": the codebook's "by X", open, ending that day
                nxt.start, nxt.precision, nxt.begin = lead.start(), "OpenInterval", None
                nxt.notes.append("a deadline ('by' a time of that day): open, ending then")
        elif tm.begin:
            # alone: a time of the day the story is on (the last day written, else the
            # document's date), drafted at that day's precision
            tm.precision, tm.clock = "Day", True
            tm.notes.append("no date written next to it: the day " + (
                "written last before it" if tm.relative_to is not None else
                "of the document's date"))
            out.append(tm)
        else:
            tm.precision = "Relative"
            tm.notes.append("no day written before it and no document date: left undated")
            out.append(tm)
    return _join_ranges(text, out)


# what joins the two ends of a range of times ("between 10:30 p.m. on Thursday and 12:20
# a.m. on Friday", "from Thursday night to Saturday morning")
_RANGE_START = re.compile(r"\b(?i:between|from)\s+$")
_RANGE_JOIN = re.compile(r",?\s+(?i:and|to|until|till|through)\s+|\s*[-\u2013]\s*")


def _join_ranges(text: str, times: list[TimeMention]) -> list[TimeMention]:
    """Two days read apart, the first after "between"/"from" and the second after "and"/
    "to": one interval (one day when both ends fall on it)."""
    out: list[TimeMention] = []
    for tm in times:
        prev = out[-1] if out else None
        if prev is not None and prev.precision == "Day" and tm.precision == "Day" and \
                prev.offset is None and tm.offset is None and prev.begin and tm.begin and \
                prev.begin <= tm.begin and _RANGE_JOIN.fullmatch(text[prev.end:tm.start]) and (
                    _RANGE_START.search(text, max(0, prev.start - 9), prev.start)
                    or re.match(r"(?i:between|from)\s", text[prev.start:prev.end])):
            lead = _RANGE_START.search(text, max(0, prev.start - 9), prev.start)
            prev.start = lead.start() if lead else prev.start
            prev.end, prev.end_date = tm.end, tm.end_date
            prev.precision = "Day" if prev.begin == prev.end_date else "Interval"
            prev.notes.append(f"a range to {tm.end_date}")
            continue
        out.append(tm)
    return out


def _count(word: str) -> int:
    w = word.lower()
    return NUMBERS[w] if w in NUMBERS else int(w) if w.isdigit() else 0


def _duration(n: int, unit: str, sign: int = 1) -> str:
    lead, tail, factor = _UNIT_CODE[unit]
    return f"{'-' if sign < 0 and n else ''}{lead}{n * factor}{tail}"


def _offsets(reading: str, m: re.Match) -> tuple[str | None, str | None, bool]:
    """(offset, latest offset, open) of a reading counted from an event."""
    g = m.groupdict()
    if reading in OFFSETS:
        return (*OFFSETS[reading], False)
    if reading == "SameDay":
        late = (g.get("late") or "").lower()
        words = m.group(0).lower()
        if "night" in words:  # a night may run into the next day
            return ("PT10H", "PT18H", False) if not late else \
                ("PT0S", "PT18H", False) if late == "later" else ("-PT12H", "PT0S", False)
        # "later that day", "earlier that day", "that afternoon", "in the evening": the
        # event's own day, no wider (an offset in hours would round out into the next day,
        # and every time counted from this one in turn would widen again)
        return None, None, False  # the same day: the default offset, PT0S
    if reading == "LaterThatWeek":  # the days after (or before) it in the same week
        return ("P1D", "P6D", False) if g["dir"].lower() == "later" else ("-P6D", "-P1D", False)
    unit = g["unit"].lower().rstrip("s")
    if reading == "Lasted":  # the event's own span: from its start to the end of its length
        n = _count(g["n"]) or 1
        if g.get("more"):
            return _duration(n, unit), None, False
        return "PT0S", _duration(n, unit), False
    if reading == "Window":  # the days up to the event ("the fifth launch in ten days")
        n = _count(g["n"]) or 1
        back = re.search(r"(?i)past|last|previous|preceding", m.group(0))
        if not back and _FUTURE.search(_sentence(m.string, m)):  # "will meet in ten days"
            return _duration(n, unit), None, False
        days = n * _UNIT_CODE[unit][2] - (0 if back else 1)
        return f"-P{days}D", "PT0S", False
    if reading == "Within":
        # "within the hour": one; "within hours", "in the space of a few hours": no number
        n = _count(g["n"]) if g.get("n") else (
            1 if re.search(r"(?i)\bthe\s+(?:minute|hour|day|week)\b", m.group(0)) else 0)
        if n:
            return "PT0S", _duration(n, unit), False
        return "PT0S", {"minute": "PT1H", "hour": "PT24H", "day": "P7D", "week": "P28D"}[unit], \
            False
    sign = -1 if (g["dir"] or "").lower() in ("before", "earlier", "prior", "in advance",
                                              "beforehand") else 1
    n = _count(g["n"]) if g.get("n") else 0
    if n and g.get("lt"):  # "less than two hours before": up to that long
        return (_duration(n, unit, -1), "PT0S", False) if sign < 0 else \
            ("PT0S", _duration(n, unit), False)
    if n:
        return _duration(n, unit, sign), None, False
    if sign < 0:
        return (*_VAGUE_BEFORE[unit], False)
    first, last = _VAGUE[unit]
    return first, last, last is None


def _shifted(day: dt.date, n: int, unit: str) -> str | None:
    """``day`` moved by ``n`` days, weeks, months or years (a month's day kept, else its
    last: one month after 31 January is 28 or 29 February); None outside the calendar."""
    if unit in _CALENDAR:
        return add_offset(day.isoformat(), n * (12 if unit == "year" else 1), 0)
    return add_offset(day.isoformat(), 0, n * _UNIT_CODE[unit][2])


def _past_span(m: re.Match, before: list[TimeMention], doc_date: str | None,
               day: dt.date | None) -> TimeMention:
    """"the past two weeks", "over the past year": an interval of that span up to the day the
    words were spoken when the text dates them (:func:`_spoken_day`), else up to the
    document's date (the codebook); undated when neither is known to the day."""
    spoken = _spoken_day(m, before, doc_date)
    end = dt.date.fromisoformat(spoken) if spoken else day
    n = _count(m.group("n")) if m.group("n") else 1
    unit = m.group("unit").lower().rstrip("s")
    tm = TimeMention(m.start(), m.end(), "Interval")
    if end is None:
        return _undated(tm, f"'{m.group(0)}': the span up to the document's date, which is "
                        "not given to the day")
    begin = _shifted(end, -n, unit)
    if begin is None:
        return _undated(tm, f"'{m.group(0)}': before the calendar's first year")
    tm.begin, tm.end_date = begin, end.isoformat()
    tm.notes.append(f"'{m.group(0)}': the span up to " + (
        "the day the words were spoken" if spoken else "the document's date"))
    return tm


def relative(reading: str, m: re.Match, before: list[TimeMention],
              doc_date: str | None) -> TimeMention:
    """A time counted from an event: its offset for the drafter (``relativeTo``), and the
    dates read from the nearest date written before it (else the document's date);
    undated when there is none."""
    tm = TimeMention(m.start(), m.end(), "Relative", duration=reading == "Lasted",
                     back=reading in LOOKING_BACK, count=reading in COUNTS)
    if tm.back:  # the time of the event it looks back to: no date read from the text
        tm.offset = "PT0S"
        tm.notes.append(f"'{m.group(0)}': the time of the event told before")
        return tm
    if reading == "Within" and not m.groupdict().get("n") and doc_date and \
            "the" not in m.group(0).lower().split() and _ahead_of_now(m):
        # "will resume within weeks", "a vote could come within days", "sanctions are likely
        # within weeks": ahead of the document's date with no number, open from it (the
        # codebook), not a window after an event
        tm.precision, tm.begin = "OpenInterval", doc_date
        tm.notes.append(f"'{m.group(0)}' in a clause about the future: open, from the "
                        "document's date")
        return tm
    day = _doc_day(doc_date)
    if reading == "PastSpan" or (reading == "Window" and day is not None
                                 and re.search(r"(?i)\bpast\b", m.group(0))):
        return _past_span(m, before, doc_date, day)
    if reading == "Window" and day is not None and not re.search(
            r"(?i)past|last|previous|preceding", m.group(0)) and \
            _FUTURE.search(_sentence(m.string, m)):
        # "will arrive in three days": counted from the document's date, a date (the codebook)
        n, unit = _count(m.group("n")) or 1, m.group("unit").lower()
        return _on_day(TimeMention(m.start(), m.end(), "Day"),
                       day + dt.timedelta(days=n * _UNIT_CODE[unit][2]),
                       f"'{m.group(0)}' after the document's date")
    is_open = False
    by_unit = reading == "ThatUnit"
    calendar_count = reading == "Counted" and m.group("unit").lower().rstrip("s") in _CALENDAR
    if calendar_count:
        # "three months later", "two years after X": the offset as written (P3M, P2Y; the
        # codebook), counted from an event by the drafter; the dates read here are the
        # month or year it comes to, for a draft that finds no event to count from
        tm.offset, tm.offset_up_to, is_open = _offsets(reading, m)
        by_unit = True
    elif not by_unit:
        tm.offset, tm.offset_up_to, is_open = _offsets(reading, m)
        tm.offset = tm.offset or "PT0S"
        if reading == "Later":  # from the day written before on, with no end
            tm.unbounded = is_open = True
    kinds = ("Day", "Month", "Year") if by_unit else ("Day", "Month", "Interval")
    # not a time read from another (a chain of counts), save a weekday told in the week a
    # date set ("16-17 August. ... on Sunday. The next day ...": from the Sunday)
    anchor = next((t for t in reversed(before) if t.precision in kinds
                   and _last(t) and t.offset is None
                   and (t.relative_to is None or (t.precision == "Day" and _WEEKDAY_WORD.search(
                       m.string, t.start, t.end)))), None)
    base = _last(anchor) if anchor else doc_date
    if anchor is not None:
        tm.relative_to = anchor.start
    what = f"'{m.group(0)}' read from " + (f"the date at offset {anchor.start}" if anchor
                                          else "the document's date")
    if calendar_count and anchor is None:
        # never counted from the document's date ("three months ago" is that reading)
        tm.notes.append(f"'{m.group(0)}': no date written before it; left undated")
        return tm
    if not base or (len(base) < 10 and not by_unit):
        tm.notes.append(f"'{m.group(0)}': no day to count from; left undated")
        if is_open:
            tm.precision = "OpenInterval"
        return tm
    if calendar_count and not _counted_unit(tm, tm.offset, tm.offset_up_to, base):
        tm.notes.append(f"'{m.group(0)}': no month to count from; left undated")
        return tm
    if by_unit and not calendar_count and not _that_unit(tm, m.group(0).lower(), base):
        tm.notes.append(f"'{m.group(0)}': no month to count from; left undated")
        return tm
    if not by_unit:
        first = shift_day(base[:10], tm.offset or "PT0S")
        last = shift_day(base[:10], tm.offset_up_to or tm.offset or "PT0S", latest=True)
        if first is None or last is None:  # past the calendar's years
            tm.notes.append(f"'{m.group(0)}': outside the calendar; left undated")
            return tm
        if is_open:
            tm.precision, tm.begin = "OpenInterval", first
        else:
            tm.precision = "Day" if first == last else "Interval"
            tm.begin, tm.end_date = first, last
        if tm.offset_up_to:
            tm.notes.append(f"'{m.group(0)}' read as {tm.offset} to {tm.offset_up_to} after")
    tm.notes.append(what)
    return tm


def _last(tm: TimeMention) -> str | None:
    """The date a time counted from ``tm`` counts from: its own, or the last day of an
    interval that ends on a day ("from 2 to 5 November. The next day": 6 November)."""
    if tm.precision != "Interval":
        return tm.begin
    return tm.end_date if tm.end_date and len(tm.end_date) == 10 else None


def _counted_unit(tm: TimeMention, offset: str | None, up_to: str | None, base: str) -> bool:
    """"three months later", "a year before", "less than a year after": the month (year)
    ``base`` comes to with ``offset`` of calendar months (years), or an ``Interval`` of
    months (years) from ``offset`` to ``up_to``."""
    ends = [int(c.group(1) + c.group(2)) if c.group(2) else 0 for c in (
        re.fullmatch(r"(-?)P(\d+)[MY]|-?PT0S", o or "") for o in (offset, up_to or offset))
        if c is not None]
    years = "Y" in f"{offset}{up_to}"
    if len(ends) != 2 or (not years and len(base) < 7):
        return False
    if years:
        first, last = (Point(int(base[:4]) + n) for n in ends)
    else:
        first, last = (Point((int(base[:4]) * 12 + int(base[5:7]) - 1 + n) // 12,
                             (int(base[5:7]) - 1 + n) % 12 + 1) for n in ends)
    return set_span(tm, first, last, "Interval" if ends[0] != ends[1] else
                    "Year" if years else "Month")


def _that_unit(tm: TimeMention, words: str, base: str) -> bool:
    """"later that month", "the following year", "a month earlier": the month or year of
    ``base``, or the one after or before it."""
    counted = re.match(r"(\S+) (?:month|year)s", words)
    size = _count(counted.group(1)) if counted else 1
    step = 0 if ("that" in words or "same" in words) else \
        size if any(w in words for w in ("next", "following", "later", "after")) else -size
    y = int(base[:4])
    if "year" in words:
        return set_span(tm, Point(y + step), Point(y + step), "Year")
    if len(base) < 7:
        return False
    mo = int(base[5:7]) + step
    pt = Point(y + (mo > 12) - (mo < 1), (mo - 1) % 12 + 1)
    return set_span(tm, pt, pt, "Month")
