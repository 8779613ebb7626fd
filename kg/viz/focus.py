"""Focus views: find a node by what a user types, and cut out its neighbourhood.

Users name a node by its IRI, its label or the last segment of its IRI
(``north-korea`` for ``https://w3id.org/kg-toolkit/id/north-korea``). An unknown
name is an error that lists the closest matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable

import networkx as nx

from kg.errors import UsageError

__all__ = ["resolve_node", "ego_subgraph", "last_segment"]


def last_segment(node_id: object) -> str:
    """``north-korea`` for ``https://w3id.org/kg-toolkit/id/north-korea`` (also after ``#``)."""
    text = str(node_id).rstrip("/")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def resolve_node(G: nx.Graph, name: object) -> Hashable:
    """The node of ``G`` that ``name`` means: an id, a label or an id's last segment.

    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/kg-toolkit/id/north-korea", label="North Korea")
    >>> resolve_node(G, "north-korea") == resolve_node(G, "north korea")
    True

    :raises UsageError: no node, or more than one, answers to ``name``.
    """
    if name in G:
        return name  # type: ignore[return-value]
    wanted = str(name)
    by_id = {str(n): n for n in G}
    if wanted in by_id:
        return by_id[wanted]
    for key in (_label_key, _short_id_key, _segment_key):
        found = sorted((n for n in G if key(G, n) == wanted.casefold()), key=str)
        if len(found) == 1:
            return found[0]
        if found:
            shown = ", ".join(str(n) for n in found[:5])
            raise UsageError(f"'{wanted}' names {len(found)} nodes ({shown}); give the full IRI")
    raise UsageError(f"no node '{wanted}' in this view{_suggest(G, wanted)}")


def ego_subgraph(G: nx.Graph, center: Hashable, depth: int) -> nx.Graph:
    """The nodes within ``depth`` steps of ``center`` (edges read both ways), with all
    edges among them and the graph's attributes (its legend)."""
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}")
    sub = nx.ego_graph(G, center, radius=depth, undirected=True)
    sub.graph.update(G.graph)
    return sub


def _label_key(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("label") or "").casefold()


def _short_id_key(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("short_id") or "").casefold()


def _segment_key(G: nx.Graph, node: Hashable) -> str:
    return last_segment(node).casefold()


def _suggest(G: nx.Graph, wanted: str) -> str:
    names = sorted({last_segment(n) for n in G} | {str(G.nodes[n].get("label") or "") for n in G})
    close = difflib.get_close_matches(wanted, [n for n in names if n], n=5, cutoff=0.5)
    return f" (did you mean: {', '.join(close)}?)" if close else ""
