"""Weapons programmes pursued and warships built (kg:CapabilityDevelopment), a launch the text
later calls a test (kg:MissileTest, the codebook, rule 3.2) and attacks in words (no
kg:ArmedAttack). Made-up sentences, not taken from data/."""

from __future__ import annotations

import pytest

from kg.annotate.triggers import load_rules
from kg.namespace import KG

MORPHOLOGIES = ["lemminflect", "rules"]


@pytest.mark.parametrize("text, expected", [
    ("The regime continues to pursue nuclear weapons despite the sanctions.",
     ("pursue nuclear weapons", "CapabilityDevelopment")),
    ("The country has long pursued a missile programme of its own.",
     ("pursued a missile programme", "CapabilityDevelopment")),
    ("The yard is building two more destroyers for the navy.",
     ("building two more destroyers", "CapabilityDevelopment")),
    ("Engineers began to construct a nuclear-powered submarine last year.",
     ("construct", "CapabilityDevelopment")),
    ("Satellite pictures show the construction of a new frigate at the yard.",
     ("construction", "CapabilityDevelopment")),
    ("The leader told the officers to strengthen the nation's war deterrence.",
     ("strengthen the nation's war deterrence", "CapabilityDevelopment")),
    ("The ministry plans to expand the munitions factory near the coast.",
     ("expand", "CapabilityDevelopment")),
])
def test_weapons_programmes_and_warships_built_are_capability_development(
        lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    "The city will construct a new road and a hospital next year.",
    "Prosecutors pursued the case against the bank for years.",
])
def test_roads_built_and_cases_pursued_are_no_capability(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert not any(k == "CapabilityDevelopment" for _, k in got), got


def test_extended_deterrence_strengthened_is_no_capability_of_ones_own(lexicon, drafted):
    got = drafted("Washington vowed to strengthen extended deterrence for its ally.", lexicon)
    assert not any(k == "CapabilityDevelopment" for _, k in got), got


@pytest.mark.parametrize("text", [
    "The minister again attacked the country's media on Tuesday.",
    "The spokesman attacked the plan in a statement on Monday.",
    "His speech was a personal attack on foreign journalists.",
    "The party newspaper attacked the new policy as reckless.",
])
def test_an_attack_in_words_is_no_armed_attack(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert not any(k == "ArmedAttack" for _, k in got), got


@pytest.mark.parametrize("text", [
    "Troops attacked the border post at dawn.",
    "The rebels launched an attack on the town in the night.",
])
def test_an_attack_on_forces_or_a_town_stays_armed(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert any(k == "ArmedAttack" for _, k in got), got


@pytest.fixture(scope="module")
def generic_gazetteer():
    from kg.annotate.gazetteer import Gazetteer

    g = Gazetteer()
    g.add_yaml()
    return g


def _types(text: str, onto, gazetteer) -> dict[str, str]:
    from kg.annotate.draft import draft

    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=gazetteer, onto=onto,
                model="none")
    return {it["quote"]: it["type"] for it in doc["annotations"] if it["id"].startswith("ev-")}


def test_a_launch_the_text_calls_back_as_the_test_is_a_test(onto, generic_gazetteer):
    text = ("The army fired a new cruise missile from the coast on Friday. State media said "
            "this test had raised the missile's accuracy.\n")
    got = _types(text, onto, generic_gazetteer)
    assert got.get("fired a new cruise missile") == "MissileTest", got


def test_every_launch_of_that_sentence_becomes_the_test(onto, generic_gazetteer):
    text = ("A new rocket lifted off from the coast on Friday and came down in the sea. "
            "The test was meant to check its accuracy.\n")
    got = _types(text, onto, generic_gazetteer)
    assert got.get("lifted off") == "MissileTest", got


def test_tests_in_general_or_far_away_make_no_launch_a_test(onto, generic_gazetteer):
    text = ("The army fired a new cruise missile from the coast on Friday. Analysts said "
            "such tests were common.\n")
    got = _types(text, onto, generic_gazetteer)
    assert got.get("fired a new cruise missile") == "MissileLaunch", got
    far = ("The army fired a new cruise missile from the coast on Friday.\n\nThe council met "
           "on Monday.\n\nThe envoy left on Tuesday.\n\nThe test of the new engine was "
           "delayed.\n")
    got = _types(far, onto, generic_gazetteer)
    assert got.get("fired a new cruise missile") == "MissileLaunch", got


def test_the_words_of_an_attack_in_words_are_data_of_the_ontology(onto):
    """The cue, object and frame words are read from ontology/triggers.ttl, none from code."""
    import kg.annotate.triggers as triggers

    assert not hasattr(triggers, "_VERBAL_OBJECTS") and not hasattr(triggers, "_VERBAL_FRAMES")
    attack = onto.classes[KG.ArmedAttack]
    assert "attack" in attack.props[KG.draftVerbalCue]
    assert {"media", "plan", "policy"} <= set(attack.props[KG.draftVerbalObject])
    assert {"statement", "speech", "editorial"} <= set(attack.props[KG.draftVerbalFrame])
    rules = load_rules(onto)
    assert rules.verbal_cues == {"ArmedAttack": frozenset({"attack"})}
    assert "reporting" in rules.verbal_objects["ArmedAttack"]
    assert "interview" in rules.verbal_frames["ArmedAttack"]


@pytest.mark.parametrize("text", [
    "The opposition leader attacked the budget plan on Friday.",
    "In an editorial the paper attacked the deal with the neighbours.",
    "The ambassador attacked the decision in an interview with a radio station.",
    "Her remarks were an attack on the foreign press.",
])
def test_an_attack_on_words_or_plans_is_no_armed_attack(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert not any(k == "ArmedAttack" for _, k in got), got


@pytest.mark.parametrize("text", [
    # the object is a place or a force: the nouns of words come too late or after a stop
    "Rebels attacked the garrison near the bridge with mortars after the statement.",
    "The militia attacked the convoy, and the minister attacked the plan.",
])
def test_an_attack_with_force_stays_armed_beside_words(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert ("attacked", "ArmedAttack") in got, got
