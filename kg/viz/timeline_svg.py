"""A static SVG timeline for reports: hand-written, escaped XML, same input -> same bytes.

Rows as in :mod:`kg.viz.timeline_model`: spans as bars, days as dots, the parts the
source leaves uncertain hatched, open ends fading out, nonfactual events outlined and
dashed. Events are grouped in lanes by their first actor (busiest first); a lane's head
is a strip with all its events as marks, then at most ``LANE_ROWS`` events with their
labels and how many more it has, at most ``LANES`` lanes are drawn, and undated events
are folded into a short paragraph, so a thousand events stay a page or two. Every row
has a ``<title>`` (a native tooltip) with the label, type, the source's own time words,
the quote and the source. The HTML page shows everything, with filters.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from kg.viz.escape import shorten, xml_text
from kg.viz.timeline_model import Row, TimelineModel

__all__ = ["render_svg", "ticks", "lanes", "LANE_ROWS", "LANES"]

LANE_ROWS = 3
LANES = 20
UNDATED_NAMED = 6

WIDTH = 1000
LABEL_WIDTH = 250
PLOT_LEFT, PLOT_RIGHT = 260, WIDTH - 20
ROW = 24
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_KEY = (("solid", "fixed by the source"),
        ("soft", "uncertain part (month, season, year, relative)"),
        ("open", "open end"), ("point", "a single day"))


def render_svg(model: TimelineModel) -> str:
    """The whole SVG document as text."""
    colors = sorted({r.color for r in model.rows + model.undated} | {"#777777"})
    defs = [_patterns(i, c) for i, c in enumerate(colors)]
    paint = {c: i for i, c in enumerate(colors)}
    body, y = [_text(16, 24, model.title, size=16, weight="600")], 44
    legend, y = _legend(model, paint, y)
    body += legend
    if model.rows and model.axis_begin and model.axis_end:
        scale = _Scale(date.fromisoformat(model.axis_begin), date.fromisoformat(model.axis_end))
        top = y + 22
        drawn = _lane_lines(model.rows)
        bottom = top + ROW * len(drawn)
        body += _axis(scale, y + 14, bottom)
        for n, (kind, item) in enumerate(drawn):
            line_y = top + n * ROW
            if kind == "row":
                body.append(_row(item, scale, line_y, paint[item.color]))
            else:
                body.append(_lane_head(kind, item, line_y, scale, paint))
        y = bottom + 12
    undated, y = _undated(model.undated, y + 18)
    body += undated
    height = y + 12
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{xml_text(FONT)}" font-size="12" '
        'role="img">',
        f"<title>{xml_text(model.title)}</title>",
        "<defs>", *defs, "</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *body, "</svg>", ""])


class _Scale:
    """Days to x pixels over the plot area; a day is drawn from its start to its end."""

    def __init__(self, first: date, last: date):
        self.first = first
        self.days = max((last - first).days + 1, 1)

    def x(self, day: date) -> float:
        return PLOT_LEFT + (day - self.first).days * (PLOT_RIGHT - PLOT_LEFT) / self.days


def ticks(first: date, last: date, most: int = 9) -> list[tuple[date, str]]:
    """Round dates between ``first`` and ``last`` to label the axis, at most ``most``."""
    days = (last - first).days
    if days > 365 * 6:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if days / 365 / s <= most)
        return [(date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)
                if y % step == 0]
    if days > 80:
        step = next(s for s in (1, 2, 3, 6, 12) if days / 30.4 / s <= most)
        found, n = [], first.year * 12 + first.month  # months since year 0, from first's month
        while (d := date(n // 12, n % 12 + 1, 1)) <= last:
            if d > first and (d.month - 1) % step == 0:
                found.append((d, f"{MONTHS[d.month - 1]} {d.year}"))
            n += 1
        return found
    step = next(s for s in (1, 2, 7, 14, 28) if days / s <= most)
    found, d = [], first + timedelta(days=1)
    while d <= last:
        if d.toordinal() % step == 0:
            found.append((d, f"{d.day} {MONTHS[d.month - 1]} {d.year}"))
        d += timedelta(days=1)
    return found


def _patterns(i: int, color: str) -> str:
    return (f'<pattern id="soft{i}" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{color}" '
            f'fill-opacity="0.18"/><rect width="2.5" height="6" fill="{color}" '
            f'fill-opacity="0.75"/></pattern>'
            f'<linearGradient id="fade{i}"><stop offset="0" stop-color="{color}" '
            f'stop-opacity="0.85"/><stop offset="1" stop-color="{color}" stop-opacity="0"/>'
            f'</linearGradient>'
            f'<linearGradient id="fadeleft{i}"><stop offset="0" stop-color="{color}" '
            f'stop-opacity="0"/><stop offset="1" stop-color="{color}" stop-opacity="0.85"/>'
            f'</linearGradient>')


def _text(x: float, y: float, text: str, *, size: int = 12, weight: str = "normal",
          fill: str = "#222222", anchor: str = "start", italic: bool = False) -> str:
    style = ' font-style="italic"' if italic else ""
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}" text-anchor="{anchor}"{style}>{xml_text(text)}</text>')


def _legend(model: TimelineModel, paint: dict[str, int], y: int) -> tuple[list[str], int]:
    parts, x = [], 16.0
    for color, label in ((t["color"], shorten(t["label"], 80)) for t in model.types):
        if x + 30 + 7 * len(label) > WIDTH - 16:
            x, y = 16.0, y + 18
        parts.append(f'<rect x="{x:g}" y="{y - 9}" width="12" height="10" fill="{color}"/>')
        parts.append(_text(x + 16, y, label))
        x += 30 + 7 * len(label)
    y += 20
    grey, x = paint["#777777"], 16.0
    for kind, words in _KEY:
        parts.append(_swatch(kind, x, y - 9, grey))
        parts.append(_text(x + 26, y, words, size=11, fill="#555555"))
        x += 40 + 6 * len(words)
    return parts, y + 6


def _swatch(kind: str, x: float, y: float, paint: int) -> str:
    if kind == "point":
        return f'<circle cx="{x + 10:g}" cy="{y + 5:g}" r="4.5" fill="#777777"/>'
    fill = {"solid": "#777777", "soft": f"url(#soft{paint})", "open": f"url(#fade{paint})"}[kind]
    return f'<rect x="{x:g}" y="{y:g}" width="20" height="10" rx="2" fill="{fill}"/>'


def _axis(scale: _Scale, y: int, bottom: int) -> list[str]:
    end = scale.first + timedelta(days=scale.days - 1)
    out = [f'<line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="#999999"/>']
    for day, label in ticks(scale.first, end):
        x = round(scale.x(day), 1)
        out.append(f'<line x1="{x:g}" y1="{y - 4}" x2="{x:g}" y2="{bottom}" stroke="#e3e3e3"/>')
        out.append(_text(x, y - 6, label, size=11, fill="#555555", anchor="middle"))
    return out


def _row(row: Row, scale: _Scale, y: int, paint: int) -> str:
    mid = y + ROW / 2
    shapes, left, right = _shapes(row, scale, y + 5, ROW - 10, paint)
    if not row.factual:  # outlined and hatched: reported, not having happened
        shapes = [f'<g fill-opacity="0.35" stroke="{row.color}" stroke-dasharray="3 2">'
                  + "".join(shapes) + "</g>"]
    return (f'<g><title>{xml_text(_tooltip(row))}</title>'
            f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="#ffffff" fill-opacity="0"/>'
            + _text(LABEL_WIDTH, mid + 4, shorten(row.label, 36), anchor="end")
            + "".join(shapes) + _note(row, left, right, mid + 4) + "</g>")


def _note(row: Row, left: float, right: float, y: float) -> str:
    """The source's time words and the precision, right of the bar, else left of it."""
    words = shorten(" \u00b7 ".join(w for w in (row.time_label, row.precision,
                                                "" if row.factual else "not factual") if w), 60)
    width = 6.2 * len(words)
    if right + 6 + width > WIDTH and left - 6 - width >= PLOT_LEFT:
        return _text(left - 6, y, words, size=11, fill="#555555", anchor="end", italic=True)
    return _text(right + 6, y, words, size=11, fill="#555555", italic=True)


