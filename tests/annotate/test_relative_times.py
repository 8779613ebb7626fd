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
    ("Within hours", "PT0S", "PT24H"),
    ("Within two hours", "PT0S", "PT2H"),
    ("Within the hour", "PT0S", "PT1H"),
    ("Within minutes", "PT0S", "PT1H"),
    ("Within two days", "PT0S", "P2D"),
    ("Hours later", "PT1H", "P1D"),
    ("Minutes later", "PT0S", "PT1H"),
    ("Shortly afterwards", "PT0S", "P1D"),                  # as "within hours" (codebook 4)
    ("Overnight", "PT12H", "P1D"),
    ("Days before", "-P7D", "-P1D"),
    ("The following week", "P1D", "P13D"),   # within the calendar week after
    ("The week before", "-P13D", "-P1D"),
    ("In less than two hours", "PT0S", "PT2H"),              # how soon after
    ("In under an hour", "PT0S", "PT1H"),
    ("Over the previous two weeks", "-P14D", "PT0S"),        # the days up to the event
    ("Less than an hour later", "PT0S", "PT1H"),             # up to that long
    ("Less than two hours before", "-PT2H", "PT0S"),
    ("Two days in advance", "-P2D", None),
    ("A day beforehand", "-P1D", None),
])
def test_each_cue_gives_its_offset(cue, offset, up_to):
    rel = relative(cue)
    assert (rel.offset, rel.offset_up_to) == (offset, up_to), rel


@pytest.mark.parametrize("cue", ["That evening", "In the evening", "In the afternoon",
                                 "That night", "In the late afternoon", "That morning",
                                 "In the early morning", "The same day", "On the same day",
                                 "Later that day", "Earlier that day", "Later in the day",
                                 "Earlier in the day", "Later that night", "Later that evening",
                                 "The same afternoon", "On the same evening"])
def test_a_time_of_day_is_a_mention_of_the_day_written_before(cue):
    """Codebook 4: a time of day, and "the same day" after an event, is a mention of its
    day (a Day), not a time counted from an event, when the day is known."""
    text = BEFORE + f"{cue}, the allies answered."
    rel = find_times(text, "2022-11-20")[-1]
    assert text[rel.start:rel.end] == cue, rel
    assert (rel.precision, rel.begin, rel.end_date, rel.offset) == \
        ("Day", "2022-10-04", "2022-10-04", None), rel


@pytest.mark.parametrize("text,cue,day", [
    # the story moved on to a day counted from an event: that day
    (BEFORE + "The next day the allies answered. That evening Japan protested.",
     "That evening", "2022-10-05"),
    # a day written after a counted one is the story's day
    (BEFORE + "The next day the allies answered. On 7 October, in the morning, Japan "
     "protested.", "in the morning", "2022-10-07"),
])
def test_a_time_of_day_takes_the_day_the_story_is_on(text, cue, day):
    rel = next(t for t in find_times(text, "2022-11-20") if text[t.start:t.end] == cue)
    assert (rel.precision, rel.begin, rel.offset) == ("Day", day, None), rel


@pytest.mark.parametrize("text,cue,offset", [
    # no day written before it: counted from an event as "the same day" is
    ("North Korea fired a missile. That evening the allies answered.", "That evening", "PT0S"),
    ("North Korea fired a missile. The same day the allies answered.", "The same day", "PT0S"),
    ("North Korea fired a missile. Later that day the allies answered.", "Later that day",
     "PT0S"),
    ("North Korea fired a missile. Later that night the allies answered.", "Later that night",
     "PT0S"),
    # after a time spanning days the day is not known: counted as "the same day" is
    (BEFORE + "Hours later the allies answered. That evening Japan protested.",
     "That evening", "PT0S"),
])
def test_a_time_of_day_with_no_day_known_is_counted_from_an_event(text, cue, offset):
    rel = next(t for t in find_times(text) if text[t.start:t.end] == cue)
    assert rel.offset == offset and not rel.clock, rel  # an offset: counted from an event


def test_a_look_back_leaves_the_story_on_its_day():
    """"hours before the meeting" looks back: "later that day" is still the meeting's day."""
    text = ("The Council met on Monday, 20 February 2023, hours before the vote. Later that "
            "day the envoy spoke.")
    rel = next(t for t in find_times(text, "2023-02-23") if text[t.start:t.end] == "Later that day")
    assert (rel.precision, rel.begin, rel.offset) == ("Day", "2023-02-20", None), rel


def test_a_day_told_in_the_past_perfect_leaves_the_story_on_its_day():
    """A look back ("the summit the leaders had held on Nov. 13") does not move the story."""
    text = ("North Korea fired an ICBM on Friday, 18 November 2022. Its statement denounced the "
            "summit the leaders had held in Phnom Penh on Nov. 13.\n\nLater that day Harris "
            "met the leaders.")
    rel = next(t for t in find_times(text, "2022-11-19") if text[t.start:t.end] == "Later that day")
    assert (rel.precision, rel.begin) == ("Day", "2022-11-18"), rel


def test_a_day_told_in_a_relative_clause_leaves_the_story_on_its_day():
    """A day describing something named (", which began on 31 October,") is an aside: "On the
    same day" is still the day the story is on."""
    text = ("The official told the Council on Friday, 4 November, that the launch may have "
            "failed. Russia described the exercise, which began on 31 October with 240 "
            "aircraft, as a rehearsal. On the same day the ten elected members issued a "
            "statement.")
    rel = next(t for t in find_times(text, "2022-11-30")
               if text[t.start:t.end] == "On the same day")
    assert (rel.precision, rel.begin) == ("Day", "2022-11-04"), rel
    began = next(t for t in find_times(text, "2022-11-30") if "31 October" in text[t.start:t.end])
    assert (began.precision, began.begin, began.end_date) == ("Day", "2022-10-31", "2022-10-31")


