"""The grammar of English time expressions that :mod:`kg.annotate.dates` reads: the words
(months, weekdays, numbers), the patterns built from them, most specific first, and the
date they write (:class:`TimeMention`), with the calendar helpers both readers share."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from kg.annotate.text import sentence_end, sentence_start

__all__ = ["DAY_ORDINALS", "MONTH_WORD", "PATTERNS", "WEEKDAY_WORD", "YEARS_COUNT", "Point",
           "TimeMention", "fill_year", "is_valid", "month_number", "point_of", "set_span",
           "tense_of", "weekday_number", "weekday_of"]

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
           "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}
# the days of a month written as ordinal words ("the fourth of July", "the twenty-first of
# June"): 1-31
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
          "ninth"]
DAY_ORDINALS = {w: n for n, w in enumerate(_UNITS + [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)}
DAY_ORDINALS |= {f"twenty{sep}{w}": 21 + n for n, w in enumerate(_UNITS) for sep in "- "}
DAY_ORDINALS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
_DAY_WORDS = "|".join(sorted(DAY_ORDINALS, key=len, reverse=True))  # longest first
# a month or day without its year may lie this many months after the reference date (a
# meeting "scheduled for 8 June" in a report of late May); further ahead, it is last year's
LOOKAHEAD_MONTHS = 1
# the thirds of a month "early", "mid" and "late" name: their first and last days
THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# "the end of", "the beginning of", "the middle of": the thirds of a month they name
THIRD_OF = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
# the halves of a month (the codebook: "the latter part" or "second half" of a month is the
# 16th to its last day)
HALVES = {"first half": (1, 15), "second half": (16, 31), "latter half": (16, 31),
          "latter part": (16, 31)}

# --- the grammar's words ---------------------------------------------------------------
_MONTH_NAME = "January|February|March|April|May|June|July|August|September|October|" \
              "November|December"
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY_ABBR = "Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"
# a month's name or its abbreviation, with the abbreviation's point ("June", "Sept.")
MONTH_WORD = rf"(?:{_MONTH_NAME}|{_MONTH_ABBR})\.?"
WEEKDAY_WORD = _WEEKDAY
_NUM = r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|" \
       r"twenty|thirty|forty|fifty|sixty|ninety|\d{1,2})"
_FEW = r"(?i:a few|a couple of|several|some|few)"
_TO = r"(?i:to|until|till|through|and)"
_DASH = r"\s*[-\u2013\u2014]\s*"


def _month(p: str, abbr: bool = True) -> str:
    """A month (group ``p``m): its name, or (when ``abbr``) "Nov", "Nov.", "Sept."."""
    short = rf"|(?:{_MONTH_ABBR})\b\.?" if abbr else ""
    return rf"(?P<{p}m>(?:{_MONTH_NAME})\b{short})"


def _year(p: str) -> str:
    return rf"(?P<{p}y>(?:19|20)\d\d)(?![\d\u2013-]|\.\d|,\d)"


def _day(p: str) -> str:
    return rf"(?P<{p}d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"


def _weekday(p: str) -> str:
    """An optional weekday before a date ("Friday, 18 November", "Fri. Nov. 18")."""
    return rf"(?:(?P<{p}w>(?:{_WEEKDAY})\b|(?:{_WEEKDAY_ABBR})\b\.?),?\s+(?:the\s+)?)?"


def _day_date(p: str) -> str:
    """A day, day first (groups ``p``a*) or month first (``p``b*), its year optional."""
    first = rf"{_day(p + 'a')}\s+(?:of\s+)?{_month(p + 'a')}(?:,?\s+{_year(p + 'a')})?"
    second = rf"{_month(p + 'b')}\s+(?:the\s+)?{_day(p + 'b')}(?:,?\s+{_year(p + 'b')})?"
    iso = (rf"(?P<{p}iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
           r"(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?\b")  # a time after it: that day
    return rf"(?:{_weekday(p)}(?:{first}|{second})|{iso})"


def _bound(p: str) -> str:
    """One end of an interval: a day, a month (its year optional) or a year."""
    return (rf"(?:{_day_date(p)}|{_month(p + 'c')}(?:\s+(?:of\s+)?{_year(p + 'c')})?"
            rf"|{_year(p + 'e')})")


_BARE_MONTH_AFTER = r"(?![\s.]*(?:\d|(?:19|20)\d\d))"
_PARTS = r"(?:morning|afternoon|evening|night)"
_HOUR = r"\d{1,2}(?:[:.]\d\d)?"
_AMPM = r"a\.m\.|p\.m\.|am\b|pm\b"
_UNIT = r"(?i:(?P<unit>minute|hour|day|week)s?)"
# a count of years ("five years", "nearly five years", "more than a decade"): the one
# pattern the dates ("the first ... in five years"), the triggers and the roles read
_YEARS_COUNT = (rf"(?:(?i:nearly|almost|more than|over|about|some|around|roughly)\s+)?"
                rf"{_NUM}\s+(?i:(?P<unit>year|decade)s?)")
YEARS_COUNT = re.compile(_YEARS_COUNT)

# (reading, pattern), most specific first: a reading is a precision concept or the name
# of a rule below. A later pattern never takes characters an earlier one took.
# what may not come before a bare "later" ("two days later", "shortly afterwards")
# past tenses not ending in -ed, one list for every reading of tense (a clause told in the
# past, "the embassy later confirmed")
_IRREGULAR_PAST = ("said|told|met|went|came|flew|fell|held|made|took|gave|began|ran|saw|struck|"
                  "shot|sent|led|left|brought|found|spoke|wrote|rose|threw|won|lost|fought|"
                  "broke|fled|sought|kept|stood|chose|drew|grew|knew|became|withdrew|oversaw|"
                  "underwent|undertook|sold|bought|built|paid|spent|caught|taught|thought|"
                  "meant|felt|sank|froze|drove|rode|forgot")
_NOT_COUNTED = "".join(rf"(?<!{v} )" for w in (
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "shortly", "soon", "much", "not", "long") for v in (w, w.capitalize()))
# verbs that report or judge, after which "at the time that" and "then" date the verb's act
_REPORTED = ("said", "says", "told", "wrote", "added", "stated", "reported", "announced",
             "concluded", "believed", "thought", "claimed", "insisted", "argued", "noted",
             "estimated", "judged", "assessed")
PATTERNS: list[tuple[str, re.Pattern]] = [(r, re.compile(p)) for r, p in [
    ("DaysOfMonth", rf"\b(?:(?i:from|between)\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
                    rf"(?:{_DASH}|\s+{_TO}\s+){_day_date('s')}"),
    # "May 27-29", "from June 27 to 29", "June 27 through 29, 2024": days of one month,
    # month first (a month after the second number is a range of two dates, below)
    ("MonthDays", rf"\b(?:(?i:from|between)\s+)?{_month('t')}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
                  rf"(?:{_DASH}|\s+(?i:to|until|till|through)\s+)"
                  rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_year('t')})?\b"
                  rf"(?![:.]\d|\s*%|\s+(?i:per\s*cent|percent|a\.m|p\.m|am|pm)\b|"
                  rf"\s+(?:{_MONTH_NAME}|{_MONTH_ABBR})\b)"),
    ("Between", rf"\b(?:(?i:from|between)\s+){_bound('f')}\s+{_TO}\s+{_bound('l')}"),
    ("Between", rf"\b{_day_date('f')}(?:{_DASH}|\s+(?i:to|until|through)\s+){_day_date('l')}"),
    ("Between", rf"\b{_month('fc', False)}(?:{_DASH}|\s+(?i:to)\s+){_month('lc', False)}"
                rf"\s+{_year('lc')}"),
    ("YearRange", r"\b(?P<y1>(?:19|20)\d\d)[\u2013-](?P<y2>(?:19|20)?\d\d)(?![\d-])"),
    ("Before", rf"\b(?i:(?:before|by|until|till) the end of) (?:{_year('z')}|(?i:the|this) "
               rf"(?P<unit>year|month)|(?P<step>(?i:last|next)) (?P<sunit>(?i:year|month))|"
               rf"{_month('z', False)}(?:\s+{_year('x')})?|"
               r"(?i:the\s+)?(?i:(?P<season>spring|summer|autumn|fall|winter))\b(?![\s.]*\d))"),
    # "before the year is out": by the end of it
    ("Before", r"\b(?i:(?:before|by) the (?P<unit>year|month) is out)\b"),
    # "before the summer": open, ending with the month before the season begins
    ("BeforeSeason", r"\b(?i:before)\s+(?i:the\s+)?(?i:(?P<season>spring|summer|autumn|fall|"
                     r"winter))\b(?![\s.]*\d)(?!\s+(?i:of)\b)"),
    # "since at least 2017": the least it says is since then
    ("Since", rf"\b(?i:since)\s+(?:(?i:at\s+least)\s+)?(?P<last>(?i:last)\s+)?{_bound('f')}"
              r"(?!\s+(?:(?i:of)\s+)?(?i:last|this|next)\s+(?i:year)\b)"),
    # "its first ... in five years": the year of the earlier one (read only after "first")
    ("FirstIn", rf"\b(?i:in)\s+(?P<n>{_YEARS_COUNT})\b"
                r"(?!\s+(?i:ago|later|earlier|before|after|of|to|from|and|'|\u2019)\b)"),
    ("Numeric", r"\b(?:(?P<n1>[0-3]?\d)/(?P<n2>[0-3]?\d)/(?P<ny>(?:19|20)\d\d)|"
                r"(?P<iy>(?:19|20)\d\d)/(?P<im>[01]?\d)/(?P<id>[0-3]?\d))\b(?!/)"),
    ("Day", r"\b" + _day_date("")),
    # a day written as an ordinal word: "the fourth of July", "the Fourth of July, 2006"
    ("OrdinalDay", rf"\b(?i:the\s+)(?P<o>(?i:{_DAY_WORDS}))"
                   rf"\s+(?i:of)\s+{_month('', False)}(?:,?\s+{_year('')})?"),
    # a feast on a fixed day: "on Christmas Day", "New Year's Eve"
    ("Holiday", r"\b(?:(?i:on)\s+)?(?P<h>Christmas (?:Day|Eve)|New Year['\u2019]s (?:Day|Eve))"
                r"\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"),
    # "2" of "2 and 5 November" (and "1, 2" of "1, 2 and 5 November"): a day of its own
    ("ListedDay", r"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?=(?:\s*,\s*[0-3]?\d(?:st|nd|rd|th)?)*"
                  rf",?\s+(?i:and|or)\s+{_day_date('s')})"),
    ("Season", rf"\b(?:(?i:in|during)\s+)?(?:(?i:the)\s+)?(?i:(?P<season>spring|summer|"
               rf"autumn|fall|winter))(?:\s+(?i:of)\s+|\s+){_year('')}"),
    ("Quarter", rf"\b(?i:the\s+(?P<nth>first|second|third|fourth|last|final)\s+"
                rf"(?P<part>quarter|half)(?:\s+of)?)\s+(?:{_year('')}|(?i:(?P<this>this|last|next|"
                rf"the) year))"),
    ("Quarter", rf"\b(?P<q>Q[1-4]|H[12])\s+{_year('')}"),
    # "the third quarter" with no year: the reference year's (not "the third quarter of the
    # match", "the third-quarter results" are read as a time too: no hyphen after it)
    ("Quarter", r"\b(?i:the\s+(?P<nth>first|second|third|fourth)\s+(?P<part>quarter))\b"
                r"(?![-\u2013]|\s+(?i:of)\b)"),
    # "the last three months of this year", "the first two months of 2023"
    ("MonthsOfYear", rf"\b(?i:the\s+(?P<nth>first|last|final)\s+(?P<n>two|three|four|five|"
                     rf"six|seven|eight|nine|ten|eleven|\d{{1,2}})\s+months\s+of)\s+"
                     rf"(?:{_year('')}|(?i:(?P<this>this|last|next|the) year))\b"),
    ("ThisSeason", r"\b(?i:(?P<rel>all|this|last|next|that|in the|during the|over the|"
                   r"into the|early|"
                   r"late|(?:in|by) the (?:early|late)) (?P<season>spring|summer|autumn|fall|"
                   r"winter))\b"),
    # a season word alone: "in summer", "during winter", "the summer exercises" (before a
    # noun, as a month is): the season of the reference year, read as "this summer" is
    ("ThisSeason", r"\b(?P<rel>(?i:in|during|over|through|throughout|early|late)) "
                   r"(?P<season>(?i:spring|summer|autumn|winter))\b(?!\s+(?i:of)\b)"),
    # "spring" (also a verb and a well) only after an article or a possessive: "the allies'
    # spring drills", "a spring salvo"
    ("ThisSeason", r"\b(?P<season>summer|autumn|winter|(?:(?<=\b[Tt]he )|(?<=\b[Ii]ts )|"
                   r"(?<=\b[Aa] )|(?<=' )|(?<=\u2019 )|(?<='s )|(?<=\u2019s ))spring)"
                   r"(?=\s+[a-z]{3,})"
                   r"(?!\s+(?:of|and|or|to|in|is|was|has|had|will|would)\b)"),
    # "by April 2023", "by the spring", "by 2025": an open interval ending then
    ("By", rf"\b(?i:by)\s+(?:{_month('', False)}(?:\s+(?:of\s+)?{_year('')})?|{_year('b')}"
           r"|(?i:the\s+)?(?i:(?P<season>spring|summer|autumn|fall|winter)))\b(?![\s.]*\d)"),
    # "fiscal 2027", "fiscal year 2023", "FY2023": the fiscal year of the state it is told of
    ("Fiscal", rf"\b(?:(?i:fiscal)(?:\s+(?i:year))?\s+|FY\s?){_year('')}"),
    ("Fiscal", rf"\b{_year('')}\s+(?i:fiscal\s+year)\b"),
    # "early September", "mid-November 2022", "late May": a third of the month
    ("PartOfMonth", rf"\b(?:(?P<open>(?i:in|during|by|until|till|from|since))\s+)?"
                    rf"(?P<part>(?i:early|mid|late))"
                    rf"[\s-]+(?:(?i:in)\s+)?{_month('', False)}"
                    rf"(?:\s+(?:of\s+)?{_year('')})?{_BARE_MONTH_AFTER}"),
    # "at the end of June", "the beginning of May 2022": the month's last (first) third, as
    # "late June" ("early May") is; "by the end of June" is the "by X" above; "the latter
    # part of December", "the first half of May": a half of the month
    ("PartOfMonth", rf"\b(?:(?P<open>(?i:at|in|by|until|till|from|since|toward|towards))\s+)?"
                    rf"(?i:the\s+)(?P<part>(?i:end|beginning|start|middle|first\s+half|"
                    rf"second\s+half|latter\s+half|latter\s+part))\s+(?i:of)\s+"
                    rf"{_month('', False)}(?:\s+(?:of\s+)?{_year('')})?{_BARE_MONTH_AFTER}"),
    ("Month", rf"\b{_month('')}\s+(?:of\s+)?{_year('')}"),
    ("Month", rf"\b(?:(?i:in|during|early|mid|late|since)[\s-]+)?{_month('', False)}\s+"
              rf"(?:(?i:of)\s+)?(?P<yrel>(?i:last|this|next))\s+(?i:year)\b"),
    ("Month", rf"\b(?P<rel>(?i:in|during|of|last|next|this|until|till|through|from|since))"
              rf"[\s-]+{_month('', False)}{_BARE_MONTH_AFTER}"),
    # a month named before a noun ("North Korea's December tests", "the August drills"),
    # or alone, capitalized, unless it is a name ("June Park") or the verbs "may", "march"
    ("Month", rf"(?:(?<='s )|(?<=\u2019s )|(?<=\b(?i:the) )|(?<=\b(?i:its) )|"
              rf"(?<=\b(?i:this) )|(?<=\b(?i:that) )){_month('', False)}"
              rf"(?=\s+[a-z])"),
    ("Month", r"\b(?P<m>January|February|April|June|July|August|September|October|November|"
              r"December)\b(?![\s.]*\d|\s+[A-Z]|-)"),
    # "within the year", "within this month": from the document's date to the end of that
    # calendar year (month)
    ("WithinNext", r"\b(?i:within (?:the|this) (?P<cal>year|month))\b"
                   r"(?!\s+(?i:of|before|after|since)\b)"),
    # "the 1990s", "the mid-1990s", "the early 2000s": a decade, or its early, mid or late part
    ("Decade", r"\b(?i:the\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<y>(?:19|20)\d0)s\b"),
    # "the seventh launch of the month", "began the year": the month or year told of
    # "at the end of the month": the last third of the month told of (as "at the end of June")
    ("PartOfTheMonth", r"\b(?i:(?:at|toward|towards|around)\s+the\s+(?P<part>end|beginning|"
                       r"start|middle)\s+of\s+the\s+(?P<unit>month))\b(?!'s)"),
    ("TheUnit", r"\b(?:(?<=of )|(?<=in )|(?<=during )|(?<=began )|(?<=begin )|(?<=ended )|"
                r"(?<=end )|(?<=through )|(?<=for )|(?<=throughout ))(?i:the\s+(?P<unit>month|"
                r"year))\b(?!\s+(?i:before|after|earlier|later|ahead|to|of|since|in|that)\b|"
                r"'s|-)"),
    # "all year", "all month": the year (month) told of, as "throughout the year" is
    ("TheUnit", r"\b(?<=(?i:all) )(?i:(?P<unit>month|year))\b(?!\s+(?i:round|old|before|"
                r"after|earlier|later)\b|'s|-)"),
    ("Year", rf"\b(?:(?i:in|during|early|mid|late|the year)[\s-]+){_year('')}"),
    # A bare year, unless a plural noun follows it ("2000 troops" is a count).
    ("Year", r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)(?!\d|[.,/-]\d|\s+[A-Za-z]+s\b)"),
    # "on the 25th": a day of the month written last (a Day pattern took "the 18th of May");
    # a name may follow it ("On the 19th Kelly said"), not a noun the ordinal counts ("the
    # 18th Party Congress", "the 7th Fleet", "the 38th parallel")
    ("OfMonth", r"\b(?i:on|by|until|till|from|since|before|after)\s+(?i:the)\s+"
                r"(?P<d>[0-3]?\d)(?i:st|nd|rd|th)\b(?!\s+(?i:century|anniversary|time|round|"
                r"test|launch|day|week|month|year|of|party|congress|plenary|plenum|session|"
                r"meeting|conference|summit|assembly|fleet|army|corps|division|brigade|"
                r"regiment|battalion|squadron|wing|group|air|amendment|parallel|floor|street|"
                r"avenue|games|olympics?|central|supreme|people's|national|general|straight|"
                r"consecutive|such|nuclear|missile)\b|-)"),
    # two weekdays: "between Friday and Sunday", "from Monday to Wednesday"
    ("WeekdayRange", rf"\b(?i:between|from)\s+(?P<w1>{_WEEKDAY})\s+(?i:and|to|until|through)\s+"
                     rf"(?P<w2>{_WEEKDAY})\b"),
    # two days in a row joined by "and": "on Wednesday and Thursday" (the codebook: one
    # interval; two weekdays not in a row are two days, see dates._plausible)
    ("WeekdayRange", rf"\b(?i:on)\s+(?P<w1>{_WEEKDAY})\s+(?i:and)\s+(?P<w2>{_WEEKDAY})\b"),
    # counted from the document's date
    # a window from the document's date: "within the next year", "in the next two weeks"
    ("WithinNext", rf"\b(?:(?i:within)\s+the\s+(?i:next|coming)\s+(?:(?P<n>{_NUM})\s+)?|"
                   rf"(?i:in|over|during)\s+the\s+(?i:next|coming)\s+(?P<n2>{_NUM})\s+)"
                   r"(?i:(?P<unit>day|week|month|year)s?)\b"),
    ("Coming", r"\b(?i:(?:in |over |during )?the (?:coming|next few|next several) "
               r"(?P<unit>days|weeks|months|years))\b"),
    ("Coming", r"\b(?i:(?:in |over |during )?the (?P<unit>days|weeks|months|years) ahead)\b"),
    ("Coming", r"\b(?i:within (?:(?:a few|several|the next few) (?P<unit>days|weeks|months|years)|"
               r"(?P<long>months|years)))\b"),
    # "in the future", "in the near future", "in future": ahead with no number too
    ("Coming", r"\b(?i:in (?:the (?:(?:very )?near |foreseeable |distant )?)?future)\b"),
    # "until now", "up to now": open, ending on the document's date (the codebook's "until X")
    ("UntilNow", r"\b(?i:(?:until|till|up to|up until) now)\b"),
    # "soon" in a clause about the future: ahead with no number, open from the document's date
    ("Soon", r"(?<!(?i:as) )\b(?i:soon)\b"
             r"(?!\s+(?i:after|afterwards?|thereafter|before|as|enough)\b)"),
    ("Relative", r"\b(?i:(?:in |over |during )?(?:the )?(?:recent|past|last) (?:(?:several|few|"
                 r"couple of) )?(?:days|weeks|months|years))\b"),
    ("DocDay", r"\b(?i:(?P<w>today|tonight|yesterday|tomorrow|last night|"
               r"this (?:morning|afternoon|evening)))\b"),
    ("DocAgo", rf"\b(?P<n>{_NUM}|{_FEW})\s+(?i:(?P<unit>minute|hour|day|week|month|year)s?)\s+"
               r"(?i:ago)\b"),
    # "early last month": the month's first third, as "early November" is (a week or a year
    # stays whole: "early this year" is the year, as "early 2022" is)
    ("DocUnit", r"\b(?i:(?:(?P<part>early|mid|late)[\s-]+)?"
                r"(?P<rel>last|this|next|earlier this|later this)\s+"
                r"(?P<unit>week|weekend|month|year))\b"),
    ("DocUnit", r"\b(?i:(?P<rel>over|during|at) the (?P<unit>weekend))\b"),
    # "The weekend made matters worse.", "spent the weekend in Pyongyang": the weekend just
    # past (not "the weekend of 12 May", "a weekend war of words")
    ("DocUnit", r"(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))(?P<rel>The) (?P<unit>weekend)\b"
                r"(?!\s+(?:of|before|after)\b)"),
    ("DocUnit", r"\b(?i:(?P<rel>spent|spend|spends|spending) the (?P<unit>weekend))\b"
                r"(?!\s+(?:of|before|after)\b)"),
    ("Weekday", rf"\b(?P<rel>(?i:on|of|last|next|this|this coming|early|late|since|by|until|"
                rf"before|after))\s+(?P<w>{_WEEKDAY})\b(?:'s)?"),
    ("Weekday", rf"\b(?P<w>{_WEEKDAY})(?:\s+{_PARTS}|'s)\b"),
    # "a statement dated Monday": the weekday it bears, read as "on Monday"
    ("Weekday", rf"(?<=(?i:dated) )(?P<w>{_WEEKDAY})\b"),
    # counted from an event of the text (kg:relativeTo)
    ("PreviousDay", rf"\b(?i:the (?:previous|preceding) (?:day|{_PARTS})|the (?:day|night) "
                    r"before|the eve of)"),
    ("NextDay", rf"\b(?i:the (?:next|following) (?:day|{_PARTS})|the day after)\b"),
    # "that evening", "in the morning": a time of day, a mention of the day the story is on
    ("PartOfDay", rf"(?<!(?i:later) )(?<!(?i:earlier) )\b(?i:that {_PARTS}|in the "
                  r"(?:(?:early|late) )?(?:morning|afternoon|evening))\b"
                  r"(?!\s+(?i:of|before|after)\b)"),
    ("SameDay", rf"\b(?i:(?P<late>later|earlier) (?:that|in the) (?:day|{_PARTS})|"
                rf"(?:on )?the same (?:day|{_PARTS})|that {_PARTS}|in the (?:(?:early|late) )?"
                rf"(?:morning|afternoon|evening)(?!\s+of\b))\b"),
    ("Within", rf"\b(?i:within|in\s+(?:less|fewer)\s+than|in\s+under)\s+(?:(?P<n>{_NUM})\s+|"
               rf"the\s+(?=hour))?{_UNIT}\b(?:\s+(?i:or)\s+(?i:days|weeks|months)\b)?"),
    # "in the space of a few hours": as "within hours" (the codebook)
    ("Within", rf"\b(?i:in\s+the\s+space\s+of)\s+(?:(?i:a\s+few|several|some)\s+)?{_UNIT}\b"),
    # "After some fifty minutes": a count after the event told before
    ("Counted", rf"\b(?P<dir>(?i:after))\s+(?:(?i:some|about|around|nearly|almost|roughly|just|"
                rf"only)\s+)?(?P<n>{_NUM})\s+(?i:(?P<unit>minute|hour)s?)\b"
                rf"(?!\s+(?i:of|later|after|before|earlier)\b)"),
    # how long the event lasted: "for 69 minutes", "for some five hours"
    ("Lasted", rf"\b(?i:for)\s+(?:(?P<more>(?i:more than|over|at least))\s+|(?i:about|around|"
               rf"some|nearly|almost|roughly|approximately|less than|under|up to)\s+)?"
               rf"(?P<n>{_NUM})\s+{_UNIT}\b"),
    # "four days of drills", "two hours of talks": how long the event named after it lasted
    ("Lasted", rf"(?<!(?i:first) )(?<!(?i:last|past|next) )(?<!(?i:few|the) )"
               rf"\b(?P<n>{_NUM})\s+{_UNIT}(?=\s+of\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z])"),
    # "lasted about 40 minutes", "a session lasting five hours"
    ("Lasted", rf"\b(?i:last(?:ed|s|ing))\s+(?:(?P<more>(?i:more than|over|at least))\s+|"
               rf"(?i:about|around|some|nearly|almost|roughly|approximately|close to|less than|"
               rf"under|up to|only)\s+)?(?P<n>{_NUM})\s+{_UNIT}\b"),
    # "a 75-minute meeting", "his three-day visit": how long the act the noun names lasted
    # (not "a 60-day deadline", "a 10-day-old ...": a term set, an age)
    ("Lasted", rf"(?<![\w-])(?P<n>{_NUM})-(?i:(?P<unit>minute|hour|day|week))(?![\w-])"
               r"(?=\s+(?!(?i:old|deadline|ultimatum|limit|period|window|notice|ban|"
               r"moratorium|mark|rule|grace|waiting|quarantine|lockdown|cycle)\b)[a-z])"),
    ("Lasted", rf"\b(?i:over)\s+(?:(?i:about|around|some|nearly|almost|roughly|approximately)"
               rf"\s+)?(?P<n>{_NUM})\s+(?i:(?P<unit>minute|hour)s?)\b"),
    # a window ending with the event: "in ten days", "over the past two weeks"
    # "over the past year", "in the past six months", "the past fortnight": the span up to
    # the document's date (or the day the words were spoken), an interval (the codebook)
    ("PastSpan", rf"\b(?i:(?:in|over|during)\s+)?(?i:the\s+past)\s+(?:(?P<n>{_NUM})\s+)?"
                 r"(?i:(?P<unit>week|month|year|fortnight)s?)\b"
                 r"(?!\s+(?i:later|after|before|earlier|ago))"),
    ("Window", rf"\b(?i:(?:in|over|during)\s+(?:the\s+(?:past|last|previous|preceding)\s+)?|"
               rf"(?:the\s+)?(?:past|last|previous|preceding)\s+)(?P<n>{_NUM})\s+"
               rf"(?i:(?P<unit>day|week)s?)\b(?!\s+(?i:later|after|before|earlier|ago))"),
    ("Counted", rf"\b(?:(?P<lt>(?i:less than|fewer than|under|within|just under))\s+)?"
                rf"(?P<n>{_NUM}|{_FEW})\s+{_UNIT}\s+(?i:(?P<dir>later|after(?:wards)?|"
                rf"before|earlier|prior|in advance|beforehand))\b"),
    ("Counted", r"\b(?i:(?P<unit>minute|hour|day|week)s\s+(?P<dir>later|after(?:wards)?|"
                r"before|earlier))\b"),
    ("ThatDay", r"\b(?i:(?:on )?that day)\b"),
    # "the ministry said at the time", "adviser at the time of the killing": the time of the
    # event it looks back to (the one named after "of", else the one told before)
    ("AtTheTime", r"\b(?i:at the time)(?:\s+(?i:of)(?=\s+(?i:the|his|her|its|their|that)\s))?"
                  r"(?!\s+(?i:of|when|being|that|it|he|she|they|we)\b)(?=\s|[,.;:!?)]|$)"),
    ("AtTheTime", r"(?:" + "|".join(rf"(?<=\b{v} )" for v in _REPORTED)
        + r")(?i:at the time)(?=\s+(?i:that)\b)"),  # "said at the time that ..."
    # "Williams said then.": "then" closing a reporting clause is a time, the time of the
    # event told before ("then" before a verb, "Kim then turned to", tells the order of
    # the acts, and "since then", "by then" are other times)
    ("Then", r"(?:" + "|".join(rf"(?<=\b{v} )" for v in _REPORTED) + r")then"
             r"(?=\s*[,.;:!?\u201d\"])"),
    # "shortly after taking off": after what the gerund tells, no event drafted: not drafted
    ("Shortly", r"\b(?i:shortly (?:after(?:wards)?|before))\b(?!\s+[a-z]+ing\b)"
                r"(?!\s+(?i:noon|midday|midnight|dawn|dusk)\b)"),
    ("Overnight", r"\b(?i:overnight)\b"),
    # "ordered it disclosed at once": right after the event; not "all at once", "two at once"
    ("AtOnce", r"(?<!(?i:all) )\b(?i:at once)\b"),
    ("NextWeek", r"\b(?i:the (?:next|following) week)\b"),
    ("LaterThatWeek", r"\b(?i:(?P<dir>later|earlier) (?:that|in the|the same) week)\b"),
    ("PreviousWeek", r"\b(?i:the (?:previous|preceding) week|the week before)\b"),
    # a count of calendar months or years from an event ("three months later", "a year
    # after the test", "less than a year after", "two years earlier", "three months on"):
    # the offset as written, P3M, P1Y (the codebook: a count is the offset as written); "on"
    # only closing its clause or before "from"/"since" (not "two years on the job")
    ("Counted", rf"\b(?:(?P<lt>(?i:less than|fewer than|under|within|just under))\s+)?"
                rf"(?P<n>{_NUM})\s+(?i:(?P<unit>month|year)s?)\s+(?:(?i:(?P<dir>later|"
                rf"after(?:wards)?|before|earlier|prior|beforehand))\b|(?P<on>(?i:on))\b"
                rf"(?=\s*(?:[,.;:!?)\u2014]|\n|$)|\s+(?i:from|since)\b))"),
    # the event's month or year, or the one after or before it (dated, not counted)
    ("ThatUnit", r"\b(?i:(?:(?:later|earlier) )?(?:that|in the same|the same) (?:month|year)"
                 r"(?![\w'\u2019-])|the (?:next|"
                 r"following|previous|preceding) (?:month|year))\b"),
    # "9" of "Oct. 6 and 9", "29" of "September 28 and 29": a day of the month before it
    ("TailDay", r"(?:(?<=and )|(?<=or )|(?<=, ))(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.]\d)"
                r"(?=\s*(?:[,;:)!?]|\.(?!\d)|$|(?:and|or)\s+[0-3]?\d))"),
    # a time of day: a mention of the day it belongs to
    ("Clock", rf"(?:\b(?:(?i:between|from)\s+{_HOUR}(?:\s*(?i:{_AMPM}))?\s*(?:(?i:and|to|until|"
              rf"till)\s+|[-\u2013]\s*)|(?i:at|around|about|by|from|until|till|after|before)\s+)"
              rf"(?:(?i:about|around|approximately|some)\s+)?)?"
              rf"(?:\b{_HOUR}\s*(?i:{_AMPM})|\b(?i:noon|midnight)\b|"
              r"\b[0-2]\d[0-5]\d\s+(?i:hours|GMT|UTC)\b)(?:\s+(?:local time|GMT|UTC|[A-Z]ST)\b)?"
              r"(?:\s*\((?:[^()]{0,12}\d[^()]{0,20})\))?"),
    # "in the early hours (of Sunday)": a time of the day, as a clock time is
    ("Clock", r"\b(?i:(?:in|during) the (?:early|small|wee) hours)"),
    # "later", "afterwards", "subsequently" with no number (the codebook: PT0S from the event
    # told before): opening a sentence ("Later it says ..."), or before a verb in the past
    # ("the embassy later confirmed"); not "two days later", "shortly afterwards", "later
    # that day", "a later date", "no later than"
    ("Later", r"(?:(?:\A|(?<=\n)|(?<=[.!?] ))(?:Later|Afterwards|Subsequently)"
              r"(?=[ ,])(?!\s+(?i:that|this|in|on|than|still|the same)\b)"
              r"|" + _NOT_COUNTED + r"\b(?:later|afterwards|subsequently)"
              r"(?=\s+(?:[a-z]{2,}ed|" + _IRREGULAR_PAST + r")\b))"),
    # "the winter" after any other word ("may not survive the winter", "the autumn's
    # diplomacy"), last so that every longer reading ("by the spring", "the end of the
    # summer") comes first; not a name ("the Winter Olympics")
    ("ThisSeason", r"\b(?P<rel>[Tt]he) (?P<season>(?i:spring|summer|autumn|winter))\b"
                   r"(?!\s+[A-Z])"),
]]


@dataclass
class TimeMention:
    """A time expression of the text (``start``..``end``), read at its ``precision`` (a
    kg:TimePrecisionScheme concept name) with its first and last date, or its ``offset``
    from an event when it is counted from one; ``notes`` say how it was read."""

    start: int
    end: int
    precision: str
    begin: str | None = None
    end_date: str | None = None
    notes: list[str] = field(default_factory=list)
    relative_to: int | None = None  # offset of the dated mention a relative one is read from
    offset: str | None = None  # from a reference event (xsd:dayTimeDuration), when relative
    offset_up_to: str | None = None
    clock: bool = False  # a time of day alone, dated to the day the story is on
    earlier: bool = False  # the date of an earlier act ("its first since 2017"), not the story's
    duration: bool = False  # how long an event lasted ("for 69 minutes"): counted from it
    # "later", "afterwards": at or after the event, with no bound (Relative from an event;
    # with none to count from, open from the day written before)
    unbounded: bool = False
    # "at the time", "said then": the time of the event it looks back to (the one told
    # before its clause), undated without one
    back: bool = False
    # "its first ... in five years": the years counted back to the earlier act (its year is
    # the told act's year less these)
    years_back: int = 0
    # a count from an event ("two days later", "within a day", "hours after", "at once"): a
    # relative time, never the date it comes to (the codebook), undated with no event found
    count: bool = False


@dataclass
class Point:
    """A date as written: the parts the text gives."""
    year: int | None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def key(self) -> tuple[int, int, int]:
        """For ordering: the parts not written count as 0."""
        return self.year or 0, self.month or 0, self.day or 0

    def precision(self) -> str:
        return "Day" if self.day else "Month" if self.month else "Year"


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def weekday_number(name: str) -> int:
    return [w[:3] for w in WEEKDAYS].index(name.lower().rstrip(".")[:3])


def point_of(m: re.Match, p: str) -> Point | None:
    """The date of a :func:`_bound` or :func:`_day_date` with group prefix ``p`` (None when
    that alternative did not match)."""
    g = m.groupdict()
    if g.get(p + "iso"):
        y, mo, d = (int(x) for x in g[p + "iso"].split("-"))
        return Point(y, mo, d)
    wd = weekday_number(g[p + "w"]) if g.get(p + "w") else None
    for q in ("a", "b"):
        if g.get(p + q + "m"):
            return Point(int(g[p + q + "y"]) if g.get(p + q + "y") else None,
                          month_number(g[p + q + "m"]), int(g[p + q + "d"]), wd)
    if g.get(p + "cm"):
        return Point(int(g[p + "cy"]) if g.get(p + "cy") else None, month_number(g[p + "cm"]))
    if g.get(p + "ey"):
        return Point(int(g[p + "ey"]))
    return None


def is_valid(pt: Point) -> bool:
    if pt.month is not None and not 1 <= pt.month <= 12:
        return False
    if pt.day is None:
        return True
    last = calendar.monthrange(pt.year or 2000, pt.month or 1)[1]
    return 1 <= pt.day <= last


def fill_year(pt: Point, ref: tuple[int, int] | None, notes: list[str],
              past: bool = False, future: bool = False, ahead: bool = False,
              told_past: bool = False) -> int | None:
    """Give a date written without a year the reference's year (the year before when it lies
    more than :data:`LOOKAHEAD_MONTHS` after the reference month, or after it at all when
    ``past``, unless ``ahead``: told as still to come from the document's date; the year
    after when ``future`` (told in the future tense) and its month is before the reference
    month, or when it lies at most :data:`LOOKAHEAD_MONTHS` after the reference month across
    the turn of the year and is not ``told_past``, in a clause of the past); a weekday
    written with it picks the year it falls in. The year, None when there is no
    reference."""
    if pt.year is not None:
        return pt.year
    if ref is None:
        notes.append("no year in the text or the document's date: not normalized")
        return None
    year, ref_month = ref
    month = pt.month or 1
    if future and ref_month and month < ref_month:
        year += 1
        notes.append("told in the future tense: the next such month")
    elif not past and not told_past and ref_month and ref_month + LOOKAHEAD_MONTHS > 12 \
            and month <= ref_month + LOOKAHEAD_MONTHS - 12:
        # as near after the reference month as a month of its year may be, across the
        # turn of the year ("can go ahead as planned on Jan. 21", written on 30 December)
        year += 1
        notes.append("just after the reference month, across the turn of the year")
    elif not ahead and ref_month and month > ref_month + (0 if past else LOOKAHEAD_MONTHS):
        # a past act would fall after the document's date (the codebook): the year before;
        # an act still to come from the document's date keeps the reference's year ("further
        # launches ... in November seem likely", written in September)
        year -= 1
    if pt.weekday is not None and pt.day:
        # the weekday picks no year after the reference's unless told in the future ("on
        # Sunday and Monday, Feb. 6 and 7", in a text of 9 February 2022, is no Monday 6
        # February 2023); "Saturday, 18 November" in a text of January 2023 is 2023's
        later = (year + 1,) if future or year + 1 <= ref[0] else ()
        fits = [y for y in (year, year - 1) + later
                if weekday_of(y, month, pt.day) == pt.weekday]
        if fits and fits[0] != year:
            notes.append(f"the weekday falls in {fits[0]}")
        year = fits[0] if fits else year
    pt.year = year
    notes.append(f"year {year} from the reference date")
    return year


def calendar_week(day: dt.date, step: int = 0) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the calendar week ``step`` weeks from ``day``'s (the
    codebook: a week is the calendar week, Monday to Sunday)."""
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=step)
    return monday, monday + dt.timedelta(days=6)


