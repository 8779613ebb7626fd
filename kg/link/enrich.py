"""Fetch selected Wikidata facts about linked entities into ``kgd:graph/fetched/wikidata``.

For every item the graph links to (``skos:exactMatch`` in the curated and the
reconciled link graphs) it fetches, in Wikidata's own RDF shape:

- ``rdfs:label`` and ``skos:altLabel`` in ``config.languages``;
- the direct ("truthy", best-rank) values of ``config.FACT_PROPERTIES``
  (P31, P17, P35, P6, P463, P625, P571) as ``wdt:`` triples;
- the full statements of P35 and P6 (``p:`` -> statement node -> ``ps:`` value,
  every ``pq:`` qualifier, ``wikibase:rank``), so queries can tell since when;
- the labels of the items those values name (heads of state, classes, ...).

Requests are batched (``config.batch_items`` items each) and cached per item.
The graph is a ``kg:FetchedGraph`` with its endpoint, retrieval date and method,
and one ``prov:Entity`` per item saying when it was retrieved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import iris
from kg.errors import EndpointError, LinkError
from kg.link.cache import Cache, binding_rows
from kg.link.client import client_for
from kg.link.config import FACT_PROPERTIES, STATEMENT_PROPERTIES, LinkConfig
from kg.link.graphs import publish_graph, quad
from kg.link.terms import (
    PQ,
    PS,
    RDFS,
    SKOS,
    WD,
    WDT,
    WIKIBASE,
    XSD,
    P,
    iri_sparql,
    literal_sparql,
    qid_of,
    term_from_json,
)
from kg.namespace import DCT, KG, PROV, RDF
from kg.sparqlclient import SparqlClient, redact

if TYPE_CHECKING:
    from kg.store.protocol import Queryable

__all__ = ["EnrichResult", "enrich", "facts_query", "labels_query", "linked_items",
           "ENRICH_ACTIVITY", "METHOD"]

ENRICH_ACTIVITY = iris.ENRICH_ACTIVITY
METHOD = ("SPARQL SELECT of rdfs:label and skos:altLabel, direct (wdt:) values of "
          + ", ".join(FACT_PROPERTIES) + ", and the statements (p:/ps:/pq:, rank) of "
          + ", ".join(STATEMENT_PROPERTIES))

_BRANCHES = [
    # labels and aliases in the configured languages
    "VALUES ?p {{ <{label}> <{alt_label}> }} ?item ?p ?o . "
    "FILTER(LANG(?o) IN ({langs})) BIND(?item AS ?s)",
    # truthy values of the selected properties
    "VALUES ?p {{ {direct} }} ?item ?p ?o . BIND(?item AS ?s)",
    # item -> statement nodes
    "VALUES ?p {{ {claims} }} ?item ?p ?o . BIND(?item AS ?s)",
    # statement node -> value
    "VALUES (?claim ?p) {{ {pairs} }} ?item ?claim ?s . ?s ?p ?o .",
    # statement node -> qualifiers (values only, not the pqv: value nodes)
    "VALUES ?claim {{ {claims} }} ?item ?claim ?s . ?s ?p ?o . "
    "FILTER(STRSTARTS(STR(?p), {pq}) && !STRSTARTS(STR(?p), {pqv}))",
    # statement node -> rank
    "VALUES ?claim {{ {claims} }} ?item ?claim ?s . ?s <{rank}> ?o . "
    "BIND(<{rank}> AS ?p)",
]


def facts_query(qids: list[str], config: LinkConfig) -> str:
    """One request for the facts of ``qids``; every branch carries its own ``VALUES ?item``.

    (A top-level VALUES would, by SPARQL's bottom-up semantics, leave each UNION
    branch to scan the whole of Wikidata before the join.)
    """
    items = " ".join(iri_sparql(WD[q]) for q in qids)
    parts = dict(
        label=RDFS.label, alt_label=SKOS.altLabel, rank=WIKIBASE.rank,
        langs=", ".join(literal_sparql(lang) for lang in config.languages),
        direct=" ".join(iri_sparql(WDT[p]) for p in FACT_PROPERTIES),
        claims=" ".join(iri_sparql(P[p]) for p in STATEMENT_PROPERTIES),
        pairs=" ".join(f"({iri_sparql(P[p])} {iri_sparql(PS[p])})"
                       for p in STATEMENT_PROPERTIES),
        pq=literal_sparql(PQ), pqv=literal_sparql(PQ["value"]))
    branches = [f"{{ VALUES ?item {{ {items} }} {b.format(**parts)} }}" for b in _BRANCHES]
    return "SELECT ?item ?s ?p ?o WHERE {\n  " + "\n  UNION ".join(branches) + "\n}"


def labels_query(qids: list[str], config: LinkConfig) -> str:
    """Labels of the items that facts point to, in the configured languages."""
    items = " ".join(iri_sparql(WD[q]) for q in qids)
    langs = ", ".join(literal_sparql(lang) for lang in config.languages)
    return (f"SELECT ?item ?s ?p ?o WHERE {{ VALUES ?item {{ {items} }} "
            f"VALUES ?p {{ <{RDFS.label}> }} ?item ?p ?o . FILTER(LANG(?o) IN ({langs})) "
            "BIND(?item AS ?s) }")


def _kind(name: str, builder: Callable[[list[str], LinkConfig], str], config: LinkConfig) -> str:
    """Cache kind: the query's name plus a hash of its text for a fixed item."""
    text = builder(["Q1"], config)
    return f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


