"""Speech acts (kg/annotate/speech.py, the speech-act lexicon of ontology/triggers.ttl) on
generic sentences of news language: a reporting verb after a speaker is an act of its own,
and a neutral one is typed by what was said."""

from __future__ import annotations

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def generic():
    g = Gazetteer()
    g.add_yaml()
    return g


def events(text: str, onto, generic) -> list[tuple[str, str]]:
    # the rules' speech types: the learned typer, retrained whenever data/ grows, may retype a
    # statement (tests/annotate/test_speech_model.py tests it on data of its own)
    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto,
                speech="none")
    return [(it["quote"], it["type"]) for it in doc["annotations"]
            if it["id"].startswith("ev-")]


@pytest.mark.parametrize("text, expected", [
    ("Prime Minister Jane Doe said the talks had failed.", ("said", "PublicStatement")),
    ("The foreign ministry said the new tariffs were unjust.", ("said", "PublicStatement")),
    ("A government spokesperson told lawmakers that the budget would rise.",
     ("told lawmakers", "PublicStatement")),  # the audience with the verb, as "told reporters"
    # an unnamed speaker whose phrase says whom it speaks for (the codebook)
    ("Japanese officials also said the summit would go ahead.", ("said", "PublicStatement")),
    ("A senior U.S. official said the summit would go ahead.", ("said", "PublicStatement")),
    ("A ministry official said the summit would go ahead.", ("said", "PublicStatement")),
    # the field of the office between the noun and whom it speaks for
    ("A U.S. defence official said the summit would go ahead.", ("said", "PublicStatement")),
    ("A senior Japanese foreign ministry official said the summit would go ahead.",
     ("said", "PublicStatement")),
    ("Japan said the plan was unacceptable.", ("said", "PublicStatement")),
    ("The envoy, who arrived on a late flight, said the talks had failed.",
     ("said", "PublicStatement")),  # a parenthetical between the speaker and the verb
    ("The deputy envoy said further sanctions would hurt civilians.",
     ("said", "PublicStatement")),  # before an event noun: no participle modifying it
    ("The delegate asked the assembly to postpone the vote.", ("asked", "PublicStatement")),
    # a time or a channel before the complement: the verb still opens it
    ("The ministry said on Tuesday, 4 May, that the tanker sank near the port.",
     ("said", "PublicStatement")),
    ("Prime Minister Jane Doe said U.S. forces would stay.", ("said", "PublicStatement")),
    # the armed forces are an identified speaker too (the codebook)
    ("The Joint Chiefs of Staff said the tanker sank near the port.",
     ("said", "PublicStatement")),
    # an adverb of order or of number between the speaker and the verb
    ("Japan first said the tanker sank near the port.", ("said", "PublicStatement")),
    ("Japan and Peru both said the tanker sank near the port.", ("said", "PublicStatement")),
])
def test_a_reporting_verb_after_a_speaker_is_a_speech_act_without_a_date(onto, generic,
                                                                          text, expected):
    got = events(text, onto, generic)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    "She said the talks had failed.",  # a pronoun: the act told before goes on
    "The tanker sank near the port, officials said.",  # the source of the sentence's facts
    "The tanker, the ministry said, sank near the port.",
    "The island is said to be uninhabited.",
    "The tanker sank near the port on Monday, 3 May, officials said.",  # dated, still a source
    "The tanker sank on Monday, he said, and the crew was rescued.",
    # unnamed speakers whose phrase names no one they speak for (the codebook)
    "Officials also said the summit would go ahead.",
    "Two officials said the summit would go ahead.",
    "A defence official said the summit would go ahead.",  # a field, but no one's
    "Analysts and defence officials said the summit would go ahead.",
    "A source in China said the trains would run daily.",
    # an attribution after the words with only a time, a channel or an audience after it
    # (the codebook: no event, wherever the speaker stands and whatever it carries)
    "The tanker sank near the port, the ministry said on Tuesday.",
    "The tanker sank near the port, the ministry said on Tuesday, 4 May.",
    "The tanker sank near the port, officials said late on Friday.",
    "The tanker sank near the port at 10 a.m., officials said at a briefing in Lima.",
    "The tanker sank near the port, the ministry said the next day.",
    "The tanker sank near the port, the ministry said the same day.",
])
def test_a_reporting_verb_that_only_sources_a_fact_is_no_speech_act(onto, generic, text):
    got = [e for e in events(text, onto, generic) if e[0] in ("said", "say")]
    assert got == [], got


@pytest.mark.parametrize("text", [
    # a phrase a reporting verb opens is an attribution after the words too ("whatever it
    # carries"), also with a participle of its own after it
    '"The launch is a provocation," the ministry said in a statement.',
    '"B-52s have flown over the peninsula," Maj. Rachel Buitrago, a spokeswoman for the U.S. '
    '7th Air Force, said in a statement released by USFK.',
    '"There is evidence," Defense Secretary Lloyd Austin told reporters in Rome on 23 October.',
    "The tanker sank near the port, the ministry said on Tuesday, describing it as an accident.",
    '"I have looked forward to this," Prime Minister Jane Doe told her host.',
    '"The talks went well," Prime Minister Jane Doe told him.',
])
def test_an_attribution_phrase_after_the_words_is_no_speech_act(onto, generic, text):
    got = [e for e in events(text, onto, generic) if e[1] == "PublicStatement"]
    assert got == [], got