@pytest.mark.parametrize("cue", ["Later in the week", "Later that week", "Earlier that week",
                                 "Earlier in the week"])
def test_later_in_the_week_is_the_calendar_week_of_the_story_s_day(cue):
    """Codebook 4: in a past clause, the calendar week (Monday to Sunday) of the event told
    before, an interval; 4 October 2022 is a Tuesday."""
    text = BEFORE + f"{cue}, the allies answered."
    rel = find_times(text, "2022-11-20")[-1]
    assert (text[rel.start:rel.end], rel.precision, rel.begin, rel.end_date, rel.offset) == \
        (cue, "Interval", "2022-10-03", "2022-10-09", None), rel


@pytest.mark.parametrize("text,offset,up_to", [
    ("North Korea fired a missile. Later that week the allies answered.", "P1D", "P6D"),
    ("North Korea fired a missile. Earlier that week the allies met.", "-P6D", "-P1D"),
])
def test_later_in_the_week_with_no_day_known_is_counted_from_an_event(text, offset, up_to):
    rel = find_times(text)[-1]
    assert (rel.offset, rel.offset_up_to) == (offset, up_to), rel


@pytest.mark.parametrize("text,begin,end", [
    ("Early last month Kirby said so.", "2022-10-01", "2022-10-10"),
    ("Talks resumed in mid-last month.", "2022-10-11", "2022-10-20"),
    ("The ship will arrive late next month.", "2022-12-21", "2022-12-31"),
])
def test_a_third_of_a_month_counted_from_the_document_s_date(text, begin, end):
    """Codebook 4: parts of a month (early, mid, late) of "last month" as of a named one."""
    (tm,) = find_times(text, "2022-11-20")
    assert (tm.precision, tm.begin, tm.end_date) == ("Interval", begin, end), tm


def test_early_this_year_stays_a_year():
    (tm,) = find_times("Early this year it fired a missile.", "2022-11-20")
    assert (tm.precision, tm.begin, tm.end_date) == ("Year", "2022", "2022"), tm


def test_a_time_of_day_of_a_named_day_is_no_mention_of_its_own():
    text = BEFORE + "In the morning of 6 October the allies answered."
    quotes = [text[t.start:t.end] for t in find_times(text, "2022-11-20")]
    assert "In the morning" not in quotes, quotes


