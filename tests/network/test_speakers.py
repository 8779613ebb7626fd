"""A relation only a reported speaker asserts is never drawn as the document's own.

tests/fixtures/sources: Brief B reports that "The United States accused both of shielding
Pyongyang" (a claim with ``speaker: united-states``); Brief A asserts in its own voice that
"North Korea is aligned with Russia".
"""

from __future__ import annotations

import pytest

from kg.iris import BASE
from kg.network import project
from kg.resources import repo_root


@pytest.fixture(scope="module")
def sources_store(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    out = tmp_path_factory.mktemp("sources")
    build(repo_root() / "tests" / "fixtures" / "sources", out=out)
    store = open_store(out / "store")
    yield store
    store.close()


def test_the_speakers_relation_is_marked_as_theirs(sources_store):
    G = project(sources_store)
    shield = [d for *_, d in G.edges(data=True) if d["relation"].endswith("brief-b/rel-shield")]
    assert shield, "the accusation is an edge (it happened by the rule), marked as reported"
    for d in shield:
        assert (d["assertion"], d["speakers"]) == ("reported speaker", "United States"), d
        assert d["source"] == "United States, as reported in Brief B", d
        assert all(q["source"].startswith("United States, as reported in") for q in d["quotes"])


def test_the_sources_own_relation_is_its_own(sources_store):
    G = project(sources_store)
    align = [d for u, v, d in G.edges(data=True) if d["relation"].endswith("brief-a/rel-align")]
    assert align and all(d["assertion"] == "source's own" and d["speakers"] == ""
                         and d["source"] == "Brief A" for d in align), align
    assert G.nodes[BASE + "north-korea"]["label"]
