"""The pack query over fetched facts, and the federated examples kept out of the pack."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.query.pack import list_queries, load_query
from kg.resources import queries_dir

FEDERATED = sorted((queries_dir() / "federated").glob("*.rq"))


def test_heads_of_state_is_a_pack_query_with_a_header():
    spec = load_query("heads-of-state")
    assert spec.title and spec.question.endswith("?") and spec.params == (), spec
    assert "heads-of-state" in {q.name for q in list_queries()}


def test_federated_queries_are_not_in_the_pack():
    assert FEDERATED, "queries/federated/*.rq are missing"
    pack = {q.path.resolve() for q in list_queries()}
    assert not pack & {p.resolve() for p in FEDERATED}


@pytest.mark.parametrize("path", FEDERATED, ids=lambda p: p.name)
def test_federated_queries_parse_and_call_wikidata(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title: ") and "\n# question: " in text and "\n# params: none" in text
    assert "SERVICE <https://query.wikidata.org/sparql>" in text, path
    prepareQuery(text)  # parses without evaluating: nothing is sent
    with pytest.raises(QueryError, match="(?i)service"):
        load_query(path)  # the runner refuses SERVICE: they are for live use only