@pytest.mark.parametrize("sentence,quote,offset,up_to", [
    ("It flew for 69 minutes.", "for 69 minutes", "PT0S", "PT69M"),  # how long it lasted
    ("It flew for some five hours.", "for some five hours", "PT0S", "PT5H"),
    ("Flights were halted for about an hour.", "for about an hour", "PT0S", "PT1H"),
    ("It flew for more than 70 minutes.", "for more than 70 minutes", "PT70M", None),
    ("It fired eight missiles over some 35 minutes.", "over some 35 minutes", "PT0S", "PT35M"),
    ("The allies held two weeks of drills.", "two weeks", "PT0S", "P14D"),
    ("The session lasted about 40 minutes.", "lasted about 40 minutes", "PT0S", "PT40M"),
    ("The leaders held a 75-minute meeting.", "75-minute", "PT0S", "PT75M"),
    ("Kim began a three-day state visit.", "three-day", "PT0S", "P3D"),
    ("It was the fifth launch in ten days.", "in ten days", "-P9D", "PT0S"),  # up to it
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
    ("That year", "Year", "2022", "2022"),  # the event's own year or month
    ("The same month", "Month", "2022-10", "2022-10"),
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
    from kg.annotate.morph import load_morphology

    data = _draft(onto, TEXT, "2022-05-20", morphology=load_morphology("rules"))
    times = [it for it in data["annotations"] if it["type"] == "TimeSpan"]
    assert [(t["quote"], t.get("begin"), t.get("offset")) for t in times] == [
        ("4 May 2022", "2022-05-04", None), ("7 May 2022", "2022-05-07", None),
        ("Two days after", None, "P2D"), ("The following day", None, "P1D")], times


def test_that_year_counts_from_a_year_written_before():
    text = "In 2019 talks began. Later that year they broke down."
    _first, later = find_times(text, "2022-11-20")
    assert (later.precision, later.begin, later.end_date) == ("Year", "2019", "2019"), later


def _draft(onto, text: str, date: str | None = None, **kwargs) -> dict:
    """The draft of ``text`` (the generic gazetteer; ``kwargs`` for :func:`draft`)."""
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.add_yaml()
    return draft(text, doc_id="d", text_name="d.txt", gazetteer=gaz, onto=onto, date=date,
                 **kwargs)


def _drafted(onto, text: str, date: str | None = None) -> dict:
    """The drafted items of ``text``, by id."""
    return {it["id"]: it for it in _draft(onto, text, date)["annotations"]}


def test_the_default_offset_is_left_out(onto):
    text = "On 4 May 2022 North Korea fired a ballistic missile. Japan later condemned it."
    same = _by_quote(_drafted(onto, text), "later")
    assert "relativeTo" in same and "offset" not in same, same  # PT0S is the default


def test_a_duration_with_no_event_to_count_from_is_no_date(onto):
    """Codebook 4: how long an event lasted is no date of its own; with no event found it is
    left undated (not the dates read from the document's date)."""
    rel = _by_quote(_drafted(onto, "Tokyo says the object stayed aloft for 66 minutes.",
                             "2023-02-21"), "for 66 minutes")
    assert (rel["precision"], rel.get("begin"), rel.get("end"), rel.get("relativeTo")) == \
        ("Relative", None, None, None), rel


def test_the_same_day_of_a_known_day_is_that_day_in_a_draft(onto):
    """Codebook 4: "the same day" after an event of a known day is a mention of that day."""
    text = "On 4 May 2022 North Korea fired a ballistic missile. The same day, Japan condemned it."
    same = _by_quote(_drafted(onto, text), "The same day")
    assert (same.get("relativeTo"), same["precision"], same.get("begin"), same.get("end")) == \
        (None, "Day", "2022-05-04", "2022-05-04"), same


def _counted(items: dict, quote: str) -> tuple[str | None, str | None]:
    """(the quote of the event a relative time counts from, its offset)."""
    rel = _by_quote(items, quote)
    source = items.get(rel.get("relativeTo"))
    return (source["quote"] if source else None), rel.get("offset")


_MISSILE = "North Korea fired 23 missiles"


@pytest.mark.parametrize("text,quote,source,offset", [
    # a look back to an earlier day in an earlier paragraph does not move the story
    ("North Korea fired a ballistic missile on Friday, 18 November 2022.\n\n"
     "Its foreign minister denounced the summit held in Phnom Penh on 13 November.\n\n"
     "The next day, Japan held talks.\n", "The next day", "fired a ballistic missile", "P1D"),
    # one in the same paragraph is counted from
    ("North Korea fired a ballistic missile on 10 October 2022. Earlier, South Korea held a "
     "military exercise on 23 September. Two days later, North Korea fired a cruise missile.\n",
     "Two days later", "military exercise", "P2D"),
    # an event of a relative or "when" clause, a second verb of the same subject, or the
    # reporting verb closing the sentence is not the story's
    (f"On 2 November 2022 {_MISSILE}, one of which came down at sea. The next morning, "
     "Japan held talks.\n", "The next morning", "fired 23 missiles", "P1D"),
    (f"On 2 November 2022 {_MISSILE}, and then came down at sea. The next morning, "
     "Japan held talks.\n", "The next morning", "fired 23 missiles", "P1D"),
    (f"On 2 November 2022 {_MISSILE}, when two missiles flew over Japan. The next "
     "morning, Japan held talks.\n", "The next morning", "fired 23 missiles", "P1D"),
    (f"On 2 November 2022 {_MISSILE} over Japan, South Korea's military said. The next "
     "morning, Japan held talks.\n", "The next morning", "fired 23 missiles", "P1D"),
    ("North Korea fired eight missiles into the sea on Sunday, 5 June 2022, South Korea's "
     "military said, the most in one day. Hours later, Japan held talks.\n", "Hours later",
     "fired eight missiles", "PT1H"),
    # words said of an act told before them in the sentence: the act is the story's
    ("On 15 December 2022 North Korea fired a ballistic missile; Kim Jong Un, who watched "
     "it, said he expected more. Three days later, Japan held talks.\n", "Three days later",
     "fired a ballistic missile", "P3D"),
    # a time that dates the event it names counts back from the dated one
    ("North Korea launched an intercontinental ballistic missile on 18 November 2022. The "
     "launch came a day after the North fired a short-range ballistic missile.\n",
     "a day after", "launched an intercontinental ballistic missile", "-P1D"),
    # a plural reference counts from the first, "that launch" from the last
    (f"{_MISSILE} on 2 November 2022. On 3 November 2022 it fired a ballistic missile. Five "
     "days after the launches, Japan held talks with China.\n", "Five days after",
     "fired 23 missiles", "P5D"),
    (f"{_MISSILE} on 2 November 2022. On 3 November 2022 it fired a ballistic missile. Two "
     "hours after that launch, Japan condemned North Korea.\n", "Two hours after",
     "fired a ballistic missile", "PT2H"),
    # what "after" names ends with its clause: not the main clause's event
    ("The Security Council met on 10 January 2022. Hours after it ended, the United States "
     "imposed sanctions.\n", "Hours after", "met", "PT1H"),
    # a day written after "before" names the event of that day
    ("North Korea launched a ballistic missile on 24 March 2022. It had covered up a failed "
     "launch eight days before the March 24 flight.\n", "eight days before",
     "launched a ballistic missile", "-P8D"),
    # a plan's day is not a day the story came to
    ("On 3 November 2022 North Korea launched a ballistic missile. Hours later, South Korea "
     "said the exercise, due to end on 4 November, would be extended. That night North Korea "
     "fired a cruise missile.\n", "That night", "launched a ballistic missile", "PT10H"),
    # an event named by a noun in another's clause is not the story's
    ("On 6 October 2022 North Korea condemned the United States for its military exercise. "
     "About an hour later, North Korea fired two missiles.\n", "an hour later", "condemned",
     "PT1H"),
    # "the night before," names no event: the day before the story's event
    ("North Korea fired shells on 14 October 2022 after jets flew near the border the night "
     "before, the Joint Chiefs said.\n", "the night before", "fired shells", "-P1D"),
    # a second act of the same subject is not the story's; nor is a threatened one
    ("On 2 May 2023 North Korea fired a ballistic missile and then two cruise missiles. "
     "Hours later, Japan held talks with China.\n", "Hours later", "fired a ballistic missile",
     "PT1H"),
    ("North Korea fired a missile on 17 May 2023; it may soon conduct a nuclear test. The "
     "next day, Japan held talks with China.\n", "The next day", "fired a missile", "P1D"),
    # how long an event lasted counts from the event it measures, not from the story's
    ("On 3 November 2022 South Korea's army fired artillery for about ten hours near the "
     "border.\n", "for about ten hours", "fired artillery", "PT0S"),
    ("North Korea fired a missile on 4 November 2022. The next day Japan held talks for "
     "three hours.\n", "for three hours", "held talks", "PT0S"),
    ("On 4 November 2022 North Korea fired a missile. Japan said the drill went on for "
     "five hours.\n", "for five hours", "drill", "PT0S"),
    ("On 3 May 2023 North Korea fired a missile. South Korea began three days of naval "
     "drills on 5 May 2023.\n", "three days", "naval drills", "PT0S"),
    # the earlier event "the first ... since 2017" tells of is 2017's, no story event
    ("North Korea fired a missile over Japan on 4 October 2022, the first to cross Japan "
     "since 2017, when two missiles flew over the country. Within hours, South Korea held a "
     "drill.\n", "Within hours", "fired a missile", "PT0S"),
    # no event of the story's day to count from: the event the day written last dates
    # (the codebook: a relative time, never the date it resolves to)
    ("No North Korean missile crossed Japan between 2017 and 4 October 2022, when a missile "
     "flew over the north of the country. The next day, Japan held talks with China.\n",
     "The next day", "flew over", "P1D"),
    # a clause with no event of its own: the story's event
    ("North Korea fired a missile on 4 November 2022. Officials said it stayed aloft for "
     "more than 40 minutes.\n", "for more than 40 minutes", "fired a missile", "PT40M"),
    ("North Korea fired a missile on 4 November 2022. Airports were closed for about an "
     "hour.\n", "for about an hour", "fired a missile", "PT0S"),
    # a length written as an adjective measures the act its noun names, not the verb's
    ("On 21 July 2000 Putin went over his visit with Clinton in a 75-minute meeting.\n",
     "75-minute", "meeting", "PT0S"),
])
def test_the_event_a_relative_time_counts_from(onto, text, quote, source, offset):
    assert _counted(_drafted(onto, text), quote) == (source, offset)


def test_a_day_written_after_the_event_keeps_its_own_date(onto):
    text = ("On 26 May 2022 China vetoed a resolution. No missile crossed Japan between 2017 "
            "and 4 October 2022.\n\nThe next day, Japan held talks with China.\n")
    nxt = _by_quote(_drafted(onto, text), "The next day")
    assert "relativeTo" not in nxt and nxt.get("begin") == "2022-10-05", nxt


def test_shortly_after_a_gerund_is_not_drafted():
    text = BEFORE + "A plane crashed shortly after taking off."
    assert [text[t.start:t.end] for t in find_times(text, "2022-11-20")] == ["4 October 2022"]


def test_a_dateline_is_the_draft_s_document_date(onto):
    text = "Drones cross the border\nSEOUL, Dec. 28, 2022 (wire)\n\nOn Monday drones flew.\n"
    data = _draft(onto, text)
    assert data["document"]["date"] == "2022-12-28", data["document"]
    monday = _by_quote({it["id"]: it for it in data["annotations"]}, "On Monday")
    assert monday.get("begin") == "2022-12-26", monday


def test_a_duration_never_dates_the_event_it_measures(onto):
    text = ("North Korea fired a missile on 4 November 2022. The next day Japan held talks "
            "for three hours.\n")
    items = _drafted(onto, text)
    talks = _event_at(items, "held talks")
    assert talks.get("time") == _by_quote(items, "The next day")["id"], talks
    assert _by_quote(items, "for three hours")["relativeTo"] == talks["id"]


def test_a_same_day_phrase_and_what_counts_from_it_stay_on_that_day(tmp_path, onto):
    """"later that day" is the event's day: no offset in hours rounding out into the next
    day, so a time counted from an event it dates does not widen at every link."""
    from kg.build import build

    text = ("On 4 May 2022 North Korea fired a ballistic missile. Later that day, Japan held "
            "talks with China for two hours.\n")
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(_draft(onto, text, "2022-05-20")),
                                     encoding="utf-8")
    items = _drafted(onto, text, "2022-05-20")
    later = _by_quote(items, "Later that day")["id"]
    lasted = _by_quote(items, "for two hours")["id"]
    nq = (build(tmp_path / "t.yaml", out=tmp_path / "b").out / "graph.nq").read_text(
        encoding="utf-8")

    def bound(item_id: str, which: str) -> str:
        return next(line.split('"')[1] for line in nq.splitlines()
                    if line.split()[0].endswith(f"/{item_id}>") and f"#{which}> " in line)

    assert (bound(later, "earliest"), bound(later, "latest")) == ("2022-05-04", "2022-05-04")
    assert (bound(lasted, "earliest"), bound(lasted, "latest")) == ("2022-05-04", "2022-05-05")


def test_the_earlier_event_of_first_since_and_its_when_clause_take_its_year(onto):
    text = ("North Korea fired a missile over Japan on 4 October 2022, the first to cross "
            "Japan since 2017, when two missiles flew over the country.\n")
    items = _drafted(onto, text, "2022-10-05")
    year = _by_quote(items, "2017")["id"]
    assert _event_at(items, "since 2017").get("time") == year
    assert _event_at(items, "flew over").get("time") == year
    assert _event_at(items, "fired a missile").get("time") == \
        _by_quote(items, "4 October 2022")["id"]


def test_a_relative_time_never_counts_from_an_event_the_model_added(onto):
    """An event only the learned model drafted is a guess, not the event the story is told
    around: "The next day" counts from a rule's event or keeps its date, never from it."""
    from kg.annotate.event_model import NONE, EventModel

    toy = EventModel([NONE, "MilitaryExercise"],
                     {"b": {NONE: 1.0}, "w=show": {"MilitaryExercise": 4.0}}, 0.5, {}, None)
    text = ("North Korea fired a ballistic missile on 4 June 2022. On 5 June 2022 the show "
            "began in the capital. The next day, Japan held talks with China.\n")
    items = {it["id"]: it for it in _draft(onto, text, "2022-06-20", model=toy)["annotations"]}
    show = _event_at(items, "show")
    assert show.get("confidence") == "0.95", show  # the model's event, dated 5 June
    nxt = _by_quote(items, "The next day")
    assert nxt.get("relativeTo") != show["id"], nxt
    assert (nxt.get("begin"), nxt.get("precision")) == ("2022-06-06", "Day"), nxt


def test_the_first_in_n_years_tells_of_an_earlier_event_of_that_year(onto):
    """Codebook 4: "the first ... since X" (here "in five years") is an earlier act of its
    own, dated by the year alone; the event told is not dated by it."""
    text = ("The navies of South Korea, the United States and Japan held their first "
            "trilateral anti-submarine exercise in five years on 30 September 2022.\n")
    items = _drafted(onto, text, "2022-10-02")
    years = _by_quote(items, "five years")
    assert (years.get("begin"), years.get("precision")) == ("2017", "Year"), years
    earlier = _event_at(items, "in five years")
    assert earlier["type"] == "MilitaryExercise" and earlier.get("time") == years["id"], earlier
    assert _event_at(items, "exercise").get("time") == \
        _by_quote(items, "30 September 2022")["id"]


def test_a_time_opening_its_sentence_dates_the_main_clause_counted_from_the_event_named(onto):
    """"On 25 May, hours after the North fired ..., Kim said": the time counts forward from
    the firing and dates the statement; "The launch came a day after the North fired ..."
    (an event told before the time) still dates the firing, counted back from the launch."""
    text = ("On 25 May 2022, hours after the North fired three ballistic missiles, Kim "
            "Tae-hyo, a South Korean official, said the North had been testing a device.\n")
    items = _drafted(onto, text, "2022-10-02")
    hours = _by_quote(items, "hours after")
    fired, said = _event_at(items, "fired"), _event_at(items, "said")
    assert (hours["relativeTo"], hours["offset"]) == (fired["id"], "PT1H"), hours
    assert hours["id"] in [said.get("time")] + list(said.get("time") or []), said
    assert hours["id"] not in [fired.get("time")] + list(fired.get("time") or []), fired
    text = ("North Korea launched an intercontinental ballistic missile on 18 November 2022. "
            "The launch came a day after the North fired a short-range ballistic missile.\n")
    items = _drafted(onto, text, "2022-11-20")
    day = _by_quote(items, "a day after")
    assert (day["relativeTo"], day["offset"]) == (_event_at(items, "launched")["id"], "-P1D")
    assert _event_at(items, "fired").get("time") == day["id"]


def test_a_time_naming_an_event_after_a_dated_act_dates_that_act_counted_as_written(onto):
    """The codebook: "fired hours before the session", the firing relativeTo the session.
    A time after an act told with its day, naming another event ("on 21 February, three days
    before Russia invaded"), dates the act told, counted from the event named with the
    written sign; only "came"/"followed" (the subject's act is the one named) counts back."""
    text = ("North Korea fired a cruise missile on 7 March 2023, two days before South Korea "
            "and the United States began a joint exercise.\n")
    items = _drafted(onto, text, "2023-03-20")
    before = _by_quote(items, "two days before")
    fired, launched = _event_at(items, "fired"), _event_at(items, "joint exercise")
    assert (before["relativeTo"], before["offset"]) == (launched["id"], "-P2D"), before
    assert before["id"] in _as_list(fired.get("time")), fired
    assert before["id"] not in _as_list(launched.get("time")), launched


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def test_in_n_days_in_a_clause_about_the_future_is_a_date_from_the_document_s_date():
    # counted from the document's date, a date (codebook 4), not a window after an event
    text = BEFORE + "They will meet in ten days."
    first, tm = find_times(text, "2022-11-20")
    assert (tm.precision, tm.begin, tm.end_date, tm.offset) == \
        ("Day", "2022-11-30", "2022-11-30", None), tm


def test_a_time_of_day_after_the_next_day_is_of_the_next_day():
    text = "He spoke on 3 November. The next day, North Korea fired a missile at 10 a.m."
    clock = find_times(text, "2022-11-20")[-1]
    assert (text[clock.start:clock.end], clock.begin) == ("at 10 a.m.", "2022-11-04"), clock


@pytest.mark.parametrize("text,quote,offset,up_to", [
    ("It fired on 3 November. Yoon ordered it disclosed at once.", "at once", "PT0S", "P1D"),
    # "in the space of a few hours" is "within hours" (the codebook)
    ("It fired six missiles on 5 July in the space of a few hours.",
     "in the space of a few hours", "PT0S", "PT24H"),
])
def test_at_once_is_right_after_the_event(text, quote, offset, up_to):
    tm = find_times(text, "2022-11-20")[-1]
    assert (text[tm.start:tm.end], tm.offset, tm.offset_up_to) == (quote, offset, up_to), tm


@pytest.mark.parametrize("text", ["It fired two missiles at once.",
                                  "It fired eight surface-to-surface missiles at once.",
                                  "The sirens went off all at once."])
def test_at_once_meaning_together_is_no_time(text):
    assert find_times(text, "2022-11-20") == [], text


@pytest.mark.parametrize("text,later", [
    ("He spoke on 3 November. Later that day the army fired.", True),
    ("He spoke on 3 November. Earlier in the day the army fired.", False),
    ("He spoke on 3 November. Later the same day the army fired.", True),
])
def test_later_and_earlier_in_the_day_are_both_the_event_s_own_day(text, later):
    # one reading for both (codebook 4: a time of day is a mention of its day): the same day
    tm = find_times(text, "2022-11-20")[-1]
    assert (tm.precision, tm.offset, tm.begin, tm.end_date) == \
        ("Day", None, "2022-11-03", "2022-11-03"), (later, tm)


@pytest.mark.parametrize("text,quote,offset,up_to", [
    # 3 November 2022 was a Thursday: its calendar week before is 24-30 October, after 7-13
    ("North Korea fired a ballistic missile on 3 November 2022. The previous week, Japan "
     "held talks.\n", "The previous week", "-P10D", "-P4D"),
    ("North Korea fired a ballistic missile on 3 November 2022. The following week, Japan "
     "held talks.\n", "The following week", "P4D", "P10D"),
    # from a Monday (7 November 2022): 31 October to 6 November
    ("North Korea fired a ballistic missile on 7 November 2022. The week before, Japan "
     "held talks.\n", "The week before", "-P7D", "-P1D"),
])
def test_a_week_counted_from_an_event_s_day_is_its_calendar_week(onto, text, quote, offset,
                                                                 up_to):
    rel = _by_quote(_drafted(onto, text), quote)
    assert (rel.get("offset"), rel.get("offsetUpTo")) == (offset, up_to), rel


@pytest.mark.parametrize("text,quote,offset,up_to", [
    # a week as a count ("a week later") is no calendar week
    ("North Korea fired a ballistic missile on 3 November 2022. A week later, Japan held "
     "talks.\n", "A week later", "P7D", None),
])
def test_a_week_counted_as_seven_days_stays_seven_days(onto, text, quote, offset, up_to):
    rel = _by_quote(_drafted(onto, text), quote)
    assert (rel.get("offset"), rel.get("offsetUpTo")) == (offset, up_to), rel


@pytest.mark.parametrize("text,quote", [
    ("North Korea fired a ballistic missile on 3 November 2022. Later, Japan protested.\n",
     "Later"),
    ("North Korea fired a ballistic missile on 3 November 2022. Its embassy later confirmed "
     "the launch.\n", "later"),
    ("North Korea fired a ballistic missile on 3 November 2022. Afterwards Japan protested.\n",
     "Afterwards"),
])
def test_a_bare_later_counts_from_the_event_told_before_with_no_bound(onto, text, quote):
    items = _drafted(onto, text)
    rel = _by_quote(items, quote)
    assert _counted(items, quote) == ("fired a ballistic missile", None), rel
    assert "offsetUpTo" not in rel and rel["precision"] == "Relative", rel


@pytest.mark.parametrize("text", [
    "Talks will be held at a later date.",
    "Pyongyang must answer no later than Friday.",
    "Japan protested shortly afterwards.",
    "Two days later Japan protested.",
    "A later launch failed.",
])
def test_later_as_an_adjective_or_with_a_count_is_no_bare_later(text):
    times = find_times("On 4 October 2022 a missile flew over Japan. " + text, "2022-11-20")
    assert not any(t.unbounded for t in times), times


def test_a_bare_later_with_no_event_is_open_from_the_day_written_before():
    (_day, later) = find_times("On 4 October 2022 it rained. Later, it snowed.", "2022-11-20")
    assert (later.precision, later.begin, later.end_date) == ("OpenInterval", "2022-10-04",
                                                               None), later


@pytest.mark.parametrize("text,quote,source", [
    # an earlier day told inside a sentence on the story's day is a look back
    ("On 19 October 2022 the General Staff said the South fired shells the day before. "
     "Later, the General Staff warned Seoul.\n", "Later", "said"),
    # with no event of the story's day before it in that sentence, the last one is counted from
    ("On 19 October 2022 North Korea fired a missile. Japan had protested the day before. "
     "Later, the General Staff warned Seoul.\n", "Later", "protested"),
])
def test_a_look_back_inside_a_sentence_leaves_the_story_on_its_day(onto, text, quote, source):
    assert _counted(_drafted(onto, text), quote)[0] == source


@pytest.mark.parametrize("text,quote", [
    ("An official said at the time that the wording meant no rejection.", "at the time"),
    ("Moon's government concluded at the time that he had tried to defect.", "at the time"),
    ("The committee called it a provocation at the time.", "at the time"),
    ("Suh, adviser at the time of the killing, was questioned.", "at the time of"),
    ('"Justice has been served," Williams said then.', "then"),
])
def test_at_the_time_and_then_look_back_to_an_event_with_no_date_of_their_own(text, quote):
    times = [t for t in find_times("On 4 October 2022 a missile flew over Japan. " + text,
                                   "2022-11-20") if t.back]
    assert len(times) == 1, times
    tm = times[0]
    assert (tm.offset, tm.offset_up_to, tm.precision, tm.begin) == ("PT0S", None, "Relative",
                                                                     None), tm


@pytest.mark.parametrize("text", [
    "He called at the time when the talks failed.",    # a conjunction: "when the talks ..."
    "It has grown since then.",                         # other times
    "By then it was over.",
    "Kim then turned to the army.",                     # the order of the acts
    "It fired one missile and then two more.",
    "At the time of writing, no test had come.",
])
def test_at_the_time_and_then_that_are_no_look_back_are_not_drafted(text):
    times = find_times("On 4 October 2022 a missile flew over Japan. " + text, "2022-11-20")
    assert not any(t.back for t in times), times


@pytest.mark.parametrize("text,quote,source", [
    # the event told before the time's clause, not the one it dates
    ("On 3 November 2022 North Korea fired a ballistic missile. Japan's defence ministry "
     "said at the time that it flew over the sea.\n", "at the time",
     "fired a ballistic missile"),
    ("North Korea fired a ballistic missile on 3 November 2022, and Japan condemned it at "
     "the time.\n", "at the time", "fired a ballistic missile"),
])
def test_at_the_time_counts_from_the_event_told_before_its_clause(onto, text, quote, source):
    items = _drafted(onto, text)
    assert _counted(items, quote) == (source, None), items
    assert _by_quote(items, quote)["precision"] == "Relative"


def test_at_the_time_after_a_second_verb_counts_from_the_first(onto):
    text = ("On 12 April 2022 a judge sentenced Griffith to 63 months in prison and fined him "
            "$100,000. \"Justice has been served,\" Williams said then.\n")
    assert _counted(_drafted(onto, text), "then")[0].startswith("sentenced"), \
        _drafted(onto, text)


def test_at_the_time_of_what_is_no_event_counts_from_no_other(onto):
    text = ("On 3 November 2022 North Korea fired a ballistic missile. Suh, the adviser at "
            "the time of the pandemic, was questioned.\n")
    rel = _by_quote(_drafted(onto, text), "at the time of")
    assert "relativeTo" not in rel and "begin" not in rel, rel


def test_years_after_a_named_event_are_calendar_years(onto, tmp_path):
    """"Two years after X" is counted in calendar years (the codebook: a count is the offset
    as written, P2Y), and the build dates it by the calendar: 29 February 2020 + 2 years is
    28 February 2022."""
    from kg.build.times import relative_bounds
    from kg.loaders import load_corpus

    # the rules alone: what the learned model adds to this text changes with its training
    text = ("On 29 February 2020 North Korean troops shot dead a fisherman. Two years after "
            "the troops shot him, his family sued the state.")
    d = _draft(onto, text, "2022-05-20", model="none")
    items = {it["id"]: it for it in d["annotations"]}
    span = _by_quote(items, "Two years after")
    assert span.get("offset") == "P2Y", span
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "d.txt").write_text(text, encoding="utf-8")
    (folder / "d.yaml").write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    doc = load_corpus(folder, ontology=onto).documents[0]
    item = next(it for it in doc.items if it.id == span["id"])
    assert relative_bounds(doc, item, onto) == ("2022-02-28", "2022-02-28")


