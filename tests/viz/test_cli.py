"""``kg viz`` and ``kg timeline`` against the seed corpus built once per session."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.cli import main

NK = "https://w3id.org/kg-toolkit/id/north-korea"


@pytest.fixture(scope="module")
def store(seed_build):
    return str(seed_build.out / "store")


def _data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text.split('id="kg-data">', 1)[1].split("</script>", 1)[0])


def test_viz_writes_the_default_file_with_every_node_and_edge(store, tmp_path, monkeypatch,
                                                               capsys):
    from kg.network.projection import project

    monkeypatch.chdir(tmp_path)
    assert main(["viz", "--store", store]) == 0
    page = tmp_path / "build" / "network-actors.html"
    assert "wrote build/network-actors.html" in capsys.readouterr().err
    G = project(store, view="actors")
    data = _data(page)
    assert (len(data["nodes"]), len(data["ties"])) == (G.number_of_nodes(), G.number_of_edges())


@pytest.mark.parametrize("view", ["events", "claims", "all"])
def test_viz_every_view(store, tmp_path, view):
    out = tmp_path / f"{view}.html"
    assert main(["viz", "--view", view, "--store", store, "-o", str(out)]) == 0
    assert _data(out)["nodes"], view


def test_viz_focus_by_last_segment_keeps_the_ego_graph(store, tmp_path):
    from kg.network.projection import project

    out = tmp_path / "nk.html"
    assert main(["viz", "--store", store, "--focus", "north-korea", "--depth", "1",
                 "-o", str(out)]) == 0
    want = nx.ego_graph(project(store, view="actors"), NK, radius=1, undirected=True)
    data = _data(out)
    assert {n["id"] for n in data["nodes"]} == set(want), data["meta"]
    assert data["meta"]["focus"] == NK


def test_viz_unknown_focus_is_a_clear_error_with_close_matches(store, tmp_path, capsys):
    assert main(["viz", "--store", store, "--focus", "nort-korea", "-o",
                 str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert "no node 'nort-korea'" in err and "north-korea" in err, err
    assert not (tmp_path / "x.html").exists()


def test_timeline_html_and_svg(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["timeline", "--store", store]) == 0
    html = (tmp_path / "build" / "timeline.html").read_text(encoding="utf-8")
    assert 'id="tl-data"' in html
    assert main(["timeline", "--store", store, "--format", "svg"]) == 0
    ET.parse(tmp_path / "build" / "timeline.svg")
    assert main(["timeline", "--store", store, "-o", str(tmp_path / "t.svg")]) == 0
    ET.parse(tmp_path / "t.svg")


def test_timeline_refuses_a_file_name_of_no_format_it_writes(store, tmp_path, capsys):
    assert main(["timeline", "--store", store, "-o", str(tmp_path / "t.pdf")]) == 2
    assert "'.pdf'" in capsys.readouterr().err
    assert not (tmp_path / "t.pdf").exists()
    # with --format the name is the user's choice; without a suffix the page is HTML
    assert main(["timeline", "--store", store, "--format", "svg", "-o",
                 str(tmp_path / "t.pdf")]) == 0
    ET.parse(tmp_path / "t.pdf")
    assert main(["timeline", "--store", store, "-o", str(tmp_path / "page")]) == 0
    assert 'id="tl-data"' in (tmp_path / "page").read_text(encoding="utf-8")


def test_viz_focus_keeps_the_default_view_file(store, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["viz", "--store", store]) == 0
    full = (tmp_path / "build" / "network-actors.html").read_bytes()
    assert main(["viz", "--store", store, "--focus", "north-korea"]) == 0
    assert (tmp_path / "build" / "network-actors.html").read_bytes() == full
    assert "wrote build/network-actors-north-korea.html" in capsys.readouterr().err
