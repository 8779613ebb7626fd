"""Disagreements between sources about one node, for ``kg validate`` (not errors).

Two documents that describe one node (``same-as``, or a shared corpus item) differently —
its type, its time (spans that do not overlap), its agents, targets or places,
or one affirming what another denies — are listed as findings, each naming both documents
by their annotation file, the item's line and its id there (from the build's
``manifest.json`` and the anchors' IRIs), so the analyst can open both places. The queries
are the question pack's ``contradictions`` checks, plus labels; each compares documents only
within the groups of nodes that two documents describe differently (``_CANDIDATES``).
Two labels (captions) for one node are found here too but are only notes
(:attr:`Disagreement.is_caption`): two annotators' words for one actor or event, not a
difference in what happened.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import iris
from kg.errors import QueryError
from kg.prefixes import prefix_block
from kg.store.result import solutions

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["CAPTION_ASPECTS", "Disagreement", "Place", "places", "same_side_filter",
           "source_disagreements"]

# Aspects in which two documents differ only in their words for one node (its label), not in
# what they say happened: ``kg validate`` reports them as notes, apart from the disagreements.
CAPTION_ASPECTS = frozenset({"label"})

_PREFIXES = prefix_block()

# ?node ?aspect ?graphA ?valueA ?graphB ?valueB: A says valueA, B says valueB (A before B).
# One query per aspect; #NODES is where the candidate nodes are bound (also inside the
# sub-selects, which would otherwise group every node of the graph).
_HEAD = _PREFIXES + """SELECT DISTINCT ?node ?aspect ?graphA ?valueA ?graphB ?valueB WHERE {
  #NODES
  ?graphA a kg:DocumentGraph . ?graphB a kg:DocumentGraph .
"""
_CHECKS = tuple(_HEAD + branch + "}" for branch in ("""
    GRAPH ?graphA { ?node rdfs:label ?a } GRAPH ?graphB { ?node rdfs:label ?b }
    FILTER(STR(?graphA) < STR(?graphB) && STR(?a) != STR(?b))
    BIND("label" AS ?aspect) BIND(STR(?a) AS ?valueA) BIND(STR(?b) AS ?valueB)
""", """
    GRAPH ?graphA { ?node a ?a } GRAPH ?graphB { ?node a ?b }
    FILTER(STR(?graphA) < STR(?graphB) && ?a != ?b)
    FILTER NOT EXISTS { GRAPH ?graphB { ?node a ?a } }
    FILTER NOT EXISTS { GRAPH ?graphA { ?node a ?b } }
    BIND("type" AS ?aspect) BIND(STRAFTER(STR(?a), "#") AS ?valueA)
    BIND(STRAFTER(STR(?b), "#") AS ?valueB)
""", """
    GRAPH ?graphA { ?node sem:hasTime ?ta } GRAPH ?graphB { ?node sem:hasTime ?tb }
    FILTER(STR(?graphA) < STR(?graphB))
    ?ta kg:earliest ?ea . ?tb kg:earliest ?eb .
    OPTIONAL { ?ta kg:latest ?endA } OPTIONAL { ?tb kg:latest ?endB }
    BIND(COALESCE(?endA, IF(EXISTS { ?ta kg:precision kg:Day }, ?ea, ?open)) AS ?la)
    BIND(COALESCE(?endB, IF(EXISTS { ?tb kg:precision kg:Day }, ?eb, ?open)) AS ?lb)
    FILTER(?la < ?eb || ?lb < ?ea)
    OPTIONAL { GRAPH ?graphA { ?ta rdfs:label ?wa } }
    OPTIONAL { GRAPH ?graphB { ?tb rdfs:label ?wb } }
    BIND("time" AS ?aspect)
    BIND(CONCAT(COALESCE(STR(?wa), ""), " (", STR(?ea), " to ", COALESCE(STR(?la), "open"), ")")
         AS ?valueA)
    BIND(CONCAT(COALESCE(STR(?wb), ""), " (", STR(?eb), " to ", COALESCE(STR(?lb), "open"), ")")
         AS ?valueB)
""", """
    VALUES (?role ?aspect) { (kg:agent "agent") (kg:target "target") (sem:hasPlace "place")
                             (kg:subject "subject") (kg:relObject "object") }
    GRAPH ?graphA { ?node ?role ?x } GRAPH ?graphB { ?node ?role ?y }
    FILTER(STR(?graphA) < STR(?graphB))
    # a symmetric relation (aligned with, allied with) told from either end says the same
    FILTER(?role NOT IN (kg:subject, kg:relObject)
           || NOT EXISTS { ?node a ?relation . ?relation kg:symmetric true })
    { SELECT ?node ?role ?graphA
             (GROUP_CONCAT(DISTINCT STRAFTER(STR(?xa), "/id/"); SEPARATOR=", ") AS ?valueA)
      WHERE { #NODES
              GRAPH ?graphA { ?node ?role ?xa } } GROUP BY ?node ?role ?graphA }
    { SELECT ?node ?role ?graphB
             (GROUP_CONCAT(DISTINCT STRAFTER(STR(?xb), "/id/"); SEPARATOR=", ") AS ?valueB)
      WHERE { #NODES
              GRAPH ?graphB { ?node ?role ?xb } } GROUP BY ?node ?role ?graphB }
    FILTER(EXISTS { GRAPH ?graphA { ?node ?role ?named }
                    FILTER NOT EXISTS { GRAPH ?graphB { ?node ?role ?match }
                                        #SAME } }
           || EXISTS { GRAPH ?graphB { ?node ?role ?named }
                       FILTER NOT EXISTS { GRAPH ?graphA { ?node ?role ?match }
                                           #SAME } })
""", """
    GRAPH ?graphA { ?ca kg:asserts ?node ; kg:polarity ?pa }
    GRAPH ?graphB { ?cb kg:asserts ?node ; kg:polarity ?pb }
    ?pa kg:denies ?da . ?pb kg:denies ?db .
    FILTER(?da != ?db && STR(?graphA) < STR(?graphB))
    BIND("polarity" AS ?aspect)
    BIND(IF(?da, "denies", "affirms") AS ?valueA) BIND(IF(?db, "denies", "affirms") AS ?valueB)
""", """
    VALUES (?key ?aspect) { (kg:status "status") (kg:outcome "outcome") }
    GRAPH ?graphA { ?node ?key ?a } GRAPH ?graphB { ?node ?key ?b }
    FILTER(STR(?graphA) < STR(?graphB) && ?a != ?b)
    FILTER NOT EXISTS { GRAPH ?graphB { ?node ?key ?a } }
    FILTER NOT EXISTS { GRAPH ?graphA { ?node ?key ?b } }
    BIND(STRAFTER(STR(?a), "#") AS ?valueA) BIND(STRAFTER(STR(?b), "#") AS ?valueB)
"""))


def same_side_filter() -> str:
    """The filter by which a value one document names in a role (``?named``) is matched by one
    another document names (``?match``): itself, a collective it acts through or a member acting
    through it (kg:actsThrough, derived graph membership), so "the alliance fired" and "the
    United States and South Korea fired" do not disagree.

    One definition for ``kg validate`` and the question pack: read from the pack's
    ``contradictions`` question, between its ``#SAME-SIDE`` and ``#END-SAME-SIDE`` lines.
    """
    from kg.resources import queries_dir

    path = queries_dir() / "contradictions.rq"
    text = path.read_text(encoding="utf-8")
    start, end = text.find("#SAME-SIDE"), text.find("#END-SAME-SIDE")
    if start < 0 or end < start:
        raise QueryError(f"{path}: no '#SAME-SIDE' ... '#END-SAME-SIDE' block (the filter "
                         f"kg validate shares with the question)")
    return text[text.index("\n", start) + 1:end].strip()


@cache
def _checks() -> tuple[str, ...]:
    return tuple(check.replace("#SAME", same_side_filter()) for check in _CHECKS)


# The nodes the checks can pair: described by two document graphs that differ in the aspect
# (two labels, two types, two role values, two polarities, two statuses or outcomes; two dated
# graphs). Each group is
# one pass over its statements; only its members are then compared document by document, so
# an actor every document names alike costs one row per document, never one per pair.
_CANDIDATES = _PREFIXES + """SELECT DISTINCT ?node WHERE {
  { SELECT ?node WHERE { GRAPH ?g { ?node rdfs:label ?l } ?g a kg:DocumentGraph }
    GROUP BY ?node HAVING (COUNT(DISTINCT ?g) > 1 && COUNT(DISTINCT STR(?l)) > 1) }
  UNION
  { SELECT ?node WHERE { GRAPH ?g { ?node a ?t } ?g a kg:DocumentGraph }
    GROUP BY ?node HAVING (COUNT(DISTINCT ?g) > 1 && COUNT(DISTINCT ?t) > 1) }
  UNION
  { SELECT ?node WHERE { GRAPH ?g { ?node sem:hasTime ?t } ?g a kg:DocumentGraph }
    GROUP BY ?node HAVING (COUNT(DISTINCT ?g) > 1) }
  UNION
  { SELECT ?node WHERE { VALUES ?role { kg:agent kg:target sem:hasPlace kg:subject kg:relObject }
      GRAPH ?g { ?node ?role ?x } ?g a kg:DocumentGraph }
    GROUP BY ?node ?role HAVING (COUNT(DISTINCT ?g) > 1 && COUNT(DISTINCT ?x) > 1) }
  UNION
  { SELECT ?node WHERE { GRAPH ?g { ?c kg:asserts ?node ; kg:polarity ?p } ?p kg:denies ?d .
      ?g a kg:DocumentGraph }
    GROUP BY ?node HAVING (COUNT(DISTINCT ?g) > 1 && COUNT(DISTINCT ?d) > 1) }
  UNION
  { SELECT ?node WHERE { VALUES ?key { kg:status kg:outcome }
      GRAPH ?g { ?node ?key ?v } ?g a kg:DocumentGraph }
    GROUP BY ?node ?key HAVING (COUNT(DISTINCT ?g) > 1 && COUNT(DISTINCT ?v) > 1) }
}"""

# The item's own id in each document: its anchors are .../doc/{doc}/annotation/{id}/{n}.
_LOCAL_IDS = _PREFIXES + """SELECT DISTINCT ?node ?g ?annotation WHERE {
  #NODES GRAPH ?g { ?annotation oa:hasBody ?node } }"""


@dataclass(frozen=True)
class Place:
    """Where one document describes the node: its annotation file, the item's line and id."""

    document: str
    file: str | None = None
    line: int | None = None
    item: str | None = None

    def __str__(self) -> str:  # "wire-a.yaml:25 [ev-launch]", like the identity errors
        where = self.file or self.document
        where += f":{self.line}" if self.file and self.line else ""
        return f"{where} [{self.item}]" if self.item else where


@dataclass(frozen=True)
class Disagreement:
    node: str
    aspect: str
    a: Place
    value_a: str
    b: Place
    value_b: str

    @property
    def is_caption(self) -> bool:
        """Only the captions differ (two labels for one node): a note, not a disagreement
        about what happened (``kg validate`` counts them apart)."""
        return self.aspect in CAPTION_ASPECTS

    def message(self) -> str:
        if self.is_caption:
            return (f"sources caption it differently: {self.a} says {self.value_a!r}; "
                    f"{self.b} says {self.value_b!r}")
        return (f"sources disagree on its {self.aspect}: {self.a} says {self.value_a!r}; "
                f"{self.b} says {self.value_b!r}")

    def places(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Both places with what each says, as plain values (for JSON)."""
        return ({**asdict(self.a), "says": self.value_a}, {**asdict(self.b), "says": self.value_b})


def source_disagreements(store: ox.Store, manifest: Path | None = None) -> list[Disagreement]:
    """Every disagreement between two documents about one node of ``store`` (pyoxigraph).

    Each side is named by its annotation file, the item's line in it and the item's id
    there, as the build's ``manifest.json`` records them (the document id alone without it).
    """
    files = _annotation_files(manifest)
    candidates = [r["node"] for r in solutions(store.query(_CANDIDATES,
                                                           use_default_graph_as_union=True))]
    if not candidates:
        return []
    found = [(r["node"].value, r["aspect"].value, r["graphA"].value, r["valueA"].value,
              r["graphB"].value, r["valueB"].value)
             for check in _checks()
             for r in solutions(store.query(_restricted(check, candidates),
                                            use_default_graph_as_union=True))]
    local = _local_ids(store, {r[0] for r in found})
    out = {Disagreement(node, aspect, _place(files, ga, local.get((node, ga))), va,
                        _place(files, gb, local.get((node, gb))), vb)
           for node, aspect, ga, va, gb, vb in found}
    return sorted(out, key=lambda d: (d.node, d.aspect, str(d.a), str(d.b), d.value_a,
                                      d.value_b))


def places(store: ox.Store, manifest: Path | None, pairs: set[tuple[str, str]]
           ) -> dict[tuple[str, str], Place]:
    """Where each document graph describes each node: ``(node IRI, document graph IRI)`` ->
    its :class:`Place` (annotation file, line, the item's own id there), read as the
    disagreements read them, for those ``pairs`` only (other checks across documents name
    their places alike)."""
    files = _annotation_files(manifest)
    local = _local_ids(store, {node for node, _ in pairs})
    return {(node, g): _place(files, g, local.get((node, g))) for node, g in pairs}


def _local_ids(store: ox.Store, nodes: set[str]) -> dict[tuple[str, str], str]:
    """(node, document graph) -> the item's own id there, for ``nodes`` only."""
    import pyoxigraph as ox

    local: dict[tuple[str, str], str] = {}
    if not nodes:
        return local
    query = _restricted(_LOCAL_IDS, [ox.NamedNode(n) for n in sorted(nodes)])
    for r in solutions(store.query(query)):
        doc = _doc_of(r["g"].value)
        rest = r["annotation"].value.removeprefix(iris.annotation_prefix(doc))
        key = (r["node"].value, r["g"].value)
        local[key] = min(local.get(key, rest.split("/", 1)[0]), rest.split("/", 1)[0])
    return local


def _restricted(query: str, nodes: list[Any]) -> str:
    """``query`` with ``?node`` bound to ``nodes`` (IRIs) at each ``#NODES``, so each check
    joins the documents' statements about those nodes only."""
    return query.replace("#NODES", "VALUES ?node { " + " ".join(str(n) for n in nodes) + " }")


def _doc_of(graph: str) -> str:
    return graph.rsplit("/graph/doc/", 1)[-1]


def _place(files: dict[str, tuple[str, dict[str, int]]], graph: str, local_id: str | None
           ) -> Place:
    doc = _doc_of(graph)
    file, lines = files.get(doc, (None, {}))
    line = lines.get(local_id) if local_id else None
    return Place(doc, file, line if isinstance(line, int) else None, local_id)


def _annotation_files(manifest: Path | None) -> dict[str, tuple[str, dict[str, int]]]:
    """document id -> its annotation file and the lines of its shared items, as the build's
    manifest records them."""
    if manifest is None or not manifest.is_file():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return {d["id"]: (d["annotation"], d.get("lines") or {})
                for d in data.get("documents", [])
                if isinstance(d, dict) and "id" in d and "annotation" in d}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