# ---- session 16: counts of calendar months and years are offsets as written ------------

@pytest.mark.parametrize("cue,offset,up_to,precision,begin,end", [
    # the offset for the drafter, and the month or year it comes to, the dates a draft
    # keeps when it finds no event to count from (4 October 2022 written before)
    ("Three months later", "P3M", None, "Month", "2023-01", "2023-01"),
    ("A month later", "P1M", None, "Month", "2022-11", "2022-11"),
    ("Six months after", "P6M", None, "Month", "2023-04", "2023-04"),
    ("A month after", "P1M", None, "Month", "2022-11", "2022-11"),
    ("Two months earlier", "-P2M", None, "Month", "2022-08", "2022-08"),
    ("A year later", "P1Y", None, "Year", "2023", "2023"),
    ("Two years before", "-P2Y", None, "Year", "2020", "2020"),
    ("Three months on", "P3M", None, "Month", "2023-01", "2023-01"),
    ("Less than a year after", "PT0S", "P1Y", "Interval", "2022", "2023"),
])
def test_a_count_of_months_or_years_is_an_offset_as_written(cue, offset, up_to, precision,
                                                             begin, end):
    """Codebook 4: a count is the offset as written (*three months later* `P3M`, *two years
    after* `P2Y`), never the month or year it comes to."""
    rel = relative(cue)
    assert (rel.offset, rel.offset_up_to) == (offset, up_to), rel
    assert (rel.precision, rel.begin, rel.end_date) == (precision, begin, end), rel


