"""Requests counted at the server (through a counting proxy): batched when cold, none when warm."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from kg.errors import LinkError
from kg.link.reconcile import MATCH_KIND, propose
from kg.store import open_store

pytestmark = pytest.mark.server

N_SYNTHETIC = 120


def synthetic_trig(n: int) -> str:
    """n synthetic organizations, each with a label and an alias (2n strings to look up)."""
    lines = ["@prefix kg: <https://w3id.org/kg-toolkit/ontology#> .",
             "@prefix kgd: <https://w3id.org/kg-toolkit/id/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "<https://w3id.org/kg-toolkit/id/graph/doc/synthetic> {"]
    lines += [f'  kgd:synthetic-{i:03d} a kg:Organization ; rdfs:label "Synthetic body {i:03d}" ;'
              f' skos:altLabel "SB-{i:03d}" .' for i in range(n)]
    return "\n".join(lines + ["}"])


def run(build: Path, config):
    with open_store(build / "store") as store:
        return propose(store, config=config)


def test_cold_cache_sends_at_most_one_request_per_50_entities(make_build, proxy, config_for,
                                                             capsys):
    build = make_build(synthetic_trig(N_SYNTHETIC))
    result = run(build, config_for(proxy.url, build))
    entities = result.entities
    assert entities >= N_SYNTHETIC >= 100, entities
    ratio = proxy.count / entities
    with capsys.disabled():
        print(f"\n[link] cold cache: {proxy.count} request(s) for {entities} entities "
              f"({result.strings} label strings): {ratio:.4f} requests per entity")
    assert proxy.count <= entities / 50, (proxy.count, entities)
    top: dict[str, str] = {}
    for p in result.proposals:
        top.setdefault(p.id, p.candidate)
    assert top["north-korea"] == "Q423" and top["synthetic-007"] == "", top


def test_batches_split_by_label_count_and_give_the_same_answers(make_build, proxy, config_for):
    build = make_build(synthetic_trig(N_SYNTHETIC))
    small = run(build, config_for(proxy.url, build, batch_labels=50))
    want_requests = math.ceil(small.strings / 50)
    assert proxy.count == want_requests, (proxy.count, small.strings)
    other = make_build(synthetic_trig(N_SYNTHETIC), name="other")
    big = run(other, config_for(proxy.url, other))
    assert [(p.id, p.candidate, p.score) for p in small.proposals] == \
        [(p.id, p.candidate, p.score) for p in big.proposals]


def test_a_rerun_sends_no_requests(built_store, proxy, config_for):
    config = config_for(proxy.url, built_store)
    first = run(built_store, config)
    sent = proxy.count
    assert sent == 1, sent
    second = run(built_store, config)
    assert proxy.count == sent, "the warm cache must answer everything"
    assert second.requests == 0 and second.cache_hits == second.strings, second
    assert second.proposals == first.proposals


def test_offline_uses_the_cache_and_fails_clearly_when_it_is_cold(built_store, proxy,
                                                                  config_for):
    config = config_for(proxy.url, built_store)
    with pytest.raises(LinkError) as info:
        run(built_store, config.with_(offline=True))
    assert "offline" in str(info.value) and "not in the cache" in str(info.value), info.value
    assert proxy.count == 0
    run(built_store, config)
    result = run(built_store, config.with_(offline=True))
    assert proxy.count == 1 and result.requests == 0, proxy.count
    assert {p.id: p.candidate for p in result.proposals}["japan"] == "Q17"


def test_a_damaged_cache_entry_is_fetched_again(built_store, proxy, config_for):
    config = config_for(proxy.url, built_store)
    run(built_store, config)
    entries = sorted((config.cache_dir).rglob(f"{MATCH_KIND}/*/*.json"))
    assert entries, "cache entries are written per label string"
    entries[0].write_text("{ not json", encoding="utf-8")
    result = run(built_store, config)
    assert proxy.count == 2 and result.requests == 1, proxy.count


@pytest.mark.parametrize("value", ["Q1", [{"item": 5}], [["Q1"]], {"item": "Q1"}])
def test_a_cache_entry_of_another_shape_is_fetched_again(built_store, proxy, config_for, value):
    """Valid JSON whose value is not rows of strings (another version, an edit) is a miss."""
    import json

    config = config_for(proxy.url, built_store)
    run(built_store, config)
    entries = sorted((config.cache_dir).rglob(f"{MATCH_KIND}/*/*.json"))
    doc = json.loads(entries[0].read_text(encoding="utf-8"))
    entries[0].write_text(json.dumps({**doc, "value": value}), encoding="utf-8")
    result = run(built_store, config)
    assert proxy.count == 2 and result.requests == 1, proxy.count


def test_binding_rows_keep_only_rows_of_bindings():
    from kg.link.cache import binding_rows, string_rows

    row = {"s": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}}
    assert binding_rows([row]) == [row] and binding_rows([]) == []
    assert binding_rows([{"s": "Q1"}]) is None and binding_rows({"s": row}) is None
    assert binding_rows([{"s": {"value": 1}}]) is None
    assert string_rows([{"item": "Q1"}]) == [{"item": "Q1"}] and string_rows([1]) is None


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,  # json.loads raised RecursionError: a traceback
    '{"key": "k", "endpoint": "http://e/q", "retrieved": NaN, "value": []}',
    '{"key": "k", "endpoint": "http://e/q", "retrieved": "yesterday\\u001b[2J", "value": []}',
    '{"key": "k", "endpoint": "http://e/q", "retrieved": "2026-02-30", "value": []}',
])
def test_a_hostile_cache_entry_is_a_miss(tmp_path, body):
    """Regression: an entry nested too deep crashed the run, and any 'retrieved' (a number,
    text) was taken, to become the xsd:date of the links and facts written from it."""
    from kg.link.cache import Cache

    cache = Cache(tmp_path, "http://e/q")
    cache.put("kind", "k", [], "2026-01-01")
    assert cache.get("kind", "k") is not None
    path = next(tmp_path.rglob("kind/*/*.json"))
    path.write_text(body, encoding="utf-8")
    assert cache.get("kind", "k") is None and cache.misses == 1
