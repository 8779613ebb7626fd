"""The ontology: well-formed, documented, and the generated files are up to date."""

from __future__ import annotations

import re

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from kg.codegen import NAMESPACE_FILE, ONTOLOGY_DOC, namespace_source, ontology_markdown
from kg.iris import KG_NS
from kg.resources import ontology_dir, repo_root

KG = rdflib.Namespace(KG_NS)


def test_generated_namespace_is_up_to_date(onto):
    got = (repo_root() / NAMESPACE_FILE).read_text(encoding="utf-8")
    assert got == namespace_source(onto), "run: python -m kg.codegen"


def test_generated_ontology_doc_is_up_to_date(onto):
    got = (repo_root() / ONTOLOGY_DOC).read_text(encoding="utf-8")
    assert got == ontology_markdown(onto), "run: python -m kg.codegen"


def test_every_own_term_has_label_and_comment(onto):
    g = onto.graph
    missing = []
    for s in sorted(set(g.subjects())):
        if not str(s).startswith(KG_NS) or str(s) == KG_NS:
            continue
        is_concept = (s, RDF.type, SKOS.Concept) in g
        has_label = (s, RDFS.label, None) in g or (s, SKOS.prefLabel, None) in g
        has_comment = (s, RDFS.comment, None) in g or (s, SKOS.definition, None) in g
        if not (has_label and (has_comment or is_concept and has_label)):
            missing.append(str(s))
    assert not missing, missing


def test_event_types_are_in_the_scheme_with_an_honest_cameo_fit(onto):
    g = onto.graph
    for cls in onto.classes.values():
        if not cls.is_a("Event") or cls.local == "Event":
            continue
        s = rdflib.URIRef(cls.iri)
        assert (s, SKOS.inScheme, KG.EventTypeScheme) in g, cls.local
        fit = g.value(s, KG.cameoFit)
        code = g.value(s, KG.cameoCode)
        assert fit in (KG.ExactCode, KG.NearestCode, KG.NoExactCode), cls.local
        if fit == KG.NoExactCode:
            assert code is None, f"{cls.local}: no exact code but a code is given"
        else:
            assert code is not None and re.fullmatch(r"\d{3,4}", str(code)), (cls.local, code)
            assert isinstance(code.toPython(), str), f"{cls.local}: CAMEO codes are strings"


def test_motive_types_are_in_the_motive_scheme(onto):
    g = onto.graph
    for cls in onto.classes.values():
        if cls.is_a("Motive") and cls.local != "Motive":
            assert (rdflib.URIRef(cls.iri), SKOS.inScheme, KG.MotiveScheme) in g, cls.local


def test_relation_classes_declare_their_edges(onto):
    g = onto.graph
    for cls in onto.classes.values():
        if cls.is_a("Relation") and cls.local != "Relation":
            s = rdflib.URIRef(cls.iri)
            assert g.value(s, KG.edgeLabel) is not None, cls.local
            assert g.value(s, KG.directProperty) is not None, cls.local


def test_annotation_keys_are_unique_and_identifier_like(onto):
    for key in onto.properties:
        assert re.fullmatch(r"[a-z][A-Za-z]*", key), key


def test_ontology_reuses_standard_vocabularies(onto):
    g = onto.graph
    parents = {str(o) for o in g.objects(None, RDFS.subClassOf)}
    for ns in ("http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/ns/prov#",
               "https://schema.org/", "http://www.w3.org/2006/time#"):
        assert any(p.startswith(ns) for p in parents), ns
    assert (rdflib.URIRef(KG_NS[:-1]), RDF.type, OWL.Ontology) in g


def test_shapes_parse():
    g = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    assert len(g) > 100


def test_an_event_is_not_a_prov_activity():
    # A hypothetical or denied event is not "an activity that occurred" (PROV's meaning).
    from rdflib import RDFS, URIRef

    from kg.ontology import load_ontology

    g = load_ontology().graph
    event = URIRef("https://w3id.org/kg-toolkit/ontology#Event")
    activity = URIRef("http://www.w3.org/ns/prov#Activity")
    assert activity not in set(g.transitive_objects(event, RDFS.subClassOf))
