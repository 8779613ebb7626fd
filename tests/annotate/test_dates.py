"""Dates written as dates, at their precision (kg.annotate.dates). Every expected value is
worked out by hand from a calendar; the document's date is Sunday 20 November 2022 unless a
test says otherwise."""

from __future__ import annotations

import pytest
import yaml

from kg.annotate.dates import find_times

DOC = "2022-11-20"  # a Sunday


def only(text: str, doc_date: str | None = DOC):
    times = find_times(text, doc_date)
    assert len(times) == 1, (text, times)
    tm = times[0]
    return text[tm.start:tm.end], tm.precision, tm.begin, tm.end_date


@pytest.mark.parametrize("text,day", [
    ("on 18 November 2022", "2022-11-18"),                  # day first
    ("on 18th November 2022", "2022-11-18"),
    ("on the 18th of November 2022", "2022-11-18"),
    ("on 18 November, 2022", "2022-11-18"),
    ("on November 18, 2022", "2022-11-18"),                 # month first
    ("on November 18th 2022", "2022-11-18"),
    ("on 18 Nov 2022", "2022-11-18"),                       # abbreviated months
    ("on Nov. 18, 2022", "2022-11-18"),
    ("on Sept. 25, 2021", "2021-09-25"),
    ("on Sep 25 2021", "2021-09-25"),
    ("on Friday, 18 November 2022", "2022-11-18"),          # a weekday before it
    ("Friday 18 November 2022", "2022-11-18"),
    ("on Friday, November 18, 2022", "2022-11-18"),
    ("on Fri., Nov. 18", "2022-11-18"),
    ("Friday the 18th of November", "2022-11-18"),
    ("2022-11-18", "2022-11-18"),                           # ISO
    ("2022/11/18", "2022-11-18"),
    ("2022-11-18T01:48:00Z", "2022-11-18"),                 # ISO with a time
    ("on 18/11/2022", "2022-11-18"),                        # numeric, day over 12: day first
    ("on 11/18/2022", "2022-11-18"),                        # month first
    ("on 18 November", "2022-11-18"),                       # the document's year
    ("on Nov. 13", "2022-11-13"),
    ("on 5 March", "2022-03-05"),
    ("on 8 December", "2022-12-08"),                        # within a month ahead: this year
    ("on 20 December", "2022-12-20"),
    ("After March 3, the talks", "2022-03-03"),
])
def test_a_day_in_every_written_form(text, day):
    _quote, precision, begin, end = only(text)
    assert (precision, begin, end) == ("Day", day, day), text


def test_the_quote_keeps_the_weekday_and_leaves_the_preposition():
    assert only("It fired on Friday, 18 November 2022.")[0] == "Friday, 18 November 2022"


@pytest.mark.parametrize("text,doc,precision,begin,end", [
    # a month more than one ahead of the document's is last year's
    ("on 3 March", "2023-01-10", "Day", "2022-03-03", "2022-03-03"),
    ("on 5 February", "2023-01-10", "Day", "2023-02-05", "2023-02-05"),
    # 18 November falls on a Friday in 2022 and on a Saturday in 2023: in a text of
    # January 2023 "18 November" is last year's, "Saturday, 18 November" this year's
    ("on Friday, 18 November", "2023-01-10", "Day", "2022-11-18", "2022-11-18"),
    ("on Saturday, 18 November", "2023-01-10", "Day", "2023-11-18", "2023-11-18"),
    ("last month", "2023-01-15", "Month", "2022-12", "2022-12"),  # before January: December
    # Wednesday 23 November 2022: the weekend just past, 19-20 November
    ("over the weekend", "2022-11-23", "Interval", "2022-11-19", "2022-11-20"),
    # nothing to count from: undated
    ("yesterday", None, "Relative", None, None),
    ("last week", None, "Relative", None, None),
    ("three days ago", None, "Relative", None, None),
    ("yesterday", "2022-11", "Relative", None, None),        # a document date of a month
    ("It fired on Sunday.", None, "Relative", None, None),
])
def test_the_year_month_or_day_a_date_takes_from_the_document_s_date(text, doc, precision,
                                                                      begin, end):
    assert only(text, doc)[1:] == (precision, begin, end), (text, doc)


def test_a_weekday_that_does_not_fit_the_date_is_kept_and_flagged():
    (tm,) = find_times("on Monday, 18 November 2022", DOC)
    assert tm.begin == "2022-11-18" and any("weekday" in n for n in tm.notes), tm


@pytest.mark.parametrize("text,doc,day", [
    # not told in the future: a weekday never moves a day into a year after the reference's
    # (6 February 2022 was a Sunday, 6 February 2023 a Monday)
    ("The assembly met on Monday, Feb. 6.", "2022-02-09", "2022-02-06"),
    ("They met on Monday, 20 November.", DOC, "2022-11-20"),
    # the year before still fits a weekday (30 November 2021 was a Tuesday)
    ("They met on Tuesday, 30 November.", DOC, "2021-11-30"),
    # told in the future, the year after does (20 November 2023 is a Monday)
    ("They will meet on Monday, 20 November.", DOC, "2023-11-20"),
])
def test_a_weekday_picks_the_year_after_only_for_a_day_told_in_the_future(text, doc, day):
    (tm,) = find_times(text, doc)
    assert tm.begin == day, (text, tm)


@pytest.mark.parametrize("text,day", [
    # a clause of the present after "before" or "until", under a modal of the sentence: the
    # next such day (the doc is dated 20 November 2022)
    ("He said he would not go before he leaves office on 20 January.", "2023-01-20"),
    ("A dispute may surface before the envoy leaves on 20 January.", "2023-01-20"),
    ("The ban will stay until the council meets on 3 February.", "2023-02-03"),
    # a clause of the past keeps the year of the document's date
    ("He said he would not go before the envoy visited on 20 January.", "2022-01-20"),
    ("The guns fired before the envoy leaves on 20 January.", "2022-01-20"),
])
def test_a_day_in_a_clause_of_the_present_under_a_modal_lies_ahead(text, day):
    (tm,) = find_times(text, DOC)
    assert tm.begin == day, (text, tm)


@pytest.mark.parametrize("text,day", [
    # "the plan to" is a noun: the clause is told in the past
    ("Kishida announced the plan to recommend the site on 28 January.", "2022-01-28"),
    ("Its aim to launch the satellite on 28 January was made public.", "2022-01-28"),
    # "plans to" as a verb is a future
    ("Japan plans to recommend the site on 28 January.", "2023-01-28"),
    ("Tokyo hopes to hold the talks on 28 January.", "2023-01-28"),
])
def test_plan_aim_or_hope_after_a_determiner_marks_no_future(text, day):
    (tm,) = find_times(text, "2022-02-14")
    assert tm.begin == day, (text, tm)


@pytest.mark.parametrize("text,precision,begin,end", [
    ("in November 2022", "Month", "2022-11", "2022-11"),
    ("Nov. 2022", "Month", "2022-11", "2022-11"),
    ("in November of 2021", "Month", "2021-11", "2021-11"),
    ("in mid-November 2022", "Interval", "2022-11-11", "2022-11-20"),   # thirds of a month
    ("in May", "Month", "2022-05", "2022-05"),
    ("in late October", "Interval", "2022-10-21", "2022-10-31"),
    ("early September", "Interval", "2022-09-01", "2022-09-10"),
    ("late February 2021", "Interval", "2021-02-21", "2021-02-28"),
    ("the first half of next year", "Interval", "2023-01", "2023-06"),
    ("fiscal 2024, the U.S. Congress said", "Interval", "2023-10", "2024-09"),
    ("Japan's budget for fiscal 2027", "Interval", "2027-04", "2028-03"),
    ("Seoul's budget for fiscal 2023", "Year", "2023", "2023"),       # the calendar year
    ("Tokyo's 2023 fiscal year", "Interval", "2023-04", "2024-03"),
    ("last May", "Month", "2022-05", "2022-05"),
    ("last December", "Month", "2021-12", "2021-12"),
    ("next March", "Month", "2023-03", "2023-03"),
    ("in 2019", "Year", "2019", "2019"),
    ("the 2019 test", "Year", "2019", "2019"),
    ("early 2022", "Year", "2022", "2022"),
    ("in mid-2021", "Year", "2021", "2021"),
    ("the 1990s", "Interval", "1990", "1999"),
    ("the summer of 2022", "Season", "2022-06", "2022-08"),
    ("in winter 2021", "Season", "2021-12", "2022-02"),
    ("the first quarter of 2022", "Interval", "2022-01", "2022-03"),
    ("Q3 2021", "Interval", "2021-07", "2021-09"),
    ("the second half of 2021", "Interval", "2021-07", "2021-12"),
    ("the first half of this year", "Interval", "2022-01", "2022-06"),
])
def test_months_years_decades_seasons_and_quarters_keep_their_precision(text, precision, begin,
                                                                      end):
    assert only(text)[1:] == (precision, begin, end), text


@pytest.mark.parametrize("text,begin,end", [
    ("18-19 November", "2022-11-18", "2022-11-19"),
    ("18\u201319 November 2021", "2021-11-18", "2021-11-19"),
    ("November 18-19, 2022", "2022-11-18", "2022-11-19"),
    ("Nov. 2-5", "2022-11-02", "2022-11-05"),
    # month first, the second day after "to", "through", "until": one month's days
    ("from November 14 to 16", "2022-11-14", "2022-11-16"),
    ("November 14 through 16, 2021", "2021-11-14", "2021-11-16"),
    ("The ships sailed from Oct. 3 until 7.", "2022-10-03", "2022-10-07"),
    ("between November 14 and 16", "2022-11-14", "2022-11-16"),
    ("between 18 and 19 November", "2022-11-18", "2022-11-19"),
    ("from 2 to 5 November 2021", "2021-11-02", "2021-11-05"),
    ("from 31 October to 5 November", "2022-10-31", "2022-11-05"),
    ("31 October\u20135 November 2022", "2022-10-31", "2022-11-05"),
    ("from 28 December to 3 January 2023", "2022-12-28", "2023-01-03"),
    ("from November 18 to December 2, 2021", "2021-11-18", "2021-12-02"),
    ("from September to November", "2022-09", "2022-11"),
    ("September\u2013November 2022", "2022-09", "2022-11"),
    ("between May 2019 and June 2020", "2019-05", "2020-06"),
    ("between 2017 and 4 October 2022", "2017", "2022-10-04"),
    ("from 2017 to 2019", "2017", "2019"),
    ("2017-19", "2017", "2019"),
    ("2010\u20132012", "2010", "2012"),
    # parts of months read apart, joined by the range
    ("between early October and late November 2022", "2022-10-01", "2022-11-30"),
    ("from early October to late November 2022", "2022-10-01", "2022-11-30"),
    ("between mid-March and early May 2021", "2021-03-11", "2021-05-10"),
])
def test_ranges_are_intervals_with_each_end_at_its_precision(text, begin, end):
    assert only(text)[1:] == ("Interval", begin, end), text


