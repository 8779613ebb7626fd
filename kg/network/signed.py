"""The signed actor network: parallel ties collapsed into one signed tie per pair.

A projection keeps one edge per supporting relation or event; measures of
structure want one tie per pair of actors. A pair's sign is the sign of
(positive edges - negative edges) over both directions: +1 friendly, -1
hostile, 0 when the evidence is balanced or unsigned. Counts are kept
(``positive``, ``negative``, ``neutral``, ``weight``) so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from kg.network.schema import local_name
from kg.network.vocab import ACTOR

__all__ = ["signed_graph", "actor_nodes", "edge_sign"]


def actor_nodes(G: nx.Graph) -> list[Hashable]:
    """Nodes whose ``category`` is the actor class (what ``kg analyze`` measures)."""
    actor = local_name(ACTOR)
    return sorted((n for n, d in G.nodes(data=True) if d.get("category") == actor), key=str)


def edge_sign(data: dict[str, Any]) -> int:
    """+1, -1 or 0 from an edge's ``sign`` attribute (missing or malformed: 0)."""
    try:
        value = float(data.get("sign", 0))
    except (TypeError, ValueError):
        return 0
    return (value > 0) - (value < 0)


def signed_graph(G: nx.Graph, nodes: Iterable[Hashable] | None = None) -> nx.Graph:
    """A simple undirected graph with one signed tie per pair of ``nodes`` (default: all).

    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edges_from([("a", "b", {"sign": 1}), ("b", "a", {"sign": 1}),
    ...                       ("a", "b", {"sign": -1})])
    >>> H = signed_graph(M)
    >>> H["a"]["b"]["sign"], H["a"]["b"]["positive"], H["a"]["b"]["negative"]
    (1, 2, 1)
    """
    keep = set(G.nodes) if nodes is None else set(nodes)
    H = nx.Graph(**{k: v for k, v in G.graph.items() if k != "legend"})
    for n in sorted(keep, key=str):
        H.add_node(n, **G.nodes[n])
    counts: dict[tuple[Hashable, Hashable], list[int]] = {}
    for u, v, data in G.edges(data=True):
        if u == v or u not in keep or v not in keep:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        tally = counts.setdefault(pair, [0, 0, 0])
        tally[{1: 0, -1: 1, 0: 2}[edge_sign(data)]] += 1
    for (u, v), (pos, neg, neutral) in sorted(counts.items(), key=lambda kv: str(kv[0])):
        H.add_edge(u, v, sign=(pos > neg) - (pos < neg), positive=pos, negative=neg,
                   neutral=neutral, weight=pos + neg + neutral)
    return H
