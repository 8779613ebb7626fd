"""N-Quads terms as strings, built through pyoxigraph so escaping is always right."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

__all__ = ["iri", "lit", "typed", "line", "NS"]

NS = {
    "kg": "https://w3id.org/kg-toolkit/ontology#",
    "kgd": "https://w3id.org/kg-toolkit/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "schema": "https://schema.org/",
    "dct": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}


def iri(value: str) -> str:
    """``<value>``; raises ValueError for a string that is not a valid IRI."""
    return str(NamedNode(value))


def lit(value: str, lang: str | None = None) -> str:
    return str(Literal(value, language=lang) if lang else Literal(value))


def typed(value: str, datatype: str) -> str:
    return str(Literal(value, datatype=NamedNode(datatype)))


def line(s: str, p: str, o: str, g: str) -> str:
    return f"{s} {p} {o} {g} .\n"
