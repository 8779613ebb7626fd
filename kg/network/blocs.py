"""Blocs: groups of actors held together by positive ties, and the hostility between them.

Two methods, both deterministic:

``components`` (default)
    Connected components of the positive subgraph (ties with sign +1): actors
    linked by any chain of cooperation. Transparent, and right for small,
    sparse corpora where every tie is deliberate.
``modularity``
    Greedy modularity communities (Clauset-Newman-Moore) of the positive
    subgraph, weighted by the number of positive edges: splits a component
    held together by a single bridge.

Actors without a positive tie form no bloc. :func:`opposition` counts the
negative and positive ties between each pair of blocs.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = ["blocs", "positive_subgraph", "opposition", "METHODS"]

METHODS = ("components", "modularity")


def positive_subgraph(H: nx.Graph) -> nx.Graph:
    """The ties with sign > 0 and the nodes they join, inserted in sorted order."""
    P = nx.Graph()
    edges = sorted(((u, v, d) for u, v, d in H.edges(data=True) if d.get("sign", 0) > 0 and u != v),
                   key=lambda e: sorted((str(e[0]), str(e[1]))))
    P.add_nodes_from(sorted({n for u, v, _ in edges for n in (u, v)}, key=str))
    P.add_edges_from((u, v, {"weight": d.get("positive", 1)}) for u, v, d in edges)
    return P


def blocs(H: nx.Graph, method: str = "components") -> list[list[Hashable]]:
    """Blocs of at least two positively tied nodes, largest first; members sorted.

    >>> H = nx.Graph()
    >>> H.add_edges_from([(1, 2, {"sign": 1}), (2, 3, {"sign": 1}), (3, 4, {"sign": -1}),
    ...                   (4, 5, {"sign": 1})])
    >>> blocs(H)
    [[1, 2, 3], [4, 5]]
    """
    P = positive_subgraph(H)
    if method == "components":
        groups = nx.connected_components(P)
    elif method == "modularity":
        groups = nx.community.greedy_modularity_communities(P, weight="weight") if len(P) else []
    else:
        raise ValueError(f"unknown bloc method {method!r} (known: {', '.join(METHODS)})")
    found = [sorted(g, key=str) for g in groups if len(g) >= 2]
    return sorted(found, key=lambda g: (-len(g), str(g[0])))


def opposition(H: nx.Graph, groups: list[list[Hashable]]) -> list[dict[str, Any]]:
    """For each pair of blocs ``(i, j)`` with ties between them: negative and positive counts.

    >>> H = nx.Graph([(1, 2, {"sign": 1}), (3, 4, {"sign": 1}), (1, 3, {"sign": -1})])
    >>> opposition(H, [[1, 2], [3, 4]])
    [{'blocs': [0, 1], 'negative': 1, 'positive': 0}]
    """
    where = {n: i for i, g in enumerate(groups) for n in g}
    tally: dict[tuple[int, int], list[int]] = {}
    for u, v, d in H.edges(data=True):
        i, j = where.get(u), where.get(v)
        if i is None or j is None or i == j:
            continue
        pair = (min(i, j), max(i, j))
        counts = tally.setdefault(pair, [0, 0])
        sign = d.get("sign", 0)
        counts[0] += sign < 0
        counts[1] += sign > 0
    return [{"blocs": [i, j], "negative": neg, "positive": pos}
            for (i, j), (neg, pos) in sorted(tally.items())]
