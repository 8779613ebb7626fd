"""Fixtures for the views: hostile graphs and events, and the system Chromium via Playwright.

Browser tests use ``pytest.mark.browser`` and the ``page`` fixture, which skips
with a reason when /usr/bin/chromium or Playwright is missing. Every request is
routed: ``file:`` ones go through, anything else is aborted and recorded, so a
test can assert that a page made no network request at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import networkx as nx
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "viz"

# Hostile strings fed into every text field (tests get them from the ``hostile`` fixture).
BASE = "https://w3id.org/kg-toolkit/id/"
IMG = "<img src=x onerror=alert(1);window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
COMMENT = "<!--<script>window.__pwned=1</script>"
BACKSLASH = 'back\\slash "quote" \\u003c \u2028line\u2029para'
RTL = "\u202eevil RTL override"


@pytest.fixture
def hostile() -> SimpleNamespace:
    """The hostile strings and the IRI base, as attributes (``hostile.IMG``...)."""
    return SimpleNamespace(BASE=BASE, IMG=IMG, SCRIPT=SCRIPT, COMMENT=COMMENT,
                           BACKSLASH=BACKSLASH, RTL=RTL)


@pytest.fixture
def hostile_graph() -> nx.MultiDiGraph:
    """A small actor network whose every text field tries to break out of the page."""
    G = nx.MultiDiGraph()
    G.graph["legend"] = [
        {"kind": "node", "type": "State", "label": "state", "color": "#1f77b4", "shape": "dot"},
        {"kind": "edge", "type": "Alignment", "label": "aligned with", "color": "#2ca02c",
         "sign": 1},
        {"kind": "edge", "type": "Rivalry", "label": "rivals", "color": "#d73027", "sign": -1},
        {"kind": "node", "type": "Unused", "label": "not in this view", "color": "#000000",
         "shape": "star"},
    ]
    nodes = {
        "north-korea": ("North Korea", "State", "state", "#1f77b4", "dot"),
        "russia": ("Russia", "State", "state", "#1f77b4", "dot"),
        "china": ("China", "State", "state", "#1f77b4", "dot"),
        "img": (IMG, "Organization", IMG, "#7f7f7f", "square"),
        "script": (SCRIPT, "Organization", "organization", "javascript:alert(1)", "image"),
        "comment": (COMMENT, "Person", "person", "#9467bd", "dot"),
        "rtl": (RTL + " " + "x" * 5000, "Person", "person", "#9467bd", "dot"),
        "lonely": ("Lonely", "Place", "place", "#bcbd22", "triangle"),
    }
    for key, (label, type_, type_label, color, shape) in nodes.items():
        G.add_node(BASE + key, label=label, type=type_, type_label=type_label, color=color,
                   shape=shape, quote=BACKSLASH, source=SCRIPT, title=COMMENT)
    edges = [("north-korea", "russia", "aligned with", 1, "Alignment"),
             ("russia", "north-korea", "aligned with", 1, "Alignment"),
             ("north-korea", "russia", IMG, -1, "Rivalry"),
             ("north-korea", "china", "aligned with", 1, "Alignment"),
             ("img", "north-korea", SCRIPT, -1, "Rivalry"),
             ("script", "img", "rivals", -1, "Rivalry"),
             ("comment", "script", "rivals", -1, "Rivalry"),
             ("rtl", "comment", "aligned with", 1, "Alignment")]
    for u, v, label, sign, type_ in edges:
        G.add_edge(BASE + u, BASE + v, label=label, sign=sign, type=type_,
                   type_label=type_.lower(), color="#2ca02c" if sign > 0 else "#d73027",
                   quote=BACKSLASH, source="https://example.org/a?b=<c>")
    return G


@pytest.fixture
def events() -> list[dict[str, Any]]:
    """Timeline events of every precision, one undated, one hostile (tests/fixtures/viz)."""
    return json.loads((FIXTURES / "events.json").read_text(encoding="utf-8"))




