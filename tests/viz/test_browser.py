"""The pages in the system Chromium: offline, no errors, hostile text inert, counts exact."""

from __future__ import annotations

import networkx as nx
import pytest
from kgtest import HANG_S

from kg.viz import show, write_network_html
from kg.viz.timeline import write_timeline_html

pytestmark = pytest.mark.browser

COUNTS = "[kgView.nodes.length, kgView.ties.length]"
# Ties drawn: each drawn edge stands for one tie or for every tie of a pair.
DRAWN_TIES = "kgView.drawnTies()"
INERT = ("[window.__pwned === undefined, "
         "document.querySelectorAll('img, iframe, object, embed, a[href^=javascript]').length]")


def _open(page, path):
    page.kg_open(path)
    page.evaluate("window.kgView.ready")


def _screen_point(page, node_id):
    """Where a node is drawn, in page coordinates."""
    return page.evaluate("""id => {
        const net = kgView.network, box = net.body.container.getBoundingClientRect();
        const p = net.canvasToDOM(net.getPosition(id));
        return [box.left + p.x, box.top + p.y];
    }""", node_id)


def test_counts_match_the_graph_and_the_page_is_offline_and_clean(page, tmp_path, hostile_graph):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html"))
    counts = page.evaluate(COUNTS)
    assert counts == [hostile_graph.number_of_nodes(), hostile_graph.number_of_edges()], counts
    pairs = {frozenset((u, v)) for u, v in hostile_graph.edges()}
    assert page.evaluate("kgView.edges.length") == len(pairs), "one edge per pair of nodes"
    assert page.evaluate(DRAWN_TIES) == hostile_graph.number_of_edges()
    assert page.evaluate(INERT) == [True, 0]
    page.kg_log.assert_clean()


def test_hostile_labels_are_literal_text_in_search_legend_and_tooltips(page, tmp_path,
                                                                       hostile_graph, hostile):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html", title=hostile.SCRIPT))
    page.fill("#kg-search", "<img")
    results = page.eval_on_selector_all("#kg-results li", "els => els.map(e => e.textContent)")
    assert any(hostile.IMG in r for r in results), results
    page.fill("#kg-search", "</script")
    results = page.eval_on_selector_all("#kg-results li", "els => els.map(e => e.textContent)")
    assert any(hostile.SCRIPT in r for r in results), results
    assert hostile.IMG in page.text_content("#kg-legend")
    assert page.text_content("#kg-title") == hostile.SCRIPT
    assert page.evaluate("kgView.showTooltip('node', %r)" % (hostile.BASE + "script"))
    tip = page.text_content("#kg-tip")
    assert hostile.SCRIPT in tip and 'back\\slash "quote"' in tip, tip
    assert page.evaluate(INERT) == [True, 0]
    page.kg_log.assert_clean()


def test_hovering_a_node_shows_its_tooltip_and_clicking_its_details(page, tmp_path,
                                                                    hostile_graph, hostile):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html", physics=False))
    x, y = _screen_point(page, hostile.BASE + "img")
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tip:not([hidden])")
    assert hostile.IMG in page.text_content("#kg-tip")
    page.mouse.click(x, y)
    details = page.text_content("#kg-details")
    assert hostile.IMG in details and "Source: " + hostile.SCRIPT in details, details
    assert page.evaluate(INERT) == [True, 0]
    page.kg_log.assert_clean()


def test_search_focuses_a_node(page, tmp_path, hostile_graph, hostile):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html"))
    page.fill("#kg-search", "north")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [hostile.BASE + "north-korea"]
    assert "North Korea" in page.text_content("#kg-details")


def test_type_filters_hide_nodes_edges_and_their_ties(page, tmp_path, hostile_graph):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html"))
    page.uncheck("input[data-kind=edge][data-types=Rivalry]")
    assert [page.evaluate("kgView.nodes.length"), page.evaluate(DRAWN_TIES)] == [8, 4]
    page.uncheck("input[data-kind=node][data-types=Person]")
    # Person nodes "comment" and "rtl": their two ties (one already hidden) go too.
    assert [page.evaluate("kgView.nodes.length"), page.evaluate(DRAWN_TIES)] == [6, 3]
    assert "showing 6 of 8 nodes" in page.text_content("#kg-counts")
    page.check("input[data-kind=edge][data-types=Rivalry]")
    page.check("input[data-kind=node][data-types=Person]")
    assert [page.evaluate("kgView.nodes.length"), page.evaluate(DRAWN_TIES)] == [8, 8]


