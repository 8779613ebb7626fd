"""Hedge cues, modality, status and polarity of drafted claims (ontology/triggers.ttl's cue
lexicon, matched by lemma): expected values written by hand."""

from __future__ import annotations

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.morph import available, load_morphology

BACKENDS = ["rules", pytest.param("lemminflect", marks=pytest.mark.skipif(
    "lemminflect" not in available(), reason="the nlp extra is not installed"))]


@pytest.fixture(scope="module")
def gazetteer():
    gaz = Gazetteer()
    gaz.add_yaml()
    return gaz


def _draft(text: str, gazetteer, morph: str = "lemminflect" if "lemminflect" in available()
           else "rules", date: str | None = "2022-06-01") -> list[dict]:
    from kg.ontology import load_ontology

    # the cues' modality: the learned typer, retrained whenever data/ grows, may re-type a
    # claim (tests/annotate/test_modality_model.py tests it on data of its own)
    return draft(text + "\n", doc_id="t", text_name="t.txt", gazetteer=gazetteer,
                 onto=load_ontology(), date=date, modality="none",
                 morphology=load_morphology(morph))["annotations"]


def _claims(items: list[dict]) -> list[dict]:
    return [it for it in items if it["type"] == "Claim"]


def _event(items: list[dict], quote: str) -> dict:
    found = [it for it in items if it.get("quote") == quote and it["type"] != "Claim"]
    assert found, [it.get("quote") for it in items]
    return found[0]


@pytest.mark.parametrize("morph", BACKENDS)
@pytest.mark.parametrize("text,trigger,modality,certainty,polarity,status", [
    # negation scopes over the trigger a few words after it
    ("North Korea did not launch a missile on 3 May 2022.", "launch a missile",
     "ReportedFact", "Certain", "Negative", "Hypothetical"),
    ("The council would not punish North Korea.", "punish",
     "Prediction", "Certain", "Negative", "Hypothetical"),
    # a hedge on a statement in the present: assessed, not reported as having happened
    ("A nuclear test seems almost certain.", "nuclear test",
     "Assessment", "AlmostCertain", "Affirmative", "Hypothetical"),
    # an authorial frame yields to the prediction it frames
    ("In our assessment, Russia is likely to veto the draft.", "veto",
     "Prediction", "Likely", "Affirmative", "Hypothetical"),
    # a hedged account of the past is the source's judgement (kg:Assessment), not a plain
    # fact: of the DEV gold's 250 hedged claims, 10 are reported facts
    ("South Korea possibly tested a cruise missile.", "tested a cruise missile",
     "Assessment", "Possible", "Affirmative", "Hypothetical"),
    ("North Korea probably fired a ballistic missile on 2 May 2022.",
     "fired a ballistic missile", "Assessment", "Likely", "Affirmative", "Occurred"),
    # a conditional beats the prediction it holds
    ("North Korea would face sanctions if it tested a nuclear weapon.",
     "tested a nuclear weapon", "Conditional", "Certain", "Affirmative", "Hypothetical"),
    ("South Korea should strengthen coordination with Japan.", "coordination",
     "Recommendation", "Certain", "Affirmative", "Hypothetical"),
])
def test_modality_certainty_polarity_and_status_from_cues(gazetteer, morph, text, trigger,
                                                          modality, certainty, polarity,
                                                          status):
    items = _draft(text, gazetteer, morph)
    ev = _event(items, trigger)
    claim = next(c for c in _claims(items) if ev["id"] in c.get("asserts", []))
    got = (claim["modality"], claim["certainty"], claim["polarity"], ev.get("status"))
    assert got == (modality, certainty, polarity, status), (claim, ev)


def test_a_hedging_verb_is_a_cue_in_every_form(gazetteer):
    # "appear to" is written once in the lexicon; lemminflect reads "appeared to"
    if "lemminflect" not in available():
        pytest.skip("the nlp extra is not installed")
    items = _draft("The launch appeared to have failed after the second stage separated.",
                   gazetteer, "lemminflect")
    claim = _claims(items)[0]
    assert claim["modality"] == "Assessment" and "appeared to" in claim["hedge"], claim