@pytest.mark.parametrize("text", [
    "Two years on the job, he resigned.",         # "on" a noun: no time
    "He served two years on the board, it said.",
])
def test_years_on_a_noun_are_no_count(text):
    assert find_times(text, "2022-11-20") == []


def test_a_count_of_months_with_no_date_before_it_is_not_read_from_the_document_s_date():
    (rel,) = find_times("Three months later, the allies answered.", "2022-11-20")
    assert (rel.offset, rel.begin, rel.precision) == ("P3M", None, "Relative"), rel


@pytest.mark.parametrize("text, quote, source, offset", [
    ("North Korea launched a missile on 3 March 2022. Three months later, it tested an "
     "engine.\n", "Three months later", "launched a missile", "P3M"),
    ("North Korea launched a missile on 3 March 2022. A year later, it tested an engine.\n",
     "A year later", "launched a missile", "P1Y"),
    ("North Korea launched a missile on 3 March 2022. Six months after the launch, it tested "
     "an engine.\n", "Six months after", "launched a missile", "P6M"),
    ("North Korea launched a missile on 3 March 2022. A month earlier, it had tested an "
     "engine.\n", "A month earlier", "launched a missile", "-P1M"),
    # weeks were counts already: kept
    ("North Korea launched a missile on 3 March 2022. Two weeks after the launch, it tested "
     "an engine.\n", "Two weeks after", "launched a missile", "P14D"),
])
def test_a_count_of_months_or_years_is_drafted_from_the_event(onto, text, quote, source, offset):
    """"Three months later" after a dated event: a relative time from that event (P3M), not
    a date at month precision."""
    items = _drafted(onto, text)
    assert _counted(items, quote) == (source, offset)
    rel = _by_quote(items, quote)
    assert "begin" not in rel and rel["precision"] == "Relative", rel


