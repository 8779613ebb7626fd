"""The projection reads edges, signs, labels and colours from the ontology, not from code."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import StoreError, UsageError
from kg.iris import BASE
from kg.network import VIEWS, project

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "network" / "corpus"


def iri(short: str) -> str:
    return BASE + short


TEXT = (CORPUS / "two-blocs.txt").read_text(encoding="utf-8")


def _ties(G: nx.MultiDiGraph) -> set[tuple[str, str, str, int]]:
    return {(G.nodes[u]["short_id"], G.nodes[v]["short_id"], d["label"], d["sign"])
            for u, v, d in G.edges(data=True)}


def test_actor_view_has_every_relation_and_edge_event(actors):
    want = {
        ("northland", "eastland", "aligned with", 1),          # Alignment relation
        ("northland", "eastland", "pledges cooperation", 1),   # CooperationPledge event
        ("eastland", "westland", "blocks", -1),                # ResolutionBlocking, thwarts
        ("southland", "westland", "blocks", -1),
        ("westland", "isleland", "allied with", 1),
        ("westland", "eastland", "rivals", -1),
        ("northland", "westland", "threatens", -1),
        ("southland", "isleland", "coordinates with", 1),
        ("westland", "denuclearization", "pursues", 0),        # Objective: no kg:edgeSign
        ("northland", "denuclearization", "rejects", -1),
    }
    assert _ties(actors) == want, _ties(actors) ^ want


def test_events_without_edge_label_and_denied_events_make_no_actor_edge(actors):
    relations = {d["relation"] for _, _, d in actors.edges(data=True)}
    for event in ("ev-test", "ev-drills", "ev-talks"):  # no kg:edgeLabel / all claims negative
        assert iri(f"doc/two-blocs/{event}") not in relations, event


def test_symmetric_classes_give_undirected_edges(actors):
    directed = {d["type"]: d["directed"] for _, _, d in actors.edges(data=True)}
    assert directed["Alignment"] is False and directed["Rivalry"] is False, directed
    assert directed["ResolutionBlocking"] is True and directed["NuclearThreat"] is True, directed


def test_node_attributes_follow_the_renderer_contract(actors):
    node = actors.nodes[iri("northland")]
    assert node["label"] == "Northland" and node["type"] == "State", node
    assert (node["type_label"], node["color"], node["shape"]) == ("state", "#1f77b4", "dot"), node
    assert node["category"] == "Actor", node
    assert TEXT[node["quote_start"]:node["quote_end"]] == node["quote"] == "Northland", node
    assert node["source"] == "Two blocs (test fixture)", node
    objective = actors.nodes[iri("denuclearization")]
    assert (objective["color"], objective["shape"]) == ("#f7b6d2", "star"), objective


def test_edge_attributes_carry_the_supporting_words(actors):
    edges = [d for _, _, d in actors.edges(data=True) if d["type"] == "ResolutionBlocking"]
    assert {d["role"] for d in edges} == {"thwarted"}, edges
    for d in edges:
        assert TEXT[d["quote_start"]:d["quote_end"]] == d["quote"], d
        assert d["quote"].startswith("Eastland and Southland blocked"), d
        assert d["relation"] == iri("doc/two-blocs/ev-block"), d
        assert (d["type_label"], d["status"], d["source"]) == (
            "blocking of a resolution", "occurred", "Two blocs (test fixture)"), d
        assert d["color"].startswith("#") and d["sign"] == -1, d


def test_legend_lists_the_types_present(actors):
    legend = actors.graph["legend"]
    kinds = {(e["kind"], e["type"]) for e in legend}
    assert ("node", "State") in kinds and ("node", "PolicyObjective") in kinds, kinds
    assert ("edge", "Alignment") in kinds and ("edge", "MissileTest") not in kinds, kinds
    alignment = next(e for e in legend if e["type"] == "Alignment")
    assert alignment == {"kind": "edge", "type": "Alignment", "label": "aligned with",
                         "color": "#2ca02c", "shape": None, "sign": 1}, alignment


def test_events_view_has_roles_and_response_chains(fixture_store):
    G = project(fixture_store, "events", include_nonfactual=True)
    drills, test = iri("doc/two-blocs/ev-drills"), iri("doc/two-blocs/ev-test")
    responds = [d for d in G.get_edge_data(drills, test).values()]
    assert [d["label"] for d in responds] == ["responds to"], responds
    assert G.has_edge(iri("westland"), drills) and G.has_edge(drills, iri("northland"))
    talks = iri("doc/two-blocs/ev-talks")
    assert G.nodes[talks]["status"] == "hypothetical", G.nodes[talks]
    assert all(d["negated"] for _, _, d in G.in_edges(talks, data=True)), "talks are denied"
    assert G.nodes[talks]["factuality"] == "denied", G.nodes[talks]
    assert talks not in project(fixture_store, "events"), "only what happened, by default"
    alignment = iri("doc/two-blocs/r-align")
    assert G.has_edge(alignment, iri("doc/two-blocs/ev-pledge")), "relation 'via' its event"


def test_claims_view_links_claims_to_what_they_assert_and_the_publisher(fixture_store):
    G = project(fixture_store, "claims", include_nonfactual=True)
    claim, doc = iri("doc/two-blocs/c-talks"), iri("doc/two-blocs")
    out = {G.nodes[v]["short_id"]: d for _, v, d in G.out_edges(claim, data=True)}
    assert set(out) == {"doc/two-blocs/ev-talks", "northland", "doc/two-blocs",
                        "fixture-press"}, out
    assert out["doc/two-blocs/ev-talks"]["sign"] == -1, "a negative claim denies what it asserts"
    assert G.nodes[claim]["polarity"] == "negative" and G.nodes[claim]["modality"] == "prediction"
    assert G.nodes[doc]["label"] == "Two blocs (test fixture)", G.nodes[doc]
    assert G.has_edge(doc, iri("fixture-press")), "document -> publisher"


def test_all_view_is_the_union(fixture_store):
    views = {v: project(fixture_store, v) for v in VIEWS}
    union = views["all"]
    for v in ("actors", "events", "claims"):
        assert set(views[v].nodes) <= set(union.nodes), v
        assert set(views[v].edges(keys=True)) <= set(union.edges(keys=True)), v


def test_every_source_kind_gives_the_same_network(fixture_store):
    import pyoxigraph as ox

    from kg.store import open_store

    want = _ties(project(fixture_store))
    assert _ties(project(str(fixture_store))) == want
    with open_store(fixture_store) as store:
        assert _ties(project(store)) == want
    raw = ox.Store.read_only(str(fixture_store))
    assert _ties(project(raw)) == want


def test_bad_view_and_bad_source_are_clean_errors(fixture_store, tmp_path):
    with pytest.raises(UsageError, match="unknown view 'people'"):
        project(fixture_store, "people")
    with pytest.raises(StoreError, match="no store here"):
        project(tmp_path / "missing")
    with pytest.raises(StoreError, match="not a store"):
        project(42)


EXTRA_CLASS = """
kg:TestPact a owl:Class ; rdfs:subClassOf kg:Relation ;
    rdfs:label "test pact"@en ; rdfs:comment "A class added by a test."@en ;
    kg:edgeLabel "has a pact with"@en ; kg:edgeSign 1 ; kg:symmetric true ; kg:color "#123456" .
"""


def test_a_class_added_to_the_ontology_needs_no_code_change(tmp_path: Path):
    from kg.build import build
    from kg.resources import ontology_dir

    onto = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), onto)
    with open(onto / "kg.ttl", "a", encoding="utf-8") as fh:
        fh.write(EXTRA_CLASS)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "two-blocs.txt", corpus)
    yaml = (CORPUS / "two-blocs.yaml").read_text(encoding="utf-8")
    yaml += ("  - {id: r-pact, type: TestPact, quote: Southland coordinated, subject: southland,"
             " object: isleland}\n")
    (corpus / "two-blocs.yaml").write_text(yaml, encoding="utf-8")
    store = build(corpus, out=tmp_path / "out", ontology_dir=onto, trig=False).store
    G = project(store)
    pact = [d for _, _, d in G.edges(data=True) if d["type"] == "TestPact"]
    assert [(d["label"], d["sign"], d["color"], d["directed"]) for d in pact] == [
        ("has a pact with", 1, "#123456", False)], pact
