"""Structural balance of a signed network: triads, and how far it is from two clean camps.

A triangle is *balanced* when the product of its three signs is positive
("the friend of my friend is my friend, the enemy of my enemy is my friend")
and unbalanced otherwise. Only ties with a sign of +1 or -1 count.

The *frustration index* (line index of balance; Harary 1959, Aref & Wilson
2018) is the minimum number of ties whose sign must be flipped -- or,
equivalently, which must be removed -- for the whole network to split into two
camps with only positive ties inside and only negative ties between them. It is
0 exactly when the network is balanced. Computing it is NP-hard, so:

- **exact** for every connected component of at most ``exact_max_nodes`` (20)
  nodes: branch and bound over the 2^(n-1) two-camp splits, pruned with the
  heuristic's value as the first upper bound;
- **heuristic** for larger components: two-colour a BFS spanning tree so every
  tree tie is satisfied (this alone is optimal, 0, for a balanced component),
  then flip single nodes while that lowers the count; restarts from the
  highest-degree roots and a seeded random order; the best split found is an
  *upper bound* on the index.

The result says which was used (``exact``, ``method``).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["Triad", "triads", "triad_census", "Frustration", "frustration", "EXACT_MAX_NODES"]

EXACT_MAX_NODES = 20
_RESTARTS = 8

Adjacency = dict[Hashable, list[tuple[Hashable, int]]]


@dataclass(frozen=True)
class Triad:
    nodes: tuple[Hashable, Hashable, Hashable]
    signs: tuple[int, int, int]  # of (a, b), (b, c), (a, c)

    @property
    def balanced(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0


def _signed_adjacency(H: nx.Graph) -> Adjacency:
    adj: Adjacency = {}
    for u, v, d in H.edges(data=True):
        sign = d.get("sign", 0)
        if u == v or sign == 0:
            continue
        s = 1 if sign > 0 else -1
        adj.setdefault(u, []).append((v, s))
        adj.setdefault(v, []).append((u, s))
    for n in adj:
        adj[n].sort(key=lambda e: str(e[0]))
    return adj


def triads(H: nx.Graph) -> list[Triad]:
    """Every triangle of signed (+1/-1) ties, nodes in sorted order.

    >>> H = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    >>> [(t.nodes, t.balanced) for t in triads(H)]
    [(('a', 'b', 'c'), True)]
    """
    adj = _signed_adjacency(H)
    sign = {(u, v): s for u in adj for v, s in adj[u]}
    order = {n: i for i, n in enumerate(sorted(adj, key=str))}
    out = []
    for a in sorted(adj, key=str):
        later = sorted((v for v, _ in adj[a] if order[v] > order[a]), key=order.__getitem__)
        for i, b in enumerate(later):
            for c in later[i + 1:]:
                if (b, c) in sign:
                    out.append(Triad((a, b, c), (sign[a, b], sign[b, c], sign[a, c])))
    return out


def triad_census(H: nx.Graph) -> dict[str, int]:
    """Counts of ``triads``, ``balanced`` and ``unbalanced`` triangles.

    >>> triad_census(nx.Graph([(1, 2, {"sign": -1}), (2, 3, {"sign": -1}), (1, 3, {"sign": -1})]))
    {'triads': 1, 'balanced': 0, 'unbalanced': 1}
    """
    found = triads(H)
    balanced = sum(t.balanced for t in found)
    return {"triads": len(found), "balanced": balanced, "unbalanced": len(found) - balanced}


@dataclass
class Frustration:
    """The frustration index and the two-camp split that attains it (per component)."""

    index: int
    exact: bool
    method: str
    signed_ties: int
    sides: dict[Hashable, int] = field(default_factory=dict)  # node -> +1 / -1
    frustrated: list[tuple[Hashable, Hashable, int]] = field(default_factory=list)
    factions: list[tuple[list[Hashable], list[Hashable]]] = field(default_factory=list)


def frustration(H: nx.Graph, *, exact_max_nodes: int = EXACT_MAX_NODES,
                seed: int = 0) -> Frustration:
    """Frustration index of the signed ties of ``H`` (exact or heuristic, see the module).

    >>> K3 = nx.Graph([(1, 2, {"sign": -1}), (2, 3, {"sign": -1}), (1, 3, {"sign": -1})])
    >>> f = frustration(K3)
    >>> f.index, f.exact
    (1, True)
    """
    adj = _signed_adjacency(H)
    rng = random.Random(seed)
    sides: dict[Hashable, int] = {}
    factions, exact = [], True
    for comp in sorted(_components(adj), key=lambda c: str(c[0])):
        if len(comp) <= exact_max_nodes:
            part = _exact(comp, adj, _heuristic(comp, adj, rng))
        else:
            part, exact = _heuristic(comp, adj, rng), False
        sides.update(part)
        camps = sorted((sorted((n for n in comp if part[n] == side), key=str) for side in (1, -1)),
                       key=lambda c: (-len(c), str(c[0]) if c else ""))
        factions.append((camps[0], camps[1]))
    frustrated = sorted(((u, v, s) for u in adj for v, s in adj[u]
                         if str(u) < str(v) and s != sides[u] * sides[v]),
                        key=lambda e: (str(e[0]), str(e[1])))
    method = ("exact (branch and bound)" if exact
              else f"heuristic upper bound (spanning-tree colouring + local search; "
                   f"exact up to {exact_max_nodes} nodes per component)")
    ties = sum(len(v) for v in adj.values()) // 2
    return Frustration(len(frustrated), exact, method, ties, sides, frustrated, factions)


def _components(adj: Adjacency) -> list[list[Hashable]]:
    seen: set[Hashable] = set()
    out = []
    for start in sorted(adj, key=str):
        if start not in seen:
            comp = _bfs_order(start, adj)
            seen.update(comp)
            out.append(sorted(comp, key=str))
    return out


def _bfs_order(root: Hashable, adj: Adjacency) -> list[Hashable]:
    order, seen, todo = [], {root}, deque([root])
    while todo:
        n = todo.popleft()
        order.append(n)
        for m, _ in adj[n]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return order


def _cost(part: dict[Hashable, int], adj: Adjacency, nodes: list[Hashable]) -> int:
    return sum(s != part[u] * part[v] for u in nodes for v, s in adj[u] if str(u) < str(v))


def _exact(nodes: list[Hashable], adj: Adjacency,
           start: dict[Hashable, int]) -> dict[Hashable, int]:
    """Branch and bound over two-camp splits; ``start`` gives the first upper bound.

    Lower bound: the cost so far plus, for every node still unplaced, the cheaper of
    its two sides against the nodes already placed (ties among unplaced nodes count 0).
    """
    root = max(nodes, key=lambda n: (len(adj[n]), str(n)))
    order = _bfs_order(root, adj)
    index = {n: i for i, n in enumerate(order)}
    nbrs = [[(index[m], s) for m, s in adj[n]] for n in order]
    best_cost = _cost(start, adj, nodes)
    best = [start[n] * start[root] for n in order]
    assign = [0] * len(order)
    side_cost = [[0, 0] for _ in order]  # cost against placed nodes if on side +1 / -1

    def place(i: int, side: int, step: int) -> None:
        for j, s in nbrs[i]:
            if not assign[j]:
                side_cost[j][0] += step * (s != side)
                side_cost[j][1] += step * (s != -side)

    def search(k: int, cost: int) -> None:
        nonlocal best_cost, best
        if k == len(order):
            best_cost, best = cost, assign.copy()
            return
        i = order_index[k]
        for side in sorted((1, -1), key=lambda sd: side_cost[i][sd < 0]):
            here = cost + side_cost[i][side < 0]
            assign[i] = side
            place(i, side, 1)
            bound = here + sum(min(side_cost[j]) for j in order_index[k + 1:])
            if bound < best_cost:
                search(k + 1, here)
            place(i, side, -1)
            assign[i] = 0

    order_index = list(range(len(order)))
    assign[0] = 1
    place(0, 1, 1)
    search(1, 0)
    return {n: best[index[n]] for n in order}


def _heuristic(nodes: list[Hashable], adj: Adjacency, rng: random.Random) -> dict[Hashable, int]:
    roots = sorted(nodes, key=lambda n: (-len(adj[n]), str(n)))[:_RESTARTS]
    roots += rng.sample(nodes, min(_RESTARTS, len(nodes)))
    best: tuple[int, dict[Hashable, int]] | None = None
    for root in roots:
        part = _local_search(_tree_colouring(root, adj), adj, nodes)
        cost = _cost(part, adj, nodes)
        if best is None or cost < best[0]:
            best = (cost, part)
    assert best is not None
    return best[1]


def _tree_colouring(root: Hashable, adj: Adjacency) -> dict[Hashable, int]:
    """Sides that satisfy every tie of a BFS spanning tree from ``root``."""
    part, todo = {root: 1}, deque([root])
    while todo:
        n = todo.popleft()
        for m, s in adj[n]:
            if m not in part:
                part[m] = part[n] * s
                todo.append(m)
    return part


def _local_search(part: dict[Hashable, int], adj: Adjacency,
                  nodes: list[Hashable]) -> dict[Hashable, int]:
    """Flip any node with more frustrated than satisfied ties until none is left."""
    improved = True
    while improved:
        improved = False
        for n in nodes:
            gain = sum(1 if s != part[n] * part[m] else -1 for m, s in adj[n])
            if gain > 0:
                part[n] = -part[n]
                improved = True
    return part