@pytest.mark.parametrize("offset, up_to, expected", [
    ("-PT1H", "PT0S", ("PT0S", "PT1H")),      # "less than an hour before", counted back
    ("-P14D", "PT0S", ("PT0S", "P14D")),
    ("P1D", None, ("-P1D", None)),            # "a day after", counted back
    ("PT0S", None, ("PT0S", None)),
])
def test_a_time_counted_back_turns_its_range_round(offset, up_to, expected):
    from kg.annotate.time_anchors import _turned

    assert _turned(offset, up_to) == expected


# ---- session 17: a count with no event found to count from is no date ---------------------

@pytest.mark.parametrize("text,quote", [
    ("The weather was fine on 3 March 2023. Two days later, the sky was grey.",
     "Two days later"),
    ("The weather was fine on 3 March 2023. Within a day, the sky was grey.", "Within a day"),
    ("The weather was fine on 3 March 2023. Hours after, the sky was grey.", "Hours after"),
    ("The weather was fine on 3 March 2023. Ten days earlier, the sky had been grey.",
     "Ten days earlier"),
    ("The weather was fine on 3 March 2023. 40 minutes later, the sky was grey.",
     "40 minutes later"),
])
def test_a_count_with_no_event_to_count_from_is_no_date(onto, text, quote):
    """Codebook 4: a count (*two days later*, *within a day*, *hours after*) is a relative
    time counted from an event, never the date it comes to; with no event found to count
    from, it is left undated rather than drafted as the day it would come to."""
    rel = _by_quote(_drafted(onto, text, "2023-03-20"), quote)
    assert (rel["precision"], rel.get("begin"), rel.get("end"), rel.get("relativeTo")) == \
        ("Relative", None, None, None), rel


