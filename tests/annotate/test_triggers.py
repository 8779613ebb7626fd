"""Trigger lexicon (ontology/triggers.ttl) and matcher (kg/annotate/triggers.py) on generic
sentences of security news: the event kinds of each class, contexts and exclusions."""

from __future__ import annotations

import pytest

from kg.annotate.morph import load_morphology
from kg.annotate.triggers import find_triggers, load_rules


@pytest.mark.parametrize("text, expected", [
    ("Two drones violated the country's airspace on Monday.",
     ("violated the country's airspace", "AirspaceIntrusion")),
    ("The bombers entered the air defense identification zone without notice.",
     ("entered the air defense identification zone", "AirspaceIntrusion")),
    ("The drone incursion was the first in five years.", ("incursion", "AirspaceIntrusion")),
    ("The patrol boat's intrusion lasted an hour.", ("intrusion", "ShipIntrusion")),
    ("Officials said the country had supplied artillery shells to the group.",
     ("supplied artillery shells", "ArmsTransfer")),
    ("The arms deal was signed in secret.", ("arms deal", "ArmsTransfer")),
    ("The parliament adopted a law on the use of force.", ("adopted a law", "PolicyAdoption")),
    ("The cabinet unveiled a new security strategy.", ("unveiled a new security strategy",
                                                      "PolicyAdoption")),
    ("The regime launched a reconnaissance satellite.", ("launched a reconnaissance satellite",
                                                         "SpaceLaunch")),
    ("The country conducted an engine test at the site.", ("engine test", "EngineTest")),
    ("A fighter jet crashed shortly after take-off.", ("crashed", "Accident")),
    ("Washington accused the government of shipping weapons.", ("accused", "Accusation")),
    ("The ministry denied the report.", ("denied", "Denial")),
    ("The ministry rejected the allegation as a fabrication.",
     ("rejected the allegation", "Denial")),
    # a told act, answer or not (the codebook: scrambled jets are an air drill)
    ("The air force scrambled fighter jets.", ("scrambled", "AirDrill")),
    # firing at the other side's drones is an armed attack, hit or missed (the codebook)
    ("The military failed to shoot the drones down.", ("shoot the drones down",
                                                       "ArmedAttack")),
    ("Residents received a warning to take shelter.", ("warning", "SecurityAlert")),
    ("The treasury imposed new sanctions on three officials.",
     ("imposed new sanctions", "SanctionsEffort")),
    ("The minister had a phone call with her counterpart.", ("phone call", "PhoneCall")),
    # the session 9 classes (the codebook, section 3, rule 6)
    ("The two presidents spoke by telephone on Friday.", ("spoke by telephone", "PhoneCall")),
    ("Hackers stole millions in cryptocurrency from the exchange.", ("stole", "CyberOperation")),
    ("The heist was the largest of the year.", ("heist", "CyberOperation")),
    ("The treasury lifted sanctions on the shipping company.",
     ("lifted sanctions", "SanctionsRelief")),
    ("The bloc removed the bank from its sanctions list.",
     ("removed the bank from its sanctions list", "SanctionsRelief")),
    ("The radar detected the launch at dawn.", ("detected", "Detection")),
    ("The military tracked the missiles in real time.", ("tracked", "Detection")),
    ("The regime blew up the tunnels at its test site.",
     ("blew up the tunnels at its test site", "Dismantlement")),
    ("The freight trains between the two cities resumed on Monday.",
     ("trains between the two cities resumed", "Trade")),
    ("The neighbour suspended trade with the North.", ("suspended trade", "TradeSuspension")),
    ("Pyongyang lobbed a missile into the sea.", ("lobbed a missile", "MissileLaunch")),
    ("The regime has kept a moratorium on long-range launches.",
     ("moratorium on long-range launches", "Deescalation")),
    ("Delegates called for a resumption of dialogue.",
     ("resumption of dialogue", "ReturnToTalks")),
    ("He said there was no need for dialogue with the enemy.",
     ("no need for dialogue", "RejectTalks")),

    ("Six warplanes entered the country's air defence identification zone.",
     ("identification zone", "AirspaceIntrusion")),
    ("The militia took delivery of rockets from the regime.", ("took delivery", "ArmsTransfer")),
    ("The bloc added eight entities to its sanctions list.", ("sanctions list",
                                                             "SanctionsEffort")),
    ("The cabinet approved three security documents on Friday.",
     ("approved three security documents", "PolicyAdoption")),
    ("Two missiles flew over the islands.", ("flew over", "MissileLaunch")),
    ("Flights at the airport were halted for an hour.", ("Flights at the airport were halted",
                                                         "SecurityAlert")),
    ("The government called an emergency meeting.", ("emergency meeting", "Meeting")),
    ("The minister told reporters the launch was a grave threat.",
     ("told reporters", "PublicStatement")),

    ("The regime threatened to use nuclear weapons preemptively.",
     ("threatened to use nuclear", "NuclearThreat")),
    # a threat of a harm of the speaker's own, not nuclear (the session 10 codebook: kg:Threat)
    ("The regime threatened to shoot down spy planes.", ("threatened", "Threat")),
    ("Trains were suspended in the north.", ("Trains were suspended", "SecurityAlert")),
    ("The navy launched a four-day drill.", ("launched a four-day drill", "MilitaryExercise")),
    ("The launch came hours after the allies' drill had ended.", ("launch", "MissileLaunch")),
    # promised cooperation is a pledge (the codebook), the sharing itself a coordination
    ("The allies agreed to share missile warning data in real time.",
     ("agreed to share missile warning data", "CooperationPledge")),
    ("The allies began to share missile warning data in real time.",
     ("share missile warning data", "Coordination")),
    ("Seoul pledged to coordinate closely with Tokyo.",
     ("pledged to coordinate", "CooperationPledge")),
    ("The president offered food aid and vaccines to the North.",
     ("offered", "CooperationPledge")),
    ("A long-range missile lifted off from a site near the capital on Friday.",
     ("lifted off", "MissileLaunch")),
    ("The regime tested the motor of a new missile, a nuclear-capable weapon.",
     ("tested the motor", "EngineTest")),
    ("Five drones crossed the border.", ("crossed the border", "AirspaceIntrusion")),
    ("The boat entered the country's territorial waters.",
     ("entered the country's territorial waters", "ShipIntrusion")),
    ("The leaders agreed to strengthen security cooperation.",
     ("agreed to strengthen security cooperation", "CooperationPledge")),
    # the session 10 classes (the codebook, section 3, rules 1, 3 and 6)
    ("The regime formally recognised the two breakaway republics as independent states.",
     ("recognised the two breakaway republics as independent", "DiplomaticRecognition")),
    ("The president signed decrees recognising their independence.",
     ("recognising their independence", "DiplomaticRecognition")),
    ("The envoy handed over a letter of recognition.",
     ("letter of recognition", "DiplomaticRecognition")),
    ("The capital cut diplomatic ties with the regime.",
     ("cut diplomatic ties", "RelationsBreak")),
    ("The government was severing diplomatic relations with its neighbour.",
     ("severing diplomatic relations", "RelationsBreak")),
    ("The country recalled its ambassador on Friday.",
     ("recalled its ambassador", "RelationsBreak")),
    ("The army invaded its neighbour in February.", ("invaded", "ArmedAttack")),
    ("The invasion began before dawn.", ("invasion", "ArmedAttack")),
    ("Soldiers shot dead a man who had crossed the border.", ("shot dead", "ArmedAttack")),
    ("The war in Ukraine entered its tenth month.", ("war in Ukraine", "ArmedAttack")),
    ("The seizure of the eastern territory was condemned.",
     ("seizure of the eastern territory", "Occupation")),
    ("The country annexed four provinces of its neighbour.", ("annexed", "Occupation")),
    ("The plenum appointed a new foreign minister.", ("appointed", "Appointment")),
    ("The party dismissed the defence minister on Friday.", ("dismissed", "Appointment")),
    ("She took up the post of special rapporteur in August.",
     ("took up the post", "Appointment")),
    ("The president took office on 10 May.", ("took office", "Appointment")),
    ("The ministry warned of stronger action against the sanctions.",
     ("warned of", "Threat")),
    ("The regime threatened to retaliate against the drills.", ("threatened", "Threat")),
    ("The allies warned that a test would be met with an overwhelming response.",
     ("warned", "Threat")),
    ("The council gave the regime an ultimatum.", ("ultimatum", "Threat")),
])
def test_event_kinds_of_security_news_have_triggers(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    "Tensions on the peninsula remain high.",
    "The policy of sanctions has not changed the regime's course.",
    "Sanctions relief is not on the table.",
    "Trade between the two countries fell sharply.",
    "The drones were too small for the military's present detection assets.",
    "The group, a hacking organisation, was named in the report.",
    "The training focused on detecting and tracking submarines.",
    "The report is chiefly a warning to the allies.",
    "The submarine can deliver nuclear weapons.",
    "A missile crashed into the sea.",
    "The response of the council was muted.",
    "A ship and two munitions were shown.",
    "The move was seen as testing the alliance's resolve.",
    "The regime pledged to keep its nuclear arsenal.",
    "The country reaffirmed its commitment to denuclearization.",
    "The regime made progress in its missile programme.",
    # session 10: recognising, attacking, threatening only with what they take
    "The line is not recognised internationally.",
    "It would not change the country's internationally recognised borders.",
    "The regime does not recognize the maritime border.",
    "The programme seriously threatens world peace.",
    "The regime's programmes threaten the security of the region.",
])
def test_generic_words_are_no_event_without_their_context(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert got == [], got


@pytest.mark.parametrize("text, expected", [
    # restraint is an easing of tensions, never a drill (the codebook: kg:Deescalation)
    ("All sides must exercise restraint.", [("exercise restraint", "Deescalation")]),
    # an appeal to stop is the easing asked for
    ("Seoul urged Pyongyang to stop its provocations.",
     [("urged", "PublicStatement"), ("stop", "Deescalation"),
      ("provocations", "MilitaryProvocation")]),
    # test preparations build the capability; the test is an event of its own
    ("The North is preparing a nuclear test.",
     [("preparing", "CapabilityDevelopment"), ("nuclear test", "NuclearTest")]),
    # laundering; saying who stole is an accusation
    ("Prosecutors said the men laundered the stolen funds.",
     [("said", "Accusation"), ("laundered", "SanctionsEvasion")]),
    ("South Korea co-sponsored the resolution.", [("co-sponsored", "Coordination")]),
    ("The Treasury designated three officials.", [("designated", "SanctionsEffort")]),
    ("The two sides agreed to share missile warning data.",
     [("agreed to share missile warning data", "CooperationPledge")]),
    # sites reopened, dug or built (imagery and inspection reports): capability; the test
    # site is a place, no test
    ("Satellite images showed that the North had reopened a tunnel at the test site.",
     [("reopened", "CapabilityDevelopment")]),
    ("Construction of a new building near the reactor resumed in March.",
     [("Construction", "CapabilityDevelopment")]),
    ("The talks reopened in Geneva.", [("talks", "Negotiation")]),
    # steps of a legal case: deporting, questioning by prosecutors, expelling inspectors
    ("The two fishermen were deported to the North.", [("deported", "LegalAction")]),
    ("Prosecutors questioned the former adviser on Monday.", [("questioned", "LegalAction")]),
    ("Reporters questioned whether the plan would work.", []),
    ("North Korea expelled the inspectors in 2009.", [("expelled", "LegalAction")]),
    # a crypto theft and the laundering of its proceeds
    ("Hackers stole $100 million from the bridge.", [("stole", "CyberOperation")]),
    ("The hackers swapped the stolen tokens for ether.",  # "stolen": an adjective
     [("swapped", "SanctionsEvasion")]),
    # force against the other side's vessels or territory
    ("The sinking of the corvette Cheonan killed 46 sailors.", [("sinking", "ArmedAttack")]),
    ("the shelling of Yeonpyeong Island in 2010",
     [("shelling of Yeonpyeong Island", "ArmedAttack")]),
    # what is said types the act: blame ("was responsible"), a pledge of talks, a threat whose
    # cue is a verb phrase after a preposition's object ("by the North would be met with")
    ("On Monday the firm said the Lazarus Group may have been responsible.",
     [("said", "Accusation")]),
    ("Blinken said on Friday that the United States remained committed to diplomacy.",
     [("said", "CooperationPledge")]),
    ("On Friday the allies warned that a test by the North would be met with a strong response.",
     [("warned", "Threat"), ("test", "MissileTest"), ("response", "MilitaryResponse")]),
])
def test_these_sentences_draft_exactly_these_events(lexicon, text, expected, drafted):
    assert drafted(text, lexicon) == expected


@pytest.mark.parametrize("text, expected", [
    # a warning of a danger the speaker does not hold over the addressee is a statement
    # (the codebook, section 3); a warning of the speaker's own harm is a threat
    ("Officials warned that the regime may test a nuclear device soon.",
     ("warned", "PublicStatement")),
    ("Officials warned of a swift and forceful response to any test.", ("warned of", "Threat")),
    # a vow to build is a statement, a vow to retaliate a threat
    ("The leader vowed to develop the country's forces at the fastest speed.",
     ("vowed", "PublicStatement")),
    ("The leader vowed to retaliate for the drills.", ("vowed", "Threat")),
    # a nuclear threat stays one (kg:NuclearThreat is a kg:Threat, and the more specific)
    ("The regime threatened to use nuclear weapons against the allies.",
     ("threatened to use nuclear", "NuclearThreat")),
    # a summons told with no protest is a meeting (the codebook: kg:DiplomaticProtest's rule)
    ("The ministry summoned the ambassador.", ("summoned", "Meeting")),
    # a killing by troops is an attack; a virus kills no one in this ontology's sense
    ("The troops killed two soldiers of the other side.", ("killed", "ArmedAttack")),
])
def test_threats_warnings_and_attacks_take_their_class(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


def test_the_virus_and_the_cyber_attack_are_no_armed_attack(lexicon, drafted):
    for text in ("The virus killed dozens of civilians in the province.",
                 "A cyber attack on the exchange drained its wallets."):
        assert "ArmedAttack" not in {k for _, k in drafted(text, lexicon)}, (text,
                                                                            drafted(text, lexicon))


@pytest.mark.parametrize("text, kind", [
    # DEV false positives of the first session 10 triggers
    ("The defence minister said six missiles had been fired.", "Appointment"),
    ("The drills were ordered to send the enemies a strong warning.", "Threat"),
    ("The ministry regretted what it called disrespectful, threatening remarks.", "Threat"),
])
def test_a_fired_missile_is_no_dismissal_and_a_warning_sent_no_threat(lexicon, text, kind, drafted):
    assert kind not in {k for _, k in drafted(text, lexicon)}, drafted(text, lexicon)


def test_an_excluding_word_near_a_trigger_cancels_it(onto):
    rules = load_rules(onto)
    trig = next(t for t in rules.lexicon if t.type == "Accident" and t.words == ("crash",))
    assert "missile" in trig.exclude and not trig.context, trig


def test_a_speaker_named_in_an_appositive_makes_a_statement_without_a_date(onto):
    rules, morph = load_rules(onto), load_morphology()
    text = ("The envoy, Jane Doe, said the council had failed. "
            "Officials said the council had failed.")
    dated: list = []
    spans = find_triggers(text, rules, morph, dated=dated)
    said = [s for s in spans if text[s.start:s.end] == "said"]
    assert len(said) == 2 and said[0] not in dated and said[1] in dated, (said, dated)


@pytest.mark.parametrize("text, expected", [
    # the codebook: an act told as an answer is typed by what it is; the response word
    # names no event of its own
    ("The allies responded by firing four missiles into the sea.",
     [("firing four missiles", "MissileLaunch")]),
    ("In retaliation, the army fired about 100 artillery shells.",
     [("fired about 100 artillery shells", "ArtilleryFiring")]),
    ("In response to the launch, the allies fired two missiles.",
     [("launch", "MissileLaunch"), ("fired two missiles", "MissileLaunch")]),
    ("The regime fired two missiles in response to the drills.",
     [("fired two missiles", "MissileLaunch"), ("drills", "MilitaryExercise")]),
    ("In response, the ministry condemned the launch.",
     [("condemned", "Accusation"), ("launch", "MissileLaunch")]),
    ("In response, the two air forces staged a joint air drill on Monday.",
     [("joint air drill", "AirDrill")]),
    # a response whose form is not told stays a military response
    ("The defence minister vowed a resolute military response to any launch.",
     [("vowed", "Threat"), ("military response", "MilitaryResponse")]),
])
def test_an_act_told_as_an_answer_keeps_its_class(lexicon, text, expected, drafted):
    assert drafted(text, lexicon) == expected, drafted(text, lexicon)


@pytest.mark.parametrize("text, expected", [
    # trips and their legs (the codebook: kg:Visit)
    ("The prime minister arrived in Hanoi on Monday.", [("arrived in", "Visit")]),
    ("The foreign minister flies to Canberra on Thursday.", [("flies to", "Visit")]),
    ("The president's plane landed at a military airfield outside the capital.",
     [("landed at", "Visit")]),
    ("The envoy will leave for Beijing after the talks.",
     [("leave for", "Visit"), ("talks", "Negotiation")]),
    ("It was the chancellor's first trip to the region.", [("trip", "Visit")]),
    ("The defence secretary toured a shipyard with his host.", [("toured", "Visit")]),
    # ... a missile or an aircraft does none
    ("The missile landed in the sea west of the island.", []),
    ("A U.S. aircraft carrier will visit the port next month.", []),
    # ceremonies (kg:Ceremony)
    ("The regime held a military parade in the capital.", [("military parade", "Ceremony")]),
    ("The new president was sworn in on Tuesday.", [("sworn in", "Ceremony")]),
    ("Thousands attended the inauguration.", [("inauguration", "Ceremony")]),
    # an election is a vote (kg:Vote)
    ("The country holds a presidential election in March.",
     [("presidential election", "Vote")]),
    # the verb types the speech act: condemned and denounced accuse (the codebook)
    ("The ministry denounced the blockade.", [("denounced", "Accusation")]),
])
def test_visits_ceremonies_and_elections(lexicon, text, expected, drafted):
    assert drafted(text, lexicon) == expected, drafted(text, lexicon)


@pytest.mark.parametrize("text", [
    "Two bombers flew to the base after the drill.",
    "The drone landed at an airfield near the border.",
    "Debris from the rocket landed in the sea.",
])
def test_an_aircraft_or_a_missile_makes_no_visit(lexicon, text, drafted):
    assert "Visit" not in {k for _, k in drafted(text, lexicon)}, drafted(text, lexicon)


@pytest.mark.parametrize("text, expected", [
    # session 11: nominal mentions, inflections and light verbs of the event classes
    # a summons told with no protest (the codebook: a meeting)
    ("The foreign ministry summoned a diplomat of the embassy on Friday.",
     ("summoned", "Meeting")),
    ("The two vice ministers held talks in the capital.", ("held talks", "Meeting")),
    ("The minister spoke with her counterpart on the sidelines.", ("spoke with", "Meeting")),
    ("Leaders gathered at a conference on the region's security.", ("conference", "Meeting")),
    ("The president gave a reception for the visiting delegation.", ("reception", "Meeting")),
    # adopting a document is no vote
    ("The government adopted the defence white paper on Friday.",
     ("adopted", "PolicyAdoption")),
    ("The assembly adopted a new policy on the use of force.", ("adopted", "PolicyAdoption")),
    ("The council adopted the draft resolution unanimously.", ("adopted", "Vote")),
    # attacks and wars as nouns
    ("The attacks on the border posts killed three guards.", ("attacks", "ArmedAttack")),
    ("The country was devastated in the Second World War.",
     ("Second World War", "ArmedAttack")),
    ("Veterans of the Korean War gathered in the capital.", ("Korean War", "ArmedAttack")),
    # a navy's drill is no air drill, however many jets it involves
    ("The navy's drills with destroyers and fighter jets went on for three days.",
     ("drills", "MilitaryExercise")),
    # entries into an air defence zone
    ("Two bombers made an entry into the air defence identification zone.",
     ("entry into the air defence identification zone", "AirspaceIntrusion")),
    ("The bombers flew through the KADIZ for an hour.", ("flew through the KADIZ",
                                                       "AirspaceIntrusion")),
    # a response whose form is not told
    ("The allies agreed to respond sternly to any provocation.",
     ("respond", "MilitaryResponse")),
    ("The ministers discussed joint responses to the launches.",
     ("responses", "MilitaryResponse")),
    # building up forces
    ("The government plans to double the defence budget within five years.",
     ("defence budget", "CapabilityDevelopment")),
    ("The country is set to mass-produce the new drones.", ("mass-produce",
                                                            "CapabilityDevelopment")),
    # a change of state told as one
    ("The security environment around the country grows harsher every year.",
     ("grows harsher", "TensionEscalation")),
    ("Relations between the neighbours deteriorated sharply last year.",
     ("deteriorated", "TensionEscalation")),
    # sanctions and designations as nouns
    ("The U.N. sanctions on the regime cover coal and textiles.",
     ("sanctions", "SanctionsEffort")),
    ("The treasury announced the designations of three shipping firms.",
     ("designations", "SanctionsEffort")),
    # an intrusion into computers
    ("The agency reported cyber intrusions at two banks.", ("cyber intrusions",
                                                           "CyberOperation")),
])
def test_nominal_and_light_verb_mentions_take_their_class(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, kind", [
    # a heart attack, an attack helicopter, a war game, a cold or trade war: no armed attack
    ("The general died of a heart attack.", "ArmedAttack"),
    ("The attack helicopters stood on the deck.", "ArmedAttack"),
    ("The officers played a war game on Tuesday.", "ArmedAttack"),
    ("The trade war between the two powers went on.", "ArmedAttack"),
    ("The Cold War ended decades ago.", "ArmedAttack"),
    # a war to deter or be ready for names no war; a strike capability is a capability
    ("Their mission was to deter war.", "ArmedAttack"),
    ("The forces are ready for actual war.", "ArmedAttack"),
    ("Seoul is building a preemptive strike capability.", "ArmedAttack"),
    # rebuilding what a war destroyed is no military build-up
    ("Workers could help restore facilities destroyed in the war.", "CapabilityDevelopment"),
    # sanctions eased or evaded are no sanctions effort
    ("The firms helped the regime evade sanctions.", "SanctionsEffort"),
    # a drill of a navy stays an exercise, adopting a resolution a vote
    ("The navy held drills near the carrier and the fighter jets.", "AirDrill"),
    ("The council adopted the resolution.", "PolicyAdoption"),
    # a phone call with someone is no meeting
    ("The president spoke with his counterpart by phone.", "Meeting"),
    # a press conference is a statement
    ("The minister held a press conference.", "Meeting"),
    # a summons to protest is a protest, a summons for questioning a legal act (the codebook)
    ("The ministry summoned the diplomat to lodge a protest.", "Meeting"),
    ("Prosecutors summoned the former official for questioning.", "Meeting"),
])
def test_session_11_triggers_leave_other_readings_alone(lexicon, text, kind, drafted):
    assert kind not in {k for _, k in drafted(text, lexicon)}, drafted(text, lexicon)


@pytest.mark.parametrize("text, expected", [
    # steps of a case at law (the codebook, rule 6: kg:LegalAction)
    ("Prosecutors on Monday charged two men with conspiring to evade sanctions.",
     ("charged two men with", "LegalAction")),
    ("Each is charged with one count of conspiracy.", ("charged with", "LegalAction")),
    ("Federal prosecutors indicted the former minister.", ("indicted", "LegalAction")),
    ("The indictment was unsealed on Friday.", ("indictment", "LegalAction")),
    ("A court issued arrest warrants for the two officials.",
     ("arrest warrants", "LegalAction")),
    ("Police arrested him at the airport.", ("arrested", "LegalAction")),
    ("The judge sentenced him to five years in prison.", ("sentenced", "LegalAction")),
    ("The judge fined him $100,000.", ("fined him", "LegalAction")),
    ("He was released on bail a week later.", ("released on bail", "LegalAction")),
    ("He is fighting a request for his extradition.", ("extradition", "LegalAction")),
    ("Each faces up to 20 years in prison if convicted.",
     ("faces up to 20 years in prison", "LegalAction")),
    ("The regime has detained three foreign nationals.", ("detained", "LegalAction")),
    # shells, rounds and warning shots fired are artillery fire: the object decides
    ("The army fired more than 10 rocket rounds into the sea.",
     ("fired more than 10 rocket rounds", "ArtilleryFiring")),
    ("The units fired 10 multiple-rocket rounds into the buffer zone.",
     ("fired 10 multiple-rocket rounds", "ArtilleryFiring")),
    ("The navy fired warning shots at the merchant ship.",
     ("fired warning shots", "ArtilleryFiring")),
    ("The general staff ordered more warning fire.", ("warning fire", "ArtilleryFiring")),
    ("Dozens of shells were fired near the border.", ("shells were fired", "ArtilleryFiring")),
    # talks held on one occasion are a meeting, talks as a process negotiation (the codebook)
    ("The allies held their annual defence talks at the ministry.",
     ("held their annual defence talks", "Meeting")),
    ("The allies' annual defence talks opened at the ministry.",
     ("annual defence talks", "Meeting")),
    ("The two envoys had informal talks over dinner.", ("informal talks", "Meeting")),
    ("Talks with the regime would take years.", ("Talks", "Negotiation")),
])
def test_legal_actions_artillery_and_talks_take_their_class(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    # no case at law: an investigation (rule 7), a sentence of a text, a fine day, a charge of
    # explosives, a grammatical object of "fine"
    "Prosecutors opened an investigation into the deletion of the reports.",
    "The last sentence of the report was left out.",
    "The weather was fine on the day of the parade.",
    "The heart attack led to a cardiac arrest.",
    # rounds of launches, rounds fired by aircraft or small arms: no artillery
    "In January it fired missiles in seven rounds of launches.",
    "From late September it fired missiles in eight rounds in less than three weeks.",
    "Troops fired warning shots into the air.",
])
def test_no_legal_action_or_artillery_without_its_words(lexicon, text, drafted):
    got = [g for g in drafted(text, lexicon) if g[1] in ("LegalAction", "ArtilleryFiring",
                                                         "MilitaryResponse")]
    assert got == [], got


