"""The ontology as the projection needs it, read from the store's own ontology graph.

Labels, parents, colours, shapes, edge labels, signs, symmetry and edge roles
are annotation properties of the classes and properties in ``ontology/kg.ttl``;
they reach the projection only through this table, so adding a class (or a
colour) changes the network without a code change. Values are inherited from
the nearest ancestor class, breadth first.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kg.namespace import KG, OWL, RDF, RDFS, SKOS
from kg.network.source import Reader
from kg.network.vocab import sparql

__all__ = ["Schema", "EdgeSpec", "load_schema", "local_name"]

_KEYS = {RDFS.label: "label", SKOS.prefLabel: "label", RDFS.subClassOf: "parent",
         RDF.type: "type", KG.color: "color", KG.shape: "shape",
         KG.edgeLabel: "edgeLabel", KG.edgeSign: "edgeSign", KG.symmetric: "symmetric",
         KG.edgeRole: "edgeRole", KG.annotatable: "annotatable",
         KG.annotationKey: "annotationKey", RDFS.range: "range",
         KG.happened: "happened", KG.edgeStyle: "edgeStyle", KG.barStyle: "barStyle"}

_QUERY = sparql("""
SELECT ?t ?k ?v WHERE {
  VALUES ?k { $keys }
  ?t ?k ?v .
  FILTER(isIRI(?t) && !STRSTARTS(STR(?t), "$BASE"))
}""", keys=" ".join(f"<{k}>" for k in _KEYS))

# The same terms read from the named graphs that are not a document's (the ontology,
# derived and provenance graphs): a document graph describes only the corpus' own items,
# which the FILTER drops anyway, and scanning their types and labels was most of the cost.
_QUERY_IN = sparql("""
SELECT DISTINCT ?t ?k ?v WHERE {
  VALUES ?g { $graphs }
  VALUES ?k { $keys }
  GRAPH ?g { ?t ?k ?v }
  FILTER(isIRI(?t) && !STRSTARTS(STR(?t), "$BASE"))
}""", keys=" ".join(f"<{k}>" for k in _KEYS), graphs="$graphs")

_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"
_DOC_GRAPHS = sparql("SELECT ?g WHERE { ?g sem:accordingTo ?d }")

DEFAULT_COLOR = "#7f7f7f"
DEFAULT_SHAPE = "dot"


@dataclass(frozen=True)
class EdgeSpec:
    """What an edge of one relation or event class looks like."""

    type: str          # class local name
    type_label: str    # class label
    label: str         # kg:edgeLabel
    sign: int          # kg:edgeSign, 0 when absent
    symmetric: bool    # kg:symmetric
    color: str


@dataclass
class _Term:
    iri: str
    values: dict[str, list[str]] = field(default_factory=dict)

    def first(self, key: str) -> str | None:
        vals = self.values.get(key)
        return vals[0] if vals else None


class Schema:
    """Lookups over the ontology terms found in a store."""

    def __init__(self, rows: list[dict[str, Any]]):
        self.terms: dict[str, _Term] = {}
        labels: dict[str, list[tuple[int, str]]] = {}
        for row in rows:
            t, k, v = row["t"].value, _KEYS[row["k"].value], row["v"]
            if k == "label":
                labels.setdefault(t, []).append((_lang_rank(v), v.value))
                continue
            self.terms.setdefault(t, _Term(t)).values.setdefault(k, []).append(v.value)
        for t, found in labels.items():
            self.terms.setdefault(t, _Term(t)).values["label"] = [min(found)[1]]
        for term in self.terms.values():
            for vals in term.values.values():
                vals.sort()
        self._ancestors: dict[str, list[str]] = {}

    # -- classes -----------------------------------------------------------------
    @cached_property
    def classes(self) -> frozenset[str]:
        return frozenset(t.iri for t in self.terms.values()
                         if OWL.Class in t.values.get("type", ()))

    def ancestors(self, iri: str) -> list[str]:
        """``iri`` then its superclasses, nearest first (breadth first, ties sorted)."""
        if iri not in self._ancestors:
            seen, todo = [], deque([iri])
            while todo:
                cur = todo.popleft()
                if cur not in seen:
                    seen.append(cur)
                    todo.extend(self.terms[cur].values.get("parent", ()) if cur in self.terms
                                else ())
            self._ancestors[iri] = seen
        return self._ancestors[iri]

    def is_a(self, iri: str, other: str) -> bool:
        return other in self.ancestors(iri)

    def inherited(self, iri: str, key: str) -> str | None:
        """The value of ``key`` on ``iri`` or its nearest ancestor that has one."""
        for anc in self.ancestors(iri):
            term = self.terms.get(anc)
            if term and term.first(key) is not None:
                return term.first(key)
        return None

    def most_specific(self, types: set[str]) -> str:
        """The type no other of ``types`` specializes (ties: sorted first)."""
        known = sorted(t for t in types if t in self.classes) or sorted(types)
        for t in known:
            if not any(o != t and self.is_a(o, t) for o in known):
                return t
        return known[0]

    def category(self, iri: str) -> str:
        """The nearest ancestor declaring ``kg:annotatable`` (Actor, Event, ...), else itself."""
        for anc in self.ancestors(iri):
            term = self.terms.get(anc)
            if term and term.first("annotatable") is not None:
                return anc
        return iri

    def label(self, iri: str) -> str:
        term = self.terms.get(iri)
        return (term.first("label") if term else None) or humanize(local_name(iri))

    def color(self, iri: str) -> str:
        return self.inherited(iri, "color") or DEFAULT_COLOR

    def shape(self, iri: str) -> str:
        return self.inherited(iri, "shape") or DEFAULT_SHAPE

    def edge(self, iri: str) -> EdgeSpec | None:
        """How items of class ``iri`` become edges, or None if no ancestor has ``kg:edgeLabel``."""
        label = self.inherited(iri, "edgeLabel")
        if label is None:
            return None
        sign = _sign(self.inherited(iri, "edgeSign"))
        return EdgeSpec(type=local_name(iri), type_label=self.label(iri), label=label, sign=sign,
                        symmetric=(self.inherited(iri, "symmetric") or "").lower() == "true",
                        color=self._edge_color(iri, sign))

    def _edge_color(self, iri: str, sign: int) -> str:
        # The colour of the nearest ancestor that itself defines an edge: an event class
        # with no colour of its own must not take the generic event colour of its root.
        for anc in self.ancestors(iri):
            term = self.terms.get(anc)
            if term and term.first("edgeLabel") is not None and term.first("color"):
                return term.first("color") or DEFAULT_COLOR
        return SIGN_COLORS[sign]

    # -- factuality --------------------------------------------------------------
    def happened(self, concept: str | None) -> bool:
        """``kg:happened`` of a factuality concept; an item without one (no rule ran) happened."""
        term = self.terms.get(concept or "")
        return term is None or (term.first("happened") or "true").lower() == "true"

    def factuality(self, concept: str | None) -> dict[str, Any]:
        """How an item of factuality ``concept`` is marked: ``factuality`` (the concept's
        label), ``happened``, ``edge_style`` and ``bar_style`` (``kg:edgeStyle``,
        ``kg:barStyle``: data, so a view's look changes in the ontology)."""
        term = self.terms.get(concept or "")
        return {"factuality": self.label(concept) if concept else "",
                "happened": self.happened(concept),
                "edge_style": (term.first("edgeStyle") if term else None) or "solid",
                "bar_style": (term.first("barStyle") if term else None) or "solid"}

    # -- properties --------------------------------------------------------------
    def role(self, prop: str) -> str | None:
        """``source`` or ``target`` from ``kg:edgeRole``, else None."""
        term = self.terms.get(prop)
        return term.first("edgeRole") if term else None

    @cached_property
    def role_properties(self) -> dict[str, str]:
        return {t.iri: t.first("edgeRole") or "" for t in self.terms.values()
                if t.first("edgeRole")}

    def property_sign(self, prop: str) -> int:
        """``kg:edgeSign`` of a property (0 when absent)."""
        term = self.terms.get(prop)
        return _sign(term.first("edgeSign") if term else None)

    @cached_property
    def link_properties(self) -> list[str]:
        """Properties annotation files write (``kg:annotationKey``): the ones items link by."""
        return sorted(t.iri for t in self.terms.values() if t.first("annotationKey"))

    @cached_property
    def concept_properties(self) -> list[str]:
        """Properties whose values are SKOS concepts (status, modality, polarity, ...)."""
        return sorted(t.iri for t in self.terms.values()
                      if SKOS.Concept in t.values.get("range", ()))

    def property_label(self, prop: str) -> str:
        """``kg:edgeLabel`` of a property, else its label, else its humanized local name."""
        term = self.terms.get(prop)
        return (term.first("edgeLabel") if term else None) or self.label(prop)


# Sign colours for edges whose defining class has no colour: they follow the
# diverging palette the relation classes of kg.ttl use (green cooperative, red adversarial).
SIGN_COLORS = {1: "#1a9850", -1: "#d73027", 0: DEFAULT_COLOR}


def load_schema(select: Reader) -> Schema:
    """Read the ontology terms from the store behind ``select``: from its named graphs that
    are not a document's; from the whole store when they hold no class (an ontology loaded
    into the default graph, a store without named graphs)."""
    docs = {row["g"].value for row in select(_DOC_GRAPHS)}
    graphs = sorted({row["g"].value for row in select(_GRAPHS)} - docs)
    if graphs:
        rows = select(_QUERY_IN.replace("$graphs", " ".join(f"<{g}>" for g in graphs)))
        if any(row["k"].value == RDF.type and row["v"].value == OWL.Class
               for row in rows):
            return Schema(rows)
    return Schema(select(_QUERY))


def local_name(iri: str) -> str:
    """The last segment of an IRI.

    >>> local_name("https://w3id.org/kg-toolkit/ontology#MissileTest")
    'MissileTest'
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def humanize(name: str) -> str:
    """A camelCase local name as words.

    >>> humanize("wasAttributedTo")
    'was attributed to'
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _sign(value: str | None) -> int:
    try:
        number = float(value) if value is not None else 0.0
    except ValueError:
        return 0
    return (number > 0) - (number < 0)


def _lang_rank(term: Any) -> int:
    lang = getattr(term, "language", None)
    return 0 if lang == "en" else 1 if not lang else 2
