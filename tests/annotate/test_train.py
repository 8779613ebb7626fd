"""kg.annotate.train: the event model's training is deterministic, and the shipped file is
the one the training command makes from data/."""

from __future__ import annotations

import json

import pytest

from kg.annotate.event_model import DEFAULT_MODEL, NONE, Candidate, load_model
from kg.annotate.train import fit, label_candidates, main, model_json, train
from kg.resources import data_dir

SUBSET = ["wire-2022-10-04-overflight", "note-2022-forecast"]


def test_training_on_a_subset_gives_the_same_bytes_twice(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        body = model_json(train([data_dir()], documents=SUBSET))
        out.write_text(body, encoding="utf-8")
    assert a.read_bytes() == b.read_bytes(), "two trainings on the same data differ"
    m = load_model(a)
    assert m.header["documents"] == sorted(SUBSET), m.header
    assert m.labels[0] == NONE and "MissileLaunch" in m.labels, m.labels


def test_fit_does_not_depend_on_the_order_of_the_data():
    data = [(f"d{n % 3}", Candidate(n * 10, n * 10 + 4, n, 0, ("b", f"w=x{n % 5}")),
             "MissileLaunch" if n % 5 == 0 else NONE) for n in range(40)]
    one = model_json(fit(data, min_count=1))
    two = model_json(fit(list(reversed(data)), min_count=1))
    assert one == two
    assert json.loads(one)["weights"]["w=x0"], one  # the event word learned a weight


def test_words_of_a_quote_other_than_its_trigger_words_are_left_out_of_training():
    said = Candidate(30, 34, 0, 0, ("b", "w=said", "lex=PublicStatement"))
    director = Candidate(20, 28, 0, 0, ("b", "w=director"))
    outside = Candidate(50, 55, 0, 0, ("b", "w=later"))
    flight = Candidate(70, 76, 1, 0, ("b", "w=flight"))
    quotes = [(20, 15, 35, "PublicStatement"), (8, 68, 76, "MissileLaunch")]
    got = label_candidates([director, said, outside, flight], sorted(quotes))
    assert [lab for _c, lab in got] == [None, "PublicStatement", NONE, "MissileLaunch"], got


def test_a_corrupt_shipped_file_is_reported_by_check(tmp_path, capsys):
    from kg.errors import UsageError

    bad = tmp_path / "events.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match="events.json"):
        main(["--check", "-o", str(bad)])


@pytest.mark.skipif(load_model().header.get("morphology") != __import__(
    "kg.annotate.morph", fromlist=["load_morphology"]).load_morphology().name,
    reason="the shipped model was trained with another morphology than the installed one")
def test_the_shipped_model_is_what_the_training_command_makes_from_data(capsys):
    """python -m kg.annotate.train --check: retrained on the documents the shipped file
    names (a few tens of seconds). When this fails after a change to data/ or to the
    features, run `python -m kg.annotate.train` (before the rules freeze) and commit the
    file."""
    code = main(["--check", "-o", str(DEFAULT_MODEL)])
    assert code == 0, capsys.readouterr().out
