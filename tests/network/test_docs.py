"""docs/network.md documents every key the analysis and the projection produce (drift check)."""

from __future__ import annotations

import re
from pathlib import Path

from kg.network import project, timeline_events
from kg.network.report import analyze

DOC = (Path(__file__).resolve().parents[2] / "docs" / "network.md").read_text(encoding="utf-8")
WORDS = set(re.findall(r"[A-Za-z_]+", DOC))


def keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_every_json_key_is_documented(fixture_store):
    report = analyze(fixture_store, between=("northland", "isleland"))
    missing = sorted(keys(report) - WORDS)
    assert not missing, missing


def test_every_node_edge_and_timeline_key_is_documented(fixture_store):
    G = project(fixture_store, "all")
    found = {k for _, d in G.nodes(data=True) for k in d}
    found |= {k for _, _, d in G.edges(data=True) for k in d}
    found |= {k for e in timeline_events(fixture_store) for k in e}
    found |= keys(G.graph["legend"])
    missing = sorted(found - WORDS)
    assert not missing, missing
