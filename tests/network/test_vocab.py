"""The graph-shape terms kg.network names exist in the ontology (drift check)."""

from __future__ import annotations

from kg.network import vocab
from kg.ontology import load_ontology


def test_every_kg_term_is_declared():
    from rdflib import URIRef

    graph = load_ontology().graph
    terms = [v for k, v in vars(vocab).items()
             if k.isupper() and isinstance(v, str) and v.startswith(vocab.KG) and v != vocab.KG]
    missing = [t for t in terms if (URIRef(t), None, None) not in graph]
    assert terms and not missing, missing


def _code_strings(path) -> set[str]:
    """String constants of a module, docstrings (and their examples) left out."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)}
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs}


def test_no_concrete_type_is_named_in_the_code():
    import pathlib

    core = {"Actor", "Event", "Relation", "Claim", "Document", "TimeSpan"}
    concrete = {c.local for c in load_ontology().classes.values()
                if c.iri.startswith(vocab.KG)} - core
    strings = set()
    for path in pathlib.Path(vocab.__file__).parent.glob("*.py"):
        strings |= _code_strings(path)
    named = sorted(c for c in concrete if any(s == c or s.endswith("#" + c) for s in strings))
    assert named == [], named
