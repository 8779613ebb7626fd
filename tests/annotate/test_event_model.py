"""kg.annotate.event_model: the learned event model's features, its file and its hook in
the drafter (no parser needed)."""

from __future__ import annotations

import json

import pytest

from kg.annotate.event_model import (
    DEFAULT_MODEL,
    NONE,
    Candidate,
    EventModel,
    candidates,
    load_model,
)
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.morph import load_morphology
from kg.annotate.text import Span, sentences
from kg.annotate.triggers import load_rules
from kg.errors import UsageError
from kg.ontology import load_ontology

TEXT = ("North Korea fired two ballistic missiles on 5 June. The show of force came "
        "after the drills ended.\n")


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


@pytest.fixture(scope="module")
def generic():
    g = Gazetteer()
    g.add_yaml()
    return g


def _cands(onto, generic, triggers=()):
    from kg.annotate.text import find_phrases, longest_first

    names = longest_first(find_phrases(TEXT, generic.names()))
    types = {n.key: generic.entries[n.key].type for n in names}
    rules = load_rules(onto)
    return candidates(TEXT, sents=sentences(TEXT), heads=[], triggers=list(triggers),
                      references=[], names=names, name_types=types,
                      times=[(TEXT.index("5 June"), TEXT.index("5 June") + 6)],
                      lexicon=rules.classes_of, morph=load_morphology(),
                      actor_classes=set(types.values()))


def test_candidates_are_content_words_outside_names_and_times(onto, generic):
    words = [TEXT[c.start:c.end] for c in _cands(onto, generic)]
    assert "fired" in words and "show" in words and "force" in words, words
    # names, times, closed-class words and figures are never scored
    for left_out in ("North", "Korea", "June", "5", "the", "of", "on"):
        assert left_out not in words, (left_out, words)


def test_features_name_the_lexicon_class_the_rules_and_the_context(onto, generic):
    fired = TEXT.index("fired")
    trig = Span(fired, fired + 5, "MissileLaunch")
    by_word = {TEXT[c.start:c.end]: c for c in _cands(onto, generic, [trig])}
    f = set(by_word["fired"].features)
    assert {"w=fired", "l=fire", "past", "at=rule:MissileLaunch", "act<3", "time"} <= f, f
    assert any(x.startswith("lex=") for x in f), f  # "fire" is in the trigger lexicon
    show = set(by_word["show"].features)
    assert "prev=MissileLaunch" in show and "time" not in show, show
    assert "w-1=the" in show and "w+1=of" in show, show


def _toy(threshold=0.5, veto=None) -> EventModel:
    return EventModel([NONE, "MilitaryExercise"],
                      {"b": {NONE: 1.0}, "w=show": {"MilitaryExercise": 3.0}}, threshold,
                      {}, veto)


def test_apply_adds_the_most_probable_word_of_a_run_with_its_probability():
    c1 = Candidate(10, 14, 0, 0, ("b", "w=show"))
    c2 = Candidate(18, 23, 0, 0, ("b",))
    m = _toy()
    [(s, e, cls, p)] = m.apply([c1, c2], [], [])
    assert (s, e, cls) == (10, 14, "MilitaryExercise") and 0.8 < p < 0.9, (s, e, cls, p)
    # a run next to a rule's trigger is the rules' event: nothing added
    assert m.apply([c1], [Span(15, 20, "MissileLaunch")], []) == []
    assert _toy(threshold=0.9).apply([c1], [], []) == []


def test_veto_drops_a_trigger_every_word_of_which_is_no_event():
    m = _toy(veto=0.7)
    trig = Span(18, 23, "MissileLaunch")
    assert m.vetoed([Candidate(18, 23, 0, 0, ("b",))], [trig]) == [trig]
    assert m.vetoed([Candidate(18, 23, 0, 0, ("b", "w=show"))], [trig]) == []
    assert _toy().vetoed([Candidate(18, 23, 0, 0, ("b",))], [trig]) == []


def test_spans_scored_gives_each_class_its_best_probability_over_the_words():
    show = Candidate(10, 14, 0, 0, ("b", "w=show"))
    plain = Candidate(18, 23, 0, 0, ("b",))
    m = _toy()
    scored = m.spans_scored([show, plain], [Span(10, 23, "MilitaryExercise"),
                                             Span(18, 23, "MissileLaunch"),
                                             Span(30, 40, "MissileLaunch")])
    both, alone = scored[(10, 23)], scored[(18, 23)]
    assert both == {label: max(m.probabilities(show.features)[label],
                               m.probabilities(plain.features)[label]) for label in m.labels}
    assert alone == m.probabilities(plain.features), alone
    assert 0.8 < both["MilitaryExercise"] < 0.9 and alone["MilitaryExercise"] < 0.3, scored
    assert (30, 40) not in scored  # no scored word in it


def test_the_shipped_model_loads_and_names_its_training(onto):
    m = load_model()
    assert m.labels[0] == NONE and len(m.labels) > 10, m.labels
    assert m.header["trained_by"] == "python -m kg.annotate.train", m.header
    assert "cfr-2022-north-korea-provocations" in m.header["documents"], m.header
    assert all(onto.has_class(lab) for lab in m.labels[1:]), m.labels


