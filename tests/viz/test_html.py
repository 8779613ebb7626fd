"""Network pages without a browser: bytes, escaping, CSP, legend, focus, atomic writes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.viz import render_network_html, write_network_html
from kg.viz.escape import csp_hash
from kg.viz.legend import build_legend


class _Page(HTMLParser):
    """Scripts (type, text), tags and attributes of a page, as a browser would split them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs).get("type", "")
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag):
        self._in = None if tag == "script" else self._in

    def handle_data(self, data):
        if self._in is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def _data(html: str) -> dict:
    kind, text = _Page(html).scripts[0]
    assert kind == "application/json", kind
    return json.loads(text)


def test_two_writes_are_byte_identical(tmp_path, hostile_graph):
    a = write_network_html(hostile_graph, tmp_path / "a.html")
    b = write_network_html(hostile_graph.copy(), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()


def test_the_page_has_three_scripts_and_hostile_text_stays_inside_the_json(hostile_graph, hostile):
    html = render_network_html(hostile_graph, title=hostile.SCRIPT)
    page = _Page(html)
    assert [kind for kind, _ in page.scripts] == ["application/json", "", ""], page.scripts
    data = json.loads(page.scripts[0][1])
    labels = {n["id"]: n.get("fullLabel", n["label"]) for n in data["nodes"]}
    assert labels[hostile.BASE + "img"] == hostile.IMG, labels
    assert labels[hostile.BASE + "script"] == hostile.SCRIPT, labels
    json_block = page.scripts[0][1]
    assert "<" not in json_block and "\u2028" not in json_block, "unescaped text in the JSON"
    assert not any(t == "img" for t, _ in page.tags), "a hostile label became an element"
    assert "<title>&lt;/script&gt;" in html, "the title is not escaped"


def test_a_title_with_control_characters_is_shown_without_them(hostile_graph):
    """Regression: 'kg viz --title' put its ESC sequences raw into <title> and <h1>."""
    html = render_network_html(hostile_graph, title="Net\x1b[2J\x07\u202eX")
    assert "<title>\u2068Net[2J\u202eX\u2069</title>" in html, html[:400]
    assert "\x1b" not in html and "\x07" not in html


def test_the_page_loads_nothing_from_anywhere(hostile_graph):
    html = render_network_html(hostile_graph)
    for tag, attrs in _Page(html).tags:
        assert not {"src", "href"} & set(attrs), (tag, attrs)
    assert "bootstrap" not in html.lower(), "pyvis' Bootstrap CDN links are in the page"


def test_the_csp_allows_exactly_the_two_inline_scripts(hostile_graph):
    html = render_network_html(hostile_graph)
    page = _Page(html)
    csp = next(a["content"] for _, a in page.tags
               if a.get("http-equiv") == "Content-Security-Policy")
    hashes = re.findall(r"'sha256-[^']+'", csp)
    assert hashes == [csp_hash(text) for kind, text in page.scripts if kind == ""], csp
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp, csp


def test_counts_colours_and_shapes_are_sanitized(hostile_graph, hostile):
    data = _data(render_network_html(hostile_graph))
    assert len(data["nodes"]) == hostile_graph.number_of_nodes()
    assert len(data["ties"]) == hostile_graph.number_of_edges()
    script = next(n for n in data["nodes"] if n["id"] == hostile.BASE + "script")
    assert script["color"] == "#4c78a8" and script["shape"] == "dot", script
    assert [t["id"] for t in data["ties"]] == [f"t{i}" for i in range(len(data["ties"]))]
    assert all("title" not in item for item in data["nodes"] + data["ties"]), \
        "vis would render a title string itself"


def test_long_labels_are_cut_on_the_canvas_but_kept_for_tooltips(hostile_graph, hostile):
    data = _data(render_network_html(hostile_graph))
    rtl = next(n for n in data["nodes"] if n["id"] == hostile.BASE + "rtl")
    assert len(rtl["label"]) <= 50 and rtl["label"].endswith("\u2026\u2069"), rtl["label"]
    assert rtl["fullLabel"].startswith("\u2068\u202eevil"), rtl["fullLabel"][:20]


def test_ties_keep_labels_quotes_dates_and_the_factual_flag(hostile_graph, hostile):
    G = hostile_graph.copy()
    u, v, k = next(iter(G.edges(keys=True)))
    G.edges[u, v, k].update(date="2022-05", happened=False, quotes=[
        {"quote": "first words", "source": "Doc A", "document": hostile.BASE + "doc/a"},
        {"quote": hostile.IMG, "source": "Doc B", "document": hostile.BASE + "doc/b",
         "source_url": "https://example.org/b"}])
    ties = _data(render_network_html(G))["ties"]
    marked = next(t for t in ties if t["date"])
    assert marked["date"] == "2022-05-01" and marked["factual"] is False, marked
    assert marked["quotes"] == [
        {"quote": "first words", "source": "Doc A", "doc": "a"},
        {"quote": hostile.IMG, "source": "Doc B", "doc": "b", "sourceUrl": "https://example.org/b"}]
    others = [t for t in ties if t is not marked]
    assert all(t["factual"] is True and t["date"] is None for t in others)
    assert all(t["quotes"] == [{"quote": hostile.BACKSLASH, "source": "https://example.org/a?b=<c>"}]
               for t in others), others[0]["quotes"]
    assert all(len(t["edgeLabel"]) <= 50 for t in ties)


def test_physics_off_unless_asked_and_only_for_small_graphs():
    small = _data(render_network_html(nx.path_graph(10)))
    asked = _data(render_network_html(nx.path_graph(10), physics=True))
    big = _data(render_network_html(nx.path_graph(500), physics=True))
    assert not small["options"]["physics"]["enabled"] and asked["options"]["physics"]["enabled"]
    assert not big["options"]["physics"]["enabled"]
    assert asked["options"]["physics"]["stabilization"]["iterations"] <= 200
    assert small["options"]["edges"]["smooth"] is False


def test_legend_has_one_row_per_label_listing_the_types_that_share_it(hostile_graph):
    G = hostile_graph.copy()
    G.add_edge(*list(G)[:2], label="rivals", sign=-1, type="Enmity", type_label="enmity",
               color="#d73027")
    G.graph["legend"] = G.graph["legend"] + [{"kind": "edge", "type": "Enmity",
                                              "label": "rivals", "color": "#d73027", "sign": -1}]
    G.graph["legend"][2]["label"] = "rivals"
    rows = _data(render_network_html(G))["legend"]
    keys = [(r["kind"], r["label"], r["sign"]) for r in rows]
    assert len(keys) == len(set(keys)), keys
    rivals = next(r for r in rows if r["label"] == "rivals")
    assert rivals["types"] == ["Rivalry", "Enmity"] and rivals["count"] == 5, rivals


def test_large_graphs_start_collapsed_into_groups_with_the_top_actors():
    G = nx.barabasi_albert_graph(600, 2, seed=3)
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v]["sign"] = 1 if i % 3 else -1
    nx.set_node_attributes(G, {n: f"Actor {n}" for n in G}, "label")
    data = _data(render_network_html(G))
    assert data["meta"]["lod"] is True
    top = [n for n in data["nodes"] if n.get("top")]
    assert len(top) == 30 and {n["id"] for n in top} >= {"0", "1"}, [n["id"] for n in top][:5]
    groups = {g["index"]: g for g in data["groups"]}
    assert groups and all(n["group"] in groups or n.get("top") for n in data["nodes"])
    in_groups = sum(g["count"] for g in groups.values())
    assert in_groups + len(top) == 600, (in_groups, len(top))
    assert _data(render_network_html(nx.path_graph(20)))["groups"] == []


