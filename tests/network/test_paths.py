"""Paths between two actors, each step with its supporting edges."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.network.lookup import resolve
from kg.network.paths import paths_between


def multi_path(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n - 1):
        G.add_edge(i, i + 1, key=f"r{i}", label=f"tie {i}", sign=1 if i % 2 else -1,
                   quote=f"words {i}", source="doc", relation=f"r{i}", directed=True)
    return G


def test_path_graph_has_one_path_with_every_step_supported():
    found = paths_between(multi_path(5), 0, 4)
    assert [p["nodes"] for p in found] == [[0, 1, 2, 3, 4]], found
    steps = found[0]["steps"]
    assert [(s["from"], s["to"], s["edges"][0]["quote"]) for s in steps] == [
        (0, 1, "words 0"), (1, 2, "words 1"), (2, 3, "words 2"), (3, 4, "words 3")]
    assert found[0]["sign"] == 1, "(-)(+)(-)(+) = +"


def test_steps_against_the_edge_direction_are_backward():
    found = paths_between(multi_path(3), 2, 0)
    assert [e["direction"] for s in found[0]["steps"] for e in s["edges"]] == ["backward"] * 2


def test_parallel_edges_are_all_listed_and_the_step_sign_aggregates():
    G = multi_path(2)
    G.add_edge(1, 0, key="x", label="other", sign=1, quote="more", directed=False)
    G.add_edge(0, 1, key="y", label="third", sign=1, quote="again", directed=True)
    step = paths_between(G, 0, 1)[0]["steps"][0]
    assert sorted(e["label"] for e in step["edges"]) == ["other", "third", "tie 0"], step
    assert step["sign"] == 1, step
    assert {e["label"]: e["direction"] for e in step["edges"]}["other"] == "both"


def test_cycle_gives_two_paths_shortest_first_and_hop_limit():
    G = nx.cycle_graph(6)
    found = paths_between(G, 0, 2)
    assert [p["nodes"] for p in found] == [[0, 1, 2], [0, 5, 4, 3, 2]], found
    assert [p["nodes"] for p in paths_between(G, 0, 2, max_hops=2)] == [[0, 1, 2]]
    assert len(paths_between(G, 0, 2, limit=1)) == 1


def test_no_path_and_unknown_nodes():
    G = nx.Graph([(0, 1), (2, 3)])
    assert paths_between(G, 0, 3) == []
    with pytest.raises(UsageError):
        paths_between(G, 0, 99)


def test_resolve_by_id_iri_label_and_alias():
    G = nx.Graph()
    G.add_node("https://x/north-korea", short_id="north-korea", label="North Korea")
    G.add_node("https://x/south-korea", short_id="south-korea", label="South Korea")
    aliases = {"https://x/north-korea": ["DPRK"]}
    for name in ("north-korea", "https://x/north-korea", "north korea", "dprk"):
        assert resolve(G, name, aliases) == "https://x/north-korea", name
    with pytest.raises(UsageError, match=r"no actor 'north-koria'.*north-korea"):
        resolve(G, "north-koria")