@pytest.mark.parametrize("text,precision,begin,end", [
    ("since 24 March", "OpenInterval", "2022-03-24", None),
    ("since December", "OpenInterval", "2021-12", None),    # "since": always the past
    ("since 2017, as it said", "OpenInterval", "2017", None),  # "since X, when": test_since_when
    # "by/before/until the end of X": the codebook's "by X", open with only an end, the month
    ("by the end of March", "OpenInterval", None, "2022-03"),
    ("before the end of 2023", "OpenInterval", None, "2023-12"),
    ("Talks will go on until the end of the year.", "OpenInterval", None, "2022-12"),
    ("before the end of the month", "OpenInterval", None, "2022-11"),
    ("by the end of 2021", "OpenInterval", None, "2021-12"),   # before it: open
    ("They want a deal by the end of the year.", "OpenInterval", None, "2022-12"),
    ("by the end of 2023", "OpenInterval", None, "2023-12"),
    ("Its first in years, ending the moratorium it had kept since 2018", "OpenInterval", "2018",
     None),  # a "first" in another clause is not this one's
    # a verb of beginning does not open the span (the codebook): the day written
    ("the exercise, which began on 31 October", "Day", "2022-10-31", "2022-10-31"),
    ("The drills are due to begin on 1 December.", "Day", "2022-12-01", "2022-12-01"),
    ("its first test since September 2017", "Month", "2017-09", "2017-09"),
    ("It has fired dozens of missiles since late September.", "OpenInterval", "2022-09-21",
     None),
    ("It will finish by early December.", "OpenInterval", None, "2022-12-10"),
    ("The drills run until 1 December.", "OpenInterval", None, "2022-12-01"),  # until X
    ("It must answer by 5 December.", "OpenInterval", None, "2022-12-05"),
    ("The ban stays until March.", "OpenInterval", None, "2022-03"),
    ("They had left by Thursday.", "OpenInterval", None, "2022-11-17"),
    ("It will end by Friday.", "OpenInterval", None, "2022-11-25"),
    ("Seoul must reply by Monday.", "OpenInterval", None, "2022-11-21"),  # a deadline: ahead
    ("The drills last until Wednesday.", "OpenInterval", None, "2022-11-23"),
    # "until now": the codebook's "until X", X the document's date
    ("Until now the pact has held.", "OpenInterval", None, DOC),
    # only a first since X dates an earlier act; the Nth since X counts acts: X dated as
    # written, no open interval (the codebook)
    ("It was the second launch since May.", "Month", "2022-05", "2022-05"),
    ("It was the fourth such patrol since 2019.", "Year", "2019", "2019"),
    ("Its first drill at sea, the third since 2019, ended.", "Year", "2019", "2019"),
    # "as early as X": open, from X
    ("A test could come as early as this month.", "OpenInterval", "2022-11", None),
    ("It may launch as early as 2023.", "OpenInterval", "2023", None),
    # "within the year": from the document's date to the end of its year
    ("The pact may be suspended within the year.", "Interval", DOC, "2022-12-31"),
])
def test_open_intervals_and_the_date_of_a_first_since(text, precision, begin, end):
    assert only(text)[1:] == (precision, begin, end), text


@pytest.mark.parametrize("text,quote,year", [
    ("It co-sponsored the text for the first time in four years.", "four years", "2018"),
    ("They held their first trilateral anti-submarine exercise in five years.", "five years",
     "2017"),
    ("It was the first visit of a U.S. aircraft carrier in nearly five years.",
     "nearly five years", "2017"),
    ("It was the first such test in a decade.", "a decade", "2012"),
    # "more than" N years counts N too (the codebook)
    ("It fired an ICBM for the first time in more than four years.", "more than four years",
     "2018"),
    # a superlative is read as "first" is
    ("It was the largest exercise the allies have held in five years.", "five years", "2017"),
])
def test_the_first_in_n_years_is_the_year_of_the_earlier_one(text, quote, year):
    """Codebook 4, "the first ... since X": the earlier act's year, counted back."""
    assert only(text) == (quote, "Year", year, year), text


@pytest.mark.parametrize("text,quote,year", [
    # any superlative is read as "first" is: the earlier act's date alone (codebook 4)
    ("He won the narrowest mandate of any president since elections were introduced in 1987.",
     "in 1987", "1987"),
    ("It was the closest vote since 1987.", "1987", "1987"),
])
def test_a_superlative_since_x_is_x_alone(text, quote, year):
    assert only(text) == (quote, "Year", year, year), text


def test_the_latest_since_x_is_no_superlative():
    assert only("It held the latest test since May.")[1:] == ("OpenInterval", "2022-05", None)


@pytest.mark.parametrize("text,quote,begin,end", [
    ("Japan will spend 43 trillion yen over the five years to fiscal 2027.",
     "the five years to fiscal 2027", "2023-04", "2028-03"),   # Japan's fiscal years
    ("Output grew in the three years through 2020.", "the three years through 2020", "2018",
     "2020"),
])
def test_n_years_to_a_year_are_an_interval_ending_with_it(text, quote, begin, end):
    span, _year = find_times(text, DOC)
    assert (text[span.start:span.end], span.precision, span.begin, span.end_date) == \
        (quote, "Interval", begin, end), span


@pytest.mark.parametrize("text,day", [
    ("SEOUL, Dec. 20 -- North Korea condemned the plan.", "2022-12-20"),   # a dateline
    ("TOKYO, Nov. 18 \u2014 Japan protested.", "2022-11-18"),
])
def test_a_month_first_day_before_a_dateline_dash_is_a_day(text, day):
    tm = find_times(text, "2022-12-20")[0]
    assert (tm.precision, tm.begin) == ("Day", day), tm


def test_the_first_in_n_years_counts_back_from_the_told_act_s_year():
    """Codebook 4: "by the told event's year less N", the year of the date written before
    it in its sentence, not the document's."""
    text = "On 24 March 2022 it fired an ICBM for the first time in more than four years."
    _day, years = find_times(text, "2023-01-03")
    assert (years.precision, years.begin, years.end_date) == ("Year", "2018", "2018"), years


@pytest.mark.parametrize("text,quote,date,begin,precision", [
    ("OFAC said it laundered $7 billion since its creation in 2019.",
     "since its creation in 2019", "in 2019", "2019", "Year"),
    ("He said the North had fired 40 missiles since the Council failed to act in May.",
     "since the Council failed to act in May", "in May", "2022-05", "Month"),
    ("Since Russia invaded Ukraine on 24 February, the North has backed Moscow.",
     "Since Russia invaded Ukraine on 24 February", "24 February", "2022-02-24", "Day"),
    ("Prices have doubled since the start of 2022.", "since the start of 2022", "2022", "2022",
     "Year"),
])
def test_since_an_act_told_with_its_date_is_open_from_that_date(text, quote, date, begin,
                                                               precision):
    """Codebook 4, "since X": X an act told with its date is open from that date; the date
    itself dates the act (as in "since X, when ...")."""
    opened, own = find_times(text, DOC)
    assert (text[opened.start:opened.end], opened.precision, opened.begin, opened.end_date) \
        == (quote, "OpenInterval", begin, None), opened
    assert (text[own.start:own.end], own.precision, own.begin, own.end_date) == \
        (date, precision, begin, begin), own


@pytest.mark.parametrize("text,quote,precision,begin", [
    # "the Nth ... since X": X dated as written, no open interval (codebook 4)
    ("It was the ninth ICBM since the start of 2022.", "2022", "Year", "2022"),
    ("It is the sixth fine the court has levied on the firm since 2015.", "2015", "Year",
     "2015"),
    # "the first ... since X": the earlier act's date alone
    ("It was the first test since it fired one in November 2017.", "November 2017", "Month",
     "2017-11"),
    # a clause break between "since" and the date: the date is the clause's own
    ("It has not fired since the talks, which ended in May.", "in May", "Month", "2022-05"),
])
def test_since_an_act_after_an_ordinal_or_across_a_clause_is_no_interval(text, quote,
                                                                        precision, begin):
    assert only(text)[:3] == (quote, precision, begin), text


@pytest.mark.parametrize("text", [
    "Japan will raise spending over five years.",   # no "first"
    "The plan will be done in five years.",
    "The first phase will end in two years.",      # ahead, not back
    "The first round is done. It will be repeated in two years.",  # another sentence's
    "It was the first such crossing in about a year and a half.",  # no year to count back to
])
def test_years_with_no_first_before_them_are_no_date(text):
    assert find_times(text, DOC) == [], text


def test_the_year_of_an_earlier_act_is_not_the_story_s_year():
    text = "It held its first drill in five years, the seventh launch of the year."
    _years, year = find_times(text, DOC)
    assert (year.precision, year.begin) == ("Year", "2022"), year


@pytest.mark.parametrize("text", [
    "In March 18 people died.",           # a count after a month, not a day
    "Jan Egeland said so.",               # a name, not January
    "about 2000 troops and 1990 tanks",   # counts, not years
    "item 2022-13-40",                    # no month 13
    "on 31 April",                        # April has 30 days
    "May we go?",                         # a modal verb
])
def test_what_is_not_a_date_is_not_drafted(text):
    assert [text[t.start:t.end] for t in find_times(text, DOC) if t.precision == "Day"] == []


@pytest.mark.parametrize("text,doc", [
    # a descriptive phrase with no time word is no time
    ("The launch came during the president's first trip to Asia.", DOC),
    ("It fell on his 100th day in office.", DOC),
    ("After he left, the North fired a missile.", DOC),
    ("When the exercise opened, the North fired a missile.", DOC),
    ("The launch came on the day the leader marked 100 days in office.", DOC),
    ("The barrier stays until the crisis ends.", DOC),
    ("A launch would follow once the site is rebuilt.", DOC),
    ("on 3 June", None),                                   # no year anywhere
    ("It was 5/6/2022.", DOC),                             # 5 June or May 6
    # an ordinal that is no day
    ("It marked the 25th anniversary of the treaty.", DOC),
    ("It was sent to the 3rd Infantry Division.", DOC),
    ("It ended on the 2nd day of talks.", DOC),
    ("On the 31st it fired.", DOC),                        # November has no 31st
])
def test_what_is_no_time_is_not_drafted(text, doc):
    assert find_times(text, doc) == [], text


def test_days_joined_by_and_are_days_of_their_own_not_an_interval():
    text = "on 1, 2 and 5 November 2021"
    assert [(text[t.start:t.end], t.precision, t.begin) for t in find_times(text, DOC)] == [
        ("1", "Day", "2021-11-01"), ("2", "Day", "2021-11-02"),
        ("5 November 2021", "Day", "2021-11-05")]


def test_without_a_document_date_the_text_s_latest_year_is_the_reference():
    times = find_times("In 2021 it began. Since May it has grown. On 3 June it stopped.")
    assert [t.begin for t in times] == ["2021", "2021-05", "2021-06-03"], times


