"""The layout by alignment: blocs together, hostile camps apart, labels clear of each other."""

from __future__ import annotations

import math
import random

import networkx as nx

from kg.network.signed import signed_graph
from kg.viz.alignment import alignment_groups, alignment_layout, label_box, spread_labels


def _camps(n: int = 8, seed: int = 1) -> nx.Graph:
    """Two blocs of ``n`` nodes: dense positive ties inside, negative ties across."""
    rng = random.Random(seed)
    H = nx.Graph()
    camps = {"a": [f"a{i}" for i in range(n)], "b": [f"b{i}" for i in range(n)]}
    for members in camps.values():
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                if rng.random() < 0.5 or v == members[i + 1]:
                    H.add_edge(u, v, sign=1)
    for u in camps["a"]:
        for v in camps["b"]:
            if rng.random() < 0.3:
                H.add_edge(u, v, sign=-1)
    return H


def _mean(pairs, pos):
    pairs = list(pairs)
    return sum(math.dist(pos[u], pos[v]) for u, v in pairs) / len(pairs)


def test_blocs_are_drawn_together_and_hostile_camps_apart():
    H = _camps()
    groups = alignment_groups(H)
    assert sorted(len(g) for g in groups) == [8, 8]
    pos, placed = alignment_layout(H, groups)
    same = [(u, v) for g in groups for i, u in enumerate(g) for v in g[i + 1:]]
    across = [(u, v) for u in groups[0] for v in groups[1]]
    assert _mean(across, pos) > 2 * _mean(same, pos), (_mean(across, pos), _mean(same, pos))
    # A line separates the camps: every member of one is nearer its own centre.
    centres = [tuple(sum(pos[n][k] for n in g) / len(g) for k in (0, 1)) for g in groups]
    for i, g in enumerate(groups):
        assert all(math.dist(pos[n], centres[i]) < math.dist(pos[n], centres[1 - i]) for n in g)


def test_a_node_tied_only_to_one_bloc_sits_next_to_it():
    H = _camps()
    H.add_edge("leader-a", "a0", sign=0)  # an unsigned tie: "leads"
    pos, _ = alignment_layout(H, alignment_groups(H))
    assert math.dist(pos["leader-a"], pos["a0"]) < math.dist(pos["leader-a"], pos["b0"])


def test_same_graph_same_layout_whatever_the_insertion_order():
    H = _camps()
    K = nx.Graph()
    K.add_edges_from(reversed(list(H.edges(data=True))))
    assert alignment_layout(H, alignment_groups(H))[0] == alignment_layout(
        K, alignment_groups(K))[0]


def test_estimated_label_boxes_never_overlap_after_spreading():
    labels = {i: f"a long label number {i}" for i in range(60)}
    sizes = {i: 10.0 for i in labels}
    crowded = {i: (float(i % 3), float(i % 2)) for i in labels}  # all on top of each other
    pos = spread_labels(crowded, sizes, labels)
    boxes = []
    for i, (x, y) in pos.items():
        w, h, top = label_box(labels[i], sizes[i])
        boxes.append((x - w / 2, y + top, x + w / 2, y + top + h))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_a_giant_bloc_is_split_by_modularity():
    G = nx.MultiGraph()
    for k in range(4):  # four dense clusters joined into one positive component by bridges
        for i in range(10):
            for j in range(i + 1, 10):
                G.add_edge(f"{k}-{i}", f"{k}-{j}", sign=1)
        G.add_edge(f"{k}-0", f"{(k + 1) % 4}-0", sign=1)
    groups = alignment_groups(signed_graph(G))
    assert len(groups) == 4 and all(len(g) == 10 for g in groups), [len(g) for g in groups]
