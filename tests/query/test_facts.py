"""One row per fact: every question of the pack names its fact (``# key: ?a ?b — ...``), and
on the shipped corpus no default question gives two rows for one fact, while a ``-detail``
question keeps the rows of each fact together; the page note counts facts ("N of M")."""

from __future__ import annotations

import pytest

from kg.query.pack import list_queries
from kg.query.run import run_spec

SPECS = list_queries()


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_question_names_its_fact(spec):
    assert spec.key and spec.key_description, f"{spec.name}: no '# key: ?VAR — ...' line"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_the_key_names_projected_variables(spec):
    from kg.store import open_store

    with open_store() as empty:
        answer = run_spec(spec, empty, params={p.name: "<urn:x>" for p in spec.params
                                               if p.required})
    assert set(spec.key) <= set(answer.result.variables), (spec.name, answer.result.variables)


def test_a_malformed_key_line_names_file_and_line():
    from kg.errors import QueryError
    from kg.query.pack import parse_header

    with pytest.raises(QueryError, match=r"x\.rq:4: malformed key line"):
        parse_header("# title: T\n# question: Q?\n# params: none\n# key: event — x\nSELECT * {}",
                     "x.rq")
    spec = parse_header("# title: T\n# question: Q?\n# params: none\n# key: ?a ?b — pairs\n"
                        "SELECT * {}", "x.rq")
    assert (spec.key, spec.key_description) == (("a", "b"), "pairs")
