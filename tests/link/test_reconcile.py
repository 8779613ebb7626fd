"""Reconciliation against a real SPARQL server (Oxigraph on loopback serving a Wikidata slice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.link.proposals import Proposal
from kg.link.reconcile import ReconcileResult, propose
from kg.store import open_store

pytestmark = pytest.mark.server

# The verified IDs of the seed's actors and places (shared/reference/wikidata-ids.tsv).
VERIFIED = {
    "north-korea": "Q423", "south-korea": "Q884", "united-states": "Q30", "china": "Q148",
    "russia": "Q159", "japan": "Q17", "kim-jong-un": "Q56226", "yoon-suk-yeol": "Q16090635",
    "united-nations": "Q1065", "un-security-council": "Q37470", "korean-peninsula": "Q483134",
    "pyongyang": "Q18808", "seoul": "Q8684", "sea-of-japan": "Q27092",
}


def run(build: Path, config) -> ReconcileResult:
    with open_store(build / "store") as store:
        return propose(store, config=config)


def best(proposals: list[Proposal]) -> dict[str, Proposal]:
    """The first (best) row per id."""
    out: dict[str, Proposal] = {}
    for p in proposals:
        out.setdefault(p.id, p)
    return out


def test_finds_the_verified_ids_of_the_seed_actors_and_places(built_store, wikidata_endpoint,
                                                               config_for):
    result = run(built_store, config_for(wikidata_endpoint, built_store))
    top = best(result.proposals)
    got = {k: top[k].candidate for k in VERIFIED if k in top}
    assert got == VERIFIED, got


def test_no_candidate_is_invented_for_unverified_entities(built_store, wikidata_endpoint,
                                                          config_for):
    top = best(run(built_store, config_for(wikidata_endpoint, built_store)).proposals)
    for name in ("ulleung-island", "northern-limit-line", "icbm", "srbm",
                 "yoon-administration"):
        assert top[name].candidate == "", (name, top[name])
        assert top[name].score is None, top[name]


def test_scores_reward_type_fit_and_keep_persons_below_unconstrained_cap(
        built_store, wikidata_endpoint, config_for):
    top = best(run(built_store, config_for(wikidata_endpoint, built_store)).proposals)
    # label = Wikidata label and P31 fits the class constraint
    for name in ("north-korea", "south-korea", "japan", "united-nations", "korean-peninsula"):
        assert top[name].score == 1.0, top[name]
        assert "fits" in top[name].method, top[name]
    # persons: label only, no type constraint, capped at 0.85
    for name in ("kim-jong-un", "yoon-suk-yeol"):
        assert top[name].score == 0.85, top[name]
        assert "no type constraint" in top[name].method, top[name]
    # alias = alias with a fitting type
    assert top["un-security-council"].score == 0.8, top["un-security-council"]
    # the slice states no P31 for these: found, but scored lower
    assert top["united-states"].score == 0.75, top["united-states"]
    assert top["china"].score == pytest.approx(0.675), top["china"]


def test_aliases_that_name_other_items_rank_below_the_right_item(built_store, wikidata_endpoint,
                                                                 config_for):
    rows = run(built_store, config_for(wikidata_endpoint, built_store)).proposals
    nk = [p for p in rows if p.id == "north-korea"]
    assert [p.candidate for p in nk] == ["Q423", "Q18808"], nk  # "Pyongyang" is an alias
    assert nk[0].score > nk[1].score, nk


def test_curated_entities_are_not_reconciled(built_store, wikidata_endpoint, config_for):
    result = run(built_store, config_for(wikidata_endpoint, built_store))
    assert result.curated == ["tokyo"], result.curated
    assert not [p for p in result.proposals if p.id == "tokyo"], result.proposals


def test_candidates_are_found_generically_from_the_ontology_hierarchy(
        built_store, wikidata_endpoint, config_for):
    result = run(built_store, config_for(wikidata_endpoint, built_store))
    ids = {p.id for p in result.proposals}
    assert "denuclearization" not in ids, ids  # a PolicyObjective is not linkable
    assert {"icbm", "northern-limit-line", "yoon-administration"} <= ids, ids
    kinds = {p.id: p.type for p in result.proposals}
    assert kinds["north-korea"] == "State", kinds  # derived superclass kg:Actor dropped


def test_a_type_that_does_not_fit_is_scored_down_and_explained():
    from kg.link.config import LinkConfig
    from kg.link.entities import Entity
    from kg.link.reconcile import score_entity

    wd = "http://www.wikidata.org/entity/"
    state = Entity(iri="https://w3id.org/kg-toolkit/id/korea", types=[
        "https://w3id.org/kg-toolkit/ontology#State"], labels=["Korea"],
        accepted=frozenset({wd + "Q6256", wd + "Q3624078"}))
    answers = {"Korea": ([{"item": wd + "Q18097", "via": "label", "itemLabel": "Korea",
                           "class": wd + "Q34763"}], "2026-01-01")}
    (p,) = score_entity(state, answers, config=LinkConfig(endpoint="http://127.0.0.1:9/q"))
    assert (p.candidate, p.score) == ("Q18097", 0.4), p
    assert p.method == ("label = Wikidata label; P31 Q34763 does not fit State "
                        "(expects Q3624078, Q6256)"), p.method
