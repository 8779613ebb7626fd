"""The ontology: well-formed, documented, and the generated files are up to date."""

from __future__ import annotations

import re
import shutil

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from kg.codegen import (
    CODEBOOK_DOC,
    NAMESPACE_FILE,
    ONTOLOGY_DOC,
    codebook_markdown,
    codebook_preamble,
    namespace_source,
    ontology_markdown,
)
from kg.iris import KG_NS
from kg.resources import ontology_dir, repo_root

KG = rdflib.Namespace(KG_NS)


def test_generated_namespace_is_up_to_date(onto):
    got = (repo_root() / NAMESPACE_FILE).read_text(encoding="utf-8")
    assert got == namespace_source(onto), "run: python -m kg.codegen"


def test_generated_ontology_doc_is_up_to_date(onto):
    got = (repo_root() / ONTOLOGY_DOC).read_text(encoding="utf-8")
    assert got == ontology_markdown(onto), "run: python -m kg.codegen"


def test_generated_codebook_is_up_to_date(onto):
    got = (repo_root() / CODEBOOK_DOC).read_text(encoding="utf-8")
    assert got == codebook_markdown(codebook_preamble(got), onto), "run: python -m kg.codegen"


def test_the_codebook_keeps_its_preamble_and_lists_every_event_class(onto):
    text = (repo_root() / CODEBOOK_DOC).read_text(encoding="utf-8")
    preamble = codebook_preamble(text)
    assert "## 1. What is an event" in preamble and "## 4. Dates" in preamble, preamble[:200]
    events = [c for c in onto.classes.values() if c.is_a("Event") and c.annotatable]
    missing = [c.local for c in events if f"(`kg:{c.local}`)" not in text]
    assert events and not missing, missing
    assert "(`kg:Event`)" not in text, "the abstract kg:Event is no class to annotate"


def test_a_missing_codebook_marker_is_one_error_naming_the_file():
    from kg.errors import InputError

    with pytest.raises(InputError, match="codebook.md"):
        codebook_preamble("# Annotation codebook\n\nno generated part\n")


def test_event_alone_is_no_annotatable_type_but_its_subclasses_are(onto):
    # The shapes refuse an event typed only kg:Event ("needs a specific type"): kg:abstract.
    assert not onto.class_("Event").annotatable
    assert onto.class_("MissileTest").annotatable and onto.class_("Visit").annotatable
    assert "Event" not in onto.annotatable_types() and "Actor" in onto.annotatable_types()


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


# -- the ontology's cached view (load_ontology's cache, a build's .cache) ---------------

def _view(o):
    return o.classes, o.properties, o.concepts, o.disjoint_pairs


def _fresh(monkeypatch):
    """Forget the ontologies this process holds, so the next load reads the cache."""
    import kg.ontology

    monkeypatch.setattr(kg.ontology, "_LOADED", {})
    monkeypatch.setattr(kg.ontology, "_CACHED", set())


def test_the_cached_view_is_the_parsed_one(tmp_path, monkeypatch, onto):
    from kg.ontology import CACHE_FILE, load_ontology

    _fresh(monkeypatch)
    first = load_ontology(cache=tmp_path)  # parsed, then written
    assert (tmp_path / CACHE_FILE).is_file()
    assert _view(first) == _view(onto)
    _fresh(monkeypatch)
    cached = load_ontology(cache=tmp_path)
    assert cached._graph is None, "read from the cache, not parsed"
    assert _view(cached) == _view(onto)
    assert list(cached.classes) == list(onto.classes)  # same order, too
    assert list(cached.properties) == list(onto.properties)
    assert set(cached.graph) == set(onto.graph)  # parsed when asked for


def test_an_edited_ontology_is_parsed_again(tmp_path, monkeypatch):
    from kg.ontology import load_ontology

    d = tmp_path / "onto"
    shutil.copytree(ontology_dir(), d)
    cache = tmp_path / "cache"
    cache.mkdir()
    _fresh(monkeypatch)
    before = load_ontology(d, cache=cache)
    label = before.class_("Event").label
    ttl = d / "kg.ttl"
    text = ttl.read_text(encoding="utf-8")
    assert f'"{label}"@en' in text
    ttl.write_text(text.replace(f'"{label}"@en', '"Happening"@en', 1), encoding="utf-8")
    # in this process (a watch rebuilds in one), and in the next one (from the cache)
    assert load_ontology(d, cache=cache).class_("Event").label == "Happening"
    _fresh(monkeypatch)
    assert load_ontology(d, cache=cache).class_("Event").label == "Happening"
    ttl.write_text(text, encoding="utf-8")
    _fresh(monkeypatch)
    assert load_ontology(d, cache=cache).class_("Event").label == label


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "edited", "wrong-shape"])
def test_a_damaged_cache_is_ignored_and_written_anew(tmp_path, monkeypatch, onto, damage):
    import hashlib
    import json

    from kg.ontology import CACHE_FILE, load_ontology

    _fresh(monkeypatch)
    load_ontology(cache=tmp_path)
    path = tmp_path / CACHE_FILE
    good = path.read_bytes()
    head, _, body = good.partition(b"\n")
    if damage == "empty":
        bad = b""
    elif damage == "truncated":
        bad = good[: len(good) // 2]
    elif damage == "garbage":
        bad = b"\x00\xff not json \n{"
    elif damage == "edited":  # valid JSON, right key, but not what was written
        bad = head + b"\n" + body.replace(b'"Event"', b'"Evnt"', 1)
    else:  # right key and digest, but not the shape of an ontology
        body = json.dumps({"classes": [[1, 2]]}).encode()
        meta = json.loads(head)
        meta["digest"] = hashlib.sha256(body).hexdigest()
        bad = json.dumps(meta).encode() + b"\n" + body
    assert bad != good
    path.write_bytes(bad)
    _fresh(monkeypatch)
    again = load_ontology(cache=tmp_path)
    assert again._graph is not None, "parsed again"
    assert _view(again) == _view(onto)
    assert path.read_bytes() == good, "written anew"
