"""Parameters: parsing, resolving a value to a node, binding it safely."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, UsageError
from kg.query import load_query, parse_params, resolve_value, run_query
from kg.query.params import resolve_params

NK = "https://w3id.org/kg-toolkit/id/north-korea"


def test_parse_params_pairs():
    assert parse_params(["node=North Korea", "?x = 1"]) == {"node": "North Korea", "x": "1"}


@pytest.mark.parametrize("pairs", [["node"], ["=x"], ["a=1", "a=2"]])
def test_parse_params_rejects_bad_pairs(pairs):
    with pytest.raises(UsageError):
        parse_params(pairs)


@pytest.mark.parametrize("value", ["north-korea", "North Korea", "north korea", "DPRK",
                                   "Pyongyang", "Q423", NK, f"<{NK}>", "kgd:north-korea"])
def test_values_resolve_to_the_same_node(seed_store, value):
    assert resolve_value(seed_store, value) == ox.NamedNode(NK), value


def test_document_scoped_id_resolves_under_its_document(seed_store):
    term = resolve_value(seed_store, "ev-pledge")
    assert term.value.endswith("/doc/cfr-2022-north-korea-provocations/ev-pledge"), term


def test_concept_label_resolves_to_the_ontology_term(seed_store):
    assert resolve_value(seed_store, "kg:Assessment").value.endswith("#Assessment")


def test_quoted_value_is_a_plain_literal(seed_store):
    assert resolve_value(seed_store, '"dozens"') == ox.Literal("dozens")


def test_unknown_node_lists_close_matches(seed_store):
    with pytest.raises(QueryError) as exc:
        resolve_value(seed_store, "Nort Korea", name="node")
    message = str(exc.value)
    assert "--param node='Nort Korea'" in message, message
    assert "'North Korea'" in message, message


def test_missing_parameter_is_named(seed_store):
    with pytest.raises(QueryError) as exc:
        run_query("provenance", seed_store)
    assert "missing parameter 'node'" in str(exc.value), exc.value


def test_undeclared_parameter_is_refused(seed_store):
    with pytest.raises(QueryError, match="unknown parameter colour"):
        run_query("alignment", seed_store, params={"colour": "red"})


def test_label_text_never_reaches_the_query(seed_store):
    """A value that looks like SPARQL is looked up as a label, never spliced in."""
    evil = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    with pytest.raises(QueryError, match="no node with this IRI"):
        run_query("provenance", seed_store, params={"node": evil})


def test_defaults_are_resolved_like_given_values(seed_store, tmp_path):
    path = tmp_path / "who.rq"
    path.write_text("# title: Who\n# question: Label of a node?\n"
                    "# param: who = north-korea — a node\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?who ?label WHERE { ?who rdfs:label ?label }\n", encoding="utf-8")
    spec = load_query(path)
    assert resolve_params(spec, seed_store) == {"who": ox.NamedNode(NK)}
    rows = run_query(path, seed_store).values()
    assert ("North Korea" in {r[1] for r in rows}), rows


def test_shared_nodes_resolve_from_either_documents_id(tmp_path):
    # tests/fixtures/sources: brief-b's ev-veto is the same as brief-a's ev-block.
    from pathlib import Path

    from kg import iris
    from kg.build import build
    from kg.query.params import resolve_value
    from kg.store import open_store

    src = Path(__file__).parents[1] / "fixtures" / "sources"
    out = build(src, out=tmp_path / "b")
    want = iris.doc_item("brief-a", "ev-block")
    with open_store(out.out / "store") as store:
        for value in ("ev-block", "ev-veto", "brief-a/ev-block"):
            assert resolve_value(store, value).value == want, value