@pytest.mark.parametrize("text,precision,begin,end", [
    ("today", "Day", "2022-11-20", "2022-11-20"),
    ("yesterday", "Day", "2022-11-19", "2022-11-19"),
    ("tomorrow", "Day", "2022-11-21", "2022-11-21"),
    ("this morning", "Day", "2022-11-20", "2022-11-20"),
    ("three days ago", "Day", "2022-11-17", "2022-11-17"),
    ("a week ago", "Day", "2022-11-13", "2022-11-13"),
    ("last week", "Interval", "2022-11-07", "2022-11-13"),   # Monday to Sunday
    ("this week", "Interval", "2022-11-14", "2022-11-20"),
    ("next week", "Interval", "2022-11-21", "2022-11-27"),
    ("last weekend", "Interval", "2022-11-12", "2022-11-13"),
    ("last month", "Month", "2022-10", "2022-10"),
    ("earlier this month", "Month", "2022-11", "2022-11"),
    ("next month", "Month", "2022-12", "2022-12"),
    ("last year", "Year", "2021", "2021"),
    ("earlier this year", "Year", "2022", "2022"),
    ("later this year", "Year", "2022", "2022"),
    ("next year", "Year", "2023", "2023"),
    ("last night", "Day", "2022-11-19", "2022-11-19"),
    ("two years ago", "Year", "2020", "2020"),
    ("three months ago", "Month", "2022-08", "2022-08"),
    ("eleven months ago", "Month", "2021-12", "2021-12"),
    ("over the weekend", "Interval", "2022-11-19", "2022-11-20"),   # the document's own
    ("in March last year", "Month", "2021-03", "2021-03"),
    ("in March of last year", "Month", "2021-03", "2021-03"),
    ("in May of next year", "Month", "2023-05", "2023-05"),
    ("a few days ago", "Relative", None, None),   # back with no number: no date (codebook)
    ("a few years ago", "Relative", None, None),                  # how long is not said
])
def test_times_counted_from_the_document_s_date(text, precision, begin, end):
    assert only(text)[1:] == (precision, begin, end), text


@pytest.mark.parametrize("text,day", [
    ("It fired on Friday.", "2022-11-18"),          # the nearest Friday on or before
    ("It fired on Sunday.", "2022-11-20"),          # the document's day itself
    ("It fired on Tuesday.", "2022-11-15"),
    ("It fired last Sunday.", "2022-11-13"),        # "last": strictly before
    ("They meet next Tuesday.", "2022-11-22"),
    ("They will meet on Tuesday.", "2022-11-22"),   # a sentence about the future
    ("It is scheduled for Thursday morning.", "2022-11-24"),
    ("Monday's launch failed.", "2022-11-14"),
])
def test_a_bare_weekday_is_counted_from_the_document_s_date(text, day):
    assert only(text)[1:] == ("Day", day, day), text


@pytest.mark.parametrize("text,quote,begin,end", [
    # a number after "to" that is a time, a share or the first of another month's dates
    ("The rate went from November 14 to 16 per cent.", "November 14", "2022-11-14",
     "2022-11-14"),
    ("The drills ran from November 14 to 2 December 2021.",
     "from November 14 to 2 December 2021", "2021-11-14", "2021-12-02"),
])
def test_a_month_first_range_stops_at_what_is_no_day(text, quote, begin, end):
    tm = find_times(text, DOC)[0]
    assert (text[tm.start:tm.end], tm.begin, tm.end_date) == (quote, begin, end), text


@pytest.mark.parametrize("text,day", [
    # the paragraph tells of a Monday of an earlier week: "Monday" is that day
    ("The ships docked on 7 November after a long patrol. Monday's docking was the "
     "first in years.", "2022-11-07"),
    ("The ships docked on 7 November. On Monday the navy said they had been at sea "
     "for a month.", "2022-11-07"),
    # another weekday than the day told, or a day ahead: counted from the document's date
    ("The ships docked on 7 November. On Friday the navy said they had been at sea.",
     "2022-11-18"),
    ("The ships docked on 7 November. On Monday the navy will say more.", "2022-11-21"),
])
def test_a_weekday_of_the_day_just_told_in_an_earlier_week_is_that_day(text, day):
    tm = find_times(text, DOC)[1]
    assert (tm.precision, tm.begin) == ("Day", day), (text, tm)


def test_without_a_document_date_a_weekday_is_the_nearest_to_the_last_day_written():
    text = ("On Friday, 18 November 2022, it fired. On Sunday the allies answered. "
            "On Thursday it had warned them.")
    times = find_times(text, None)
    assert [(text[t.start:t.end], t.begin) for t in times] == [
        ("Friday, 18 November 2022", "2022-11-18"), ("On Sunday", "2022-11-20"),
        ("On Thursday", "2022-11-17")], times


def test_a_time_of_day_joins_the_date_written_next_to_it():
    assert only("On 2 November 2022 at about 8:51 a.m. it fired.") == \
        ("2 November 2022 at about 8:51 a.m.", "Day", "2022-11-02", "2022-11-02")
    assert only("At 10:48 a.m. on Friday, 18 November, it fired.")[0] == \
        "At 10:48 a.m. on Friday, 18 November"


@pytest.mark.parametrize("sentence,quote", [
    ("The alert sounded at 8:55 a.m. local time.", "at 8:55 a.m. local time"),
    ("At 6.40pm a second missile flew.", "At 6.40pm"),
    ("The alert sounded at noon.", "at noon"),
    ("Guns fired from 5 p.m. into the sea.", "from 5 p.m."),
    ("Rockets fell between 5 and 8 p.m. near the border.", "between 5 and 8 p.m."),
    ("In the early hours a second salvo fell.", "In the early hours"),
])
def test_a_time_of_day_alone_is_the_day_written_last(sentence, quote):
    """The model holds days: a time of day with no date next to it is a mention of the day
    the story is on, the last day written before it (else the document's date)."""
    text = "It fired on Wednesday, 2 November 2022. " + sentence
    _first, clock = find_times(text, None)
    assert (text[clock.start:clock.end], clock.precision, clock.begin, clock.end_date) == \
        (quote, "Day", "2022-11-02", "2022-11-02"), clock
    (alone,) = find_times(sentence, DOC)
    assert (alone.precision, alone.begin) == ("Day", DOC), alone
    (undated,) = find_times(sentence, None)
    assert (undated.precision, undated.begin) == ("Relative", None), undated


@pytest.mark.parametrize("text,quote,begin,end", [
    ("Jets flew between 11:40 p.m. on Tuesday and 1:05 a.m. on Wednesday.",
     "between 11:40 p.m. on Tuesday and 1:05 a.m. on Wednesday", "2022-11-15", "2022-11-16"),
    ("Talks ran from Monday, 7 November, to Wednesday, 9 November.",
     "from Monday, 7 November, to Wednesday, 9 November", "2022-11-07", "2022-11-09"),
    ("It launched at 10:15 a.m. (0115 GMT) on Friday.",
     "at 10:15 a.m. (0115 GMT) on Friday", "2022-11-18", "2022-11-18"),
    ("It launched at 8:15 a.m. (2315 GMT Thursday) on Friday.",
     "at 8:15 a.m. (2315 GMT Thursday) on Friday", "2022-11-18", "2022-11-18"),
    ("Sirens sounded in the early hours of Saturday.", "in the early hours of Saturday",
     "2022-11-19", "2022-11-19"),
])
def test_times_of_day_and_days_read_apart_join_into_one_span(text, quote, begin, end):
    (tm,) = find_times(text, DOC)
    assert (text[tm.start:tm.end], tm.begin, tm.end_date) == (quote, begin, end), tm


def test_that_day_is_the_last_day_written():
    text = "It fired on 2 November 2022. No missile fell off Ulsan that day."
    _first, that = find_times(text, None)
    assert (that.precision, that.begin, that.offset) == ("Day", "2022-11-02", None), that


def test_a_weekday_in_a_paragraph_about_another_week_counts_from_the_day_written():
    # a digest of 30 March 2023 telling of 18 November 2022
    text = "On Friday, 18 November 2022, it fired. On Sunday the allies answered."
    _first, sunday = find_times(text, "2023-03-30")
    assert sunday.begin == "2022-11-20", sunday
    # in a new paragraph the document's date counts again (Thursday 30 March 2023)
    text += "\nOn Sunday it fired again."
    assert find_times(text, "2023-03-30")[-1].begin == "2023-03-26"


def test_a_weekday_told_after_a_far_day_never_counts_back_before_that_day():
    # a brief of Wednesday 3 April 2024 telling of Wednesday 14 February: the nearest Monday
    # to that day (12 February) lies before it, so "on Monday" is the codebook's, the
    # Monday on or before the document's date
    text = "The council met on 14 February, and the truce collapsed on Monday."
    assert find_times(text, "2024-04-03")[-1].begin == "2024-04-01"
    # the nearest such day on or after the day told still counts from it
    text = "The council met on 14 February, and the truce collapsed on Friday."
    assert find_times(text, "2024-04-03")[-1].begin == "2024-02-16"


def test_last_or_next_weekday_counts_from_the_document_s_date_after_a_far_day_told():
    # a brief of Tuesday 14 January 2025: "last Thursday" is 9 January, not the Thursday of
    # the far day its paragraph told (26 December 2024 was a Thursday)
    text = "A soldier captured on 26 December died. The toll rose to 400 last Thursday."
    assert find_times(text, "2025-01-14")[-1].begin == "2025-01-09"
    text = "A soldier captured on 26 December died. Talks resume next Thursday."
    assert find_times(text, "2025-01-14")[-1].begin == "2025-01-16"


def test_a_time_written_after_that_day_brings_the_story_back_to_the_document_s_week():
    # a brief of Friday 12 August 2022: "since late July" moves the story on from 1 July
    text = ("On 1 July 2022 officials said the outbreak had begun. No case has been reported "
            "since late July. On Thursday the ministry expressed regret.")
    assert find_times(text, "2022-08-12")[-1].begin == "2022-08-11"


