"""Paths between two actors, each step with the words that support it.

The shortest simple paths of the undirected network (any tie, any direction),
shortest first, at most ``limit`` of them and ``max_hops`` steps long. Each
step lists every edge between its two nodes (both directions), with label,
sign, direction, quote and source, and a step sign (sign of positive minus
negative edges). A path's sign is the product of its step signs: + reads "the
friend of a friend" or "the enemy of an enemy", - an indirect adversary, 0 a
step without a sign.
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import islice
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.network.signed import edge_sign

__all__ = ["paths_between", "EDGE_KEYS"]

EDGE_KEYS = ("label", "sign", "type", "type_label", "relation", "quote", "quote_start",
             "quote_end", "source", "status", "factuality", "happened")


def paths_between(G: nx.Graph, a: Hashable, b: Hashable, *, limit: int = 5,
                  max_hops: int = 4) -> list[dict[str, Any]]:
    """Up to ``limit`` shortest simple paths from ``a`` to ``b``, as documented dicts.

    >>> P = nx.path_graph(3)
    >>> nx.set_edge_attributes(P, {(0, 1): 1, (1, 2): -1}, "sign")
    >>> [(p["nodes"], p["sign"]) for p in paths_between(P, 0, 2)]
    [([0, 1, 2], -1)]

    :raises UsageError: if ``a`` or ``b`` is not a node of ``G``.
    """
    for n in (a, b):
        if n not in G:
            raise UsageError(f"{n!r} is not in the network")
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes, key=str))
    U.add_edges_from(sorted(((u, v) for u, v in G.edges() if u != v),
                            key=lambda e: (str(e[0]), str(e[1]))))
    if a == b or not nx.has_path(U, a, b):
        return []
    found = []
    for nodes in islice(nx.shortest_simple_paths(U, a, b), limit):
        if len(nodes) - 1 > max_hops:
            break
        steps = [_step(G, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
        sign = 1
        for step in steps:
            sign *= step["sign"]
        found.append({"nodes": nodes, "sign": sign, "steps": steps})
    return found


def _step(G: nx.Graph, u: Hashable, v: Hashable) -> dict[str, Any]:
    edges = [_edge(d, "forward") for d in _between(G, u, v)]
    edges += [_edge(d, "backward") for d in _between(G, v, u)] if G.is_directed() else []
    signs = [e["sign"] for e in edges]
    pos, neg = sum(s > 0 for s in signs), sum(s < 0 for s in signs)
    edges.sort(key=lambda e: (-abs(e["sign"]), e["label"] or "", e["relation"] or ""))
    return {"from": u, "to": v, "sign": (pos > neg) - (pos < neg), "edges": edges}


def _between(G: nx.Graph, u: Hashable, v: Hashable) -> list[dict[str, Any]]:
    data = G.get_edge_data(u, v)
    if data is None:
        return []
    return list(data.values()) if G.is_multigraph() else [data]


def _edge(data: dict[str, Any], direction: str) -> dict[str, Any]:
    out = {k: data.get(k) for k in EDGE_KEYS}
    out["sign"] = edge_sign(data)
    out["direction"] = "both" if data.get("directed") is False else direction
    return out