def test_focus_view_shows_only_the_ego_graph(page, tmp_path, hostile_graph, hostile):
    path = write_network_html(hostile_graph, tmp_path / "f.html", focus="north-korea", depth=1)
    _open(page, path)
    want = nx.ego_graph(hostile_graph, hostile.BASE + "north-korea", radius=1, undirected=True)
    assert page.evaluate(COUNTS) == [want.number_of_nodes(), want.number_of_edges()]
    assert page.evaluate("kgView.nodes.getIds().sort()") == sorted(want)
    assert page.evaluate("kgView.network.getSelectedNodes()") == [hostile.BASE + "north-korea"]
    assert "depth 1" in page.text_content("#kg-counts")
    page.kg_log.assert_clean()


def test_single_ties_mode_draws_one_edge_per_tie_bent_apart(page, tmp_path, hostile_graph,
                                                             hostile):
    _open(page, write_network_html(hostile_graph, tmp_path / "g.html", ties=True))
    assert page.evaluate("kgView.edges.length") == hostile_graph.number_of_edges()
    pair = [hostile.BASE + "north-korea", hostile.BASE + "russia"]
    bent = page.evaluate("""pair => kgView.edges.get({filter: e =>
        pair.includes(e.from) && pair.includes(e.to)}).map(e => e.smooth)""", pair)
    assert len(bent) == 3 and all(b and b["enabled"] for b in bent), bent
    assert len({(b["type"], b["roundness"]) for b in bent}) >= 2, bent
    page.uncheck("#kg-ties-mode")
    pairs = {frozenset((u, v)) for u, v in hostile_graph.edges()}
    assert page.evaluate("kgView.edges.length") == len(pairs)
    page.kg_log.assert_clean()


def test_timeline_page_is_offline_escaped_and_interactive(page, tmp_path, events, hostile):
    page.kg_open(write_timeline_html(events, tmp_path / "t.html", title=hostile.SCRIPT))
    assert page.evaluate("[kgTimeline.rows, kgTimeline.undated]") == [7, 1]
    assert page.text_content("#tl-title") == hostile.SCRIPT
    assert "<img src=x onerror=alert(1)>" in page.text_content("#tl-labels")
    assert "Talks stalled" in page.text_content("#tl-undated")
    page.hover("#tl-labels .tl-event >> nth=0")
    page.wait_for_selector("#tl-tip:not([hidden])")
    assert page.text_content("#tl-tip").startswith("<img src=x onerror=alert(1)>")
    before = page.evaluate("kgTimeline.scale()")
    page.click("#tl-zoom-in")
    assert page.evaluate("kgTimeline.scale()") > before
    assert page.evaluate("document.querySelectorAll('#tl-chart rect, #tl-chart circle').length") > 7
    assert page.evaluate(INERT) == [True, 0]
    page.kg_log.assert_clean()


def test_notebook_iframe_runs_sandboxed(page, tmp_path, hostile_graph):
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><meta charset=utf-8><body>"
                    + show(hostile_graph, height=500)._repr_html_(), encoding="utf-8")
    page.kg_open(host)
    frame = page.frames[1]
    frame.evaluate("window.kgView.ready")
    assert frame.evaluate(COUNTS) == [8, 8]
    assert frame.evaluate(DRAWN_TIES) == 8
    reach = "(() => { try { return String(window.parent.document.title); } " \
            "catch (e) { return 'blocked'; } })()"
    assert frame.evaluate(reach) == "blocked", "the page can reach the notebook"
    assert page.evaluate("window.__pwned === undefined")
    page.kg_log.assert_clean()


def test_the_harness_notices_a_page_that_reaches_the_network(page, tmp_path):
    # Control: pyvis' own template loads Bootstrap from a CDN; the router must see it.
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node(1, label="a")
    net.write_html(str(tmp_path / "pyvis.html"))
    page.kg_open(tmp_path / "pyvis.html")
    assert any("bootstrap" in url for url in page.kg_log.blocked), page.kg_log.blocked


def test_timeline_png_through_the_system_chromium(browser, tmp_path, events):
    # The optional PNG: the SVG screenshotted by /usr/bin/chromium (skipped without it).
    from kg.viz.timeline import write_timeline_png

    path = write_timeline_png(events, tmp_path / "t.png", chromium="/usr/bin/chromium",
                              timeout=HANG_S)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png"]