@pytest.mark.parametrize("text, quote", [
    ("The ministry said in a statement that the launch had failed.", "said in a statement"),
    ("An official of the Joint Chiefs of Staff told reporters on Sept. 8 that the allies had "
     "tracked it.", "told reporters"),
    ('Secretary of State Mike Pompeo told reporters: "I wish we could have done more."',
     "told reporters"),
])
def test_a_reporting_phrase_that_opens_what_it_reports_is_a_speech_act(onto, generic, text,
                                                                        quote):
    assert quote in [e[0] for e in events(text, onto, generic)], events(text, onto, generic)


@pytest.mark.parametrize("text, expected", [
    ("The envoy said the drills were a pretext for an invasion of the island.",
     ("said", "Accusation")),
    ("The envoy said the rival's blockade had provoked the clash at sea.",
     ("said", "Accusation")),
    ("The foreign minister said the launches violated the arms control treaty.",
     ("said", "Accusation")),
    ("The envoy called the blockade a breach of the agreement.",
     ("called the blockade a", "Accusation")),
    ("A spokesperson said the vessel had illegally entered the strait.",
     ("said", "Accusation")),
    ("The ministry said the company was trying to hide where the cargo went.",
     ("said", "Accusation")),
    ("A spokeswoman said the reports were groundless.", ("said", "Denial")),
    ("The embassy called the article a fabrication.", ("called the article a", "Denial")),
    ("The agency said the country had never sold weapons abroad.", ("said", "Denial")),
    # a covert act attributed to another (money laundered, material support) and blame for
    # raising tensions accuse (the codebook: kg:Accusation)
    ("The Treasury said the service had been used to launder the stolen funds.",
     ("said", "Accusation")),
    ("The ministry said the firm had provided material support to the regime.",
     ("said", "Accusation")),
    ("A spokesperson said the launch needlessly raises tensions in the region.",
     ("said", "Accusation")),
    # facts distorted, guilt, a commitment broken: accusations too
    ("The spokesman said the BBC team had distorted facts.", ("said", "Accusation")),
    ("The ministry said the launch was inconsistent with the North's undertaking.",
     ("said", "Accusation")),
    ("The adviser said North Korea was directly responsible.", ("said", "Accusation")),
    ("The leader declared that the country would answer nuclear weapons with nuclear weapons.",
     ("declared", "NuclearThreat")),
])
def test_a_neutral_speech_act_is_typed_by_its_complement(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a verb of criticism accuses (CAMEO 111 criticize or denounce: the codebook's nearest
    # code of an accusation)
    ("The ministry criticised the decision.", ("criticised", "Accusation")),
    ("The envoy deplored the seizure of the vessel.", ("deplored", "Accusation")),
    # a protest made to the other state (the codebook: a diplomatic protest)
    ("The embassy protested the seizure of the vessel.", ("protested", "DiplomaticProtest")),
    ("The government lodged a formal protest with the embassy.",
     ("lodged a formal protest", "DiplomaticProtest")),
    ("The ministry lodged stern representations with the embassy.",
     ("lodged stern representations", "DiplomaticProtest")),
    ("The ministry summoned the ambassador to protest the decision.",
     ("protest", "DiplomaticProtest")),
    ("The envoy slammed the new tariffs.", ("slammed", "Accusation")),
    # what is said types a neutral act: a demand to undo another's act, blame ...
    ("The ministry said the neighbour must stop its drills near the border.",
     ("said", "Accusation")),
    ("The spokesperson said the rival must retract its claim to the islands.",
     ("said", "Accusation")),
    ("The envoy said the crisis was a consequence of the rival's exercises.",
     ("said", "Accusation")),
    ("The minister said the report interfered in the country's internal affairs.",
     ("said", "Accusation")),
    ("The ambassador said the rival was acting with impunity in the face of the council.",
     ("said", "Accusation")),
    ("The envoy said the rival's exercises lay behind the launches.", ("said", "Accusation")),
    ("The ambassador said the test was an unprovoked step.", ("said", "Accusation")),
    # ... the speaker's own harm to the addressee (a threat) ...
    ("The ministry said it would respond firmly to any further incursion.",
     ("said", "Threat")),
    ("The general warned that any incursion would meet a resolute response.",
     ("warned", "Threat")),
    ("The foreign minister vowed that the country would respond firmly to the tariffs.",
     ("vowed", "Threat")),
    ("The ministry warned that the rival would face an uncontrollable catastrophe.",
     ("warned", "Threat")),
    ("The general said his batteries were ready to open fire at any moment.",
     ("said", "Threat")),
    # ... a promise to work together (a pledge of cooperation) ...
    ("The two ministers said they would work closely with each other on the rail line.",
     ("said", "CooperationPledge")),
    ("The president vowed to support the neighbour's reconstruction and said his government "
     "would cooperate on energy.", ("vowed", "CooperationPledge")),
    ("The president said he was open to a meeting with his neighbour.",
     ("said", "CooperationPledge")),
    ("The envoy said the republic was prepared to engage in talks without conditions.",
     ("said", "CooperationPledge")),
    # (a commitment that remains, relations to be widened, talks to restart, a wish to meet)
    ("The envoy said her government remained committed to the joint declaration.",
     ("said", "CooperationPledge")),
    ("The president said the republic was willing to deepen relations with its neighbour.",
     ("said", "CooperationPledge")),
    ("The premier said the two governments would restart their suspended security talks.",
     ("said", "CooperationPledge")),
    ("The president told reporters that he would love to meet the neighbour's leader.",
     ("told reporters", "CooperationPledge")),
    # ... or says the act never was (a denial)
    ("The agency said the country had nothing to do with the theft.", ("said", "Denial")),
    ("The general staff said the rival's claims were exaggerated.", ("said", "Denial")),
    ("The agency said the rival had mistaken routine blasting for shelling.",
     ("said", "Denial")),
    # none of these: a statement (an evaluation, a warning of a danger not the speaker's)
    ("The general warned that the rival may test a missile soon.",
     ("warned", "PublicStatement")),
    ("The leader vowed to build more houses in the capital.", ("vowed", "PublicStatement")),
    ("The ministry said the new tariffs were unjust.", ("said", "PublicStatement")),
])
def test_a_speech_act_is_typed_by_what_it_says(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # an evaluation alone is no accusation: the act stays a statement (the codebook) ...
    ("The minister called the exercise a reckless step.",
     ("called the exercise a", "PublicStatement")),
    # ... calling another's act a provocation or an escalation accuses
    ("The minister called the exercise a provocation.",
     ("called the exercise a", "Accusation")),
    ("The envoy said the flights were a dangerous escalation.", ("said", "Accusation")),
    # the verb types the act itself (the codebook: condemned is an accusation)
    ("The minister condemned the launch as a violation of the truce.",
     ("condemned", "Accusation")),
    # a cue that is the object of a preposition is said of nothing
    ("The ambassador told reporters the council could not agree on a serious violation of "
     "its rules.", ("told reporters", "PublicStatement")),
    # the complement ends at the next speech act; a second verb of the same statement
    # ("... and accused") gives the statement its class (the codebook: one statement, one
    # event)
    ("The ministry said the drills were routine, and the rival accused it of violating the "
     "truce.", ("said", "PublicStatement")),
    ("The ministry said the drills were routine and accused the rival of violating the truce.",
     ("said", "Accusation")),
    ("The envoy said the talks had failed and denied that the delegation had walked out.",
     ("said", "Denial")),
])
def test_a_speech_act_keeps_its_type_without_a_cue_of_its_own(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, n", [
    # a pronoun with a time of its own in its clause tells another occasion (the codebook:
    # two events when the verbs tell two occasions)
    ("Prime Minister Jane Doe said the talks had failed. In March 2019 she said that a deal "
     "was close.", 2),
    ("Prime Minister Jane Doe said the talks had failed. In a committee in early February "
     "2019 she said it was time to change course.", 2),
    ("Prime Minister Jane Doe said the talks had failed. She said on 3 May 2019 that a deal "
     "was close.", 2),
    # with none, the act told before goes on
    ("Prime Minister Jane Doe said the talks had failed. She also said that a deal was "
     "close.", 1),
    ("On 2 May 2019 Prime Minister Jane Doe said the talks had failed. She added that a deal "
     "was close.", 1),
])
def test_a_pronoun_s_speech_with_a_time_of_its_own_is_another_act(onto, generic, text, n):
    got = [e for e in events(text, onto, generic) if e[1] == "PublicStatement"]
    assert len(got) == n, got


