"""Times counted from an event (kg.annotate.relative_times): the offset each cue gives, the
event a draft counts it from, and the build dating it. Expected values worked out by hand."""

from __future__ import annotations

import pytest
import yaml

from kg.annotate.dates import find_times

BEFORE = "On 4 October 2022 a missile flew over Japan. "


def relative(cue: str):
    """The mention of ``cue`` written after a dated sentence."""
    text = BEFORE + f"{cue}, the allies answered."
    first, rel = find_times(text, "2022-11-20")
    assert text[rel.start:rel.end].lower().startswith(cue.lower().split()[0]), rel
    assert rel.relative_to == first.start, rel
    return rel


@pytest.mark.parametrize("cue,offset,up_to", [
    ("The next day", "P1D", None),
    ("The following day", "P1D", None),
    ("The following morning", "P1D", None),
    ("The day after", "P1D", None),
    ("A day after", "P1D", None),
    ("One day later", "P1D", None),
    ("Five days after", "P5D", None),
    ("A week later", "P7D", None),
    ("Two weeks later", "P14D", None),
    ("The day before", "-P1D", None),
    ("The night before", "-P1D", None),
    ("Two days earlier", "-P2D", None),
    ("Two hours before", "-PT2H", None),
    ("An hour later", "PT1H", None),
    ("30 minutes later", "PT30M", None),
    ("The same day", "PT0S", None),
    ("Later that day", "PT0S", "PT12H"),
    ("Earlier that day", "-PT12H", "PT0S"),
    ("Later in the day", "PT0S", "PT12H"),
    ("That evening", "PT10H", "PT18H"),                  # the evening after the event
    ("That night", "PT10H", "PT18H"),
    ("In the evening", "PT0S", "PT12H"),
    ("In the afternoon", "PT0S", "PT12H"),
    ("Within hours", "PT0S", "PT24H"),
    ("Within two hours", "PT0S", "PT2H"),
    ("Within the hour", "PT0S", "PT1H"),
    ("Within minutes", "PT0S", "PT1H"),
    ("Within two days", "PT0S", "P2D"),
    ("Hours later", "PT1H", "P1D"),
    ("Minutes later", "PT0S", "PT1H"),
    ("Shortly afterwards", "PT0S", "PT1H"),
    ("Overnight", "PT12H", "P1D"),
    ("Days before", "-P7D", "-P1D"),
    ("The following week", "P1D", "P13D"),   # within the calendar week after
    ("The week before", "-P13D", "-P1D"),
])
def test_each_cue_gives_its_offset(cue, offset, up_to):
    rel = relative(cue)
    assert (rel.offset, rel.offset_up_to) == (offset, up_to), rel


@pytest.mark.parametrize("cue,precision,begin,end", [
    ("The next day", "Day", "2022-10-05", "2022-10-05"),
    ("Two hours before", "Interval", "2022-10-03", "2022-10-04"),  # rounded out to days
    ("Within hours", "Interval", "2022-10-04", "2022-10-05"),
    ("Days later", "OpenInterval", "2022-10-05", None),            # no latest date
    ("Several days later", "OpenInterval", "2022-10-05", None),
    ("Later that month", "Month", "2022-10", "2022-10"),
    ("The following month", "Month", "2022-11", "2022-11"),
    ("A month earlier", "Month", "2022-09", "2022-09"),
    ("Later that year", "Year", "2022", "2022"),
    ("The following year", "Year", "2023", "2023"),
])
def test_the_dates_are_read_from_the_date_written_before(cue, precision, begin, end):
    rel = relative(cue)
    assert (rel.precision, rel.begin, rel.end_date) == (precision, begin, end), rel


def test_without_a_date_written_before_the_document_s_date_is_the_reference():
    (rel,) = find_times("The next day, the allies answered.", "2022-11-20")
    assert (rel.precision, rel.begin, rel.relative_to) == ("Day", "2022-11-21", None), rel
    assert any("the document's date" in n for n in rel.notes), rel.notes


def test_without_any_day_to_count_from_it_stays_undated():
    (rel,) = find_times("The next day, the allies answered.", "2022-11")
    assert (rel.precision, rel.begin, rel.offset) == ("Relative", None, "P1D"), rel


