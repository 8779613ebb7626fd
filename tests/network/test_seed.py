"""The seed corpus (CFR brief on North Korea): what the article says, the network shows.

Expected from the article text: North Korea "has enhanced its alignment with both
Moscow and Beijing"; "China and Russia blocked a UN resolution ... thwarting
U.S.-led efforts"; "deepening fissures between the United States and China and
Russia"; the United States' alliance with, and pledges to defend, South Korea. Its
coordination "with Japan and South Korea" is a recommendation ("will need to
strengthen"): not asserted as fact, so Japan joins the network only with
``include_nonfactual`` (docs/sources.md, "Factuality").
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.iris import BASE
from kg.network import project, timeline_events
from kg.network.blocs import blocs
from kg.network.report import analyze
from kg.network.signed import actor_nodes, signed_graph
from kg.resources import data_dir


def iri(short: str) -> str:
    return BASE + short


TEXT = (data_dir() / "cfr-2022-north-korea-provocations.txt").read_text(encoding="utf-8")
TITLE = "North Korea Has Escalated Its Military Provocations. Here\u2019s Why."
EAST = {"china", "russia", "north-korea"}
WEST = {"united-states", "south-korea", "japan"}


@pytest.fixture(scope="module")
def network(seed_store):
    G = project(seed_store, include_nonfactual=True)
    return G, signed_graph(G, actor_nodes(G))


def test_the_recommended_coordination_with_japan_is_not_drawn_by_default(seed_store):
    G = project(seed_store)
    assert iri("japan") not in G, "Japan's only ties are recommended, not reported"
    H = project(seed_store, include_nonfactual=True)
    marks = {d["factuality"] for d in H.get_edge_data(iri("united-states"), iri("japan")).values()}
    assert marks == {"not asserted as fact", "not happened"}, marks


def sign(H, a: str, b: str) -> int:
    return H.edges[iri(a), iri(b)]["sign"]


def test_china_russia_and_north_korea_form_a_bloc_opposite_the_us_south_korea_and_japan(network):
    _, H = network
    found = [{H.nodes[n]["short_id"] for n in bloc} for bloc in blocs(H)]
    east = next(b for b in found if "north-korea" in b)
    west = next(b for b in found if "united-states" in b)
    assert EAST <= east and WEST <= west and not east & west, found


@pytest.mark.parametrize("a, b, want", [
    ("north-korea", "china", 1), ("north-korea", "russia", 1),
    ("china", "united-states", -1), ("russia", "united-states", -1),
    ("united-states", "south-korea", 1), ("united-states", "japan", 1),
    ("north-korea", "south-korea", -1), ("north-korea", "united-states", -1)])
def test_tie_signs(network, a, b, want):
    assert sign(network[1], a, b) == want, (a, b)


def test_every_edge_quote_is_the_article_text_at_its_offsets(network):
    G, _ = network
    for u, v, d in G.edges(data=True):
        assert d["quote"] and TEXT[d["quote_start"]:d["quote_end"]] == d["quote"], (u, v, d)
        assert d["source"] == TITLE, d


def test_balance_splits_the_two_camps(seed_store):
    report = analyze(seed_store, include_nonfactual=True)["balance"]
    assert report["exact"] is True, report["method"]
    camps = [{r["id"] for r in camp} for camp in report["factions"][0]]
    assert any(EAST <= c for c in camps) and any(WEST <= c for c in camps), camps
    assert not any(EAST & c and WEST & c for c in camps), camps


def test_paths_between_china_and_south_korea_carry_quotes(seed_store):
    paths = analyze(seed_store, between=("china", "South Korea"))["paths"]
    assert paths["from"]["id"] == "china" and paths["to"]["id"] == "south-korea", paths
    assert paths["paths"], "no path from China to South Korea"
    first = paths["paths"][0]
    assert len(first["steps"]) == 2, first["nodes"]
    for step in first["steps"]:
        for e in step["edges"]:
            assert e["quote"] in TEXT and e["source"], e


def test_denied_negotiations_make_no_friendly_tie(network):
    G, _ = network
    between = G.get_edge_data(iri("north-korea"), iri("united-states")) or {}
    assert all(d["sign"] < 0 for d in between.values()), between


def test_timeline_dates_what_the_article_dates(seed_store):
    events = timeline_events(seed_store)
    dated = [e for e in events if e["begin"]]
    assert [e["begin"] for e in dated] == sorted(e["begin"] for e in dated)
    assert all(e["begin"] is None for e in events[len(dated):]), "undated events sort last"
    blocking = next(e for e in events if e["type"] == "ResolutionBlocking")
    assert (blocking["begin"], blocking["end"], blocking["precision"]) == (
        dt.date(2022, 6, 1), dt.date(2022, 8, 31), "season"), blocking
    assert blocking["time_label"] == "the summer of 2022", blocking


def test_views_are_connected_to_the_seed(seed_store):
    events = project(seed_store, "events")
    responds = [(events.nodes[u]["label"], events.nodes[v]["label"])
                for u, v, d in events.edges(data=True) if d["type"] == "respondsTo"]
    assert responds, "the article states responses (tit-for-tat, allied response)"
    claims = project(seed_store, "claims")
    assert any(d["type"] == "asserts" for _, _, d in claims.edges(data=True))
