"""Write the network projections for Gephi and Cytoscape: GraphML, GEXF, Cytoscape.js JSON.

``export(store, out_path, view="actors", format=None)`` projects the store
(:func:`kg.network.project`) and writes it; the format defaults to the file
suffix (``.graphml``, ``.gexf``, ``.json``). Node ids are the IRIs.

- **graphml** (Gephi, Cytoscape desktop, yEd, igraph): every node and edge
  attribute of the projection, as string, integer, float or boolean.
- **gexf** (Gephi): the same, with node colours as ``viz:color``; the edge
  attribute ``type`` is written as ``kg_type`` because GEXF reserves ``type``
  for directed/undirected.
- **json**: Cytoscape.js elements JSON as networkx writes it
  (``{"data", "directed", "multigraph", "elements": {"nodes": [{"data"}],
  "edges": [{"data"}]}}``); Cytoscape desktop imports it, ``cytoscape.add()``
  takes ``elements``; the graph ``data`` keeps the view and its legend.

Attribute values that are None are left out (GraphML and GEXF cannot hold
them); characters XML 1.0 forbids are dropped from text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.atomic import open_atomic, write_text
from kg.errors import UsageError
from kg.network.source import Source

__all__ = ["export", "write_network", "FORMATS", "flatten"]

FORMATS = ("graphml", "gexf", "json")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


def export(store: Source, out_path: str | Path, *, view: str = "actors",
           format: str | None = None, include_nonfactual: bool = False) -> Path:
    """Project ``store`` onto ``view`` and write it to ``out_path`` in ``format``.

    Only what happened by the factuality rule, unless ``include_nonfactual`` (then
    nodes and edges carry ``factuality``, ``happened`` and ``edge_style``).

    :raises UsageError: for an unknown format or view.
    :raises StoreError: if the store cannot be opened.
    """
    from kg.network import project

    fmt = _format(out_path, format)
    return write_network(project(store, view, include_nonfactual=include_nonfactual), out_path,
                         format=fmt)


def write_network(G: nx.MultiDiGraph, out_path: str | Path, *, format: str) -> Path:
    """Write a projection atomically (a temporary file renamed into place)."""
    fmt = _format(out_path, format)
    out = Path(out_path)
    if fmt == "json":
        data = nx.cytoscape_data(flatten(G, fmt))
        data["data"] = dict(data["data"])  # networkx gives the graph attributes as pairs
        return write_text(out, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
                          + "\n", durable=False, within=out.parent)
    with open_atomic(out, "wb", durable=False, within=out.parent) as fh:
        if fmt == "graphml":
            nx.write_graphml(flatten(G, fmt), fh, encoding="utf-8")
        else:
            _write_gexf(flatten(G, fmt), fh)
    return out


def flatten(G: nx.MultiDiGraph, fmt: str) -> nx.MultiDiGraph:
    """A copy whose attribute values the format can hold (see the module docstring)."""
    H = nx.MultiDiGraph()
    H.graph.update(_graph_attrs(G, fmt))
    for n, d in G.nodes(data=True):
        attrs = _clean(d, fmt)
        if fmt == "gexf" and _HEX.match(str(d.get("color", ""))):
            rgb = str(d["color"])[1:]
            attrs["viz"] = {"color": {"r": int(rgb[0:2], 16), "g": int(rgb[2:4], 16),
                                      "b": int(rgb[4:6], 16), "a": 1.0}}
        if fmt == "json":
            attrs["name"] = _text(str(d.get("label", n)))
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = _clean(d, fmt)
        if fmt == "gexf" and "type" in attrs:
            attrs["kg_type"] = attrs.pop("type")
        H.add_edge(u, v, key=k, **attrs)
    return H


def _write_gexf(G: nx.MultiDiGraph, fh: IO[bytes]) -> None:
    """GEXF without the writing date, so the same graph gives the same bytes."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(G)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.write(fh)


def _graph_attrs(G: nx.Graph, fmt: str) -> dict[str, Any]:
    if fmt == "json":
        return dict(G.graph)
    return {k: _text(v) if isinstance(v, str) else v for k, v in G.graph.items()
            if isinstance(v, str | int | float) and not isinstance(v, bool)}


def _clean(data: dict[str, Any], fmt: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, str):
            out[key] = _text(value)
        elif isinstance(value, bool | int | float):
            out[key] = value
        elif fmt == "json":
            out[key] = value
        else:
            out[key] = _text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return out


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _format(out_path: str | Path, fmt: str | None) -> str:
    known = ", ".join(FORMATS)
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise UsageError(f"unknown network export format {fmt!r} (known: {known})")
        return fmt.lower()
    suffix = Path(out_path).suffix.lstrip(".").lower()
    if suffix not in FORMATS:
        raise UsageError(f"cannot tell the network format from the file name {out_path} "
                         f"(name it .graphml, .gexf or .json)")
    return suffix
