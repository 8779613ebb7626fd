"""The pages' models on the seed graph, checked against SPARQL counts of the same graph."""

from __future__ import annotations

import pytest
from kgtest import SEED_ID

from kg.errors import NotFound, QueryError
from kg.iris import BASE
from kg.web.document import document_model
from kg.web.entity import entity_model
from kg.web.home import home_model
from kg.web.sparql import sparql_model, with_prefixes

OA = "PREFIX oa: <http://www.w3.org/ns/oa#> "


def _count(store, query):
    return int(store.query(query).rows[0][0].value)


def test_entity_lists_ties_with_sign_counterpart_and_quotes(seed_store):
    m = entity_model(seed_store, "north-korea")
    assert m["label"] == "North Korea" and m["wikidata"] == ["http://www.wikidata.org/entity/Q423"]
    by_other = {(t["other"]["label"], t["sign"]) for t in m["ties"]}
    assert {("Russia", 1), ("China", 1), ("South Korea", -1)} <= by_other, by_other
    for tie in m["ties"]:
        assert tie["sources"], tie
        assert all(s["document"]["href"] == f"/doc/{SEED_ID}" for s in tie["sources"])
    quotes = [q["text"] for t in m["ties"] for s in t["sources"] for q in s["quotes"]]
    assert "It has enhanced its alignment with both Moscow and Beijing" in quotes


def test_entity_ties_match_the_relations_in_the_graph(seed_store):
    want = _count(seed_store, f"""PREFIX kg: <https://w3id.org/kg-toolkit/ontology#>
        SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{
          {{ ?r kg:subject <{BASE}north-korea> }} UNION {{ ?r kg:relObject <{BASE}north-korea> }}
          ?r a ?c . ?c kg:edgeSign ?s }}""")
    m = entity_model(seed_store, "north-korea", include_nonfactual=True)
    got = {r for t in m["ties"] for r in t["relations"]}
    assert len(got) == want, (len(got), want)


def test_a_symmetric_tie_stated_both_ways_is_one_entry(corpus_build):
    """China-North Korea alignment (kg:symmetric) is stated China -> North Korea in one brief
    and North Korea -> China in another: one entry on each page, with both documents (other
    symmetric ties between the two, such as an alliance ("the North's main ally"), have entries
    of their own); a directed tie (hostility, "acts against") keeps one entry per direction."""
    from kg.store import open_store

    with open_store(corpus_build.store) as store:
        for key, other in (("china", "North Korea"), ("north-korea", "China")):
            m = entity_model(store, key, include_nonfactual=True)
            aligned = [t for t in m["ties"] if t["symmetric"] and t["other"]["label"] == other
                       and t["tie"]["iri"].endswith("#Alignment")]
            assert len(aligned) == 1, aligned
            assert len(aligned[0]["sources"]) >= 2, aligned[0]["sources"]
            assert aligned[0]["direction"] == "out"
        m = entity_model(store, "north-korea", include_nonfactual=True)
        directed = {t["direction"] for t in m["ties"] if not t["symmetric"]
                    and t["other"]["iri"].endswith("/us-rok-alliance")}
        assert directed == {"in", "out"}, directed


def test_what_did_not_happen_is_left_out_unless_asked(seed_store):
    default = entity_model(seed_store, "north-korea")
    everything = entity_model(seed_store, "north-korea", include_nonfactual=True)
    events = [e for g in everything["events"] for e in g["events"]]
    ties = everything["ties"]
    nonfactual = [x for x in events + ties if not x["happened"]]
    assert nonfactual and all(x["factuality"] for x in nonfactual)
    assert default["hidden_nonfactual"] == len(nonfactual) and everything["hidden_nonfactual"] == 0
    assert all(e["happened"] for g in default["events"] for e in g["events"])
    assert all(t["happened"] for t in default["ties"])


