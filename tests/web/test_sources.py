"""Per-source parts of the pages on the two-brief fixture (tests/fixtures/sources: one veto
reported by two documents, a reported speaker, graded sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.web.document import document_model
from kg.web.entity import entity_model

FIXTURE = "sources"


@pytest.fixture(scope="module")
def sources_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    root = tmp_path_factory.mktemp("web-sources")
    here = Path(__file__).resolve().parents[1] / "fixtures" / FIXTURE
    build(here, out=root / "build")
    store = open_store(root / "build" / "store")
    yield store
    store.close()


def test_a_shared_event_is_mentioned_by_both_documents(sources_store):
    m = entity_model(sources_store, "brief-a/ev-block")
    assert [d["href"] for d in m["documents"]] == ["/doc/brief-a", "/doc/brief-b"]
    assert m["types"][0]["documents"] == ["https://w3id.org/kg-toolkit/id/doc/brief-a",
                                          "https://w3id.org/kg-toolkit/id/doc/brief-b"]


def test_each_document_gives_its_own_time(sources_store):
    agent = next(g for g in entity_model(sources_store, "china")["events"]
                 if g["role"]["label"] == "agent")
    got = sorted((e["document"]["href"], e["when"]) for e in agent["events"])
    assert got == [("/doc/brief-a", "the summer of 2022"), ("/doc/brief-b", "26 May 2022")], got


def test_claims_carry_their_effective_grade_and_speaker(sources_store):
    claims = {(g["document"]["href"], c["grade"], bool(c["speaker"]))
              for g in entity_model(sources_store, "china")["claims"] for c in g["claims"]}
    assert claims == {("/doc/brief-a", "B2", False), ("/doc/brief-b", "C", False),
                      ("/doc/brief-b", "C3", True)}, claims


def test_a_tie_asserted_only_by_a_reported_speaker_says_so(sources_store):
    ties = entity_model(sources_store, "china")["ties"]
    reported = [t for t in ties if any(s["reported_only"] for s in t["sources"])]
    assert reported and all(s["claims"][0]["speaker"]["href"] == "/entity/united-states"
                            for t in reported for s in t["sources"])


def test_document_pages_keep_to_their_own_graph(sources_store):
    a, b = document_model(sources_store, "brief-a"), document_model(sources_store, "brief-b")
    assert a["grade"] == "B2" and b["grade"].startswith("C")
    veto_a = a["items"]["brief-a/ev-block"]["statements"]
    veto_b = b["items"]["brief-a/ev-block"]["statements"]
    assert veto_a != veto_b, "each document shows what it states about the shared event"