def test_legend_keeps_the_given_order_counts_types_and_adds_missing_ones(hostile_graph, hostile):
    legend = build_legend(hostile_graph)
    got = [(e["kind"], e["type"], e["count"]) for e in legend]
    assert got[:4] == [("node", "State", 3), ("edge", "Alignment", 4), ("edge", "Rivalry", 4),
                       ("node", "Unused", 0)], got
    derived = {(k, t): c for k, t, c in got[4:]}
    assert derived == {("node", "Organization"): 2, ("node", "Person"): 2,
                       ("node", "Place"): 1}, derived
    org = next(e for e in legend if e["type"] == "Organization")
    assert org["label"] == hostile.IMG, org
    assert org["color"] == "#7f7f7f" and org["shape"] == "square", org


def test_legend_is_derived_when_the_graph_has_none():
    G = nx.Graph()
    G.add_node("a", type="State", type_label="state", color="#1f77b4", shape="dot")
    G.add_node("b")
    G.add_edge("a", "b", type="Rivalry", type_label="rivals", color="#d73027", sign=-1)
    got = [(e["kind"], e["type"], e["label"], e["sign"]) for e in build_legend(G)]
    assert got == [("node", "", "untyped", None), ("node", "State", "state", None),
                   ("edge", "Rivalry", "rivals", -1)], got