def test_a_draft_with_every_form_builds_and_validates(tmp_path, onto):
    """Every precision the drafter writes (mixed-precision intervals, open ones, seasons,
    decades, weeks, days from weekdays and times of day) is valid input for `kg build`."""
    from kg.annotate import draft_file
    from kg.annotate.gazetteer import Gazetteer
    from kg.build import build
    from kg.validation import validate

    (tmp_path / "src").mkdir()
    text = tmp_path / "src" / "forms.txt"
    text.write_text(
        "North Korea fired a ballistic missile on Friday, 18 November 2022 at 10:48 a.m. "
        "Japan condemned the launch two hours later. South Korea held a military exercise from "
        "31 October to 5 November, and again on 18-19 November. Between 2017 and 4 October "
        "2022 no missile flew over Japan. In the first quarter of 2022, in the 1990s and in "
        "the summer of 2021, North Korea fired missiles. Last week, China held talks. On "
        "Sunday, Russia vetoed a resolution. Since Sept. 25 the talks have stalled. Before "
        "the end of the year, North Korea may test a nuclear device. Days later, Japan held "
        "talks. On 2 and 5 November the allies held drills.\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    draft_file(text, tmp_path / "src" / "forms.yaml", date=DOC, gazetteer=gaz, onto=onto)
    items = yaml.safe_load((tmp_path / "src" / "forms.yaml").read_text(encoding="utf-8"))
    precisions = {it["precision"] for it in items["annotations"] if it["type"] == "TimeSpan"}
    assert precisions == {"Day", "Interval", "Season", "OpenInterval", "Relative"}, precisions
    out = build(tmp_path / "src", out=tmp_path / "b")
    report = validate(out.out)
    assert report.conforms, report.text()


@pytest.mark.parametrize("text,quote,begin", [
    ("On 23 September 2022 it docked. Two days later, on the 25th, it fired.", "on the 25th",
     "2022-09-25"),                                   # the month written last
    ("Talks resumed on the 3rd.", "on the 3rd", "2022-11-03"),  # else the document's month
])
def test_a_day_of_the_month_alone_takes_the_month_written_last(text, quote, begin):
    tm = next(t for t in find_times(text, DOC) if text[t.start:t.end] == quote)
    assert (tm.precision, tm.begin, tm.end_date) == ("Day", begin, begin), tm


@pytest.mark.parametrize("text,quote,begin", [
    ("On 3 November 2022 he arrived. On the 9th Kelly said so.", "On the 9th", "2022-11-09"),
    ("On 3 November 2022 he arrived. On the 9th North Korea fired.", "On the 9th",
     "2022-11-09"),
    ("On 3 November 2022 he arrived. On the 9th Party Congress he spoke.", None, None),
    ("On 3 November 2022 he arrived. On the 7th Fleet's carrier he spoke.", None, None),
    ("Troops stood on the 38th parallel.", None, None),
])
def test_a_day_of_the_month_may_stand_before_a_name(text, quote, begin):
    # a name after the ordinal ("On the 9th Kelly said"), not a noun it counts ("the 9th
    # Party Congress", "the 7th Fleet", "the 38th parallel")
    got = [(text[t.start:t.end], t.begin) for t in find_times(text, DOC)
           if "9th" in text[t.start:t.end] or "7th" in text[t.start:t.end]
           or "38th" in text[t.start:t.end]]
    assert got == ([(quote, begin)] if quote else []), got


@pytest.mark.parametrize("text,begin,end", [
    ("They met between Friday and Sunday.", "2022-11-18", "2022-11-20"),
    ("The drills ran from Monday to Wednesday.", "2022-11-14", "2022-11-16"),
])
def test_two_weekdays_are_an_interval_ending_on_the_nearest_such_day(text, begin, end):
    (tm,) = find_times(text, DOC)
    assert (tm.precision, tm.begin, tm.end_date) == ("Interval", begin, end), tm


@pytest.mark.parametrize("text,begin", [
    # the codebook: open from the document's date (not its month)
    ("Talks in the coming months are unlikely.", DOC),
    ("Exports will grow in the years ahead.", DOC),
    ("Sanctions will tighten in the coming years.", DOC),
    ("The talks will resume soon.", DOC),   # ahead with no number
    ("More launches are likely in the coming weeks.", DOC),
    # ahead of the document's date with no number, in a clause about the future (codebook)
    ("Launches will very likely resume within weeks.", DOC),
    ("The North will probably answer within days.", DOC),
    ("Seoul is likely to have a launcher of its own within a few years.", DOC),
    # a modal before a passive: what may come, though the participle ends in -ed
    ("Its details might be announced within days or weeks, officials said.", DOC),
])
def test_the_coming_months_are_open_from_the_document_s_date(text, begin):
    (tm,) = find_times(text, DOC)
    assert (tm.precision, tm.begin, tm.end_date) == ("OpenInterval", begin, None), tm


@pytest.mark.parametrize("text,end", [
    ("Another theft within the next year is likely.", "2023-11-20"),
    ("Talks may resume within the next two months.", "2023-01-20"),
    ("The envoy will visit in the next ten days.", "2022-11-30"),
    ("A test within the coming week is possible.", "2022-11-27"),
])
def test_a_window_from_the_document_s_date_runs_to_the_end_of_its_span(text, end):
    (tm,) = find_times(text, DOC)
    assert (tm.precision, tm.begin, tm.end_date) == ("Interval", DOC, end), tm


@pytest.mark.parametrize("text,begin", [
    # reported words dated by their reporting verb: from the day they were spoken (codebook 4)
    ("The White House said on Thursday that the North had sold arms. He announced that the "
     "administration would impose sanctions in the coming weeks.", "2022-11-17"),
    ("On 17 November the ministry said further progress would come over the next several "
     "years.", "2022-11-17"),
    # the day written before dates no reporting verb: from the document's date
    ("On 17 November it fired a missile. Officials said more tests would come in the coming "
     "weeks.", DOC),
    # not reported words: from the document's date
    ("The White House said on Thursday that the North had sold arms. Sanctions are likely in "
     "the coming weeks.", DOC),
])
def test_the_coming_weeks_in_reported_words_count_from_the_day_they_were_spoken(text, begin):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date) == ("OpenInterval", begin, None), tm


@pytest.mark.parametrize("text,begin", [
    # "the future" with no number: open, from the day of the act it is told of (the day the
    # story is on), else from the document's date
    ("Kim met Moon on 19 September. He promised to visit Seoul in the near future.",
     "2022-09-19"),
    ("On Wednesday, 16 November, an official said it had no plan to have any in the future.",
     "2022-11-16"),
    ("The North will act in future.", DOC),
    ("Talks may resume in the very near future.", DOC),
])
def test_the_future_is_open_from_the_day_it_is_told_of(text, begin):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date) == ("OpenInterval", begin, None), tm
    assert "future" in text[tm.start:tm.end]


def test_within_a_few_days_told_in_the_past_is_no_date():
    assert find_times("The envoy left within a few days.", DOC) == []


def test_the_coming_months_without_a_document_date_stay_undated():
    (tm,) = find_times("Talks in the coming months are unlikely.", None)
    assert (tm.precision, tm.begin) == ("Relative", None), tm


@pytest.mark.parametrize("head,day", [
    ("Drones cross the border\nSEOUL, Dec. 28, 2022 (wire)\n\n", "2022-12-28"),
    ("A brief\n11 October 2022\n\n", "2022-10-11"),
    ("WASHINGTON/TOKYO, 5 October 2022 (Wire) - Officials said so.\n", "2022-10-05"),
    ("Officials said on 5 October 2022 that they met.\n\n", None),  # no dateline
])
def test_a_dateline_is_the_document_s_date(head, day):
    from kg.annotate.dates import dateline

    assert dateline(head + "On Monday the military met.") == day
    if day:
        monday = next(t for t in find_times(head + "On Monday the military met.", None)
                      if t.begin and t.begin != day)
        assert monday.begin < day, monday  # the Monday before the dateline


def test_a_year_cited_after_a_number_is_no_date():
    assert find_times("In resolution 2397 (2017) the Council acted.", DOC) == []
    assert only("A 2018 agreement set a buffer zone.")[1:] == ("Year", "2018", "2018")


@pytest.mark.parametrize("text,days", [
    ("It fired on Oct. 6 and 9.", ["2022-10-06", "2022-10-09"]),        # month first
    ("It fired on October 6th and 9th.", ["2022-10-06", "2022-10-09"]),
    ("It fired on Nov. 2, 3 and 5, officials said.", ["2022-11-02", "2022-11-03", "2022-11-05"]),
    ("It fired on 2, 3 and 5 November.", ["2022-11-02", "2022-11-03", "2022-11-05"]),
    ("It fired on 6 October, 9 missiles in all.", ["2022-10-06"]),      # a count, no day
    ("In March 18 and 19 people died.", []),
])
def test_days_listed_with_one_month_are_days_of_that_month(text, days):
    got = [t.begin for t in find_times(text, DOC)]
    assert got == days, (text, got)


@pytest.mark.parametrize("text,day", [
    # the tense of the weekday's own clause, not of a clause reported after it
    ("On Tuesday the ministry said Japan had made a choice that would cost it.", "2022-11-15"),
    ("Officials said on Tuesday that the North will launch a satellite.", "2022-11-15"),
    ("Officials said the North will launch a satellite on Tuesday.", "2022-11-22"),
    ("The allies are to hold talks on Tuesday, the ministry said.", "2022-11-22"),
    ("On Tuesday, the North fired two missiles.", "2022-11-15"),
    ("The allies are due to hold talks, which bring envoys together, in Seoul on Tuesday.",
     "2022-11-22"),                                  # a phrase alone: the sentence's tense
    # a name set off by commas between the clause's verb and the weekday: the clause before
    # it, not the sentence's first verb ("met")
    ("Komura met the minister, Cheon, and is due to see his counterpart, Hong Soon-young, on "
     "Tuesday.", "2022-11-22"),
])
def test_a_bare_weekday_is_ahead_or_behind_by_the_tense_of_its_clause(text, day):
    assert only(text)[1:] == ("Day", day, day), text


@pytest.mark.parametrize("text,begin", [
    ("The party will meet in January.", "2023-01"),     # the future: the next January
    ("The party met in January.", "2022-01"),
    ("He will visit on 5 January.", "2023-01-05"),
])
def test_a_month_without_a_year_told_in_the_future_is_the_next_one(text, begin):
    assert only(text, "2022-12-21")[2] == begin, text


@pytest.mark.parametrize("text,end", [
    ("It will launch a satellite by the spring.", "2023-05"),    # the next spring
    ("It will be ready by April 2023.", "2023-04"),
    ("It will be ready by April.", "2023-04"),
    ("It aims to field them by 2027.", "2027"),
    ("It hopes to finish by the winter.", "2023-02"),
])
def test_by_a_month_season_or_year_is_an_open_interval_ending_then(text, end):
    assert only(text, "2022-12-21")[1:] == ("OpenInterval", None, end), text


def test_the_month_and_the_year_are_those_told_of():
    text = ("The North began the year with a launch. On 30 January 2021 it fired a missile, "
            "the seventh launch of the month.")
    assert [(text[t.start:t.end], t.precision, t.begin) for t in find_times(text, DOC)] == [
        ("the year", "Year", "2022"), ("30 January 2021", "Day", "2021-01-30"),
        ("the month", "Month", "2021-01")]
    # "the year before", "the month ahead": counted, not this one
    assert [text[t.start:t.end] for t in find_times("It had tested one the year before.", DOC)
            if t.precision == "Year"] == []


@pytest.mark.parametrize("text,begin", [
    ("North Korea's December tests", "2022-12"),       # a month before a noun
    ("the August drills", "2022-08"),
    ("Talks resumed in October.", "2022-10"),
    ("October saw seven launches.", "2022-10"),         # a month alone, capitalized
])
def test_a_month_named_alone_is_a_month(text, begin):
    assert only(text, "2022-12-21")[1:] == ("Month", begin, begin), text


@pytest.mark.parametrize("text", [
    "June Park, an analyst, said so.",                  # a name
    "Protesters march on the embassy.",                 # a verb
    "Resolution 2397 was adopted by the council.",      # a resolution's number
    "It breached resolutions 2087, 2094 and 2270.",
    "It breached Resolution 2094 (2013).",
    "The missile crossed the 38th parallel.",           # an ordinal that is no day
    "It tested a Hwasong-17 and scrambled F-35 jets.",  # weapon names
    "Exports rose 12.5% to 2,023 tonnes.",              # a percentage, a count
    "It was the 23rd launch this year and its 4th ICBM.",
])
def test_names_numbers_and_ordinals_are_not_dates(text):
    dated = [text[t.start:t.end] for t in find_times(text, DOC)
             if t.precision in ("Day", "Month", "Year", "Interval")]
    assert dated == [] or dated == ["this year"], (text, dated)


