"""Roles of drafted events (kg.annotate.roles): the agent from the structure of the
sentence, by hand-checked examples of general news English."""

from __future__ import annotations

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    gaz = Gazetteer()
    gaz.add_yaml()
    return gaz


@pytest.fixture(scope="module")
def onto():
    from kg.ontology import load_ontology

    return load_ontology()


def _events(text: str, gazetteer, onto) -> dict[str, dict]:
    items = draft(text + "\n", doc_id="t", text_name="t.txt", gazetteer=gazetteer,
                  onto=onto, date="2022-11-10")["annotations"]
    return {it["quote"]: it for it in items if "quote" in it
            and it["type"] not in ("Claim", "TimeSpan")
            and onto.has_class(it["type"]) and onto.class_(it["type"]).is_a("Event")}


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
