"""W3C Web Annotation JSON-LD: round trips, offline JSON-LD, errors with lines, properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import AnnotationError, KGError
from kg.loaders import load_corpus
from kg.resources import data_dir, repo_root

NETWORK = repo_root() / "tests" / "fixtures" / "network" / "corpus"
SOURCES = repo_root() / "tests" / "fixtures" / "sources"  # shared nodes, speakers, grades


def export_webanno(source, out: Path) -> list[Path]:
    from kg.export.webanno import export_corpus

    return export_corpus(load_corpus(source), out)


@pytest.mark.parametrize("source", [data_dir(), NETWORK, SOURCES],
                         ids=["seed", "two-blocs", "same-as"])
def test_native_to_webanno_to_native_builds_identical_nquads(tmp_path, source, request):
    from kg.build import build

    if source == data_dir():  # the session's one build of data/ (conftest.py)
        want = request.getfixturevalue("corpus_build")
    else:
        want = build(source, out=tmp_path / "native", trig=False, store=False)
    export_webanno(source, tmp_path / "wa")
    got = build(tmp_path / "wa", out=tmp_path / "via-wa", trig=False, store=False)
    a, b = want.nquads.read_bytes(), got.nquads.read_bytes()
    assert a == b, sorted(set(a.splitlines()) ^ set(b.splitlines()))[:5]


def test_one_annotation_per_anchor_with_both_selectors(tmp_path):
    (path,) = export_webanno(NETWORK, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = load_corpus(NETWORK).documents[0]
    anns = data["first"]["items"]
    anchored = [a for a in anns if "selector" in a["target"]]
    assert len(anchored) == sum(len(it.anchors) for it in doc.items), len(anchored)
    kinds = {s["type"] for a in anchored for s in a["target"]["selector"]}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}, kinds
    assert isinstance(data["@context"], dict), "the context must be inline, never a URL"


def test_jsonld_parses_offline_as_rdf_with_the_inline_context(tmp_path, monkeypatch):
    import socket

    import rdflib

    def no_network(*args, **kwargs):
        raise AssertionError("JSON-LD parsing tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    (path,) = export_webanno(NETWORK, tmp_path)
    g = rdflib.Graph()
    g.parse(path, format="json-ld")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    n = len(set(g.subjects(rdflib.RDF.type, oa.Annotation)))
    doc = load_corpus(NETWORK).documents[0]
    assert n == sum(max(1, len(it.anchors)) for it in doc.items), n
    kg_agent = rdflib.URIRef("https://w3id.org/kg-toolkit/ontology#agent")
    assert any(True for _ in g.triples((None, kg_agent, None))), "bodies carry the roles"


# -- errors -----------------------------------------------------------------------------
def exported_text(tmp_path) -> tuple[Path, str]:
    (path,) = export_webanno(NETWORK, tmp_path / "src")
    return path, path.read_text(encoding="utf-8")


def problems_of(tmp_path, text: str):
    bad = tmp_path / "bad" / "two-blocs.jsonld"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        load_corpus(bad)
    return bad, info.value.problems


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_json_syntax_error_names_the_line(tmp_path):
    _p, text = exported_text(tmp_path)
    broken = text.replace('"type": "Annotation",', '"type": "Annotation"', 1)
    bad, problems = problems_of(tmp_path, broken)
    assert problems[0].line is not None and "JSON syntax" in problems[0].message, problems


def test_position_that_does_not_match_the_quote(tmp_path):
    _p, text = exported_text(tmp_path)
    broken = text.replace('"start": 0,', '"start": 1,', 1)
    bad, problems = problems_of(tmp_path, broken)
    hit = [p for p in problems if "does not match position 1-9" in p.message]
    assert hit and hit[0].path == str(bad), problems
    # the line of the selector object, which opens just above its "exact"
    assert 0 <= line_of(broken, '"exact": "Northland"') - hit[0].line <= 2, hit[0]


def test_unknown_property_in_a_body(tmp_path):
    _p, text = exported_text(tmp_path)
    broken = text.replace('"kg:agent"', '"kg:agnet"', 1)
    _bad, problems = problems_of(tmp_path, broken)
    assert any(re.search(r"unknown property 'kg:agnet'.*agent", p.message) for p in problems), \
        problems


def test_reference_that_is_no_kg_iri(tmp_path):
    _p, text = exported_text(tmp_path)
    broken = text.replace('"id": "kgd:northland"', '"id": "http://example.org/x"', 1)
    _bad, problems = problems_of(tmp_path, broken)
    assert any("is not a kg IRI" in p.message for p in problems), problems


def test_bodies_of_one_item_that_disagree(tmp_path):
    _p, text = exported_text(tmp_path)
    data = json.loads(text)
    first = next(a for a in data["first"]["items"] if a["body"]["id"] == "kgd:northland")
    second = next(a for a in data["first"]["items"][::-1] if a["body"]["id"] == "kgd:northland")
    assert first is not second
    second["body"] = dict(second["body"], label="Nordland")
    _bad, problems = problems_of(tmp_path, json.dumps(data, indent=1))
    assert any("differs from the one at line" in p.message for p in problems), problems


# -- properties ------------------------------------------------------------------------
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@st.composite
def corruptions(draw):
    data = bytearray(SMALL.encode())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "insert"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i]
        else:
            data.insert(i, draw(st.sampled_from(list(b'{}[]:,"0123456789 \n'))))
    return bytes(data)


SMALL = json.dumps({
    "@context": {"id": "@id", "type": "@type"}, "type": "AnnotationCollection",
    "kg:document": {"id": "kgd:doc/tiny", "kg:text": "North Korea tested missiles."},
    "first": {"type": "AnnotationPage", "items": [
        {"type": "Annotation", "body": {"id": "kgd:north-korea", "type": "kg:State"},
         "target": {"source": "kgd:doc/tiny", "selector": [
             {"type": "TextQuoteSelector", "exact": "North Korea", "prefix": "",
              "suffix": " tested"}, {"type": "TextPositionSelector", "start": 0, "end": 11}]}},
        {"type": "Annotation", "body": {"id": "kgd:doc/tiny/ev", "type": "kg:MissileTest",
                                        "kg:agent": {"id": "kgd:north-korea"},
                                        "kg:status": {"id": "kg:Occurred"}},
         "target": {"source": "kgd:doc/tiny", "selector": {
             "type": "TextQuoteSelector", "exact": "tested missiles"}}}]}}, indent=1)


def test_small_collection_loads(tmp_path):
    path = tmp_path / "tiny.jsonld"
    path.write_text(SMALL, encoding="utf-8")
    doc = load_corpus(path).documents[0]
    ev = doc.item("ev")
    assert [(a.start, a.end) for a in ev.anchors] == [(12, 27)], ev.anchors
    assert [r.id for r in ev.values["agent"]] == ["north-korea"], ev.values


@SETTINGS
@given(corruptions())
def test_corrupted_jsonld_gives_only_clean_errors(tmp_path, data):
    path = tmp_path / "tiny.jsonld"
    path.write_bytes(data)
    try:
        load_corpus(path)
    except KGError as exc:
        assert str(exc).strip(), exc


def test_export_from_the_built_store_builds_identical_nquads(tmp_path, corpus_build):
    from kg.build import build
    from kg.export.webanno import export
    from kg.store import open_store

    want = corpus_build  # the session's one build of data/, its store opened read-only
    with open_store(want.store) as store:
        export(store, tmp_path / "wa")
    got = build(tmp_path / "wa", out=tmp_path / "b", trig=False, store=False)
    assert want.nquads.read_bytes() == got.nquads.read_bytes()


def test_export_from_a_store_keeps_wikidata_ids_with_the_documents_that_wrote_them(tmp_path):
    """A document that wrote no Wikidata ID, naming an actor another document links, exports
    without the ID: the curated link graph stays derived from the documents that wrote one."""
    from kg.build import build
    from kg.export.webanno import export
    from kg.store import open_store

    src = tmp_path / "src"
    src.mkdir()
    for name, wikidata in (("linked", "\n    wikidata: Q423"), ("plain", "")):
        (src / f"{name}.txt").write_text("North Korea fired a missile.\n", encoding="utf-8")
        (src / f"{name}.yaml").write_text(
            f"document: {{id: {name}, text: {name}.txt, date: 2022-11-10}}\n"
            "annotations:\n"
            f"  - id: north-korea\n    type: State\n    label: North Korea{wikidata}\n"
            "    mentions: [{quote: North Korea}]\n", encoding="utf-8")
    want = build(src, out=tmp_path / "native", trig=False)
    with open_store(want.store) as store:
        export(store, tmp_path / "wa")
    assert "wikidata" not in (tmp_path / "wa" / "plain.jsonld").read_text(encoding="utf-8")
    assert "Q423" in (tmp_path / "wa" / "linked.jsonld").read_text(encoding="utf-8")
    got = build(tmp_path / "wa", out=tmp_path / "b", trig=False, store=False)
    assert want.nquads.read_bytes() == got.nquads.read_bytes()


def test_context_as_prefix_matches_anno_jsonld():
    # anno.jsonld (the W3C Web Annotation context) maps as: to http, not https: a
    # mismatch gives as: terms other IRIs than the ones other tools read.
    from kg.loaders.webanno import context

    assert context()["as"] == "http://www.w3.org/ns/activitystreams#"
