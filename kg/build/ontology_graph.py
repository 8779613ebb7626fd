"""The ontology's own named graph, and the provenance entries for ontology and rules."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.build.terms import NS, iri, line, lit
from kg.namespace import KG as K

__all__ = ["ontology_lines", "rule_provenance_lines"]

A = iri(NS["rdf"] + "type")


def ontology_lines(files: list[Path]) -> list[str]:
    g = iri(iris.ONTOLOGY_GRAPH)
    out: list[str] = []
    for f in files:
        for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
                # Blank nodes would make output unstable; the ontology is written without them.
                raise ValueError(f"{f}: blank nodes are not allowed in the ontology")
            out.append(f"{t.subject} {t.predicate} {t.object} {g} .\n")
    pg = iri(iris.PROVENANCE_GRAPH)
    out.append(line(g, A, iri(NS["kg"] + "OntologyGraph"), pg))
    for f in files:
        out.append(line(g, iri(NS["dct"] + "source"), lit(f"ontology/{f.name}"), pg))
    return out


def rule_provenance_lines(rule: str, source: str) -> list[str]:
    pg = iri(iris.PROVENANCE_GRAPH)
    g = iri(iris.derived_graph(rule))
    r = iri(f"{iris.BASE}rule/{rule}")
    return [line(g, A, iri(str(K.DerivedGraph)), pg),
            line(g, iri(str(K.rule)), r, pg),
            line(g, iri(NS["prov"] + "wasGeneratedBy"), iri(iris.BUILD_ACTIVITY), pg),
            line(r, A, iri(str(K.Rule)), pg),
            line(r, iri(NS["rdfs"] + "label"), lit(f"derived by rule {rule}"), pg),
            line(r, iri(NS["dct"] + "source"), lit(source), pg)]
