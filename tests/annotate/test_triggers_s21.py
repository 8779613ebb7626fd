"""Session 21: the words of an attack in words as data of the ontology (kg:draftVerbalCue,
kg:draftVerbalObject, kg:draftVerbalFrame on kg:ArmedAttack), and triggers of easing, of
pledges and of refusals of talks. Made-up sentences, not taken from data/."""

from __future__ import annotations

import pytest

from kg.annotate.triggers import find_triggers, load_rules
from kg.namespace import KG

MORPHOLOGIES = ["lemminflect", "rules"]


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


def test_without_the_cue_data_an_attack_on_a_plan_is_armed(onto, lexicon):
    """The check reads the classes that carry kg:draftVerbalCue: none, no check."""
    rules, morph = lexicon
    bare = load_rules(onto)
    bare.verbal_cues = {}
    text = "The minister attacked the plan in a statement."
    assert any(s.key == "ArmedAttack" for s in find_triggers(text, bare, morph))
    assert not any(s.key == "ArmedAttack" for s in find_triggers(text, rules, morph))


def test_the_tokens_are_indexed_once_not_scanned_per_attack(lexicon):
    """Each attack is read in its own words and those after it: the text's tokens are
    walked once to index them (twice: starts and ends), not once or twice per attack."""
    from kg.annotate import triggers
    from kg.annotate.text import Span

    rules, morph = lexicon
    text = "Troops attacked the village. The minister attacked the plan. Rebels attacked a post."
    toks = triggers.tokens(text)
    lem = [morph.lemmas(t.text) if t.text[0].isalnum() else frozenset() for t in toks]
    spans = [Span(t.start, t.end, "ArmedAttack") for t in toks if t.lower == "attacked"]

    class Counted(list):
        walks = 0

        def __iter__(self):
            Counted.walks += 1
            return super().__iter__()

    kept = triggers._verbal_attacks(spans, Counted(toks), lem, rules)
    assert [text[s.start:s.end + 12] for s in kept] == ["attacked the village", "attacked a post."]
    assert Counted.walks == 2