def test_an_auxiliary_is_matched_as_written(gazetteer):
    # "will" (prediction) is no lemma of "would have" (a counterfactual reported fact), and
    # "can" no lemma of "could" (a possibility)
    items = _draft("Japan voted on a draft that would have tightened sanctions on North Korea.",
                   gazetteer)
    assert _claims(items)[0]["modality"] == "ReportedFact", _claims(items)
    items = _draft("North Korea could test a nuclear weapon.", gazetteer)
    claim = _claims(items)[0]
    # what could happen is a prediction (kg:Prediction), at the certainty "could" gives
    assert (claim["modality"], claim["certainty"]) == ("Prediction", "Possible"), claim


def test_a_reporting_verb_makes_the_report_and_what_it_reports_two_claims(gazetteer):
    items = _draft("China said further sanctions would only escalate tensions.", gazetteer)
    report, said = _claims(items)
    assert report["quote"].startswith("China said") and report["modality"] == "ReportedFact"
    assert said["quote"].startswith("further sanctions") and said["modality"] == "Prediction"
    assert report["speaker"] == said["speaker"] == "china", (report, said)
    escalation = _event(items, "escalate tensions")
    # "China said" is a speech act of its own (a speaker before the verb): the report's event
    statement = _event(items, "said")
    assert escalation["id"] in said["asserts"] and statement["id"] not in said["asserts"], said
    assert report.get("asserts") == [statement["id"]], report


def test_a_judgement_cue_opens_an_assessment(gazetteer):
    items = _draft("On 4 October 2022 Japan called the launch a grave provocation.",
                   gazetteer)
    claims = _claims(items)
    judged = [c for c in claims if c["quote"].startswith("called the launch a")]
    assert judged and judged[0]["modality"] == "Assessment", claims
    assert any(c["modality"] == "ReportedFact" for c in claims), claims


def test_a_cue_less_statement_in_the_present_is_the_authors_assessment(gazetteer):
    past = _claims(_draft("North Korea fired two missiles into the sea.", gazetteer))
    present = _claims(_draft("North Korea's testing brings Japan closer to the United States.",
                             gazetteer))
    perfect = _claims(_draft("Already, North Korea has ratcheted up tensions with Japan.",
                             gazetteer))
    assert past[0]["modality"] == "ReportedFact", past
    assert present[0]["modality"] == "Assessment", present
    assert perfect[0]["modality"] == "Assessment", perfect


def test_a_headline_with_a_verb_is_a_reported_claim(gazetteer):
    items = _draft("North Korea fires missiles over Japan\n"
                   "Officials gave no further details of the day.", gazetteer)
    claims = _claims(items)
    assert claims and claims[0]["quote"].startswith("North Korea fires"), claims
    assert claims[0]["modality"] == "ReportedFact", claims


def test_a_date_after_the_document_is_no_prediction_in_a_past_tense_sentence(gazetteer):
    items = _draft("On 21 November 2022 the Security Council met in New York.", gazetteer,
                   date="2022-11-19")
    assert _claims(items)[0]["modality"] == "ReportedFact", _claims(items)
    items = _draft("Further North Korean launches before the end of the year are almost "
                   "certain.", gazetteer, date="2022-11-10")
    assert _claims(items)[0]["modality"] == "Prediction", _claims(items)


def test_the_draft_of_a_real_brief_builds_and_validates(gazetteer, tmp_path):
    """Reporting frames, judgement cues, context triggers and inherited times all end in
    items the loader and the shapes accept."""
    import shutil

    from kg.annotate import draft_file
    from kg.build import build
    from kg.resources import data_dir
    from kg.validation import validate

    src = data_dir() / "digest-2022-03-30-icbm-moratorium.txt"
    shutil.copy(src, tmp_path / src.name)
    out = tmp_path / "digest.yaml"
    draft_file(tmp_path / src.name, out, date="2022-03-30", gazetteer=gazetteer)
    built = build(out, out=tmp_path / "b")
    report = validate(built.out)
    assert report.conforms, report.text()
