"""Timelines without a browser: the model, the SVG as XML, escaping, determinism."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kg.errors import UsageError
from kg.viz.timeline import (
    render_timeline_html,
    render_timeline_svg,
    write_timeline_html,
    write_timeline_svg,
)
from kg.viz.timeline_model import build_model
from kg.viz.timeline_svg import ticks

SVG = "{http://www.w3.org/2000/svg}"


def _by_label(model):
    return {r.label: r for r in model.rows + model.undated}


def test_kinds_and_uncertain_parts(events):
    rows = _by_label(build_model(events))
    months = rows["Missile tests"]
    assert (months.kind, months.begin, months.end) == ("span", "2022-09-01", "2022-11-30")
    assert (months.soft_begin, months.soft_end) == ("2022-09-30", "2022-11-01"), months
    assert rows["ICBM launch"].kind == "point"
    assert rows["Combined exercises"].soft_begin is None, "an interval is fixed at both ends"
    season = rows["Summer drills"]
    assert season.soft_begin >= season.soft_end, "a season is uncertain throughout"
    assert rows["Nuclear test expected"].kind == "open"
    assert rows["Nuclear test expected"].end is None
    assert rows["Talks stalled"].kind == "undated"


def test_rows_sorted_by_date_undated_apart_and_axis_padded(events):
    model = build_model(events)
    begins = [r.begin for r in model.rows]
    assert begins == sorted(begins), begins
    assert [r.label for r in model.undated] == ["Talks stalled"]
    assert model.axis_begin < min(begins) and model.axis_end > max(r.end or "" for r in model.rows)


def test_dates_may_be_date_objects_or_partial_iso_strings():
    model = build_model([
        {"id": "a", "label": "A", "begin": date(2020, 2, 1), "end": date(2020, 2, 29),
         "precision": "Month"},
        {"id": "b", "label": "B", "begin": "2021", "end": None, "precision": "OpenInterval"},
        {"id": "c", "label": "C", "begin": "2019-02", "end": "2019-02", "precision": "month"},
    ])
    rows = _by_label(model)
    assert rows["A"].precision == "month" and rows["A"].soft_begin == "2020-02-29"
    assert (rows["B"].kind, rows["B"].begin, rows["B"].precision) == \
        ("open", "2021-01-01", "open interval")
    assert (rows["C"].begin, rows["C"].end) == ("2019-02-01", "2019-02-28")


def test_a_bad_date_names_the_event():
    with pytest.raises(UsageError, match=r"event ev9: '2022-13' is not a date"):
        build_model([{"id": "ev9", "label": "x", "begin": "2022-13"}])


def test_svg_parses_as_xml_and_keeps_hostile_text_as_text(events, hostile):
    svg = render_timeline_svg(events, title=hostile.SCRIPT)
    root = ET.fromstring(svg.split("\n", 1)[1])
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "<img src=x onerror=alert(1)>" in texts, texts
    titles = ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    assert titles[0] == hostile.SCRIPT, titles[0]
    assert any("</script><script>alert(1)</script>" in t for t in titles), titles
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))
    assert "Undated in the source (1)" in texts


def _event(i: int, actor: str, *, day: str | None = "2022-03-01", factual: bool = True) -> dict:
    return {"id": f"ev{i:04d}", "label": f"event {i}", "type": "MissileTest",
            "type_label": "missile test", "color": "#e45756", "begin": day, "end": day,
            "precision": "day", "actors": [actor], "factual": factual,
            "document": "https://w3id.org/kg-toolkit/id/doc/d1"}


def test_svg_groups_by_actor_caps_lanes_and_folds_undated_events():
    events = [_event(i, f"actor {i % 50:02d}", day=f"2022-{i % 12 + 1:02d}-01")
              for i in range(1000)]
    events += [{**_event(2000 + i, "x", day=None), "label": f"no date {i}"} for i in range(43)]
    svg = render_timeline_svg(events)
    root = ET.fromstring(svg.split("\n", 1)[1])
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    heads = [t for t in texts if t.startswith("actor ") and t.endswith("(20)")]
    assert len(heads) == 20, heads  # LANES lanes, the rest counted
    assert "and 30 more lanes (600 events): see the HTML page" in texts
    assert "and 17 more events of actor 00" in texts
    assert "Undated in the source (43)" in texts
    assert sum(t.startswith("no date ") for t in texts) == 6, "undated events are folded"
    assert int(root.get("height")) < 3000, root.get("height")


def test_nonfactual_events_are_outlined_in_the_svg():
    svg = render_timeline_svg([_event(1, "a"), _event(2, "a", factual=False)])
    assert svg.count('stroke-dasharray="3 2"') == 1 and "not factual" in svg
    row = build_model([_event(2, "a", factual=False)]).rows[0]
    assert (row.factual, row.actors, row.doc) == (False, ["a"], "d1")


def test_svg_and_html_are_deterministic(tmp_path, events):
    assert write_timeline_svg(events, tmp_path / "a.svg").read_bytes() == \
        write_timeline_svg(list(reversed(events)), tmp_path / "b.svg").read_bytes()
    assert write_timeline_html(events, tmp_path / "a.html").read_bytes() == \
        write_timeline_html(list(reversed(events)), tmp_path / "b.html").read_bytes()


def test_html_carries_the_model_as_escaped_json(events, hostile):
    html = render_timeline_html(events, title=hostile.SCRIPT)
    block = html.split('<script type="application/json" id="tl-data">', 1)[1].split("</script>")[0]
    assert "<" not in block and ">" not in block, "unescaped markup in the JSON block"
    model = json.loads(block)
    assert len(model["rows"]) == 7 and len(model["undated"]) == 1
    assert "<title>&lt;/script&gt;" in html
    assert html.count("<script") == 2, "one JSON block and one script, nothing else"


def test_a_title_with_control_characters_is_shown_without_them():
    """Regression: 'kg timeline --title' put its ESC sequences raw into <title> and <h1>."""
    html = render_timeline_html([], title="Time\x1b[2J\x07\u202eX")
    assert "<title>\u2068Time[2J\u202eX\u2069</title>" in html, html[:400]
    assert "\x1b" not in html and "\x07" not in html


def test_an_empty_timeline_still_renders():
    root = ET.fromstring(render_timeline_svg([]).split("\n", 1)[1])
    assert root.tag == f"{SVG}svg"
    assert "tl-data" in render_timeline_html([])


def test_ticks_pick_years_months_or_days_by_range():
    years = ticks(date(2000, 1, 1), date(2020, 6, 1))
    assert years[0][1] == "2005" and len(years) <= 9, years
    months = ticks(date(2022, 1, 1), date(2022, 12, 31))
    assert months[:2] == [(date(2022, 3, 1), "Mar 2022"), (date(2022, 5, 1), "May 2022")], months
    days = ticks(date(2022, 9, 1), date(2022, 9, 20))
    assert all(label.endswith("Sep 2022") for _, label in days) and len(days) <= 9, days
