"""The shipped seed, built for real: its curated links agree with reconciliation, and enrich
plus the heads-of-state query work on it."""

from __future__ import annotations

import shutil

import pytest

from kg.link.enrich import enrich
from kg.link.reconcile import propose
from kg.query.run import run_query
from kg.store import open_store

pytestmark = pytest.mark.server


@pytest.fixture
def seed_copy_build(seed_build, tmp_path):
    """A private copy of the seed's build folder (link and enrich write into it)."""
    build = tmp_path / "build"
    build.mkdir()
    shutil.copytree(seed_build.out / "store", build / "store")
    return build


def test_reconciliation_finds_what_the_annotators_curated(seed_copy_build, wikidata_endpoint,
                                                          config_for):
    config = config_for(wikidata_endpoint, seed_copy_build)
    with open_store(seed_copy_build / "store") as store:
        result = propose(store, config=config, include_curated=True)
        curated = {r["e"].value.rsplit("/", 1)[1]: r["q"].value
                   for r in store.query(
                       "SELECT ?e ?q WHERE { GRAPH <https://w3id.org/kg-toolkit/id/graph/links/"
                       "curated> { ?e <https://w3id.org/kg-toolkit/ontology#wikidata> ?q } }"
                   ).dicts()}
    top: dict[str, str] = {}
    for p in result.proposals:
        top.setdefault(p.id, p.candidate)
    assert curated, "the seed has curated links"
    got = {k: top.get(k) for k in curated}
    assert got == curated, got


def test_enrich_and_heads_of_state_on_the_seed(seed_copy_build, proxy, config_for):
    config = config_for(proxy.url, seed_copy_build)
    with open_store(seed_copy_build / "store") as store:
        assert propose(store, config=config).requests == 1  # the uncurated entities
    result = enrich(seed_copy_build / "store", config=config,
                    nq_path=seed_copy_build / "wikidata.nq")
    assert result.items >= 10 and result.requests == 2, result
    with open_store(seed_copy_build / "store") as store:
        answer = run_query("heads-of-state", store)
    rows = {r["actorLabel"].value: r["headLabel"].value for r in answer.dicts()}
    assert rows == {"North Korea": "Kim Jong-un", "South Korea": "Yoon Suk-yeol",
                    "Japan": "Naruhito"}, rows