def _shapes(row: Row, scale: _Scale, y: float, h: float,
            paint: int) -> tuple[list[str], float, float]:
    """The bar(s) or dot of a row, and the x of its left and right edges (for the note)."""
    def bar(a: date, b: date, fill: str, extra: str = "") -> str:
        x0, x1 = scale.x(a), max(scale.x(b + timedelta(days=1)), scale.x(a) + 3)
        return (f'<rect x="{x0:.1f}" y="{y:g}" width="{x1 - x0:.1f}" height="{h:g}" rx="2" '
                f'fill="{fill}"{extra}/>')

    day = date.fromisoformat
    begin = day(row.begin) if row.begin else scale.first
    end = day(row.end) if row.end else scale.first + timedelta(days=scale.days - 1)
    left, right = scale.x(begin), max(scale.x(end + timedelta(days=1)), scale.x(begin) + 3)
    if row.kind == "point":
        x = (scale.x(begin) + scale.x(begin + timedelta(days=1))) / 2
        circle = f'<circle cx="{x:.1f}" cy="{y + h / 2:g}" r="5" fill="{row.color}"/>'
        return [circle], x - 5, x + 5
    if row.kind == "open":
        fade = f"url(#fade{paint})" if row.begin else f"url(#fadeleft{paint})"
        return [bar(begin, end, fade)], left, right
    dashed = ' stroke="#555555" stroke-dasharray="3 2"' if row.precision == "relative" else ""
    if not row.soft_begin or not row.soft_end:
        return [bar(begin, end, row.color)], left, right
    soft_b, soft_e = day(row.soft_begin), day(row.soft_end)
    if soft_b >= soft_e:
        return [bar(begin, end, f"url(#soft{paint})", dashed)], left, right
    middle = (soft_b + timedelta(days=1), soft_e - timedelta(days=1))
    solid = [bar(*middle, row.color)] if middle[0] <= middle[1] else []
    return [bar(begin, soft_b, f"url(#soft{paint})"), *solid,
            bar(soft_e, end, f"url(#soft{paint})")], left, right


