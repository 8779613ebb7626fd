"""corroboration and contradictions on two small multi-source corpora with ``same-as``.

tests/fixtures/sources: two briefs on one veto, "the summer of 2022" against "26 May 2022".
tests/fixtures/disagreements: three wires on one launch; wire-a and wire-c agree on 3 May over
Isleland, wire-b (a reported speaker, graded D) says 3 June, at Westland, a missile launch, and
denies the alignment wire-a reports. tests/fixtures/disagreements-members: one launch by an
alliance (pact), by its two members (members), by a state outside it (other). Expected rows are
written from the texts.
"""

from __future__ import annotations

import pytest

from kg.query import run_query
from kg.resources import repo_root

FIXTURES = repo_root() / "tests" / "fixtures"
KGD = "https://w3id.org/kg-toolkit/id/"


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    from kg.build import build
    from kg.store import open_store

    opened = {}
    for name in ("sources", "disagreements", "disagreements-members"):
        out = tmp_path_factory.mktemp(name)
        build(FIXTURES / name, out=out)
        opened[name] = open_store(out / "store")
    yield opened
    for store in opened.values():
        store.close()


def ask(store, name, **params):
    return [{k: v.value for k, v in r.items()}
            for r in run_query(name, store, params={"limit": "0", **params}).dicts()]


def test_corroboration_lists_every_source_of_the_shared_veto(stores):
    rows = [r for r in ask(stores["sources"], "corroboration-detail")
            if r["item"] == KGD + "doc/brief-a/ev-block"]
    got = {(r["documentLabel"], r["sourceLabel"], r["reliability"], r.get("credibility"),
            r["modalities"], r["certainties"], r["quote"]) for r in rows}
    assert got == {
        ("Brief A", "Jane Analyst", "B", "2", "reported fact", "certain",
         "China and Russia blocked a UN resolution"),
        ("Brief B", "Brief B", "C", None, "reported fact", "certain",
         "China and Russia vetoed the draft resolution on the DPRK"),
    }, got
    assert {r["sources"] for r in rows} == {"2"} and {r["singleSource"] for r in rows} == {"false"}


def test_corroboration_orders_by_sources_then_grade_and_shows_single_sources(stores):
    rows = ask(stores["disagreements"], "corroboration-detail")
    order = list(dict.fromkeys((r["item"].removeprefix(KGD), r["sources"]) for r in rows))
    assert order == [("doc/wire-a/ev-launch", "3"), ("doc/wire-a/r-align", "2"),
                     ("doc/wire-a/ev-drills", "1")], order
    launch = [(r["documentLabel"], r["reliability"]) for r in rows
              if r["item"].endswith("ev-launch")]
    assert launch == [("Wire C", "A"), ("Wire A", "B"), ("Wire B", "D")], launch
    drills = [r for r in rows if r["item"].endswith("ev-drills")]
    assert [r["singleSource"] for r in drills] == ["true"], drills


def test_corroboration_gives_one_row_per_item_with_its_documents_and_grades(stores):
    rows = ask(stores["disagreements"], "corroboration")
    assert [(r["item"].removeprefix(KGD), r["sources"]) for r in rows] == [
        ("doc/wire-a/ev-launch", "3"), ("doc/wire-a/r-align", "2"),
        ("doc/wire-a/ev-drills", "1")], rows
    launch = rows[0]
    assert (launch["documents"], launch["reliability"]) == ("Wire A; Wire B; Wire C", "A; B; D")
    assert launch["assertions"] == "narrated; reported speaker; source's own", launch
    assert launch["singleSource"] == "false" and rows[2]["singleSource"] == "true", rows


def test_corroboration_says_whose_assertion_each_report_is(stores):
    rows = {r["documentLabel"]: r for r in ask(stores["disagreements"], "corroboration-detail")
            if r["item"].endswith("ev-launch")}
    # "..., officials said": wire-b reports the officials' assertion, not its own
    assert (rows["Wire B"]["assertion"], rows["Wire B"]["sourceLabel"]) == \
        ("reported speaker", "officials"), rows["Wire B"]
    assert (rows["Wire A"]["assertion"], rows["Wire A"]["sourceLabel"]) == \
        ("source's own", "Wire A Agency"), rows["Wire A"]
    assert rows["Wire C"]["assertion"] == "narrated", rows["Wire C"]


def test_contradictions_set_the_summer_against_26_may_with_both_quotes(stores):
    rows = ask(stores["sources"], "contradictions")
    times = [r for r in rows if r["aspect"] == "time"]
    assert len(times) == 1, rows
    r = times[0]
    # one document on each side: side A is the earlier date
    assert (r["documentsA"], r["documentsB"]) == ("Brief B", "Brief A"), r
    assert r["valueA"] == "26 May 2022 (2022-05-26 to 2022-05-26)", r
    assert r["valueB"] == "the summer of 2022 (2022-06-01 to 2022-08-31)", r
    assert (r["quoteA"], r["quoteB"]) == (
        "China and Russia vetoed the draft resolution on the DPRK",
        "China and Russia blocked a UN resolution"), r
    assert (r["sourcesA"], r["reliabilityA"], r["sourcesB"], r["reliabilityB"]) == \
        ("Brief B", "C", "Jane Analyst", "B"), r
    detail = [d for d in ask(stores["sources"], "contradictions-detail") if d["aspect"] == "time"]
    assert [(d["documentALabel"], d["documentBLabel"], d["sourceA"]) for d in detail] == [
        ("Brief A", "Brief B", "Jane Analyst")], detail


