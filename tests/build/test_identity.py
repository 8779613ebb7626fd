"""Identity across documents, attribution and grading (docs/sources.md), end to end.

The fixture corpus tests/fixtures/sources/ has two briefs about one veto: brief-a (publisher,
author, graded B2) and brief-b (author and publisher unknown, graded C, a reported speaker),
whose veto and draft resolution say ``same-as`` brief-a's items.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from kgtest import rows

from kg import iris
from kg.build import build
from kg.errors import AnnotationError
from kg.loaders import load_corpus

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sources"
A_BLOCK = iris.doc_item("brief-a", "ev-block")
DOC_A, DOC_B = iris.doc_graph("brief-a"), iris.doc_graph("brief-b")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(FIXTURE, out=tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="module")
def store(built):
    s = ox.Store.read_only(str(built.out / "store"))
    yield s
    del s


def test_same_as_gives_one_node_described_in_each_documents_graph(store):
    got = rows(store, """SELECT ?g ?time WHERE { GRAPH ?g { ?e a kg:ResolutionBlocking ;
                                                              sem:hasTime ?time } }""")
    assert got == [(DOC_A, iris.doc_item("brief-a", "t-summer")),
                   (DOC_B, iris.doc_item("brief-b", "t-may-26"))], got
    events = rows(store, "SELECT DISTINCT ?e WHERE { ?e a kg:ResolutionBlocking }")
    assert events == [(A_BLOCK,)], events
    # The shared resolution too: brief-b's "draft" is brief-a's "res".
    assert rows(store, "SELECT DISTINCT ?r WHERE { ?r a kg:Resolution }") == [
        (iris.doc_item("brief-a", "res"),)]


def test_each_report_is_a_mention_with_its_own_anchor(store):
    got = rows(store, f"""SELECT ?doc ?quote WHERE {{
        ?doc schema:mentions <{A_BLOCK}> .
        ?ann oa:hasBody <{A_BLOCK}> ; oa:hasTarget ?span . ?span oa:hasSource ?doc ;
             oa:hasSelector/oa:exact ?quote }}""")
    assert got == [(iris.doc("brief-a"), "China and Russia blocked a UN resolution"),
                   (iris.doc("brief-b"),
                    "China and Russia vetoed the draft resolution on the DPRK")], got


def test_references_to_a_same_as_item_resolve_to_the_shared_node(store):
    # brief-b's veto "affects: draft"; draft is the same as brief-a's res.
    got = rows(store, f"SELECT ?o WHERE {{ GRAPH <{DOC_B}> {{ <{A_BLOCK}> kg:object ?o }} }}")
    assert got == [(iris.doc_item("brief-a", "res"),)], got


def test_unknown_author_and_publisher_make_the_document_the_source(store, built):
    from kg.validation import validate

    claim = iris.doc_item("brief-b", "c-veto")
    got = rows(store, f"SELECT ?p ?o WHERE {{ <{claim}> ?p ?o FILTER(?p IN "
                      "(prov:wasAttributedTo, prov:hadPrimarySource, kg:reportedBy)) }")
    assert got == [(iris.PREFIXES["prov"] + "hadPrimarySource", iris.doc("brief-b"))], got
    report = validate(built.out)
    assert report.conforms, report.text()


def test_a_known_author_is_an_agent_the_claims_are_attributed_to(store):
    claim = iris.doc_item("brief-a", "c-block")
    got = rows(store, f"SELECT ?who WHERE {{ <{claim}> prov:wasAttributedTo ?who }}")
    assert got == [(iris.doc_author("brief-a"),), (iris.corpus_item("think-tank"),)], got
    label = rows(store, f"SELECT ?l WHERE {{ <{iris.doc_author('brief-a')}> rdfs:label ?l }}")
    assert ("Jane Analyst",) in label


def test_a_reported_speaker_asserts_under_the_documents_report(store):
    claim = iris.doc_item("brief-b", "c-accused")
    got = rows(store, f"""SELECT ?p ?o WHERE {{ GRAPH <{DOC_B}> {{ <{claim}> ?p ?o }}
        FILTER(?p IN (prov:wasAttributedTo, kg:speaker, kg:reportedBy, prov:hadPrimarySource))
    }}""")
    kg, prov = iris.KG_NS, iris.PREFIXES["prov"]
    assert got == sorted([(prov + "wasAttributedTo", iris.corpus_item("united-states")),
                          (kg + "speaker", iris.corpus_item("united-states")),
                          (kg + "reportedBy", iris.doc("brief-b")),
                          (prov + "hadPrimarySource", iris.doc("brief-b"))]), got


def test_grades_are_written_as_concepts_from_their_notation(store):
    kg = iris.KG_NS
    got = rows(store, "SELECT ?d ?p ?grade WHERE { ?d a kg:Document ; ?p ?grade "
                      "FILTER(?p IN (kg:reliability, kg:credibility)) }")
    assert got == sorted([(iris.doc("brief-a"), kg + "credibility", kg + "Credibility2"),
                          (iris.doc("brief-a"), kg + "reliability", kg + "ReliabilityB"),
                          (iris.doc("brief-b"), kg + "reliability", kg + "ReliabilityC")]), got
    claim = iris.doc_item("brief-b", "c-accused")
    assert rows(store, f"SELECT ?c WHERE {{ <{claim}> kg:credibility ?c }}") == [
        (kg + "Credibility3",)]


def test_display_label_is_chosen_by_grade_not_file_order(store):
    # One document each: brief-a (reliability B) beats brief-b (C), whatever the file order.
    got = rows(store, f"SELECT ?l WHERE {{ GRAPH derived:display-labels {{ <{A_BLOCK}> "
                      "rdfs:label ?l } }".replace(
                          "derived:", "<" + iris.BASE + "graph/derived/").replace(
                          "display-labels {", "display-labels> {"))
    assert got == [("China and Russia block the resolution",)], got
    # North Korea: "North Korea" (brief-a, B) against "DPRK" (brief-b, C).
    nk = rows(store, f"SELECT ?l WHERE {{ GRAPH <{iris.derived_graph('display-labels')}> "
                     f"{{ <{iris.corpus_item('north-korea')}> rdfs:label ?l }} }}")
    assert nk == [("North Korea",)], nk


def test_display_label_prefers_the_label_most_documents_give(tmp_path):
    src = _copy(tmp_path)
    # A third, ungraded document that also calls North Korea "DPRK".
    third = (src / "brief-b.yaml").read_text().replace("id: brief-b", "id: brief-c").replace(
        "  reliability: C\n", "")
    (src / "brief-c.yaml").write_text(third)
    out = build(src, out=tmp_path / "out")
    store = ox.Store.read_only(str(out.out / "store"))
    nk = rows(store, f"SELECT ?l WHERE {{ GRAPH <{iris.derived_graph('display-labels')}> "
                     f"{{ <{iris.corpus_item('north-korea')}> rdfs:label ?l }} }}")
    assert nk == [("DPRK",)], nk  # two documents say DPRK, one says North Korea


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "src"
    shutil.copytree(FIXTURE, dst)
    return dst


def _edit(src: Path, name: str, old: str, new: str) -> None:
    p = src / name
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new, 1))


def _problems(src: Path) -> list[str]:
    with pytest.raises(AnnotationError) as err:
        load_corpus(src)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("value, message", [
    ("brief-z/ev-block", "no document has the id 'brief-z'"),
    ("brief-a/ev-nothing", "document 'brief-a' has no item 'ev-nothing'"),
    ("brief-b/ev-veto", "points into this document"),
    ("brief-a/north-korea", "shared across documents already: write same-as: north-korea"),
    ("nobody", "no actor, place, weapon or objective has this id"),
    ("brief-a/../x", "same-as"),  # the schema refuses it first
])
def test_bad_same_as_is_a_located_error(tmp_path, value, message):
    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "same-as: brief-a/ev-block", f"same-as: {value}")
    problems = _problems(src)
    assert any(message in p and "brief-b.yaml:" in p and "[ev-veto]" in p
               for p in problems), problems


def test_same_as_must_point_at_the_canonical_item(tmp_path):
    src = _copy(tmp_path)
    text = (src / "brief-b.yaml").read_text().replace("id: brief-b", "id: brief-c").replace(
        "same-as: brief-a/ev-block", "same-as: brief-b/ev-veto")
    (src / "brief-c.yaml").write_text(text)
    problems = _problems(src)
    assert any("brief-c.yaml:" in p and "itself the same as 'brief-a/ev-block'" in p
               and "write same-as: brief-a/ev-block" in p for p in problems), problems


def test_disjoint_types_on_one_node_name_both_places(tmp_path):
    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "same-as: brief-a/ev-block", "same-as: brief-a/t-summer")
    problems = _problems(src)
    hit = [p for p in problems if "incompatible" in p]
    assert hit and "brief-b.yaml:" in hit[0] and "brief-a.yaml:" in hit[0], problems
    assert "ResolutionBlocking" in hit[0] and "TimeSpan" in hit[0], hit


def test_compatible_types_on_one_node_are_not_an_error(tmp_path):
    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "  - id: ev-veto\n    type: ResolutionBlocking",
          "  - id: ev-veto\n    type: SanctionsEffort")
    load_corpus(src)  # a disagreement between sources, not an error


def test_two_wikidata_ids_for_one_item_fail_the_build_naming_both_places(tmp_path):
    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "    label: DPRK\n", "    label: DPRK\n    wikidata: Q884\n")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if "Wikidata ID" in ln)
    assert "brief-b.yaml:" in line and "brief-a.yaml:" in line, line
    assert "Q884" in line and "Q423" in line, line
    assert "Traceback" not in proc.stderr
    assert not out.exists()  # nothing written


def test_the_build_and_the_loader_report_the_same_identity_problems(tmp_path):
    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "same-as: brief-a/res", "same-as: brief-a/nothing")
    classic = _problems(src)
    with pytest.raises(AnnotationError) as err:
        build(src, out=tmp_path / "out")
    assert [str(p) for p in err.value.problems] == classic


def test_bad_grade_is_a_located_error_listing_the_grades(tmp_path):
    src = _copy(tmp_path)
    _edit(src, "brief-a.yaml", "reliability: B", "reliability: Q")
    problems = _problems(src)
    hit = [p for p in problems if "'Q' is not a known value for 'reliability'" in p]
    assert hit and "brief-a.yaml:" in hit[0] and "A, B, C, D, E, F" in hit[0], problems


def test_existing_annotation_files_keep_their_iris(seed_build):
    # The seed has no same-as: its events stay under its own document.
    nq = seed_build.nquads.read_text(encoding="utf-8")
    assert f"<{iris.doc_item('cfr-2022-north-korea-provocations', 'ev-resolution-block')}>" in nq


def test_two_sources_describing_one_claim_differently_is_a_disagreement_not_an_error(tmp_path):
    from kg.validation import validate

    src = _copy(tmp_path)
    _edit(src, "brief-b.yaml", "  - id: c-veto\n    type: Claim\n",
          "  - id: c-veto\n    type: Claim\n    same-as: brief-a/c-block\n")
    _edit(src, "brief-b.yaml", "    asserts: [ev-veto]\n    modality: ReportedFact",
          "    asserts: [ev-veto]\n    modality: Assessment")
    out = build(src, out=tmp_path / "out")
    report = validate(out.out)
    assert report.conforms, report.text()
    claim = iris.doc_item("brief-a", "c-block")
    # SHACL's "exactly one modality" fails on the union only because two documents describe
    # the claim: a disagreement (beside those kg.disagreements lists), not an error.
    assert (claim, "modality") in [(d.focus, d.path) for d in report.disagreements], \
        report.text()
    assert "sources disagree" in report.text()
