"""Derivation rules kept as data: ``ontology/rules/*.rq`` SPARQL CONSTRUCT files.

Each rule's output goes into its own named graph ``kgd:graph/derived/{rule}``,
described in the provenance graph as "derived by rule X", so derived
statements are never mixed silently with what a source asserted. Rules run in
name order, each seeing the asserted data, the ontology and earlier rules' output.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.errors import BuildError

__all__ = ["rule_files", "apply_rules"]


def rule_files(ontology_dir: Path) -> list[Path]:
    return sorted((ontology_dir / "rules").glob("*.rq"))


def apply_rules(store: ox.Store, rules: list[Path]) -> dict[str, list[str]]:
    """Run every rule against ``store`` (union of graphs); return N-Quads lines per rule."""
    out: dict[str, list[str]] = {}
    for path in rules:
        name = path.stem
        g = ox.NamedNode(iris.derived_graph(name))
        try:
            triples = list(store.query(path.read_text(encoding="utf-8"),
                                       use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise BuildError(f"{path}: invalid rule: {exc}") from None
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
        store.extend(quads)
        out[name] = [f"{q.subject} {q.predicate} {q.object} {g} .\n" for q in quads]
    return out
