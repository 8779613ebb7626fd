"""Triggers of easing, of pledges and of refusals of talks. Made-up sentences, not taken
from data/."""

from __future__ import annotations

import pytest

from kg.annotate.triggers import find_triggers, load_rules

MORPHOLOGIES = ["lemminflect", "rules"]


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


@pytest.mark.parametrize("text, expected", [
    # holding back: a halt or a pause told as a noun or ordered, a promise not to test
    ("The talks brought a halt to drills along the coast.",
     ("halt to drills", "Deescalation")),
    ("Analysts expect a pause in missile tests over the holidays.",
     ("pause in missile tests", "Deescalation")),
    ("Both armies paused artillery training near the river.",
     ("paused artillery training", "Deescalation")),
    ("The regime promised not to resume nuclear testing.",
     ("promised not to", "Deescalation")),
    ("Her pledge not to test again was welcomed abroad.", ("pledge not to", "Deescalation")),
    ("The army stopped its loudspeaker broadcasts at midnight.",
     ("stopped its loudspeaker broadcasts", "Deescalation")),
    ("The two militaries restored the hotline after a year of silence.",
     ("restored the hotline", "Deescalation")),
    ("The envoy praised the restraint both sides had shown.", ("restraint", "Deescalation")),
    # an offer of talks, an agreement or a treaty signed: a pledge
    ("The minister proposed new talks on the border dispute.",
     ("proposed new talks", "CooperationPledge")),
    ("Their proposal for a summit went unanswered.",
     ("proposal for a summit", "CooperationPledge")),
    ("The two leaders signed a friendship treaty in the capital.",
     ("signed a friendship treaty", "CooperationPledge")),
    ("The signing of the pact was broadcast live.", ("signing of the pact", "CooperationPledge")),
    # refusals of talks, meetings and offers
    ("The government turned down the offer of medical aid.",
     ("turned down the offer of medical aid", "RejectTalks")),
    ("The offer of food aid came in May, but the capital turned it down.",
     ("turned it down", "RejectTalks")),
    ("The foreign minister declined the invitation to the conference.",
     ("declined the invitation", "RejectTalks")),
    ("The premier refused to meet his counterpart.", ("refused to meet", "RejectTalks")),
    ("The statement closed the door on any talks with the neighbour.",
     ("closed the door", "RejectTalks")),
    ("The delegation walked away from the talks on Friday.",
     ("walked away from the talks", "RejectTalks")),
    ("The rebels often break off negotiations with the government.",
     ("break off negotiations", "RejectTalks")),
    ("The White House called off the summit.", ("called off the summit", "RejectTalks")),
])
def test_easing_pledges_and_refusals_take_their_class(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, kind", [
    # a promise not to do something else, a pause in a game, a broadcast stopped for news
    ("The coach promised not to change the team before the final.", "Deescalation"),
    ("The referee called a pause in the match.", "Deescalation"),
    ("The station stopped its evening broadcasts for the election.", "Deescalation"),
    ("The station stopped its broadcasts after the loudspeaker failed.", "Deescalation"),
    ("The company paused production at the plant.", "Deescalation"),
    ("Fiscal restraint kept the budget in balance.", "Deescalation"),
    # a door closed with no talks near it; a proposal to cut tariffs rejected
    ("She closed the door behind her and left.", "RejectTalks"),
    ("Parliament rejected the proposal to cut tariffs.", "RejectTalks"),
    ("He turned down the volume of the radio.", "RejectTalks"),
    ("The shop cancelled the order.", "RejectTalks"),
    # a contract signed is no treaty
    ("The club signed a new striker on Monday.", "CooperationPledge"),
])
def test_the_new_triggers_leave_other_readings_alone(lexicon, text, kind, drafted):
    got = drafted(text, lexicon)
    assert not any(k == kind for _, k in got), got
