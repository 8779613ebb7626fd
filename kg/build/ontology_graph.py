"""The ontology's own named graph, and the provenance entries for ontology and rules."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.build.terms import iri, line, lit
from kg.namespace import DCT, PROV, RDF, RDFS
from kg.namespace import KG as K

__all__ = ["ontology_lines", "cached_ontology_lines", "rule_provenance_lines", "LINES_FILE"]

LINES_FILE = "ontology.nq"  # in a build's cache folder (see cached_ontology_lines)

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


def cached_ontology_lines(files: list[Path], cache: Path, key: str) -> list[str]:
    """:func:`ontology_lines`, kept in ``cache/ontology.nq`` for files of digest ``key``
    (a build's context: the ontology, its rules, the format and kg's version) so that a
    rebuild does not parse the Turtle again (about a twentieth of a rebuild's CPU at 1,000
    documents). The file starts with a line of JSON holding the key and the SHA-256 of the
    lines after it; one for another key, or damaged in any way, is ignored and written
    anew."""
    import hashlib
    import json

    from kg.atomic import write_bytes

    path = cache / LINES_FILE
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(head)
        if isinstance(meta, dict) and meta.get("key") == key and \
                meta.get("digest") == hashlib.sha256(body).hexdigest():
            return body.decode("utf-8").splitlines(keepends=True)
    except (OSError, ValueError):
        pass
    lines = ontology_lines(files)
    body = "".join(lines).encode("utf-8")
    head = json.dumps({"key": key, "digest": hashlib.sha256(body).hexdigest()}).encode()
    try:
        write_bytes(path, head + b"\n" + body, durable=False)
    except OSError:  # a cache: the next build parses the Turtle again
        pass
    return lines


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
