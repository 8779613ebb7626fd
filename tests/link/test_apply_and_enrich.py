"""Accepted proposals become links with provenance; enrich fetches facts; a pack query uses them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import iris
from kg.link.apply import apply_links
from kg.link.enrich import enrich
from kg.link.proposals import accept_above, accepted, read_proposals, write_proposals
from kg.link.reconcile import propose
from kg.resources import queries_dir
from kg.store import open_store

pytestmark = pytest.mark.server

SKOS = "http://www.w3.org/2004/02/skos/core#"
WD = "http://www.wikidata.org/entity/"


def quads_of(store_dir: Path, graph: str) -> list[ox.Quad]:
    store = ox.Store.read_only(str(store_dir))
    try:
        return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    finally:
        del store


def links(store_dir: Path, graph: str) -> dict[str, str]:
    return {q.subject.value.rsplit("/", 1)[1]: q.object.value.rsplit("/", 1)[1]
            for q in quads_of(store_dir, graph) if q.predicate.value == SKOS + "exactMatch"}


def link_and_accept(build: Path, config, threshold: float = 0.9):
    with open_store(build / "store") as store:
        result = propose(store, config=config)
    rows, _ = accept_above(result.proposals, threshold)
    write_proposals(build / "link-proposals.tsv", rows)
    return apply_links(accepted(rows), store_path=build / "store",
                       nq_path=build / "links-reconciled.nq", today="2026-01-01")


def test_accept_above_writes_links_with_provenance(built_store, wikidata_endpoint, config_for):
    result = link_and_accept(built_store, config_for(wikidata_endpoint, built_store))
    got = links(built_store / "store", iris.RECONCILED_LINKS_GRAPH)
    # unique best candidates scoring >= 0.9: the type-checked exact label matches
    want = {"north-korea": "Q423", "south-korea": "Q884", "japan": "Q17",
            "united-nations": "Q1065", "korean-peninsula": "Q483134"}
    assert got == want, got
    assert sorted(result.linked) == sorted(want), result
    text = (built_store / "links-reconciled.nq").read_text(encoding="utf-8")
    assert text.splitlines() == sorted(text.splitlines()), "N-Quads must be sorted"
    st = "<https://w3id.org/kg-toolkit/id/link/reconciled/north-korea/Q423>"
    for needle in (f"{st} <https://w3id.org/kg-toolkit/ontology#linkScore> "
                   '"1.000"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                   f"{st} <https://w3id.org/kg-toolkit/ontology#linkMethod> "
                   '"label = Wikidata label; P31 Q3624078, Q6256 fits State',
                   f"{st} <http://purl.org/dc/terms/date> ",
                   f'{st} <https://w3id.org/kg-toolkit/ontology#endpoint> "{wikidata_endpoint}"'):
        assert needle in text, needle
    assert "<https://w3id.org/kg-toolkit/ontology#LinkGraph>" in text


def test_rerun_replaces_the_reconciled_graph(built_store, wikidata_endpoint, config_for):
    config = config_for(wikidata_endpoint, built_store)
    link_and_accept(built_store, config)
    first = (built_store / "links-reconciled.nq").read_bytes()
    link_and_accept(built_store, config)  # same input, from the cache
    assert (built_store / "links-reconciled.nq").read_bytes() == first
    rows = read_proposals(built_store / "link-proposals.tsv")
    rows = [dataclasses.replace(r, decision="reject") if r.id == "japan" else r for r in rows]
    apply_links(accepted(rows), store_path=built_store / "store",
                nq_path=built_store / "links-reconciled.nq")
    got = links(built_store / "store", iris.RECONCILED_LINKS_GRAPH)
    assert "japan" not in got and "north-korea" in got, got


def test_curated_links_are_never_overwritten(make_build, wikidata_endpoint, config_for):
    curated = """<https://w3id.org/kg-toolkit/id/graph/links/curated> {
        <https://w3id.org/kg-toolkit/id/china> <http://www.w3.org/2004/02/skos/core#exactMatch>
            <http://www.wikidata.org/entity/Q148> . }"""
    build = make_build(curated)
    before = quads_of(build / "store", iris.CURATED_LINKS_GRAPH)
    link_and_accept(build, config_for(wikidata_endpoint, build))
    # a reviewer (wrongly) accepts another item for the curated entity: it is ignored
    rows = read_proposals(build / "link-proposals.tsv")
    assert "china" not in {r.id for r in rows}, "curated entities are not proposed"
    hand = dataclasses.replace(rows[0], id="china", candidate="Q159", decision="accept")
    result = apply_links(accepted(rows + [hand]), store_path=build / "store",
                         nq_path=build / "links-reconciled.nq")
    assert result.skipped_curated == ["china"], result
    assert "china" not in links(build / "store", iris.RECONCILED_LINKS_GRAPH)
    after = quads_of(build / "store", iris.CURATED_LINKS_GRAPH)
    assert sorted(map(str, after)) == sorted(map(str, before)), after


