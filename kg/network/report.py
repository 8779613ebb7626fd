"""One analysis of the actor network, as a JSON-ready dict and as text for an analyst.

:func:`analyze` projects the ``actors`` view, keeps the actor nodes, collapses
parallel ties (:func:`~kg.network.signed.signed_graph`) and runs the topic
modules. Its keys are documented in ``docs/network.md``; :func:`format_text`
renders the same dict for reading.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, TypedDict

import networkx as nx

from kg.errors import printable
from kg.network.balance import frustration, triad_census, triads
from kg.network.blocs import blocs, opposition
from kg.network.centrality import centrality
from kg.network.facts import Facts, short_id
from kg.network.lookup import resolve
from kg.network.paths import paths_between
from kg.network.projection import project_facts
from kg.network.signed import actor_nodes, signed_graph
from kg.network.source import Source, reader

__all__ = ["analyze", "analyze_facts", "format_text", "Report"]

_SIGN = {1: "+", -1: "\u2212", 0: "0"}
_DASH, _EM = "\u2013", "\u2014"
_ARROWS = {"forward": "\u2192", "backward": "\u2190", "both": "\u2194"}


class Report(TypedDict):
    """What :func:`analyze` answers; the keys of each part are in docs/network.md."""

    network: dict[str, object]
    centrality: list[dict[str, object]]
    blocs: dict[str, object]
    balance: dict[str, object]
    paths: dict[str, object] | None


def analyze(source: Source, *, between: Sequence[str] | None = None,
            bloc_method: str = "components", limit: int = 5, max_hops: int = 4,
            include_nonfactual: bool = False) -> Report:
    """Centrality, blocs, balance and (if ``between`` = (A, B)) paths of the actor network.

    The network holds the ties that happened by the factuality rule (docs/sources.md);
    ``include_nonfactual=True`` adds the rest (each path edge says its ``factuality``).

    :raises UsageError: if A or B names no actor (the message lists close matches).
    """
    with reader(source) as select:
        return analyze_facts(Facts(select), between=between, bloc_method=bloc_method,
                             limit=limit, max_hops=max_hops,
                             include_nonfactual=include_nonfactual)


def analyze_facts(facts: Facts, *, between: Sequence[str] | None = None,
                  bloc_method: str = "components", limit: int = 5,
                  max_hops: int = 4, include_nonfactual: bool = False) -> Report:
    """:func:`analyze` on already opened :class:`~kg.network.facts.Facts`."""
    G = project_facts(facts, "actors", include_nonfactual=include_nonfactual)
    actors = actor_nodes(G)
    H = signed_graph(G, actors)
    A = G.subgraph(actors)
    report: Report = {"network": {**_network(A, H, facts), "include_nonfactual": include_nonfactual,
                          "nonfactual_edges": sum(not d.get("happened", True)
                                                  for _, _, d in A.edges(data=True))},
              "centrality": _centrality(H),
              "blocs": _blocs(H, bloc_method), "balance": _balance(H), "paths": None}
    if between:
        a, b = (resolve(A, name, facts.aliases) for name in between)
        report["paths"] = {"from": _ref(A, a), "to": _ref(A, b),
                           "paths": [_path(A, p) for p in paths_between(A, a, b, limit=limit,
                                                                        max_hops=max_hops)]}
    return report


def _ref(G: nx.Graph, n: Hashable) -> dict[str, str]:
    return {"id": G.nodes[n].get("short_id", str(n)), "label": G.nodes[n].get("label", str(n))}


def _network(A: nx.Graph, H: nx.Graph, facts: Facts) -> dict[str, Any]:
    signs = [d["sign"] for _, _, d in H.edges(data=True)]
    return {"actors": H.number_of_nodes(), "ties": H.number_of_edges(),
            "edges": A.number_of_edges(), "positive": sum(s > 0 for s in signs),
            "negative": sum(s < 0 for s in signs), "neutral": sum(s == 0 for s in signs),
            "documents": len(facts.documents),
            "sources": [{"id": short_id(d), "title": m.get("title", ""), "url": m.get("url", "")}
                        for d, m in sorted(facts.documents.items())]}


def _centrality(H: nx.Graph) -> list[dict[str, Any]]:
    rows = [{**_ref(H, n), **m} for n, m in centrality(H).items()]
    return sorted(rows, key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))


def _blocs(H: nx.Graph, method: str) -> dict[str, Any]:
    groups = blocs(H, method)
    inside = {n for g in groups for n in g}
    return {"method": method,
            "blocs": [{"members": [_ref(H, n) for n in g],
                       "positive_ties": sum(H.edges[u, v]["sign"] > 0
                                            for u, v in H.subgraph(g).edges)} for g in groups],
            "opposition": opposition(H, groups),
            "unaligned": [_ref(H, n) for n in H if n not in inside]}


def _balance(H: nx.Graph) -> dict[str, Any]:
    f = frustration(H)
    return {**triad_census(H),
            "unbalanced_triads": [{"nodes": [_ref(H, n) for n in t.nodes], "signs": list(t.signs)}
                                  for t in _ranked(H, [t for t in triads(H) if not t.balanced])],
            "frustration": f.index, "exact": f.exact, "method": f.method,
            "signed_ties": f.signed_ties,
            "factions": [[[_ref(H, n) for n in camp] for camp in pair] for pair in f.factions],
            "frustrated_ties": [{"source": _ref(H, u), "target": _ref(H, v), "sign": s}
                                for u, v, s in f.frustrated]}


def _ranked(H: nx.Graph, found: list[Any]) -> list[Any]:
    """Triads among the most connected actors first (sum of their ties), then by names."""
    def key(t: Any) -> tuple[int, list[str]]:
        return (-sum(H.degree(n) for n in t.nodes), [str(n) for n in t.nodes])

    return sorted(found, key=key)


def _path(G: nx.Graph, path: dict[str, Any]) -> dict[str, Any]:
    return {"nodes": [_ref(G, n) for n in path["nodes"]], "sign": path["sign"],
            "steps": [{**step, "from": _ref(G, step["from"]), "to": _ref(G, step["to"])}
                      for step in path["steps"]]}


# -- text -----------------------------------------------------------------------
def format_text(report: Report, *, top: int | None = 10, edges_per_step: int = 3) -> str:
    """The report for reading: one section per measure (all of it is in the JSON).

    ``top`` caps each list (central actors, unbalanced triads, frustrated ties; None: all).
    """
    lines = _text_network(report["network"]) + _text_centrality(report["centrality"], top)
    lines += _text_blocs(report["blocs"]) + _text_balance(report["balance"], top)
    if report["paths"] is not None:
        one_source = report["network"]["documents"] == 1
        lines += _text_paths(report["paths"], edges_per_step, show_source=not one_source)
    # Labels, quotes and titles come from annotations: no control or bidi character
    # reaches the terminal (they are shown as escapes).
    return "\n".join(printable(line) for line in lines) + "\n"


def _names(refs: list[dict[str, str]]) -> str:
    return ", ".join(r["label"] for r in refs) or "(none)"


def _text_network(n: dict[str, Any]) -> list[str]:
    docs = f"{n['documents']} document{'s' * (n['documents'] != 1)}"
    out = [f"Actor network ({docs}): {n['actors']} actors, {n['ties']} ties "
           f"({n['positive']} positive, {n['negative']} negative, {n['neutral']} unsigned) "
           f"from {n['edges']} edges"]
    if n.get("include_nonfactual"):
        out.append(f"Including what did not happen by the factuality rule: "
                   f"{n['nonfactual_edges']} of the edges")
    if len(n["sources"]) == 1:
        only = n["sources"][0]
        out.append(f"Source: {only['title'] or only['url'] or only['id']}")
    return out + [""]


def _more(shown: int, total: int, what: str) -> list[str]:
    return [f"  ... and {total - shown} more {what} (--all lists them)"] if total > shown else []


def _text_centrality(rows: list[dict[str, Any]], top: int | None) -> list[str]:
    out = ["Centrality (ties; betweenness and eigenvector normalized; eigenvector on the "
           "largest component)",
           f"  {'actor':<28} {'ties':>4} {'+':>3} {_SIGN[-1]:>3} {'betweenness':>11} "
           f"{'eigenvector':>11}"]
    shown = rows[:top]
    for r in shown:
        eigen = "-" if r["eigenvector"] is None else f"{r['eigenvector']:.3f}"
        out.append(f"  {r['label'][:28]:<28} {r['degree']:>4} {r['positive']:>3} "
                   f"{r['negative']:>3} {r['betweenness']:>11.3f} {eigen:>11}")
    return out + _more(len(shown), len(rows), "actors") + [""]


def _text_blocs(b: dict[str, Any]) -> list[str]:
    out = [f"Blocs (positively tied actors; {b['method']})"]
    for i, bloc in enumerate(b["blocs"], 1):
        ties = bloc["positive_ties"]
        out.append(f"  {i}. {_names(bloc['members'])}  ({ties} positive tie{'s' * (ties != 1)})")
    if not b["blocs"]:
        out.append("  (no positive ties)")
    for o in b["opposition"]:
        i, j = (k + 1 for k in o["blocs"])
        out.append(f"  between {i} and {j}: {o['negative']} negative, "
                   f"{o['positive']} positive ties")
    if b["unaligned"]:
        out.append(f"  unaligned: {_names(b['unaligned'])}")
    return out + [""]


def _text_balance(b: dict[str, Any], top: int | None = None) -> list[str]:
    out = ["Structural balance",
           f"  triads: {b['triads']} ({b['balanced']} balanced, {b['unbalanced']} unbalanced)"]
    triads = b["unbalanced_triads"]
    for t in triads[:top]:
        signs = " ".join(_SIGN[s] for s in t["signs"])
        names = f" {_DASH} ".join(r["label"] for r in t["nodes"])
        out.append(f"  unbalanced: {names} ({signs})")
    out += _more(len(triads[:top]), len(triads), "unbalanced triads")
    out.append(f"  frustration index: {b['frustration']} of {b['signed_ties']} signed ties "
               f"({b['method']})")
    for pair in b["factions"]:
        if pair[1]:
            out.append(f"  camps: {{{_names(pair[0])}}} vs {{{_names(pair[1])}}}")
        else:
            out.append(f"  one camp: {{{_names(pair[0])}}}")
    ties = b["frustrated_ties"]
    for t in ties[:top]:
        out.append(f"  frustrated tie: {t['source']['label']} {_DASH} {t['target']['label']} "
                   f"({_SIGN[t['sign']]})")
    out += _more(len(ties[:top]), len(ties), "frustrated ties")
    return out + [""]


def _text_paths(p: dict[str, Any], per_step: int, *, show_source: bool) -> list[str]:
    out = [f"Paths from {p['from']['label']} to {p['to']['label']}"]
    if not p["paths"]:
        out.append("  (none within the hop limit)")
    for i, path in enumerate(p["paths"], 1):
        chain = path["nodes"][0]["label"]
        for step in path["steps"]:
            chain += f" {_EM}[{_SIGN[step['sign']]}]{_EM} {step['to']['label']}"
        out.append(f"  {i}. {chain}   (path sign {_SIGN[path['sign']]})")
        for step in path["steps"]:
            for e in step["edges"][:per_step]:
                arrow = _ARROWS[e["direction"]]
                source = f" {_EM} {e['source']}" if show_source else ""
                marked = "" if e.get("happened", True) else f" [{e['factuality']}]"
                out.append(f"     {step['from']['label']} {arrow} {step['to']['label']}: "
                           f"{e['label']} ({_SIGN[e['sign']]}){marked} \u201c{e['quote']}\u201d"
                           f"{source}")
            if len(step["edges"]) > per_step:
                out.append(f"       ... {len(step['edges']) - per_step} more "
                           f"(--format json lists all)")
    return out + [""]