@dataclass
class EnrichResult:
    items: int
    value_items: int
    quads: int
    requests: int
    cache_hits: int
    nquads: Path


def linked_items(store: Queryable) -> list[str]:
    """QIDs the curated and reconciled link graphs point to, sorted by number."""
    from kg.link.entities import read_links

    qids: set[str] = set()
    for graph in (iris.CURATED_LINKS_GRAPH, iris.RECONCILED_LINKS_GRAPH):
        for targets in read_links(store, graph).values():
            qids.update(q for t in targets if (q := qid_of(t)))
    return sorted(qids, key=lambda q: int(q[1:]))


def _fetch(qids: list[str], kind: str, builder: Callable[[list[str], LinkConfig], str], *,
           client: SparqlClient, cache: Cache, config: LinkConfig, today: str
           ) -> dict[str, tuple[list[dict], str]]:
    """Rows per item, from the cache or in batches of ``config.batch_items``."""
    found: dict[str, tuple[list[dict], str]] = {}
    missing = []
    for q in qids:
        entry = cache.get(kind, q)
        rows = binding_rows(entry.value) if entry is not None else None
        if entry is None or rows is None:
            missing.append(q)
        else:
            found[q] = (rows, entry.retrieved)
    if missing and config.offline:
        raise LinkError(f"offline: {len(missing)} item(s) are not in the cache "
                        f"{config.cache_dir} for {redact(config.endpoint)} (first: {missing[0]}); "
                        "run once without --offline")
    for start in range(0, len(missing), config.batch_items):
        batch = missing[start:start + config.batch_items]
        per: dict[str, list[dict]] = {q: [] for q in batch}
        for row in client.select(builder(batch, config)):
            item = qid_of(row.get("item", {}).get("value", ""))
            if item in per and all(k in row for k in ("s", "p", "o")):
                per[item].append({k: row[k] for k in ("s", "p", "o")})
        for q in batch:
            cache.put(kind, q, per[q], today)
            found[q] = (per[q], today)
    return found


