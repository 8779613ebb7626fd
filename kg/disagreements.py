"""Disagreements between sources about one node, for ``kg validate`` (not errors).

Two documents that describe one node (``same-as``, or a shared corpus item) differently —
its label, its type, its time (spans that do not overlap), its agents, targets or places,
or one affirming what another denies — are listed as findings, each naming both documents
by their annotation file and the item's id in it (from the build's ``manifest.json`` and the
anchors' IRIs), so the analyst can open both places. The queries are the question pack's
``contradictions`` checks, plus labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import iris
from kg.prefixes import prefix_block

__all__ = ["Disagreement", "source_disagreements"]

_PREFIXES = prefix_block()

# ?node ?aspect ?graphA ?valueA ?graphB ?valueB: A says valueA, B says valueB (A before B).
_CHECKS = _PREFIXES + """SELECT DISTINCT ?node ?aspect ?graphA ?valueA ?graphB ?valueB WHERE {
  ?graphA a kg:DocumentGraph . ?graphB a kg:DocumentGraph .
  {
    GRAPH ?graphA { ?node rdfs:label ?a } GRAPH ?graphB { ?node rdfs:label ?b }
    FILTER(STR(?graphA) < STR(?graphB) && STR(?a) != STR(?b))
    BIND("label" AS ?aspect) BIND(STR(?a) AS ?valueA) BIND(STR(?b) AS ?valueB)
  } UNION {
    GRAPH ?graphA { ?node a ?a } GRAPH ?graphB { ?node a ?b }
    FILTER(STR(?graphA) < STR(?graphB) && ?a != ?b)
    FILTER NOT EXISTS { GRAPH ?graphB { ?node a ?a } }
    FILTER NOT EXISTS { GRAPH ?graphA { ?node a ?b } }
    BIND("type" AS ?aspect) BIND(STRAFTER(STR(?a), "#") AS ?valueA)
    BIND(STRAFTER(STR(?b), "#") AS ?valueB)
  } UNION {
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
  } UNION {
    VALUES (?role ?aspect) { (kg:agent "agent") (kg:target "target") (sem:hasPlace "place") }
    GRAPH ?graphA { ?node ?role ?x } GRAPH ?graphB { ?node ?role ?y }
    FILTER(STR(?graphA) < STR(?graphB))
    { SELECT ?node ?role ?graphA
             (GROUP_CONCAT(DISTINCT STRAFTER(STR(?xa), "/id/"); SEPARATOR=", ") AS ?valueA)
      WHERE { GRAPH ?graphA { ?node ?role ?xa } } GROUP BY ?node ?role ?graphA }
    { SELECT ?node ?role ?graphB
             (GROUP_CONCAT(DISTINCT STRAFTER(STR(?xb), "/id/"); SEPARATOR=", ") AS ?valueB)
      WHERE { GRAPH ?graphB { ?node ?role ?xb } } GROUP BY ?node ?role ?graphB }
    FILTER(EXISTS { GRAPH ?graphA { ?node ?role ?only }
                    FILTER NOT EXISTS { GRAPH ?graphB { ?node ?role ?only } } }
           || EXISTS { GRAPH ?graphB { ?node ?role ?only }
                       FILTER NOT EXISTS { GRAPH ?graphA { ?node ?role ?only } } })
  } UNION {
    GRAPH ?graphA { ?ca kg:asserts ?node ; kg:polarity ?pa }
    GRAPH ?graphB { ?cb kg:asserts ?node ; kg:polarity ?pb }
    ?pa kg:denies ?da . ?pb kg:denies ?db .
    FILTER(?da != ?db && STR(?graphA) < STR(?graphB))
    BIND("polarity" AS ?aspect)
    BIND(IF(?da, "denies", "affirms") AS ?valueA) BIND(IF(?db, "denies", "affirms") AS ?valueB)
  }
}"""

# The item's own id in each document: its anchors are .../doc/{doc}/annotation/{id}/{n}.
_LOCAL_IDS = _PREFIXES + """SELECT DISTINCT ?node ?g ?annotation WHERE {
  GRAPH ?g { ?annotation oa:hasBody ?node } }"""


@dataclass(frozen=True)
class Disagreement:
    node: str
    aspect: str
    a: str      # "wire-a.yaml [ev-launch]" (annotation file and the item's id in it)
    value_a: str
    b: str
    value_b: str

    def message(self) -> str:
        return (f"sources disagree on its {self.aspect}: {self.a} says {self.value_a!r}; "
                f"{self.b} says {self.value_b!r}")


def source_disagreements(store: Any, manifest: Path | None = None) -> list[Disagreement]:
    """Every disagreement between two documents about one node of ``store`` (pyoxigraph)."""
    files = _annotation_files(manifest)
    local: dict[tuple[str, str], str] = {}
    for r in store.query(_LOCAL_IDS):
        doc = _doc_of(r["g"].value)
        rest = r["annotation"].value.removeprefix(iris.annotation_prefix(doc))
        key = (r["node"].value, r["g"].value)
        local[key] = min(local.get(key, rest.split("/", 1)[0]), rest.split("/", 1)[0])
    out = set()
    for r in store.query(_CHECKS, use_default_graph_as_union=True):
        node, ga, gb = r["node"].value, r["graphA"].value, r["graphB"].value
        out.add(Disagreement(node, r["aspect"].value,
                             _place(files, ga, local.get((node, ga))), r["valueA"].value,
                             _place(files, gb, local.get((node, gb))), r["valueB"].value))
    return sorted(out, key=lambda d: (d.node, d.aspect, d.a, d.b, d.value_a, d.value_b))


def _doc_of(graph: str) -> str:
    return graph.rsplit("/graph/doc/", 1)[-1]


def _place(files: dict[str, str], graph: str, local_id: str | None) -> str:
    doc = _doc_of(graph)
    where = files.get(doc, doc)
    return f"{where} [{local_id}]" if local_id else where


def _annotation_files(manifest: Path | None) -> dict[str, str]:
    """document id -> its annotation file, as the build's manifest records it."""
    if manifest is None or not manifest.is_file():
        return {}
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return {d["id"]: d["annotation"] for d in data.get("documents", [])
                if isinstance(d, dict) and "id" in d and "annotation" in d}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
