"""The session 14 vocabulary of the non-speech classes (ontology/triggers.ttl) and the matcher's
reading of names, adverbs and prepositions (kg/annotate/triggers.py): the verbs and nouns news
writers use for building weapons, sanctions, working together, holding back, attacks and
commitments, and the words that only look like them."""

from __future__ import annotations

import pytest
from kgtest import drafted_events


@pytest.mark.parametrize("text, expected", [
    # building weapons and forces (kg:CapabilityDevelopment)
    ("The regime is building nuclear weapons for the battlefield.",
     ("building nuclear weapons", "CapabilityDevelopment")),
    ("He hoped a new strategic weapon would be built soon.",
     ("weapon would be built", "CapabilityDevelopment")),
    ("The government should build the kill chain and missile defences.",
     ("build the kill chain and missile defences", "CapabilityDevelopment")),
    ("The country was strengthening its defences against the threat.",
     ("strengthening its defences", "CapabilityDevelopment")),
    ("The North keeps expanding its nuclear and missile forces.",
     ("expanding its nuclear and missile forces", "CapabilityDevelopment")),
    ("The plenum approved a reorganisation of key military formations.",
     ("reorganisation", "CapabilityDevelopment")),
    ("The army masses troops on the border.", ("masses troops", "CapabilityDevelopment")),
    ("The factory will produce more missiles next year.", ("produce", "CapabilityDevelopment")),
    ("The state had developed a new missile.", ("developed", "CapabilityDevelopment")),
    ("Kim promised to develop the country's nuclear forces at the fastest speed.",
     ("develop", "CapabilityDevelopment")),
    ("The allies want to bind the North's military development.",
     ("development", "CapabilityDevelopment")),
    # sanctions told by what they do (kg:SanctionsEffort)
    ("The resolution bans the sale of machinery to the country.",
     ("bans the sale", "SanctionsEffort")),
    ("The draft, tabled by Washington, would have tightened the sanctions.",
     ("tabled", "SanctionsEffort")),
    ("A week later the Treasury listed three more addresses.",
     ("listed three more addresses", "SanctionsEffort")),
    ("Resolution 2270 restricted the North's coal sales.",
     ("restricted the North's coal sales", "SanctionsEffort")),
    ("The text sets a ceiling on its coal exports.", ("ceiling on its coal exports",
                                                       "SanctionsEffort")),
    # working together (kg:Coordination)
    ("The ships shared tactical data link information during the drill.",
     ("shared tactical data link information", "Coordination")),
    ("The army stayed on alert in close cooperation with its ally.",
     ("close cooperation with", "Coordination")),
    # holding back (kg:Deescalation)
    ("Washington could end its joint military drills with Seoul.",
     ("end its joint military drills", "Deescalation")),
    ("The South switched off its border loudspeakers in 2018.",
     ("switched off its border loudspeakers", "Deescalation")),
    ("The accord commits both sides to cease all hostile acts.",
     ("cease all hostile acts", "Deescalation")),
    # force used against the other side (kg:ArmedAttack), hit or missed
    ("The helicopters fired about 100 rounds at the drones.",
     ("fired about 100 rounds", "ArmedAttack")),
    ("Not one of the drones was brought down.", ("brought down", "ArmedAttack")),
    ("The troops fired machine guns at the balloons.", ("fired machine guns", "ArmedAttack")),
    ("He warned what would follow if the North attempted to use nuclear weapons.",
     ("use nuclear weapons", "ArmedAttack")),
    # commitments and answers
    ("The secretary said Washington would go on providing extended deterrence.",
     ("providing extended deterrence", "DefenseCommitment")),
    ("A test would be met with an unparalleled response.", ("response", "MilitaryResponse")),
    # a plan unveiled is adopted (kg:PolicyAdoption), not a weapon
    ("The economic plan that the leader unveiled at the congress failed.",
     ("unveiled", "PolicyAdoption")),
    ("The paper set out plans to revise Japan's defence documents this year.",
     ("revise Japan's defence documents", "PolicyAdoption")),
    # detecting another's act (kg:Detection)
    ("The agency had observed indications that the site was reopened.",
     ("observed", "Detection")),
    # bombers flying over a sea fly a sortie, launch nothing
    ("Two bombers had flown over the Sea of Japan on Tuesday.", ("flown", "AirDrill")),
    # a missile tested before a device
    ("The North might test a missile or a nuclear device.", ("test a missile", "MissileTest")),
    # joint air patrols, surveillance stepped up
    ("The bombers had patrolled over the Sea of Japan.", ("patrolled", "AirDrill")),
    ("It was the fourth joint strategic patrol by the two air forces.",
     ("strategic patrol", "AirDrill")),
    ("The military had stepped up surveillance after the launch.",
     ("stepped up surveillance", "SecurityAlert")),
    # offensives, practised attacks, stationed forces, processed proceeds
    ("The army launched an offensive in the east.", ("launched an offensive", "ArmedAttack")),
    ("The units had practised loading nuclear warheads.", ("practised", "MilitaryExercise")),
    ("The allies will station more troops in the east.",
     ("station more troops", "CapabilityDevelopment")),
    ("The mixer had processed $20 million of the proceeds.",
     ("processed", "SanctionsEvasion")),
    # an adverb after a noun is no noun it modifies ("drills ahead of")
    ("The allies held drills ahead of the exercise.", ("drills", "MilitaryExercise")),
    # giving up weapons is no transfer of them (kg:Dismantlement)
    ("It is very unlikely to give up the weapons the resolution names.",
     ("give up the weapons", "Dismantlement")),
    ("The council demands that Pyongyang abandon its nuclear weapons.",
     ("abandon its nuclear weapons", "Dismantlement")),
    ("Moscow will give weapons to the North.", ("give weapons", "ArmsTransfer")),
    # a launch site's place is no target ("from the station at Tongchang-ri")
    ("The rocket lifted off from the Sohae station at Tongchang-ri on Friday.",
     ("lifted off", "MissileLaunch")),
    ("Russian forces launched drones from Crimea at Odesa overnight.",
     ("launched", "ArmedAttack")),
    # removals from office and the party, a purge, a successor named (kg:Appointment)
    ("The Politburo stripped him of all his posts and titles.", ("stripped", "Appointment")),
    ("The meeting expelled him from the party on Sunday.",
     ("expelled him from the party", "Appointment")),
    ("Kim removed the army chief in July 2012.", ("removed", "Appointment")),
    ("We expect the purge to continue.", ("purge", "Appointment")),
    ("The quick naming of a successor suggests a plan.",
     ("naming of a successor", "Appointment")),
    # a held person freed or released, a pardon, an execution after a verdict (kg:LegalAction)
    ("Kim issued a special pardon to the two journalists.", ("special pardon", "LegalAction")),
    ("Yun demanded the student's release on humanitarian grounds.", ("release", "LegalAction")),
    ("The detainee was freed on Tuesday.", ("freed", "LegalAction")),
    ("The coast guard released the crew of the trawler.", ("released", "LegalAction")),
    ("A court fined the ship's operator.", ("fined", "LegalAction")),
    # a barrage of missiles is a launch; a person shot, a wreath laid, a message passed on
    ("It fired a barrage of seven ballistic missiles.", ("barrage", "MissileLaunch")),
    ("The marines fired their guns from the island.",
     ("fired their guns", "ArtilleryFiring")),
    ("A guard shot a tourist near the beach.", ("shot", "ArmedAttack")),
    ("The envoys laid a wreath at the cemetery.", ("laid a wreath", "Ceremony")),
    ("The delegation passed on a verbal message from the leader.",
     ("passed on a verbal message", "PublicStatement")),
    ("A tribunal found him guilty, and he was executed straight afterwards.",
     ("executed", "LegalAction")),
    # a funeral and national mourning (kg:Ceremony)
    ("The funeral will be held in Pyongyang on 28 December.", ("funeral", "Ceremony")),
    ("The regime will close ranks during the mourning period.",
     ("mourning period", "Ceremony")),
    # a war, a clash, an inspection by a leader, a walkout, a confirmation
    ("In the event of war, he said, the North should occupy the South.", ("war", "ArmedAttack")),
    ("A clash broke out on the border.", ("clash", "ArmedAttack")),
    # suspending, leaving, scrapping or voiding an agreement (kg:AgreementSuspension)
    ("Seoul suspended the 2018 inter-Korean military agreement in full.",
     ("suspended the 2018 inter-Korean military agreement", "AgreementSuspension")),
    ("North Korea announced it was withdrawing from the Treaty.",
     ("withdrawing from the Treaty", "AgreementSuspension")),
    ("The North said it would never again be bound by the agreement.",
     ("never again be bound", "AgreementSuspension")),
    ("In March it had declared the 1953 armistice void.",
     ("declared the 1953 armistice void", "AgreementSuspension")),
    ("Pyongyang scrapped the pact the next day.", ("scrapped the pact", "AgreementSuspension")),
    # an invitation made or accepted, a promise or an offer to act, an agreement reached
    # (kg:CooperationPledge)
    ("Kim invited President Moon to Pyongyang.", ("invited", "CooperationPledge")),
    ("Putin had gladly accepted the invitation.", ("accepted", "CooperationPledge")),
    ("The invitation was readily accepted.", ("invitation", "CooperationPledge")),
    ("Everyone promised to move in step.", ("promised to", "CooperationPledge")),
    ("The three had agreed in May.", ("agreed", "CooperationPledge")),
    # working together told as a state or a course of action (kg:Coordination)
    ("Washington condemned the military cooperation between Russia and North Korea.",
     ("military cooperation", "Coordination")),
    ("Seoul is cooperating closely with the United States.", ("cooperating", "Coordination")),
    # an answer in kind or in corresponding measures, decisive action (kg:MilitaryResponse)
    ("Pyongyang said it would take corresponding measures.",
     ("corresponding measures", "MilitaryResponse")),
    ("The North vowed to answer in kind.", ("answer in kind", "MilitaryResponse")),
    ("Any attack would mean the end of the Kim regime.",
     ("end of the Kim regime", "MilitaryResponse")),
    # hostile acts, provocative moves, border incidents (kg:MilitaryProvocation)
    ("The North kept up its provocative moves.", ("provocative moves", "MilitaryProvocation")),
    ("A border incident followed in May.", ("incident", "MilitaryProvocation")),
    # backing down, a thaw, lines restored (kg:Deescalation)
    ("Neither side would back down.", ("back down", "Deescalation")),
    ("Pyongyang restored the hotlines on Monday.", ("restored the hotlines", "Deescalation")),
    # cargo inspected, funds frozen, travel barred (kg:SanctionsEffort)
    ("States must inspect all North Korean cargo.", ("inspect all North Korean cargo",
                                                      "SanctionsEffort")),
    ("The resolution imposes a travel ban on officials.", ("travel ban", "SanctionsEffort")),
    # a delegation led, a ship boarded, an envoy sent (kg:Visit)
    ("Choe led a five-member delegation to Pyongyang.",
     ("led a five-member delegation to", "Visit")),
    ("Yoon boarded the carrier in Busan.", ("boarded", "Visit")),
    # channels and links cut, offices shut, envoys recalled (kg:RelationsBreak)
    ("Pyongyang cut off all inter-Korean communication lines on Thursday.",
     ("cut off all inter-Korean communication", "RelationsBreak")),
    ("The North has severed the hotlines twice before.", ("severed", "RelationsBreak")),
    ("It shut down the liaison office in Kaesong.",
     ("shut down the liaison office", "RelationsBreak")),
    ("Malaysia had already recalled its envoy.", ("recalled its envoy", "RelationsBreak")),
    # a forceful answer told as "action" with a word of force (kg:MilitaryResponse)
    ("Pyongyang would take stronger physical actions of other forms.",
     ("physical actions", "MilitaryResponse")),
    ("It vowed overwhelming action against any provocation.",
     ("overwhelming action", "MilitaryResponse")),
    # an act told beside another is still told ("staged a provocation and a missile launch")
    ("The North staged a provocation and a missile launch.",
     ("provocation", "MilitaryProvocation")),
    ("Kim inspected the submarine on Saturday.", ("inspected", "Visit")),
    ("The delegation walked out of the chamber.", ("walked out", "RejectTalks")),
    ("The ministry confirmed on Monday that the talks had ended.",
     ("confirmed", "PublicStatement")),
    # "called X Y" with no article: a speaker's judgement spoken, a statement
    ("Japan's prime minister, Junichiro Koizumi, called the decision extremely regrettable.",
     ("called", "PublicStatement")),
    # its particle only right after "call" ("[>on]"): "on Monday" further on is none
    ("Koizumi called the decision extremely regrettable on Monday.",
     ("called", "PublicStatement")),
    # fire returned or traded, a battle at sea; a call by telephone; a reactor shut down
    ("The South Korean boats fired back within minutes.", ("fired back", "ArmedAttack")),
    ("The two navies fought a naval battle near the island.", ("naval battle", "ArmedAttack")),
    ("Kim telephoned the Japanese prime minister.", ("telephoned", "PhoneCall")),
    ("The North agreed to shut down the Yongbyon reactor.", ("shut down", "Dismantlement")),
    ("Inspectors will verify the disablement.", ("disablement", "Dismantlement")),
    # an offer withdrawn, a request for a visit refused; a state taken off a list
    ("Washington had withdrawn its offer to send a delegation.",
     ("withdrawn its offer", "RejectTalks")),
    ("Pyongyang refused the South's request for a joint inquiry.",
     ("refused the South's request", "RejectTalks")),
    ("Washington began taking the North off its list of state sponsors of terrorism.",
     ("taking the North off its list", "SanctionsRelief")),
    ("Tokyo will suspend food aid to the North.", ("suspend food aid", "SanctionsEffort")),
    ("Activists launched leaflets across the border.", ("launched leaflets",
                                                         "AirspaceIntrusion")),
    ("The first shipment of rice reached the North.", ("shipment", "Trade")),
    ("The navy adopted new rules of engagement.", ("adopted new rules", "PolicyAdoption")),
    # praise, a remark and an estimate with a speaker are statements (typed by what they say)
    ("Trump praised the summit on Twitter on Friday.", ("praised", "PublicStatement")),
    ("The ministry estimated on Monday that the missile flew 800 km.",
     ("estimated", "PublicStatement")),
    # an agreement abrogated or abandoned; a joint body disbanded; a war ended; a salute,
    # mass games; a country set foot in; cooperation suspended; an overture ignored; fuel
    # reprocessed
    ("The South abrogated the military agreement.", ("abrogated the military agreement",
                                                      "AgreementSuspension")),
    ("Pyongyang may abandon the framework altogether.", ("abandon the framework",
                                                         "AgreementSuspension")),
    ("The North disbanded the committee for reunification.", ("disbanded",
                                                               "RelationsBreak")),
    ("The leaders want to end the war formally.", ("end the war", "Deescalation")),
    ("A 21-gun salute greeted the president.", ("21-gun salute", "Ceremony")),
    ("The guests watched the mass games.", ("mass games", "Ceremony")),
    ("No premier had set foot in Japan for a decade.", ("set foot in", "Visit")),
    ("Seoul suspended economic cooperation with the North.",
     ("suspended economic cooperation", "TradeSuspension")),
    ("Pyongyang ignored every overture from Tokyo.", ("ignored every overture",
                                                      "RejectTalks")),
    ("The North began to reprocess the spent fuel.", ("reprocess the spent fuel",
                                                      "CapabilityDevelopment")),
    # a round of talks is a session of them; talks left, quit or opposed (session 31)
    ("Three rounds of talks have been held in Beijing.", ("rounds of talks", "Meeting")),
    ("The North said it would withdraw from the talks.", ("withdraw from the talks",
                                                          "RejectTalks")),
    ("Moscow opposed the six-party talks.", ("opposed the six-party talks", "RejectTalks")),
    ("Tokyo may pull out of the negotiations.", ("pull out of the negotiations",
                                                 "RejectTalks")),
    # speech told by what is expressed, to whom it is told, or sent
    ("Kim expressed great satisfaction with the test.", ("expressed great satisfaction",
                                                        "PublicStatement")),
    ("The spokesman told a regular briefing that the door was open.",
     ("told a regular briefing", "PublicStatement")),
    ("Putin sent Kim a congratulatory message.", ("sent Kim a congratulatory message",
                                                  "PublicStatement")),
    ("Seoul welcomed the decision.", ("welcomed", "PublicStatement")),
    ("Tokyo welcomed the accord.", ("welcomed", "PublicStatement")),
    ("Bush welcomed it the same day.", ("welcomed", "PublicStatement")),
    # an agreement signed where it is named; sanctions enforced; military measures taken
    ("The agreement was ready, and both leaders signed it in Hanoi.",
     ("signed", "CooperationPledge")),
    ("Members must enforce the sanctions strictly.", ("enforce the sanctions",
                                                      "SanctionsEffort")),
    ("The army will take decisive military measures.", ("take decisive military measures",
                                                         "MilitaryResponse")),
    # a televised address; a visitor received; a crew captured
    ("The president gave a televised address.", ("televised address", "PublicStatement")),
    ("Kim received the visiting delegation.", ("received", "Meeting")),
    ("One infiltrator was captured alive.", ("captured", "LegalAction")),
    # talks told by their length or with a counterpart: one occasion, a meeting
    ("The envoy left after talks with his Peruvian counterpart.", ("talks", "Meeting")),
    ("After six hours of talks the ministers went home.", ("talks", "Meeting")),
    # talks with no such word: a negotiation
    ("The two states agreed to start talks on fishing rights.", ("talks", "Negotiation")),
])
def test_the_words_of_the_non_speech_classes(lexicon, text, expected, drafted):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, kinds", [
    # relations, friendship, news and names are developed, not weapons
    ("The North wished to develop state-to-state relations with them.",
     {"CapabilityDevelopment"}),
    ("Relations stayed difficult because of developments in the South.",
     {"CapabilityDevelopment"}),
    ("The workers are deployed by the bureau abroad.", {"CapabilityDevelopment"}),
    ("The country holds an amount of highly enriched uranium.", {"CapabilityDevelopment"}),
    # a word of a name whose head is another noun
    ("Kim visited the Sohae Satellite Launching Ground on Monday.", {"SpaceLaunch"}),
    ("The Strategy and Consultation Group was reactivated.", {"Meeting"}),
    # nouns and adjectives that only look like acts
    ("The resolution on human rights was tabled by the bloc.", {"SanctionsEffort"}),
    ("Assets would be sent in a timely and coordinated manner.", {"Coordination"}),
    ("He threatened to turn the city into a sea of fire.", {"MissileLaunch"}),
    # criticism told as fire: under heavier fire, drew fire
    ("Moon has come under heavier fire at home over the talks.",
     {"MissileLaunch", "ArmedAttack"}),
    ("The plan came under sharper fire from conservatives.", {"MissileLaunch", "ArmedAttack"}),
    ("The policy drew heavy fire from conservatives.", {"MissileLaunch", "ArmedAttack"}),
    ("The policy drew fire from conservatives.", {"MissileLaunch", "ArmedAttack"}),
    # a Q&A's heading, no statement
    ("The envoy answers five questions.", {"PublicStatement"}),
    ("They built drones that are hard to detect.", {"Detection"}),
    # a station is no statement, a signal no signing; a state after a count or a compound
    # modifier is a country, no speech act
    ("Kim's train stopped at the border station of Khasan and reached Vladivostok that "
     "evening.", {"PublicStatement"}),
    ("Seven months later eleven states set up a monitoring team on 3 May.",
     {"PublicStatement"}),
    ("In a statement two days later they declared that North Korea will never have the "
     "status of a nuclear-weapon state under the treaty.", {"PublicStatement"}),
    ("The navies practised the search for and tracking of missiles.", {"Detection"}),
    ("The North would meet any attempt with the toughest reaction.", {"Meeting"}),
    ("A missile fired south of the maritime buffer zone.", {"ArtilleryFiring"}),
    # defending an ally with nuclear weapons is no attack
    ("Would Washington use nuclear weapons to defend its ally?", {"ArmedAttack"}),
    # a report released, a plan executed, seals removed: no release from custody, no
    # execution, no removal from office
    ("The release of the report was delayed.", {"LegalAction"}),
    ("The satellite images released on Monday showed the site.", {"LegalAction"}),
    ("The plan was executed in three stages.", {"LegalAction"}),
    ("It removed the seals and surveillance equipment.", {"Appointment"}),
    ("A nuclear-free peninsula and free trade.", {"LegalAction"}),
    # war as a word of other things: an act of war, peace or war, deterring war, a war of
    # words, the Cold War; cargo inspected; a finding confirmed with no speaker
    ("Obama said the hack was not an act of war.", {"ArmedAttack"}),
    ("Humanity faces a choice of peace or war.", {"ArmedAttack"}),
    ("Their mission was to deter war.", {"ArmedAttack"}),
    ("The war of words went on.", {"ArmedAttack"}),
    ("They agreed the Council should take stern action.", {"MilitaryResponse"}),
    # a promise of harm, a view shared, criticism invited: no pledge
    ("The North promised to retaliate.", {"CooperationPledge"}),
    ("They agreed that the launch was a concern.", {"CooperationPledge"}),
    ("The plan invited criticism.", {"CooperationPledge"}),
    ("The two pledged to deepen military cooperation.", {"Coordination"}),
    ("The crowd crush incident shocked Seoul.", {"MilitaryProvocation"}),
    ("Power was restored to the city.", {"Deescalation"}),
    ("The IAEA board met in Vienna.", {"Visit"}),
    ("The coast guard boarded the cargo ship to search it.", {"Visit"}),
    ("Activists called for regime change and the end of the regime's abuses.",
     {"MilitaryResponse"}),
    # budgets cut, exercises closed: no relations broken
    ("The ministry cut the budget line for the project.", {"RelationsBreak"}),
    ("The drill closed with a parade.", {"RelationsBreak"}),
    # suspending tests or flights, withdrawing troops: no agreement left
    ("The North suspended its nuclear tests in April.", {"AgreementSuspension"}),
    ("Russia will withdraw its troops from the border.", {"AgreementSuspension"}),
    ("Airlines suspended flights to Pyongyang.", {"AgreementSuspension"}),
    ("The ministry will take legal action against the company.", {"MilitaryResponse"}),
    ("States are called on to inspect cargo going to the North.", {"Visit"}),
    # a judgement in quotes, or the second of two joined, judges an act and tells none
    ('Kim Yo-pyo calls the attack "an indisputable provocation".', {"MilitaryProvocation"}),
    ('Seoul called the launch an "armed protest" against the drills.', {"DiplomaticProtest"}),
    ("Kishida called the launch a grave violation of the resolutions and a serious "
     "provocation.", {"MilitaryProvocation"}),
    ("Its investigation had confirmed that the group was behind the theft.",
     {"PublicStatement"}),
    # "call" with its particle right after it is another verb ("called off", "called on")
    ("The ministry called off the talks.", {"PublicStatement"}),
    # a gun salute, missiles fired back into the sea, a request for money, a list of goods
    ("A 21-gun salute of gunfire greeted him.", {"ArmedAttack"}),
    ("The North fired back two missiles into the sea.", {"ArmedAttack"}),
    ("The ministry refused a request for more funds.", {"RejectTalks"}),
    ("Japan removed the items from the export list.", {"SanctionsRelief"}),
])
def test_words_that_only_look_like_acts(lexicon, text, kinds, drafted):
    got = [g for g in drafted(text, lexicon) if g[1] in kinds]
    assert got == [], got


