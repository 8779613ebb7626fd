"""The graph-shape terms the projection relies on (docs/graph-shape.md), in one place.

These are structural: the core classes every concrete type descends from and the
properties that give items their shape (relation parties, claims, anchors). No
concrete type (``MissileTest``, ``Alignment``) appears here or anywhere in
``kg.network``: which types become edges, their labels, signs and colours are
read from the ontology at run time (:mod:`kg.network.schema`).
"""

from __future__ import annotations

from string import Template

from kg.iris import BASE, doc
from kg.namespace import DCT, KG, OA, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS
from kg.prefixes import prefix_block

__all__ = [
    "BASE", "DOC_BASE", "KG", "RDF", "RDFS", "OWL", "SKOS", "OA", "SEM", "DCT", "SCHEMA", "PROV",
    "ACTOR", "EVENT", "RELATION", "CLAIM", "DOCUMENT", "TIME_SPAN",
    "SUBJECT", "REL_OBJECT", "ASSERTS", "POLARITY", "NEGATIVE", "HAS_TIME", "EARLIEST", "LATEST",
    "PRECISION", "STATUS", "PUBLISHER", "ATTRIBUTION", "TITLE", "URL", "ANNOTATABLE", "SPEAKER",
    "PREFIXES", "sparql",
]

DOC_BASE = doc("")  # every document IRI starts with it

# Core classes (abstract roots of the ontology's type tree).
ACTOR = KG.Actor
EVENT = KG.Event
RELATION = KG.Relation
CLAIM = KG.Claim
DOCUMENT = KG.Document
TIME_SPAN = KG.TimeSpan

# Shape properties.
SUBJECT = KG.subject
REL_OBJECT = KG.relObject
ASSERTS = KG.asserts
POLARITY = KG.polarity
NEGATIVE = KG.Negative
HAS_TIME = SEM.hasTime
EARLIEST = KG.earliest
LATEST = KG.latest
PRECISION = KG.precision
STATUS = KG.status
SPEAKER = KG.speaker  # a claim's reported speaker (docs/sources.md, "Attribution")
PUBLISHER = SCHEMA.publisher
TITLE = DCT.title
URL = SCHEMA.url
ANNOTATABLE = KG.annotatable
# Links the build adds beside the annotation keys: who a claim or motive is attributed to,
# the document it comes from, and the document's publisher.
ATTRIBUTION = (PROV.wasAttributedTo, PROV.hadPrimarySource, PUBLISHER)

PREFIXES = prefix_block()  # the toolkit's one prefix block (kg.query.prefixes)


def sparql(body: str, **values: str) -> str:
    """A query with the prefixes above and ``$name`` placeholders filled (``$BASE`` built in).

    >>> sparql('SELECT * { ?x ?p ?o FILTER(STRSTARTS(STR(?x), "$BASE")) }').splitlines()[-1]
    'SELECT * { ?x ?p ?o FILTER(STRSTARTS(STR(?x), "https://w3id.org/kg-toolkit/id/")) }'
    """
    return PREFIXES + Template(body).substitute({"BASE": BASE, **values})
