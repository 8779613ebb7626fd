"""The numpydoc examples of kg.network run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.network

MODULES = sorted(m.name for m in pkgutil.iter_modules(kg.network.__path__, "kg.network."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_topic_modules_have_examples():
    for name in ("centrality", "blocs", "balance", "paths", "signed", "lookup"):
        module = importlib.import_module(f"kg.network.{name}")
        assert doctest.DocTestFinder().find(module) and module.__all__, name
        assert sum(len(t.examples) for t in doctest.DocTestFinder().find(module)) > 0, name
