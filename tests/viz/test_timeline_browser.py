"""The timeline page in the system Chromium: lanes, folded undated events, filters, scale."""

from __future__ import annotations

import pytest

from kg.network.projection import timeline_events
from kg.viz.timeline import write_timeline_html

pytestmark = pytest.mark.browser

INERT = ("[window.__pwned === undefined, "
         "document.querySelectorAll('img, iframe, object, embed, a[href^=javascript]').length]")


def _event(i: int, actor: str, *, day: str | None, factual: bool = True, doc: str = "d1",
           label: str | None = None, type_: str = "MissileTest") -> dict:
    return {"id": f"ev{i:04d}", "label": label or f"event {i}", "type": type_,
            "type_label": type_.lower(),
            "color": "#e45756" if type_ == "MissileTest" else "#4c78a8",
            "begin": day, "end": day, "precision": "day", "actors": [actor, "Bystander"],
            "factual": factual, "document": f"https://w3id.org/kg-toolkit/id/doc/{doc}"}


def _open(page, path):
    page.kg_open(path)
    page.wait_for_function("document.body.dataset.ready === '1'")


def test_seed_timeline_groups_by_actor_and_folds_the_undated_events(page, tmp_path, seed_build):
    events = timeline_events(str(seed_build.out / "store"))
    undated = [e for e in events if e["begin"] is None]
    _open(page, write_timeline_html(events, tmp_path / "t.html"))
    lanes = page.evaluate("kgTimeline.lanes()")
    assert "North Korea" in [lane["key"] for lane in lanes], lanes
    assert sum(lane["count"] for lane in lanes) == len(events) - len(undated)
    box = page.locator("#tl-undated-box")
    assert box.get_attribute("open") is None, "undated events start folded away"
    assert page.text_content("#tl-undated-count") == f"Undated in the source ({len(undated)})"
    assert not page.is_visible("#tl-undated li >> nth=0")
    page.click("#tl-undated-count")
    assert page.is_visible("#tl-undated li >> nth=0")
    page.kg_log.assert_clean()


def test_a_thousand_events_start_as_lane_strips_and_expand_on_click(page, tmp_path):
    events = [_event(i, f"actor {i % 60:02d}", day=f"20{10 + i % 12}-{i % 12 + 1:02d}-01")
              for i in range(1000)]
    events += [_event(5000 + i, "actor 00", day=None) for i in range(43)]
    _open(page, write_timeline_html(events, tmp_path / "big.html"))
    assert page.evaluate("kgTimeline.rows") == 1000
    assert page.evaluate("kgTimeline.shownLanes()") == 40  # the rest behind "more lanes"
    assert page.evaluate("document.querySelectorAll('#tl-labels .tl-event').length") == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2000, height
    page.click("#tl-labels .tl-lane-button >> nth=0")
    first = page.evaluate("kgTimeline.lanes()[0]")
    assert first["open"] is True
    shown = page.evaluate("document.querySelectorAll('#tl-labels .tl-event').length")
    assert shown == first["count"]
    page.click("#tl-more-lanes")
    assert page.evaluate("kgTimeline.shownLanes()") == 60
    page.kg_log.assert_clean()


def test_filters_by_actor_type_source_and_factuality(page, tmp_path):
    events = [_event(1, "Westland", day="2022-01-05", doc="d1"),
              _event(2, "Westland", day="2022-02-05", doc="d2", factual=False),
              _event(3, "Isleland", day="2022-03-05", doc="d2", type_="MilitaryExercise"),
              _event(4, "Isleland", day=None, doc="d1")]
    _open(page, write_timeline_html(events, tmp_path / "f.html"))
    rows = "kgTimeline.visibleRows()"
    assert page.evaluate(rows) == 3
    page.select_option("#tl-actor", "Isleland")
    assert page.evaluate(rows) == 1
    page.select_option("#tl-actor", "Bystander")  # any actor of the event, not only the lane's
    assert page.evaluate(rows) == 3
    page.select_option("#tl-actor", "")
    page.select_option("#tl-doc", "d2")
    assert page.evaluate(rows) == 2
    assert page.text_content("#tl-undated-count") == "Undated in the source (0)"
    page.select_option("#tl-doc", "")
    page.select_option("#tl-factual", "factual")
    assert page.evaluate(rows) == 2
    page.select_option("#tl-factual", "nonfactual")
    assert page.evaluate(rows) == 1
    assert page.evaluate("document.querySelectorAll('#tl-chart .tl-nonfactual').length") >= 1
    page.select_option("#tl-factual", "all")
    page.uncheck("#tl-legend input[data-types=MilitaryExercise]")
    assert page.evaluate(rows) == 2
    page.select_option("#tl-group", "document")
    assert sorted(lane["key"] for lane in page.evaluate("kgTimeline.lanes()")) == ["d1", "d2"]
    page.kg_log.assert_clean()


def test_hostile_lane_names_and_labels_run_no_script(page, tmp_path, hostile):
    events = [_event(1, hostile.IMG, day="2022-01-05", label=hostile.SCRIPT),
              _event(2, hostile.SCRIPT, day=None, label=hostile.IMG)]
    _open(page, write_timeline_html(events, tmp_path / "h.html", title=hostile.COMMENT))
    assert hostile.IMG in page.text_content("#tl-labels")
    assert hostile.SCRIPT in page.text_content("#tl-labels")
    options = page.eval_on_selector_all("#tl-actor option", "els => els.map(e => e.textContent)")
    assert hostile.IMG in options and hostile.SCRIPT in options
    page.select_option("#tl-actor", hostile.SCRIPT)
    assert page.evaluate("kgTimeline.visibleRows()") == 0
    assert page.evaluate(INERT) == [True, 0]
    page.kg_log.assert_clean()
