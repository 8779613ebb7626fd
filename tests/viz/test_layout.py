"""The pure-Python layout: deterministic, complete, components kept apart."""

from __future__ import annotations

import math

import networkx as nx

from kg.viz.layout import spring_layout


def test_same_graph_same_positions_whatever_the_insertion_order():
    G = nx.barabasi_albert_graph(300, 2, seed=4)
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes)))
    H.add_edges_from(reversed(list(G.edges)))
    assert spring_layout(G) == spring_layout(H)


def test_every_node_gets_integer_pixels():
    G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "a")])
    G.add_node("alone")
    pos = spring_layout(G)
    assert set(pos) == set(G), pos
    assert all(isinstance(c, int) for xy in pos.values() for c in xy), pos


def test_empty_and_single_node_graphs():
    assert spring_layout(nx.Graph()) == {}
    assert spring_layout(nx.path_graph(1)) == {0: (0, 0)}


def test_neighbours_are_about_the_spacing_apart_and_never_on_top_of_each_other():
    G = nx.path_graph(30)
    pos = spring_layout(G, spacing=100)
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    assert 60 <= lengths[len(lengths) // 2] <= 200, lengths
    points = sorted(pos.values())
    assert len(set(points)) == len(points), "two nodes share a position"


def test_components_do_not_overlap():
    G = nx.disjoint_union(nx.complete_graph(6), nx.cycle_graph(8))
    pos = spring_layout(G)

    def box(nodes):
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        return min(xs), min(ys), max(xs), max(ys)

    a, b = box(range(6)), box(range(6, 14))
    apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
    assert apart, (a, b)


def test_large_graph_uses_the_multilevel_path_and_spreads_out():
    G = nx.barabasi_albert_graph(1500, 2, seed=1)
    pos = spring_layout(G)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    area_per_node = (max(xs) - min(xs)) * (max(ys) - min(ys)) / len(pos)
    assert area_per_node > 100 * 100, area_per_node
