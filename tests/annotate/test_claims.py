"""kg annotate drafts claims, statuses, reported speakers and response links from cues."""

from __future__ import annotations

import re

import pytest
import yaml

from kg.annotate import draft_file
from kg.annotate.gazetteer import Gazetteer

TEXT = ("North Korea fired a missile over Japan on 4 October 2022. The following day, in "
        "response to the launch, South Korea fired missiles. According to Japan, North Korea "
        "will likely test again. The council would not punish further tests. South Korea "
        "should strengthen coordination with Japan. In our assessment, a nuclear test is "
        "almost certain. If talks resume, a nuclear test is unlikely.\n")


@pytest.fixture(scope="module", autouse=True)
def _cue_rules_alone():
    """These tests pin the claim and status rules (the cue lexicon); the learned typers that
    may re-type a statement or a claim after them are retrained with every new brief and
    have tests of their own (test_speech_model.py, test_modality_model.py)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_ANNOTATE_SPEECH", "none")
        mp.setenv("KG_ANNOTATE_MODALITY", "none")
        yield


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims")
    (folder / "brief.txt").write_text(TEXT, encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    out = folder / "brief.yaml"
    draft_file(folder / "brief.txt", out, date="2022-10-10", gazetteer=gaz)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    return out, {it["id"]: it for it in data["annotations"]}


def _claim(items: dict, words: str) -> dict:
    return next(it for it in items.values() if it["type"] == "Claim" and words in it["quote"])


@pytest.mark.parametrize("words,modality,certainty,polarity", [
    ("fired a missile over Japan", "ReportedFact", "Certain", "Affirmative"),
    ("will likely test again", "Prediction", "Likely", "Affirmative"),
    ("would not punish", "Prediction", "Certain", "Negative"),
    ("should strengthen", "Recommendation", "Certain", "Affirmative"),
    ("almost certain", "Assessment", "AlmostCertain", "Affirmative"),
    ("If talks resume", "Conditional", "Unlikely", "Affirmative"),
])
def test_claims_take_modality_certainty_and_polarity_from_cues(drafted, words, modality,
                                                               certainty, polarity):
    from kg.ontology import load_ontology

    if certainty == "AlmostCertain" and load_ontology().concept("AlmostCertain") is None:
        certainty = "Certain"  # the concept and its cues come with the briefs' vocabulary
    claim = _claim(drafted[1], words)
    got = (claim["modality"], claim["certainty"], claim["polarity"])
    assert got == (modality, certainty, polarity), claim


def test_events_of_hedged_claims_are_hypothetical_and_reported_ones_occurred(drafted):
    items = drafted[1]
    status = {it["quote"]: it.get("status") for it in items.values()
              if it["type"] not in ("Claim", "TimeSpan", "State") and "quote" in it}
    fired = [it for it in items.values() if it.get("quote") == "fired"]
    assert all(it["status"] == "Occurred" for it in fired), fired
    predicted = items[_claim(items, "will likely test")["asserts"][0]]
    assert predicted["status"] == "Hypothetical", (predicted, status)


def test_a_reported_speaker_is_the_actor_after_according_to(drafted):
    assert _claim(drafted[1], "will likely test")["speaker"] == "japan"
    assert "speaker" not in _claim(drafted[1], "fired a missile over Japan")


def test_a_response_cue_links_the_answer_to_the_earlier_act_of_another_agent(drafted):
    items = drafted[1]
    answer = next(it for it in items.values() if it.get("respondsTo"))
    first = items[answer["respondsTo"]]
    assert first["agent"] == "north-korea" and answer.get("agent") != "north-korea", answer


def test_every_drafted_item_carries_machine_and_a_confidence(drafted):
    for it in drafted[1].values():
        assert it["machine"] is True and 0 < float(it["confidence"]) <= 1, it


def test_the_draft_builds_and_validates(drafted, tmp_path):
    from kg.build import build
    from kg.validation import validate

    out = build(drafted[0], out=tmp_path / "b")
    report = validate(out.out)
    assert report.conforms, report.text()


def test_a_month_name_is_not_a_hedge(tmp_path):
    (tmp_path / "m.txt").write_text("North Korea fired a missile on 26 May 2022.\n")
    gaz = Gazetteer()
    gaz.add_yaml()
    data = yaml.safe_load(draft_file(tmp_path / "m.txt", gazetteer=gaz))
    claim = next(it for it in data["annotations"] if it["type"] == "Claim")
    assert claim["certainty"] == "Certain" and "hedge" not in claim, claim


@pytest.mark.parametrize("text,modality", [
    ("Had it been adopted, the resolution would have condemned North Korea.", "Conditional"),
    ("Japan voted on a draft that would have tightened sanctions on North Korea.",
     "ReportedFact"),
    ("North Korea will test a missile before the end of 2022.", "Prediction"),
    ("Further North Korean launches before the end of the year are almost certain.",
     "Prediction"),  # about a time after the document's date
])
def test_claim_modality_from_cues_and_from_future_times(tmp_path, text, modality):
    (tmp_path / "m.txt").write_text(text + "\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    data = yaml.safe_load(draft_file(tmp_path / "m.txt", gazetteer=gaz, date="2022-11-10"))
    claim = next(it for it in data["annotations"] if it["type"] == "Claim")
    assert claim["modality"] == modality, claim


def test_a_concessive_clause_is_a_claim_of_its_own(tmp_path):
    (tmp_path / "c.txt").write_text(
        "In our assessment, North Korea is unlikely to test a nuclear weapon, although the "
        "United States said in May that Pyongyang was preparing a test.\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    data = yaml.safe_load(draft_file(tmp_path / "c.txt", gazetteer=gaz, date="2022-11-10"))
    claims = [it for it in data["annotations"] if it["type"] == "Claim"]
    # the report ("although the United States said ...") and what it reports, its own claim
    assert [c["quote"][:12] for c in claims] == ["In our asses", "although the",
                                                 "Pyongyang wa"], claims
    assert claims[0]["certainty"] == "Unlikely" and claims[1]["speaker"] == "united-states", \
        claims
    assert claims[2]["speaker"] == "united-states", claims
    assert claims[1]["modality"] == claims[2]["modality"] == "ReportedFact", claims
    statement = next(it for it in data["annotations"] if it.get("quote") == "said")
    assert statement["type"] == "PublicStatement", statement  # "said in May": a dated act


HEDGED = ("North Korea could soon fire a missile. The launch could have been a failure.\n\n"
          "Will the sanctions work?\n\n16 June 2022.\n\nChina said the plan was "
          "groundless. The minister urged North Korea to return to talks.\n")


@pytest.fixture(scope="module")
def hedged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hedged")
    (folder / "brief.txt").write_text("Hedges\n\n" + HEDGED, encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    out = folder / "brief.yaml"
    draft_file(folder / "brief.txt", out, date="2022-10-10", gazetteer=gaz)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    return [it for it in data["annotations"] if it["type"] == "Claim"]


@pytest.mark.parametrize("words,modality", [
    ("could soon fire", "Prediction"),  # what could happen: a prediction, not a fact
    ("could have been a failure", "Assessment"),  # what could have happened: a judgement
    ("the plan was groundless", "Assessment"),  # a speaker's judgement, no event
    ("urged North Korea to return", "Recommendation"),  # "urge ... to" opens a recommendation
])
def test_hedges_judgements_and_urging_set_the_modality(hedged, words, modality):
    got = {c["modality"] for c in hedged if words in c["quote"]}
    assert modality in got, (words, [(c["quote"], c["modality"]) for c in hedged])


def test_questions_and_verbless_lines_are_no_claims(hedged):
    quotes = [c["quote"] for c in hedged]
    assert not any("?" in q or q.strip() == "16 June 2022." for q in quotes), quotes


def _claims_of(tmp_path, text: str) -> list[dict]:
    (tmp_path / "t.txt").write_text(text + "\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    data = yaml.safe_load(draft_file(tmp_path / "t.txt", gazetteer=gaz, date="2022-11-10"))
    return [it for it in data["annotations"] if it["type"] == "Claim"]


def test_according_to_a_speaker_what_happened_is_a_reported_fact(tmp_path):
    # "according to X" with a past-tense verb of action tells what happened (a reported
    # fact), not X's judgement, even when the verb is no event trigger ("flew", "fell")
    claims = _claims_of(tmp_path, "According to Japan's defence minister, the missile rose "
                        "to about 2,000 kilometres and flew about 750 kilometres.")
    assert [c["modality"] for c in claims] == ["ReportedFact"], claims
    assert claims[0].get("speaker"), claims


def test_call_a_with_no_object_opens_no_judgement(tmp_path):
    # "called an emergency meeting" is no "call [the launch] a [provocation]"
    claims = _claims_of(tmp_path, "President Yoon Suk-yeol called an emergency meeting of "
                        "the National Security Council.")
    assert [c["modality"] for c in claims] == ["ReportedFact"], claims
    claims = _claims_of(tmp_path, "Japan called the launch an outrage.")
    assert "Assessment" in {c["modality"] for c in claims}, claims


@pytest.mark.parametrize("text", [
    "Moon called on Pyongyang to return to talks on Monday.",
    "Moon called on Pyongyang on Monday to return to talks.",  # a date in the cue's gap
    "On Monday, Seoul urged the North to return to talks.",
])
def test_a_call_is_told_as_done_and_what_it_calls_for_is_a_recommendation(tmp_path, text):
    (tmp_path / "t.txt").write_text(text + "\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    data = yaml.safe_load(draft_file(tmp_path / "t.txt", gazetteer=gaz, date="2022-11-10"))
    events = {it["type"]: it for it in data["annotations"] if "status" in it}
    assert events["PublicStatement"]["status"] == "Occurred", events
    assert events["ReturnToTalks"]["status"] == "Hypothetical", events
    claims = [it for it in data["annotations"] if it["type"] == "Claim"]
    recommended = [c for c in claims if c["modality"] == "Recommendation"]
    assert [c["asserts"] for c in recommended] == [[events["ReturnToTalks"]["id"]]], claims
    # the claim quotes the call with what it calls for, as the codebook writes it
    assert re.search(r"(?:called on|urged) .*return to talks", recommended[0]["quote"]), claims
    told = [c for c in claims if events["PublicStatement"]["id"] in c.get("asserts", ())]
    assert [c["modality"] for c in told] == ["ReportedFact"], claims


def test_a_chronicle_told_in_the_present_reports_facts(tmp_path):
    # dated acts told in the present make the text a chronicle: its undated present-tense
    # statements are reported facts too, not the author's assessments
    chronicle = ("Rivalry\n\nThe South Korean navy captures two fishermen on 2 November 2019. "
                 "On 7 November 2019 they are handed over to the North. "
                 "On 11 July 2022 the ministry reverses its position. "
                 "North Korea's testing brings Japan closer to the United States.")
    claims = _claims_of(tmp_path, chronicle)
    closer = next(c for c in claims if "closer" in c["quote"])
    assert closer["modality"] == "ReportedFact", claims
    # without the dated acts, an undated present-tense statement is the author's judgement
    claims = _claims_of(tmp_path, "Rivalry\n\nNorth Korea's testing brings Japan closer to "
                        "the United States.")
    assert claims[-1]["modality"] == "Assessment", claims


def test_a_reporting_verb_in_a_relative_clause_opens_no_reported_claim(tmp_path):
    # "men who had stated their wish": the relative clause's verb reports nothing the
    # sentence claims; the complement of "said" stays whole
    claims = _claims_of(tmp_path, "Rivalry\n\nThe spokesperson said that sending back men "
                        "who had stated their wish to defect was a crime against humanity.")
    quotes = [c["quote"] for c in claims]
    assert not any(q.startswith("their wish") for q in quotes), quotes
    assert any(q.startswith("sending back men") and q.rstrip(".").endswith("humanity")
               for q in quotes), quotes


@pytest.mark.parametrize("text,words,modality", [
    # a possible act as the subject of "would": what follows if it happens
    ("The three allies warned that a nuclear test by North Korea would be met with a strong "
     "and resolute response.", "a nuclear test by North Korea would", "Conditional"),
    ("Any nuclear attack against the United States would result in the end of the regime.",
     "Any nuclear attack", "Conditional"),
    ("Seoul and Washington would answer any North Korean use of a nuclear weapon with an "
     "overwhelming response.", "would answer any", "Conditional"),
    # no act as the subject: a forecast
    ("Officials said the North would test another missile soon.", "the North would test",
     "Prediction"),
    ("He said a drone unit would be set up early.", "a drone unit would", "Prediction"),
    ("Beijing would not comment on the launch.", "Beijing would", "Prediction"),
])
def test_would_after_a_possible_act_is_a_condition(tmp_path, text, words, modality):
    claims = [c for c in _claims_of(tmp_path, "Rivalry\n\n" + text) if words in c["quote"]]
    assert claims and claims[-1]["modality"] == modality, claims


@pytest.mark.parametrize("text,modality", [
    ("A seventh nuclear test remains possible.", "Prediction"),
    ("More sanctions may complicate any cooperation with Moscow.", "Prediction"),
])
def test_what_remains_possible_is_a_prediction_not_an_assessment(tmp_path, text, modality):
    claims = _claims_of(tmp_path, "Rivalry\n\n" + text)
    assert claims[-1]["modality"] == modality, claims


@pytest.mark.parametrize("text,modality", [
    ("Kim said the launches were a test and a challenge to the South.", "Assessment"),
    ("The spokesman said the door to dialogue remained open.", "Assessment"),
    ("China said the plan was no different from the old policy.", "Assessment"),
    # a class, a rank or a passive: told, not judged
    ("The ministry said the missile was a new Hwasong-17.", "ReportedFact"),
    ("He said it was the first joint statement in five years.", "ReportedFact"),
    ("The Joint Chiefs said two missiles were fired from Sunan.", "ReportedFact"),
])
def test_a_reported_copula_is_the_speakers_assessment(tmp_path, text, modality):
    claims = _claims_of(tmp_path, "Rivalry\n\n" + text)
    assert claims[0]["modality"] == "ReportedFact", claims  # the report itself
    assert claims[-1]["modality"] == modality, claims


def test_even_if_and_as_if_set_no_condition(tmp_path):
    claims = _claims_of(tmp_path, "Rivalry\n\nNorth Korea will never give up its nuclear "
                        "weapons, even if it is sanctioned.")
    assert claims[-1]["modality"] == "Prediction", claims
    claims = _claims_of(tmp_path, "Rivalry\n\nIf North Korea conducts a nuclear test, the "
                        "council will meet.")
    assert claims[-1]["modality"] == "Conditional", claims


@pytest.mark.parametrize("text,judgement", [
    ("The Russian spokeswoman called the reports fake.", "called the reports fake"),
    ("Japan's defence minister called the launches absolutely unacceptable and said Japan "
     "had protested.", "called the launches absolutely unacceptable"),
    ("Japan called the launch reckless and dangerous.", "called the launch reckless"),
    ("North Korea's foreign ministry called it another clear warning to its enemies.",
     "called it another"),
    ("Kim Yo Jong dismissed the images as crude.", "dismissed the images as crude"),
])
def test_call_with_an_adjective_of_blame_opens_a_judgement(tmp_path, text, judgement):
    claims = _claims_of(tmp_path, "Rivalry\n\n" + text)
    assert claims[0]["modality"] == "ReportedFact", claims  # the report
    judged = [c for c in claims if c["quote"].startswith(judgement[:12])]
    assert judged and judged[0]["modality"] == "Assessment", claims


def test_a_wh_heading_line_is_no_claim(tmp_path):
    claims = _claims_of(tmp_path, "Rivalry\n\nNorth Korea fired a missile on Monday.\n\n"
                        "How the region answered.\n\nJapan condemned the launch. What Seoul "
                        "did next surprised Japan.")
    quotes = [c["quote"] for c in claims]
    assert not any(q.startswith("How the region") for q in quotes), quotes
    assert any(q.startswith("What Seoul did") for q in quotes), quotes  # inside a paragraph
