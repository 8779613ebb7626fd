"""Interactive views: offline network pages, timelines and notebook embeds.

Interface contract with the projection (``kg.network.projection``), which
builds the graphs these functions draw:

Input graph
    A networkx ``Graph``, ``DiGraph`` or ``MultiDiGraph``. Node ids are opaque
    strings (IRIs).

Node attributes
    ``label`` (str, untrusted text from annotations), ``type`` (ontology class
    local name, e.g. ``"State"``), ``type_label`` (human label of the type),
    ``color`` (CSS hex from the ontology's ``kg:color``), ``shape`` (vis shape
    from ``kg:shape``), optional ``quote`` (supporting words), ``source``
    (source title or URL), ``title`` (extra plain text), optional ``x``, ``y``
    (pixel position; when present on a node it overrides the computed layout).
    Also read if present: ``source_url`` (linked from the details panel when it
    is http(s)), ``short_id`` (one more name ``focus`` accepts).

Edge attributes
    ``label``, ``sign`` (+1/-1/0), ``color``, ``quote``, ``source``, ``type``,
    ``type_label``. Also read if present: ``source_url``, ``directed`` (False:
    no arrowhead on this edge of a directed graph, for symmetric ties).

Rendering rules
    Nodes and edges are sorted by id; the layout is computed in Python
    (:mod:`kg.viz.layout`, seeded). Up to 200 nodes physics polishes it for at
    most 150 iterations; above, physics is off. Up to 150 edges their labels are
    drawn; above, on hover and for the selection. Above 2,000 edges arrowheads
    are left out (tooltips say "A -> B"). Parallel and reverse edges are bent
    apart. Colours must be hex and shapes vis' own, or defaults are used.

Graph attribute ``G.graph["legend"]``
    A list of dicts ``{kind: "node"|"edge", type, label, color, shape, sign}``
    generated from the ontology by the projection. If absent, the legend is
    derived from the types present; types the given legend omits are added.

Timeline events (``kg.network.projection.timeline_events``)
    Dicts ``{id, label, type, type_label, color, begin: date|None,
    end: date|None, precision: "day"|"month"|"season"|"year"|"interval"|
    "open interval"|"relative", time_label, quote, source}`` (and optionally
    ``source_url``). Dates may also be ISO strings ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD``; precision may be the ontology's name (``OpenInterval``).

Everything textual is untrusted (``<img src=x onerror=alert(1)>``,
``</script>``, backslashes, U+2028, bidi overrides, very long strings): pages
carry it only as escaped JSON and put it in the DOM with ``textContent``; SVG
escapes it as XML. Output is deterministic (same input, same bytes) and
written atomically.

Public API::

    write_network_html(G, path, *, title=..., focus=None, depth=1, physics=None) -> Path
    render_network_html(G, *, ...) -> str
    write_timeline_html(events, path, *, title=...) -> Path
    write_timeline_svg(events, path, *, title=...) -> Path
    show(G_or_path, height=600) -> object with _repr_html_ (an isolated iframe)
    resolve_node(G, name) -> node id      # by IRI, label or last IRI segment
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "write_network_html",
    "render_network_html",
    "write_timeline_html",
    "write_timeline_svg",
    "show",
    "resolve_node",
]

_WHERE = {
    "write_network_html": "kg.viz.html",
    "render_network_html": "kg.viz.html",
    "write_timeline_html": "kg.viz.timeline",
    "write_timeline_svg": "kg.viz.timeline",
    "show": "kg.viz.notebook",
    "resolve_node": "kg.viz.focus",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``import kg.viz`` stays cheap for the CLI."""
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kg.viz' has no attribute '{name}'")
