"""The session 18 vocabulary of ontology/triggers.ttl for acts the drafter barely knew: troops
and strategic assets sent somewhere (kg:CapabilityDevelopment, deploying), balloons sent
across a border (kg:AirspaceIntrusion, no launch of a missile), firing at the other side's
loudspeakers, balloons or drones and a land incursion (kg:ArmedAttack), arms and military
technology given (kg:ArmsTransfer), a diplomat summoned to protest (kg:DiplomaticProtest; with
no protest told, a kg:Meeting, as tests/annotate/test_triggers.py pins). Made-up
sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    # troops and strategic assets sent (the codebook, rule 6: deploying)
    ("The regime sent several thousand troops to fight for its ally.",
     ("sent", "CapabilityDevelopment")),
    ("Hundreds of soldiers were dispatched to the front last month.",
     ("dispatched", "CapabilityDevelopment")),
    ("The navy sent a destroyer and a frigate to the exercise area.",
     ("sent", "CapabilityDevelopment")),
    ("The guided-missile submarine arrived in the southern port on Monday.",
     ("arrived in", "CapabilityDevelopment")),
    ("Two strategic bombers landed at the air base near the capital.",
     ("landed at", "CapabilityDevelopment")),
    ("The carrier docked in the harbour for five days.", ("docked", "CapabilityDevelopment")),
    ("The port call was the first in six years.", ("port call", "CapabilityDevelopment")),
    ("The enemy condemned the carrier's arrival as a provocation.",
     ("arrival", "CapabilityDevelopment")),
    # balloons sent across a border (kg:AirspaceIntrusion), no missile launched
    ("Activists launched balloons carrying leaflets over the frontier.",
     ("launched balloons", "AirspaceIntrusion")),
    ("The North floated dozens of balloons toward the South.",
     ("floated dozens of balloons", "AirspaceIntrusion")),
    ("Balloons carrying rubbish were sent over the line again.",
     ("Balloons carrying rubbish were sent", "AirspaceIntrusion")),
    # fire at the other side's things and a land incursion (kg:ArmedAttack)
    ("Border guards fired at the loudspeakers across the river.",
     ("fired at", "ArmedAttack")),
    ("Troops opened fire on a patrol boat.", ("opened fire on", "ArmedAttack")),
    ("The two armies exchanged fire near the ridge.", ("exchanged fire", "ArmedAttack")),
    ("The ground incursion by enemy troops ended within an hour.", ("incursion", "ArmedAttack")),
    ("A dozen soldiers crossed the demarcation line at noon.",
     ("crossed the demarcation line", "ArmedAttack")),
    # arms and military technology given (kg:ArmsTransfer)
    ("In return the ally gave the regime military technology.",
     ("military technology", "ArmsTransfer")),
    ("The country handed over weapons worth millions.",
     ("handed over weapons", "ArmsTransfer")),
    ("The buyer sought the procurement of artillery shells abroad.",
     ("procurement of artillery shells", "ArmsTransfer")),
    # a diplomat summoned (kg:DiplomaticProtest)
    ("The foreign ministry summoned the neighbour's ambassador on Monday to protest the law.",
     ("summoned", "DiplomaticProtest")),
    ("The ministry summoned the defence attaché of the embassy and protested.",
     ("summoned", "DiplomaticProtest")),
])
def test_the_words_of_forces_balloons_arms_and_summons(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, kinds", [
    # greetings or workers sent, a leader's trip, a defector crossing, a weapon's range
    ("The leader sent a congratulatory message to the soldiers.", {"CapabilityDevelopment"}),
    ("The premier's plane landed at the airport in the morning.", {"CapabilityDevelopment"}),
    ("The bureau dispatches thousands of workers abroad.", {"CapabilityDevelopment"}),
    ("A young soldier crossed the demarcation line to defect.", {"ArmedAttack"}),
    ("The missile is capable of delivering nuclear weapons to the mainland.",
     {"ArmsTransfer"}),
    ("The state watched a patrol ship fire cruise missiles.", {"ArmsTransfer"}),
    ("The resolutions ban any launch using ballistic missile technology.", {"ArmsTransfer"}),
    # balloons launched are no launch of a missile or a satellite
    ("Activists launched balloons carrying leaflets over the frontier.",
     {"MissileLaunch", "SpaceLaunch"}),
    ("Soldiers fired at the loudspeakers across the river.", {"MissileLaunch"}),
    # warning shots fired to drive them off are no attack (the codebook)
    ("The guards fired warning shots at the soldiers.", {"ArmedAttack"}),
    # a suspect summoned is no protest
    ("The clerk of the embassy was summoned for questioning by police.",
     {"DiplomaticProtest"}),
    # a summons to protest is no meeting
    ("The ministry summoned the ambassador to lodge a protest.", {"Meeting"}),
])
def test_words_near_them_that_tell_no_such_act(lexicon, text, kinds, drafted):
    got = [g for g in drafted(text, lexicon) if g[1] in kinds]
    assert got == [], got
