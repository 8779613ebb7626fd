"""Centrality on graphs with known values."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network.centrality import centrality, eigenvector


def test_karate_club_leaders_are_most_central():
    c = centrality(nx.karate_club_graph())
    by_degree = sorted(c, key=lambda n: -c[n]["degree"])[:2]
    assert by_degree == [33, 0] and (c[33]["degree"], c[0]["degree"]) == (17, 16), by_degree
    top_between = max(c, key=lambda n: c[n]["betweenness"])
    assert top_between == 0 and c[0]["betweenness"] == pytest.approx(0.4376, abs=1e-4)
    assert max(c, key=lambda n: c[n]["eigenvector"]) == 33


def test_signed_degree_counts():
    G = nx.Graph([(1, 2, {"sign": 1}), (1, 3, {"sign": -1}), (1, 4, {"sign": 0})])
    c = centrality(G)[1]
    assert (c["degree"], c["positive"], c["negative"]) == (3, 1, 1), c


def test_eigenvector_only_on_the_largest_component():
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (7, 8)])
    G.add_node(9)
    e = eigenvector(G)
    assert all(e[n] == pytest.approx(3 ** -0.5) for n in (1, 2, 3)), e
    assert (e[7], e[8], e[9]) == (None, None, None), e


def test_empty_and_single_node_graphs():
    assert centrality(nx.Graph()) == {}
    G = nx.Graph()
    G.add_node("a")
    assert centrality(G)["a"]["eigenvector"] is None
