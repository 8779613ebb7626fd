"""Cycles among directed links (an event that responds to another), in linear time.

:func:`cycles` names one cycle per tangle of links: each strongly connected component that
holds a cycle (an item linked to itself included), its members, and the shortest cycle
through the least of them. ``kg build`` checks the links of one annotation file with it
(:mod:`kg.loaders.check`), ``kg validate`` those of a whole graph (:mod:`kg.validation`);
the time grows with the links, not with the length or the number of the cycles (a
``?a kg:respondsTo+ ?a`` property path walks every chain again from each of its events).

>>> cycles([("a", "b"), ("b", "c"), ("c", "a"), ("b", "a"), ("c", "d"), ("e", "e")])
[(['a', 'b', 'c'], ['a', 'b']), (['e'], ['e'])]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

__all__ = ["cycles"]


def cycles(links: Iterable[tuple[str, str]]) -> list[tuple[list[str], list[str]]]:
    """``(members, cycle)`` for each strongly connected component of ``links`` that holds a
    cycle: its members sorted, and the shortest cycle through the least of them, from it
    (``[a, b]``: a links to b, b to a). Sorted; deterministic for the same links."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_edges_from(sorted(set(links)))  # sorted: each node's links are walked in order
    out = []
    for members in nx.strongly_connected_components(graph):
        least = min(members)
        if len(members) > 1 or graph.has_edge(least, least):
            out.append((sorted(members), _shortest_cycle(graph.succ, least, members)))
    return sorted(out)


def _shortest_cycle(succ: Mapping[str, Iterable[str]], start: str, members: set[str]
                    ) -> list[str]:
    """The shortest cycle from ``start`` back to it within ``members`` (breadth first)."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in succ[node]:
            if nxt == start:
                path = [node]
                while (up := parent[path[-1]]) is not None:
                    path.append(up)
                return path[::-1]
            if nxt in members and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"{start!r} is on no cycle of its component")  # pragma: no cover
