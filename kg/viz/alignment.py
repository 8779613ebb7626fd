"""A layout that shows who sides with whom: blocs drawn together, hostile camps drawn apart.

The groups are the blocs ``kg analyze`` computes (:func:`kg.network.blocs.blocs`:
actors held together by positive ties) on the signed graph of the view (one
signed tie per pair, :func:`kg.network.signed.signed_graph`). A bloc that
swallows most of a large graph is split by modularity instead, as
``kg analyze --bloc-method modularity`` would.

Layout in two steps, both deterministic:

1. each group is laid out on its own (:func:`kg.viz.layout.spring_layout`) and
   becomes a disc; every node in no bloc is a disc of its own;
2. the discs are placed by a signed force model: positive ties pull, negative
   ties push, every pair of discs repels and discs never overlap. Each disc
   starts on the side of the two-camp split of :func:`kg.network.balance.frustration`
   its members mostly take, so the camps start (and end) apart.

:func:`spread_labels` then moves nodes apart until no two label boxes (as
estimated here; the browser test measures the real ones) overlap.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.network.balance import frustration
from kg.network.blocs import blocs
from kg.viz.layout import spring_layout

__all__ = ["Group", "alignment_groups", "alignment_layout", "lod_layout", "label_box",
           "spread_labels"]

SPACING = 150.0          # ideal distance between neighbours inside a bloc, px
_GIANT = 0.4             # a bloc holding more than this share of 30+ nodes is split
_ITERATIONS = 160
_EXACT_CAMPS = 400       # above this many nodes, the camps start from the blocs only
_REFINE_MAX = 300        # node-level forces up to this many nodes (O(n^2) per step)
_CHAR_PX = 8.2           # label width per character at the 14 px font (a safe estimate)
_LINE_PX = 20.0          # label height with its white stroke
_PAD = 6.0               # space kept between label boxes
_MARGIN = 60.0           # space kept between group discs
_HOSTILE_GAP = 350.0     # hostile groups rest this much further apart than friendly ones


@dataclass
class Group:
    """A bloc (``members`` >= 2, ``bloc`` True) or a node standing alone."""

    members: list[Hashable]
    bloc: bool
    offsets: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    radius: float = 0.0
    x: float = 0.0
    y: float = 0.0
    unit_x: float = 0.0      # where its super-node goes in the level-of-detail view
    unit_y: float = 0.0


def alignment_groups(H: nx.Graph) -> list[list[Hashable]]:
    """The blocs of ``H`` (components of its positive ties; modularity for a giant one)."""
    found = blocs(H, "components")
    n = H.number_of_nodes()
    if found and n >= 30 and len(found[0]) > _GIANT * n:
        found = blocs(H, "modularity")
    return found


def alignment_layout(H: nx.Graph, groups: list[list[Hashable]],
                     sizes: dict[Hashable, float] | None = None,
                     labels: dict[Hashable, str] | None = None,
                     ) -> tuple[dict[Hashable, tuple[int, int]], list[Group]]:
    """Pixel positions for every node of the signed graph ``H``, and the placed groups.

    ``groups`` are lists of nodes (blocs); nodes in none stand alone. ``sizes`` and
    ``labels`` (node radius and label text) let the layout keep labels apart.

    >>> H = nx.Graph([("a", "b", {"sign": 1}), ("c", "d", {"sign": 1}), ("a", "c", {"sign": -1})])
    >>> pos, placed = alignment_layout(H, [["a", "b"], ["c", "d"]])
    >>> abs(pos["a"][0] - pos["b"][0]) + abs(pos["a"][1] - pos["b"][1]) < abs(
    ...     pos["a"][0] - pos["c"][0]) + abs(pos["a"][1] - pos["c"][1])
    True
    """
    sizes = sizes or {}
    labels = labels or {}
    placed = _groups(H, groups)
    for g in placed:
        _inner_layout(H, g, sizes, labels)
    _place(H, placed)
    if H.number_of_nodes() <= _REFINE_MAX:
        pos = _refine(H, placed, sizes, labels)
    else:
        pos = {n: (g.x + dx, g.y + dy) for g in placed for n, (dx, dy) in g.offsets.items()}
    if len(pos) <= 2000:
        pos = spread_labels(pos, sizes, labels)
    return {n: (round(x), round(y)) for n, (x, y) in pos.items()}, placed


def lod_layout(H: nx.Graph, placed: list[Group], top: set[Hashable],
               sizes: dict[Hashable, float], labels: dict[Hashable, str],
               group_labels: list[tuple[str, float]],
               ) -> dict[Hashable, tuple[int, int]]:
    """Positions for the level-of-detail view, where each group is one super-node beside
    the ``top`` nodes: the units (super-nodes and top nodes) are placed compactly by the
    same signed forces, starting from the groups' places, and labels kept apart; a group's
    members sit around its super-node, at a third of their distances in the full layout
    (they are drawn when it is expanded). Sets each group's ``unit_x``/``unit_y``."""
    # ("group", index into placed) or ("node", node id)
    units: list[tuple[str, Any]] = [("group", i) for i, g in enumerate(placed)
                                    if any(n not in top for n in g.members)]
    units += [("node", n) for n in sorted(top, key=str)]
    where = {n: i for i, g in enumerate(placed) for n in g.members}
    unit_of: dict[Hashable, int] = {}
    for k, (kind, ref) in enumerate(units):
        if kind == "group":
            for n in placed[ref].members:
                if n not in top:
                    unit_of[n] = k
        else:
            unit_of[ref] = k
    spread = math.sqrt(sum(g.radius ** 2 for g in placed)) or 1.0
    target = SPACING * 1.5 * math.sqrt(len(units))
    xs, ys, radii = [], [], []
    for kind, ref in units:
        if kind == "group":
            g = placed[ref]
            x, y = g.x, g.y
            text, size = group_labels[ref]
        else:
            g = placed[where[ref]]
            x, y = g.x + g.offsets[ref][0], g.y + g.offsets[ref][1]
            text, size = labels.get(ref, ""), sizes.get(ref, 10.0)
        xs.append(x * target / spread)
        ys.append(y * target / spread)
        radii.append(label_box(text, size)[0] / 2)
    _settle(xs, ys, radii, _weights(H, unit_of), _ITERATIONS // 2, SPACING, margin=_PAD * 6)
    boxes: dict[Hashable, tuple[float, float]] = {k: (xs[k], ys[k]) for k in range(len(units))}
    unit_sizes: dict[Hashable, float] = {
        k: (group_labels[ref][1] if kind == "group" else sizes.get(ref, 10.0))
        for k, (kind, ref) in enumerate(units)}
    unit_labels: dict[Hashable, str] = {
        k: (group_labels[ref][0] if kind == "group" else labels.get(ref, ""))
        for k, (kind, ref) in enumerate(units)}
    boxes = spread_labels(boxes, unit_sizes, unit_labels)
    pos: dict[Hashable, tuple[int, int]] = {}
    for k, (kind, ref) in enumerate(units):
        ux, uy = boxes[k]
        if kind == "group":
            g = placed[ref]
            g.unit_x, g.unit_y = ux, uy
            for n in g.members:
                if n not in top:
                    dx, dy = g.offsets[n]
                    pos[n] = (round(ux + dx / 3), round(uy + dy / 3))
        else:
            pos[ref] = (round(ux), round(uy))
    for g in placed:  # a group whose every member is a top node has no super-node
        if not any(n not in top for n in g.members):
            g.unit_x, g.unit_y = g.x, g.y
    return pos


def _groups(H: nx.Graph, groups: list[list[Hashable]]) -> list[Group]:
    taken = {n for g in groups for n in g}
    out = [Group(list(g), True) for g in groups]
    out += [Group([n], False) for n in sorted(H.nodes, key=str) if n not in taken]
    return out


def _inner_layout(H: nx.Graph, g: Group, sizes: dict[Hashable, float],
                  labels: dict[Hashable, str]) -> None:
    if len(g.members) == 1:
        g.offsets = {g.members[0]: (0.0, 0.0)}
    else:
        sub = nx.Graph()
        sub.add_nodes_from(g.members)
        sub.add_edges_from((u, v) for u, v, d in H.subgraph(g.members).edges(data=True)
                           if d.get("sign", 0) > 0)
        inner = spring_layout(sub, spacing=SPACING)
        g.offsets = {n: (float(x), float(y)) for n, (x, y) in inner.items()}
    widest = max(label_box(labels.get(n, ""), sizes.get(n, 10.0))[0] for n in g.members)
    g.radius = max(math.hypot(x, y) for x, y in g.offsets.values()) + widest / 2 + _PAD


def _side_of_groups(H: nx.Graph, placed: list[Group]) -> list[int]:
    """+1 or -1 per group: the camp most of its members take in the two-camp split."""
    if H.number_of_nodes() > _EXACT_CAMPS:
        G2 = nx.Graph()
        index = {n: i for i, g in enumerate(placed) for n in g.members}
        for u, v, d in H.edges(data=True):
            i, j = index[u], index[v]
            if i != j:
                old = G2.get_edge_data(i, j, {"sign": 0})["sign"]
                G2.add_edge(i, j, sign=old + d.get("sign", 0))
        sides = frustration(G2, exact_max_nodes=12).sides
        return [sides.get(i, 1) for i in range(len(placed))]
    sides = frustration(H, exact_max_nodes=16).sides
    return [1 if sum(sides.get(n, 0) for n in g.members) >= 0 else -1 for g in placed]


def _weights(H: nx.Graph, index: dict[Hashable, int]) -> dict[tuple[int, int], list[int]]:
    """Positive, negative and neutral tie counts between units (``index``: node -> unit)."""
    weights: dict[tuple[int, int], list[int]] = {}
    for u, v, d in H.edges(data=True):
        i, j = sorted((index[u], index[v]))
        if i != j:
            w = weights.setdefault((i, j), [0, 0, 0])
            sign = d.get("sign", 0)
            w[0 if sign > 0 else 1 if sign < 0 else 2] += 1
    return weights


def _place(H: nx.Graph, placed: list[Group]) -> None:
    """Signed force-directed placement of the group discs (deterministic)."""
    k = len(placed)
    if k == 0:
        return
    index = {n: i for i, g in enumerate(placed) for n in g.members}
    sides = _side_of_groups(H, placed)
    radii = [g.radius for g in placed]
    scale = max(SPACING, math.sqrt(sum(r * r for r in radii)))
    xs, ys = [], []
    counters = {1: 0, -1: 0}
    for i in range(k):
        c = counters[sides[i]]
        counters[sides[i]] += 1
        angle = c * 2.399963  # golden angle: a deterministic spread on each side
        spread = scale * 0.35 * math.sqrt(c + 1) / math.sqrt(k)
        xs.append(sides[i] * scale * 0.6 + spread * math.cos(angle) * 3)
        ys.append(spread * math.sin(angle) * 3)
    _settle(xs, ys, radii, _weights(H, index), _ITERATIONS if k <= 100 else _ITERATIONS // 3,
            scale * 0.2)
    _separate_discs(xs, ys, radii)
    for g, x, y in zip(placed, xs, ys, strict=True):
        g.x, g.y = x, y


def _refine(H: nx.Graph, placed: list[Group], sizes: dict[Hashable, float],
            labels: dict[Hashable, str]) -> dict[Hashable, tuple[float, float]]:
    """Node-level signed forces from the group placement: a node with ties only to one
    bloc (a leader, a government) moves next to it; bloc members stay together."""
    nodes = [n for g in placed for n in g.members]
    index = {n: i for i, n in enumerate(nodes)}
    xs = [g.x + g.offsets[n][0] for g in placed for n in g.members]
    ys = [g.y + g.offsets[n][1] for g in placed for n in g.members]
    radii = [label_box(labels.get(n, ""), sizes.get(n, 10.0))[0] / 2 for n in nodes]
    cohesion = [[index[n] for n in g.members] for g in placed if g.bloc and len(g.members) > 1]
    _settle(xs, ys, radii, _weights(H, index), _ITERATIONS, SPACING, cohesion, margin=_PAD * 6)
    return {n: (xs[i], ys[i]) for i, n in enumerate(nodes)}


def _settle(xs: list[float], ys: list[float], radii: list[float],
            weights: dict[tuple[int, int], list[int]], iterations: int, step: float,
            cohesion: list[list[int]] | None = None, margin: float = 0.0) -> None:
    """Signed springs between units (friends rest near, foes far), short-range repulsion,
    gravity, and optionally a pull of each bloc's members towards its centre."""
    k = len(xs)
    margin = margin or _MARGIN
    for _ in range(iterations):
        dx, dy = [0.0] * k, [0.0] * k
        for i in range(k):  # short-range repulsion: units keep a margin between them
            for j in range(i + 1, k):
                ex, ey = xs[i] - xs[j], ys[i] - ys[j]
                d = math.hypot(ex, ey) or 0.01
                gap = d - radii[i] - radii[j]
                if gap < margin:
                    force = (margin - gap) * 0.5
                    dx[i] += ex / d * force
                    dy[i] += ey / d * force
                    dx[j] -= ex / d * force
                    dy[j] -= ey / d * force
        for (i, j), (pos_n, neg_n, neu_n) in weights.items():
            ex, ey = xs[i] - xs[j], ys[i] - ys[j]
            d = math.hypot(ex, ey) or 0.01
            friendly = min(pos_n + 0.5 * neu_n, 4.0)
            hostile = min(neg_n, 4.0)
            near = radii[i] + radii[j] + margin
            far = near + _HOSTILE_GAP
            f = 0.08 * (friendly * (d - near) + 0.5 * hostile * (d - far)) / (friendly + hostile)
            dx[i] -= ex / d * f
            dy[i] -= ey / d * f
            dx[j] += ex / d * f
            dy[j] += ey / d * f
        for members in cohesion or []:
            cx = sum(xs[i] for i in members) / len(members)
            cy = sum(ys[i] for i in members) / len(members)
            for i in members:
                dx[i] += (cx - xs[i]) * 0.05
                dy[i] += (cy - ys[i]) * 0.05
        for i in range(k):  # gravity keeps loose units near the rest
            dx[i] -= xs[i] * 0.02
            dy[i] -= ys[i] * 0.02
            length = math.hypot(dx[i], dy[i])
            if length > step:
                dx[i], dy[i] = dx[i] / length * step, dy[i] / length * step
            xs[i] += dx[i]
            ys[i] += dy[i]
        step = max(step * 0.97, 2.0)


def _separate_discs(xs: list[float], ys: list[float], radii: list[float]) -> None:
    """Push overlapping discs apart along the line between their centres."""
    k = len(xs)
    for _ in range(200):
        moved = False
        for i in range(k):
            for j in range(i + 1, k):
                ex, ey = xs[j] - xs[i], ys[j] - ys[i]
                d = math.hypot(ex, ey)
                need = radii[i] + radii[j] + _PAD
                if d < need:
                    if d < 1e-6:
                        ex, ey, d = 1.0, 0.0, 1.0
                    push = (need - d) / 2 + 0.5
                    xs[i] -= ex / d * push
                    ys[i] -= ey / d * push
                    xs[j] += ex / d * push
                    ys[j] += ey / d * push
                    moved = True
        if not moved:
            return


def label_box(label: str, size: float) -> tuple[float, float, float]:
    """Width, height and top offset (from the node centre) of a node with its label below.

    vis-network draws the label of a dot-like shape under the node; the box also
    covers the node itself.
    """
    width = max(len(label) * _CHAR_PX + 8.0, 2 * size)
    height = 2 * size + 4.0 + (_LINE_PX if label else 0.0)
    return width, height, -size


def spread_labels(pos: dict[Hashable, tuple[float, float]], sizes: dict[Hashable, float],
                  labels: dict[Hashable, str], rounds: int | None = None,
                  ) -> dict[Hashable, tuple[float, float]]:
    """Move nodes the least needed so that no two (node + label) boxes overlap
    (``rounds`` of pushes, default 2,000 up to 300 nodes, else 200)."""
    nodes = sorted(pos, key=str)
    rounds = rounds or (2000 if len(nodes) <= 300 else 200)
    if len(nodes) < 2:
        return dict(pos)
    xs = [float(pos[n][0]) for n in nodes]
    ys = [float(pos[n][1]) for n in nodes]
    boxes = [label_box(labels.get(n, ""), sizes.get(n, 10.0)) for n in nodes]
    cell = max(max(w for w, _, _ in boxes), max(h for _, h, _ in boxes)) + _PAD
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(len(nodes)):
            grid.setdefault((math.floor(xs[i] / cell), math.floor(ys[i] / cell)), []).append(i)
        moved = False
        for i in range(len(nodes)):
            cx, cy = math.floor(xs[i] / cell), math.floor(ys[i] / cell)
            for ox in (-1, 0, 1):
                for oy in (-1, 0, 1):
                    for j in grid.get((cx + ox, cy + oy), ()):
                        if j > i and _push_apart(i, j, xs, ys, boxes):
                            moved = True
        if not moved:
            break
    return {n: (xs[i], ys[i]) for i, n in enumerate(nodes)}


def _push_apart(i: int, j: int, xs: list[float], ys: list[float],
                boxes: list[tuple[float, float, float]]) -> bool:
    wi, hi, ti = boxes[i]
    wj, hj, tj = boxes[j]
    overlap_x = (wi + wj) / 2 + _PAD - abs(xs[i] - xs[j])
    top_i, top_j = ys[i] + ti, ys[j] + tj
    overlap_y = min(top_i + hi, top_j + hj) + _PAD - max(top_i, top_j)
    if overlap_x <= 0 or overlap_y <= 0:
        return False
    if overlap_x * 0.6 < overlap_y:  # horizontal moves are cheaper for wide labels
        push = overlap_x / 2 + 1.0
        direction = 1.0 if (xs[j], j) >= (xs[i], i) else -1.0
        xs[i] -= push * direction
        xs[j] += push * direction
    else:
        push = overlap_y / 2 + 1.0
        direction = 1.0 if (ys[j], j) >= (ys[i], i) else -1.0
        ys[i] -= push * direction
        ys[j] += push * direction
    return True
