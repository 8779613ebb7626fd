"""Time expressions normalized against the document's date (or the text's latest year).

Every common written form, at the precision it is written with:

- days: "26 May 2022" (day first), "May 26, 2022" / "May 26th 2022" (month first),
  "2022-05-26" (ISO), "on 26 May" / "on May 26" (the year from the reference);
- months: "September 2017", "in May"; years: "in 2019" and a bare "2019" (not when a
  plural noun follows it: "2000 troops" is a count);
- seasons ("in the summer of 2022": the season's months), intervals ("from September to
  November"), open intervals ("since September");
- relative expressions, resolved against the nearest date written before them: "the next
  day", "the following day", "the day before", "that day", "within hours", "hours later"
  (that day or the next), "later that month", "the following month", "days later", "weeks
  later" (an open interval from that date). "in recent weeks" is relative to the
  document's date and stays undated.

Months without a year take the reference year, the year before when the month lies after
the reference month (news reports look back). Each mention says in ``notes`` how it was
read, so a reviewer can check it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["TimeMention", "find_times"]

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
_M = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_Y = r"((?:19|20)\d\d)"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
# the same without groups, for patterns that hold whole dates
_M0 = _M.replace("(", "(?:", 1)
_Y0 = r"(?:19|20)\d\d"
_D0 = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (rf"(?:{_D0} {_M0},? {_Y0}|{_M0} {_D0},? {_Y0}|{_M0} {_Y0}|{_Y0}|\d{{4}}-\d\d-\d\d)")
PATTERNS = [  # most specific first; each gives a precision (a concept name) or a reading
    ("DayInterval", re.compile(rf"\b(?i:from) {_D} (?i:to|until|through) {_D} {_M}(?:,? {_Y})?\b")),
    ("Between", re.compile(rf"\b(?i:between) ({_DATE}) (?i:and) ({_DATE})(?![\d-])")),
    ("Interval", re.compile(rf"\b(?i:from) {_M}(?: {_Y})? (?i:to|until|through) {_M}(?: {_Y})?\b")),
    ("Before", re.compile(rf"\b(?i:(?:before|by) the end of) (?:{_Y}|(?i:the|this) (year|month)|"
                          rf"{_M}(?: {_Y})?)\b")),
    ("IsoDay", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("DayFirst", re.compile(rf"\b{_D} {_M},? {_Y}\b")),
    ("MonthFirst", re.compile(rf"\b{_M} {_D},? {_Y}\b")),
    ("Season", re.compile(rf"\b(?:(?i:in) )?(?i:the) (spring|summer|autumn|fall|winter) "
                          rf"of {_Y}\b")),
    ("OpenInterval", re.compile(rf"\b(?i:since) {_M}(?: {_Y})?\b")),
    ("ThisSeason", re.compile(r"\b(?i:(?:all|this|last|that|in the|during the|over the) "
                              r"(spring|summer|autumn|fall|winter))\b")),
    ("Month", re.compile(rf"\b{_M} {_Y}\b")),
    ("DayFirstNoYear", re.compile(rf"\b(?i:on) {_D} {_M}\b")),
    ("MonthFirstNoYear", re.compile(rf"\b(?i:on) {_M} {_D}\b(?![,:]? ?\d)")),
    ("Month", re.compile(rf"\b(?i:in) {_M}\b")),
    ("Year", re.compile(rf"\b(?i:in) {_Y}\b")),
    # A bare year, unless a plural noun follows it ("2000 troops" is a count).
    ("Year", re.compile(rf"(?<![\d.,-]){_Y}(?!\d|[.,-]\d|\s+[A-Za-z]+s\b)")),
    ("Relative", re.compile(r"\b(?i:(?:in )?recent (?:days|weeks|months))\b")),
    ("NextDay", re.compile(r"\b(?i:the (?:next|following) day|the day after|a day later|"
                           r"the next morning|the following morning)\b")),
    ("PreviousDay", re.compile(r"\b(?i:the (?:previous|preceding) day|the day before)\b")),
    ("SameDay", re.compile(r"\b(?i:(?:later|earlier) that (?:day|morning|afternoon|evening|night)|"
                           r"the same day|that (?:morning|afternoon|evening|night)|"
                           r"in the (?:morning|afternoon|evening))\b")),
    ("WithinHours", re.compile(r"\b(?i:within hours|hours (?:later|after))\b")),
    ("WithinMinutes", re.compile(r"\b(?i:within (?:minutes|the hour)|minutes (?:later|after)|"
                                 r"shortly (?:after|afterwards))\b")),
    ("Overnight", re.compile(r"\b(?i:overnight)\b")),
    ("DaysAfter", re.compile(r"\b(?i:(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) "
                             r"days? (?:later|after))\b")),
    ("SameMonth", re.compile(r"\b(?i:(?:later|earlier) (?:that|in the same) month)\b")),
    ("NextMonth", re.compile(r"\b(?i:the (?:next|following) month|a month later)\b")),
    ("After", re.compile(r"\b(?i:(?:(?:a few|several|two|three|four|five) )?"
                         r"(?:days|weeks) later)\b")),
]
_RELATIVE = {"NextDay", "PreviousDay", "SameDay", "SameMonth", "NextMonth", "After",
             "WithinHours", "WithinMinutes", "Overnight", "DaysAfter"}
# offset (and latest offset) from the reference event, as xsd:dayTimeDuration
OFFSETS = {"NextDay": ("P1D", None), "PreviousDay": ("-P1D", None), "SameDay": ("PT0S", None),
           "WithinHours": ("PT0S", "PT24H"), "WithinMinutes": ("PT0S", "PT1H"),
           "Overnight": ("PT12H", "P1D"), "After": ("P1D", None)}
_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# a month without its year may lie this many months after the reference date (a meeting
# "scheduled for 8 June" in a report of late May); further ahead, it is read as last year's
LOOKAHEAD_MONTHS = 1


@dataclass
class TimeMention:
    start: int
    end: int
    precision: str
    begin: str | None = None
    end_date: str | None = None
    notes: list[str] = field(default_factory=list)
    relative_to: int | None = None  # offset of the dated mention a relative one is read from
    offset: str | None = None  # from a reference event (xsd:dayTimeDuration), when relative
    offset_up_to: str | None = None


def _month(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _year_for(month: int, ref: tuple[int, int] | None, notes: list[str],
              past: bool = False) -> int | None:
    """The year of a month written without one: the reference's, or the year before when
    the month lies more than :data:`LOOKAHEAD_MONTHS` after the reference month (reports
    look back), or after it at all when ``past`` ("since September")."""
    if ref is None:
        notes.append("no year in the text or the document's date: not normalized")
        return None
    year, ref_month = ref
    if ref_month and month > ref_month + (0 if past else LOOKAHEAD_MONTHS):
        year -= 1
    notes.append(f"year {year} from the reference date")
    return year


def _ym(y: int | None, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if y else None


def _day(y: int | None, m: int, d: int) -> str | None:
    if not y or not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_times(text: str, doc_date: str | None = None) -> list[TimeMention]:
    """Time expressions, non-overlapping, in text order."""
    taken = bytearray(len(text))  # characters already read as part of a time expression
    found = []
    for reading, pat in PATTERNS:
        for m in pat.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append((m.start(), reading, m))
    out: list[TimeMention] = []
    for _, reading, m in sorted(found, key=lambda f: f[0]):
        tm: TimeMention | None
        if reading in _RELATIVE:
            tm = _relative(reading, m, out, doc_date)
        else:
            tm = _normalize(reading, m, _reference(text, m.start(), doc_date))
        if tm is not None:
            out.append(tm)
    return out


def _reference(text: str, pos: int, doc_date: str | None) -> tuple[int, int] | None:
    if doc_date:
        parts = doc_date.split("-")
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    years = re.findall(_Y, text[:pos]) or re.findall(_Y, text)
    return (max(int(y) for y in years), 0) if years else None


def _normalize(reading: str, m: re.Match, ref) -> TimeMention | None:
    precision = {"IsoDay": "Day", "DayFirst": "Day", "MonthFirst": "Day", "DayFirstNoYear": "Day",
                 "MonthFirstNoYear": "Day"}.get(reading, reading)
    tm = TimeMention(m.start(), m.end(), precision)
    g = m.groups()
    if reading == "Interval":
        y1: int | None = (int(g[1]) if g[1] else int(g[3]) if g[3]
                          else _year_for(_month(g[2]), ref, tm.notes))
        y2 = int(g[3]) if g[3] else y1
        tm.begin, tm.end_date = _ym(y1, _month(g[0])), _ym(y2, _month(g[2]))
    elif reading in ("IsoDay", "DayFirst", "MonthFirst", "DayFirstNoYear", "MonthFirstNoYear"):
        if reading == "IsoDay":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif reading == "DayFirst":
            y, mo, d = int(g[2]), _month(g[1]), int(g[0])
        elif reading == "MonthFirst":
            y, mo, d = int(g[2]), _month(g[0]), int(g[1])
        else:
            mo, d = (_month(g[1]), int(g[0])) if reading == "DayFirstNoYear" \
                else (_month(g[0]), int(g[1]))
            y = _year_for(mo, ref, tm.notes) or 0
        day = _day(y, mo, d)
        if day is None and reading == "IsoDay":
            return None  # not a date ("2022-13-40" is a number range or an id)
        tm.begin = tm.end_date = day
    elif reading == "DayInterval":
        mo = _month(g[2])
        y = int(g[3]) if g[3] else _year_for(mo, ref, tm.notes) or 0
        tm.precision = "Interval"
        tm.begin, tm.end_date = _day(y, mo, int(g[0])), _day(y, mo, int(g[1]))
    elif reading == "Between":
        first, last = _bound(g[0], ref), _bound(g[1], ref)
        if first is None or last is None:
            return None
        tm.precision, tm.begin, tm.end_date = "Interval", first, last
    elif reading == "Before":
        tm.precision = "OpenInterval"
        if g[0]:
            tm.end_date = f"{g[0]}-12-31"
        elif g[1] and ref:
            tm.end_date = (f"{ref[0]}-12-31" if g[1].lower() == "year" or not ref[1] else
                           _day(ref[0], ref[1], calendar.monthrange(ref[0], ref[1])[1]))
        elif g[2]:
            mo = _month(g[2])
            y = int(g[3]) if g[3] else _year_for(mo, ref, tm.notes) or 0
            tm.end_date = _day(y, mo, calendar.monthrange(y, mo)[1]) if y else None
        if not tm.end_date:
            return None
        tm.notes.append("an open interval ending then")
    elif reading == "ThisSeason":
        if ref is None:
            return None
        m1, m2 = SEASONS[g[0].lower()]
        y = ref[0] - (1 if ref[1] and m1 > ref[1] + LOOKAHEAD_MONTHS else 0)
        tm.precision = "Season"
        tm.begin, tm.end_date = _ym(y, m1), _ym(y + (m2 < m1), m2)
        tm.notes.append(f"the {g[0].lower()} of {y}, from the reference date")
    elif reading == "Season":
        m1, m2 = SEASONS[g[0].lower()]
        y = int(g[1])
        tm.begin, tm.end_date = _ym(y, m1), _ym(y + (m2 < m1), m2)
        tm.notes.append(f"the {g[0].lower()} read as months {m1}-{m2}")
    elif reading == "OpenInterval":
        y0: int | None = int(g[1]) if g[1] else _year_for(_month(g[0]), ref, tm.notes, True)
        tm.begin = _ym(y0, _month(g[0]))
    elif reading == "Month":
        ym: int | None = (int(g[1]) if len(g) > 1 and g[1]
                          else _year_for(_month(g[0]), ref, tm.notes))
        tm.begin = tm.end_date = _ym(ym, _month(g[0]))
    elif reading == "Year":
        tm.begin = tm.end_date = g[0]
    if reading == "Relative":
        tm.notes.append("relative to the document's date")
    return tm


def _bound(written: str, ref) -> str | None:
    """One end of "between X and Y", at the precision it is written with."""
    for reading, pat in PATTERNS:
        if reading in ("IsoDay", "DayFirst", "MonthFirst", "Month", "Year"):
            m = pat.fullmatch(written)
            if m:
                tm = _normalize(reading, m, ref)
                return tm.begin if tm else None
    return None


def _relative(reading: str, m: re.Match, before: list[TimeMention],
              doc_date: str | None) -> TimeMention:
    """A relative expression read from the nearest date written before it (else the
    document's date); undated when there is none. ``offset``/``offset_up_to`` say how it
    counts from a reference event, for the drafter (``relativeTo``)."""
    tm = TimeMention(m.start(), m.end(), "Relative")
    if reading == "DaysAfter":
        word = m.group(1).lower()
        n = _NUMBERS.index(word) + 1 if word in _NUMBERS else int(word)
        tm.offset = f"P{n}D"
    elif reading in OFFSETS:
        tm.offset, tm.offset_up_to = OFFSETS[reading]
    anchor = next((t for t in reversed(before) if t.precision in ("Day", "Month")
                   and t.begin and t.relative_to is None), None)
    base = anchor.begin if anchor else doc_date
    if anchor is not None:
        tm.relative_to = anchor.start
    what = f"'{m.group(0)}' read from " + (f"the date at offset {anchor.start}" if anchor
                                          else "the document's date")
    by_day = reading not in ("SameMonth", "NextMonth", "After")
    if not base or (len(base) < 10 and by_day):
        tm.notes.append(f"'{m.group(0)}': no day to count from; left undated")
        return tm
    if by_day:
        first = _days(tm.offset or "PT0S")
        last = _days(tm.offset_up_to or tm.offset or "PT0S", up=True)
        day = dt.date.fromisoformat(base[:10])
        tm.precision = "Day" if first == last else "Interval"
        tm.begin = (day + dt.timedelta(days=first)).isoformat()
        tm.end_date = (day + dt.timedelta(days=last)).isoformat()
        if tm.offset_up_to:
            tm.notes.append(f"'{m.group(0)}' read as {tm.offset} to {tm.offset_up_to} after")
    elif reading in ("SameMonth", "NextMonth"):
        y, mo = int(base[:4]), int(base[5:7]) if len(base) >= 7 else 0
        if not mo:
            tm.notes.append(f"'{m.group(0)}': no month to count from; left undated")
            return tm
        if reading == "NextMonth":
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        tm.precision, tm.begin = "Month", _ym(y, mo)
        tm.end_date = tm.begin
    else:  # "days later": after the date, by an amount the text does not give
        tm.precision, tm.begin = "OpenInterval", base[:10]
    tm.notes.append(what)
    return tm


def _days(duration: str, up: bool = False) -> int:
    """Whole days of a day-time duration ("P1D", "-P1D", "PT12H"), rounded out as the build
    rounds them (down for the earliest, up for the latest)."""
    m = re.fullmatch(r"(-?)P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", duration)
    if not m:
        return 0
    seconds = ((int(m.group(2) or 0) * 24 + int(m.group(3) or 0)) * 60
               + int(m.group(4) or 0)) * 60 + int(m.group(5) or 0)
    days = -(-seconds // 86400) if up else seconds // 86400
    return -days if m.group(1) else days