def test_a_count_with_an_event_to_count_from_is_counted_from_it(onto):
    text = "North Korea fired a missile on 3 March 2023. Two days later, the sky was grey."
    rel = _by_quote(_drafted(onto, text, "2023-03-20"), "Two days later")
    assert (rel["precision"], rel.get("begin"), rel.get("offset")) == \
        ("Relative", None, "P2D"), rel
    assert rel.get("relativeTo"), rel


@pytest.mark.parametrize("text,quote,offset", [
    # a count after the event told before, with the count first ("After some fifty minutes")
    ("The council met on 3 July. After some fifty minutes it adjourned.",
     "After some fifty minutes", "PT50M"),
    ("The talks began on 3 July. After two hours the envoys left.", "After two hours", "PT2H"),
])
def test_after_a_count_of_minutes_or_hours_counts_from_the_event(text, quote, offset):
    tm = find_times(text, "2022-11-20")[-1]
    assert (text[tm.start:tm.end], tm.offset) == (quote, offset), tm


def test_after_a_count_of_hours_of_something_is_no_count():
    # "After two hours of talks": how long the talks lasted, not a count after an event
    text = "The talks began on 3 July. After two hours of talks the envoys left."
    assert all(tm.offset != "PT2H" or text[tm.start:tm.start + 5] != "After"
               for tm in find_times(text, "2022-11-20"))


