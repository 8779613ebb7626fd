"""kg.annotate.modality_model: the learned modality typer of claims is trained
deterministically, re-types a claim by its words, never a report's, and stays out of a draft
by the rules alone."""

from __future__ import annotations

import json

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.modality_model import (
    DEFAULT_MODALITY_MODEL,
    MODALITY_FORMAT,
    ModalityRecorder,
    load_modality_typer,
    modality_typer_from_env,
)
from kg.annotate.speech_model import LinearTyper, fit, typer_json
from kg.annotate.train_modality import label_claim
from kg.errors import UsageError


@pytest.fixture(scope="module")
def generic():
    g = Gazetteer()
    g.add_yaml()
    return g


def _claims(text: str, onto, generic) -> list:
    rec = ModalityRecorder()
    draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto, model="none",
          modality=rec)
    return rec.claims


def _drafted(text: str, onto, generic, **kw) -> list[dict]:
    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto, **kw)
    return doc["annotations"]


def test_a_claim_takes_the_modality_most_gold_claims_it_overlaps_have():
    gold = [([(0, 10)], "Assessment"), ([(12, 20)], "ReportedFact"),
            ([(21, 30)], "ReportedFact"), ([(40, 50)], "Prediction")]
    assert label_claim(0, 30, gold) == "ReportedFact"  # two against one
    assert label_claim(0, 14, gold) == "Assessment"  # one each: the most characters shared
    assert label_claim(8, 14, gold) == "Assessment"  # 2 and 2: the first by name
    assert label_claim(31, 39, gold) is None
    # among the gold claims no other drafted claim finds: this one finds the assessment
    assert label_claim(0, 30, gold, [(12, 30, "ReportedFact")]) == "Assessment"
    assert label_claim(0, 30, gold, [(12, 30, "Prediction")]) == "ReportedFact"
    # all found by others: the majority of all
    assert label_claim(0, 30, gold, [(0, 30, "Assessment"), (12, 30, "ReportedFact")]) \
        == "ReportedFact"


# made-up training sentences: the writer's judgement told in the past tense (assessments)
# and plain reports of what was done (reported facts)
JUDGEMENTS = [
    "The army fired a missile, and the gamble backfired.",
    "The navy fired a torpedo, and the gamble misfired.",
    "The regime fired a rocket, and the gamble backfired on it.",
]
FACTS = [
    "The army fired a missile from a launcher near the coast.",
    "The navy fired a torpedo from a submarine near the port.",
    "The regime fired a rocket from a pad near the border.",
]


def test_a_typer_trained_on_a_tiny_set_retypes_a_judgement(onto, generic):
    data = []
    for n, (texts, label) in enumerate(((JUDGEMENTS, "Assessment"), (FACTS, "ReportedFact"))):
        for k, text in enumerate(texts):
            for start, end, _rule, feats in _claims(text, onto, generic):
                assert feats is not None  # no report in these sentences
                data.append((f"{n}-{k}:{start}:{end}", feats, label))
    assert len(data) >= 6, data
    typer = fit(data, min_count=1, epochs=20, margin=0.2)
    text = "The air force fired a missile, and the gamble backfired badly."
    claims = _claims(text, onto, generic)
    assert claims and all(rule == "ReportedFact" and f for _s, _e, rule, f in claims), claims
    typed = [c["modality"] for c in _drafted(text, onto, generic, model="none", modality=typer)
             if c["type"] == "Claim"]
    assert typed == ["Assessment"], typed
    plain = "The air force fired a missile from a launcher near the airfield."
    typed = [c["modality"] for c in _drafted(plain, onto, generic, model="none",
                                             modality=typer) if c["type"] == "Claim"]
    assert typed == ["ReportedFact"], typed


def test_a_report_is_never_retyped_and_events_follow_the_new_modality(onto, generic):
    # a typer that reads every claim as a prediction
    always = LinearTyper(["Prediction", "ReportedFact"], {"b": {"Prediction": 5.0}}, 0.2)
    text = "The ministry said the army fired a missile from a launcher near the coast."
    items = _drafted(text, onto, generic, model="none", modality=always)
    claims = [c for c in items if c["type"] == "Claim"]
    assert len(claims) == 2, claims
    report, said = claims
    assert report["modality"] == "ReportedFact" and said["modality"] == "Prediction"
    fired = [e for e in items if e["id"] in said["asserts"]]
    assert fired and all(e["status"] == "Hypothetical" for e in fired), fired
    rules = _drafted(text, onto, generic, model="none", modality="none")
    assert [c["modality"] for c in rules if c["type"] == "Claim"] == ["ReportedFact"] * 2


def test_the_rules_alone_have_no_typer(monkeypatch):
    assert modality_typer_from_env(None, rules_alone=True) is None
    monkeypatch.setenv("KG_ANNOTATE_MODALITY", "none")
    assert modality_typer_from_env(None, rules_alone=False) is None  # the explicit opt-out
    assert modality_typer_from_env("none", rules_alone=False) is None


def test_without_the_model_file_the_rules_type(monkeypatch, tmp_path):
    import kg.annotate.modality_model as mm

    monkeypatch.delenv("KG_ANNOTATE_MODALITY", raising=False)
    monkeypatch.setattr(mm, "DEFAULT_MODALITY_MODEL", tmp_path / "missing.json")
    assert modality_typer_from_env(None, rules_alone=False) is None


def test_a_file_of_another_kind_is_refused_in_one_line(tmp_path):
    from kg.annotate.speech_model import DEFAULT_SPEECH_MODEL

    with pytest.raises(UsageError, match=r"speech\.json: modality typer format "
                                         r"'kg-speech-typer/1', expected 'kg-modality-typer/1'"):
        load_modality_typer(DEFAULT_SPEECH_MODEL)
    bad = tmp_path / "m.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match=r"m\.json: not a modality typer \(invalid JSON"):
        load_modality_typer(bad)


def test_the_file_round_trips(tmp_path):
    data = [(f"d:{n}", ("b", f"w=x{n % 3}"), "Assessment" if n % 3 else "ReportedFact")
            for n in range(30)]
    typer = fit(data, min_count=1, margin=0.5)
    path = tmp_path / "m.json"
    path.write_text(typer_json(typer, MODALITY_FORMAT), encoding="utf-8")
    back = load_modality_typer(path)
    assert json.loads(path.read_text())["format"] == MODALITY_FORMAT
    assert (back.labels, back.weights, back.margin) == (typer.labels, typer.weights, 0.5)


@pytest.mark.skipif(not DEFAULT_MODALITY_MODEL.exists(), reason="no shipped typer")
def test_the_shipped_typer_loads():
    typer = load_modality_typer()
    assert {"Assessment", "ReportedFact", "Prediction"} <= set(typer.labels)
    assert typer.header["documents"], typer.header


@pytest.mark.skipif(
    load_modality_typer().header.get("morphology") != __import__(
        "kg.annotate.morph", fromlist=["load_morphology"]).load_morphology().name,
    reason="the shipped typer was trained with another morphology than the installed one")
def test_the_shipped_typer_is_what_the_training_command_makes_from_data(capsys):
    """python -m kg.annotate.train_modality --check: when this fails after a change to data/
    or to the rules, run `python -m kg.annotate.train_modality` and commit the file."""
    from kg.annotate.train_modality import main

    assert main(["--check", "-o", str(DEFAULT_MODALITY_MODEL)]) == 0, capsys.readouterr().out