def weekday_of(y: int | None, m: int | None, d: int | None) -> int | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d).weekday()
    except ValueError:
        return None


def set_span(tm: TimeMention, first: Point, last: Point, precision: str) -> bool:
    tm.precision, tm.begin, tm.end_date = precision, first.iso(), last.iso()
    return tm.begin is not None or tm.end_date is not None


# --- tense: whether a time without a year or week is ahead of the document or behind it ---
# what ends a clause (a reporting verb ends the clause it closes: "On Tuesday the ministry
# said | Japan had ...")
_BREAK = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s|\b(?i:that|which|who|whom|whose|because|while|"
                    r"when|after|before|but|and|or|although|though|if|unless|until)\b"
                    r"|(?<=\bsaid)\b|(?<=\bsays)\b|(?<=\btold)\b|(?<=\badded)\b|(?<=\bannounced)\b"
                    r"|(?<=\bstated)\b|(?<=\bwarned)\b|(?<=\breported)\b")
# "plans to", "aims to", "hopes to" mark a future only as verbs: after a determiner they are
# nouns ("announced the plan to recommend the site on 28 January" is told in the past)
_NOT_AFTER_DETERMINER = "".join(rf"(?<!\b{d} )" for d in (
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "whose"))
_FUTURE_MARK = re.compile(r"\b(?i:will|shall|won't|is to|are to|(?:is|are) due|"
                          r"(?<!was )(?<!were )due to|is set to|"
                          r"are set to|" + _NOT_AFTER_DETERMINER + r"(?:plans? to|aims? to|"
                          r"hopes? to)|planning to|scheduled to|is scheduled|"
                          r"are scheduled|expects? to|(?:is|are) expected|(?:is|are) planned|"
                          r"intends? to|"
                          r"is likely to|are likely to|is unlikely to|are unlikely to|"
                          r"is going to|"
                          r"are going to|would|should(?! have)|seems? likely)\b|\w'll\b")