def test_contradictions_find_each_kind_ranked_by_weight(stores):
    rows = ask(stores["disagreements"], "contradictions")
    kinds = {(r["aspect"], r["documentsA"], r["valueA"], r["documentsB"], r["weightA"],
              r["weightB"]) for r in rows}
    assert ("time", "Wire A; Wire C", "3 May 2022 (2022-05-03 to 2022-05-03)", "Wire B",
            "2", "1") in kinds, kinds
    assert ("target", "Wire B", "Westland", "Wire A; Wire C", "1", "2") in kinds, kinds
    assert ("target", "Wire A; Wire C", "Isleland", "Wire B", "2", "1") in kinds, kinds
    assert ("type", "Wire A; Wire C", "missile test", "Wire B", "2", "1") in kinds, kinds
    assert ("polarity", "Wire A", "affirms", "Wire B", "1", "1") in kinds, kinds
    assert not {r["aspect"] for r in rows} - {"time", "target", "type", "polarity"}, rows
    weights = [int(r["weightA"]) + int(r["weightB"]) for r in rows]
    assert weights == sorted(weights, reverse=True), weights
    assert rows[-1]["aspect"] == "polarity", rows[-1]  # one source on each side: the lightest
    facts = [(r["node"], r["aspect"], r["keyA"], r["keyB"]) for r in rows]
    assert len(facts) == len(set(facts)), "one row per disagreement"
    detail = ask(stores["disagreements"], "contradictions-detail")
    assert len(detail) > len(rows), "wire-a and wire-c each disagree with wire-b"


def test_an_item_one_source_affirms_and_another_denies_is_listed_by_default(stores):
    # the alignment: wire-a affirms it (happened), wire-b denies it -> listed by default
    rows = ask(stores["disagreements"], "contradictions")
    assert any(r["aspect"] == "polarity" and r["factuality"] == "happened" for r in rows)


def test_headlines_name_the_strongest_agreement_and_disagreement(stores):
    from kg.query.headlines import headlines

    lines = headlines(stores["sources"])
    # titles are quoted (they hold commas of their own)
    assert "Strongest agreement: 2 sources report China and Russia block the resolution " \
           "(\u201cBrief A\u201d and \u201cBrief B\u201d)" in lines, lines
    assert any(line.startswith("Strongest disagreement: on the time of China and Russia block "
                               "the resolution, \u201cBrief B\u201d says 26 May 2022")
               for line in lines), lines


# -- the shipped corpus (data/): the seed and the briefs written about the same events --------
SEED = KGD + "doc/cfr-2022-north-korea-provocations"
VETO = KGD + "doc/cfr-2022-north-korea-provocations/ev-resolution-block"


def test_the_seed_summer_against_26_may_for_the_vetoed_resolution(corpus_store):
    rows = [r for r in ask(corpus_store, "contradictions")
            if r["aspect"] == "time" and r["node"] == VETO]
    # seed: "China and Russia blocked a UN resolution ... in the summer of 2022";
    # note-2022-forecast: "On 26 May 2022, China and Russia vetoed a draft resolution"
    seed_title = "North Korea Has Escalated Its Military Provocations. Here’s Why."
    # the three documents that say 26 May (the vote summary, the analytic note and the brief of
    # 11 October 2022) are side A, against the seed alone
    pair = [r for r in rows if r["documentsB"] == seed_title and "26 May 2022" in r["valueA"]]
    assert len(pair) == 1, rows
    r = pair[0]
    assert r["valueB"] == "the summer of 2022 (2022-06-01 to 2022-08-31)", r
    assert r["quoteB"] == "China and Russia blocked a UN resolution", r
    assert "veto" in r["quoteA"].lower() and seed_title not in r["documentsA"], r
    side_a = r["documentsA"].split("; ")
    assert r["weightA"] == str(len(side_a)), r
    # the three named above, and any later brief that dates the veto too (the May timeline)
    assert {"Analytic note: North Korea to the end of 2022",
            "Meeting summary: the Security Council vote on North Korea sanctions, 26 May 2022",
            } <= set(side_a) and len(side_a) >= 3, r
    assert r["sourcesB"] == "Council on Foreign Relations" and r["sourcesA"], r


def test_corroboration_lists_every_source_of_the_vetoed_resolution_in_the_corpus(corpus_store):
    rows = [r for r in ask(corpus_store, "corroboration-detail") if r["item"] == VETO]
    documents = {r["document"] for r in rows}
    assert SEED in documents and len(documents) >= 2, documents
    assert {r["sources"] for r in rows} == {str(len(documents))}, rows
    mentions = corpus_store.query(
        f"SELECT DISTINCT ?d WHERE {{ ?d <https://schema.org/mentions> <{VETO}> }}").dicts()
    assert documents == {m["d"].value for m in mentions}, documents