def test_focus_keeps_the_ego_graph_and_marks_the_centre(hostile_graph, hostile):
    data = _data(render_network_html(hostile_graph, focus="north-korea", depth=1))
    ids = {n["id"] for n in data["nodes"]}
    assert ids == {hostile.BASE + k for k in ("north-korea", "russia", "china", "img")}, ids
    assert data["meta"]["focus"] == hostile.BASE + "north-korea" and data["meta"]["depth"] == 1
    centre = next(n for n in data["nodes"] if n["id"] == hostile.BASE + "north-korea")
    assert centre["focus"] is True and centre["borderWidth"] == 4, centre
    two = _data(render_network_html(hostile_graph, focus=hostile.BASE + "north-korea", depth=2))
    assert {n["id"] for n in two["nodes"]} == ids | {hostile.BASE + "script"}


def test_focus_by_label_and_unknown_focus_lists_close_matches(hostile_graph, hostile):
    data = _data(render_network_html(hostile_graph, focus="russia", depth=0))
    assert [n["id"] for n in data["nodes"]] == [hostile.BASE + "russia"]
    with pytest.raises(UsageError, match=r"no node 'nort-korea'.*did you mean: north-korea"):
        render_network_html(hostile_graph, focus="nort-korea")


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path, hostile_graph):
    target = tmp_path / "deep" / "er" / "page.html"
    target.parent.mkdir(parents=True)
    target.write_text("old")
    write_network_html(hostile_graph, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]


def test_non_string_node_ids_are_accepted_but_not_colliding_ones():
    data = _data(render_network_html(nx.path_graph(3)))
    assert [n["id"] for n in data["nodes"]] == ["0", "1", "2"]
    G = nx.Graph()
    G.add_nodes_from([1, "1"])
    with pytest.raises(UsageError, match="same id"):
        render_network_html(G)


def test_nodes_carry_the_page_they_link_to_when_served():
    base = "https://w3id.org/kg-toolkit/id/"
    G = nx.MultiDiGraph()
    for n in ("north-korea", "doc/d1/ev-1", "doc/d1", "doc/d1/annotation/3", "graph/x"):
        G.add_node(base + n, label=n)
    G.add_node("https://www.wikidata.org/wiki/Q423", label="foreign")
    nodes = {n["label"]: n for n in _data(render_network_html(G))["nodes"]}
    assert nodes["north-korea"]["entity"] == "north-korea"
    assert nodes["doc/d1/ev-1"]["entity"] == "d1/ev-1"  # /entity/DOC/ITEM, as kg serve has it
    assert nodes["doc/d1"]["doc"] == "d1" and "entity" not in nodes["doc/d1"]
    for other in ("doc/d1/annotation/3", "graph/x", "foreign"):
        assert "entity" not in nodes[other] and "doc" not in nodes[other], other
