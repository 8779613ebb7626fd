"""How events are mentioned in news text (kg/annotate/triggers.py): a launch told as a test
is a test, an earlier event presupposed by "the first ... since", nominal mentions with an
ordinal or "next", the class of an ambiguous noun taken from the story. Generic sentences
written for these tests, not taken from data/."""

from __future__ import annotations

import pytest

from kg.annotate.dates import find_times
from kg.annotate.text import sentences
from kg.annotate.triggers import earlier_events, find_triggers

# the rules with each morphology (conftest.py's lexicon): the lemma tables of the nlp extra,
# and the suffix rules used without it
MORPHOLOGIES = ["lemminflect", "rules"]


FIRINGS = {"MissileTest", "MissileLaunch", "EngineTest"}


@pytest.mark.parametrize("text, expected", [
    # the words of its clause say test: a missile test (kg.ttl's definition), one event
    ("The army fired a new cruise missile in a test of its guidance system.",
     [("fired a new cruise missile", "MissileTest")]),
    ("Pyongyang launched two rockets in what it called a test of a new launcher.",
     [("launched", "MissileTest")]),
    ("The navy fired a missile from a submarine to test its readiness.",
     [("fired a missile", "MissileTest")]),
    ("The regime fired a cruise missile on Sunday, its third test this year.",
     [("fired a cruise missile", "MissileTest")]),
    ("The regime plans to flight-test a new solid-fuel missile next year.",
     [("flight-test", "MissileTest")]),
    ("The country test-fired a long-range cruise missile on Sunday.",
     [("test-fired", "MissileTest")]),
    # told only as fired or launched, or as a drill: a missile launch
    ("The army fired three short-range missiles into the sea on Tuesday.",
     [("fired three short-range missiles", "MissileLaunch")]),
    ("The regime launched a ballistic missile toward the eastern sea.",
     [("launched a ballistic missile", "MissileLaunch")]),
    ("The army fired two missiles days after a test of its new engine.",
     [("fired two missiles", "MissileLaunch"), ("test of its new engine", "EngineTest")]),
    ("The army fired two missiles in response to a missile test by its rival.",
     [("fired two missiles", "MissileLaunch"), ("missile test", "MissileTest")]),
    ("The regime fired a missile and then tested a drone.",
     [("fired a missile", "MissileLaunch"), ("tested", "MissileTest")]),
])
def test_a_launch_is_a_test_only_where_its_words_say_so(lexicon, text, expected, drafted):
    got = [d for d in drafted(text, lexicon) if d[1] in FIRINGS]  # speech acts left out
    assert got == expected, drafted(text, lexicon)


def test_a_launch_noun_does_not_launch_an_exercise(lexicon, drafted):
    # a noun with a possessive before it: no verb, so no "launch ... exercise"
    got = drafted("The regime meant its launches as a warning against the exercise.", lexicon)
    assert got == [("launches", "MissileLaunch"), ("exercise", "MilitaryExercise")], got


@pytest.mark.parametrize("text, unwanted", [
    # an aircraft carrier is a ship: its exercises are no air drill
    ("The navies held three days of exercises with an aircraft carrier.", "AirDrill"),
    # "firing" modifies the drill that follows it: one event, no launch
    ("Twelve warplanes staged firing drills near the border.", "MissileLaunch"),
    # "any" heads the noun phrase, an adjective between: no launch in particular
    ("Officials said they would answer any single launch.", "MissileLaunch"),
])
def test_words_that_name_no_event_of_a_class(lexicon, text, unwanted, drafted):
    got = drafted(text, lexicon)
    assert unwanted not in {k for _, k in got}, got


@pytest.mark.parametrize("text, expected", [
    # an ordinal or "next" makes a definite noun phrase another event of the type
    ("The navies held drills in May. They plan the next drills for the autumn.",
     [("drills", "MilitaryExercise"), ("drills", "MilitaryExercise")]),
    ("The regime fired a missile on Monday. It was the regime's launch, the fifth launch "
     "of the year.", [("fired a missile", "MissileLaunch"), ("launch", "MissileLaunch"),
                      ("launch", "MissileLaunch")]),
])
def test_an_ordinal_or_next_names_another_event(lexicon, text, expected, drafted):
    assert drafted(text, lexicon) == expected, drafted(text, lexicon)