# (a question opens with its auxiliary: "Did the picture change by September?")
_PAST_MARK = re.compile(r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|" + _IRREGULAR_PAST
                        + r"|set off|(?!(?:need|speed|exceed|succeed|"
                        r"proceed|indeed|embed|seed|feed|breed|shed|united|limited|armed|"
                        r"so-called|unidentified|unnamed|detailed|advanced)\b)[a-z]{2,}ed)\b")
_PRESENT_MARK = re.compile(r"\b(?:is|are|am|has|have|says|does|do)\b")
# a verb of a scheduled act in the present (:func:`scheduled`)
_SCHEDULED = re.compile(r"\b(?:begins?|starts?|opens?|arrives?|reach(?:es)?|convenes?|"
                        r"resumes?|takes? place|kicks? off|heads? (?:to|for)|travels? to|"
                        r"flies to|expires?)\b")


# a verb of expecting in the present, after a subject ("we expect", "analysts predict"):
# the clause is told in the present
_EXPECT = re.compile(r"\b(?i:we|they|i|analysts|officials)\s+(?:now\s+|also\s+)?"
                     r"(?:expect|anticipate|predict|forecast)\b")


def _marked(clause: str) -> str | None:
    """The tense of a clause's first verb marked for it: "future", "past", "present"."""
    found = [(m.start(), name) for name, pat in (("future", _FUTURE_MARK), ("past", _PAST_MARK),
                                                 ("present", _PRESENT_MARK))
             for m in [pat.search(clause)] if m is not None]
    return min(found)[1] if found else None