@pytest.mark.parametrize("text", [
    # shells landing in the sea are no visit
    "Some 100 more, fired from the county, land in the western buffer zone.",
    "None lands in South Korean waters.",
])
def test_shells_landing_in_the_sea_are_no_visit(lexicon, text, drafted):
    got = [g for g in drafted(text, lexicon) if g[1] == "Visit"]
    assert got == [], got


def test_a_visit_lands_in_a_city(lexicon, drafted):
    got = drafted("The president landed in the capital on Monday.", lexicon)
    assert ("landed in", "Visit") in got, got


@pytest.mark.parametrize("text, expected", [
    # talk of a thing is speech about it, talks are negotiations
    ("His talk of a preemptive strike had worsened relations.", ("talk of", "PublicStatement")),
    ("The envoy spoke of a vicious circle of drills.", ("spoke of", "PublicStatement")),
    ("Talks with the regime would take years.", ("Talks", "Negotiation")),
])
def test_talk_of_a_thing_is_speech_and_talks_are_negotiation(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, absent", [
    # a participle before its noun, after a determiner, a number or a preposition, is an
    # adjective (the codebook: no event, a claim about the thing)
    ("The thief swapped the stolen tokens for ether on Monday.", "stolen"),
    ("The exchange screened transfers against sanctioned wallets.", "sanctioned"),
    # what an actor is able to do is a capacity, no act told
    ("It is the only submarine known to be able to fire one.", "fire"),
    ("The drill suggests the North can now fire an ICBM at short notice.", "fire"),
    ("The army is capable of launching missiles from rail cars.", "launching"),
    # "an act of" after a verb of judgement or a copula judges an act, like "a"
    ("Seoul called the launch an act of grave provocation.", "provocation"),
    ("He said a new test would be an alarming act of provocation.", "provocation"),
    # an adverb between the copula and the article ("was also a test")
    ("Yet the missile was also a test the regime needed.", "test"),
    # a legal test is no missile test; what can be done to a thing is no act
    ("The suit marked a serious legal test of the new rules.", "test"),
    ("The suit asked whether a piece of software can be sanctioned at all.", "sanctioned"),
])
def test_adjectives_capacities_and_judgements_are_no_event(lexicon, drafted, text, absent):
    got = drafted(text, lexicon)
    assert absent not in [q for q, _ in got], got


