"""GraphML, GEXF and Cytoscape.js JSON exports parse back with the same nodes and edges."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.export.network import FORMATS, export, write_network
from kg.network import VIEWS, project

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf,
           "json": lambda p: nx.cytoscape_graph(json.loads(p.read_text(encoding="utf-8")))}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_nodes_and_edges(fixture_store, tmp_path, view, fmt):
    G = project(fixture_store, view)
    out = export(fixture_store, tmp_path / f"net.{fmt}", view=view)
    H = READERS[fmt](out)
    assert (H.number_of_nodes(), H.number_of_edges()) == (
        G.number_of_nodes(), G.number_of_edges()), (view, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_attributes_survive(fixture_store, tmp_path, fmt):
    out = export(fixture_store, tmp_path / "net.out", format=fmt)
    H = READERS[fmt](out)
    signs = sorted(d["sign"] for _, _, d in H.edges(data=True))
    assert signs == sorted(d["sign"] for _, _, d in project(fixture_store).edges(data=True))
    labels = {d["label"] for _, d in H.nodes(data=True)}
    assert {"Northland", "Westland", "denuclearization"} <= labels, labels
    for _, _, d in H.edges(data=True):
        assert None not in d.values() and d["quote"], d


def test_gexf_has_colours_and_no_reserved_type(fixture_store, tmp_path):
    text = export(fixture_store, tmp_path / "net.gexf").read_text(encoding="utf-8")
    assert "<viz:color" in text and 'title="kg_type"' in text, text[:2000]
    assert 'type="Alignment"' not in text


def test_cytoscape_json_shape(fixture_store, tmp_path):
    data = json.loads(export(fixture_store, tmp_path / "net.json").read_text(encoding="utf-8"))
    node = data["elements"]["nodes"][0]["data"]
    edge = data["elements"]["edges"][0]["data"]
    assert {"id", "name", "label", "color", "shape"} <= set(node), node
    assert {"source", "target", "label", "sign"} <= set(edge), edge
    assert data["data"]["view"] == "actors" and data["data"]["legend"], data["data"]


def test_hostile_text_gives_valid_files(tmp_path):
    G = nx.MultiDiGraph(view="actors")
    G.add_node("a", label="<script>alert(1)</script>\x00\x1b", quote_start=None, category="Actor")
    G.add_node("b", label="b\ud800", type="State")
    G.add_edge("a", "b", key="k", label="&amp;\x0b", sign=-1, type="Rivalry", quote=None)
    for fmt in FORMATS:
        out = write_network(G, tmp_path / f"x.{fmt}", format=fmt)
        H = READERS[fmt](out)
        assert H.nodes["a"]["label"] == "<script>alert(1)</script>", (fmt, H.nodes["a"])


def test_same_graph_same_bytes(fixture_store, tmp_path):
    for fmt in FORMATS:
        a = export(fixture_store, tmp_path / f"a.{fmt}").read_bytes()
        b = export(fixture_store, tmp_path / f"b.{fmt}").read_bytes()
        assert a == b, fmt


def test_unknown_format(fixture_store, tmp_path):
    with pytest.raises(UsageError, match="cannot tell the network format .*net.dot"):
        export(fixture_store, tmp_path / "net.dot")
    with pytest.raises(UsageError, match="unknown network export format 'dot'"):
        export(fixture_store, tmp_path / "net.json", format="dot")
    assert not list(tmp_path.iterdir()), "nothing written"


@pytest.mark.parametrize("fmt", FORMATS)
def test_kg_export_command(fixture_store, tmp_path, capsys, fmt):
    from kg.cli import main

    out = tmp_path / f"actors.{fmt}"
    assert main(["export", "--format", fmt, "--build", str(fixture_store.parent),
                 "-o", str(out)]) == 0
    H, G = READERS[fmt](out), project(fixture_store)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(),
                                                          G.number_of_edges()), fmt