@pytest.mark.parametrize("text,doc,begin,end", [
    ("The North will test a satellite in the spring.", "2022-12-21", "2023-03", "2023-05"),
    ("It tested a motor last spring.", "2022-12-21", "2022-03", "2022-05"),
    ("The allies will drill next summer.", "2022-07-10", "2023-06", "2023-08"),
    ("Talks will resume in the winter.", "2023-01-10", "2022-12", "2023-02"),  # not ended
    ("It tested a motor this summer.", "2022-12-21", "2022-06", "2022-08"),
])
def test_a_season_without_a_year_is_read_by_its_tense(text, doc, begin, end):
    assert only(text, doc)[1:] == ("Season", begin, end), text


@pytest.mark.parametrize("head,day", [
    ("Week in review\nDigest, March 30, 2021\n\nIt fired.", "2021-03-30"),
    ("Outlook\nPrepared by the team, 10 November 2021\n\nIt fired.", "2021-11-10"),
    ("Launch\nUpdated 2021-11-18 09:10 KST\n\nIt fired.", "2021-11-18"),
    ("SEOUL, Nov. 3, 2021 (Yonhap) -- North Korea fired a missile.", "2021-11-03"),
])
def test_a_byline_with_a_day_and_its_year_is_the_document_s_date(head, day):
    from kg.annotate.dates import dateline

    assert dateline(head) == day, head


def test_a_headline_s_date_is_not_the_document_s_date():
    from kg.annotate.dates import dateline

    assert dateline("North Korea fires on 18 November 2022\n\nIt fired on 18 November 2022.") \
        is None


@pytest.mark.parametrize("text,quote,begin,end", [
    ("In summer the North tested missiles.", "In summer", "2022-06", "2022-08"),
    ("Drills were held during autumn.", "during autumn", "2022-09", "2022-11"),
    ("It cancelled the larger summer exercises.", "summer", "2022-06", "2022-08"),
])
def test_a_season_word_alone_is_the_season_of_the_reference_year(text, quote, begin, end):
    assert only(text) == (quote, "Season", begin, end), text


@pytest.mark.parametrize("text", ["It was a spring of hope.", "The Summer Davos forum met.",
                                  "summer and autumn"])
def test_a_season_word_that_names_no_season_of_the_story_is_no_date(text):
    assert find_times(text, DOC) == [], text


def _spans(text: str, doc_date: str | None = DOC) -> list[tuple[str, str, str | None, str | None]]:
    return [(text[tm.start:tm.end], tm.precision, tm.begin, tm.end_date)
            for tm in find_times(text, doc_date)]


def test_year_told_in_the_sentence():
    """A month or day without a year takes a past year told before it in the same sentence
    ("in 2010, after ... in March": March 2010), not the document's year; the next sentence
    and times counted from now ("last summer") keep the document's date."""
    text = ("It returned in 2010, after the sinking of the Cheonan in March and the shelling "
            "of Yeonpyeong Island in November. It was dropped in March.")
    assert _spans(text, "2023-02-20") == [
        ("in 2010", "Year", "2010", "2010"), ("in March", "Month", "2010-03", "2010-03"),
        ("in November", "Month", "2010-11", "2010-11"),
        ("in March", "Month", "2023-03", "2023-03")]
    text = "The deportation of two men in 2019 was a case the government reopened last summer."
    assert _spans(text, "2023-03-01")[-1] == ("last summer", "Season", "2022-06", "2022-08")
    # a year ahead leaves the future tense to read the dates after it
    text = "It will test a missile in 2023, and put a satellite into orbit by the spring."
    assert _spans(text, "2022-12-21")[-1][3] == "2023-05"


def test_year_of_a_heading():
    """A timeline's heading ("Nov. 2019.") gives its paragraph's days their year, and the
    entries after it written without one run on in it (since session 39: "26 Dec." was read
    in the document's year before)."""
    text = ("The main dates:\n\nNov. 2019. The navy captures the two fishermen on Nov. 2. "
            "Five days later, on Nov. 7, they are sent back.\n\n26 Dec. Prosecutors question him.")
    days = [s for s in _spans(text, "2023-03-01") if s[1] == "Day"]
    assert [d[2] for d in days] == ["2019-11-02", "2019-11-07", "2019-11-07", "2019-12-26"]
    text = "The main dates:\n\nThe navy captures the two fishermen.\n\n26 Dec. Prosecutors act."
    assert [s[2] for s in _spans(text, "2023-03-01") if s[1] == "Day"] == ["2022-12-26"]


def test_year_of_a_timeline_entry():
    """A timeline's entries written without their year run in the year of the entry before
    them that has it, into the next year when the months turn back; prose keeps the
    document's year."""
    text = ("The main dates:\n\nMay 29, 2014. The two governments announce a deal.\n\n"
            "July 1. Officials meet in Beijing.\n\nOct. 27. A delegation arrives. Talks "
            "follow on Oct. 28.\n\nJan. 5. The envoy leaves.\n\n"
            "The North said on 16 July that it would wait.")
    days = [s[2] for s in _spans(text, "2016-02-13") if s[1] == "Day"]
    assert days == ["2014-05-29", "2014-07-01", "2014-10-27", "2014-10-28", "2015-01-05",
                    "2015-07-16"]


def test_a_timelines_month_or_year_entry_sets_the_year_of_the_days_after_it():
    """An entry written as a month with its year ("October 2020.") or a year alone ("2018:")
    sets the year the days written without one after it run in, as a day with its year
    does: "9 March." after "October 2020." is in 2021, not in the year of the last day."""
    text = ("The main steps:\n\n13 December 2019. A court orders him held.\n\n"
            "October 2020. The High Court rejects his appeal.\n\n9 March. The Federal Court "
            "dismisses his last appeal.\n\n21 March. On Sunday morning the staff leave.")
    days = [s[2] for s in _spans(text, "2021-03-25") if s[1] == "Day"]
    assert days == ["2019-12-13", "2021-03-09", "2021-03-21", "2021-03-21"], days
    text = ("Steps:\n\n2017: The talks stall.\n\nMay 3. The envoy resigns.\n\n"
            "Feb. 9. A new envoy is named.")
    days = [s[2] for s in _spans(text, "2019-06-01") if s[1] == "Day"]
    assert days == ["2017-05-03", "2018-02-09"], days


def test_since_when():
    """"since X, when ...": the open interval from X, and X alone dating what the "when"
    clause tells."""
    text = "The North had not launched a missile since 5 June, when it fired eight missiles."
    assert _spans(text, "2022-08-19") == [
        ("since 5 June", "OpenInterval", "2022-06-05", None),
        ("5 June", "Day", "2022-06-05", "2022-06-05")]
    text = "No case has been reported since late July."
    assert _spans(text, "2022-08-12") == [("since late July", "OpenInterval", "2022-07-21", None)]


@pytest.mark.parametrize("text,span", [
    # an abbreviation's point ends no clause
    ("It was the first deployment of U.S. F-35As to the South since December 2017.",
     ("December 2017", "Month", "2017-12", "2017-12")),
    # a superlative is a "first"
    ("It fired a Hwasong-12, its longest-range missile fired since 2017.",
     ("2017", "Year", "2017", "2017")),
    ("It was the largest drill since 2018.", ("2018", "Year", "2018", "2018")),
])
def test_first_since_variants(text, span):
    assert _spans(text) == [span]


@pytest.mark.parametrize("text,spans", [
    ("The talks were held on 2 and 3 November.",
     [("2 and 3 November", "Interval", "2022-11-02", "2022-11-03")]),
    ("Trade rose in May and June.", [("in May and June", "Interval", "2022-05", "2022-06")]),
    ("It fired on 2 and 5 November.",  # not in a row: two days
     [("2", "Day", "2022-11-02", "2022-11-02"), ("5 November", "Day", "2022-11-05", "2022-11-05")]),
    ("It fired in May and July.",
     [("in May", "Month", "2022-05", "2022-05"), ("July", "Month", "2022-07", "2022-07")]),
    # two years in a row, as two days or months are
    ("The fines were imposed in 2014 and 2015.",
     [("in 2014 and 2015", "Interval", "2014", "2015")]),
    ("Exports fell in 2011 or 2012.", [("in 2011 or 2012", "Interval", "2011", "2012")]),
    ("Reports were issued in 2010 and 2014.",  # not in a row: two years
     [("in 2010", "Year", "2010", "2010"), ("2014", "Year", "2014", "2014")]),
    ("It fired in 2014 and in 2016.",
     [("in 2014", "Year", "2014", "2014"), ("in 2016", "Year", "2016", "2016")]),
    # "between" keeps its range
    ("Between 2014 and 2015 the talks stalled.",
     [("Between 2014 and 2015", "Interval", "2014", "2015")]),
    # a part of a month and the month after it: one span
    ("The vote may come in late March or April.",
     [("in late March or April", "Interval", "2022-03-21", "2022-04")]),
    ("It may come in early March or April.",  # early March does not run into April
     [("in early March", "Interval", "2022-03-01", "2022-03-10"),
      ("April", "Month", "2022-04", "2022-04")]),
])
def test_days_in_a_row(text, spans):
    """Two days, two months or two years in a row joined by "and" are one interval."""
    assert _spans(text) == spans


@pytest.mark.parametrize("text,begin,end", [
    # codebook 4: "at the end of the month" is its late part, the month told of
    ("Trump goes on to Seoul at the end of the month.", "2022-11-21", "2022-11-30"),
    ("It fired on 3 February. At the end of the month it fired again.", "2022-02-21",
     "2022-02-28"),
    ("In May, at the beginning of the month, it fired.", "2022-05-01", "2022-05-10"),
])
def test_a_part_of_the_month_told_of_is_a_third_of_it(text, begin, end):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date) == ("Interval", begin, end), tm
    assert text[tm.start:tm.end].lower().startswith("at the")


@pytest.mark.parametrize("text,begin,end", [
    # codebook 4: "the past N weeks", "over the past year": the span up to the document's
    # date, or up to the day the words were spoken when the text dates them
    ("Trade grew over the past year.", "2021-11-20", "2022-11-20"),
    ("The main items of the past two weeks: a defection.", "2022-11-06", "2022-11-20"),
    ("Exports rose in the past six months.", "2022-05-20", "2022-11-20"),
    ("The main items of the past fortnight: two tests.", "2022-11-06", "2022-11-20"),
    ("The ministry said on 10 November that the launches of the past two weeks were drills.",
     "2022-10-27", "2022-11-10"),
])
def test_the_past_n_weeks_is_the_span_up_to_the_document_s_date(text, begin, end):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date, tm.offset) == ("Interval", begin, end, None), tm
    assert "past" in text[tm.start:tm.end]


