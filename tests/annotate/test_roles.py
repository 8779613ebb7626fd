"""Roles of drafted events (kg.annotate.roles): the agent from the structure of the
sentence, by hand-checked examples of general news English."""

from __future__ import annotations

import pytest
from kgtest import drafted_events


@pytest.fixture(scope="module")
def onto():
    from kg.ontology import load_ontology

    return load_ontology()


def _events(text: str, gazetteer, onto) -> dict[str, dict]:
    return {it["quote"]: it for it in drafted_events(text, gazetteer, onto=onto)
            if onto.has_class(it["type"]) and onto.class_(it["type"]).is_a("Event")}


@pytest.mark.parametrize("text, quote, want", [
    # a participle's aside between the subject and its verb holds no subject
    ("President Moon Jae-in, chairing an emergency meeting of the National Security Council, "
     "condemned the launch.", "condemned", "moon-jae-in"),
    ("North Korea, angered by drills that South Korea and the United States held last week, "
     "launched a missile on Tuesday.", "launched a missile", "north-korea"),
    # an appositive name is the subject it renames
    ("Japan's prime minister, Fumio Kishida, condemned the launch.", "condemned",
     "fumio-kishida"),
    # a verb coordinated with the one before shares its subject, not the object between
    ("On Monday, Lee Jong-joo, the unification ministry's spokesperson, said the North should "
     "not cause tension and strongly urged it to choose dialogue.", "urged",
     "rok-unification-ministry"),
    ("South Korea's Unification Ministry called her language deplorable and condemned the "
     "attempt.", "condemned", "rok-unification-ministry"),
    # the one called on to act is the subject of the act, not the caller
    ("Guterres called on North Korea to refrain from further launches.", "launches",
     "north-korea"),
    ("Moon Jae-in called on Pyongyang on Monday to return to talks.", "return to talks",
     "north-korea"),
    # an act told after a verb of saying is not the speaker's ...
    ("South Korea's Joint Chiefs of Staff said the missile lifted off from Sunan.",
     "lifted off", None),
    ("South Korea said two missiles were fired on Tuesday.", "fired", None),
    ("The Joint Chiefs of Staff said that the missiles were fired from Tongchang-ri.", "fired",
     None),
    # ... its own subject after the verb of saying is its agent ("United States" says nothing)
    ("The ambassador said the United States would seek new sanctions.", "seek new sanctions",
     "united-states"),
    ("Seoul's Defense Ministry said the North fired artillery into the Yellow Sea.",
     "fired artillery", "north-korea"),
])
def test_the_agent_from_the_sentence(gazetteer, onto, text, quote, want):
    ev = _events(text, gazetteer, onto)
    assert quote in ev, sorted(ev)
    assert ev[quote].get("agent") == want, ev[quote]


@pytest.mark.parametrize("text, quote, role, want", [
    # those a meeting's subject met are attendees too: agents, no target
    # (kg:draftObjectRole kg:agent, kg:draftObjectCue "with")
    ("Biden held talks with Kishida in Tokyo.", "held talks", "agent",
     ["joe-biden", "fumio-kishida"]),
    ("Biden held talks with Kishida in Tokyo.", "held talks", "target", None),
    # the other side of a call, the host of a trip: the partner (kg:draftObjectRole kg:partner)
    ("Xi spoke with Yoon by telephone.", "spoke with Yoon by telephone", "partner",
     "yoon-suk-yeol"),
    ("Sherman arrived in Tokyo on Monday.", "arrived in", "partner", "japan"),
])
def test_the_others_of_a_meeting_a_call_or_a_trip(gazetteer, onto, text, quote, role, want):
    ev = _events(text, gazetteer, onto)
    assert quote in ev, sorted(ev)
    assert ev[quote].get(role) == want, ev[quote]


@pytest.mark.parametrize("text, quote, want", [
    # the accused of an accusation with no object (kg:draftTargetInContent): the subject of
    # what it says ...
    ("The United States said on Wednesday that North Korea was covertly supplying Russia with "
     "artillery shells.", "said", "north-korea"),
    # ... or the owner of what it is concerned about
    ("Lee expressed concern about the North's violations of the agreement.",
     "expressed concern", "north-korea"),
])
def test_the_accused_is_the_target(gazetteer, onto, text, quote, want):
    ev = _events(text, gazetteer, onto)
    assert quote in ev, sorted(ev)
    assert ev[quote]["type"] == "Accusation", ev[quote]
    assert ev[quote].get("target") == want, ev[quote]


def test_the_object_roles_are_ontology_data(onto):
    from kg.annotate.roles import load_role_cues, object_role

    cues = load_role_cues(onto)
    assert cues.objects["Meeting"] == ("agent", ["with"])
    assert cues.objects["PhoneCall"] == ("partner", ["with"])
    assert cues.objects["Visit"] == ("partner", ["in", "to"])
    assert object_role(onto, "MissileLaunch") is None and "MissileLaunch" not in cues.objects
    # inherited: a diplomatic protest is an accusation
    assert {"Accusation", "DiplomaticProtest"} <= cues.content_target
    assert "Meeting" not in cues.content_target


@pytest.mark.parametrize("text, n, lo, want", [
    ("its first tests", 3, 0, 0),  # fewer words than asked: from lo
    ("they said its first tests", 3, 0, 10),  # "its" is the third word back
    ("they said its  first, tests", 2, 0, 15),  # marks and spaces are no words
    ("they said its first tests", 9, 5, 5),  # never before lo
])
def test_words_are_counted_back_from_the_trigger(text, n, lo, want):
    from kg.annotate.roles import _words_back

    assert _words_back(text, len(text), n, lo) == want


@pytest.mark.parametrize("entry", ["Oct. 19. ", "Oct. 19: ", "19 October: ", "Oct. 19 \u2014 "])
def test_a_timeline_entry_s_day_dates_the_acts_it_tells(gazetteer, onto, entry):
    from kg.annotate.draft import draft

    text = (f"SEOUL, Oct. 25, 2021\n\n{entry}North Korea fired a ballistic missile. Japan "
            "condemned the launch.\n\nOct. 20. The United States condemned it.\n")
    items = draft(text, doc_id="t", text_name="t.txt", gazetteer=gazetteer, onto=onto,
                  date="2021-10-25", model="none")["annotations"]
    days = {it["id"]: it.get("begin") for it in items if it["type"] == "TimeSpan"}
    told = {it["quote"] + str(it.get("occurrence", "")): days.get(it.get("time"))
            for it in items if it["type"] in ("MissileLaunch", "Accusation")}
    assert told == {"fired a ballistic missile": "2021-10-19", "condemned1": "2021-10-19",
                    "condemned2": "2021-10-20"}, told


def test_a_day_inside_a_line_is_no_entry_s_heading():
    from kg.annotate.roles import heading_days

    text = "x\nOn Oct. 19 the talks ended."
    assert heading_days(text, [(text.index("Oct"), text.index("Oct") + 7, "t")]) == []
    assert heading_days("x\nOct. 19: y", [(2, 9, "t")]) == [(2, "t")]
    assert heading_days("x\nOct. 19 is y", [(2, 9, "t")]) == []