@pytest.mark.parametrize("word, degree", [
    ("heavy", True), ("heavier", True), ("sharper", True), ("stronger", True),
    ("fierce", True), ("heavi", False), ("rapier", False), ("water", False), ("fire", False),
])
def test_an_adjective_of_degree_or_its_comparative(word, degree):
    from kg.annotate.triggers import _of_degree

    assert _of_degree(word) is degree


def test_a_name_whose_head_is_the_act_still_names_it(lexicon, drafted):
    got = drafted("The ministers flew in for the Security Consultative Meeting in Washington.",
                  lexicon)
    assert ("Meeting", "Meeting") in got, got


def test_a_commitment_to_provide_deterrence_is_one_commitment(lexicon, drafted):
    got = [g for g in drafted("The United States reiterated its ironclad commitment to provide "
                              "extended deterrence to the South.", lexicon)
           if g[1] == "DefenseCommitment"]
    assert got == [("ironclad commitment", "DefenseCommitment")], got


def _draft_events(text: str, gazetteer) -> list[tuple[str, str]]:
    """The events drafted (rules alone) with a status: dated or otherwise kept."""
    return [(it["quote"], it["type"])
            for it in drafted_events(text, gazetteer, date="2003-01-15", model="none")
            if not it["type"][0].islower() and it.get("status")]


