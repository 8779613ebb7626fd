"""The network projection, kg analyze and the timeline events keep only what happened.

On tests/fixtures/factuality: by default no node, edge, path step or timeline entry comes
from an item that did not happen by the rule; with ``include_nonfactual=True`` they are
there, marked with ``factuality``/``happened`` and the ontology's ``kg:edgeStyle``.
"""

from __future__ import annotations

import pytest
from conftest import STATUSES_VERDICTS

from kg.network import VIEWS, project, timeline_events
from kg.network.report import analyze, format_text

DOC = "https://w3id.org/kg-toolkit/id/doc/statuses/"
NONFACTUAL = {DOC + x for x, v in STATUSES_VERDICTS.items() if v != "happened"}


def _items(G) -> set[str]:
    return set(G.nodes) | {d["relation"] for *_, d in G.edges(data=True)}


@pytest.mark.parametrize("view", VIEWS)
def test_no_view_shows_what_did_not_happen_by_default(statuses_store, view):
    G = project(statuses_store, view)
    assert not _items(G) & NONFACTUAL, sorted(_items(G) & NONFACTUAL)
    assert all(d["happened"] for *_, d in G.edges(data=True)), view


@pytest.mark.parametrize("view", ["actors", "events", "all"])
def test_with_the_option_each_is_there_marked(statuses_store, view):
    G = project(statuses_store, view, include_nonfactual=True)
    edges = {(d["relation"], d["factuality"], d["edge_style"])
             for *_, d in G.edges(data=True) if d["relation"] in NONFACTUAL}
    found = {r.removeprefix(DOC): f for r, f, _ in edges}
    if view == "actors":  # the items that become actor edges (their class has an edge label)
        unasserted = "not asserted as fact"
        assert found == {"ev-threat": "denied", "r-oppose": "denied", "ev-threat-if": unasserted,
                         "ev-pledge": unasserted, "r-coord": unasserted}, found
    else:
        kinds = ("ev-",) if view == "events" else ("ev-", "r-")
        assert {x for x, v in STATUSES_VERDICTS.items()
                if v != "happened" and x.startswith(kinds)} <= set(found), found
    assert {style for *_, style in edges} == {"dashed"}, edges  # kg:edgeStyle of the verdicts
    assert all(not G.nodes[n]["happened"] for n in G if n in NONFACTUAL)


def test_kg_analyze_counts_only_ties_that_happened(statuses_store):
    default = analyze(statuses_store, between=("eastland", "westland"))
    every = analyze(statuses_store, between=("southland", "westland"), include_nonfactual=True)
    assert default["network"]["nonfactual_edges"] == 0
    assert every["network"]["nonfactual_edges"] == 5, every["network"]
    # Southland's only ties are denied or predicted: by default it is not in the network
    assert "southland" not in {r["id"] for r in default["centrality"]}
    # "Southland does not oppose Westland" (denied): a path only with the option, marked
    steps = [e for p in every["paths"]["paths"] for s in p["steps"] for e in s["edges"]]
    assert any(e["factuality"] == "denied" and e["relation"] == DOC + "r-oppose"
               for e in steps), steps
    assert not [e for p in default["paths"]["paths"] for s in p["steps"] for e in s["edges"]
                if e["relation"] in NONFACTUAL]
    text = format_text(every)
    assert "Including what did not happen by the factuality rule: 5 of the edges" in text, text
    assert "Including what did not happen" not in format_text(default)
    assert "[denied]" in text, text
    assert "[denied]" not in format_text(default)


def test_timeline_events_keep_only_what_happened(statuses_store):
    default = {e["id"].removeprefix(DOC): e["factuality"] for e in timeline_events(statuses_store)}
    assert default == {x: v for x, v in STATUSES_VERDICTS.items()
                       if x.startswith("ev-") and v == "happened"}, default
    every = {e["id"].removeprefix(DOC): (e["factuality"], e["bar_style"])
             for e in timeline_events(statuses_store, include_nonfactual=True)}
    assert every == {x: (v, "solid" if v == "happened" else "outline")
                     for x, v in STATUSES_VERDICTS.items() if x.startswith("ev-")}, every