@pytest.mark.parametrize("text,doc,begin,end", [
    # a month's day kept, else its last
    ("Trade grew over the past month.", "2024-03-31", "2024-02-29", "2024-03-31"),
    ("Talks may resume within the next month.", "2024-01-31", "2024-01-31", "2024-02-29"),
    # regression: a span past the calendar's ends raised ValueError ("year 10000 is out of
    # range"); it is left undated
    ("Talks may resume within the next year.", "9999-06-01", None, None),
    ("Trade grew over the past two years.", "0001-06-01", None, None),
    # regression: with a document dated to the month only, "the past year" raised KeyError
    ("Trade grew over the past year.", "2022-11", None, None),
])
def test_spans_counted_in_months_or_years_from_the_document_s_date(text, doc, begin, end):
    tm = find_times(text, doc)[-1]
    assert (tm.begin, tm.end_date) == (begin, end), tm
    assert tm.precision == ("Interval" if begin else "Relative"), tm


@pytest.mark.parametrize("text,quote,day", [
    # a weekday a statement bears, without "on": read as "on Monday"
    ("In a statement dated Monday and carried by KCNA the next day, she warned Seoul.",
     "Monday", "2022-11-14"),
    ("Choe's statement, dated Wednesday, confirmed the approaches.", "Wednesday",
     "2022-11-16"),
])
def test_a_weekday_after_dated_is_that_day(text, quote, day):
    tm = next(t for t in find_times(text, DOC) if text[t.start:t.end] == quote)
    assert (tm.precision, tm.begin, tm.end_date) == ("Day", day, day), tm


@pytest.mark.parametrize("text,quote,begin", [
    ("It reached out through several channels starting in mid-February.",
     "starting in mid-February", "2022-02-11"),
    ("Beginning on 1 March, flights stop.", "Beginning on 1 March", "2022-03-01"),
    ("Starting 2023, fees rise.", "Starting 2023", "2023"),
])
def test_starting_x_is_from_x_open(text, quote, begin):
    """Codebook 4: "starting X" used as "from X" is open from X's first day."""
    (tm,) = find_times(text, DOC)
    assert (text[tm.start:tm.end], tm.precision, tm.begin, tm.end_date) == \
        (quote, "OpenInterval", begin, None), tm


def test_beginning_x_with_an_end_told_is_not_open():
    times = find_times("Beginning in May and ending in June, talks ran.", DOC)
    assert [t.precision for t in times] == ["Month", "Month"], times


@pytest.mark.parametrize("text,quote,precision,begin,end", [
    # "from X" with no end told: open, from X (the codebook's "since X")
    ("A test around the visit from 20 May is possible.", "from 20 May", "OpenInterval",
     "2022-05-20", None),
    ("The thief, from June 27, fed the ether into a mixer.", "from June 27", "OpenInterval",
     "2022-06-27", None),
    ("Exports from June fell.", "from June", "OpenInterval", "2022-06", None),
    # a range or a comparison is no open start
    ("It ran from 20 May to 24 May.", "from 20 May to 24 May", "Interval", "2022-05-20",
     "2022-05-24"),
    ("Exports rose to 90 tonnes, up from 2021.", "2021", "Year", "2021", "2021"),
    # "after X", "before X" (a year or a month): open from the next, to the one before
    ("After 2016, it says, exports plummeted.", "After 2016", "OpenInterval", "2017", None),
    ("It restored cooperation to its level before 2017.", "before 2017", "OpenInterval",
     None, "2016"),
    ("Exports fell after March 2020.", "after March 2020", "OpenInterval", "2020-04", None),
    # ahead of the document's date too (the codebook: never from the document's date)
    ("Talks may resume before 2024.", "before 2024", "OpenInterval", None, "2023"),
    ("More tests are likely before December.", "before December", "OpenInterval", None,
     "2022-11"),
    # a count before it is a time counted from the date, not the open interval
    ("Two years after 2017, talks resumed.", "2017", "Year", "2017", "2017"),
    # "since at least X": open, from X
    ("Both attended launches since at least 2017.", "since at least 2017", "OpenInterval",
     "2017", None),
    # what ended on a day: nor does a verb of ending, the day written (the codebook)
    ("At the plenary that ended on Oct. 31, Kim spoke.", "Oct. 31", "Day", "2022-10-31",
     "2022-10-31"),
    ("The talks ended on Thursday, 28 February, with no deal.", "Thursday, 28 February", "Day",
     "2022-02-28", "2022-02-28"),
])
def test_an_open_end_is_read_from_the_word_before_the_date(text, quote, precision, begin, end):
    times = [t for t in find_times(text, DOC) if text[t.start:t.end] == quote]
    assert len(times) == 1, (text, find_times(text, DOC))
    tm = times[0]
    assert (tm.precision, tm.begin, tm.end_date) == (precision, begin, end), tm


@pytest.mark.parametrize("text,end", [
    # a deadline still to come is this year's month, though a past act's would be last year's
    ("More short-range tests are likely before December.", "2019-11"),
    ("The North will not talk before December, it says.", "2019-11"),
    ("Its envoys had left before December.", "2018-11"),
])
def test_before_a_month_ahead_reads_the_tense(text, end):
    times = find_times(text, "2019-10-10")
    assert [(text[t.start:t.end], t.precision, t.begin, t.end_date) for t in times] == [
        ("before December", "OpenInterval", None, end)]


@pytest.mark.parametrize("text,quote,begin,end", [
    # the end (beginning, middle) of a month is its late (early, mid) third
    ("At the end of June the exchange froze the account.", "At the end of June",
     "2022-06-21", "2022-06-30"),
    ("It was tested at the beginning of May 2021.", "at the beginning of May 2021", "2021-05-01",
     "2021-05-10"),
    ("The envoy came in the middle of February.", "in the middle of February", "2022-02-11",
     "2022-02-20"),
    # a decade's early, mid and late parts (the codebook)
    ("The word first appeared in the mid-1990s.", "the mid-1990s", "1994", "1996"),
    ("It was built in the early 2000s.", "the early 2000s", "2000", "2003"),
    ("Talks failed in the late 1990s.", "the late 1990s", "1997", "1999"),
])
def test_parts_of_months_and_decades_written_with_words(text, quote, begin, end):
    assert only(text) == (quote, "Interval", begin, end), text


def test_an_end_of_a_month_after_since_or_until_is_open():
    assert only("No test has come since the start of May.")[1:] == (
        "OpenInterval", "2022-05-01", None)
    # "until the end of X" is the codebook's "by X": its end the month
    assert only("The ban holds until the end of December.")[1:] == (
        "OpenInterval", None, "2022-12")


@pytest.mark.parametrize("text,end", [
    ("Did the picture change by September?", "2022-09"),       # told in the past
    ("Had it met by October?", "2022-10"),
    ("It will be ready by September.", "2023-09"),             # ahead: the next one
])
def test_by_a_month_told_in_the_past_is_the_last_one(text, end):
    assert only(text, "2022-10-31")[1:] == ("OpenInterval", None, end), text


def test_a_weekday_after_a_day_told_ten_days_before_is_still_the_document_s_week():
    # a wire of Friday 6 January 2023 telling of 26 December (Monday)
    text = ("Five drones crossed the line on Dec. 26. On Thursday the Joint Chiefs admitted "
            "that one drone had passed over Seoul. The office said the military reached "
            "that conclusion on Tuesday and briefed the president the next day.")
    days = [(text[t.start:t.end], t.begin) for t in find_times(text, "2023-01-06")]
    assert days == [("Dec. 26", "2022-12-26"), ("On Thursday", "2023-01-05"),
                    ("on Tuesday", "2023-01-03"), ("the next day", "2023-01-04")], days


def test_a_range_around_a_clause_is_the_range_and_its_two_dates():
    text = ("A test would most likely fall between Oct. 16, when the party congress opened, "
            "and Nov. 7, the vote.")
    got = [(text[t.start:t.end], t.precision, t.begin, t.end_date)
           for t in find_times(text, "2023-01-05")]
    assert got == [("between Oct. 16, when the party congress opened, and Nov. 7", "Interval",
                    "2022-10-16", "2022-11-07"),
                   ("Oct. 16", "Day", "2022-10-16", "2022-10-16"),
                   ("Nov. 7", "Day", "2022-11-07", "2022-11-07")], got


def test_all_year_is_the_year_told_of():
    text = "Beijing blocked sanctions in May 2022, and missiles raised pressure all year."
    assert [(text[t.start:t.end], t.begin) for t in find_times(text, "2023-01-05")] == [
        ("May 2022", "2022-05"), ("year", "2022")]
    assert not [t for t in find_times("It is open all year round.", DOC)]


@pytest.mark.parametrize("text,precision,begin,end", [
    # the codebook: two days in a row joined by "and" are one interval (DOC: Sunday)
    ("The drills ran on Wednesday and Thursday off the coast.", "Interval", "2022-11-16",
     "2022-11-17"),
    ("Talks will be held on Monday and Tuesday.", "Interval", "2022-11-21", "2022-11-22"),
    # two days not in a row are two dates: the first read alone
    ("The drills ran on Monday and Thursday off the coast.", "Day", "2022-11-14",
     "2022-11-14"),
])
def test_two_weekdays_in_a_row_joined_by_and_are_one_interval(text, precision, begin, end):
    tm = find_times(text, DOC)[0]
    assert (tm.precision, tm.begin, tm.end_date) == (precision, begin, end), tm


def test_by_a_time_of_a_day_is_open_ending_that_day():
    # the codebook's "by X": an open interval with only an end, also with a time of day
    assert only("Crews were told to clear the site by 6 p.m. on Friday.") == \
        ("by 6 p.m. on Friday", "OpenInterval", None, "2022-11-18")
    assert only("Crews cleared the site at 6 p.m. on Friday.") == \
        ("at 6 p.m. on Friday", "Day", "2022-11-18", "2022-11-18")


@pytest.mark.parametrize("text,day", [
    # inside a quotation after a day the story told: the day the words were spoken
    ('On 15 November the court fined the firm. "Fairness was done here today," the '
     'prosecutor said.', "2022-11-15"),
    ('On 15 November the court fined the firm. "We will appeal tomorrow," its lawyer said.',
     "2022-11-16"),
    # outside a quotation, or with no day told before it: the document's date
    ("On 15 November the court fined the firm. The firm appealed today.", DOC),
    ('"Fairness was done here today," the prosecutor said.', DOC),
])
def test_today_in_quoted_words_counts_from_the_day_they_were_spoken(text, day):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin) == ("Day", day), tm


@pytest.mark.parametrize("text,quote,begin,end", [
    ("Jamming was reported in the first ten days of November.",
     "the first ten days of November", "2022-11-01", "2022-11-10"),
    ("Jamming was reported in the first 5 days of October.",
     "the first 5 days of October", "2022-10-01", "2022-10-05"),
])
def test_the_first_days_of_a_month_are_an_interval(text, quote, begin, end):
    assert only(text) == (quote, "Interval", begin, end)


