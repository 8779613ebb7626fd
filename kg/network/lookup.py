"""Find a node from what a user types: its id, its IRI, its label or an alias."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx

from kg.errors import UsageError

__all__ = ["resolve"]


def resolve(G: nx.Graph, name: str,
            aliases: Mapping[Any, list[str]] | None = None) -> Hashable:
    """The node ``name`` designates: its key, ``short_id``, label or alias (any case).

    >>> G = nx.Graph(); G.add_node("kgd:nk", short_id="north-korea", label="North Korea")
    >>> resolve(G, "north-korea"), resolve(G, "north korea")
    ('kgd:nk', 'kgd:nk')

    :raises UsageError: if nothing or several nodes match; the message lists close matches.
    """
    if name in G:
        return name
    names: dict[str, set[Hashable]] = {}
    for n, d in G.nodes(data=True):
        for text in (d.get("short_id"), d.get("label"), *(aliases or {}).get(n, [])):
            if text:
                names.setdefault(str(text).casefold(), set()).add(n)
    hits = names.get(name.strip().casefold(), set())
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        listed = ", ".join(sorted(str(G.nodes[n].get("short_id", n)) for n in hits))
        raise UsageError(f"{name!r} names several nodes: {listed}; give an id")
    close = difflib.get_close_matches(name.casefold(), sorted(names), n=5, cutoff=0.5)
    ids = sorted({str(G.nodes[n].get("short_id", n)) for c in close for n in names[c]})
    hint = f" (did you mean: {', '.join(ids)}?)" if ids else ""
    raise UsageError(f"no actor {name!r} in the network{hint}")