@pytest.mark.parametrize("text", [
    "The agency rejected what it called an illegal blockade.",  # a name only quoted
    "He unveiled a plan he called a bold initiative.",
])
def test_a_name_quoted_after_a_pronoun_is_no_speech_act(drafted, lexicon, text):
    got = [t for t in drafted(text, lexicon) if t[0].startswith("called")]
    assert got == [], got


def test_a_statement_that_frames_a_speech_verb_is_one_act(drafted, lexicon):
    text = "In a second statement on Sunday the agency said the reports were false."
    got = [t for t in drafted(text, lexicon) if t[1] in ("PublicStatement", "Denial")]
    assert got == [("said", "Denial")], got


@pytest.mark.parametrize("text, expected", [
    # the act reported is the act
    ("Her office said she condemned the blockade.", [("condemned", "Accusation")]),
    # the act of others, named, is reported: two acts
    ("The envoy told reporters that the rival had condemned the blockade.",
     [("told reporters", "PublicStatement"), ("condemned", "Accusation")]),
    ("The ministry said the two leaders denied it.",
     [("said", "PublicStatement"), ("denied", "Denial")]),
    # a second verb of the same speaker goes on with its act
    ("The army denied it, saying no shells had landed.", [("denied", "Denial")]),
    ("The envoy criticised the plan and said the vote was unfair.",
     [("criticised", "Accusation")]),
    ("The ministry condemned the blockade and urged the rival to lift it.",
     [("condemned", "Accusation")]),
    # a nominal reference is no act told: the complement runs on over it
    ("The ministry said the rival's accusation was groundless.",
     [("said", "Denial"), ("accusation", "Accusation")]),
    # a speech act after a modal or a negation is demanded, promised or denied, not told:
    # the report is an act of its own
    ("The ministry said the rival must apologise for the blockade.",
     [("said", "PublicStatement"), ("apologise", "PublicStatement")]),
])
def test_a_reporting_verb_that_tells_no_act_of_its_own_is_left_out(drafted, lexicon, text,
                                                                    expected):
    got = [t for t in drafted(text, lexicon)
           if t[1] in ("PublicStatement", "Denial", "Accusation")]
    assert got == expected, got