def scheduled(text: str, start: int, end: int) -> bool:
    """The clause a time is told in has no verb marked for tense but one of a scheduled act
    in the present: "the exercises begin on Monday", "Trump reaches Seoul on Wednesday" (a
    weekday told so is ahead). Not for dates: a timeline's entries are told in the present
    ("8 Jan. The broadcasts resume at noon")."""
    _lo, _hi, _left, _right, _lb, _rb, here = _clause(text, start, end)
    return _marked(here) is None and _SCHEDULED.search(here) is not None


def _clause(text: str, start: int, end: int):
    """Around a time (``start``..``end``): its sentence's bounds (at most
    :data:`kg.annotate.text.SENTENCE_REACH` characters either side), the words before and
    after it there, the clause breaks in each, and the clause it is told in."""
    lo, hi = sentence_start(text, start), sentence_end(text, end)
    left, right = text[lo:start], text[end:hi]
    lb = [m.end() for m in _BREAK.finditer(left)]
    rb = [m for m in _BREAK.finditer(right)]
    here = left[lb[-1] if lb else 0:] + " " + right[:rb[0].end() if rb else len(right)]
    return lo, hi, left, right, lb, rb, here


def tense_of(text: str, start: int, end: int) -> str | None:
    """The tense of the clause a time (``start``..``end``) is told in, from its verbs: the
    clause itself ("North Korea will launch it on Tuesday"), else the reporting verb just
    before it ("said on Tuesday that ..."), else the clause after it ("On Tuesday, it
    fired ..."), else the sentence's first verb marked for tense: "future", "past",
    "present" or None (no verb marked for tense)."""
    lo, hi, left, right, lb, rb, here = _clause(text, start, end)
    tense = _marked(here)
    if tense is None and _EXPECT.search(here):
        tense = "present"  # "and we expect the next shipment within weeks"
    if tense is None and lb:
        tense = _marked(left[max(0, lb[-1] - 12):lb[-1]])  # "said on Tuesday"
    if tense is None and rb:
        nxt = right[rb[0].end():]
        more = _BREAK.search(nxt)
        tense = _marked(nxt[:more.end() if more else len(nxt)])
    if tense is None and len(lb) > 1:
        # the clauses before it, nearest first, past a name set off by commas ("... and is
        # due to see his counterpart, Hong Soon-young, on Thursday")
        for a, b in zip(reversed([0, *lb[:-2]]), reversed(lb[:-1]), strict=True):
            tense = _marked(left[a:b])
            if tense is not None:
                break
    if tense is None:  # a phrase on its own ("..., in Washington on Friday."): the sentence's
        tense = _marked(text[lo:hi])
    return tense