@pytest.mark.parametrize("body, says", [
    ("{not json", "invalid JSON"),
    ('{"format": "other/9"}', "format 'other/9'"),
    ('{"format": "kg-event-model/1", "labels": ["O"]}', "KeyError"),
    ('{"format": "kg-event-model/1", "labels": ["O"], "threshold": 0.5, "veto_threshold": '
     'null, "weights": {"b": {"7": 1.0}}}', "IndexError"),
])
def test_a_corrupt_model_file_is_a_one_line_error_naming_it(tmp_path, body, says):
    p = tmp_path / "events.json"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        load_model(p)
    msg = str(exc.value)
    assert str(p) in msg and says in msg and "\n" not in msg, msg


def test_a_missing_model_file_is_a_one_line_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read the event model"):
        load_model(tmp_path / "absent.json")


def _draft(generic, model, text=TEXT):
    from kg.annotate.draft import draft

    return draft(text, doc_id="d", text_name="d.txt", gazetteer=generic, onto=load_ontology(),
                 date="2022-06-05", parser="none", model=model)


def test_the_drafter_adds_the_models_events_with_its_probability(generic):
    toy = EventModel([NONE, "MilitaryExercise"],
                     {"b": {NONE: 1.0}, "w=show": {"MilitaryExercise": 4.0}}, 0.5, {}, None)
    with_model = _draft(generic, toy)["annotations"]
    alone = _draft(generic, "none")["annotations"]
    added = [it for it in with_model if it["type"] == "MilitaryExercise"
             and it.get("quote") == "show"]
    assert len(added) == 1 and added[0]["machine"] is True, with_model
    assert added[0]["confidence"] == "0.95", added[0]
    assert not any(it.get("quote") == "show" for it in alone), alone


def test_a_rule_events_confidence_is_the_models_probability_of_its_type(generic):
    """The rules' events are as sure as the model finds their final type on their words; a
    type the model has no class for, and every event with the rules alone, keep 0.6."""
    toy = EventModel([NONE, "MissileLaunch"],
                     {"b": {NONE: 1.0}, "w=fired": {"MissileLaunch": 3.0}}, 0.5, {}, None)
    sure = {it["quote"]: it["confidence"] for it in _draft(generic, toy)["annotations"]
            if it["id"].startswith("ev-")}
    alone = {it["quote"]: it["confidence"] for it in _draft(generic, "none")["annotations"]
             if it["id"].startswith("ev-")}
    launch = "fired two ballistic missiles"
    # e^3 / (e^1 + e^3) on "fired", the best of the trigger's words
    assert sure[launch] == "0.88" and sure["drills"] == "0.6", sure
    assert set(alone.values()) == {"0.6"} and alone.keys() == sure.keys(), alone
    doubtful = EventModel([NONE, "MissileLaunch"], {"b": {NONE: 9.0}}, 0.5, {}, None)
    low = {it["quote"]: it["confidence"] for it in _draft(generic, doubtful)["annotations"]
           if it["id"].startswith("ev-")}
    assert low[launch] == "0.01", low  # never 0: it was drafted


def test_a_draft_with_the_shipped_model_needs_no_parser_and_loads(tmp_path, generic,
                                                                   monkeypatch):
    """The no-spaCy path: the shipped model drafts with parser none, the draft loads with no
    problem and every item stays machine-made with a confidence."""
    import yaml

    from kg.annotate import draft_file
    from kg.loaders import load_corpus
    from kg.resources import data_dir

    monkeypatch.delenv("KG_ANNOTATE_MODEL", raising=False)
    src = data_dir() / "wire-2022-10-04-overflight.txt"
    out = tmp_path / "draft.yaml"
    draft_file(src, out, doc_id="draft", date="2022-10-05", gazetteer=generic, parser="none")
    doc = load_corpus(out).documents[0]  # raises on any problem
    assert doc.items and all(it.machine for it in doc.items), doc.items
    items = yaml.safe_load(out.read_text(encoding="utf-8"))["annotations"]
    assert all(0 < float(it["confidence"]) <= 1 for it in items), items


def test_the_environment_chooses_the_model(monkeypatch, tmp_path):
    from kg.annotate.event_model import model_from_env

    monkeypatch.setenv("KG_ANNOTATE_MODEL", "none")
    assert model_from_env(None) is None
    monkeypatch.setenv("KG_ANNOTATE_MODEL", str(tmp_path / "absent.json"))
    with pytest.raises(UsageError, match="absent.json"):
        model_from_env(None)
    monkeypatch.delenv("KG_ANNOTATE_MODEL")
    assert model_from_env(None).header == load_model(DEFAULT_MODEL).header


def test_the_model_file_is_sorted_json():
    body = DEFAULT_MODEL.read_text(encoding="utf-8")
    data = json.loads(body)
    assert list(data) == sorted(data), list(data)
    assert list(data["weights"]) == sorted(data["weights"]), "weights not sorted"