@pytest.mark.parametrize("text, expected", [
    ("The embassy described the sanctions as unjust.",
     ("described the sanctions as", "PublicStatement")),
    ("The cabinet dismissed the images as crude.", ("dismissed the images as", "PublicStatement")),
    ("The agency labelled the blockade a breach of the agreement.",
     ("labelled the blockade a", "Accusation")),
    ("The broadcaster quoted a minister as saying the embargo was illegal.",
     ("quoted a minister as saying", "Accusation")),
    ("The leader was quoted as saying the talks were over.",
     ("quoted as saying", "PublicStatement")),
])
def test_verbs_of_description_and_quotation_are_speech_acts(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    ("The envoy called on all parties to show restraint.",
     [("called on all parties to", "PublicStatement")]),
    # the same speaker's act goes on
    ("The council said the blockade broke the agreement and called on its members to act.",
     [("said", "Accusation")]),
    ("Officials called on the firm last week.", []),  # a visit, no demand
])
def test_a_call_on_someone_to_act_is_a_speech_act(drafted, lexicon, text, expected):
    got = [t for t in drafted(text, lexicon) if t[1] in ("PublicStatement", "Accusation")]
    assert got == expected, got


@pytest.mark.parametrize("text, expected", [
    # "called it reckless in a statement": no "call … a" across the "in" of an adverbial
    ("The ministry called it reckless in a statement on Monday.", ("called", "PublicStatement")),
    ("The ministry called it reckless in a statement.", ("called", "PublicStatement")),
])
def test_a_call_with_a_judgement_is_read_within_its_clause(drafted, lexicon, text, expected):
    got = [t for t in drafted(text, lexicon) if t[0].startswith("called")]
    assert got == [expected], got


def test_a_participle_of_description_is_no_speech_act(drafted, lexicon):
    got = drafted("The tanker, described as a new type, sank near the port.", lexicon)
    assert got == [], got


@pytest.mark.parametrize("text, expected", [
    # a statement noun framing the verb makes it an act without a speaker noun or a date
    ("In a statement, the group said the vote was rigged.", ("said", "PublicStatement")),
    # a phrase naming its own act is one after a pronoun too
    ("It said in a statement that the claims were groundless.",
     ("said in a statement", "Denial")),
    ("He told reporters the talks had failed.", ("told reporters", "PublicStatement")),
])
def test_an_act_named_as_such_needs_no_speaker_noun(onto, generic, text, expected):
    got = events(text, onto, generic)
    assert expected in got, got


def test_said_in_a_statement_is_one_speech_act(onto, generic):
    text = "The agency said in a statement that the country had never sold weapons abroad."
    got = [e for e in events(text, onto, generic)
           if e[1] in ("PublicStatement", "Denial", "Accusation")]
    assert got == [("said in a statement", "Denial")], got


@pytest.mark.parametrize("text, unwanted", [
    # a passive reporting verb has no speaker for its subject
    ("Residents were told to take shelter until noon on Monday.", "told"),
    ("No new case has been reported since late July.", "reported"),
])
def test_a_passive_reporting_verb_is_no_speech_act(drafted, lexicon, text, unwanted):
    got = drafted(text, lexicon)
    assert unwanted not in {q for q, _ in got}, got


@pytest.mark.parametrize("text, expected", [
    # a speech named by a noun, a reply, a negated act of speech (the codebook)
    ("The president spoke of unity in his inaugural address on Tuesday.",
     ("inaugural address", "PublicStatement")),
    ("The president made no mention of the launch.", ("made no mention of", "PublicStatement")),
    ("The ambassador replied on Friday that the sanctions had failed.",
     ("replied", "PublicStatement")),
])
def test_speech_nouns_replies_and_unmentioned_acts(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a reporting verb after a definite subject is no noun naming an act told before ("The
    # Joint Chiefs call" is a subject and its verb): the act is drafted and typed
    ("The ministry said on Monday that it would act. The Joint Chiefs call the firing a "
     "provocation.", ("call the firing a", "Accusation")),
    ("The ministry said on Monday that it would act. The Joint Chiefs call it a clear "
     "violation of the agreement.", ("call it a", "Accusation")),
    ("The army fired ten rounds on Monday. The navy fires warning shots at the ship.",
     ("fires warning shots", "ArtilleryFiring")),
    # what a concern is about is what the act says
    ("The minister expressed concern about the rival's violations of the agreement.",
     ("expressed concern", "Accusation")),
    ("The two governments expressed serious concern over the rival's escalatory acts.",
     ("expressed serious concern", "Accusation")),
])
def test_a_verb_after_a_definite_subject_is_an_act_of_its_own(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a definite noun still refers back to the act told before; a concern about no wrong
    # stays a statement
    ("The ministry issued a statement on Monday. The statement was short.",
     [("issued a statement", "PublicStatement")]),
    ("The minister expressed concern about the rising prices of food.",
     [("expressed concern", "PublicStatement")]),
])
def test_a_definite_noun_refers_back_and_a_plain_concern_is_a_statement(drafted, lexicon, text,
                                                                         expected):
    got = drafted(text, lexicon)
    assert got == expected, got


