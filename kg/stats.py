"""Summary counts of a built graph: items by class, claims by modality, most connected actors.

Like every question and view, the counts hold what happened by the factuality rule
(docs/sources.md, "Factuality"): an event, relation or motive that no source reports as having
happened is left out of the items by class and of the actors' links, unless
``include_nonfactual``. Claims are statements, counted whatever they assert.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import printable
from kg.iris import ONTOLOGY_GRAPH, doc_graph
from kg.prefixes import prefix_block

__all__ = ["Stats", "graph_stats", "open_oxigraph"]

_PREFIXES = prefix_block()
# Leaves out what did not happen by the factuality rule (one anti-join, not a test per row).
_HAPPENED = "MINUS { GRAPH derived:factuality { %s kg:happened false } }"
_BY_CLASS = _PREFIXES + f"""
SELECT ?class ?label (COUNT(DISTINCT ?x) AS ?n) (COUNT(*) AS ?triples) WHERE {{
  GRAPH ?g {{ ?x a ?class . ?x ?p ?o }}
  FILTER(STRSTARTS(STR(?g), "{doc_graph("")}"))
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  %s
  OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?class rdfs:label ?label }} }}
}} GROUP BY ?class ?label ORDER BY DESC(?n) ?class"""
_BY_MODALITY = _PREFIXES + """
SELECT ?modality ?label (COUNT(DISTINCT ?c) AS ?n) WHERE {
  ?c a kg:Claim ; kg:modality ?modality . ?modality skos:prefLabel ?label .
} GROUP BY ?modality ?label ORDER BY DESC(?n) ?label"""
_DEGREE = _PREFIXES + """
SELECT ?actor ?label (COUNT(DISTINCT ?link) AS ?n) WHERE {
  ?actor a kg:Actor ; rdfs:label ?label .
  { ?link sem:hasActor ?actor } UNION { ?link kg:subject ?actor }
  UNION { ?link kg:relObject ?actor }
  %s
} GROUP BY ?actor ?label ORDER BY DESC(?n) ?label"""
_NOT_HAPPENED = _PREFIXES + """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH derived:factuality { ?x kg:happened false } }"""
_GRAPHS = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"""


@dataclass
class Stats:
    quads_by_graph: dict[str, int] = field(default_factory=dict)
    items_by_class: list[tuple[str, str, int, int]] = field(default_factory=list)
    claims_by_modality: list[tuple[str, int]] = field(default_factory=list)
    top_actors: list[tuple[str, str, int]] = field(default_factory=list)
    include_nonfactual: bool = False
    not_happened: int = 0  # events, relations, motives no source reports as having happened

    def as_dict(self) -> dict:
        return {
            "include_nonfactual": self.include_nonfactual,
            "not_happened": self.not_happened,
            "quads_by_graph": self.quads_by_graph,
            "items_by_class": [{"class": c, "label": lb, "items": n, "triples": t}
                               for c, lb, n, t in self.items_by_class],
            "claims_by_modality": dict(self.claims_by_modality),
            "top_actors": [{"actor": a, "label": lb, "links": n} for a, lb, n in self.top_actors],
        }

    def text(self, limit: int | None = None) -> str:
        """Readable summary, each list ranked (largest first); ``limit`` caps the rows per
        list (None: all). The document graphs are summed on one line, then ranked."""
        docs = {g: n for g, n in self.quads_by_graph.items() if g.startswith(_DOC_GRAPHS)}
        lines = ["Quads by named graph:"]
        lines += [f"  {n:>8}  {g}" for g, n in self.quads_by_graph.items() if g not in docs]
        if docs:
            lines.append(f"  {sum(docs.values()):>8}  in {len(docs)} document graph"
                         f"{'s' * (len(docs) != 1)}, the largest:")
            ranked = sorted(docs.items(), key=lambda gn: (-gn[1], gn[0]))
            lines += _capped([f"  {n:>8}    {g}" for g, n in ranked], limit, "document graphs")
        lines.append("Items by class (asserted in document graphs; triples about them):")
        if self.not_happened:
            lines.append(f"  ({self.not_happened} item{'s' * (self.not_happened != 1)} that "
                         "did not happen by the factuality rule "
                         + ("counted too)" if self.include_nonfactual else
                            "left out here and in the actors' links; --include-nonfactual "
                            "counts them)"))
        lines += _capped([f"  {n:>5} items {t:>6} triples  {lb}"
                          for _c, lb, n, t in self.items_by_class], limit, "classes")
        lines.append("Claims by modality:")
        lines += _capped([f"  {n:>5}  {lb}" for lb, n in self.claims_by_modality], limit,
                         "modalities")
        lines.append("Most connected actors (events and relations they take part in):")
        lines += _capped([f"  {n:>5}  {lb}" for _a, lb, n in self.top_actors], limit, "actors")
        # Labels come from annotations: no control or bidi character reaches the terminal.
        return "\n".join(printable(line) for line in lines)


_DOC_GRAPHS = doc_graph("")


def _capped(lines: list[str], limit: int | None, what: str) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    return lines[:limit] + [f"  ... and {len(lines) - limit} more {what} (--all lists them)"]


def graph_stats(store, *, include_nonfactual: bool = False) -> Stats:
    """Compute :class:`Stats` on a pyoxigraph store (union of named graphs).

    Only what happened by the factuality rule is counted as items and links, unless
    ``include_nonfactual``.
    """
    q = dict(use_default_graph_as_union=True)
    happened = (lambda var: "") if include_nonfactual else (lambda var: _HAPPENED % var)
    st = Stats(include_nonfactual=include_nonfactual)
    for row in store.query(_GRAPHS):
        st.quads_by_graph[row["g"].value] = int(row["n"].value)
    for row in store.query(_NOT_HAPPENED, **q):
        st.not_happened = int(row["n"].value)
    for row in store.query(_BY_CLASS % happened("?x"), **q):
        label = row["label"].value if row["label"] else row["class"].value
        st.items_by_class.append((row["class"].value, label, int(row["n"].value),
                                  int(row["triples"].value)))
    for row in store.query(_BY_MODALITY, **q):
        st.claims_by_modality.append((row["label"].value, int(row["n"].value)))
    for row in store.query(_DEGREE % happened("?link"), **q):
        st.top_actors.append((row["actor"].value, row["label"].value, int(row["n"].value)))
    return st


def open_oxigraph(path):
    """Open an on-disk Oxigraph store read-only, or raise a one-line StoreError."""
    from pathlib import Path

    import pyoxigraph as ox

    from kg.errors import StoreError
    from kg.store.embedded import recover_store

    p = Path(path)
    recover_store(p)
    if not p.is_dir():
        raise StoreError(f"{p}: no store here (run 'kg build' first)")
    try:
        return ox.Store.read_only(str(p))
    except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB's "Corruption: ..."
        raise StoreError(f"{p}: cannot open the store: {exc}") from None