def test_entity_events_by_role_in_time_order(seed_store):
    m = entity_model(seed_store, "north-korea")
    agent = next(g for g in m["events"] if g["role"]["label"] == "agent")
    dates = [e["earliest"] for e in agent["events"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[:len(dated)] == dated, dates


def test_entity_claims_carry_modality_and_certainty(seed_store):
    claims = entity_model(seed_store, "north-korea")["claims"]
    rows = [c for g in claims for c in g["claims"]]
    assert rows and all(c["modality"] and c["certainty"] for c in rows)


def test_document_scoped_entity_and_missing_ones(seed_store):
    m = entity_model(seed_store, f"{SEED_ID}/c-alignment")
    assert m["kind"]["label"] == "claim" and m["documents"][0]["href"] == f"/doc/{SEED_ID}"
    with pytest.raises(NotFound):
        entity_model(seed_store, "no-such-item")
    with pytest.raises(QueryError):
        entity_model(seed_store, "../etc")


def test_document_has_every_anchor_of_the_graph(seed_store):
    want = _count(seed_store, OA + f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE "
                                   f"{{ ?a oa:hasTarget/oa:hasSource <{BASE}doc/{SEED_ID}> }}")
    m = document_model(seed_store, SEED_ID)
    assert len(m["anchors"]) == want, (len(m["anchors"]), want)
    assert all(a["item"] in m["items"] for a in m["anchors"])
    assert len(m["claims"]) == 43 and m["items"]["north-korea"]["statements"]
    with pytest.raises(NotFound):
        document_model(seed_store, "nope")


def test_home_counts(seed_store):
    m = home_model(seed_store)
    assert m["counts"]["documents"] == 1 and m["counts"]["claims"] == 43
    assert m["documents"][0]["href"] == f"/doc/{SEED_ID}"
    assert sum(r["claims"] for r in m["modalities"]) == 43
    assert m["items"][0]["label"] == "North Korea"


def test_query_page_runs_a_query_with_predefined_prefixes(seed_store):
    m = sparql_model(seed_store, query="SELECT ?x WHERE { ?x a kg:Document }")
    assert m["error"] is None and m["result"]["total"] == 1
    assert m["result"]["rows"][0][0]["href"] == f"/doc/{SEED_ID}"
    assert m["downloads"]["csv"].startswith("/sparql.csv?query=")


def test_prefixes_go_on_the_first_line_so_errors_keep_their_position(seed_store):
    text, added = with_prefixes("SELECT * WHERE {\n ?x a kg:Document ?? }")
    assert text.count("\n") == 1 and added > 0
    m = sparql_model(seed_store, query="SELECT * WHERE {\n ?x a kg:Document ?? }")
    assert m["error"]["kind"] == "syntax" and m["error"]["line"] == 2, m["error"]
    m = sparql_model(seed_store, query="SELECT * WHERE { ?x a kg:Document ?? }")
    assert m["error"]["line"] == 1 and m["error"]["column"] < 40, m["error"]


def test_query_page_refuses_updates_and_service(seed_store):
    m = sparql_model(seed_store, query="INSERT DATA { <a:b> <a:b> <a:b> }")
    assert m["error"]["kind"] == "refused" and m["result"] is None
    m = sparql_model(seed_store,
                     query="SELECT * WHERE { SERVICE <http://x.invalid/> { ?s ?p ?o } }")
    assert m["error"]["kind"] == "refused"


def test_pack_question_with_a_parameter(seed_store):
    m = sparql_model(seed_store, pack="actor-profile", params={"actor": "North Korea"})
    assert m["error"] is None and m["result"]["total"] > 0
    assert "VALUES" in m["query"], "the editor shows the query with its parameter bound"
    m = sparql_model(seed_store, pack="actor-profile", params={})
    assert "missing parameter 'actor'" in m["error"]["message"]
    assert m["query"].startswith("# title:")
    m = sparql_model(seed_store, pack="no-such-question")
    assert "unknown query" in m["error"]["message"]


@pytest.mark.parametrize("message, kind", [
    ("query exceeded the 30 s timeout", "timeout"),
    ("malformed query: error at 3:7: expected one of BIND", "syntax"),
    ("SPARQL Update (INSERT) is refused: this is a read-only query path", "refused"),
    ("result exceeds the 64 MB cap; add a LIMIT", "error"),
])
def test_errors_say_their_kind(message, kind):
    from kg.web.sparql import error_of

    err = error_of(QueryError(message))
    assert err["kind"] == kind and err["message"] == message
    assert (err["line"], err["column"]) == ((3, 7) if kind == "syntax" else (None, None))


def test_only_web_addresses_become_links():
    from kg.web.document import _web_url

    assert _web_url("https://example.org/a?b=<c>") == "https://example.org/a?b=<c>"
    assert _web_url("javascript:alert(1)") is None and _web_url("JAVASCRIPT:x") is None
    assert _web_url("data:text/html,x") is None and _web_url(None) is None


def test_comparison_tables_show_labels_linked_to_their_pages():
    import pyoxigraph as ox

    from kg.store import QueryResult
    from kg.web.cells import table

    nk = ox.NamedNode("https://w3id.org/kg-toolkit/id/north-korea")
    result = QueryResult("select", variables=["item", "itemLabel", "n"],
                         rows=[(nk, ox.Literal("North Korea"), ox.Literal(2))])
    t = table(result, merge_labels=True)
    assert t["variables"] == ["item", "n"]
    assert t["rows"][0][0] == {"type": "label", "value": "North Korea",
                               "href": "/entity/north-korea"}
    assert table(result)["variables"] == ["item", "itemLabel", "n"]


def test_home_shows_the_comparison_questions_when_the_pack_has_them(seed_store, tmp_path):
    (tmp_path / "corroboration.rq").write_text(
        "# title: Corroboration\n# question: Which sources report each item?\n# params: none\n"
        "PREFIX schema: <https://schema.org/>\n"
        "SELECT ?item (COUNT(?doc) AS ?sources) WHERE { ?doc schema:mentions ?item }\n"
        "GROUP BY ?item ORDER BY DESC(?sources) ?item\n", encoding="utf-8")
    m = home_model(seed_store, pack_dir=tmp_path)
    assert [c["name"] for c in m["comparisons"]] == ["corroboration"]
    assert 0 < len(m["comparisons"][0]["result"]["rows"]) <= 10