@pytest.mark.parametrize("text, expected", [
    # one verb, two specific acts: the first class of the codebook's order that the content
    # earns (a threat before an accusation), not the nearest cue
    ("The foreign ministry said the drills were a rehearsal for invasion and that it would "
     "answer them with overwhelming force.", ("said", "Threat")),
    ("The ministry said the launch was a provocation and the reports of a second launch were "
     "groundless.", ("said", "Accusation")),
    # a pronoun and a reporting verb going on with the statement in the next sentences: the
    # same statement, typed by its most specific part (the codebook)
    ("In a statement on Monday, the minister called the speech a big mistake. The South was "
     "not the principal enemy, she said. But if the South struck first, it would become a "
     "target, she added.", ("called the speech a", "Threat")),
    # a refusal of talks told by a neutral verb is a rejection of talks; an accusation in the
    # same words comes first in the codebook's order
    ("The premier said on Friday that his government would not sit down with the rebels.",
     ("said", "RejectTalks")),
    ("The envoy said on Monday the island would reject any contact with the mainland's "
     "delegates.", ("said", "RejectTalks")),
    ("The envoy said on Monday the island would disregard any attempts at contact.",
     ("said", "RejectTalks")),
    ("The minister said on Monday that the republic would not return to the talks.",
     ("said", "RejectTalks")),
    ("The envoy said on Monday that there was no reason to meet the mainland's delegates.",
     ("said", "RejectTalks")),
    ("The ministry said on Monday that the drills violated the accord and that it would not "
     "negotiate with the organisers.", ("said", "Accusation")),
])
def test_a_statement_takes_the_first_class_its_content_earns(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # a sentence without a pronoun going on with it is no part of the statement; a harm the
    # speaker does not hold over anyone is no threat
    ("The ministry said on Monday that the drills were routine. The rival would become a "
     "target of criticism.", ("said", "PublicStatement")),
    ("The minister said the floods would destroy crops.", ("said", "PublicStatement")),
    # a verb of promise after "and" tells a second act: the first keeps its own words' class
    ("The president called the launch a provocation and promised a stern response.",
     ("called the launch a", "Accusation")),
])
def test_a_statement_is_typed_by_its_own_words_only(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


# ---- session 14: speakers that open a sentence, more reporting verbs, typing ------------

def rule_events(text: str, onto, generic) -> list[tuple[str, str]]:
    """The events the rules alone draft (no learned model)."""
    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto,
                model="none")
    return [(it["quote"], it["type"]) for it in doc["annotations"]
            if it["id"].startswith("ev-")]


@pytest.mark.parametrize("text, expected, absent", [
    # a sentence opening with a word the text writes as a name elsewhere opens with a name,
    # though the word may be a common noun too ("Price", "Park")
    ("Treasurer Adam Price met the envoy on Monday. Price said the talks had failed.",
     ("said", "PublicStatement"), None),
    # a name no English word spells opens its sentence as the speaker ...
    ("The talks ended. Koizumi said that Kim was ill.", ("said", "PublicStatement"), None),
    # ... not a common word, nor one of the closed classes the word tables leave out
    ("The talks ended. Because said that Kim was ill.", None, "said"),
    # a common noun opening its sentence stays no speaker
    ("The price of rice rose again. Price said the talks had failed.", None, "said"),
    ("Analysts met Minister Ana Park. Analysts said the talks had failed.", None, "said"),
    # a name written in capitals is no common word, though no other sentence writes it
    ("The jamming eased. KBS reported that it was read as a provocation.",
     ("reported", None), None),
    # a source cited between the verb and its "that"
    ("In July the news site The Block reported, citing two people, that the way in had "
     "been a job offer.", ("reported", "PublicStatement"), None),
    # a speaker's abbreviation in brackets between the name and the verb
    ("South Korea's Joint Chiefs of Staff (JCS) said they were launched at dawn.",
     ("said", "PublicStatement"), None),
    # ... not a participle going on with an attribution after the words
    ("The talks had failed, the ministry said, citing two officials.", None, "said"),
])
def test_a_sentence_may_open_with_a_speakers_name(onto, generic, text, expected, absent):
    got = rule_events(text, onto, generic)
    if expected and expected[1] is None:
        assert any(q == expected[0] for q, _t in got), got
    elif expected:
        assert expected in got, got
    if absent:
        assert all(q != absent for q, _t in got), got


