"""Turn accepted proposals into ``skos:exactMatch`` links in ``kgd:graph/links/reconciled``.

Each link comes with an ``rdf:Statement`` node (``kgd:link/reconciled/{id}/{QID}``)
that records how it was made: ``kg:linkMethod``, ``kg:linkScore``, ``dct:date``
(the day the endpoint answered) and ``kg:endpoint``. Entities that have a
curated link (``kgd:graph/links/curated``, from the annotation files) are never
given a reconciled one, and the curated graph is never written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kg import iris
from kg.link.entities import entity_id, read_links
from kg.link.graphs import publish_graph, quad
from kg.link.proposals import Proposal
from kg.link.terms import RDFS, SKOS, WD, XSD
from kg.namespace import DCT, KG, PROV, RDF

if TYPE_CHECKING:
    import pyoxigraph

    from kg.store import Store

__all__ = ["ApplyResult", "link_quads", "apply_links", "LINK_ACTIVITY"]

LINK_ACTIVITY = iris.LINK_ACTIVITY


@dataclass
class ApplyResult:
    linked: list[str] = field(default_factory=list)
    skipped_curated: list[str] = field(default_factory=list)
    skipped_unknown: list[str] = field(default_factory=list)
    nquads: Path | None = None
    quads: int = 0


def _entity_iri(row_id: str) -> str:
    return iris.corpus_item(row_id) if iris.is_valid_id(row_id) else row_id


def link_quads(rows: list[Proposal], *, today: str) -> list[pyoxigraph.Quad]:
    """The quads of the reconciled-links graph for accepted ``rows`` (one per entity)."""
    import pyoxigraph as ox

    g = iris.RECONCILED_LINKS_GRAPH
    out = [quad(g, RDF.type, KG.LinkGraph, g),
           quad(g, RDFS.label, ox.Literal("links accepted from kg link", language="en"), g),
           quad(g, PROV.wasGeneratedBy, LINK_ACTIVITY, g),
           quad(LINK_ACTIVITY, RDF.type, PROV.Activity, g),
           quad(LINK_ACTIVITY, RDFS.label, ox.Literal("kg link"), g)]
    for r in rows:
        e, target = _entity_iri(r.id), WD[r.candidate]
        local = r.id if iris.is_valid_id(r.id) else _digest(r.id)
        st = iris.reconciled_link(local, r.candidate)
        out += [quad(e, SKOS.exactMatch, target, g),
                quad(e, KG.wikidata, ox.Literal(r.candidate), g),
                quad(st, RDF.type, RDF.Statement, g),
                quad(st, RDF.subject, e, g),
                quad(st, RDF.predicate, SKOS.exactMatch, g),
                quad(st, RDF.object, target, g),
                quad(st, PROV.wasGeneratedBy, LINK_ACTIVITY, g),
                quad(st, KG.linkMethod, ox.Literal(r.method or "accepted by a reviewer"), g),
                quad(st, DCT.date, ox.Literal(r.retrieved or today,
                                                  datatype=ox.NamedNode(XSD.date)), g)]
        if r.score is not None:
            out.append(quad(st, KG.linkScore,
                            ox.Literal(f"{r.score:.3f}", datatype=ox.NamedNode(XSD.decimal)),
                            g))
        if r.endpoint:
            out.append(quad(st, KG.endpoint,
                            ox.Literal(r.endpoint, datatype=ox.NamedNode(XSD.anyURI)), g))
    return out


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def apply_links(rows: list[Proposal], *, store_path: str | Path, nq_path: str | Path,
                today: str | None = None) -> ApplyResult:
    """Write the accepted ``rows`` (see :func:`kg.link.proposals.accepted`) as the graph.

    Rows for entities with a curated link, or unknown to the store, are skipped
    and reported. The whole graph is replaced: a link no longer accepted goes away.

    :raises StoreError: if the store is missing, locked or unwritable.
    """
    from kg.store import open_store

    today = today or datetime.now(UTC).date().isoformat()
    result = ApplyResult()
    with open_store(store_path) as store:
        curated = {entity_id(e) for e in read_links(store, iris.CURATED_LINKS_GRAPH)}
        known = _known(store, [_entity_iri(r.id) for r in rows])
    keep = []
    for r in rows:
        if r.id in curated:
            result.skipped_curated.append(r.id)
        elif _entity_iri(r.id) not in known:
            result.skipped_unknown.append(r.id)
        else:
            keep.append(r)
            result.linked.append(r.id)
    result.quads = publish_graph(link_quads(keep, today=today), graph=iris.RECONCILED_LINKS_GRAPH,
                                 nq_path=nq_path, store_path=store_path)
    result.nquads = Path(nq_path)
    return result


def _known(store: Store, candidates: list[str]) -> set[str]:
    """Which of these IRIs are typed nodes of the graph."""
    from kg.link.terms import iri_sparql

    if not candidates:
        return set()
    values = " ".join(iri_sparql(c) for c in sorted(set(candidates)))
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {values} }} ?e a ?t }}")
    return {e for e, in rows.values() if e is not None}
