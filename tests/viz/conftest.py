"""Fixtures for the views: hostile graphs and events, and the system Chromium via Playwright.

Browser tests use ``pytest.mark.browser`` and the ``page`` fixture, which skips
with a reason when /usr/bin/chromium or Playwright is missing. Every request is
routed: ``file:`` ones go through, anything else is aborted and recorded, so a
test can assert that a page made no network request at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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


@dataclass
class PageLog:
    """What a page did: requests that were not file:, console errors, page errors, dialogs."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"non-file requests: {self.blocked}"
        assert self.errors == [], f"console errors / page errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened (script ran): {self.dialogs}"




@pytest.fixture
def page(browser):
    """A fresh page with every request routed and every error and dialog logged.

    ``page.kg_log`` is the :class:`PageLog`; ``page.kg_open(path)`` loads a local file.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    log = PageLog()

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    pg.kg_log = log
    pg.kg_open = lambda path: pg.goto(Path(path).resolve().as_uri())
    yield pg
    context.close()
