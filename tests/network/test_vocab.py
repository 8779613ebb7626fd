"""The graph-shape terms kg.network names exist in the ontology (drift check)."""

from __future__ import annotations

from kg.network import vocab
from kg.ontology import load_ontology


def test_every_kg_term_is_declared():
    from rdflib import URIRef

    graph = load_ontology().graph
    terms = [v for k, v in vars(vocab).items()
             if k.isupper() and isinstance(v, str) and v.startswith(str(vocab.KG))]
    missing = [t for t in terms if (URIRef(t), None, None) not in graph]
    assert terms and not missing, missing


# The rule that no Python names a concrete type covers all of kg/: tests/test_code_rules.py.
