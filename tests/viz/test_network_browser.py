"""The network page of the seed corpus in the system Chromium: alignment, ties, time, labels."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network.projection import project
from kg.viz import write_network_html

pytestmark = pytest.mark.browser

BASE = "https://w3id.org/kg-toolkit/id/"
NK = BASE + "north-korea"


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return project(str(seed_build.out / "store"), view="actors")


@pytest.fixture
def seed_page(page, tmp_path, seed_graph):
    page.kg_open(write_network_html(seed_graph, tmp_path / "seed.html", title="seed"))
    page.evaluate("window.kgView.ready")
    return page


def _click_node(page, node_id):
    x, y = page.evaluate("""id => {
        const net = kgView.network, box = net.body.container.getBoundingClientRect();
        const p = net.canvasToDOM(net.getPosition(id));
        return [box.left + p.x, box.top + p.y];
    }""", node_id)
    page.mouse.click(x, y)


def test_a_node_click_lists_all_its_ties_with_their_quotes_in_a_panel_in_view(seed_page,
                                                                               seed_graph):
    _click_node(seed_page, NK)
    seed_page.wait_for_selector("#kg-panel:not([hidden])")
    rows = seed_page.eval_on_selector_all("#kg-details li.kg-tie",
                                          "els => els.map(e => e.innerText)")
    ties = [d for u, v, d in seed_graph.edges(data=True) if NK in (u, v)]
    assert len(rows) == len(ties), (len(rows), len(ties))
    text = seed_page.inner_text("#kg-details")
    for d in ties:  # every tie's supporting words and source are listed
        assert d["quote"] in text, d["quote"]
        assert "Source: " + d["source"] in text
    box = seed_page.eval_on_selector("#kg-panel", "e => e.getBoundingClientRect().toJSON()")
    view = seed_page.viewport_size
    assert box["top"] >= 0 and box["bottom"] <= view["height"] and box["right"] <= view["width"]
    assert box["height"] > 200, box
    seed_page.kg_log.assert_clean()


def test_legend_rows_are_unique(seed_page):
    rows = seed_page.eval_on_selector_all(
        "#kg-legend label", "els => els.map(e => e.querySelector('.kg-row-label').textContent)")
    assert len(rows) == len(set(rows)), sorted(rows)
    assert "blocks (\u2212)" in rows and "aligned with (+)" in rows


def test_no_two_labels_overlap_at_the_default_zoom(seed_page, seed_graph):
    boxes = seed_page.evaluate("kgView.labelBoxes()")
    assert len(boxes) == seed_graph.number_of_nodes()
    assert all(b["drawn"] for b in boxes), "labels too small to be drawn at the default zoom"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, (a, b)


def test_the_camps_are_drawn_apart(seed_page):
    pos = seed_page.evaluate("kgView.network.getPositions()")

    def dist(a, b):
        return ((pos[BASE + a]["x"] - pos[BASE + b]["x"]) ** 2
                + (pos[BASE + a]["y"] - pos[BASE + b]["y"]) ** 2) ** 0.5

    assert dist("russia", "north-korea") < dist("russia", "south-korea")
    assert dist("china", "north-korea") < dist("china", "south-korea")
    assert dist("united-states", "south-korea") < dist("united-states", "north-korea")


def test_the_time_filter_hides_later_ties(seed_page, seed_graph):
    dates = seed_page.evaluate("kgView.meta.dates")
    dated = sorted(d["date"] for *_, d in seed_graph.edges(data=True) if d["date"])
    assert dates == sorted(set(dated)) and len(dated) >= 2, dates
    everything = seed_page.evaluate("kgView.drawnTies()")
    assert everything == seed_graph.number_of_edges()
    seed_page.evaluate("kgView.setDate('2022-01-01')")  # before every dated tie of the seed
    assert dated[0] > "2022-01-01"
    assert seed_page.evaluate("kgView.drawnTies()") == everything - len(dated)
    seed_page.fill("#kg-time", "0")  # the slider's first stop: the first date
    seed_page.dispatch_event("#kg-time", "input")
    assert seed_page.text_content("#kg-time-label") == dates[0]
    shown = everything - sum(d > dates[0] for d in dated)
    assert seed_page.evaluate("kgView.drawnTies()") == shown
    seed_page.uncheck("#kg-undated")
    assert seed_page.evaluate("kgView.drawnTies()") == sum(d <= dates[0] for d in dated)
    seed_page.evaluate("kgView.setDate(null)")
    seed_page.check("#kg-undated")
    assert seed_page.evaluate("kgView.drawnTies()") == everything
    seed_page.kg_log.assert_clean()


def test_nonfactual_ties_are_drawn_dashed(page, tmp_path, seed_graph):
    G = seed_graph.copy()
    china = BASE + "china"
    for u, v, d in G.edges(data=True):
        if {u, v} == {NK, china}:
            d["happened"] = False
    nonfactual = sum(d.get("happened") is False for *_, d in G.edges(data=True))
    page.kg_open(write_network_html(G, tmp_path / "nf.html", ties=True))
    page.evaluate("window.kgView.ready")
    assert nonfactual >= 2
    assert page.evaluate("kgView.edges.get({filter: e => !!e.dashes}).length") == nonfactual
    page.uncheck("#kg-ties-mode")  # a pair whose every tie is nonfactual is dashed too
    assert page.evaluate("kgView.edges.get({filter: e => !!e.dashes}).map(e => [e.from, e.to])"
                         ) in ([[china, NK]], [[NK, china]])
    _click_node(page, china)
    assert "not factual" in page.inner_text("#kg-details")
    page.kg_log.assert_clean()


def test_a_large_graph_starts_collapsed_and_expands_on_click(page, tmp_path):
    G = nx.barabasi_albert_graph(1000, 2, seed=3)
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v].update(sign=1 if i % 3 else -1, label="tie")
    nx.set_node_attributes(G, {n: f"Actor {n}" for n in G}, "label")
    page.kg_open(write_network_html(G, tmp_path / "big.html"))
    page.evaluate("window.kgView.ready")
    drawn = page.evaluate("kgView.nodes.length")
    groups = page.evaluate("kgView.nodes.get({filter: n => n.id.startsWith('group:')}).length")
    assert groups >= 1 and drawn == groups + 30, (drawn, groups)
    assert page.evaluate("kgView.drawnTies()") <= G.number_of_edges()
    first = page.evaluate("kgView.nodes.get({filter: n => n.id.startsWith('group:')})[0]")
    _click_node(page, first["id"])
    assert page.evaluate("kgView.nodes.length") == drawn - 1 + first["count"]
    page.evaluate("kgView.focusNode('999')")  # search and focus expand the node's group
    assert "999" in page.evaluate("kgView.nodes.getIds()")
    page.kg_log.assert_clean()


def test_a_static_page_opens_centred_on_the_node_named_after_focus_in_the_url(
        page, tmp_path, seed_graph):
    path = write_network_html(seed_graph, tmp_path / "seed.html", title="seed")
    page.goto(path.resolve().as_uri() + "#focus=north-korea")
    page.evaluate("window.kgView.ready")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [NK]
    assert page.text_content("#kg-details .kg-name") == "North Korea"
    ties = [d for u, v, d in seed_graph.edges(data=True) if NK in (u, v)]
    assert page.locator("#kg-details li.kg-tie").count() == len(ties)
    assert page.locator("#kg-details li.kg-tie .kg-quote").count() >= len(ties)
    assert page.locator("#kg-details a[href^='/']").count() == 0, "no kg serve links from file:"
    centre = page.evaluate("""id => {
        const net = kgView.network, p = net.canvasToDOM(net.getPosition(id));
        return [p.x / net.body.container.clientWidth, p.y / net.body.container.clientHeight];
    }""", NK)
    assert all(abs(c - 0.5) < 0.05 for c in centre), centre
    page.evaluate("location.hash = 'focus=russia'")  # a new focus in the URL moves the view
    page.wait_for_function("id => kgView.network.getSelectedNodes()[0] === id", arg=BASE + "russia")
    assert page.text_content("#kg-details .kg-name") == "Russia"
    page.evaluate("location.hash = 'focus=atlantis'")
    page.wait_for_function("document.querySelector('#kg-details').textContent"
                           ".includes('not in this view')")
    assert page.evaluate("kgView.network.getSelectedNodes()") == []
    page.kg_log.assert_clean()
