"""Timeline events -> a drawing model shared by the HTML page and the SVG.

Each event becomes a row: a point (a day), a span, or an open span, with the
parts the source does not fix shown as uncertain ("soft"): the first and last
month of a span given to the month, the whole span for a season, a year or a
relative time. Events without dates go to a separate list ("undated in the
source"). Each row keeps its actors (for grouping and filtering by actor), its
document and whether it is factual. Dates may be ``date``/``datetime`` objects
or ISO strings at year, month or day precision (``"2022"``, ``"2022-09"``, ``"2022-09-15"``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kg.errors import UsageError
from kg.viz.escape import safe_color, text_of
from kg.viz.ties import doc_id

__all__ = ["Row", "TimelineModel", "build_model", "PRECISIONS"]

PRECISIONS = ("day", "month", "season", "year", "interval", "open interval", "relative")
_TEXT = 4000
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# How much of each end the source leaves open: None, one month, the whole span.
_SOFT_UNIT = {"month": "month", "season": "all", "year": "all", "relative": "all"}


@dataclass(frozen=True)
class Row:
    """One event as drawn. Dates are ISO strings; ``None`` where open or undated."""

    id: str
    label: str
    type: str
    type_label: str
    color: str
    precision: str
    time_label: str
    quote: str
    source: str
    source_url: str
    kind: str                 # "point" | "span" | "open" | "undated"
    begin: str | None
    end: str | None
    soft_begin: str | None    # the span is uncertain from begin up to this day
    soft_end: str | None      # ... and from this day to end
    actors: list[str]         # labels of the actors in its roles, source roles first
    doc: str                  # id of its document (``/doc/<id>`` when served), or ""
    factual: bool             # False: drawn outlined and hatched, never as having happened
    factuality: str = ""       # the factuality rule's verdict ("happened", "not happened", ...)


@dataclass(frozen=True)
class TimelineModel:
    title: str
    axis_begin: str | None
    axis_end: str | None
    rows: list[Row]
    undated: list[Row]
    types: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def build_model(events: list[dict[str, Any]], title: str = "Timeline") -> TimelineModel:
    """Sort, check and classify ``events`` (see :mod:`kg.viz` for their keys).

    :raises UsageError: an event has a date that is not a date (naming its id).
    """
    rows = sorted((_row(e) for e in events), key=_order)
    dated = [r for r in rows if r.kind != "undated"]
    undated = [r for r in rows if r.kind == "undated"]
    days = [d for r in dated for d in (r.begin, r.end) if d]
    axis_begin, axis_end = (_pad(min(days), max(days)) if days else (None, None))
    return TimelineModel(text_of(title, 300), axis_begin, axis_end, dated, undated,
                         _legend(rows))


def _legend(rows: list[Row]) -> list[dict[str, str]]:
    """One entry per colour: types sharing a colour (subclasses of one class) are named
    together, the first three and a count, rather than as rows of identical swatches."""
    by_color: dict[str, dict[str, str]] = {}
    for r in rows:
        by_color.setdefault(r.color, {}).setdefault(r.type, r.type_label)
    entries = []
    for color, types in sorted(by_color.items(), key=lambda ct: sorted(ct[1].values())):
        labels = sorted(types.values(), key=str.casefold)
        more = f" and {len(labels) - 3} more" if len(labels) > 3 else ""
        entries.append({"color": color, "label": ", ".join(labels[:3]) + more,
                        "types": ", ".join(sorted(types))})
    return entries


def _row(event: dict[str, Any]) -> Row:
    ident = text_of(event.get("id"), 500)
    begin = _date(event.get("begin"), ident, first=True)
    end = _date(event.get("end"), ident, first=False)
    precision = _precision(event.get("precision"), begin, end)
    if begin and end and end < begin:
        begin, end = end, begin
    if not (begin or end):
        kind = "undated"
    elif precision == "open interval" and not (begin and end):
        kind = "open"
    else:
        begin, end = begin or end, end or begin
        kind = "point" if begin == end and precision in ("day", "interval") else "span"
    soft_begin, soft_end = _soft(precision, begin, end) if kind == "span" else (None, None)
    return Row(
        id=ident, label=text_of(event.get("label"), _TEXT) or ident,
        type=text_of(event.get("type"), 200),
        type_label=text_of(event.get("type_label") or event.get("type"), 200) or "event",
        color=safe_color(event.get("color"), "#e45756"), precision=precision,
        time_label=text_of(event.get("time_label"), 500),
        quote=text_of(event.get("quote"), _TEXT), source=text_of(event.get("source"), _TEXT),
        source_url=text_of(event.get("source_url"), 2000),
        kind=kind, begin=_iso(begin), end=_iso(end),
        soft_begin=_iso(soft_begin), soft_end=_iso(soft_end),
        actors=[text_of(a, 300) for a in event.get("actors") or [] if text_of(a, 300)],
        doc=doc_id(event.get("document")),
        factual=event.get("happened", event.get("factual", True)) is not False,
        factuality=text_of(event.get("factuality"), 200),
    )


def _order(row: Row) -> tuple[str, str, str, str]:
    return (row.begin or row.end or "9999", row.end or "9999", row.label.casefold(), row.id)


def _date(value: Any, ident: str, *, first: bool) -> date | None:
    """A date from a date, datetime or partial ISO string (its first or last day)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _ISO.match(str(value).strip())
    try:
        if not match:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return date(year, 1, 1) if first else date(year, 12, 31)  # type: ignore[arg-type]
        if day is None:
            last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            return date(year, month, 1 if first else last)  # type: ignore[arg-type]
        return date(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        raise UsageError(
            f"event {ident}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _precision(value: Any, begin: date | None, end: date | None) -> str:
    """One of ``PRECISIONS``; also accepts ontology names such as ``OpenInterval``."""
    if value in (None, ""):
        return "day" if begin == end else "interval"
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(value)).replace("_", " ").replace("-", " ")
    text = " ".join(text.lower().split())
    return text if text in PRECISIONS else "interval"


def _soft(precision: str, begin: date | None, end: date | None) -> tuple[date | None, date | None]:
    unit = _SOFT_UNIT.get(precision)
    if unit is None or begin is None or end is None:
        return None, None
    if unit == "all":
        return end, begin
    first_month_end = begin.replace(day=calendar.monthrange(begin.year, begin.month)[1])
    last_month_start = end.replace(day=1)
    if first_month_end >= last_month_start:
        return end, begin
    return first_month_end, last_month_start


def _pad(first: str, last: str) -> tuple[str, str]:
    """The axis: the dated range plus a margin of 3% (at least 15 days) each side."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    margin = timedelta(days=max(15, (b - a).days * 3 // 100))
    a = a - margin if a > date.min + margin else date.min
    b = b + margin if b < date.max - margin else date.max
    return a.isoformat(), b.isoformat()


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
