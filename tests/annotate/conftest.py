"""Fixtures of the drafter's tests: the trigger rules with a morphology (``lexicon``), the
triggers they find in a sentence (``drafted``) and the actors' gazetteer of data/
(``gazetteer``).

A test module that sets ``MORPHOLOGIES`` (names for :func:`kg.annotate.morph.load_morphology`)
runs its ``lexicon`` tests once with each; otherwise ``lexicon`` has the default one.
"""

from __future__ import annotations

import pytest

from kg.annotate.gazetteer import Gazetteer
from kg.annotate.morph import load_morphology
from kg.annotate.triggers import find_triggers, load_rules


def pytest_generate_tests(metafunc):
    names = getattr(metafunc.module, "MORPHOLOGIES", None)
    if names and "lexicon" in metafunc.fixturenames:
        metafunc.parametrize("lexicon", names, indirect=True, scope="module")


@pytest.fixture(scope="module")
def lexicon(onto, request):
    """The trigger rules of the ontology and a morphology (the module's ``MORPHOLOGIES``
    one after another, else the default)."""
    return load_rules(onto), load_morphology(getattr(request, "param", None))


def _drafted(text: str, lexicon) -> list[tuple[str, str]]:
    """The triggers ``lexicon`` finds in ``text``: (words, class) in text order."""
    rules, morph = lexicon
    return [(text[s.start:s.end], s.key) for s in find_triggers(text, rules, morph)]


@pytest.fixture(scope="session")
def drafted():
    """``drafted(text, lexicon)``: the triggers found in ``text``, (words, class) pairs."""
    return _drafted


@pytest.fixture(scope="session")
def gazetteer():
    """The gazetteer of the actors annotated in data/."""
    gaz = Gazetteer()
    gaz.add_yaml()
    return gaz