@pytest.mark.parametrize("text,doc,month", [
    # still to come from the document's date: the reference's year, not the year before
    ("Further launches before the election in November seem likely.", "2024-09-20", "2024-11"),
    ("The allies should expect a show of force when they drill in August.", "2025-03-25",
     "2025-08"),
    ("In our view the North is likely to try again in October.", "2023-08-26", "2023-10"),
    # told in the past, or a future seen from a past moment: the year before, as before
    ("The North fired a missile in November.", "2024-09-20", "2023-11"),
    ("Officials told lawmakers that a test would come in October.", "2023-01-05", "2022-10"),
    ("They should have acted in November.", "2024-09-20", "2023-11"),
])
def test_a_month_still_to_come_keeps_the_document_s_year(text, doc, month):
    (tm,) = find_times(text, doc)
    assert (tm.precision, tm.begin) == ("Month", month), tm


@pytest.mark.parametrize("text,quote,precision,begin,end", [
    # an ordinal with a relative clause between it and "since" counts nothing: "since X"
    ("It may be the fourth strike that analysts have warned of since May.", "since May",
     "OpenInterval", "2022-05", None),
    ("Fines have been levied since 2015.", "since 2015", "OpenInterval", "2015", None),
])
def test_since_not_counted_by_an_ordinal_stays_open(text, quote, precision, begin, end):
    assert only(text) == (quote, precision, begin, end)


@pytest.mark.parametrize("text,quote,begin,end", [
    # a count of months of a year: an interval of months, as "the first half of 2022" is
    ("Sales will be capped for the last three months of this year.",
     "the last three months of this year", "2022-10", "2022-12"),
    ("The first two months of 2019 were quiet.", "The first two months of 2019", "2019-01",
     "2019-02"),
    ("Imports doubled in the last four months of last year.",
     "the last four months of last year", "2021-09", "2021-12"),
    ("The plant will close for the first five months of next year.",
     "the first five months of next year", "2023-01", "2023-05"),
    # a quarter with no year: the reference year's (the year before when still ahead of a
    # past clause, as a month is)
    ("Exports fell in the third quarter.", "the third quarter", "2022-07", "2022-09"),
    ("Exports will rise in the first quarter.", "the first quarter", "2023-01", "2023-03"),
])
def test_months_of_a_year_and_quarters_are_intervals_of_months(text, quote, begin, end):
    assert only(text) == (quote, "Interval", begin, end)


@pytest.mark.parametrize("text", [
    "He scored in the third quarter of the match.",
    "Third-quarter results were strong.",
    "The first months of the war were hard.",
])
def test_no_quarter_or_months_of_a_year_without_one(text):
    assert find_times(text, DOC) == []


@pytest.mark.parametrize("text,begin", [
    # a month told as still to come (a passive "planned", "expected") is the next such month
    ("Talks are planned for October.", "2023-10"),
    ("A visit is expected in February.", "2023-02"),
    # told in the past: the month of the document's year
    ("A visit was expected in February.", "2022-02"),
])
def test_a_month_in_a_passive_future_clause_looks_ahead(text, begin):
    assert only(text)[1:] == ("Month", begin, begin)


@pytest.mark.parametrize("text,opened,begin,date", [
    # "since" an act told with a date counted from the document's: open from that date, and
    # the date itself dates the act (as "since its creation in 2019" does)
    ("Trade has grown since the summit last August.", "since the summit last August",
     "2022-08", "last August"),
    ("Prices have doubled since the vote last year.", "since the vote last year", "2021",
     "last year"),
])
def test_since_an_act_told_with_a_date_counted_from_now(text, opened, begin, date):
    times = [(text[t.start:t.end], t.precision, t.begin, t.end_date) for t in find_times(text, DOC)]
    assert (opened, "OpenInterval", begin, None) in times, times
    assert any(q == date and p != "OpenInterval" for q, p, _b, _e in times), times


def test_since_then_with_a_date_after_it_opens_nothing():
    text = "Since then last year the price rose."
    assert [text[t.start:t.end] for t in find_times(text, DOC)] == ["last year"]


@pytest.mark.parametrize("text,doc,quote,precision,begin,end", [
    # a feast on a fixed day is that day
    ("The hackers struck on Christmas Day, the company said.", "2014-12-29", "on Christmas Day",
     "Day", "2014-12-25", "2014-12-25"),
    ("He spoke on New Year\u2019s Day.", "2018-04-04", "on New Year\u2019s Day", "Day",
     "2018-01-01", "2018-01-01"),
    # a day written as an ordinal word
    ("It was still the Fourth of July in Washington.", "2006-07-28", "the Fourth of July",
     "Day", "2006-07-04", "2006-07-04"),
    ("They met on the twenty-first of June, 2005.", "2006-07-28",
     "the twenty-first of June, 2005", "Day", "2005-06-21", "2005-06-21"),
    ("The council meets on the thirty first of May.", "2006-05-02", "the thirty first of May",
     "Day", "2006-05-31", "2006-05-31"),
    # "before the summer": open, ending with the month before it begins (the next one; the
    # last one when told in the past)
    ("Pyongyang wants a deal before the summer.", "2009-04-15", "before the summer",
     "OpenInterval", None, "2009-05"),
    ("It had tested twice before the summer.", "2009-10-15", "before the summer",
     "OpenInterval", None, "2009-05"),
    ("It wants a deal before the summer.", "2009-10-15", "before the summer",
     "OpenInterval", None, "2010-05"),
    # "before the end of the summer", "before the year is out": "by X"
    ("The talks must end before the end of the summer.", "2012-04-30",
     "before the end of the summer", "OpenInterval", None, "2012-08"),
    ("It will test again before the year is out.", "2021-10-05", "before the year is out",
     "OpenInterval", None, "2021-12"),
    # "since last November": open, from the last November before the document's month
    ("There have been no talks since last November.", "2006-10-10", "since last November",
     "OpenInterval", "2005-11", None),
    ("No test since last March.", "2006-10-10", "since last March", "OpenInterval", "2006-03",
     None),
    # a month naming a thing told before is no future month, even in a future clause
    ("The North said it would no longer be bound by the February agreement.", "2012-04-30",
     "February", "Month", "2012-02", "2012-02"),
    ("It will meet in February.", "2012-04-30", "in February", "Month", "2013-02", "2013-02"),
    # an irregular past tense tells the month is behind ("broke down", "fled", "sought")
    ("Since the summit broke down in February over what the North would get, talks have "
     "stalled.", "2019-06-24",
     "in February", "Month", "2019-02", "2019-02"),
    # ahead with no number, told as what may come: open from the document's date
    ("A vote could come within days.", "2006-10-10", "within days", "OpenInterval",
     "2006-10-10", None),
    ("New sanctions are likely within weeks; they are the last lever.", "2014-12-29",
     "within weeks", "OpenInterval", "2014-12-29", None),
    ("We expect Washington to press its partners to suspend the deliveries within weeks.",
     "2002-10-28", "within weeks", "OpenInterval", "2002-10-28", None),
    # a clause of its own after a past one: "we expect" tells its tense
    ("The oil shipped to the North has helped, and we expect the next shipment within "
     "weeks.", "2008-03-01", "within weeks", "OpenInterval", "2008-03-01", None),
    # "spring" before a noun, after an article or a possessive: this spring ("spring" is
    # also a verb and a well: not alone)
    ("During the allies' spring drills B-52s flew over.", "2013-04-14", "spring", "Season",
     "2013-03", "2013-05"),
    ("A spring salvo followed.", "2021-10-05", "spring", "Season", "2021-03", "2021-05"),
    # "by the end of last year", "before the end of next month": open, ending then
    ("It had declared its plutonium by the end of last year.", "2008-07-08",
     "by the end of last year", "OpenInterval", None, "2007-12"),
    ("It must finish before the end of next month.", "2025-12-14",
     "before the end of next month", "OpenInterval", None, "2026-01"),
    # "into the autumn": this autumn
    ("We expect the talks to run well into the autumn.", "2016-09-15", "into the autumn",
     "Season", "2016-09", "2016-11"),
    # the weekend as a subject or spent: the one just past (27 September 2017: a Wednesday)
    ("The weekend made matters worse.", "2017-09-27", "The weekend", "Interval",
     "2017-09-23", "2017-09-24"),
    ("Lavrov spent the weekend in Wonsan.", "2025-07-14", "spent the weekend", "Interval",
     "2025-07-12", "2025-07-13"),
    # "within months" ahead with no number: open from the document's date
    ("Some form of travel ban is likely within months.", "2017-06-27", "within months",
     "OpenInterval", "2017-06-27", None),
    # a month after a commitment to a later act may lie ahead of the document's month
    ("The parties agreed to meet again in Beijing in early November.", "2005-09-26",
     "in early November", "Interval", "2005-11-01", "2005-11-10"),
    # "the winter" after any word: the one of the reference date, the coming one in a clause
    # about the future ("unlikely to" as "likely to")
    ("The accord may not survive the winter.", "2019-11-26", "the winter", "Season",
     "2019-12", "2020-02"),
    ("The Framework is unlikely to survive the winter in its present form.", "2002-10-28",
     "the winter", "Season", "2002-12", "2003-02"),
    ("Below, how the autumn's diplomacy unfolded.", "2000-12-29", "the autumn", "Season",
     "2000-09", "2000-11"),
    # a month or day without its year just after the reference month across the turn of
    # the year is the next year's, unless its clause is told in the past
    ("Talks are set for January.", "2022-12-28", "January", "Month", "2023-01", "2023-01"),
    ("The quota applies from January 1.", "2016-12-20", "from January 1", "OpenInterval",
     "2017-01-01", None),
    ("On Jan. 5 the North fired a missile.", "2022-12-28", "Jan. 5", "Day", "2022-01-05",
     "2022-01-05"),
    # "the past week", as "the past two weeks": the span up to the document's date
    ("The main items of the past week: a congress.", "2016-05-11", "the past week",
     "Interval", "2016-05-04", "2016-05-11"),
    # "since" a year or a month counted from the document's date: open, from it
    ("The sea has been quiet since last year.", "2019-11-26", "since last year",
     "OpenInterval", "2018", None),
    ("It has fired ten missiles since December of last year.", "2019-11-26",
     "since December of last year", "OpenInterval", "2018-12", None),
    ("It has been quiet since March last year.", "2019-11-26", "since March last year",
     "OpenInterval", "2018-03", None),
    # ... not after "the first ... since": the earlier act's date
    ("It was the first test since last year.", "2019-11-26", "last year", "Year", "2018",
     "2018"),
    # a month abbreviated with its point is a date, whatever follows ("dated Oct. 26 and")
    ("In a note dated Oct. 26 and published on Nov. 1, he said so.", "2023-11-10", "Oct. 26",
     "Day", "2023-10-26", "2023-10-26"),
])
def test_feasts_seasons_and_prospects(text, doc, quote, precision, begin, end):
    times = [t for t in find_times(text, doc) if text[t.start:t.end] == quote]
    assert len(times) == 1, (text, [(text[t.start:t.end], t.precision) for t in
                                    find_times(text, doc)])
    tm = times[0]
    assert (tm.precision, tm.begin, tm.end_date) == (precision, begin, end), tm


@pytest.mark.parametrize("text", ["The regime fell within months of the war.",
                                  "A weekend war of words began.",
                                  "Water will spring from the rocks.",
                                  "Their annual spring exercise",
                                  "In March 18 people died and more fled.",
                                  "They met at the Winter Olympics."])