def test_a_plain_definite_noun_refers_back(lexicon, drafted):
    text = "The regime fired a missile on Monday. The launch was condemned."
    got = drafted(text, lexicon)
    assert ("launch", "MissileLaunch") not in got, got


@pytest.mark.parametrize("ref", ["Today's launch", "Sunday's launch", "This morning's launch"])
def test_a_day_s_noun_refers_back(lexicon, drafted, ref):
    text = f'The regime fired a missile on Sunday. "{ref} is a reminder," the envoy said.'
    got = drafted(text, lexicon)
    assert ("launch", "MissileLaunch") not in got, got


def test_a_year_s_noun_may_be_another_event(lexicon, drafted):
    text = "The allies held drills on Monday. Last year's drills were larger."
    assert drafted(text, lexicon).count(("drills", "MilitaryExercise")) == 2, \
        drafted(text, lexicon)


def test_an_ambiguous_noun_takes_the_class_of_the_latest_such_event(lexicon, drafted):
    text = ("A drone intrusion was reported on Monday. It was the first such intrusion "
            "in five years.")
    got = drafted(text, lexicon)
    assert got[-1] == ("intrusion", "AirspaceIntrusion"), got
    text = "A patrol boat's intrusion was reported. Such intrusion is rare."
    assert drafted(text, lexicon)[-1] == ("intrusion", "ShipIntrusion"), drafted(text, lexicon)


def earlier(text: str, lexicon, date: str = "2022-06-01") -> list[tuple[str, str]]:
    rules, morph = lexicon
    spans = find_triggers(text, rules, morph)
    times = [(t.start, t.end) for t in find_times(text, date)]
    return [(text[s.start:s.end], s.key)
            for s in earlier_events(text, spans, times, sentences(text))]


@pytest.mark.parametrize("text, expected", [
    ("The regime launched a ballistic missile on Friday, its first since March 2019.",
     [("since March 2019", "MissileLaunch")]),
    ("The allies held their first joint naval exercise since 2017 last week.",
     [("since 2017", "MilitaryExercise")]),
    ("It will be the ministers' first meeting since 12 April 2020.",
     [("since 12 April 2020", "Meeting")]),
    # no time after "since", or no "first": no earlier event
    ("It was the first meeting since the war began.", []),
    ("The regime has launched missiles since 2019.", []),
])
def test_the_first_since_a_time_tells_of_an_earlier_event(lexicon, text, expected):
    assert earlier(text, lexicon) == expected, earlier(text, lexicon)


@pytest.mark.parametrize("text, expected", [
    ("The army fired two rockets on Monday, Oct. 3, and two more on Wednesday.",
     [("fired two rockets", "MissileLaunch"), ("two more", "MissileLaunch")]),
    ("The regime launched a cruise missile and then three short-range missiles.",
     [("launched a cruise missile", "MissileLaunch"), ("then three", "MissileLaunch")]),
    # "and" with no number after it: no second act
    ("The regime fired a missile and warned the allies.",
     [("fired a missile", "MissileLaunch"), ("warned", "PublicStatement")]),
])
def test_a_second_act_with_its_verb_left_out_is_an_event(lexicon, text, expected, drafted):
    assert drafted(text, lexicon) == expected, drafted(text, lexicon)


@pytest.mark.parametrize("text, expected", [
    # the story told a test: "fired again", "it was fired" go on with it
    ("The regime tested a new missile on Monday. Two days later it fired again.",
     [("tested a new missile", "MissileTest"), ("fired", "MissileTest")]),
    ("The regime announced a test of a new missile. It was fired from the coast.",
     [("test of a new missile", "MissileTest"), ("fired", "MissileTest")]),
    # the story told a launch: a launch it stays
    ("The regime fired a missile on Monday. Two days later it fired again.",
     [("fired a missile", "MissileLaunch"), ("fired", "MissileLaunch")]),
    # a firing by a named agent, no pronoun: told as it is written
    ("The regime tested a new missile on Monday. The allies fired two missiles.",
     [("tested a new missile", "MissileTest"), ("fired two missiles", "MissileLaunch")]),
])
def test_a_firing_that_goes_on_with_a_test_is_the_test(lexicon, text, expected, drafted):
    got = [d for d in drafted(text, lexicon) if d[1] in FIRINGS]
    assert got == expected, drafted(text, lexicon)


