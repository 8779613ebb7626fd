"""SPARQL JSON result terms <-> pyoxigraph terms, and safe literals for query text.

Query text never splices user strings: every label and IRI is written by
pyoxigraph's serializer (N-Triples form: quotes, backslashes and line breaks
escaped, IRIs validated), so a hostile label stays one literal.
"""

from __future__ import annotations

from typing import Any

from kg.namespace import PQ, PS, RDFS, SKOS, WD, WDT, WIKIBASE, XSD, P

__all__ = ["literal_sparql", "iri_sparql", "term_from_json", "WD", "WDT", "P", "PS", "PQ",
           "WIKIBASE", "RDFS", "SKOS", "XSD", "qid_of"]

# Re-exported from the generated namespaces (kg.namespace) for the link modules.


def literal_sparql(text: str, language: str | None = None) -> str:
    """A string literal as SPARQL text, escaped by pyoxigraph (``"a\\"b"@en``).

    :raises ValueError: if ``language`` is not a valid language tag.
    """
    import pyoxigraph as ox

    return str(ox.Literal(text, language=language) if language else ox.Literal(text))


def iri_sparql(iri: str) -> str:
    """An IRI as SPARQL text (``<...>``); pyoxigraph refuses invalid IRIs with ValueError."""
    import pyoxigraph as ox

    return str(ox.NamedNode(iri))


def term_from_json(binding: dict[str, Any] | None) -> Any:
    """A SPARQL 1.1 JSON results term as a pyoxigraph term; ``None`` for unbound or blank nodes.

    Blank nodes (Wikidata's "unknown value") are dropped: they have no identity
    outside one answer.

    :raises ValueError: on a malformed term (bad IRI, language tag or shape).
    """
    import pyoxigraph as ox

    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):
        raise ValueError(f"term without a string value: {binding!r}")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return None
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


def qid_of(iri: str) -> str | None:
    """``Q423`` for ``http://www.wikidata.org/entity/Q423``; ``None`` for anything else."""
    local = WD.local(iri)
    if local is not None:
        if len(local) > 1 and local[0] == "Q" and local[1:].isdigit():
            return local
    return None
