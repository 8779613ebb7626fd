"""Interactive network pages: a networkx graph -> one self-contained, offline HTML file.

pyvis' ``Network`` holds the vis items and options and renders them through
our own autoescaping template (``templates/network.html``) instead of its
own, which loads Bootstrap from a CDN and injects text unescaped. The page
inlines vis-network from the installed pyvis, carries all data as escaped JSON,
builds every text in the DOM with ``textContent`` and has a Content-Security-
Policy that allows only its own two scripts and no network access at all.
The layout is computed here (:mod:`kg.viz.layout`), so large graphs draw at once
with physics off; small ones keep a short, capped physics run for dragging.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_text
from kg.network.schema import SIGN_COLORS
from kg.network.signed import signed_graph
from kg.viz.alignment import Group, alignment_groups, alignment_layout, lod_layout
from kg.viz.assets import PAGE_PERMS, VIS_VERSION, BoundTemplate, static_text, template, vis_file
from kg.viz.escape import csp_hash, inline_code, safe_color, shorten, text_of
from kg.viz.focus import ego_subgraph, resolve_node
from kg.viz.items import LABEL_CHARS, TEXT_CHARS, node_ids, node_items
from kg.viz.legend import build_legend, unique_rows
from kg.viz.ties import doc_id, entity_id, tie_items

__all__ = ["write_network_html", "render_network_html", "vis_options"]

LOD_NODES = 300          # above this, blocs (and unaligned nodes by type) are drawn as
                         # super-nodes with the TOP_ACTORS most connected actors; click expands
TOP_ACTORS = 30
PHYSICS_MAX_NODES = 200  # with --physics, above this it stays off anyway
BIG_GRAPH_EDGES = 2000   # above this many ties, no arrowheads and edges hide while dragging


def write_network_html(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "Knowledge graph",
    focus: object | None = None,
    depth: int = 1,
    physics: bool | None = None,
    ties: bool = False,
) -> Path:
    """Write an interactive, offline view of ``G`` to ``path`` (atomically) and return it.

    ``focus`` (a node id, label or id's last segment) restricts the view to the
    nodes within ``depth`` steps of it and highlights it. The layout is by
    alignment (:mod:`kg.viz.alignment`) and final: ``physics`` True lets nodes move
    after drawing (graphs up to ``PHYSICS_MAX_NODES`` nodes). ``ties`` starts with
    one edge per tie instead of one per pair of nodes.

    :raises UsageError: ``focus`` names no node or several.
    :raises BuildError: the file cannot be written.
    """
    html = render_network_html(G, title=title, focus=focus, depth=depth, physics=physics,
                               ties=ties)
    return write_text(path, html, perms=PAGE_PERMS, within=Path(path).parent)


def render_network_html(
    G: nx.Graph,
    *,
    title: str = "Knowledge graph",
    focus: object | None = None,
    depth: int = 1,
    physics: bool | None = None,
    ties: bool = False,
) -> str:
    """The page :func:`write_network_html` writes, as a string (same graph, same bytes)."""
    center: Hashable | None = None
    if focus is not None:
        center = resolve_node(G, focus)
        G = ego_subgraph(G, center, depth)
    physics = bool(physics) and 0 < G.number_of_edges() and G.number_of_nodes() <= PHYSICS_MAX_NODES
    lod = G.number_of_nodes() > LOD_NODES
    H = signed_graph(G)
    labels = {n: shorten(text_of(G.nodes[n].get("label"), TEXT_CHARS) or str(n), LABEL_CHARS)
              for n in G}
    sizes = {n: node_size(H.degree(n)) for n in G}
    blocs = alignment_groups(H)
    if lod:  # super-nodes for the large blocs; the rest of the nodes grouped by type
        blocs = [b for b in blocs if len(b) >= max(5, G.number_of_nodes() // 100)]
    groups = blocs + (_by_type(G, blocs) if lod else [])
    positions, placed = alignment_layout(H, groups, sizes, labels)
    for i, g in enumerate(placed):
        g.bloc = i < len(blocs)
    ids = node_ids(G)
    top = set(_top_actors(H, TOP_ACTORS)) if lod else set()
    if lod:
        positions = lod_layout(H, placed, top, sizes, labels, _group_label_sizes(G, placed, top))
    nodes = node_items(G, positions, focus=center)
    index = {n: i for i, g in enumerate(placed) for n in g.members}
    for item, node in zip(nodes, sorted(G, key=lambda n: ids[n]), strict=True):
        item["size"] = sizes[node] + (10 if item.get("focus") else 0)
        item["group"] = index[node] if placed[index[node]].bloc or lod else -1
        if node in top:
            item["top"] = True
        if entity := entity_id(node):
            item["entity"] = entity
        elif document := doc_id(node):
            item["doc"] = document
    tie_list = tie_items(G)
    group_items = _group_items(G, placed, ids, top) if lod else []
    options = vis_options(directed=G.is_directed(), physics=physics,
                          big=len(tie_list) > BIG_GRAPH_EDGES)
    if lod:  # the overview is seen from afar: keep its labels drawn down to 5 px
        options["nodes"]["scaling"]["label"]["drawThreshold"] = 5
    dates = sorted({t["date"] for t in tie_list if t["date"]})
    meta = {"title": str(title), "directed": G.is_directed(), "physics": physics,
            "focus": None if center is None else str(center), "lod": lod,
            "mode": "ties" if ties else "pairs", "dates": dates,
            "depth": None if center is None else depth, "visVersion": VIS_VERSION,
            "signColors": {"+": SIGN_COLORS[1], "-": SIGN_COLORS[-1], "0": SIGN_COLORS[0]}}
    page = template("network.html", **_page_parts(),
                    data={"meta": meta, "legend": unique_rows(build_legend(G)),
                          "options": options, "groups": group_items})
    return _generate(page, nodes, tie_list, options, title=str(title), directed=G.is_directed())


def node_size(degree: int) -> float:
    """Node radius in px from the number of counterparts."""
    return round(8 + min(16.0, 2 * math.sqrt(degree)), 1)


def _by_type(G: nx.Graph, blocs: list[list[Hashable]]) -> list[list[Hashable]]:
    """The nodes in no bloc, one group per type (for the level-of-detail view)."""
    taken = {n for g in blocs for n in g}
    by_type: dict[str, list[Hashable]] = {}
    for n in sorted(G, key=str):
        if n not in taken:
            by_type.setdefault(str(G.nodes[n].get("type") or ""), []).append(n)
    return [members for _, members in sorted(by_type.items())]


def _group_label_sizes(G: nx.Graph, placed: list[Group], top: set[Hashable],
                       ) -> list[tuple[str, float]]:
    """The label and radius each group's super-node will have (for the unit layout)."""
    out = []
    for i, g in enumerate(placed):
        rest = sum(n not in top for n in g.members)
        out.append((_group_label(G, i, g, rest)[0], _group_size(rest)))
    return out


def _group_label(G: nx.Graph, i: int, g: Group, rest: int) -> tuple[str, dict[str, Any]]:
    """A super-node's label (``bloc 3 (246)``; ``organization (321)`` for the nodes of one
    type in no large bloc) and the attributes of a member of its most common type."""
    types: dict[str, int] = {}
    for n in g.members:
        t = str(G.nodes[n].get("type") or "")
        types[t] = types.get(t, 0) + 1
    main = min(types, key=lambda t: (-types[t], t))
    example = next(n for n in g.members if str(G.nodes[n].get("type") or "") == main)
    attrs = G.nodes[example]
    kind = f"bloc {i + 1}" if g.bloc else (text_of(attrs.get("type_label"), 40) or "untyped")
    return shorten(f"{kind} ({rest})", LABEL_CHARS), attrs


def _group_size(count: int) -> float:
    return round(14 + min(40.0, 3 * math.sqrt(count)), 1)


def _top_actors(H: nx.Graph, k: int) -> list[Hashable]:
    """The ``k`` nodes with the most counterparts (ties broken by id)."""
    return sorted(H, key=lambda n: (-H.degree(n), str(n)))[:k]


def _group_items(G: nx.Graph, placed: list[Group], ids: dict[Hashable, str],
                 top: set[Hashable]) -> list[dict[str, Any]]:
    """Super-nodes of the level-of-detail view: one per group, at the group's centre."""
    items = []
    for i, g in enumerate(placed):
        rest = [n for n in g.members if n not in top]
        if not rest:
            continue
        label, attrs = _group_label(G, i, g, len(rest))
        kind = (f"bloc {i + 1}" if g.bloc else "in no large bloc: "
                + (text_of(attrs.get("type_label"), 100) or "untyped"))
        names = ", ".join(text_of(G.nodes[n].get("label"), 40) or ids[n] for n in g.members[:2])
        items.append({
            "id": f"group:{i}", "index": i, "x": round(g.unit_x), "y": round(g.unit_y),
            "label": label,
            "fullLabel": f"{kind}: {len(g.members)} nodes ({names}...)",
            "color": safe_color(attrs.get("color"), "#4c78a8"), "shape": "hexagon",
            "size": _group_size(len(rest)),
            "count": len(rest), "bloc": g.bloc,
        })
    return items


def _generate(page: BoundTemplate, nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
              options: dict[str, Any], *, title: str, directed: bool) -> str:
    """Render through pyvis' ``Network.generate_html`` with our template.

    pyvis imports IPython at its top; where that is missing the same template is
    rendered directly, with the same variables, so the bytes do not change.
    """
    from kg.viz.escape import html_text

    title = html_text(title)  # --title: no control character, bidi controls isolated
    try:
        from pyvis.network import Network
    except ImportError:
        return str(page.render(nodes=nodes, edges=edges, heading=title))
    net = Network(height="100%", width="100%", directed=directed, heading=title,
                  cdn_resources="in_line")
    # pyvis' add_edge scans every edge (quadratic), so fill its lists directly.
    net.nodes, net.edges = nodes, edges
    net.node_ids = [item["id"] for item in nodes]
    net.node_map = {item["id"]: item for item in nodes}
    net.options = options
    net.template = page
    return str(net.generate_html(notebook=True))


def vis_options(*, directed: bool, physics: bool, big: bool) -> dict[str, Any]:
    """vis-network options: straight edges, readable labels, capped physics; for ``big``
    graphs no arrowheads (finding where each meets its node costs a quarter of a redraw)."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif",
                                              "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 7}}},
        "edges": {"smooth": False, "width": 1.2, "selectionWidth": 2, "hoverWidth": 1,
                  "arrows": {"to": {"enabled": directed and not big, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "top", "face": "system-ui, sans-serif",
                           "color": "#333333", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": False},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    # Strong damping: the layout is precomputed, physics only polishes it
                    # and makes dragging feel alive; it settles in about a second.
                    # Long springs and strong repulsion leave room for edge labels.
                    "barnesHut": {"gravitationalConstant": -5000, "centralGravity": 0.05,
                                  "springLength": 200, "springConstant": 0.03, "damping": 0.5,
                                  "avoidOverlap": 0.5},
                    "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 25,
                                      "fit": True},
                    "minVelocity": 3.0, "maxVelocity": 30},
    }


def _page_parts() -> dict[str, Any]:
    """Inlined vis-network and our script and style, with a CSP naming the scripts."""
    vis_js = inline_code(vis_file("vis-network.min.js"))
    page_js = inline_code(static_text("network.js"))
    csp = ("default-src 'none'; "
           f"script-src {csp_hash(vis_js)} {csp_hash(page_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    return {"vis_js": vis_js, "page_js": page_js, "csp": csp,
            "vis_css": inline_code(vis_file("vis-network.css"), "style"),
            "page_css": inline_code(static_text("network.css"), "style")}
