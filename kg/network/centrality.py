"""Who holds the actor network together: degree, betweenness and eigenvector centrality.

All three are computed on the simple undirected signed graph
(:func:`kg.network.signed.signed_graph`), ignoring signs: an adversary is a tie
as much as an ally. Eigenvector centrality is only defined up to scale on a
connected graph, so it is computed on the largest connected component (ties:
the component whose first node sorts first) and is None for every other node,
and None everywhere if the power iteration does not converge.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = ["centrality", "eigenvector"]


def centrality(H: nx.Graph) -> dict[Hashable, dict[str, Any]]:
    """Per node: ``degree``, ``positive``, ``negative``, ``degree_centrality``, ``betweenness``,
    ``eigenvector``.

    >>> c = centrality(nx.star_graph(3))
    >>> c[0]["degree"], c[0]["betweenness"], c[1]["betweenness"]
    (3, 1.0, 0.0)
    """
    degree = nx.degree_centrality(H) if len(H) > 1 else {n: 0.0 for n in H}
    between = nx.betweenness_centrality(H, normalized=True)
    eigen = eigenvector(H)
    out = {}
    for n in H:
        signs = [H.edges[n, m].get("sign", 0) for m in H[n] if m != n]
        out[n] = {"degree": len(signs), "positive": sum(s > 0 for s in signs),
                  "negative": sum(s < 0 for s in signs), "degree_centrality": degree[n],
                  "betweenness": between[n], "eigenvector": eigen[n]}
    return out


def eigenvector(H: nx.Graph) -> dict[Hashable, float | None]:
    """Eigenvector centrality on the largest connected component; None elsewhere.

    >>> e = eigenvector(nx.path_graph(3))
    >>> round(e[1], 3), round(e[0], 3)
    (0.707, 0.5)
    """
    out: dict[Hashable, float | None] = {n: None for n in H}
    components = sorted(nx.connected_components(H),
                        key=lambda c: (-len(c), min(str(n) for n in c)))
    if not components or len(components[0]) < 2:
        return out
    core = H.subgraph(components[0])
    try:
        out.update(nx.eigenvector_centrality(core, max_iter=1000, tol=1e-9))
    except nx.PowerIterationFailedConvergence:
        pass
    return out