def test_opposition_and_alignment_say_whose_assertion_each_tie_rests_on(stores):
    rows = ask(stores["sources"], "opposition")
    shield = [r for r in rows if r["item"].endswith("brief-b/rel-shield")]
    assert [(r["assertions"], r.get("sources")) for r in shield] == \
        [("reported speaker", "United States")], shield
    detail = [r for r in ask(stores["sources"], "opposition-detail")
              if r["item"].endswith("brief-b/rel-shield")]
    assert {(r["assertion"], r.get("sourceLabel")) for r in detail} == \
        {("reported speaker", "United States")}, detail
    align = [r for r in ask(stores["sources"], "alignment-detail")
             if r["relation"].endswith("brief-a/rel-align")]
    assert align and {r["assertion"] for r in align} == {"source's own"}, align


def test_contradictions_pages_count_a_disagreement_once_when_b_names_several_others(tmp_path):
    """Regression: B naming two agents where A names a third gave the paged sub-select two
    identical rows (one per agent of B it does not project); split across two pages, the one
    disagreement showed twice (the shipped note's ATACMS firing: the alliance against the two
    allies)."""
    from kg.build import build
    from kg.store import open_store

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The alliance fired missiles.\n", encoding="utf-8")
    (src / "a.yaml").write_text("""document: {id: a, text: a.txt, title: A, publisher: unknown,
  author: unknown, date: unknown}
annotations:
  - {id: alliance, type: Alliance, label: Alliance, quote: The alliance}
  - {id: ev-fire, type: MissileLaunch, quote: fired missiles, agent: alliance, status: Occurred}
""", encoding="utf-8")
    (src / "b.txt").write_text("Eastland and Westland fired missiles.\n", encoding="utf-8")
    (src / "b.yaml").write_text("""document: {id: b, text: b.txt, title: B, publisher: unknown,
  author: unknown, date: unknown}
annotations:
  - {id: eastland, type: State, label: Eastland, quote: Eastland}
  - {id: westland, type: State, label: Westland, quote: Westland}
  - {id: ev-fire, type: MissileLaunch, same-as: a/ev-fire, quote: fired missiles,
     agent: [eastland, westland], status: Occurred}
""", encoding="utf-8")
    build(src, out=tmp_path / "out")
    store = open_store(tmp_path / "out" / "store")
    try:
        answer = run_query("contradictions", store, params={"limit": "0"})
        whole = answer.rows
        values = [answer.variables.index("valueA"), answer.variables.index("valueB")]
        assert sorted((r[values[0]].value, r[values[1]].value) for r in whole) == [
            ("Alliance", "not Alliance"), ("Eastland", "not Eastland"),
            ("Westland", "not Westland")], whole
        pages = [row for offset in range(4) for row in run_query(
            "contradictions", store, params={"limit": "1", "offset": str(offset)}).rows]
        key = lambda row: tuple("" if t is None else str(t) for t in row)  # noqa: E731
        assert sorted(pages, key=key) == sorted(whole, key=key)
    finally:
        store.close()


def test_an_alliance_and_its_members_are_one_side_as_kg_validate_says(stores, tmp_path):
    """'The pact fired' and 'Northland and Eastland (its members) fired' agree; 'Westland fired'
    disagrees with both: the question sets no member against its alliance, and its pairs of
    documents are those kg validate lists (one definition of a side: kg:actsThrough)."""
    import kg
    from kg.build import build

    rows = ask(stores["disagreements-members"], "contradictions")
    got = sorted((r["valueA"], r["documentsA"], r["documentsB"], r["weightA"], r["weightB"])
                 for r in rows)
    assert got == [
        ("Eastland", "Members wire", "Other wire", "1", "1"),
        ("Northland", "Members wire", "Other wire", "1", "1"),
        ("Northland-Eastland pact", "Pact wire", "Other wire", "1", "1"),
        ("Westland", "Other wire", "Members wire; Pact wire", "1", "2"),
    ], got
    detail = ask(stores["disagreements-members"], "contradictions-detail")
    pairs = {frozenset((d["documentALabel"], d["documentBLabel"])) for d in detail}
    build(FIXTURES / "disagreements-members", out=tmp_path)
    found = kg.validate(tmp_path).disagreements
    messages = [f.message for f in found]
    assert pairs == {frozenset(("Members wire", "Other wire")),
                     frozenset(("Pact wire", "Other wire"))}, (pairs, messages)
    assert len(messages) == 2 and all("other.yaml" in m for m in messages), messages
    assert not [m for m in messages if "members.yaml" in m and "pact.yaml" in m], messages


def test_validate_reads_its_same_side_filter_from_the_question():
    from kg.disagreements import same_side_filter
    from kg.resources import queries_dir

    block = same_side_filter()
    assert "kg:actsThrough" in block and "?named" in block and "?match" in block, block
    for name in ("contradictions", "contradictions-detail"):
        text = (queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
        assert text.count(block) == 1, f"{name}.rq: not the same #SAME-SIDE filter"