def _tooltip(row: Row) -> str:
    when = (row.begin or "undated") if row.begin == row.end else \
        f"{row.begin or '…'} to {row.end or '…'}"
    lines = [row.label, f"{row.type_label} \u00b7 {row.precision} precision"
             + ("" if row.factual else " \u00b7 not factual"),
             *([", ".join(row.actors)] if row.actors else []),
             f"{row.time_label} ({when})" if row.time_label else when]
    if not row.factual and row.factuality:
        lines.append(f"Factuality: {row.factuality}")
    if row.quote:
        lines.append(f"\u201c{row.quote}\u201d")
    if row.source or row.source_url:
        lines.append(f"Source: {row.source or row.source_url}")
    if row.source and row.source_url:
        lines.append(row.source_url)
    return "\n".join(lines)


def lanes(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Rows grouped by their first actor ("(no actor)" for none), busiest lane first."""
    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(row.actors[0] if row.actors else "(no actor)", []).append(row)
    return sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold(), kv[0]))


def _lane_lines(rows: list[Row]) -> list[tuple[str, Any]]:
    """What is drawn, line by line: lane heads, their first rows, "more" notes."""
    out: list[tuple[str, Any]] = []  # ("lane", (name, rows)), ("row", Row), ("more", text)
    grouped = lanes(rows)
    for name, members in grouped[:LANES]:
        out.append(("lane", (name, members)))
        out += [("row", r) for r in members[:LANE_ROWS]]
        if len(members) > LANE_ROWS:
            out.append(("more", f"and {len(members) - LANE_ROWS} more events of {name}"))
    if len(grouped) > LANES:
        rest = grouped[LANES:]
        events = sum(len(m) for _, m in rest)
        out.append(("more", f"and {len(rest)} more lanes ({events} events): see the HTML page"))
    return out


def _lane_head(kind: str, item: Any, y: int, scale: _Scale, paint: dict[str, int]) -> str:
    if kind == "lane":
        name, members = item
        marks = []
        for row in members:  # the lane's strip: every event as a mark, no labels
            shapes, _, _ = _shapes(row, scale, y + 6, ROW - 12, paint[row.color])
            marks.append(f"<g><title>{xml_text(_tooltip(row))}</title>{''.join(shapes)}</g>")
        return (f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="#f3f5f8"/>'
                + _text(16, y + ROW / 2 + 4, f"{shorten(name, 28)} ({len(members)})",
                        weight="600") + "".join(marks))
    return _text(LABEL_WIDTH, y + ROW / 2 + 4, str(item), size=11, fill="#555555",
                 anchor="end", italic=True)


def _undated(rows: list[Row], y: int) -> tuple[list[str], int]:
    """Undated events folded into a heading, a few names and a count."""
    if not rows:
        return [], y
    out = [_text(16, y, f"Undated in the source ({len(rows)})", size=13, weight="600")]
    for n, row in enumerate(rows[:UNDATED_NAMED], start=1):
        words = " \u2014 ".join(w for w in (row.label, row.type_label, row.time_label) if w)
        out.append(f"<g><title>{xml_text(_tooltip(row))}</title>"
                   + _text(28, y + 18 * n, shorten(words, 130)) + "</g>")
    y += 18 * min(len(rows), UNDATED_NAMED)
    if len(rows) > UNDATED_NAMED:
        y += 18
        out.append(_text(28, y, f"and {len(rows) - UNDATED_NAMED} more (listed in the HTML page)",
                         size=11, fill="#555555", italic=True))
    return out, y + 6