def test_enrich_fetches_facts_into_the_fetched_graph(built_store, wikidata_endpoint, config_for):
    config = config_for(wikidata_endpoint, built_store)
    link_and_accept(built_store, config)
    result = enrich(built_store / "store", config=config, nq_path=built_store / "wikidata.nq")
    # reconciled (5) plus curated (tokyo Q1490)
    assert result.items == 6, result
    text = (built_store / "wikidata.nq").read_text(encoding="utf-8")
    g = f"<{iris.WIKIDATA_GRAPH}>"
    for needle in (
        f"<{WD}Q423> <http://www.wikidata.org/prop/direct/P35> <{WD}Q56226> {g}",
        f"<{WD}Q884> <http://www.wikidata.org/prop/direct/P6> <{WD}Q16090635> {g}",
        f'<{WD}Q423> <http://www.w3.org/2004/02/skos/core#altLabel> "DPRK"@en {g}',
        f"<{WD}Q423> <http://www.wikidata.org/prop/P35> <{WD}statement/Q423-kg-slice-P35> {g}",
        f"<{WD}statement/Q423-kg-slice-P35> <http://www.wikidata.org/prop/statement/P35> "
        f"<{WD}Q56226> {g}",
        f'<{WD}Q423> <http://www.wikidata.org/prop/direct/P571> "1948-09-09T00:00:00Z"^^',
        f"<{WD}Q423> <http://www.wikidata.org/prop/direct/P463> <{WD}Q1065> {g}",
        f'<{WD}Q483134> <http://www.wikidata.org/prop/direct/P625> "Point(127.0 37.5)"^^',
        f'<{WD}Q56226> <http://www.w3.org/2000/01/rdf-schema#label> "Kim Jong-un"@en {g}',
        f"{g} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kg-toolkit/ontology#FetchedGraph> ",
        f'{g} <https://w3id.org/kg-toolkit/ontology#endpoint> "{wikidata_endpoint}"',
        f"{g} <http://purl.org/dc/terms/date> ",
        f"{g} <http://purl.org/dc/terms/description> \"SPARQL SELECT",
    ):
        assert needle in text, needle
    assert len(quads_of(built_store / "store", iris.WIKIDATA_GRAPH)) == result.quads


def test_heads_of_state_query_uses_the_fetched_facts(built_store, wikidata_endpoint, config_for):
    config = config_for(wikidata_endpoint, built_store)
    link_and_accept(built_store, config)
    enrich(built_store / "store", config=config, nq_path=built_store / "wikidata.nq")
    query = (queries_dir() / "heads-of-state.rq").read_text(encoding="utf-8")
    with open_store(built_store / "store") as store:
        rows = store.query(query).dicts()
    got = {r["actorLabel"].value: r["headLabel"].value for r in rows}
    assert got == {"North Korea": "Kim Jong-un", "South Korea": "Yoon Suk-yeol",
                   "Japan": "Naruhito"}, got
    assert all(r["retrieved"].value for r in rows), rows


def test_enrich_rerun_sends_no_requests_and_offline_works(built_store, proxy, config_for):
    config = config_for(proxy.url, built_store)
    link_and_accept(built_store, config)
    enrich(built_store / "store", config=config, nq_path=built_store / "wikidata.nq")
    first = (built_store / "wikidata.nq").read_bytes()
    sent = proxy.count
    enrich(built_store / "store", config=config, nq_path=built_store / "wikidata.nq")
    enrich(built_store / "store", config=config.with_(offline=True),
           nq_path=built_store / "wikidata.nq")
    assert proxy.count == sent, proxy.count - sent
    assert (built_store / "wikidata.nq").read_bytes() == first


def test_enrich_refuses_a_statement_about_a_node_outside_wikidata(built_store, proxy,
                                                                   config_for):
    """Regression: an answer (or a cache entry) saying <kgd:nk> a kg:TerroristOrganization, or
    relabelling it, went into the fetched graph and so into every query over the store."""
    import json

    from kg.errors import EndpointError

    config = config_for(proxy.url, built_store)
    link_and_accept(built_store, config)
    enrich(built_store / "store", config=config, nq_path=built_store / "wikidata.nq")
    first = (built_store / "wikidata.nq").read_bytes()
    hostile = {"s": {"type": "uri", "value": iris.BASE + "nk"},
               "p": {"type": "uri", "value": "http://www.w3.org/2000/01/rdf-schema#label"},
               "o": {"type": "literal", "value": "HACKED", "xml:lang": "en"}}
    entries = sorted(config.cache_dir.rglob("*.json"))
    for path in entries:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc.get("value"), list) and doc["value"] and "s" in doc["value"][0]:
            path.write_text(json.dumps({**doc, "value": [*doc["value"], hostile]}),
                            encoding="utf-8")
            break
    else:
        pytest.fail("no cached enrich answer to tamper with")
    with pytest.raises(EndpointError, match=r"answered a statement about <https://w3id.org/"
                                            r"kg-toolkit/id/nk>, which is no Wikidata item"):
        enrich(built_store / "store", config=config.with_(offline=True),
               nq_path=built_store / "wikidata.nq")
    assert (built_store / "wikidata.nq").read_bytes() == first