def test_called_with_a_speaker_is_a_statement_and_a_name_called_is_none(gazetteer):
    # a reporting verb of the dated kind: kept with a speaker before it, left out where it
    # only names a thing ("what she called the North's rights")
    assert ("called", "PublicStatement") in _draft_events(
        "Japan's prime minister, Junichiro Koizumi, called the decision extremely regrettable.",
        gazetteer)
    assert _draft_events(
        "Japan kept interfering with what she called the North's sovereign rights.",
        gazetteer) == []
    # a named subject in a clause of "which" or "what", in the present: a name in use, no
    # act; in the past it reports what was said
    assert _draft_events(
        "Japan kept interfering with what North Korea's state media call the North's "
        "sovereign rights.", gazetteer) == []
    assert ("called", "PublicStatement") in _draft_events(
        "The parade closed with the Hwasong-20, which the Korean Central News Agency called "
        "the country's most powerful weapon.", gazetteer)
    assert ("calls", "PublicStatement") not in _draft_events(
        "The Amnok River, which China calls the Yalu, rose past its danger level.", gazetteer)


@pytest.mark.parametrize("text, expected", [
    # session 32 (held-out set 31): the verbs of travel a visit is told by
    ("Kelly went to Pyongyang in October.", ("went to", "Visit")),
    ("Lee left for New York the same day.", ("left for", "Visit")),
    ("Kim has travelled to China four times.", ("travelled to", "Visit")),
    # ... not their figurative uses
    ("The two sides went to great lengths to avoid a clash.", None),
    ("The issue will go to a vote next week.", None),
    # session 38: coming or going back to a capital, flying home
    ("The envoy had come to Seoul in person to explain them.", ("come to", "Visit")),
    ("The minister returned to Tokyo on Friday.", ("returned to", "Visit")),
    ("Xi flew home the next day.", ("flew home", "Visit")),
    ("Pyongyang returned to the talks in Beijing.", None),
    ("The time has come to act.", None),
    ("The Chinese delegation arrived on Monday.", ("arrived", "Visit")),
    ("The moment has arrived.", None),
    ("The shells arrived by rail.", None),
    # ... and meeting words: hands shaken, a working meal, a hearing of a legislature
    ("Trump shook hands with Kim in Singapore.", ("shook hands", "Meeting")),
    ("They had a working lunch.", ("working lunch", "Meeting")),
    ("The committee held public hearings in Seoul.", ("hearings", "Meeting")),
    ("The court hearing was set for May.", None),
    # a state freeing the people it held
    ("North Korea freed the last two Americans on Saturday.", ("freed", "LegalAction")),
    # session 38: a plea, a verdict, a trial, a suit
    ("He pleaded guilty on Tuesday.", ("pleaded guilty", "LegalAction")),
    ("The court found him guilty of trying to overthrow the state.",
     ("found him guilty", "LegalAction")),
    ("The two women were tried in a Malaysian court.", ("tried", "LegalAction")),
    ("A trading firm sued the Treasury in court.", ("sued", "LegalAction")),
    ("The court said he had tried to flee.", None),
    ("Pyongyang agreed to release him within days.", ("release him", "LegalAction")),
    # an envoy, an ambassador or a chairman named
    ("Obama named Bosworth his special envoy.", ("named Bosworth his special envoy",
                                                  "Appointment")),
    # ... not images or documents released to the press
    ("The ministry released images of the handover to the National Assembly.", None),
])
def test_travel_and_freeing_words(lexicon, drafted, text, expected):
    got = drafted(text, lexicon)
    if expected is None:
        assert not [g for g in got if g[1] in ("Visit", "LegalAction", "Meeting")], got
    else:
        assert expected in got, got
