"""networkx graph -> vis-network node and edge items, sorted and sanitized.

Items carry vis fields (``id``, ``label``, ``x``, ``y``, ``color``, ``shape``,
``from``, ``to``, ``dashes``, ``smooth``) plus our own (``type``, ``typeLabel``,
``quote``, ``source``, ``text``, ``fullLabel``, ``sign``, ``edgeLabel``) which
vis ignores and the page's script reads for tooltips, search and filters. No
``title`` field: tooltips are built in the page with ``textContent``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.viz.escape import safe_color, safe_shape, safe_sign, shorten, text_of

__all__ = ["node_items", "edge_items", "node_ids"]

LABEL_CHARS = 48        # on the canvas; the full label is in the tooltip and search
TEXT_CHARS = 4000       # quotes, sources and notes beyond this are cut for display
_DEFAULT_NODE_COLOR = "#4c78a8"
_DEFAULT_EDGE_COLOR = "#9a9a9a"


def node_ids(G: nx.Graph) -> dict[Hashable, str]:
    """Each node's id as a string, refusing two nodes with the same string."""
    ids = {n: str(n) for n in G}
    if len(set(ids.values())) != len(ids):
        raise UsageError("two nodes of the graph have the same id as text; use string ids")
    return ids


def node_items(G: nx.Graph, positions: dict[Hashable, tuple[int, int]],
               focus: Hashable | None = None) -> list[dict[str, Any]]:
    """One vis node per graph node, sorted by id; the focus node drawn larger."""
    ids = node_ids(G)
    items = []
    for node in sorted(G, key=lambda n: ids[n]):
        attrs = G.nodes[node]
        full = text_of(attrs.get("label"), TEXT_CHARS) or ids[node]
        x, y = _position(attrs, positions[node])
        item: dict[str, Any] = {
            "id": ids[node], "label": shorten(full, LABEL_CHARS), "x": x, "y": y,
            "color": safe_color(attrs.get("color"), _DEFAULT_NODE_COLOR),
            "shape": safe_shape(attrs.get("shape")),
            "size": round(8 + min(16.0, 2 * math.sqrt(G.degree(node))), 1),
            "type": text_of(attrs.get("type"), 200),
            "typeLabel": text_of(attrs.get("type_label") or attrs.get("type"), 200),
        }
        _add_text(item, attrs, full, item["label"])
        if node == focus:
            marked = {"background": item["color"], "border": "#111111"}
            item.update(borderWidth=4, size=item["size"] + 10, focus=True, font={"size": 18},
                        color={**marked, "highlight": marked, "hover": marked})
        items.append(item)
    return items


def edge_items(G: nx.Graph, *, show_labels: bool) -> list[dict[str, Any]]:
    """One vis edge per graph edge (parallel ones bent apart), sorted, ids ``e0``, ``e1``..."""
    ids = node_ids(G)
    edges = _edges(G)
    rows = sorted(
        (ids[u], ids[v], str(key), text_of(attrs.get("label"), TEXT_CHARS), i)
        for i, (u, v, key, attrs) in enumerate(edges)
    )
    bends = _bends([(u, v) for u, v, *_ in rows])
    items = []
    for n, ((u, v, _, label, i), smooth) in enumerate(zip(rows, bends, strict=True)):
        attrs = edges[i][3]
        sign = safe_sign(attrs.get("sign"))
        item: dict[str, Any] = {
            "id": f"e{n}", "from": u, "to": v,
            # A string colour stays the same when the edge is selected or hovered.
            "color": safe_color(attrs.get("color"), _DEFAULT_EDGE_COLOR),
            # Adversarial ties dashed; what did not happen (kg:edgeStyle "dashed") finely dashed.
            "dashes": [2, 6] if attrs.get("edge_style") == "dashed" else sign < 0, "sign": sign,
            "type": text_of(attrs.get("type"), 200),
            "typeLabel": text_of(attrs.get("type_label") or attrs.get("type"), 200),
            "edgeLabel": shorten(label, LABEL_CHARS),
        }
        if show_labels and label:
            item["label"] = item["edgeLabel"]
        if attrs.get("happened") is False:
            item["factuality"] = text_of(attrs.get("factuality"), 200)
        if G.is_directed() and attrs.get("directed") is False:
            item["arrows"] = {"to": {"enabled": False}}  # a symmetric tie in a directed graph
        if smooth:
            item["smooth"] = smooth
        _add_text(item, attrs, label, item["edgeLabel"])
        items.append(item)
    return items


def _edges(G: nx.Graph) -> list[tuple[Hashable, Hashable, object, dict[str, Any]]]:
    if G.is_multigraph():
        return list(G.edges(keys=True, data=True))
    return [(u, v, "", attrs) for u, v, attrs in G.edges(data=True)]


def _bends(pairs: list[tuple[str, str]]) -> list[dict[str, Any] | None]:
    """Curves for edges sharing their two ends, alternating sides, so labels do not overlap."""
    groups: dict[tuple[str, str], int] = {}
    for u, v in pairs:
        groups[min(u, v), max(u, v)] = groups.get((min(u, v), max(u, v)), 0) + 1
    seen: dict[tuple[str, str], int] = {}
    bends: list[dict[str, Any] | None] = []
    for u, v in pairs:
        key = (min(u, v), max(u, v))
        if groups[key] < 2 or u == v:
            bends.append(None)
            continue
        k = seen[key] = seen.get(key, -1) + 1
        clockwise = (k % 2 == 0) == (u <= v)  # measured along the pair's sorted direction
        bends.append({"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                      "roundness": round(0.2 * (k // 2 + 1), 2)})
    return bends


def _position(attrs: dict[str, Any], computed: tuple[int, int]) -> tuple[float, float]:
    """The node's own finite ``x``/``y`` attributes if it has both, else the layout's."""
    try:
        x, y = float(attrs["x"]), float(attrs["y"])
    except (KeyError, TypeError, ValueError):
        return computed
    return (round(x, 1), round(y, 1)) if math.isfinite(x) and math.isfinite(y) else computed


def _add_text(item: dict[str, Any], attrs: dict[str, Any], full_label: str, shown: str) -> None:
    """Add the display texts that are present (empty ones are left out to keep pages small)."""
    texts = {"fullLabel": full_label if full_label != shown else "",
             "quote": text_of(attrs.get("quote"), TEXT_CHARS),
             "source": text_of(attrs.get("source"), TEXT_CHARS),
             "sourceUrl": text_of(attrs.get("source_url"), 2000),
             "text": text_of(attrs.get("title"), TEXT_CHARS)}
    item.update({k: v for k, v in texts.items() if v})
