"""Stable IRIs: every node and named graph is minted from stable ids, never random.

Corpus-scoped items (actors, places, weapon systems, policy objectives) get one
IRI across all documents; document-scoped items (events, claims, motives,
relations, times) are minted under their document. Which scope a type has is
declared in the ontology (``kg:iriScope``), not here.
"""

from __future__ import annotations

import re

from kg.namespace import KG, ONTOLOGY
from kg.namespace import PREFIXES as VOCABULARY_PREFIXES

__all__ = [
    "PROJECT", "BASE", "PREFIXES", "ONTOLOGY", "KG_NS", "ID_PATTERN", "is_valid_id",
    "corpus_item", "doc", "doc_author", "doc_item", "doc_graph", "annotation",
    "annotation_prefix", "span",
    "derived_graph", "CURATED_LINKS_GRAPH", "RECONCILED_LINKS_GRAPH",
    "WIKIDATA_GRAPH", "PROVENANCE_GRAPH", "ONTOLOGY_GRAPH", "BUILD_ACTIVITY",
]

PROJECT = "https://w3id.org/kg-toolkit/"  # the ontology and every instance IRI start with it
BASE = f"{PROJECT}id/"

# The prefixes every output and query uses (TriG, tables, --param values like kg:Claim).
PREFIXES = {"kg": VOCABULARY_PREFIXES["kg"], "kgd": BASE,
            **{p: ns for p, ns in VOCABULARY_PREFIXES.items() if p != "kg"}}
KG_NS = str(KG)

# \Z, not $: "$" would also match before a final newline ("id\n")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")

ONTOLOGY_GRAPH = ONTOLOGY
PROVENANCE_GRAPH = BASE + "graph/provenance"
CURATED_LINKS_GRAPH = BASE + "graph/links/curated"
RECONCILED_LINKS_GRAPH = BASE + "graph/links/reconciled"
WIKIDATA_GRAPH = BASE + "graph/fetched/wikidata"
BUILD_ACTIVITY = BASE + "activity/build"


def is_valid_id(value: str) -> bool:
    """Ids are safe in IRIs, file names and SPARQL without escaping: ASCII letters, digits,
    ``.``, ``_`` and ``-``, starting with a letter or digit (so never ``..``, a path
    separator, a percent escape, NUL, a line break or a look-alike letter)."""
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def corpus_item(item_id: str) -> str:
    return f"{BASE}{item_id}"


def doc(doc_id: str) -> str:
    return f"{BASE}doc/{doc_id}"


def doc_author(doc_id: str) -> str:
    """The agent standing for a document's author (known only by the author string)."""
    return f"{BASE}doc/{doc_id}/source/author"


def doc_item(doc_id: str, item_id: str) -> str:
    return f"{BASE}doc/{doc_id}/{item_id}"


def doc_graph(doc_id: str) -> str:
    return f"{BASE}graph/doc/{doc_id}"


def annotation(doc_id: str, item_id: str, n: int) -> str:
    return f"{annotation_prefix(doc_id)}{item_id}/{n}"


def annotation_prefix(doc_id: str) -> str:
    """What every annotation IRI of a document starts with."""
    return f"{BASE}doc/{doc_id}/annotation/"


def span(doc_id: str, start: int, end: int) -> str:
    return f"{BASE}doc/{doc_id}/span/{start}-{end}"


def derived_graph(rule: str) -> str:
    return f"{BASE}graph/derived/{rule}"