def test_a_spring_that_is_no_season_and_a_count_that_is_no_day(text):
    assert [text[t.start:t.end] for t in find_times(text, "2013-04-14")] == []


def test_a_window_after_a_past_event_stays_counted_from_it():
    text = "The troops left within days."
    (tm,) = find_times(text, "2017-04-01")
    assert tm.offset == "PT0S" and tm.precision == "Interval", tm


@pytest.mark.parametrize("text,day", [
    # a scheduled act told in the present: the weekday ahead (5 March 2016 was a Saturday)
    ("The allies' spring exercises begin on Monday, and Pyongyang usually answers.",
     "2016-03-07"),
    ("Trump reaches Seoul on Wednesday for the summit, the last stop of a tour that began "
     "in Malaysia.", "2016-03-09"),
    # told in the past, or with no such verb: the weekday before
    ("The exercises began on Monday.", "2016-02-29"),
    ("The North fired two missiles on Monday.", "2016-02-29"),
])
def test_a_weekday_of_a_scheduled_act_told_in_the_present_is_ahead(text, day):
    (tm,) = [t for t in find_times(text, "2016-03-05") if t.precision == "Day"]
    assert (tm.begin, tm.end_date) == (day, day), tm


def test_a_timelines_present_tense_keeps_its_dates_in_the_year_told():
    text = "The main dates:\n\n8 Jan. The broadcasts resume at noon."
    assert [t.begin for t in find_times(text, "2016-03-05")] == ["2016-01-08", "2016-01-08"]


def test_a_weekday_in_a_section_headed_by_its_date_counts_from_the_heading():
    # a digest of 16 May 2019 (a Thursday): its sections' weekdays are that week's, not the
    # document's (the codebook: a date heading its entry dates what the entry tells)
    text = ("Digest, 16 May 2019\n\nSaturday, 4 May. The North fired projectiles.\n\n"
            "On Sunday Pompeo said no boundary was crossed.\n\nOn Wednesday the ministry "
            "answered.\n\nThursday, 9 May. The North fired two missiles. On Friday state media "
            "said Kim gave the order.\n\nWhat to watch. On Thursday the Pentagon spoke.\n\n"
            "Friday: the week's last word\nOn Friday the envoy left.")
    got = {text[t.start:t.end] + f"@{t.start}": t.begin for t in find_times(text, "2019-05-16")
           if "day" in text[t.start:t.end].lower() and t.precision == "Day"}
    days = [v for _k, v in sorted(got.items(), key=lambda kv: int(kv[0].split("@")[1]))]
    # 4 May, Sunday 5, Wednesday 8, 9 May, Friday 10, Thursday 9 (still the 9 May section),
    # and after a section headed by a weekday alone, the document's Friday (10 May)
    assert days == ["2019-05-04", "2019-05-05", "2019-05-08", "2019-05-09", "2019-05-10",
                    "2019-05-09", "2019-05-10"], got


def test_a_weekday_in_a_section_headed_by_a_run_of_days_counts_from_its_first():
    # a digest of Monday 16 December 2013: the section "Dec. 3-6." tells its own week, so its
    # Friday is 6 December, not the Friday after the section before ("Nov. 28.") nor the
    # document's last Friday (13 December)
    text = ("Digest, 16 December 2013\n\nNov. 28. Seoul asked Beijing to redraw its zone.\n\n"
            "Dec. 3-6. The vice president toured the region. He met Xi in Beijing on "
            "Wednesday, Dec. 4. In Seoul on Friday he met Park. The same day a meeting approved "
            "the plan.")
    got = {text[t.start:t.end]: t.begin for t in find_times(text, "2013-12-16")}
    assert got["on Friday"] == "2013-12-06" and got["The same day"] == "2013-12-06", got


def test_a_day_in_parentheses_is_an_aside_not_the_story_day():
    # the times of day after it belong to the day the story is on, not to the aside's day
    text = ("In the early hours of 5 July, local time (still the Fourth of July in "
            "Washington), the North fired six missiles, and a seventh at about 5:20 p.m. "
            "The council met that morning.")
    times = {text[t.start:t.end]: (t.precision, t.begin) for t in find_times(text, "2006-07-28")}
    assert times["the Fourth of July"] == ("Day", "2006-07-04"), times
    assert times["at about 5:20 p.m."] == ("Day", "2006-07-05"), times
    assert times["that morning"] == ("Day", "2006-07-05"), times


def test_an_ordinal_word_of_things_is_no_day():
    text = "The fourth of them failed; the first of the talks was in May."
    assert [text[t.start:t.end] for t in find_times(text, "2006-07-28")] == ["in May"]


@pytest.mark.parametrize("doc", ["9999-12-31", "9999-12", "9999", "0001-01-01", "0001"])
def test_no_date_is_read_outside_the_calendar(doc):
    """Regression: near a document dated 9999 (or year 1) a month without its year, a
    weekday or a range was read into the year 10000 (or 0), and some readings raised
    OverflowError or ValueError: kg annotate stopped with a traceback. Such a time is left
    undated."""
    text = ("On Monday the North fired two missiles; in May it held a parade. Talks ran from "
            "3 to 5 December, and after January the two sides met on 31 December. Over the "
            "past year, exports rose. It fired at 7:23 a.m. on Sunday, the next day.")
    for tm in find_times(text, doc):
        for value in (tm.begin, tm.end_date):
            assert value is None or "0001" <= value[:4] <= "9999", tm


@pytest.mark.parametrize("text, begin", [
    # a date owning a noun ("next year's election") is the time of that thing: "before" or
    # "after" it opens no span
    ("It was a trick to help them before next year's election.", "2023"),
    ("Talks resumed after last year's election.", "2021"),
    ("The vote came before 2019's summit.", "2019"),
])
def test_before_or_after_a_date_s_possessive_opens_no_span(text, begin):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date) == ("Year", begin, begin), tm


@pytest.mark.parametrize("doc", [None, "2022", "2022-11", "2022-11-20", "9999-12-31", "0001-01-01"])
def test_every_shipped_text_reads_at_every_precision_of_its_date(doc):
    """Regression: with a document dated to the month, "over the past year" raised
    KeyError (kg annotate stopped with a traceback); near the calendar's ends other readings
    did. Every text of data/ is read with its date at each precision (or none) and at the
    calendar's ends: no exception, and every date within the years 1-9999."""
    from pathlib import Path

    for path in sorted((Path(__file__).parents[2] / "data").glob("*.txt"))[::3]:
        for tm in find_times(path.read_text(encoding="utf-8"), doc):
            for value in (tm.begin, tm.end_date):
                assert value is None or "0001" <= value[:4] <= "9999", (path.name, tm)


@pytest.mark.parametrize("text, precision, begin, end", [
    # the codebook: "the latter part" or "second half" of a month is the 16th to its end
    ("The plenary meets in the latter part of December.", "Interval", "2022-12-16",
     "2022-12-31"),
    ("Talks are due in the first half of May 2023.", "Interval", "2023-05-01", "2023-05-15"),
    ("In the second half of February 2024 the drills resumed.", "Interval", "2024-02-16",
     "2024-02-29"),
    # "beyond X" as "after X": open, from the next year
    ("Kim promised to extend the moratorium beyond 2003.", "OpenInterval", "2004", None),
])
def test_halves_of_a_month_and_beyond(text, precision, begin, end):
    tm = find_times(text, DOC)[-1]
    assert (tm.precision, tm.begin, tm.end_date) == (precision, begin, end), tm


@pytest.mark.parametrize("text, want", [
    ("Oct. 19: North Korea fired.", "2021-10-19"),
    ("October 19: North Korea fired.", "2021-10-19"),
    ("19 October: North Korea fired.", "2021-10-19"),
])
def test_a_day_before_a_colon_is_a_date(text, want):
    times = find_times(text, "2021-10-25")
    assert [(t.begin, t.precision) for t in times] == [(want, "Day")], times


def test_a_day_before_a_clock_s_colon_is_no_date_of_its_own():
    assert [t.begin for t in find_times("It fired at 10:30 on Oct. 19.", "2021-10-25")] \
        == ["2021-10-19"]


@pytest.mark.parametrize("text, want", [
    # a future seen from the past: the day before the document's, not a week on
    ("Six hours before it was due to lapse at midnight on Friday, Seoul pulled back.",
     "2019-11-22"),
    ("The pact was due to expire on Friday.", "2019-11-22"),
    # told as still to come, it is ahead
    ("The pact is due to expire on Friday.", "2019-11-29"),
])
def test_was_due_is_a_future_seen_from_the_past(text, want):
    # a brief of Monday 25 November 2019
    friday = [t for t in find_times(text, "2019-11-25") if "Friday" in text[t.start:t.end]]
    assert [t.begin for t in friday] == [want]


def test_a_time_a_comparison_looks_back_to_is_not_ahead():
    # a brief of Wednesday 22 December 2010: the strikes to come, November's behind them
    text = ("If the drill went ahead, the strikes would be more serious than in November, "
            "and a new round would follow in January.")
    assert [t.begin for t in find_times(text, "2010-12-22")] == ["2010-11", "2011-01"]


_STORY = ("The story starts on 31 May 2020, when the group sent leaflets north. On 4 June the "
          "leader's sister denounced them.\n\nThe law came into force on 30 March 2021. On 15 "
          "April a hearing was held, and his group launched balloons between 25 and 29 April. "
          "Police raided his office on 6 May.\n\nOn 29 December the court ruled.")


@pytest.mark.parametrize("quote,begin", [
    ("4 June", "2020-06-04"),  # after 31 May 2020 in its paragraph
    ("15 April", "2021-04-15"),
    ("between 25 and 29 April", "2021-04-25"),
    ("6 May", "2021-05-06"),
    # a paragraph with no day of its year written: the document's reading
    ("29 December", find_times("On 29 December the court ruled.", "2023-11-10")[0].begin),
])
def test_a_day_without_its_year_in_a_story_of_an_earlier_year_takes_the_story_s_year(
        quote, begin):
    """A brief of 2023 telling a story of 2020-2021: a day written without its year after a
    day written with one, later in the calendar and in the same paragraph, is of that year."""
    times = {_STORY[t.start:t.end]: t.begin for t in find_times(_STORY, "2023-11-10")}
    assert times.get(quote) == begin, times


@pytest.mark.parametrize("text,quote,begin", [
    # earlier in the calendar than the full day: no story moving on
    ("The pact was signed on 19 September 2020. On 4 June the North fired.", "4 June",
     "2023-06-04"),
    # an open end is no scene ("since 12 March 2020")
    ("It has kept the site closed since 12 March 2020. On 8 July the inspectors left.",
     "8 July", "2023-07-08"),
    # the present named between: the document's year
    ("The talks broke down on 12 March 2020. This spring the North tested again, and on 8 "
     "July it fired a missile.", "8 July", "2023-07-08"),
])
def test_a_day_without_its_year_keeps_the_document_s_year_outside_a_told_story(text, quote,
                                                                              begin):
    times = {text[t.start:t.end]: t.begin for t in find_times(text, "2023-11-10")}
    assert times.get(quote) == begin, times
