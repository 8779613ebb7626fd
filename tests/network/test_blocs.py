"""Blocs and their opposition on hand-made graphs and Zachary's karate club."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from kg.network.blocs import blocs, opposition


def two_blocs(bridge_sign: int | None) -> nx.Graph:
    """Two positive 5-cliques, all ties between them negative except one bridge."""
    a, b = list(range(5)), list(range(5, 10))
    G = nx.Graph()
    for camp in (a, b):
        G.add_edges_from((u, v, {"sign": 1}) for u, v in itertools.combinations(camp, 2))
    G.add_edges_from((u, v, {"sign": -1}) for u in a for v in b)
    if bridge_sign is not None:
        G.edges[4, 5]["sign"] = bridge_sign
    return G


def test_components_of_positive_ties():
    G = two_blocs(None)
    found = blocs(G)
    assert found == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]], found
    assert opposition(G, found) == [{"blocs": [0, 1], "negative": 25, "positive": 0}]


def test_modularity_splits_blocs_joined_by_one_positive_bridge():
    G = two_blocs(1)
    assert blocs(G) == [list(range(10))], "components merge across the bridge"
    assert blocs(G, "modularity") == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


def test_actors_without_positive_ties_form_no_bloc():
    G = nx.Graph([(1, 2, {"sign": -1}), (2, 3, {"sign": 1}), (3, 4, {"sign": 0})])
    assert blocs(G) == [[2, 3]]


def test_karate_club_modularity_matches_networkx_and_the_known_split():
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 1, "sign")
    found = blocs(G, "modularity")
    want = sorted((sorted(c) for c in nx.community.greedy_modularity_communities(G)),
                  key=lambda c: (-len(c), str(c[0])))
    assert sorted(map(sorted, found)) == sorted(want), found
    assert len(found) == 3, found
    for bloc in found:  # each community lies (almost) inside one of the two real clubs
        clubs = [G.nodes[n]["club"] for n in bloc]
        share = max(clubs.count(c) for c in set(clubs)) / len(clubs)
        assert share >= 0.8, (bloc, clubs)


def test_unknown_method():
    with pytest.raises(ValueError, match="unknown bloc method"):
        blocs(nx.Graph(), "louvain")
