"""The legend: which node and edge types a view shows, with colour, shape and sign.

The projection puts a legend generated from the ontology in ``G.graph["legend"]``;
we keep its order, drop nothing, count how many items of each type the view
has, and add entries (from the items' own attributes) for types it does not
mention. Without a given legend, it is derived entirely from the types present.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.viz.escape import safe_color, safe_shape, safe_sign, text_of

__all__ = ["build_legend", "edge_attr_dicts", "unique_rows"]

_NO_TYPE = ""


def edge_attr_dicts(G: nx.Graph) -> list[dict[str, Any]]:
    """The attribute dicts of every edge (all parallel edges of a multigraph)."""
    return [attrs for *_, attrs in G.edges(data=True)]


def build_legend(G: nx.Graph) -> list[dict[str, Any]]:
    """Legend entries ``{kind, type, label, color, shape, sign, count}`` for graph ``G``.

    >>> G = nx.Graph()
    >>> G.add_node("a", type="State", type_label="state", color="#1f77b4", shape="dot")
    >>> [(e["kind"], e["type"], e["count"]) for e in build_legend(G)]
    [('node', 'State', 1)]
    """
    node_attrs = [attrs for _, attrs in sorted(G.nodes(data=True), key=lambda na: str(na[0]))]
    present = {"node": _first_by_type(node_attrs), "edge": _first_by_type(edge_attr_dicts(G))}
    counts = {"node": _count(node_attrs), "edge": _count(edge_attr_dicts(G))}
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for given in G.graph.get("legend") or []:
        if isinstance(given, dict) and given.get("kind") in ("node", "edge"):
            entry = _entry(given["kind"], given, counts)
            if (entry["kind"], entry["type"]) not in seen:
                seen.add((entry["kind"], entry["type"]))
                entries.append(entry)
    for kind in ("node", "edge"):
        for type_, attrs in sorted(present[kind].items()):
            if (kind, type_) not in seen:
                derived = {"type": type_, "label": attrs.get("type_label") or type_ or "untyped",
                           "color": attrs.get("color"), "shape": attrs.get("shape"),
                           "sign": attrs.get("sign")}
                entries.append(_entry(kind, derived, counts))
    return entries


def _type_of(attrs: dict[str, Any]) -> str:
    return text_of(attrs.get("type"), 200) or _NO_TYPE


def _first_by_type(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    first: dict[str, dict[str, Any]] = {}
    for attrs in items:
        first.setdefault(_type_of(attrs), attrs)
    return first


def _count(items: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attrs in items:
        counts[_type_of(attrs)] = counts.get(_type_of(attrs), 0) + 1
    return counts


def _entry(kind: str, raw: dict[str, Any], counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    type_ = _type_of(raw)
    sign = raw.get("sign")
    return {
        "kind": kind,
        "type": type_,
        "label": text_of(raw.get("label") or raw.get("type_label") or type_ or "untyped", 200),
        "color": safe_color(raw.get("color")),
        "shape": safe_shape(raw.get("shape")),
        "sign": None if sign is None else safe_sign(sign),
        "count": counts[kind].get(type_, 0),
    }


def unique_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per kind, label and sign: types sharing a label ("blocks" for two tie types)
    become one row listing them all in ``types``, with their counts summed.

    >>> rows = unique_rows([{"kind": "edge", "type": "A", "label": "blocks", "sign": -1,
    ...                      "count": 2, "color": "#000000", "shape": "dot"},
    ...                     {"kind": "edge", "type": "B", "label": "blocks", "sign": -1,
    ...                      "count": 1, "color": "#111111", "shape": "dot"}])
    >>> [(r["label"], r["types"], r["count"]) for r in rows]
    [('blocks', ['A', 'B'], 3)]
    """
    rows: dict[tuple[str, str, Any], dict[str, Any]] = {}
    for entry in entries:
        key = (entry["kind"], entry["label"], entry.get("sign"))
        if key in rows:
            rows[key]["types"].append(entry["type"])
            rows[key]["count"] += entry["count"]
        else:
            rows[key] = {**entry, "types": [entry["type"]]}
    return list(rows.values())
