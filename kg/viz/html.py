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

import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_text
from kg.viz.assets import PAGE_PERMS, VIS_VERSION, BoundTemplate, static_text, template, vis_file
from kg.viz.escape import csp_hash, inline_code
from kg.viz.focus import ego_subgraph, resolve_node
from kg.viz.items import edge_items, node_items
from kg.viz.layout import spring_layout
from kg.viz.legend import build_legend

__all__ = ["write_network_html", "render_network_html", "vis_options"]

PHYSICS_MAX_NODES = 200      # above this, physics is off: the precomputed layout is final
EDGE_LABELS_MAX_EDGES = 150  # above this, edge labels show on hover and selection only
BIG_GRAPH_EDGES = 2000       # above this, no arrowheads (tooltips give the direction) and edges
                             # hide while dragging and zooming: each redraw stays fast


def write_network_html(
    G: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "Knowledge graph",
    focus: object | None = None,
    depth: int = 1,
    physics: bool | None = None,
) -> Path:
    """Write an interactive, offline view of ``G`` to ``path`` (atomically) and return it.

    ``focus`` (a node id, label or id's last segment) restricts the view to the
    nodes within ``depth`` steps of it and highlights it. ``physics`` ``None``
    means on for graphs up to ``PHYSICS_MAX_NODES`` nodes.

    :raises UsageError: ``focus`` names no node or several.
    :raises BuildError: the file cannot be written.
    """
    html = render_network_html(G, title=title, focus=focus, depth=depth, physics=physics)
    return write_text(path, html, perms=PAGE_PERMS)


def render_network_html(
    G: nx.Graph,
    *,
    title: str = "Knowledge graph",
    focus: object | None = None,
    depth: int = 1,
    physics: bool | None = None,
) -> str:
    """The page :func:`write_network_html` writes, as a string (same graph, same bytes)."""
    center: Hashable | None = None
    if focus is not None:
        center = resolve_node(G, focus)
        G = ego_subgraph(G, center, depth)
    if physics is None:
        physics = 0 < G.number_of_edges() and G.number_of_nodes() <= PHYSICS_MAX_NODES
    show_labels = G.number_of_edges() <= EDGE_LABELS_MAX_EDGES
    nodes = node_items(G, spring_layout(G), focus=center)
    edges = edge_items(G, show_labels=show_labels)
    options = vis_options(directed=G.is_directed(), physics=physics,
                          big=G.number_of_edges() > BIG_GRAPH_EDGES)
    meta = {"title": str(title), "directed": G.is_directed(), "physics": physics,
            "edgeLabels": "always" if show_labels else "hover",
            "focus": None if center is None else str(center),
            "depth": None if center is None else depth, "visVersion": VIS_VERSION}
    page = template("network.html", **_page_parts(),
                    data={"meta": meta, "legend": build_legend(G), "options": options})
    return _generate(page, nodes, edges, options, title=str(title), directed=G.is_directed())


def _generate(page: BoundTemplate, nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
              options: dict[str, Any], *, title: str, directed: bool) -> str:
    """Render through pyvis' ``Network.generate_html`` with our template.

    pyvis imports IPython at its top; where that is missing the same template is
    rendered directly, with the same variables, so the bytes do not change.
    """
    try:
        from pyvis.network import Network
    except ImportError:
        return page.render(nodes=nodes, edges=edges, heading=title)
    net = Network(height="100%", width="100%", directed=directed, heading=title,
                  cdn_resources="in_line")
    # pyvis' add_edge scans every edge (quadratic), so fill its lists directly.
    net.nodes, net.edges = nodes, edges
    net.node_ids = [item["id"] for item in nodes]
    net.node_map = {item["id"]: item for item in nodes}
    net.options = options
    net.template = page
    return net.generate_html(notebook=True)


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