@pytest.mark.parametrize("text, expected", [
    # the same words as verbs of a told act stay events
    ("Hackers stole tokens worth $600 million.", ("stole", "CyberOperation")),
    ("The Treasury sanctioned two firms on Friday.", ("sanctioned", "SanctionsEffort")),
    ("All members should be able to condemn the launches.", ("condemn", "Accusation")),
    ("The North could test at any time, the envoy said.", ("test", "MissileTest")),
    ("The North committed an act of provocation on Sunday.",
     ("provocation", "MilitaryProvocation")),
])
def test_told_acts_beside_adjectives_and_capacities_stay_events(lexicon, drafted, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a member voting against a resolution votes; a veto blocks it (the codebook, kg:Vote)
    ("Five states voted against the resolution on Wednesday.", ("voted against", "Vote")),
    ("Russia vetoed the resolution on Wednesday.", ("vetoed", "ResolutionBlocking")),
    # an offer of talks is a pledge (the codebook, rule 5), not the talks
    ("The allies answered with an offer of dialogue that the North ignored.",
     ("offer of dialogue", "CooperationPledge")),
    # bringing a side back to talks, reviving a suspended dialogue: a return to talks
    ("The envoy urged members to bring the North back to dialogue.",
     ("back to dialogue", "ReturnToTalks")),
    ("The two leaders agreed to revive a security dialogue suspended since 2018.",
     ("revive a security dialogue", "ReturnToTalks")),
])
def test_votes_offers_and_returns_to_talks_take_their_class(lexicon, drafted, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    ("Russia annexed four regions of Ukraine on Friday.", [("annexed", "Occupation")]),
    ("The annex to the enrichment facility looked complete.", []),
    ("An annex begun in September 2021 now looked complete.", []),
])
def test_annex_is_an_occupation_only_as_a_verb(lexicon, drafted, text, expected):
    got = [d for d in drafted(text, lexicon) if d[1] == "Occupation"]
    assert got == expected, drafted(text, lexicon)


