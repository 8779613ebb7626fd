"""The ontology's own named graph, and the provenance entries for ontology and rules."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.build.terms import iri, line, lit
from kg.namespace import DCT, PROV, RDF, RDFS
from kg.namespace import KG as K

__all__ = ["ontology_lines", "rule_provenance_lines"]

A = iri(RDF.type)


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
    out.append(line(g, A, iri(K.OntologyGraph), pg))
    for f in files:
        out.append(line(g, iri(DCT.source), lit(f"ontology/{f.name}"), pg))
    return out


def rule_provenance_lines(rule: str, source: str) -> list[str]:
    pg = iri(iris.PROVENANCE_GRAPH)
    g = iri(iris.derived_graph(rule))
    r = iri(iris.rule(rule))
    return [line(g, A, iri(str(K.DerivedGraph)), pg),
            line(g, iri(str(K.rule)), r, pg),
            line(g, iri(PROV.wasGeneratedBy), iri(iris.BUILD_ACTIVITY), pg),
            line(r, A, iri(str(K.Rule)), pg),
            line(r, iri(RDFS.label), lit(f"derived by rule {rule}"), pg),
            line(r, iri(DCT.source), lit(source), pg)]
