"""What the corpus says about its items, fetched with a few set-wide SELECT queries.

A projection needs, for every item: its most specific type, label, a
supporting quote (the first anchor, or the anchor of a claim asserting it) and
the document it comes from; and the links between items that a source asserts
(statements in document graphs, never the derived ones, so nothing counts twice).
Each table is one query over the whole store, so the cost grows with the
corpus, not with the number of nodes times queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kg.iris import derived_graph
from kg.network.schema import Schema, load_schema
from kg.network.source import Reader
from kg.network.vocab import ASSERTS, ATTRIBUTION, BASE, NEGATIVE, POLARITY, SPEAKER, sparql

__all__ = ["Facts", "Anchor", "Link", "short_id"]

_TYPES = sparql("""
SELECT ?x ?t WHERE { ?x a ?t . ?t a owl:Class . FILTER(STRSTARTS(STR(?x), "$BASE")) }""")

_LABELS = sparql("""
SELECT ?x ?l WHERE { ?x rdfs:label ?l . FILTER(STRSTARTS(STR(?x), "$BASE")) }""")

_ALIASES = sparql("""
SELECT ?x ?l WHERE { ?x skos:altLabel ?l . FILTER(STRSTARTS(STR(?x), "$BASE")) }""")

_ANCHORS = """
SELECT ?x ?exact ?start ?end ?doc WHERE {
  VALUES ?x { $items }
  ?a oa:hasBody ?x ; oa:hasTarget ?span .
  ?span oa:hasSource ?doc ; oa:hasSelector ?q, ?pos .
  ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end .
}"""

# The documents stating each item (every item of a document gets schema:mentions).
_MENTIONS = """
SELECT ?x ?d WHERE { VALUES ?x { $items } ?d schema:mentions ?x }"""

# The anchors of items in one document's graph each: ?x's annotations are looked up in ?g
# only, so an item mentioned by many documents costs one document's anchors.
_ANCHORS_IN = """
SELECT ?x ?exact ?start ?end ?doc WHERE {
  VALUES (?x ?g) { $pairs }
  GRAPH ?g { ?a oa:hasBody ?x }
  ?a oa:hasTarget ?span .
  ?span oa:hasSource ?doc ; oa:hasSelector ?q, ?pos .
  ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end .
}"""

_DOCS = sparql("""
SELECT ?g ?d ?title ?url WHERE {
  ?g sem:accordingTo ?d .
  OPTIONAL { ?d dct:title ?title } OPTIONAL { ?d schema:url ?url }
}""")

# Statements through the properties items link by (annotation keys and attribution),
# with their graph; a bound predicate keeps this an index scan on large stores.
_LINKS = """
SELECT ?a ?p ?b ?g WHERE { VALUES ?p { $props } GRAPH ?g { ?a ?p ?b } FILTER(isIRI(?b)) }"""

# Values of the properties whose range is skos:Concept (status, modality, polarity, ...).
_CONCEPTS = """
SELECT ?x ?p ?c WHERE { VALUES ?p { $props } ?x ?p ?c . FILTER(isIRI(?c)) }"""

# The factuality rule's verdict per event, relation and motive (docs/sources.md, "Factuality").
_FACTUALITY = sparql("""
SELECT ?x ?f WHERE { GRAPH <$graph> { ?x kg:factuality ?f } }""",
                     graph=derived_graph("factuality"))

_CHUNK = 1000  # items per VALUES block of the anchor query


@dataclass(frozen=True, order=True)
class Anchor:
    """Words of a document supporting an item: code-point offsets, end exclusive."""

    doc: str
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Link:
    subject: str
    prop: str
    object: str
    graph: str


class Facts:
    """Tables over one store; each is fetched on first use."""

    def __init__(self, select: Reader, schema: Schema | None = None):
        self.select = select
        self.schema = schema or load_schema(select)
        self._anchors: dict[str, list[Anchor]] = {}
        self._first: dict[str, Anchor | None] = {}  # first anchors, where not all are loaded

    # -- items -------------------------------------------------------------------
    @cached_property
    def types(self) -> dict[str, str]:
        """item IRI -> its most specific class IRI."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in self.select(_TYPES):
            found[row["x"].value].add(row["t"].value)
        return {x: self.schema.most_specific(ts) for x, ts in found.items()}

    @cached_property
    def labels(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in sorted(self.select(_LABELS), key=lambda r: (r["x"].value, r["l"].value)):
            out.setdefault(row["x"].value, row["l"].value)
        return out

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for row in self.select(_ALIASES):
            out[row["x"].value].append(row["l"].value)
        return {x: sorted(v) for x, v in out.items()}

    def label(self, item: str) -> str:
        """rdfs:label, else a document's title, else the short id."""
        return (self.labels.get(item) or self.documents.get(item, {}).get("title")
                or short_id(item))

    def is_a(self, item: str, cls: str) -> bool:
        t = self.types.get(item)
        return t is not None and self.schema.is_a(t, cls)

    def items_of(self, cls: str) -> list[str]:
        return sorted(x for x, t in self.types.items() if self.schema.is_a(t, cls))

    # -- provenance --------------------------------------------------------------
    def load_anchors(self, items: Iterable[str]) -> None:
        """Fetch the anchors of ``items`` and of the claims asserting them (once each).

        Anchors are most of a store's quads, so they are read for the items a view
        shows, not for the whole corpus.
        """
        wanted = set(items)
        wanted |= {c for x in list(wanted) for c in self.asserted_by.get(x, [])}
        todo = sorted(x for x in wanted if x not in self._anchors)
        for x in todo:
            self._anchors[x] = []
        for block in _blocks([f"<{x}>" for x in todo]):
            for row in self.select(sparql(_ANCHORS, items=block)):
                self._anchors[row["x"].value].append(
                    Anchor(row["doc"].value, int(row["start"].value), int(row["end"].value),
                           row["exact"].value))
        for x in todo:
            self._anchors[x] = sorted(set(self._anchors[x]))

    def load_first_anchors(self, items: Iterable[str]) -> None:
        """Fetch the first anchor (by document, then offset) of ``items`` and of the claims
        asserting them: what :meth:`support` and :meth:`provenance` read, without the
        other anchors (an actor named in a thousand documents costs one document's).

        The first anchor is in the first document (by IRI) that mentions the item and has
        an anchor of it there; each round asks every pending item's next document. Items
        no document mentions, or whose mentioning documents have no anchor of them, get
        all their anchors (:meth:`load_anchors`), so the answer is the same either way.
        """
        wanted = set(items)
        wanted |= {c for x in list(wanted) for c in self.asserted_by.get(x, [])}
        todo = sorted(x for x in wanted if x not in self._anchors and x not in self._first)
        docs: dict[str, list[str]] = {x: [] for x in todo}
        for block in _blocks([f"<{x}>" for x in todo]):
            for row in self.select(sparql(_MENTIONS, items=block)):
                docs[row["x"].value].append(row["d"].value)
        queue = {x: sorted(set(ds), reverse=True) for x, ds in docs.items() if ds}
        rest = [x for x in todo if not docs[x]]
        while queue:
            asked = {x: ds.pop() for x, ds in queue.items()}
            pairs = [f"(<{x}> <{self.documents[d]['graph']}>)" for x, d in sorted(asked.items())
                     if d in self.documents]
            found: dict[str, list[Anchor]] = {}
            for block in _blocks(pairs):
                for row in self.select(sparql(_ANCHORS_IN, pairs=block)):
                    x, doc = row["x"].value, row["doc"].value
                    if doc == asked[x]:
                        found.setdefault(x, []).append(
                            Anchor(doc, int(row["start"].value), int(row["end"].value),
                                   row["exact"].value))
            for x in list(queue):
                if x in found:
                    self._first[x] = min(found[x])
                    del queue[x]
                elif not queue[x]:
                    rest.append(x)
                    del queue[x]
        if rest:
            self.load_anchors(rest)

    def first_anchor(self, item: str) -> Anchor | None:
        """The item's own first anchor (by document and offset), or None."""
        if item in self._first:
            return self._first[item]
        own = self.anchors(item)
        return own[0] if own else None

    def anchors(self, item: str) -> list[Anchor]:
        """The anchors of ``item``, first by document and offset."""
        if item not in self._anchors:
            self.load_anchors([item])
        return self._anchors[item]

    @cached_property
    def documents(self) -> dict[str, dict[str, str]]:
        """document IRI -> {graph, title, url} (title/url may be missing)."""
        out: dict[str, dict[str, str]] = {}
        for row in self.select(_DOCS):
            entry = out.setdefault(row["d"].value, {"graph": row["g"].value})
            for key in ("title", "url"):
                if key in row:
                    entry.setdefault(key, row[key].value)
        return out

    @cached_property
    def graph_docs(self) -> dict[str, str]:
        return {v["graph"]: d for d, v in self.documents.items()}

    @cached_property
    def links(self) -> list[Link]:
        """Item-to-item statements of document graphs (never derived ones), sorted."""
        props = " ".join(f"<{p}>" for p in [*self.schema.link_properties, *ATTRIBUTION])
        found = set()
        for r in self.select(sparql(_LINKS, props=props)):
            lk = Link(r["a"].value, r["p"].value, r["b"].value, r["g"].value)
            if lk.graph in self.graph_docs and lk.subject in self.types and lk.object in self.types:
                found.add(lk)
        return sorted(found, key=lambda lk: (lk.subject, lk.prop, lk.object, lk.graph))

    @cached_property
    def links_from(self) -> dict[str, list[Link]]:
        out: dict[str, list[Link]] = defaultdict(list)
        for lk in self.links:
            out[lk.subject].append(lk)
        return out

    @cached_property
    def asserted_by(self) -> dict[str, list[str]]:
        """item -> the claims asserting it."""
        out: dict[str, list[str]] = defaultdict(list)
        for lk in self.links:
            if lk.prop == ASSERTS:
                out[lk.object].append(lk.subject)
        return out

    @cached_property
    def concepts(self) -> dict[str, dict[str, str]]:
        """item -> {property IRI: concept IRI} (first concept when several)."""
        out: dict[str, dict[str, str]] = defaultdict(dict)
        props = " ".join(f"<{p}>" for p in self.schema.concept_properties)
        rows = sorted(self.select(sparql(_CONCEPTS, props=props)) if props else [],
                      key=lambda r: (r["x"].value, r["p"].value, r["c"].value))
        for row in rows:
            out[row["x"].value].setdefault(row["p"].value, row["c"].value)
        return out

    @cached_property
    def factuality(self) -> dict[str, str]:
        """item -> its concept of kg:FactualityScheme (events, relations and motives only)."""
        return {row["x"].value: row["f"].value for row in self.select(_FACTUALITY)}

    def happened(self, item: str) -> bool:
        """False for an item that did not happen by the factuality rule; True otherwise
        (actors, places, claims and anything the rule does not decide)."""
        return self.schema.happened(self.factuality.get(item))

    def marking(self, item: str) -> dict[str, Any]:
        """``factuality``, ``happened``, ``edge_style``, ``bar_style`` of ``item``."""
        return self.schema.factuality(self.factuality.get(item))

    def assertion(self, item: str) -> tuple[str, list[str]]:
        """Whose assertion ``item`` rests on: ``("source's own", [])`` when a claim of a
        document's own source asserts it, ``("reported speaker", [labels])`` when only claims
        of reported speakers (``kg:speaker``) do, ``("narrated", [])`` when no claim does."""
        claims = self.asserted_by.get(item, [])
        if not claims:
            return "narrated", []
        speakers = [[lk.object for lk in self.links_from.get(c, []) if lk.prop == SPEAKER]
                    for c in claims]
        if not all(speakers):
            return "source's own", []
        return "reported speaker", sorted({self.label(x) for found in speakers for x in found})

    def negated(self, item: str) -> bool:
        """True when every claim asserting ``item`` denies it (negative polarity)."""
        claims = self.asserted_by.get(item, [])
        return bool(claims) and all(self.concepts.get(c, {}).get(POLARITY) == NEGATIVE
                                    for c in claims)

    def support(self, item: str) -> Anchor | None:
        """The item's own first anchor, else the first anchor of a claim asserting it."""
        own = self.first_anchor(item)
        if own:
            return own
        found = [a for a in map(self.first_anchor, self.asserted_by.get(item, [])) if a]
        return min(found) if found else None

    def supports(self, item: str) -> list[Anchor]:
        """Every anchor supporting ``item``: its own, else those of the claims asserting it
        (one per document and place; with several sources, each source's words)."""
        own = self.anchors(item)
        if own:
            return own
        return sorted({a for c in self.asserted_by.get(item, []) for a in self.anchors(c)})

    def quotes(self, item: str) -> list[dict[str, Any]]:
        """``[{quote, document, source, source_url}]`` for every supporting anchor."""
        return [{"quote": a.exact, "document": a.doc, "source": self.source_title(a.doc),
                 "source_url": self.documents.get(a.doc, {}).get("url", "")}
                for a in self.supports(item)]

    def document_of(self, item: str) -> str | None:
        """The document an item's support comes from, else the first that asserts it."""
        anchor = self.support(item)
        if anchor:
            return anchor.doc
        for lk in self.links_from.get(item, []):
            if lk.graph in self.graph_docs:
                return self.graph_docs[lk.graph]
        return None

    def source_title(self, doc: str | None) -> str:
        if doc is None:
            return ""
        meta = self.documents.get(doc, {})
        return meta.get("title") or meta.get("url") or doc

    def provenance(self, item: str) -> dict[str, Any]:
        """``quote``, ``quote_start``, ``quote_end``, ``document``, ``source``, ``source_url``."""
        anchor = self.support(item)
        doc = anchor.doc if anchor else self.document_of(item)
        return {"quote": anchor.exact if anchor else "",
                "quote_start": anchor.start if anchor else None,
                "quote_end": anchor.end if anchor else None,
                "document": doc or "",
                "source": self.source_title(doc),
                "source_url": self.documents.get(doc or "", {}).get("url", "")}


def _blocks(values: list[str]) -> Iterable[str]:
    """``values`` in VALUES blocks of at most ``_CHUNK``."""
    for i in range(0, len(values), _CHUNK):
        yield " ".join(values[i:i + _CHUNK])


def short_id(iri: str) -> str:
    """``https://w3id.org/kg-toolkit/id/north-korea`` -> ``north-korea``."""
    return iri[len(BASE):] if iri.startswith(BASE) else iri
