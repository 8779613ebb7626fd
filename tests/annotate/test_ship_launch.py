"""A ship launched (set afloat at a ceremony) is a kg:Ceremony, no missile launch (the codebook,
rule 4: a ceremony presenting weapons; kg:draftLaunchedCue); missiles fired from a ship stay
launches. Made-up sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("The navy launched a new frigate at the southern yard on Monday.", ("launched", "Ceremony")),
    ("The country launched its second warship with a parade of sailors.",
     ("launched", "Ceremony")),
    ("The new corvette was launched in a snowstorm.", ("launched", "Ceremony")),
    ("Officials gathered to launch an 8,000-ton destroyer at the yard.", ("launch", "Ceremony")),
    ("The launch of the cruiser was delayed by a month.", ("launch", "Ceremony")),
])
def test_a_ship_launched_is_a_ceremony(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    ("Two cruise missiles were launched from a new destroyer.", ("launched", "MissileLaunch")),
    ("The navy launched a ballistic missile from the frigate.",
     ("launched a ballistic missile", "MissileLaunch")),
    ("The destroyer launched three anti-ship missiles at dawn.",
     ("launched three anti-ship missiles", "MissileLaunch")),
    ("Missiles were launched aboard the warship during the drill.",
     ("launched", "MissileLaunch")),
    # a ship fired at is no ship launched
    ("The patrol boat fired, aiming at our ship.", ("fired", "MissileLaunch")),
    ("Missiles were launched toward the destroyer.", ("launched", "MissileLaunch")),
])
def test_missiles_fired_from_a_ship_stay_launches(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


def test_a_ceremony_is_not_typed_by_the_weapons_it_shows(lexicon, drafted):
    got = drafted("The army held a military parade showing off new ICBMs.", lexicon)
    assert ("military parade", "Ceremony") in got, got
