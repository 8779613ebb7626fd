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
    ("In less than two hours", "PT0S", "PT2H"),              # how soon after
    ("In under an hour", "PT0S", "PT1H"),
    ("Over the past two weeks", "-P14D", "PT0S"),            # the days up to the event
    ("Less than an hour later", "PT0S", "PT1H"),             # up to that long
    ("Less than two hours before", "-PT2H", "PT0S"),
    ("Later that week", "P1D", "P6D"),
    ("Earlier that week", "-P6D", "-P1D"),
])
def test_each_cue_gives_its_offset(cue, offset, up_to):
    rel = relative(cue)
    assert (rel.offset, rel.offset_up_to) == (offset, up_to), rel


@pytest.mark.parametrize("sentence,quote,offset,up_to", [
    ("It flew for 69 minutes.", "for 69 minutes", "PT0S", "PT69M"),  # how long it lasted
    ("It flew for some five hours.", "for some five hours", "PT0S", "PT5H"),
    ("Flights were halted for about an hour.", "for about an hour", "PT0S", "PT1H"),
    ("It flew for more than 70 minutes.", "for more than 70 minutes", "PT70M", None),
    ("It was the fifth launch in ten days.", "in ten days", "-P9D", "PT0S"),  # up to it
    ("They will meet in ten days.", "in ten days", "P10D", None),  # the future: ahead
])
def test_durations_and_windows_in_a_sentence(sentence, quote, offset, up_to):
    text = BEFORE + sentence
    first, rel = find_times(text, "2022-11-20")
    assert (text[rel.start:rel.end], rel.offset, rel.offset_up_to, rel.relative_to) == \
        (quote, offset, up_to, first.start), rel


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
    ("Two months later", "Month", "2022-12", "2022-12"),
    ("Three years earlier", "Year", "2019", "2019"),
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


def test_a_time_naming_no_event_counts_from_the_event_told_last_with_a_day(drafted):
    items = drafted[1]
    # Japan's condemnation is dated by "two days after the launch" (6 May): the story goes
    # on from it, not from the exercise of 7 May told before it
    condemned = _event_at(items, "condemned")
    nxt = _by_quote(items, "The following day")
    assert (nxt["relativeTo"], nxt["offset"]) == (condemned["id"], "P1D"), nxt


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
    assert '"2022-05-07"' in next(v for k, v in dated.items() if k.endswith(f"/{nxt}>"))


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


def _drafted(onto, text: str, date: str | None = None) -> dict:
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.add_yaml()
    return {it["id"]: it for it in draft(text, doc_id="d", text_name="d.txt", gazetteer=gaz,
                                         onto=onto, date=date)["annotations"]}


def _counted(items: dict, quote: str) -> tuple[str | None, str | None]:
    """(the quote of the event a relative time counts from, its offset)."""
    rel = _by_quote(items, quote)
    source = items.get(rel.get("relativeTo"))
    return (source["quote"] if source else None), rel.get("offset")


def test_a_look_back_in_an_earlier_paragraph_does_not_move_the_story(onto):
    text = ("North Korea fired a ballistic missile on Friday, 18 November 2022.\n\n"
            "Its foreign minister denounced the summit held in Phnom Penh on 13 November.\n\n"
            "The next day, Japan held talks.\n")
    assert _counted(_drafted(onto, text), "The next day") == \
        ("fired a ballistic missile", "P1D")


def test_a_look_back_in_the_same_paragraph_is_counted_from(onto):
    text = ("North Korea fired a ballistic missile on 10 October 2022. Earlier, South Korea "
            "held a military exercise on 23 September. Two days later, North Korea fired a "
            "cruise missile.\n")
    quote, offset = _counted(_drafted(onto, text), "Two days later")
    assert offset == "P2D" and quote is not None and "exercise" in quote, (quote, offset)


@pytest.mark.parametrize("first", [
    "On 2 November 2022 North Korea fired 23 missiles, one of which came down at sea.",
    "On 2 November 2022 North Korea fired 23 missiles, and then came down at sea.",
    "On 2 November 2022 North Korea fired 23 missiles, when two missiles flew over Japan.",
    "On 2 November 2022 North Korea fired 23 missiles over Japan, South Korea's military said.",
])
def test_an_event_of_a_relative_clause_or_a_second_verb_is_not_the_story_s(onto, first):
    text = first + " The next morning, Japan held talks.\n"
    assert _counted(_drafted(onto, text), "The next morning") == ("fired 23 missiles", "P1D")


def test_a_time_that_dates_the_event_it_names_counts_back_from_the_dated_one(onto):
    text = ("North Korea launched an intercontinental ballistic missile on 18 November 2022. "
            "The launch came a day after the North fired a short-range ballistic missile.\n")
    items = _drafted(onto, text)
    quote, offset = _counted(items, "a day after")
    assert (quote, offset) == ("launched an intercontinental ballistic missile", "-P1D"), \
        (quote, offset)


def test_a_plural_reference_counts_from_the_first_and_that_one_from_the_last(onto):
    text = ("North Korea fired 23 missiles on 2 November 2022. On 3 November 2022 it fired "
            "a ballistic missile. Five days after the launches, Japan held talks with China. "
            "Two hours after that launch, Japan condemned North Korea.\n")
    items = _drafted(onto, text)
    assert _counted(items, "Five days after") == ("fired 23 missiles", "P5D")
    assert _counted(items, "Two hours after") == ("fired a ballistic missile", "PT2H")


def test_a_day_written_after_before_names_the_event_of_that_day(onto):
    text = ("North Korea launched a ballistic missile on 24 March 2022. It had covered up a "
            "failed launch eight days before the March 24 flight.\n")
    assert _counted(_drafted(onto, text), "eight days before") == \
        ("launched a ballistic missile", "-P8D")


def test_a_day_written_after_the_event_keeps_its_own_date(onto):
    text = ("On 26 May 2022 China vetoed a resolution. No missile crossed Japan between 2017 "
            "and 4 October 2022.\n\nThe next day, Japan held talks with China.\n")
    nxt = _by_quote(_drafted(onto, text), "The next day")
    assert "relativeTo" not in nxt and nxt.get("begin") == "2022-10-05", nxt


def test_a_planned_day_is_not_a_day_the_story_came_to(onto):
    text = ("On 3 November 2022 North Korea launched a ballistic missile. Hours later, South "
            "Korea said the exercise, due to end on 4 November, would be extended. That night "
            "North Korea fired a cruise missile.\n")
    assert _counted(_drafted(onto, text), "That night") == \
        ("launched a ballistic missile", "PT10H")


def test_an_event_named_by_a_noun_in_another_s_clause_is_not_the_story_s(onto):
    text = ("On 6 October 2022 North Korea condemned the United States for its military "
            "exercise. About an hour later, North Korea fired two missiles.\n")
    assert _counted(_drafted(onto, text), "an hour later") == ("condemned", "PT1H")


def test_shortly_after_a_gerund_is_not_drafted():
    text = BEFORE + "A plane crashed shortly after taking off."
    assert [text[t.start:t.end] for t in find_times(text, "2022-11-20")] == ["4 October 2022"]


def test_a_dateline_is_the_draft_s_document_date(onto):
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.add_yaml()
    text = "Drones cross the border\nSEOUL, Dec. 28, 2022 (wire)\n\nOn Monday drones flew.\n"
    data = draft(text, doc_id="d", text_name="d.txt", gazetteer=gaz, onto=onto)
    assert data["document"]["date"] == "2022-12-28", data["document"]
    monday = _by_quote({it["id"]: it for it in data["annotations"]}, "On Monday")
    assert monday.get("begin") == "2022-12-26", monday