@pytest.mark.parametrize("text", [
    # an exercise is the whole programme, a military exercise even with aircraft in it
    "Vigilant Storm, the combined air exercise the allies opened with about 240 aircraft, ran "
    "for five days.",
    "A tabletop exercise simulating a nuclear attack on the fighter base is due this week.",
])
def test_an_exercise_with_aircraft_is_a_military_exercise(lexicon, drafted, text):
    got = drafted(text, lexicon)
    assert ("exercise", "MilitaryExercise") in got and "AirDrill" not in {k for _, k in got}, got


# A launch is typed by what it launches (the codebook, rule 3.2; kg:draftInstrumentCue).
@pytest.mark.parametrize("text, expected", [
    ("The agency fired a carrier rocket from its coastal site on Tuesday.",
     ("fired a carrier rocket", "SpaceLaunch")),
    ("The rocket carrying the weather satellite lifted off at dawn.",
     ("lifted off", "SpaceLaunch")),
    ("The agency fired a rocket on Monday that carried two small satellites.",
     ("fired a rocket", "SpaceLaunch")),
    # a missile keeps a test a test (it refines a launch)
    ("The army test-fired a new missile on Friday.", ("test-fired", "MissileTest")),
])
def test_a_launch_takes_the_class_of_what_it_launches(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a word modifying another noun, or a name, names nothing launched
    ("Satellite images suggested the army fired from a new site.", ("fired", "MissileLaunch")),
    ("The rocket lifted off from the Northern Satellite Launching Centre.",
     ("lifted off", "MissileLaunch")),
    # a satellite of another clause
    ("The army fired a rocket on Monday, days after the satellite launch failed.",
     ("fired a rocket", "MissileLaunch")),
])
def test_no_space_launch_from_a_satellite_the_launch_does_not_launch(lexicon, text, expected,
                                                                     drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # every launch told before put a satellite up: a later bare one is a space launch too
    ("The agency said it would put a weather satellite into orbit this week. "
     "It fired the rocket a day early.", ("fired the rocket", "SpaceLaunch")),
    ("The agency launched a satellite on Monday. Officials expect another launch in June.",
     ("launch", "SpaceLaunch")),
    # a story of both kinds: the bare launch keeps its own class
    ("The agency put a weather satellite into orbit in May. The army fired a cruise missile "
     "in June. It fired again on Friday.", ("fired", "MissileLaunch")),
    # a missile named in its sentence
    ("The agency put a weather satellite into orbit in May. On Friday the army fired again, "
     "the third missile this year.", ("fired", "MissileLaunch")),
])
def test_a_bare_launch_takes_the_class_of_the_story_s_launches(lexicon, text, expected,
                                                               drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


def test_a_definite_launch_refers_back_to_the_space_launch(lexicon):
    rules, morph = lexicon
    text = ("The agency said it would put a weather satellite into orbit this week. "
            "It fired the rocket a day early. Neighbours condemned the launch.")
    refs: list = []
    find_triggers(text, rules, morph, refs)
    assert [(text[s.start:s.end], s.key) for s in refs] == [("launch", "SpaceLaunch")]


@pytest.mark.parametrize("text, expected", [
    # a definite noun refers back to an event of a subclass of its class (an occupation is
    # an armed attack), not a new event of its own class
    ("The country annexed four provinces of its neighbour. The world condemned the invasion.",
     ("invasion", "Occupation")),
])
def test_a_definite_noun_refers_back_to_an_event_of_a_subclass(lexicon, text, expected):
    rules, morph = lexicon
    refs: list = []
    got = find_triggers(text, rules, morph, refs)
    assert [(text[s.start:s.end], s.key) for s in refs] == [expected]
    assert expected[0] not in [text[s.start:s.end] for s in got]


# A launch or firing at the other side's place, force or people is force used against it (the
# codebook, rule 3.1; kg:draftStrikeClass); one into the sea, a zone or a test stays a launch.
@pytest.mark.parametrize("text, expected", [
    ("The invaders fired three cruise missiles at Lumaria on Sunday.",
     ("fired three cruise missiles", "ArmedAttack")),
    ("The army launched several missiles at enemy cities overnight.",
     ("launched several missiles", "ArmedAttack")),
    ("The enemy fired rockets that hit a residential building in the port.",
     ("fired rockets", "ArmedAttack")),
    ("The gunners fired artillery at the border villages, killing four people.",
     ("fired artillery", "ArmedAttack")),
    ("Their forces fired missiles into Western Doria's capital region.",
     ("fired missiles", "ArmedAttack")),
    # a verb of hitting with a weapon or a force named in its sentence: an act of its own
    ("The missile hit Lumaria before dawn.", ("hit", "ArmedAttack")),
    ("Enemy forces struck Port Orrin with a ballistic missile.", ("struck", "ArmedAttack")),
])
def test_a_launch_fired_at_the_other_side_is_an_armed_attack(lexicon, text, expected,
                                                             drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    ("The army fired two ballistic missiles into the sea on Monday.",
     ("fired two ballistic missiles", "MissileLaunch")),
    ("The army fired a missile toward the East Sea.", ("fired a missile", "MissileLaunch")),
    ("The missiles were fired at a steep angle from the capital at 7:20 a.m.",
     ("fired", "MissileLaunch")),
    ("The navy fired a cruise missile off the coast of Lumaria.",
     ("fired a cruise missile", "MissileLaunch")),
    ("The battery fired a missile at an island target in a drill.",
     ("fired a missile", "MissileLaunch")),
    ("The army fired a missile on General Tor's order on Monday.",
     ("fired a missile", "MissileLaunch")),
    ("The gunners fired hundreds of shells into the buffer zone.",
     ("fired hundreds of shells", "ArtilleryFiring")),
    ("The army fired missiles on Friday in a show of force against Lumaria.",
     ("fired missiles", "MissileLaunch")),
    # after a comma, a preposition no longer tells what the launch was fired at
    ("The army fired a missile on Tuesday, raising alarm on the Doria Peninsula.",
     ("fired a missile", "MissileLaunch")),
])
def test_a_launch_that_hits_no_one_of_the_other_side_stays_a_launch(lexicon, text, expected,
                                                                    drafted):
    got = drafted(text, lexicon)
    assert expected in got and "ArmedAttack" not in {k for _, k in got}, got


@pytest.mark.parametrize("text", [
    "The warhead hit a target 700 kilometres away.",
    "The missiles struck targets in the sea after a long flight.",
    "The storm hit Lumaria on Monday.",
    "The new sanctions hit the regime's economy hard.",
    "The two sides struck a deal on Friday.",
])
def test_a_verb_of_hitting_without_the_other_side_is_no_attack(lexicon, text, drafted):
    got = drafted(text, lexicon)
    assert "ArmedAttack" not in {k for _, k in got}, got
