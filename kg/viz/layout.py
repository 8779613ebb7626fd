"""Deterministic force-directed layout in pure Python, fast enough for 5,000 nodes.

networkx's spring and Kamada-Kawai layouts need numpy/scipy, which kg does not
depend on, and a layout computed in the browser (vis-network physics) takes
minutes on large graphs. This is Fruchterman-Reingold with two speed-ups:
repulsion only between nodes in neighbouring grid cells, and a multilevel
scheme (coarsen by matching neighbours, lay out the coarsest graph with exact
forces, then refine each finer level for a few iterations). Connected
components are laid out apart and packed in rows, isolated nodes in a grid.

The result is the same for the same graph on every machine: nodes are sorted,
the random start is seeded, and only IEEE arithmetic and ``sqrt`` are used.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable

import networkx as nx

__all__ = ["spring_layout"]

Adjacency = list[list[int]]
Positions = tuple[list[float], list[float]]

_COARSEST = 100         # lay out graphs this small with exact all-pairs forces
_EXACT_ITERATIONS = 100
_REFINE_ITERATIONS = 10
_AREA = 2.0            # bounding-box area per node while refining (squared ideal lengths)
_MIN_AREA = 2.0        # ... and at least this much in the result
_EDGE = 1.1            # median edge length in the result, times ``spacing``
_GAP = 2.0              # space between packed components, in ideal edge lengths


def spring_layout(
    G: nx.Graph, *, seed: int = 7, spacing: float = 100.0
) -> dict[Hashable, tuple[int, int]]:
    """Pixel positions ``{node: (x, y)}`` with about ``spacing`` px between neighbours.

    >>> pos = spring_layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and pos == spring_layout(nx.path_graph(3))
    True
    """
    nodes = sorted(G.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    adj = _adjacency(G, index)
    rng = random.Random(seed)
    blocks: list[tuple[list[int], Positions]] = []
    singles: list[int] = []
    for members in _components(adj):
        if len(members) == 1:
            singles.append(members[0])
        else:
            blocks.append((members, _layout_component(members, adj, rng)))
    if singles:
        blocks.append((singles, _grid(len(singles))))
    xs, ys = _pack(len(nodes), blocks)
    return {node: (round(xs[i] * spacing), round(ys[i] * spacing)) for i, node in enumerate(nodes)}


def _adjacency(G: nx.Graph, index: dict[Hashable, int]) -> Adjacency:
    """Undirected, deduplicated neighbour lists without self-loops, sorted."""
    neighbours: list[set[int]] = [set() for _ in index]
    for u, v in G.edges():
        i, j = index[u], index[v]
        if i != j:
            neighbours[i].add(j)
            neighbours[j].add(i)
    return [sorted(s) for s in neighbours]


def _components(adj: Adjacency) -> list[list[int]]:
    """Connected components, largest first, ties by smallest member."""
    seen = [False] * len(adj)
    found = []
    for start in range(len(adj)):
        if seen[start]:
            continue
        seen[start] = True
        stack, members = [start], []
        while stack:
            i = stack.pop()
            members.append(i)
            for j in adj[i]:
                if not seen[j]:
                    seen[j] = True
                    stack.append(j)
        found.append(sorted(members))
    return sorted(found, key=lambda m: (-len(m), m[0]))


def _layout_component(members: list[int], adj: Adjacency, rng: random.Random) -> Positions:
    local = {g: i for i, g in enumerate(members)}
    levels = [[[local[j] for j in adj[g]] for g in members]]
    parents: list[list[int]] = []
    while len(levels[-1]) > _COARSEST:
        parent, coarse = _coarsen(levels[-1])
        if len(coarse) > 0.85 * len(levels[-1]):
            break
        parents.append(parent)
        levels.append(coarse)
    n = len(levels[-1])
    side = math.sqrt(n)
    xs = [rng.random() * side for _ in range(n)]
    ys = [rng.random() * side for _ in range(n)]
    _exact_forces(levels[-1], xs, ys, _EXACT_ITERATIONS, side / 10 + 0.5)
    _spread(xs, ys)
    for fine, parent in zip(reversed(levels[:-1]), reversed(parents), strict=True):
        grow = math.sqrt(len(fine) / len(xs))
        xs = [xs[p] * grow + (rng.random() - 0.5) * 0.2 for p in parent]
        ys = [ys[p] * grow + (rng.random() - 0.5) * 0.2 for p in parent]
        _grid_forces(fine, xs, ys, _REFINE_ITERATIONS, 0.3)
        _spread(xs, ys)
    _normalize(levels[0], xs, ys)
    return xs, ys


def _normalize(adj: Adjacency, xs: list[float], ys: list[float]) -> None:
    """Scale so the median edge is ``_EDGE`` long, unless that packs nodes denser than
    ``_MIN_AREA`` each (hub graphs have long edges but must not overlap)."""
    lengths = sorted(math.sqrt((xs[i] - xs[j]) ** 2 + (ys[i] - ys[j]) ** 2)
                     for i, neighbours in enumerate(adj) for j in neighbours if j > i)
    median = lengths[len(lengths) // 2]
    area = max((max(xs) - min(xs)) * (max(ys) - min(ys)), 1e-9)
    factor = max(_EDGE / max(median, 1e-9), math.sqrt(_MIN_AREA * len(xs) / area))
    for i in range(len(xs)):
        xs[i] *= factor
        ys[i] *= factor


def _spread(xs: list[float], ys: list[float]) -> None:
    """Scale about the centre to ``_AREA`` per node: dense graphs pull themselves together."""
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    area = max(width * height, width * width / 4, height * height / 4, 1e-9)
    factor = math.sqrt(_AREA * len(xs) / area)
    if factor > 1.0:
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        for i in range(len(xs)):
            xs[i] = cx + (xs[i] - cx) * factor
            ys[i] = cy + (ys[i] - cy) * factor


def _coarsen(adj: Adjacency) -> tuple[list[int], Adjacency]:
    """Match each node with its least connected free neighbour (heavy-edge style)."""
    parent = [-1] * len(adj)
    count = 0
    for i in sorted(range(len(adj)), key=lambda i: (len(adj[i]), i)):
        if parent[i] != -1:
            continue
        free = [j for j in adj[i] if parent[j] == -1]
        parent[i] = count
        if free:
            parent[min(free, key=lambda j: (len(adj[j]), j))] = count
        count += 1
    coarse: list[set[int]] = [set() for _ in range(count)]
    for i, neighbours in enumerate(adj):
        for j in neighbours:
            if parent[i] != parent[j]:
                coarse[parent[i]].add(parent[j])
    return parent, [sorted(s) for s in coarse]


def _move(xs: list[float], ys: list[float], dx: list[float], dy: list[float], t: float) -> None:
    """Move every node along its displacement, by at most ``t``."""
    for i in range(len(xs)):
        d = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
        if d > 0.0:
            step = min(d, t) / d
            xs[i] += dx[i] * step
            ys[i] += dy[i] * step


def _attract(adj: Adjacency, xs: list[float], ys: list[float], dx: list[float],
             dy: list[float], power: int) -> None:
    """Pull neighbours together with force ``d ** power`` (2: Fruchterman-Reingold, 1: linear)."""
    for i, neighbours in enumerate(adj):
        xi, yi = xs[i], ys[i]
        for j in neighbours:
            if j > i:
                ex, ey = xi - xs[j], yi - ys[j]
                if power == 2:
                    d = math.sqrt(ex * ex + ey * ey)
                    ex, ey = ex * d, ey * d
                dx[i] -= ex
                dy[i] -= ey
                dx[j] += ex
                dy[j] += ey


def _exact_forces(adj: Adjacency, xs: list[float], ys: list[float], iterations: int,
                  t: float) -> None:
    """Classic O(n^2) Fruchterman-Reingold with ideal distance 1 and linear cooling."""
    n = len(xs)
    cool = t / (iterations + 1)
    for _ in range(iterations):
        dx, dy = [0.0] * n, [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ex, ey = xi - xs[j], yi - ys[j]
                d2 = ex * ex + ey * ey
                if d2 < 1e-4:
                    d2 = 1e-4
                fx, fy = ex / d2, ey / d2
                dx[i] += fx
                dy[i] += fy
                dx[j] -= fx
                dy[j] -= fy
        _attract(adj, xs, ys, dx, dy, 2)
        _move(xs, ys, dx, dy, t)
        t -= cool


def _grid_forces(adj: Adjacency, xs: list[float], ys: list[float], iterations: int,
                 t: float) -> None:
    """Fruchterman-Reingold with repulsion cut off at distance 2 (grid cells of size 2)."""
    n = len(xs)
    cool = t * 0.9 / iterations
    for _ in range(iterations):
        dx, dy = [0.0] * n, [0.0] * n
        cells: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            cells.setdefault((math.floor(xs[i] / 2.0), math.floor(ys[i] / 2.0)), []).append(i)
        for (cx, cy), here in cells.items():
            for ox, oy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
                other = here if (ox, oy) == (0, 0) else cells.get((cx + ox, cy + oy))
                if other:
                    _repel_cells(here, other, other is here, xs, ys, dx, dy)
        # Linear attraction: with the quadratic one, long edges to hubs crush the core.
        _attract(adj, xs, ys, dx, dy, 1)
        _move(xs, ys, dx, dy, t)
        t -= cool


def _repel_cells(here: list[int], other: list[int], same: bool, xs: list[float],
                 ys: list[float], dx: list[float], dy: list[float]) -> None:
    for a, i in enumerate(here):
        xi, yi = xs[i], ys[i]
        for j in other[a + 1:] if same else other:
            ex, ey = xi - xs[j], yi - ys[j]
            d2 = ex * ex + ey * ey
            if d2 < 4.0:
                if d2 < 1e-4:
                    d2 = 1e-4
                fx, fy = ex / d2, ey / d2
                dx[i] += fx
                dy[i] += fy
                dx[j] -= fx
                dy[j] -= fy


def _grid(n: int) -> Positions:
    cols = math.ceil(math.sqrt(n))
    return [float(i % cols) for i in range(n)], [float(i // cols) for i in range(n)]


def _pack(n: int, blocks: list[tuple[list[int], Positions]]) -> Positions:
    """Shelf-pack component blocks left to right in rows about as wide as the largest."""
    xs, ys = [0.0] * n, [0.0] * n
    boxes = [(min(bx), min(by), max(bx) - min(bx), max(by) - min(by)) for _, (bx, by) in blocks]
    row_width = max([w for _, _, w, _ in boxes] + [0.0])
    row_width = max(row_width, math.sqrt(sum((w + _GAP) * (h + _GAP) for *_, w, h in boxes)))
    left = top = row_height = 0.0
    for (members, (bx, by)), (x0, y0, w, h) in zip(blocks, boxes, strict=True):
        if left > 0 and left + w > row_width:
            left, top, row_height = 0.0, top + row_height + _GAP, 0.0
        for k, i in enumerate(members):
            xs[i] = bx[k] - x0 + left
            ys[i] = by[k] - y0 + top
        left += w + _GAP
        row_height = max(row_height, h)
    cx = (min(xs) + max(xs)) / 2 if n else 0.0
    cy = (min(ys) + max(ys)) / 2 if n else 0.0
    return [x - cx for x in xs], [y - cy for y in ys]
