"""docs/api.md: every example runs, in an empty folder, as a user would run it."""

from __future__ import annotations

import doctest

import pytest

from kg.resources import repo_root


@pytest.mark.slow
def test_api_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_ONTOLOGY", raising=False)
    result = doctest.testfile(str(repo_root() / "docs" / "api.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 20 and result.failed == 0, result


def test_rows_as_python_values():
    import datetime
    from decimal import Decimal

    import pyoxigraph as ox

    from kg.store.result import QueryResult, python_value

    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases = [(ox.Literal("42", datatype=ox.NamedNode(xsd + "integer")), 42),
             (ox.Literal("1.5", datatype=ox.NamedNode(xsd + "decimal")), Decimal("1.5")),
             (ox.Literal("2022-05-26", datatype=ox.NamedNode(xsd + "date")),
              datetime.date(2022, 5, 26)),
             (ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")), True),
             (ox.Literal("2022", datatype=ox.NamedNode(xsd + "gYear")), "2022"),
             (ox.Literal("x1", datatype=ox.NamedNode(xsd + "integer")), "x1"),
             (ox.NamedNode("https://example.org/a"), "https://example.org/a"),
             (None, None)]
    for term, want in cases:
        got = python_value(term)
        assert got == want and type(got) is type(want), (term, got)
    result = QueryResult("select", variables=["n"], rows=[(cases[0][0],)])
    assert result.records() == [{"n": 42}]
