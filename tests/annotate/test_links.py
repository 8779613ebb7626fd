"""Response links, roles and the word-indexed phrase search of kg annotate: expected values
by hand, and a long text that the linear-time paths finish."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kgtest import drafted_events

from kg.annotate.draft import draft
from kg.annotate.text import find_phrases


def _events(text: str, gazetteer, date: str = "2022-11-10") -> dict[str, dict]:
    return {it["quote"]: it for it in drafted_events(text, gazetteer, date=date)}


def test_in_response_to_links_the_answer_to_the_named_event_and_is_no_event(gazetteer):
    ev = _events("North Korea fired a ballistic missile over Japan on 4 October 2022. The "
                 "following day, in response to the launch, South Korea fired missiles into "
                 "the sea.", gazetteer)
    assert "response" not in ev, sorted(ev)  # a cue's words, no military response of its own
    launch, answer = ev["fired a ballistic missile"], ev["fired missiles"]
    assert answer["respondsTo"] == launch["id"], answer
    assert answer["agent"] == "south-korea" and answer["target"] == "north-korea", answer


@pytest.mark.parametrize("text,answer,stimulus", [
    # an act told as an answer (a drill, typed as what it is), not the condemnation before
    # it: the earlier act of another agent
    ("North Korea fired artillery shells near the border on 2 November 2022. Japan condemned "
     "the shelling. South Korea retaliated with a bombing drill against North Korea.",
     "bombing drill", "fired artillery shells"),
    # an answer by nature (an alert) answers the launch of the lede, not the statement
    # between them
    ("North Korea fired a ballistic missile over Japan on 4 October 2022. Russia said the "
     "launch was a sovereign right. An air-raid alert sounded in Japan.", "air-raid alert",
     "fired a ballistic missile"),
    # ... an act with an agent: "tensions rose" is none, the alert answers the launch after it
    ("Tensions rose in 2022. North Korea fired a missile on 3 November 2022. An air-raid alert "
     "sounded in Japan.", "air-raid alert", "fired a missile"),
    # ... and no act months before it
    ("China and Russia vetoed a resolution on 26 May 2022. On 2 November 2022, an air-raid "
     "alert sounded on Ulleung Island.", "air-raid alert", None),
    # a detection watches the act (kg:draftResponds "never"): the alert answers the launch
    # it detected, not the detecting told between them
    ("South Korea's military detected three ballistic missiles that North Korea fired on "
     "12 May 2022. An air-raid alert sounded in Japan.", "air-raid alert", "fired"),
    # "said on 4 October" passes on what others did: without a cue, no reaction to the launch
    ("North Korea fired a ballistic missile on 4 October 2022. Japan's Defense Ministry said "
     "on 4 October that the missile flew 4,600 kilometres.", "said", None),
])
def test_what_an_answer_responds_to(gazetteer, text, answer, stimulus):
    ev = _events(text, gazetteer)
    want = ev[stimulus]["id"] if stimulus else None
    assert ev[answer].get("respondsTo") == want, (ev[answer], sorted(ev))


def test_a_condemnation_of_the_launch_responds_to_it_and_targets_the_launcher(gazetteer):
    ev = _events("North Korea fired a ballistic missile over Japan on 4 October 2022. "
                 "Japan condemned the launch.", gazetteer)
    statement = ev["condemned"]
    assert statement["respondsTo"] == ev["fired a ballistic missile"]["id"], statement
    assert statement["agent"] == "japan" and statement["target"] == "north-korea", statement


@pytest.mark.parametrize("text,quote,role,want", [
    # a noun trigger's "by" phrase gives its agent
    ("Exercises mounted by the United States angered North Korea.", "Exercises", "agent",
     "united-states"),
    # "its" stands for the subject before it, not the nearer object
    ("North Korea seeks to weaken Japan with its missile tests.", "missile tests", "agent",
     "north-korea"),
    # ... or for the subject of the sentence before
    ("North Korea entered a busy period in 2022. Its tests alarmed Japan.", "tests", "agent",
     "north-korea"),
    # "according to X," is no agent of the verb after it
    ("According to Japan, North Korea fired two ballistic missiles.",
     "fired two ballistic missiles", "agent", "north-korea"),
    # the weapon of the trigger's own phrase, not one named later in the clause
    ("North Korea fired a cruise missile while Japan tested a ballistic missile.",
     "fired a cruise missile", "instrument", "cruise-missile"),
    ("North Korea held a drill against South Korea.", "drill", "target", "south-korea"),
    # a passive's "by" phrase is its agent, and no object of the verb as well
    ("The missile was fired by North Korea into the East Sea.", "fired", "agent", "north-korea"),
    ("The missile was fired by North Korea into the East Sea.", "fired", "target", None),
    ("The missile was fired by North Korea into the East Sea.", "fired", "place", "sea-of-japan"),
    # a demonym before the subject's head; the short names of the two Koreas
    ("South Korean fighter jets fired two missiles near the Northern Limit Line.",
     "fired two missiles", "agent", "south-korea"),
    ("Seoul's Defense Ministry said the North fired artillery into the Yellow Sea.",
     "fired artillery", "agent", "north-korea"),
    ("The allies staged an air drill with B-1B bombers over the Korean Peninsula.", "air drill",
     "instrument", "b-1b"),
    # a clause after the verb is no object: "warned that X would", "said X had"
    ("Japan warned that North Korea would test a missile.", "warned", "target", None),
    ("Japan warned North Korea would face isolation.", "warned", "target", None),
    ("Japan warned North Korea against a nuclear test.", "warned", "target", "north-korea"),
    # "its" stands for one actor, not for a coordinated pair before it
    ("In 2022, China and Russia blocked a resolution to sanction North Korea for its missile "
     "tests over Japan.", "missile tests", "agent", "north-korea"),
    ("North Korea fired two missiles from the Wonsan area.", "fired two missiles", "place",
     "wonsan"),
    # a class whose "after" role is the partner (kg:draftAfter): the actors after it
    ("The United States will strengthen coordination with Japan and South Korea.",
     "coordination", "partner", ["japan", "south-korea"]),
    ("North Korea refused talks with the United States.", "refused talks", "partner",
     "united-states"),
    # a weapon of another phrase of the clause is no instrument of a trigger without one
    ("North Korea's launch of an ICBM over Japan drew condemnation.", "condemnation",
     "instrument", None),
])
def test_roles_from_the_clause(gazetteer, text, quote, role, want):
    ev = _events(text, gazetteer)
    assert quote in ev, sorted(ev)
    assert ev[quote].get(role) == want, ev[quote]


def test_a_cue_before_the_answer_links_each_act_of_its_agent(gazetteer):
    # "the firing" is no event: the comma ends the cue's phrase, "fired" is no stimulus
    ev = _events("North Korea fired a ballistic missile on 4 October 2022. In response to the "
                 "firing, South Korea fired two missiles and held a bombing drill on 5 October "
                 "2022.", gazetteer)
    launch = ev["fired a ballistic missile"]["id"]
    assert ev["fired two missiles"]["respondsTo"] == launch, ev["fired two missiles"]
    assert ev["bombing drill"]["respondsTo"] == launch, ev["bombing drill"]


def test_a_verb_s_object_is_no_preposition_s(gazetteer):
    ev = _events("The leaders of Japan and South Korea met in Seoul on 13 November 2022.",
                 gazetteer)
    assert "target" not in ev["met"], ev["met"]


def test_a_statement_meeting_or_air_drill_answers_the_ledes_act(gazetteer):
    # "the United States" names a state: no reference back to a statement ("state")
    ev = _events("North Korea fired a ballistic missile over Japan on 4 October 2022. "
                 "Japan condemned the launch. Within hours, South Korea and the United "
                 "States held a bombing drill against North Korea.", gazetteer)
    launch = ev["fired a ballistic missile"]["id"]
    assert ev["bombing drill"]["respondsTo"] == launch, ev["bombing drill"]
    assert ev["condemned"]["respondsTo"] == launch, ev["condemned"]


def test_a_reaction_answers_the_latest_act_told_before_it(gazetteer):
    # a timeline of two launches: the meeting after the second answers the second, not the
    # story's first act (kg:draftResponds "nearest" -> the latest "stimulus" act)
    ev = _events("North Korea fired a ballistic missile on 25 September 2022. Seoul's "
                 "National Security Council condemned the launch. On 28 September North Korea "
                 "fired two more missiles. Yoon Suk-yeol convened an emergency meeting that "
                 "night.", gazetteer)
    assert ev["emergency meeting"]["respondsTo"] == ev["fired two more missiles"]["id"], \
        ev["emergency meeting"]


def test_a_reaction_answers_an_act_not_the_report_or_statement_between(gazetteer):
    # a statement told between the act and the reaction is no stimulus of it: only acts of
    # the classes marked kg:draftResponds "stimulus" are
    ev = _events("South Korea and the United States began a naval exercise on 26 September "
                 "2022. China said it opposed the exercise. North Korea called an emergency "
                 "meeting.", gazetteer)
    exercise = next(v for k, v in ev.items() if v["type"] == "MilitaryExercise")
    assert ev["emergency meeting"]["respondsTo"] == exercise["id"], (ev["emergency meeting"],
                                                                    sorted(ev))


def test_a_condemnation_of_the_launch_answers_the_latest_launch(gazetteer):
    # "condemned the launch" quotes the latest launch told before it: it answers that one
    ev = _events("North Korea fired a ballistic missile on 25 September 2022. On 28 "
                 "September North Korea fired two short-range ballistic missiles. Japan "
                 "condemned the launch.", gazetteer)
    assert ev["condemned"]["respondsTo"] == \
        ev["fired two short-range ballistic missiles"]["id"], ev["condemned"]


def test_an_act_a_reaction_names_is_no_stimulus_of_its_own(gazetteer):
    # "condemned the shelling" without an earlier shelling of its class drafts an act of the
    # condemner's; the drill that answers retaliates for the firing told first
    ev = _events("North Korea fired artillery shells near the border on 2 November 2022. "
                 "Japan condemned the shelling. South Korea held a bombing drill the same "
                 "day.", gazetteer)
    assert ev["bombing drill"]["respondsTo"] == ev["fired artillery shells"]["id"], \
        (ev["bombing drill"], sorted(ev))


def test_a_diplomatic_protest_answers_the_act_it_is_about(gazetteer):
    # a protest is lodged about an act told before it (kg:draftResponds "nearest"), also
    # when it does not name it again
    ev = _events("North Korea fired a ballistic missile over Japan on 4 October 2022. Tokyo "
                 "lodged a protest through diplomatic channels in Beijing.", gazetteer)
    protest = next(v for v in ev.values() if v["type"] == "DiplomaticProtest")
    assert protest.get("respondsTo") == ev["fired a ballistic missile"]["id"], (protest,
                                                                              sorted(ev))


def test_a_threatened_response_answers_the_act_its_sentence_names(gazetteer):
    # "would meet a strong military response": the answer is threatened, and answers the
    # (threatened) act of its own sentence, not the launch told before
    ev = _events("North Korea fired a ballistic missile on 4 October 2022. South Korea warned "
                 "that a seventh nuclear test would meet a strong military response.",
                 gazetteer)
    assert ev["military response"]["respondsTo"] == ev["nuclear test"]["id"], \
        (ev["military response"], sorted(ev))


def _linked(text: str, quotes: list[tuple[str, str, str]]) -> list[dict]:
    """The events (quote, type, agent), each told as having happened, linked as drafted."""
    from kg.annotate.claims import load_cues
    from kg.annotate.links import link_responses, load_responders
    from kg.annotate.text import Span, sentences
    from kg.ontology import load_ontology

    onto = load_ontology()
    triggers = [Span(text.index(q), text.index(q) + len(q), t) for q, t, _ in quotes]
    events = [{"id": f"ev-{k}", "type": t, "agent": a, "status": "Occurred"}
              for k, (_, t, a) in enumerate(quotes, 1)]
    link_responses(text, events, triggers, [], sentences(text), load_cues(onto).response,
                   load_responders(onto), onto)
    return events


def test_an_event_since_presupposes_is_no_stimulus():
    # "the first since 2017" tells of a launch in 2017 only to count from: the alert answers
    # the launch told before it
    events = _linked("North Korea fired a missile over Japan on 4 October 2022, the first "
                     "since 2017. Japan issued an air-raid alert.",
                     [("fired a missile", "MissileLaunch", "north-korea"),
                      ("since 2017", "MissileLaunch", "north-korea"),
                      ("air-raid alert", "SecurityAlert", "japan")])
    assert events[2].get("respondsTo") == "ev-1", events


def test_the_act_a_when_clause_tells_after_since_is_no_stimulus():
    # "its first since Nov. 5, when it fired a barrage": the barrage is the earlier act the
    # launch counts from; the news conference answers the launch
    events = _linked("North Korea fired a missile on 6 January 2025, its first since Nov. 5, "
                     "when it fired a barrage of missiles. Hours later the ministers held a "
                     "news conference.",
                     [("fired a missile", "MissileLaunch", "north-korea"),
                      ("since Nov. 5", "MissileLaunch", "north-korea"),
                      ("barrage", "MissileLaunch", "north-korea"),
                      ("news conference", "PublicStatement", "south-korea")])
    assert events[3].get("respondsTo") == "ev-1", events


def test_a_narrated_event_without_a_time_takes_the_time_told_before_it(gazetteer):
    ev = _events("North Korea fired a ballistic missile over Japan on 4 October 2022. "
                 "Japan condemned the launch.\n\nAnalysts expect further tests.", gazetteer)
    launch, statement = ev["fired a ballistic missile"], ev["condemned"]
    assert statement["time"] == launch["time"], (launch, statement)
    assert "time" not in ev["tests"], ev["tests"]  # a new paragraph, and hypothetical


def test_a_time_after_since_is_no_time_of_the_event(gazetteer):
    ev = _events("North Korea fired an intercontinental ballistic missile, its first since "
                 "November 2017.", gazetteer)
    assert "time" not in ev["fired an intercontinental ballistic missile"], ev


def test_a_participle_after_a_comma_describes_the_thing_named_before(gazetteer):
    ev = _events("North Korea fired a missile on 18 November 2022. The next day, state media "
                 "said the missile was a Hwasong-17, launched from Pyongyang.", gazetteer)
    assert "launched" not in ev, sorted(ev)


def test_a_long_text_is_drafted_with_links_and_claims(gazetteer):
    """Thousands of events, references and cues: the drafter's paths are linear (bisection
    and a bounded look-back), so this finishes; no time is asserted."""
    sentences = ["North Korea fired a ballistic missile over Japan on {d} October 2022. ",
                 "In response to the launch, South Korea fired missiles the following day. ",
                 "Japan condemned the launch and said it would raise the matter. ",
                 "An air-raid alert sounded on the island. ",
                 "Analysts said a nuclear test is likely. "]
    n = 2000
    text = "".join(sentences[i % len(sentences)].format(d=1 + i % 28) for i in range(n))
    ev = list(_events(text, gazetteer, date="2022-12-01").values())
    assert len(ev) >= 5, len(ev)
    from kg.ontology import load_ontology

    items = draft(text + "\n", doc_id="t", text_name="t.txt", gazetteer=gazetteer,
                  onto=load_ontology(), date="2022-12-01")["annotations"]
    events = [it for it in items if it["id"].startswith("ev-")]
    linked = [it for it in events if "respondsTo" in it]
    assert len(events) >= n and len(linked) > n // 5, (len(events), len(linked))
    claims = [it for it in items if it["type"] == "Claim"]
    assert len(claims) >= n, len(claims)


_WORDS = st.sampled_from(["U.S.", "Korea", "North", "North Korea", "fired", "(", "'s", "a",
                          "in response to", "Response", "ko", "réa", "S"])


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["U.S.", "Korea", "Koreans", "North", " ", ", ", "(",
                                      "'s", "fired", "in", "response", "to", "In", "ré",
                                      "a", ".", "\n", "S"]), max_size=30).map("".join),
       phrases=st.lists(_WORDS, min_size=1, max_size=6, unique=True),
       ignore_case=st.booleans())
def test_the_word_index_finds_what_the_word_bounded_regex_finds(text, phrases, ignore_case):
    table = {p: f"k{i}" for i, p in enumerate(phrases)}
    want = []
    for phrase, key in table.items():
        pat = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)",
                         re.IGNORECASE if ignore_case else 0)
        want += [(m.start(), m.end(), key) for m in pat.finditer(text)]
    got = [(s.start, s.end, s.key) for s in find_phrases(text, table, ignore_case)]
    assert sorted(got) == sorted(want), (text, table)


def test_an_answer_targets_the_answered_agent_but_a_meeting_targets_no_one(onto):
    from kg.annotate.links import _target_the_answered

    launch = {"id": "ev-1", "type": "MissileLaunch", "agent": "north-korea"}
    condemned = {"id": "ev-2", "type": "Accusation", "agent": "japan", "respondsTo": "ev-1"}
    # a class with a kg:draftObjectRole takes no target
    meeting = {"id": "ev-3", "type": "Meeting", "agent": "south-korea", "respondsTo": "ev-1"}
    _target_the_answered([launch, condemned, meeting], onto)
    assert condemned["target"] == "north-korea"
    assert "target" not in meeting


def test_links_never_close_a_cycle(gazetteer):
    # the cue "answered with" and the statements' own reading both link the two acts: the
    # draft keeps the answer told after the act it answers, and builds (kg build refuses a
    # cycle of responses)
    text = ("China and Russia argued at these meetings that United States military activity "
            "lay behind Pyongyang's launches; the United States and its partners answered "
            "with joint statements made outside the chamber.")
    ev = _events(text, gazetteer, date="2022-11-30")
    launches, statements = ev["launches"], ev["joint statements"]
    assert statements["respondsTo"] == launches["id"], statements
    assert "respondsTo" not in launches, launches