@pytest.mark.parametrize("text, expected", [
    ("The ministry admitted on Monday that a drone had entered the no-fly zone.",
     ("admitted", "PublicStatement")),
    ("State media published the pictures on Friday.", ("published", "PublicStatement")),
    ("On Monday Trump tweeted that he had confidence in Kim.", ("tweeted", "PublicStatement")),
    ("The ministry releases a four-minute video of the handover.",
     ("releases", "PublicStatement")),
    ("Japan's defence ministry put the range at about 600 kilometres.",
     ("put the range at", "PublicStatement")),
    # a statement reporting an earlier one: two acts
    ("The spokesman said Tokyo had conveyed its concerns to Beijing.",
     ("conveyed its concerns", "PublicStatement")),
    ("The spokesman said Tokyo had conveyed its concerns to Beijing.",
     ("said", "PublicStatement")),
    # a harm of the speaker's own promised: a threat
    ("The president promised a stern response.", ("promised", "Threat")),
])
def test_more_reporting_verbs_and_promised_harm(onto, generic, text, expected):
    got = rule_events(text, onto, generic)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    "The court released the two men on bail on Monday.",  # no report released
    "The president promised aid to the flood victims.",  # no harm promised
])
def test_no_statement_or_threat_where_none_is_told(onto, generic, text):
    got = rule_events(text, onto, generic)
    assert all(t not in ("PublicStatement", "Threat") for _q, t in got), got


@pytest.mark.parametrize("text, expected", [
    # what the actor tried or acted to do is what the statement says it did: an accusation
    ("The prosecutor said the men had tried to evade sanctions.", ("said", "Accusation")),
    ("The prosecutor said the men had acted to evade sanctions.", ("said", "Accusation")),
    # an infinitive after another verb says no one did it
    ("The minister said the government would not allow the firms to evade sanctions.",
     ("said", "PublicStatement")),
    ("The ministry said it flew 600 kilometres and called the launch an act of grave "
     "provocation.", ("said", "Accusation")),
])
def test_a_statement_is_typed_by_an_act_tried_or_called_a_provocation(drafted, lexicon, text,
                                                                       expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, absent", [
    # an -ing form of a speech verb used as a noun with nothing it governs: no speech act
    ("The tunnel appears ready, so a test could come with little warning.", "warning"),
    ("The three ministers discussed missile warning and tracking drills.", "warning"),
    ("The commission ordered the drills to send the enemies a strong warning.", "warning"),
])
def test_a_speech_verbs_noun_with_nothing_it_governs_is_no_act(drafted, lexicon, text, absent):
    got = drafted(text, lexicon)
    assert all(q != absent for q, _t in got), got


@pytest.mark.parametrize("text, expected", [
    ("The minister spoke on Monday, warning the North against further tests.",
     ("warning", "PublicStatement")),
    ("The ministry said on Monday, warning of consequences, that it would act.",
     ("warning of", "Threat")),
])
def test_a_speech_verbs_ing_form_with_its_object_is_an_act(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    # rejecting a suggestion or a charge, or saying the other side got a fact wrong: a denial
    ("The ministry rejected any suggestion that it had violated the sanctions.",
     ("rejected any suggestion", "Denial")),
    ("The ministry said the South had got wrong the place the missiles were fired from.",
     ("said", "Denial")),
])
def test_rejecting_a_suggestion_or_a_fact_got_wrong_is_a_denial(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


# ---- session 15: a statement typed by the acts it tells (speech.type_by_content) ---------

def rule_items(text: str, onto, generic) -> list[dict]:
    """The event items the rules alone draft (no learned model)."""
    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto,
                model="none")
    return [it for it in doc["annotations"] if it["id"].startswith("ev-")]


@pytest.mark.parametrize("text, expected, target", [
    # a wrong (kg:draftWhenAlleged) another side did: an accusation, the wrongdoer its target
    ("The White House said on Thursday that Russia had bought rockets from North Korea.",
     "Accusation", "russia"),
    ("Japan's foreign ministry said on Monday that a Chinese vessel had intruded into its "
     "waters.", "Accusation", "china"),
    # a harm (kg:draftWhenThreatened) the speaker's own side will do: a threat; Kim Yo Jong
    # speaks for North Korea (the gazetteer's "of")
    ("Kim Yo Jong said on Monday that Pyongyang would launch an attack on the bases.",
     "Threat", None),
    ("Kim Yo Jong said on Monday that Pyongyang would sever ties with Seoul.", "Threat", None),
    ("The United States said on Monday that it would impose new sanctions on the firms.",
     "Threat", None),
])
def test_a_statement_is_typed_by_the_acts_it_tells(onto, generic, text, expected, target):
    items = rule_items(text, onto, generic)
    said = next(it for it in items if it["quote"] == "said")
    assert said["type"] == expected, items
    if target:
        assert said.get("target") == target, items


@pytest.mark.parametrize("text, expected", [
    # the speaker's own act: no accusation
    ("South Korea's defence ministry said on Monday that its vessel had intruded into the "
     "waters.", "PublicStatement"),
    # an act told as not done stays a denial
    ("Russia said on Monday that it had never sold weapons to North Korea.", "Denial"),
    # another side's harm is a danger, not a threat (the codebook)
    ("Yoon said on Monday that the North might launch an attack.", "PublicStatement"),
    # the harm talked about as the subject of its clause, not promised
    ("China said on Monday that further sanctions would only escalate the confrontation.",
     "PublicStatement"),
    # the harm in the condition is what the other side might do
    ("North Korea said on Monday that the South would regret it if it launched an attack.",
     "PublicStatement"),
    # a harm negated is a reassurance, no threat
    ("China said on Monday that it would not attack Taiwan.", "PublicStatement"),
    ("China said on Monday that it would never impose sanctions on the firms.",
     "PublicStatement"),
])
def test_a_statement_telling_no_harm_of_its_own_or_wrong_of_another_stays(onto, generic,
                                                                          text, expected):
    items = rule_items(text, onto, generic)
    said = next(it for it in items if it["quote"] == "said")
    assert said["type"] == expected, items


