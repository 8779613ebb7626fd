"""kg annotate reads roles and response links from sentence structure, with either morphology;
the draft of a brief using all of it builds and validates."""

from __future__ import annotations

import pytest
import yaml

from kg.annotate import draft_file
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.morph import available, load_morphology

BACKENDS = ["rules", pytest.param("lemminflect", marks=pytest.mark.skipif(
    "lemminflect" not in available(), reason="the nlp extra is not installed"))]

TEXT = ("Allies answer a launch\n"
        "North Korea fired a ballistic missile over Japan on 4 October 2022. "
        "Japan condemned the launch. "
        "Within hours, South Korea and the United States held a bombing drill against "
        "North Korea near the Yellow Sea. "
        "The following day, in response to the launch, South Korea fired missiles. "
        "A missile was fired by Russia. "
        "China's sanctions against North Korea were expanded. "
        "Residents saw the fire.\n")


@pytest.fixture(scope="module", params=BACKENDS)
def drafted(request, tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("KG_ANNOTATE_MORPHOLOGY", request.param)
    load_morphology.cache_clear()
    folder = tmp_path_factory.mktemp(f"structure-{request.param}")
    (folder / "brief.txt").write_text(TEXT, encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml()
    out = folder / "brief.yaml"
    draft_file(folder / "brief.txt", out, date="2022-10-06", gazetteer=gaz)
    load_morphology.cache_clear()
    items = yaml.safe_load(out.read_text(encoding="utf-8"))["annotations"]
    return out, {it["id"]: it for it in items}


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _event(items: dict, quote: str) -> dict:
    return next(it for it in items.values() if it.get("quote") == quote)


def test_no_event_is_drafted_from_a_heading_or_a_noun_that_is_no_event(drafted):
    quotes = [it.get("quote") for it in drafted[1].values() if it["type"] != "Claim"]
    assert "answer" not in quotes and "fire" not in quotes, quotes  # heading; "the fire"


def test_the_subject_before_a_verb_is_the_agent_and_a_place_follows_its_cue(drafted):
    launch = _event(drafted[1], "fired a ballistic missile")
    assert launch["agent"] == "north-korea", launch
    assert launch["instrument"] == "ballistic-missiles", launch


def test_coordinated_subjects_and_a_cued_target_and_place(drafted):
    drill = _event(drafted[1], "bombing drill")
    assert drill["type"] == "AirDrill", drill
    assert drill["agent"] == ["south-korea", "united-states"], drill
    assert drill["target"] == "north-korea", drill
    assert drill["place"] == "yellow-sea", drill


def test_the_agent_of_a_passive_verb_follows_by(drafted):
    fired = next(it for it in drafted[1].values() if it.get("quote") == "fired"
                 and it.get("agent") == "russia")
    assert fired["type"] == "MissileLaunch", fired


def test_the_owner_of_a_noun_trigger_is_its_agent(drafted):
    sanctions = _event(drafted[1], "sanctions")
    assert sanctions["agent"] == "china" and sanctions["target"] == "north-korea", sanctions


def test_a_condemnation_answers_the_launch_it_names_and_targets_its_agent(drafted):
    items = drafted[1]
    launch = _event(items, "fired a ballistic missile")
    condemn = _event(items, "condemned")
    assert condemn["type"] == "Accusation" and condemn["agent"] == "japan", condemn
    assert condemn["respondsTo"] == launch["id"], condemn
    assert condemn["target"] == "north-korea", condemn


def test_a_response_cue_links_the_answer_and_an_alert_like_answer_needs_none(drafted):
    items = drafted[1]
    launch = _event(items, "fired a ballistic missile")
    answer = next(it for it in items.values() if it.get("quote") == "fired missiles")
    assert answer["respondsTo"] == launch["id"], answer
    drill = _event(items, "bombing drill")
    assert "respondsTo" not in drill or drill["respondsTo"] == launch["id"], drill


def test_relative_times_count_from_the_nearest_dated_event(drafted):
    items = drafted[1]
    launch = _event(items, "fired a ballistic missile")
    nxt = next(it for it in items.values() if it.get("quote") == "The following day")
    assert (nxt["relativeTo"], nxt["offset"], nxt["precision"]) == \
        (launch["id"], "P1D", "Relative"), nxt
    hours = next(it for it in items.values() if it.get("quote") == "Within hours")
    assert (hours["offset"], hours["offsetUpTo"]) == ("PT0S", "PT24H"), hours
    assert "begin" not in nxt and "end" not in nxt, nxt


def test_every_drafted_item_is_machine_made_with_a_confidence(drafted):
    for it in drafted[1].values():
        assert it["machine"] is True and 0 < float(it["confidence"]) <= 1, it


def test_the_draft_builds_and_validates_and_the_build_dates_relative_times(drafted, tmp_path):
    from kg.build import build
    from kg.validation import validate

    out = build(drafted[0], out=tmp_path / "b")
    report = validate(out.out)
    assert report.conforms, report.text()
    nq = (out.out / "graph.nq").read_text(encoding="utf-8")
    assert "2022-10-05" in nq, "the following day was not dated by the build"


@pytest.mark.parametrize("backend", BACKENDS)
def test_both_morphologies_draft_the_same_core_events(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_ANNOTATE_MORPHOLOGY", backend)
    load_morphology.cache_clear()
    try:
        (tmp_path / "t.txt").write_text("North Korea fired two missiles. Japan tested a "
                                        "rocket. The allies held drills.\n", encoding="utf-8")
        gaz = Gazetteer()
        gaz.add_yaml()
        items = yaml.safe_load(draft_file(tmp_path / "t.txt", gazetteer=gaz))["annotations"]
    finally:
        load_morphology.cache_clear()
    types = [it["type"] for it in items
             if it["type"] not in ("State", "Alliance", "Claim", "MissileClass")]
    assert types == ["MissileLaunch", "MissileTest", "MilitaryExercise"], types


def test_an_unknown_or_missing_morphology_is_a_clear_error():
    from kg.errors import UsageError

    with pytest.raises(UsageError, match="unknown morphology"):
        load_morphology("spacy")


@pytest.mark.parametrize("word, known", [
    ("koizumi", False), ("Lavrov", False),  # names no English word spells
    ("moon", True), ("Park", True), ("officials", True),  # names that are words too
    ("because", True), ("the", True),  # closed classes the tables leave out
])
def test_the_word_tables_tell_a_word_from_a_name(word, known):
    if "lemminflect" in available():
        assert load_morphology("lemminflect").is_word(word) is known
    assert load_morphology("rules").is_word(word) is True  # no tables: any word may be one