# --- drafts: the event a relative time counts from -------------------------------------

TEXT = ("On 4 May 2022 North Korea fired a ballistic missile. On 7 May 2022 South Korea "
        "held a military exercise. Two days after the launch, Japan condemned it. "
        "The following day, China held talks.\n")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, onto):
    from kg.annotate import draft_file
    from kg.annotate.gazetteer import Gazetteer

    folder = tmp_path_factory.mktemp("relative")
    (folder / "t.txt").write_text(TEXT, encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    draft_file(folder / "t.txt", folder / "t.yaml", date="2022-05-20", gazetteer=gaz, onto=onto)
    items = yaml.safe_load((folder / "t.yaml").read_text(encoding="utf-8"))["annotations"]
    return folder, {it["id"]: it for it in items}


def _by_quote(items: dict, quote: str) -> dict:
    return next(it for it in items.values() if it.get("quote") == quote)


def _event_at(items: dict, word: str) -> dict:
    return next(it for it in items.values() if it.get("quote", "").startswith(word)
                and it["type"] != "TimeSpan")


def test_a_time_after_a_named_event_counts_from_that_event(drafted):
    items = drafted[1]
    launch = _event_at(items, "fired")
    after = _by_quote(items, "Two days after")
    # "after the launch": the launch of 4 May, not the exercise of 7 May written nearer
    assert (after["relativeTo"], after["offset"], after["precision"]) == \
        (launch["id"], "P2D", "Relative"), after
    assert "begin" not in after and "end" not in after, after


def test_a_time_naming_no_event_counts_from_the_nearest_event_with_a_day(drafted):
    items = drafted[1]
    exercise = _event_at(items, "military exercise")
    nxt = _by_quote(items, "The following day")
    assert (nxt["relativeTo"], nxt["offset"]) == (exercise["id"], "P1D"), nxt


def test_the_same_day_leaves_the_default_offset_out(onto):
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.add_yaml()
    text = "On 4 May 2022 North Korea fired a ballistic missile. The same day, Japan condemned it."
    items = {it["id"]: it for it in draft(text, doc_id="d", text_name="d.txt", gazetteer=gaz,
                                          onto=onto)["annotations"]}
    same = _by_quote(items, "The same day")
    assert "relativeTo" in same and "offset" not in same, same  # PT0S is the default


def test_the_draft_builds_and_the_build_dates_the_relative_times(drafted, tmp_path):
    from kg.build import build

    out = build(drafted[0], out=tmp_path / "b")
    nq = (out.out / "graph.nq").read_text(encoding="utf-8")
    after = _by_quote(drafted[1], "Two days after")["id"]
    nxt = _by_quote(drafted[1], "The following day")["id"]
    dated = {line.split()[0]: line for line in nq.splitlines() if "#earliest> " in line}
    assert '"2022-05-06"' in next(v for k, v in dated.items() if k.endswith(f"/{after}>"))
    assert '"2022-05-08"' in next(v for k, v in dated.items() if k.endswith(f"/{nxt}>"))


def test_the_draft_is_the_same_without_lemminflect(onto):
    """Dates need no morphology: the rule backend (no `nlp` extra) drafts the same times."""
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer
    from kg.annotate.morph import load_morphology

    gaz = Gazetteer()
    gaz.add_yaml()
    data = draft(TEXT, doc_id="d", text_name="d.txt", gazetteer=gaz, onto=onto,
                 date="2022-05-20", morphology=load_morphology("rules"))
    times = [it for it in data["annotations"] if it["type"] == "TimeSpan"]
    assert [(t["quote"], t.get("begin"), t.get("offset")) for t in times] == [
        ("4 May 2022", "2022-05-04", None), ("7 May 2022", "2022-05-07", None),
        ("Two days after", None, "P2D"), ("The following day", None, "P1D")], times


def test_that_year_counts_from_a_year_written_before():
    text = "In 2019 talks began. Later that year they broke down."
    _first, later = find_times(text, "2022-11-20")
    assert (later.precision, later.begin, later.end_date) == ("Year", "2019", "2019"), later