def test_a_reference_back_takes_the_class_of_the_act_it_names(lexicon):
    rules, morph = lexicon
    text = "The regime tested a new missile on Monday. The allies condemned the launch."
    refs: list = []
    find_triggers(text, rules, morph, references=refs)
    assert [(text[r.start:r.end], r.key) for r in refs] == [("launch", "MissileTest")], refs


@pytest.mark.parametrize("text, unwanted", [
    # a noun after a copula and an article judges the subject, it tells no act
    ("Officials concluded that the drills were a provocation.", "MilitaryProvocation"),
    ("Analysts said the launch was a test of the allies' resolve.", "MissileTest"),
    # a judgement verb, modifiers between the article and the noun
    ("The agency called the launch an important final-stage test.", "MissileTest"),
    ("The ministry called the incursion a clear provocation.", "MilitaryProvocation"),
    # a verb that casts its object as something ("meant X as", "saw X as")
    ("The regime meant its launches as retaliation for the drills.", "MilitaryResponse"),
    ("Seoul saw the flights as a provocation.", "MilitaryProvocation"),
    # a debate (noun) is no meeting, nor a debate growing fiercer
    ("The debate over nuclear weapons goes on in Seoul.", "DebateIntensification"),
])
def test_a_judgement_of_an_act_is_no_act(lexicon, text, unwanted, drafted):
    got = drafted(text, lexicon)
    assert unwanted not in {k for _, k in got}, got


@pytest.mark.parametrize("text, expected", [
    ("The parliament will debate the budget on Friday.", ("debate", "Meeting")),
    ("The two governments expanded their arms dealings last year.",
     ("arms dealings", "ArmsTransfer")),
    # an article with no copula or judgement verb before it: an act
    ("There was a meeting of the council on Friday.", ("meeting", "Meeting")),
    ("There will also be a joint drill next week.", ("joint drill", "MilitaryExercise")),
    ("The army conducted a test of a new missile.", ("test of a new missile", "MissileTest")),
])
def test_words_of_news_acts(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.fixture(scope="module")
def generic_gazetteer():
    from kg.annotate.gazetteer import Gazetteer

    g = Gazetteer()
    g.add_yaml()
    return g


def drafted_items(text: str, onto, gazetteer) -> list[dict]:
    from kg.annotate.draft import draft

    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=gazetteer, onto=onto)
    return [it for it in doc["annotations"] if it["id"].startswith("ev-")]


def test_a_later_reference_is_a_quote_of_the_event_it_names(onto, generic_gazetteer):
    # the codebook: one item per event, every phrase naming it a quote of that item
    text = ("The army fired a cruise missile toward the sea on Friday. Neighbours condemned "
            "the launch, and the launch drew a rebuke from the council.")
    items = drafted_items(text, onto, generic_gazetteer)
    launch = next(it for it in items if it["quote"] == "fired a cruise missile")
    assert launch["mentions"] == [{"quote": "launch", "occurrence": "all"}], launch
    assert [it["type"] for it in items].count("MissileLaunch") == 1, items


def test_an_event_a_heading_names_is_told_first_by_its_reference(onto, generic_gazetteer):
    text = ("Review: a vow at the parade\n\nThen came the parade. On the night of 25 April the "
            "new missile was driven through the square.\n")
    items = drafted_items(text, onto, generic_gazetteer)
    got = [(it["quote"], it.get("occurrence"), it["type"]) for it in items
           if it["type"] == "Ceremony"]
    assert got == [("parade", 2, "Ceremony")], got  # the body's, not the heading's
