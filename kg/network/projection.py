"""Project the RDF graph onto networks an analyst can look at: who does what to whom.

Which items become edges, and with which label, sign and colour, is read from
the ontology (``kg:edgeLabel``, ``kg:edgeSign``, ``kg:symmetric``, ``kg:color``
on classes; ``kg:edgeRole`` on event role properties). Views:

``actors``
    The signed actor network. A relation whose class has an edge label becomes
    an edge subject -> object; an event whose class has one becomes an edge from
    each actor in a ``source`` role (agent) to each actor in a ``target`` role
    (target, partner, beneficiary, thwarted).
``events``
    Actors and events by role (agent -> event -> target), plus the links a source
    states between events and relations (responds to, part of, causes, enables,
    established by).
``claims``
    Claims -> what they assert or are about -> the document and its publisher.
``all``
    The union of the three.

Every view is a :class:`networkx.MultiDiGraph` keyed by node IRI; parallel edges
keep one supporting item each. By default a view holds only what happened by the
factuality rule (docs/sources.md, "Factuality"): an event, relation or motive that
did not is left out, with every edge through it. ``include_nonfactual=True`` keeps
them, marked: nodes and edges carry ``factuality`` (the concept's label),
``happened`` and, on edges, ``edge_style`` (``kg:edgeStyle`` of the concept).
Attributes follow the renderer contract in ``docs/network.md``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.network.facts import Facts, Link, short_id
from kg.network.schema import SIGN_COLORS, EdgeSpec, local_name
from kg.network.source import Source, reader
from kg.network.timeline import item_times, timeline_events
from kg.network.vocab import (
    ASSERTS,
    CLAIM,
    EVENT,
    NEGATIVE,
    POLARITY,
    PUBLISHER,
    REL_OBJECT,
    RELATION,
    STATUS,
    SUBJECT,
)

__all__ = ["project", "project_facts", "VIEWS", "timeline_events", "legend"]

VIEWS = ("actors", "events", "claims", "all")


def project(source: Source, view: str = "actors", *,
            include_nonfactual: bool = False) -> nx.MultiDiGraph:
    """The ``view`` network of the store ``source`` (path, endpoint URL, kg.store or pyoxigraph).

    :raises UsageError: for an unknown view.
    :raises StoreError: if the store cannot be opened.
    """
    _check_view(view)
    with reader(source) as select:
        return project_facts(Facts(select), view, include_nonfactual=include_nonfactual)


def project_facts(facts: Facts, view: str = "actors", *,
                  include_nonfactual: bool = False) -> nx.MultiDiGraph:
    """The ``view`` network from already opened :class:`~kg.network.facts.Facts`."""
    _check_view(view)
    parts = {"actors": (_actor_edges,), "events": (_event_nodes, _role_edges, _event_links),
             "claims": (_claim_edges,)}
    steps = [s for v in VIEWS[:-1] for s in parts[v]] if view == "all" else parts[view]
    G = nx.MultiDiGraph(view=view, include_nonfactual=bool(include_nonfactual))
    for step in steps:
        step(G, facts)
    _add_provenance(G, facts)
    G.graph["legend"] = legend(G)
    return G


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")


# -- nodes and edges ----------------------------------------------------------------
def _admits(G: nx.MultiDiGraph, facts: Facts, *items: str) -> bool:
    """Whether the view may show ``items``: all happened, or the caller asked for the rest."""
    return G.graph.get("include_nonfactual", False) or all(map(facts.happened, items))


def _add_node(G: nx.MultiDiGraph, facts: Facts, item: str) -> None:
    if item in G or not _admits(G, facts, item):
        return
    schema = facts.schema
    t = facts.types.get(item, "")
    attrs: dict[str, Any] = {
        "short_id": short_id(item), "iri": item, "label": facts.label(item),
        "type": local_name(t) if t else "", "type_label": schema.label(t) if t else "",
        "category": local_name(schema.category(t)) if t else "",
        "color": schema.color(t), "shape": schema.shape(t),
    }
    for prop, concept in sorted(facts.concepts.get(item, {}).items()):
        attrs.setdefault(local_name(prop), schema.label(concept).lower())
    if item in facts.factuality:
        marking = facts.marking(item)
        attrs.update(factuality=marking["factuality"], happened=marking["happened"])
    G.add_node(item, **attrs)


def _add_edge(G: nx.MultiDiGraph, facts: Facts, u: str, v: str, key: str, *, item: str,
              label: str, sign: int, color: str, type_: str, type_label: str,
              directed: bool = True, role: str = "") -> None:
    if not _admits(G, facts, item, u, v):
        return
    _add_node(G, facts, u)
    _add_node(G, facts, v)
    status = facts.concepts.get(item, {}).get(STATUS)
    marking = facts.marking(item)
    G.add_edge(u, v, key=key, label=label, sign=sign, color=color, type=type_,
               type_label=type_label, relation=item, directed=directed, role=role,
               status=facts.schema.label(status).lower() if status else "",
               negated=facts.negated(item), factuality=marking["factuality"],
               happened=marking["happened"], edge_style=marking["edge_style"],
               **_assertion(facts, item))


def _assertion(facts: Facts, item: str) -> dict[str, str]:
    """``assertion`` (source's own, reported speaker, narrated) and ``speakers``: an edge that
    rests only on reported speakers is never shown as the document's own."""
    kind, speakers = facts.assertion(item)
    return {"assertion": kind, "speakers": "; ".join(speakers)}


def _add_provenance(G: nx.MultiDiGraph, facts: Facts) -> None:
    """Quote and source of every node and of every edge's item, fetched in one pass; each
    edge also gets every supporting quote (``quotes``, one per source and place) and the
    day its item begins (``date``, ISO, "" when the sources do not say)."""
    relations = {d["relation"] for _, _, d in G.edges(data=True)}
    facts.load_anchors(relations)  # every quote of each edge's item
    facts.load_first_anchors(set(G.nodes) - relations)  # a node shows its first quote
    times = item_times(facts) if G.number_of_edges() else {}
    for n, d in G.nodes(data=True):
        d.update(facts.provenance(n))
    for _, _, d in G.edges(data=True):
        d.update(facts.provenance(d["relation"]))
        d["quotes"] = facts.quotes(d["relation"])
        if d.get("assertion") == "reported speaker":  # the speaker's, as the document reports
            for said in [d, *d["quotes"]]:
                said["source"] = f"{d['speakers']}, as reported in {said['source']}"
        begin = (times.get(d["relation"]) or {}).get("begin")
        d["date"] = begin.isoformat() if begin else ""


def _spec_edge(G: nx.MultiDiGraph, facts: Facts, u: str, v: str, key: str, item: str,
               spec: EdgeSpec, role: str = "") -> None:
    _add_edge(G, facts, u, v, key, item=item, label=spec.label, sign=spec.sign, color=spec.color,
              type_=spec.type, type_label=spec.type_label, directed=not spec.symmetric, role=role)


def _parties(facts: Facts) -> dict[str, tuple[list[str], list[str]]]:
    """relation -> (subjects, objects)."""
    out: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for lk in facts.links:
        if lk.prop in (SUBJECT, REL_OBJECT):
            out[lk.subject][lk.prop == REL_OBJECT].append(lk.object)
    return out


def _roles(facts: Facts) -> dict[str, list[Link]]:
    """event -> its links through properties with a ``kg:edgeRole``."""
    out: dict[str, list[Link]] = defaultdict(list)
    for lk in facts.links:
        if facts.schema.role(lk.prop):
            out[lk.subject].append(lk)
    return out


def _actor_edges(G: nx.MultiDiGraph, facts: Facts) -> None:
    schema = facts.schema
    for rel, (subjects, objects) in sorted(_parties(facts).items()):
        spec = schema.edge(facts.types.get(rel, ""))
        if spec is None:
            continue
        for s in subjects:
            for o in objects:
                if s != o:
                    _spec_edge(G, facts, s, o, rel, rel, spec)
    for event, links in sorted(_roles(facts).items()):
        spec = schema.edge(facts.types.get(event, ""))
        if spec is None:
            continue
        sources = [lk.object for lk in links if schema.role(lk.prop) == "source"]
        targets = [lk for lk in links if schema.role(lk.prop) == "target"]
        for s in sources:
            for lk in targets:
                if s != lk.object:
                    role = local_name(lk.prop)
                    _spec_edge(G, facts, s, lk.object, f"{event}#{role}", event, spec, role)


def _event_nodes(G: nx.MultiDiGraph, facts: Facts) -> None:
    for event in facts.items_of(EVENT):
        _add_node(G, facts, event)


def _plain_edge(G: nx.MultiDiGraph, facts: Facts, lk: Link, u: str, v: str, *, item: str,
                sign: int | None = None) -> None:
    schema = facts.schema
    prop_sign = sign if sign is not None else schema.property_sign(lk.prop)
    _add_edge(G, facts, u, v, f"{lk.subject} {lk.prop} {lk.object}", item=item,
              label=schema.property_label(lk.prop), sign=prop_sign, color=SIGN_COLORS[prop_sign],
              type_=local_name(lk.prop), type_label=schema.label(lk.prop))


def _role_edges(G: nx.MultiDiGraph, facts: Facts) -> None:
    """Actor -> event for source roles, event -> actor for target roles."""
    for event, links in sorted(_roles(facts).items()):
        for lk in links:
            forward = facts.schema.role(lk.prop) != "source"
            u, v = (event, lk.object) if forward else (lk.object, event)
            _plain_edge(G, facts, lk, u, v, item=event)


def _event_links(G: nx.MultiDiGraph, facts: Facts) -> None:
    """Statements between events and relations; relations shown get their parties."""
    def kind(item: str) -> bool:
        return facts.is_a(item, EVENT) or facts.is_a(item, RELATION)

    for lk in facts.links:
        if lk.prop in (SUBJECT, REL_OBJECT) or not (kind(lk.subject) and kind(lk.object)):
            continue
        _plain_edge(G, facts, lk, lk.subject, lk.object, item=lk.subject)
        for rel in (lk.subject, lk.object):
            if facts.is_a(rel, RELATION):
                _relation_parties(G, facts, rel)


def _relation_parties(G: nx.MultiDiGraph, facts: Facts, rel: str) -> None:
    for lk in facts.links_from.get(rel, []):
        if lk.prop == SUBJECT:
            _plain_edge(G, facts, lk, lk.object, rel, item=rel)
        elif lk.prop == REL_OBJECT:
            _plain_edge(G, facts, lk, rel, lk.object, item=rel)


def _claim_edges(G: nx.MultiDiGraph, facts: Facts) -> None:
    """Claim -> each item it links to (asserts, about, condition, attribution, document)."""
    claims = set(facts.items_of(CLAIM))
    docs: set[str] = set()
    for claim in sorted(claims):
        _add_node(G, facts, claim)
        denies = facts.concepts.get(claim, {}).get(POLARITY) == NEGATIVE
        for lk in facts.links_from.get(claim, []):
            sign = -1 if denies and lk.prop == ASSERTS else None
            _plain_edge(G, facts, lk, claim, lk.object, item=claim, sign=sign)
            if lk.object in facts.documents:
                docs.add(lk.object)
    for doc in sorted(docs):
        for lk in facts.links_from.get(doc, []):
            if lk.prop == PUBLISHER:
                _plain_edge(G, facts, lk, doc, lk.object, item=doc)


# -- legend ---------------------------------------------------------------------
def legend(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One entry per node type and per edge type present: kind, type, label, colour, shape, sign.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", type="State", type_label="state", color="#1f77b4", shape="dot")
    >>> _ = G.add_edge("a", "a", type="Alignment", label="aligned with", color="#2ca02c", sign=1)
    >>> [(e["kind"], e["type"], e["sign"]) for e in legend(G)]
    [('node', 'State', None), ('edge', 'Alignment', 1)]
    """
    nodes = {(d["type"], d["type_label"], d["color"], d["shape"])
             for _, d in G.nodes(data=True)}
    edges = {(d["type"], d["label"], d["color"], d["sign"]) for _, _, d in G.edges(data=True)}
    out = [{"kind": "node", "type": t, "label": lab, "color": c, "shape": s, "sign": None}
           for t, lab, c, s in sorted(nodes)]
    out += [{"kind": "edge", "type": t, "label": lab, "color": c, "shape": None, "sign": sign}
            for t, lab, c, sign in sorted(edges)]
    return out
