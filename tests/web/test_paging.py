"""Entity pages in pages: the seed's North Korea and the busiest actor of a small synthetic
corpus, paged with small page sizes; the pages partition the whole list, in its order, and
the counts match SPARQL counts of the same graph."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.iris import BASE
from kg.web.entity import LISTS, entity_model

pytest.importorskip("httpx")
from starlette.testclient import TestClient  # noqa: E402

from kg.web.routes import app  # noqa: E402

KG = "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> "


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    """A 30-document synthetic corpus, built once, its store open."""
    from kg.build import build
    from kg.store import open_store
    from kg.synth import write_corpus

    root = tmp_path_factory.mktemp("web-synth")
    write_corpus(root / "corpus", docs=30, seed=5, actors=12)
    build(root / "corpus", out=root / "build")
    store = open_store(root / "build" / "store")
    yield store
    store.close()


def _busiest(store) -> str:
    """The actor in most ties (the id an entity page takes)."""
    rows = store.query(KG + """SELECT ?x (COUNT(DISTINCT ?r) AS ?n) WHERE {
        { ?r kg:subject ?x } UNION { ?r kg:relObject ?x } ?x a kg:Actor }
        GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""").rows
    return rows[0][0].value[len(BASE):]


def _entries(model, name):
    """What a page lists of ``name``, one comparable value per entry."""
    if name == "ties":
        return [(t["tie"]["iri"], t["direction"], t["other"]["iri"]) for t in model["ties"]]
    if name == "events":
        return [(g["role"]["iri"], e["event"]["iri"], e["document"]["iri"])
                for g in model["events"] for e in g["events"]]
    if name == "claims":
        return [(g["document"]["iri"], c["claim"]["iri"]) for g in model["claims"]
                for c in g["claims"]]
    return [d["iri"] for d in model["documents"]]


def _walk(store, key, name, size, **kw):
    """Every page of list ``name`` in turn: the entries of all pages, and the page infos."""
    seen, infos, number = [], [], 1
    while True:
        m = entity_model(store, key, page={name: number}, size=size, **kw)
        info = m["pages"][name]
        infos.append(info)
        seen += _entries(m, name)
        if info["next"] is None:
            return seen, infos
        assert f"{name}={number + 1}" in info["next"] and f"size={size}" in info["next"]
        number += 1


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("include_nonfactual", [False, True])
def test_the_pages_of_the_seed_partition_each_list_in_order(seed_store, name,
                                                            include_nonfactual):
    whole = entity_model(seed_store, "north-korea", size=500,
                         include_nonfactual=include_nonfactual)
    seen, infos = _walk(seed_store, "north-korea", name, 2,
                        include_nonfactual=include_nonfactual)
    if name != "events":  # an event reported twice in a role spans one key: keep its rows
        assert seen == _entries(whole, name)
    else:
        assert sorted(seen) == sorted(_entries(whole, name))
    total = whole["counts"][name]
    assert infos[-1]["total"] == total and len(infos) == max(1, -(-total // 2))
    assert [i["page"] for i in infos] == list(range(1, len(infos) + 1))
    assert infos[0]["prev"] is None and all(i["prev"] for i in infos[1:])


def test_the_counts_match_the_graph(seed_store):
    m = entity_model(seed_store, "north-korea", include_nonfactual=True)
    nk = f"<{BASE}north-korea>"
    relations = int(seed_store.query(KG + f"""SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{
        {{ ?r kg:subject {nk} }} UNION {{ ?r kg:relObject {nk} }}
        ?r a ?c . ?c kg:edgeSign ?s }}""").rows[0][0].value)
    assert m["counts"]["ties"] == len(m["ties"]) <= relations
    assert sum(len(t["relations"]) for t in m["ties"]) == relations
    default = entity_model(seed_store, "north-korea")
    assert default["counts"]["ties"] + default["counts"]["events"] + \
        default["hidden_nonfactual"] == m["counts"]["ties"] + m["counts"]["events"]


def test_a_synthetic_actor_needs_several_pages(synth_store):
    key = _busiest(synth_store)
    whole = entity_model(synth_store, key, size=500)
    assert whole["counts"]["ties"] > 10, whole["counts"]
    seen, infos = _walk(synth_store, key, "ties", 5)
    assert len(infos) >= 3 and seen == _entries(whole, "ties")
    assert len(set(seen)) == len(seen) == whole["counts"]["ties"]
    for name in ("events", "claims", "documents"):
        seen, infos = _walk(synth_store, key, name, 5)
        assert len(seen) >= whole["counts"][name] > 5 or name == "claims", name
        assert infos[-1]["total"] == whole["counts"][name]
    first = entity_model(synth_store, key, size=5)
    assert len(first["ties"]) == 5 and first["pages"]["ties"]["next"] == "?ties=2&size=5#kg-ties"
    assert first["pages"]["ties"]["first"] == 1 and first["pages"]["ties"]["last"] == 5
    assert first["counts"] == whole["counts"]  # the summary counts every page the same


def test_a_page_past_the_end_shows_the_last(seed_store):
    m = entity_model(seed_store, "north-korea", page={"ties": 999}, size=2)
    info = m["pages"]["ties"]
    assert info["page"] == info["pages"] and info["next"] is None and m["ties"]


@pytest.mark.parametrize("kw", [{"size": 0}, {"size": 501}, {"page": {"ties": 0}},
                                {"page": {"nothing": 1}}, {"size": True}])
def test_bad_pages_are_refused(seed_store, kw):
    with pytest.raises(QueryError):
        entity_model(seed_store, "north-korea", **kw)


def test_the_page_links_keep_every_list_where_it_was(seed_store, seed_build):
    c = TestClient(app(seed_store, pages_dir=seed_build.out))
    r = c.get("/entity/north-korea?ties=2&events=2&size=2&include-nonfactual=true")
    assert r.status_code == 200
    body = r.text
    assert 'href="?events=2&amp;size=2&amp;include-nonfactual=true#kg-ties"' in body  # ties p.1
    assert 'href="?ties=3&amp;events=2&amp;size=2&amp;include-nonfactual=true#kg-ties"' in body
    assert 'id="kg-ties-pages"' in body and "ties 3&ndash;4 of" in body
    twin = c.get("/entity/north-korea.json?ties=2&size=2").json()
    assert twin["pages"]["ties"]["page"] == 2 and len(twin["ties"]) == 2
    for bad in ("ties=x", "size=0", "size=-1", "events=1e3", "size=99999999999"):
        assert c.get(f"/entity/north-korea?{bad}").status_code == 400, bad
