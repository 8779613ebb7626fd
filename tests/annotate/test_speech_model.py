"""kg.annotate.speech_model: the learned speech-act typer is trained deterministically,
retypes a neutral speech act by what it says, and stays out of a draft by the rules alone."""

from __future__ import annotations

import json

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.speech_model import (
    DEFAULT_SPEECH_MODEL,
    SpeechRecorder,
    fit,
    load_typer,
    typer_from_env,
    typer_json,
)


@pytest.fixture(scope="module")
def generic():
    g = Gazetteer()
    g.add_yaml()
    return g


def _acts(text: str, onto, generic) -> list:
    rec = SpeechRecorder()
    draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto, model="none",
          speech=rec)
    return rec.acts


def _types(text: str, onto, generic, **kw) -> list[tuple[str, str]]:
    doc = draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto, **kw)
    return [(it["quote"], it["type"]) for it in doc["annotations"] if it["id"].startswith("ev-")]


def test_fit_gives_the_same_bytes_whatever_the_order_of_the_data():
    data = [(f"d{n % 3}:{n}", ("b", f"w=x{n % 4}", "rule=PublicStatement"),
             "Threat" if n % 4 == 0 else "PublicStatement") for n in range(40)]
    one = typer_json(fit(data, min_count=1))
    two = typer_json(fit(list(reversed(data)), min_count=1))
    assert one == two
    assert json.loads(one)["weights"]["w=x0"], one


# made-up training sentences: a warning of the speaker's own harm (a threat) and plain
# reports (statements)
THREATS = [
    "The defence ministry warned that it would crush any intruder without mercy.",
    "The army chief warned that it would punish the enemy harshly.",
    "The spokesperson warned that they would wipe out the invaders.",
]
STATEMENTS = [
    "The defence ministry said the weather was cold on Tuesday.",
    "The army chief said the parade was held in the capital.",
    "The spokesperson said the meeting lasted two hours.",
]


def test_a_typer_trained_on_a_tiny_set_retypes_a_warning_of_harm(onto, generic):
    data = []
    for n, (texts, label) in enumerate(((THREATS, "Threat"), (STATEMENTS, "PublicStatement"))):
        for k, text in enumerate(texts):
            for start, _end, _rule, feats, _ev in _acts(text, onto, generic):
                data.append((f"{n}-{k}:{start}", feats, label))
    assert len(data) >= 6, data
    typer = fit(data, min_count=1, epochs=20, margin=0.2)
    text = "The navy commander warned that it would destroy the intruding ships."
    acts = _acts(text, onto, generic)
    assert acts and all(rule == "PublicStatement" for _s, _e, rule, _f, _ev in acts), acts
    assert ("warned", "Threat") in _types(text, onto, generic, model="none", speech=typer)
    # a plain report keeps the rules' class
    plain = "The navy commander said the ships were repainted."
    assert ("said", "PublicStatement") in _types(plain, onto, generic, model="none",
                                                 speech=typer)


def test_the_rules_alone_have_no_typer(monkeypatch):
    assert typer_from_env(None, rules_alone=True) is None
    monkeypatch.setenv("KG_ANNOTATE_SPEECH", "none")
    assert typer_from_env(None, rules_alone=False) is None  # the explicit opt-out
    assert typer_from_env("none", rules_alone=False) is None


def test_without_the_model_file_the_rules_type(monkeypatch, tmp_path):
    import kg.annotate.speech_model as sm

    monkeypatch.setenv("KG_ANNOTATE_SPEECH", "default")
    monkeypatch.setattr(sm, "DEFAULT_SPEECH_MODEL", tmp_path / "missing.json")
    assert typer_from_env(None, rules_alone=False) is None


def test_the_typer_is_opt_in(monkeypatch):
    # unset: the rules' types, even with the model; "default" turns the shipped one on
    monkeypatch.delenv("KG_ANNOTATE_SPEECH", raising=False)
    assert typer_from_env(None, rules_alone=False) is None
    if DEFAULT_SPEECH_MODEL.exists():
        monkeypatch.setenv("KG_ANNOTATE_SPEECH", "default")
        typer = typer_from_env(None, rules_alone=False)
        assert typer is not None and "Threat" in typer.labels
        assert typer_from_env(None, rules_alone=True) is None  # never with the rules alone


@pytest.mark.skipif(not DEFAULT_SPEECH_MODEL.exists(), reason="no shipped typer")
def test_the_shipped_typer_loads():
    typer = load_typer()
    assert "PublicStatement" in typer.labels and "Threat" in typer.labels
    assert typer.header["documents"], typer.header


@pytest.mark.skipif(
    load_typer().header.get("morphology") != __import__(
        "kg.annotate.morph", fromlist=["load_morphology"]).load_morphology().name,
    reason="the shipped typer was trained with another morphology than the installed one")
def test_the_shipped_typer_is_what_the_training_command_makes_from_data(capsys):
    """python -m kg.annotate.train_speech --check: when this fails after a change to data/ or
    to the rules, run `python -m kg.annotate.train_speech` and commit the file."""
    from kg.annotate.train_speech import main

    assert main(["--check", "-o", str(DEFAULT_SPEECH_MODEL)]) == 0, capsys.readouterr().out