@pytest.mark.parametrize("text, quote, counted", [
    # the event named after "after" was not drafted: no other event counts in its place,
    # and no date is guessed from the day written before
    ("A submarine ran aground on 18 September 1996. Two days after the grounding, Seoul "
     "accused the North.", "Two days after", False),
    ("Xi visited Pyongyang on 20 June 2019. Two days after Xi left, Seoul said it would "
     "talk.", "Two days after", False),
    # a pronoun is the story's event: counted from it
    ("North Korea fired a missile on 4 May 2022. Hours after it landed, Japan condemned it.",
     "Hours after", True),
])
def test_a_count_from_an_event_not_drafted_guesses_none(onto, text, quote, counted):
    # the rules alone: the learned model may draft the named act ("left") and count from it
    items = {it["id"]: it for it in _draft(onto, text, "2022-05-20",
                                           model="none")["annotations"]}
    rel = _by_quote(items, quote)
    assert ("relativeTo" in rel) == counted, rel
    if not counted:
        assert (rel["precision"], rel.get("begin"), rel.get("end")) == ("Relative", None, None)


def test_shortly_after_noon_is_no_span_after_an_event():
    # "shortly after noon" names a time of the day, not a span counted after an act told
    text = BEFORE + "The allies answered shortly after noon."
    assert [text[t.start:t.end] for t in find_times(text, "2022-11-20")
            if "shortly" in text[t.start:t.end]] == []


@pytest.mark.parametrize("text", [
    "The 60-day deadline passed on 14 April.", "A 10-day-old report said so.",
    "The last two days were calm.",
])
def test_a_term_an_age_or_a_span_before_now_is_no_length_of_an_act(text):
    assert [t for t in find_times(text, "2022-11-20") if t.duration] == []


def test_a_count_that_names_its_event_moves_the_story_to_no_other_day():
    # a Q&A of Wednesday 22 December 2010: "The same day" is Monday's, not four weeks after it
    text = ("On Monday South Korea fired its guns from the island, four weeks after North "
            "Korean shells killed four people there. The same day Richardson announced offers.")
    same = [t for t in find_times(text, "2010-12-22") if text[t.start:t.end] == "The same day"]
    assert [t.begin for t in same] == ["2010-12-20"], same


def test_the_next_day_after_a_weekday_of_a_dated_section_counts_from_the_weekday():
    text = ("DIGEST, 31 August 2009\n\nAug. 13. The engineer comes home\nHe was freed on "
            "Thursday.\n\n16-17 August. Kim receives Hyun\nAfter waiting a week, Hyun met Kim "
            "on Sunday. The next day the agency carried a release.")
    nxt = [t for t in find_times(text, "2009-08-31") if text[t.start:t.end] == "The next day"]
    assert [t.begin for t in nxt] == ["2009-08-17"], nxt
