"""Time expressions normalized against the document's date (or the text's latest year).

"in the summer of 2022" -> Season 2022-06..2022-08; "from September to November" ->
Interval; "since September" -> OpenInterval; "September 2017" -> Month; "in 2022"
-> Year; "in recent weeks" -> Relative. Months without a year take the reference
year, the year before when the month lies after the reference month (news reports
look back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["TimeMention", "find_times"]

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
_M = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_Y = r"((?:19|20)\d\d)"
PATTERNS = [  # most specific first; each gives a precision concept name
    ("Interval", re.compile(rf"\b(?i:from) {_M}(?: {_Y})? (?i:to|until|through) {_M}(?: {_Y})?\b")),
    ("Day", re.compile(rf"\b{_M} (\d{{1,2}}), {_Y}\b")),
    ("Season", re.compile(rf"\b(?:(?i:in) )?(?i:the) (spring|summer|autumn|fall|winter) "
                          rf"of {_Y}\b")),
    ("OpenInterval", re.compile(rf"\b(?i:since) {_M}(?: {_Y})?\b")),
    ("Month", re.compile(rf"\b{_M} {_Y}\b")),
    ("Month", re.compile(rf"\b(?i:in) {_M}\b")),
    ("Year", re.compile(rf"\b(?i:in) {_Y}\b")),
    ("Relative", re.compile(r"\b(?i:(?:in )?recent (?:days|weeks|months))\b")),
]


@dataclass
class TimeMention:
    start: int
    end: int
    precision: str
    begin: str | None = None
    end_date: str | None = None
    notes: list[str] = field(default_factory=list)


def _month(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _year_for(month: int, ref: tuple[int, int] | None, notes: list[str]) -> int | None:
    if ref is None:
        notes.append("no year in the text or the document's date: not normalized")
        return None
    year, ref_month = ref
    if ref_month and month > ref_month:
        year -= 1
    notes.append(f"year {year} from the reference date")
    return year


def _ym(y: int | None, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if y else None


def find_times(text: str, doc_date: str | None = None) -> list[TimeMention]:
    """Time expressions, non-overlapping, in text order."""
    taken: list[tuple[int, int]] = []
    out = []
    for precision, pat in PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            tm = _normalize(precision, m, _reference(text, m.start(), doc_date))
            taken.append((m.start(), m.end()))
            out.append(tm)
    return sorted(out, key=lambda t: t.start)


def _reference(text: str, pos: int, doc_date: str | None) -> tuple[int, int] | None:
    if doc_date:
        parts = doc_date.split("-")
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    years = re.findall(_Y, text[:pos]) or re.findall(_Y, text)
    return (max(int(y) for y in years), 0) if years else None


def _normalize(precision: str, m: re.Match, ref) -> TimeMention:
    tm = TimeMention(m.start(), m.end(), precision)
    g = m.groups()
    if precision == "Interval":
        y1: int | None = (int(g[1]) if g[1] else int(g[3]) if g[3]
                          else _year_for(_month(g[2]), ref, tm.notes))
        y2 = int(g[3]) if g[3] else y1
        tm.begin, tm.end_date = _ym(y1, _month(g[0])), _ym(y2, _month(g[2]))
    elif precision == "Day":
        tm.begin = tm.end_date = f"{int(g[2]):04d}-{_month(g[0]):02d}-{int(g[1]):02d}"
    elif precision == "Season":
        first, last = SEASONS[g[0].lower()]
        y = int(g[1])
        tm.begin, tm.end_date = _ym(y, first), _ym(y + (last < first), last)
        tm.notes.append(f"the {g[0].lower()} read as months {first}-{last}")
    elif precision == "OpenInterval":
        y0: int | None = int(g[1]) if g[1] else _year_for(_month(g[0]), ref, tm.notes)
        tm.begin = _ym(y0, _month(g[0]))
    elif precision == "Month":
        ym: int | None = (int(g[1]) if len(g) > 1 and g[1]
                          else _year_for(_month(g[0]), ref, tm.notes))
        tm.begin = tm.end_date = _ym(ym, _month(g[0]))
    elif precision == "Year":
        tm.begin = tm.end_date = g[0]
    if precision == "Relative":
        tm.notes.append("relative to the document's date")
    return tm