# ---- session 15: unnamed consequences and a harm told as a noun (kg:complementCue) --------
@pytest.mark.parametrize("text, expected", [
    # consequences of the speaker's own it does not name (the codebook: a threat, no harm event)
    ("The ministry warned that the neighbour would be held wholly accountable if a clash "
     "broke out.", ("warned", "Threat")),
    ("The spokesperson said the rival would be held responsible for any escalation.",
     ("said", "Threat")),
    ("The foreign ministry said the country would not sit idle.", ("said", "Threat")),
    # an end, no survival, no standing by, a stronger step (session 29)
    ("Kim warned that if the North used nuclear weapons, its regime would face its end.",
     ("warned", "Threat")),
    ("Kang warned that the rival would have no chance of survival.", ("warned", "Threat")),
    ("The ministry warned that Seoul would not stand by.", ("warned", "Threat")),
    # the speaker's answer told as a noun, no act drafted
    ("The new chairman said the military would take corresponding measures.",
     ("said", "Threat")),
    ("The minister warned that the government would react strongly to any attempt to "
     "infringe its sovereignty.", ("warned", "Threat")),
    # blame for a past act stays an accusation; a danger not the speaker's stays a statement
    ("The ministry said it held the rival responsible for the clash.", ("said", "Accusation")),
    ("The general warned that the rival may test a missile soon.",
     ("warned", "PublicStatement")),
])
def test_a_statement_threatening_unnamed_consequences_is_a_threat(drafted, lexicon, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


# ---- session 16: a harm another side does is no threat of the speaker's (speech.own_harms) -
@pytest.mark.parametrize("text, expected", [
    # the harm's doer named before the cue, of another side than the speaker's: a danger told
    ("North Korea said on Monday that the United States would react strongly.",
     "PublicStatement"),
    ("Japan said on Monday that China would take corresponding measures.",
     "PublicStatement"),
    # the speaker's own side, or no doer named: the speaker's threat
    ("North Korea said on Monday that Pyongyang would react strongly.", "Threat"),
    ("North Korea said on Monday that it would react strongly.", "Threat"),
    # the subject undergoes the harm (a passive, "face"): the threatened side, a threat still
    ("Japan said on Monday that China would be held responsible.", "Threat"),
    ("Japan said on Monday that China would face a strong response.", "Threat"),
])
def test_a_harm_told_of_another_side_is_no_threat_of_the_speaker(onto, generic, text,
                                                                  expected):
    items = rule_items(text, onto, generic)
    said = next(it for it in items if it["quote"] == "said")
    assert said["type"] == expected, items


def test_the_next_cue_types_a_statement_whose_harm_is_another_sides(onto, generic):
    # the other side's answer set aside, the accusation the statement also makes types it
    text = ("North Korea said on Monday that the drills were a provocation and that the "
            "United States would react strongly.")
    items = rule_items(text, onto, generic)
    said = next(it for it in items if it["quote"] == "said")
    assert said["type"] == "Accusation", items


# ---- session 16: a harder answer told as a noun, an answer meeting the other's act --------
@pytest.mark.parametrize("text, expected", [
    ("The foreign ministry said the country would take more decisive action.",
     ("said", "Threat")),
    ("The spokesperson said the rival would face fiercer counteraction.", ("said", "Threat")),
    ("The ministry said the government would give a sharper answer to any provocation.",
     ("said", "Threat")),
    ("The ministry warned that it would meet any attack with overwhelming force.",
     ("warned", "Threat")),
    # the infinitive a vow opens is what the speaker sets out to do, no preposition's object
    ("The leader vowed to meet threats with force.", ("vowed", "Threat")),
    # a demand of another to act is no threat
    ("The envoy said the council should take decisive action.", ("said", "PublicStatement")),
])
def test_a_harder_answer_told_as_a_noun_is_a_threat(lexicon, drafted, text, expected):
    got = drafted(text, lexicon)
    assert expected in got, got


# ---- session 20: "be to blame" is a predicate, the reporting verb the accusation ----------
@pytest.mark.parametrize("text, quote, expected", [
    ("The trade ministry replied that the rival's dumping was to blame for the shortage.",
     "replied", "Accusation"),
    ("The agency said the neighbour's policy is largely to blame for the crisis.",
     "said", "Accusation"),
])
def test_be_to_blame_makes_the_reporting_verb_an_accusation(onto, generic, text, quote,
                                                             expected):
    got = events(text, onto, generic)
    assert (quote, expected) in got, got
    assert ("blame", "Accusation") not in got, got


def test_blaming_with_a_verb_of_its_own_stays_an_act(onto, generic):
    got = events("The minister blamed the rival for the shortage.", onto, generic)
    assert ("blamed", "Accusation") in got, got


# ---- session 21: documents as speakers, questions, nouns of labelling --------------------

@pytest.mark.parametrize("text", [
    # a document as the subject of a reporting verb is no speaker (the codebook: its words
    # are claims of the body that issued it; issuing it is the event)
    "The white paper calls the neighbour an aggressor nation.",
    "Trade ties with the islands, which the paper calls a lifeline, have grown.",
    "The same book again calls the neighbour a close partner.",
    "The new strategy said on Monday that the threat had grown.",
    # a statement's words told again go on with the one statement
    "The tariffs, which the joint statement said would end by March, were lifted early.",
])
def test_a_document_as_the_subject_is_no_speech_act(drafted, lexicon, text):
    got = [t for t in drafted(text, lexicon)
           if t[0].split()[0] in ("calls", "said", "called")]
    assert got == [], got


@pytest.mark.parametrize("text, expected", [
    # a speaker before the verb, or a document with no determiner, stays a speech act
    ("The ministry calls the neighbour an aggressor nation.",
     ("calls the neighbour an", "PublicStatement")),
    ("The minister said on Monday that the white paper was accurate.",
     ("said", "PublicStatement")),
    ("A statement said on Monday that the talks had failed.", ("said", "PublicStatement")),
])
def test_a_speaker_or_an_undetermined_statement_keeps_its_speech_act(drafted, lexicon, text,
                                                                    expected):
    got = drafted(text, lexicon)
    assert expected in got, got


@pytest.mark.parametrize("text", [
    # a question asserts nothing (the codebook: no event; the answer is the speech)
    "Reporters asked the minister on Tuesday whether the drills would go ahead.",
    "The envoy met the mayor on Monday, asking what the port had been doing since May.",
    "The office released the figures because journalists asked about them on Friday.",
    "Lawmakers asked the minister on Monday if the budget would rise.",
    # "Asked" opening a sentence: a question put to its subject
    "The premier spoke on Monday. Asked in parliament the same day, he said a summit was "
    "crucial.",
])
def test_a_question_is_no_speech_act(onto, generic, text):
    got = [e for e in rule_events(text, onto, generic) if e[0].startswith(("ask", "Ask"))]
    assert got == [], got


@pytest.mark.parametrize("text, expected", [
    # a request stays a speech act, typed by what it asks
    ("The minister asked the neighbour on Tuesday to return to the talks.",
     ("asked", "PublicStatement")),
    ("The delegate asked the assembly to postpone the vote.", ("asked", "PublicStatement")),
])
def test_a_request_is_a_speech_act(onto, generic, text, expected):
    got = rule_events(text, onto, generic)
    assert expected in got, got


@pytest.mark.parametrize("text, expected", [
    ("The council answered a label with a label.", []),
    ("The risk is that the label hardens into a habit.", []),
    ("The minister labelled the tariffs a breach of the accord.",
     [("labelled the tariffs a", "Accusation")]),
    ("The ministry branded the report as fabricated.",
     [("branded the report as", "Denial")]),
])
def test_label_and_brand_are_speech_acts_only_as_verbs(drafted, lexicon, text, expected):
    got = [t for t in drafted(text, lexicon) if t[0].split()[0].startswith(("label", "brand"))]
    assert got == expected, got


@pytest.mark.parametrize("text, expected", [
    # "fake" before a noun describes the thing reported, no denial of a report
    ("The Block reported that the way in had been a fake job offer.",
     ("reported", "PublicStatement")),
    ("Pyongyang dismissed the report as fake.", ("dismissed the report as fake", "Denial")),
    ("The ministry said the reports were fake.", ("said", "Denial")),
    ("The ministry said the reports were fake news.", ("said", "Denial")),
])
def test_fake_denies_a_report_not_a_thing_described(onto, generic, text, expected):
    assert expected in rule_events(text, onto, generic)


@pytest.mark.parametrize("text", [
    # bodies that speak for themselves: a court, an academy, a commission, a broadcaster
    "The court says he wanted to experience prison life.",
    "The academy said the results would strengthen the deterrent.",
    "The commission said the camps held 120,000 people.",
    "The broadcaster said the jamming had eased.",
])
def test_a_body_s_noun_is_a_speaker(onto, generic, text):
    assert [t for q, t in rule_events(text, onto, generic) if q in ("says", "said")] == [
        "PublicStatement"], rule_events(text, onto, generic)


@pytest.mark.parametrize("text, verb", [
    # the North's words of destruction and of a "physical" answer make a threat
    ('The artillery bureau vowed to respond "physically" once the site was confirmed.',
     "vowed"),
    ("The army said it would turn Seoul into a sea of fire.", "said"),
])
def test_words_of_destruction_make_a_threat(onto, generic, text, verb):
    assert (verb, "Threat") in rule_events(text, onto, generic)


@pytest.mark.parametrize("text, expected", [
    ("Peru denied sending weapons to the rebels.", ("denied", "Denial")),
    ("Peru has consistently denied firing missiles at the ship.", ("denied", "Denial")),
])
def test_a_speech_act_before_a_gerund_is_no_participle(onto, generic, text, expected):
    # "denied sending weapons": the verb denies the act; it modifies no event noun, as
    # "firing drills" does
    got = events(text, onto, generic)
    assert expected in got, got
