"""The pack is generic over the ontology: a class added as data shows up in the answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.query import render, run_query

FIXTURE = Path(__file__).parents[1] / "fixtures" / "query" / "generic"

EXTRA_CLASS = """
@prefix kg:   <https://w3id.org/kg-toolkit/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:Embargo a owl:Class ; rdfs:subClassOf kg:Relation ;
    rdfs:label "embargo"@en ; rdfs:comment "One actor embargoing another (test class)."@en ;
    kg:edgeLabel "embargoes"@en ; kg:edgeSign -1 ; kg:directProperty kg:embargoes .
kg:embargoes a owl:ObjectProperty ; rdfs:label "embargoes"@en .
"""


@pytest.fixture(scope="module")
def generic_store(tmp_path_factory):
    from kg.build import build
    from kg.resources import ontology_dir
    from kg.store import open_store

    root = tmp_path_factory.mktemp("generic")
    onto = root / "ontology"
    shutil.copytree(ontology_dir(), onto)
    (onto / "zz-test-extra.ttl").write_text(EXTRA_CLASS, encoding="utf-8")
    build(FIXTURE, out=root / "build", ontology_dir=onto)
    store = open_store(root / "build" / "store")
    yield store
    store.close()


def test_a_new_adversarial_class_appears_in_opposition(generic_store):
    rows = [{k: v.value for k, v in r.items()}
            for r in run_query("opposition", generic_store).dicts()]
    embargo = [r for r in rows if r.get("kinds") == "embargo"]
    assert embargo and embargo[0]["fromLabel"] == "Atlantis" and \
        embargo[0]["toLabel"] == "Lemuria", rows
    assert embargo[0]["edgeLabels"] == "embargoes", embargo


def test_alignment_on_another_corpus(generic_store):
    rows = run_query("alignment", generic_store).dicts()
    pairs = {(r["actorLabel"].value, r["otherLabel"].value) for r in rows}
    # one row per pair of actors, the symmetric tie not repeated from the other side
    assert pairs == {("Lemuria", "Mu | Pacifica")}, pairs


def test_markdown_escapes_a_label_with_a_pipe(generic_store):
    md = render(run_query("alignment", generic_store), "markdown")
    assert "Mu \\| Pacifica" in md and "| Mu | Pacifica |" not in md, md
