"""Every export holds what happened by the factuality rule, unless include_nonfactual.

events-csv, GraphML, GEXF and Cytoscape JSON of tests/fixtures/factuality: no row, node or
edge from an item that did not happen by default; with the option, each is there with its
``factuality`` (and, in the networks, ``happened`` and ``edge_style``).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import STATUSES_VERDICTS

from kg.export import events_csv
from kg.export.network import export as export_network

DOC = "https://w3id.org/kg-toolkit/id/doc/statuses/"
EVENTS = {x: v for x, v in STATUSES_VERDICTS.items() if x.startswith("ev-")}


def _csv(statuses_store, tmp_path, **kw) -> dict[str, dict[str, str]]:
    out = events_csv.export(statuses_store, tmp_path / "events.csv", **kw)
    with out.open(encoding="utf-8", newline="") as fh:
        return {r["event_id"].removeprefix("statuses/"): r for r in csv.DictReader(fh)}


def test_events_csv_has_one_row_per_event_that_happened(statuses_store, tmp_path):
    rows = _csv(statuses_store, tmp_path)
    assert {x: r["factuality"] for x, r in rows.items()} == \
        {x: v for x, v in EVENTS.items() if v == "happened"}, rows
    assert all(r["num_sources"] == "1" and r["documents"] == "statuses" for r in rows.values())


def test_events_csv_with_the_option_marks_the_rest(statuses_store, tmp_path):
    rows = _csv(statuses_store, tmp_path, include_nonfactual=True)
    assert {x: r["factuality"] for x, r in rows.items()} == EVENTS, rows
    assert rows["ev-nuclear"]["status"] == "Hypothetical", rows["ev-nuclear"]


def _graphml_edges(path) -> list[dict[str, str]]:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    return [{keys[d.get("key")]: d.text or "" for d in e.findall("g:data", ns)}
            for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]


def _gexf_edges(path) -> list[dict[str, str]]:
    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}"
    keys = {a.get("id"): a.get("title") for a in root.iter(ns + "attribute")}
    return [{keys[v.get("for")]: v.get("value") for v in e.iter(ns + "attvalue")}
            for e in root.iter(ns + "edge")]


def _json_edges(path) -> list[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [{k: str(v) for k, v in e["data"].items()} for e in data["elements"]["edges"]]


READERS = {"graphml": _graphml_edges, "gexf": _gexf_edges, "json": _json_edges}
NONFACTUAL_EDGES = {"ev-threat": "denied", "r-oppose": "denied",
                    "ev-threat-if": "not asserted as fact", "ev-pledge": "not asserted as fact",
                    "r-coord": "not asserted as fact"}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_network_exports_hold_only_what_happened(statuses_store, tmp_path, fmt):
    edges = READERS[fmt](export_network(statuses_store, tmp_path / f"a.{fmt}", format=fmt))
    assert edges, fmt
    assert not {e["relation"] for e in edges} & {DOC + x for x in NONFACTUAL_EDGES}, edges
    assert {e["factuality"] for e in edges} == {"happened"}, edges


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_network_exports_with_the_option_mark_the_rest(statuses_store, tmp_path, fmt):
    path = export_network(statuses_store, tmp_path / f"a.{fmt}", format=fmt,
                          include_nonfactual=True)
    edges = READERS[fmt](path)
    marked = {e["relation"].removeprefix(DOC): (e["factuality"], e["edge_style"])
              for e in edges if e["relation"].removeprefix(DOC) in NONFACTUAL_EDGES}
    assert marked == {x: (v, "dashed") for x, v in NONFACTUAL_EDGES.items()}, marked
