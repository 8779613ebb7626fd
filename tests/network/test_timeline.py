"""Events on a time line, dated as precisely as the source says."""

from __future__ import annotations

import datetime as dt

from kg.iris import BASE
from kg.network import timeline_events


def iri(short: str) -> str:
    return BASE + short


def test_events_sorted_by_begin_then_label_undated_last(fixture_store):
    events = timeline_events(fixture_store, include_nonfactual=True)
    got = [(e["label"], e["begin"]) for e in events]
    assert got == [
        ("pledge of closer cooperation", dt.date(2022, 3, 1)),
        ("blocking of the resolution", dt.date(2022, 6, 1)),
        ("missile tests over Isleland", dt.date(2022, 7, 1)),
        ("joint drills", dt.date(2022, 8, 1)),
        ("coordination with Isleland", None),
        ("talks with Westland", None),
        ("threat against Westland", None),
    ], got


def test_entry_fields(fixture_store):
    entry = next(e for e in timeline_events(fixture_store) if e["label"] == "joint drills")
    assert entry["id"] == iri("doc/two-blocs/ev-drills"), entry
    assert (entry["begin"], entry["end"]) == (dt.date(2022, 8, 1), dt.date(2022, 8, 31)), entry
    assert (entry["precision"], entry["time_label"]) == ("month", "August 2022"), entry
    assert (entry["type"], entry["type_label"], entry["color"]) == (
        "MilitaryExercise", "military exercise", "#4c78a8"), entry  # the class's kg:color
    assert entry["actors"] == ["Isleland", "Westland", "Northland"], entry  # agents first
    assert entry["quote"] == "Westland and Isleland held joint drills", entry
    assert entry["source"] == "Two blocs (test fixture)" and entry["status"] == "occurred"


def test_open_span_has_no_end(fixture_store):
    pledge = timeline_events(fixture_store)[0]
    assert pledge["begin"] == dt.date(2022, 3, 1) and pledge["end"] is None, pledge