def _quads(rows: list[dict], graph: str, source: str) -> list[Any]:
    out = []
    for row in rows:
        try:
            s, p, o = (term_from_json(row[k]) for k in ("s", "p", "o"))
        except ValueError as exc:
            raise EndpointError(f"SPARQL endpoint {source} answered a malformed term: {exc}") \
                from exc
        if s is not None and p is not None and o is not None:
            if not s.value.startswith(WIKIDATA_ENTITY):  # no word about the graph's own nodes
                raise EndpointError(f"SPARQL endpoint {source} answered a statement about "
                                    f"<{s.value[:200]}>, which is no Wikidata item or "
                                    "statement")
            out.append(quad(s, p.value, o, graph))
    return out


#: where every subject enrich fetches lives: items (wd:) and statement nodes (wds:)
WIKIDATA_ENTITY = str(WD)


def _provenance(fetched: dict[str, tuple[list[dict], str]], config: LinkConfig) -> list[Any]:
    import pyoxigraph as ox

    g = iris.WIKIDATA_GRAPH
    date = ox.NamedNode(XSD.date)
    endpoint = ox.Literal(config.endpoint, datatype=ox.NamedNode(XSD.anyURI))
    latest = max((d for _, d in fetched.values()), default="")
    out = [quad(g, RDF.type, KG.FetchedGraph, g),
           quad(g, RDFS.label, ox.Literal("facts fetched from Wikidata by kg enrich",
                                              language="en"), g),
           quad(g, KG.endpoint, endpoint, g),
           quad(g, DCT.description, ox.Literal(METHOD), g),
           quad(g, PROV.wasGeneratedBy, ENRICH_ACTIVITY, g),
           quad(ENRICH_ACTIVITY, RDF.type, PROV.Activity, g),
           quad(ENRICH_ACTIVITY, RDFS.label, ox.Literal("kg enrich"), g)]
    if latest:
        out.append(quad(g, DCT.date, ox.Literal(latest, datatype=date), g))
    for q, (_, retrieved) in sorted(fetched.items()):
        rec = iris.fetched_record(q)
        out += [quad(rec, RDF.type, PROV.Entity, g),
                quad(rec, PROV.wasDerivedFrom, WD[q], g),
                quad(rec, PROV.wasGeneratedBy, ENRICH_ACTIVITY, g),
                quad(rec, KG.endpoint, endpoint, g),
                quad(rec, DCT.date, ox.Literal(retrieved, datatype=date), g)]
    return out


def enrich(store_path: str | Path, *, config: LinkConfig, nq_path: str | Path,
           client: SparqlClient | None = None, cache: Cache | None = None,
           today: str | None = None) -> EnrichResult:
    """Fetch the facts of every linked item and publish them as the fetched graph.

    :raises EndpointError: if the endpoint fails (one line naming it).
    :raises LinkError: offline with items missing from the cache.
    :raises StoreError: if the store is missing, locked or unwritable.
    """
    from kg.store import open_store

    cache = cache or Cache(config.cache_dir, config.endpoint)
    today = today or datetime.now(UTC).date().isoformat()
    with open_store(store_path) as store:
        qids = linked_items(store)
    own = client is None
    client = client or client_for(config)
    before = client.requests
    g = iris.WIKIDATA_GRAPH
    try:
        facts = _fetch(qids, _kind("facts", facts_query, config), facts_query, client=client,
                       cache=cache, config=config, today=today)
        quads = [q for rows, _ in facts.values() for q in _quads(rows, g, config.endpoint)]
        values = sorted({qq for x in quads if (qq := qid_of(getattr(x.object, "value", "")))
                         and qq not in facts}, key=lambda q: int(q[1:]))
        labels = _fetch(values, _kind("labels", labels_query, config), labels_query,
                        client=client, cache=cache, config=config, today=today)
    finally:
        if own:
            client.close()
    quads += [q for rows, _ in labels.values() for q in _quads(rows, g, config.endpoint)]
    quads += _provenance(facts, config)
    count = publish_graph(quads, graph=g, nq_path=nq_path, store_path=store_path)
    return EnrichResult(items=len(qids), value_items=len(values), quads=count,
                        requests=client.requests - before, cache_hits=cache.hits,
                        nquads=Path(nq_path))
