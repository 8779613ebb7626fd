"""The shipped multi-source corpus: the report of the 2 November 2022 launches south of the
Northern Limit Line (data/report-2022-11-02-nll-launches) and the analytic note of unknown
source (data/note-2022-forecast), built together with the seed and the other briefs of data/.

Expected rows are written from the two texts, not read back from the annotations.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import SEED_ID, rows

from kg import iris
from kg.loaders import load_corpus
from kg.resources import data_dir
from kg.validation import validate

REPORT = "report-2022-11-02-nll-launches"
NOTE = "note-2022-forecast"
VOTE = "unsc-2022-05-26-vote-summary"
WIRE = "wire-2022-10-04-overflight"
KG = iris.KG_NS
PROV = iris.PREFIXES["prov"]


def seed(item: str) -> str:
    return iris.doc_item(SEED_ID, item)


@pytest.fixture(scope="module")
def store(corpus_build):
    s = ox.Store.read_only(str(corpus_build.out / "store"))
    yield s
    del s


def reporters(store, node: str) -> set[str]:
    """The documents that mention (report) a node, as document ids."""
    got = rows(store, f"SELECT DISTINCT ?doc WHERE {{ ?doc schema:mentions <{node}> }}")
    return {d.removeprefix(iris.doc("")) for (d,) in got}


@pytest.mark.slow
def test_the_whole_corpus_builds_and_validates(corpus_build):
    ids = {d.id for d in load_corpus(data_dir())}
    assert {SEED_ID, REPORT, NOTE} <= ids, ids
    report = validate(corpus_build.out)
    assert report.conforms, [str(f) for f in report.findings][:10]
    # the shipped corpus stays well inside the default size limit of an RDF input, so
    # `kg demo` and `kg validate` never need KG_MAX_RDF_BYTES for it (it outgrew 256 MiB once)
    from kg.rdfio import DEFAULT_MAX_BYTES

    size = (corpus_build.out / "graph.nq").stat().st_size
    assert size * 2 < DEFAULT_MAX_BYTES, f"graph.nq is {size} bytes: raise the default limit"


@pytest.mark.parametrize("item, expected", [
    # "a short-range missile launch that came close enough to South Korea's Ulleung Island"
    # = "one of them came down south of the Northern Limit Line" = the note's "a North Korean
    # missile came down south of the Northern Limit Line for the first time".
    ("ev-srbm-ulleung", {SEED_ID, REPORT, NOTE}),
    # "to set off security alarms" = "An air-raid alert sounded on Ulleung Island" =
    # "setting off an air-raid alert on Ulleung Island".
    ("ev-security-alarms", {SEED_ID, REPORT, NOTE}),
    # "China and Russia blocked a UN resolution" = "China and Russia vetoed a draft resolution".
    ("ev-resolution-block", {SEED_ID, VOTE, WIRE, NOTE}),
    ("res-un-sanctions", {SEED_ID, VOTE, NOTE}),
])
def test_a_shared_event_is_one_node_reported_by_each_source(store, item, expected):
    assert expected <= reporters(store, seed(item))


@pytest.mark.parametrize("node, expected", [
    # The vote: "the other thirteen members of the Security Council voted in favour".
    (iris.doc_item(VOTE, "ev-vote"), {VOTE, NOTE}),
    # The flight of 4 October: "an intermediate-range ballistic missile flew over the north of
    # the country"; Japan's warnings; "The next day the United States and South Korea each
    # fired two ATACMS missiles".
    (iris.doc_item(WIRE, "ev-overflight"), {WIRE, NOTE}),
    (iris.doc_item(WIRE, "ev-j-alert"), {WIRE, NOTE}),
    (iris.doc_item(WIRE, "ev-atacms"), {WIRE, NOTE}),
    # "tightened UN sanctions on North Korea over its ballistic missile launches"; China's
    # warning that "further sanctions would only escalate confrontation".
    (iris.doc_item(VOTE, "ev-launches-2022"), {VOTE, NOTE}),
    (iris.doc_item(VOTE, "ev-further-sanctions"), {VOTE, NOTE}),
    (iris.doc_item(VOTE, "ev-confrontation"), {VOTE, NOTE}),
])
def test_the_note_reports_the_briefs_events(store, node, expected):
    assert expected <= reporters(store, node)


def test_same_as_items_mint_no_node_of_their_own(store):
    for doc, item in [(REPORT, "ev-nll-missile"), (REPORT, "ev-ulleung-alert"),
                      (NOTE, "ev-veto"), (NOTE, "ev-nll-missile"), (NOTE, "res-draft"),
                      (NOTE, "ev-sk-strike"), (NOTE, "ev-vote"), (NOTE, "ev-overflight"),
                      (NOTE, "ev-atacms"), (NOTE, "ev-launches-2022"),
                      (NOTE, "ev-further-sanctions"), (NOTE, "ev-confrontation")]:
        node = iris.doc_item(doc, item)
        assert rows(store, f"SELECT ?p WHERE {{ <{node}> ?p ?o }}") == [], node
    # The note's "the two Koreas have now fired missiles across the line" reaches the
    # report's South Korean strike: one node, two reporting documents.
    assert {REPORT, NOTE} <= reporters(store, iris.doc_item(REPORT, "ev-sk-strike"))


def test_each_source_dates_the_shared_veto_in_its_own_graph(store):
    got = rows(store, f"""SELECT ?g ?earliest ?latest WHERE {{ GRAPH ?g {{
        <{seed('ev-resolution-block')}> sem:hasTime ?t }} ?t kg:earliest ?earliest ;
        kg:latest ?latest }}""")
    # The seed: "In the summer of 2022"; the note: "On 26 May 2022".
    assert (iris.doc_graph(NOTE), "2022-05-26", "2022-05-26") in got, got
    seed_rows = [r for r in got if r[0] == iris.doc_graph(SEED_ID)]
    assert seed_rows and all(r[1] >= "2022-06-01" for r in seed_rows), got


def test_the_unknown_source_note_attributes_its_claims_to_the_document(store):
    claims = rows(store, f"""SELECT ?c WHERE {{ GRAPH <{iris.doc_graph(NOTE)}> {{
        ?c a kg:Claim }} }}""")
    assert len(claims) >= 15, claims
    for (claim,) in claims:
        got = rows(store, f"""SELECT ?p ?o WHERE {{ <{claim}> ?p ?o FILTER(?p IN
            (prov:wasAttributedTo, prov:hadPrimarySource, kg:reportedBy, kg:speaker)) }}""")
        assert (PROV + "hadPrimarySource", iris.doc(NOTE)) in got, (claim, got)
        speakers = {o for p, o in got if p == KG + "speaker"}
        attributed = {o for p, o in got if p == PROV + "wasAttributedTo"}
        # No author or publisher: the note's own claims are attributed to nobody else; a
        # reported speaker's claim ("the United States said ...") is the speaker's, reported
        # by the document.
        assert attributed == speakers, (claim, got)
        if speakers:
            assert (KG + "reportedBy", iris.doc(NOTE)) in got, (claim, got)


def test_reported_speakers_of_the_report(store):
    got = rows(store, f"""SELECT ?c ?speaker ?polarity WHERE {{
        GRAPH <{iris.doc_graph(REPORT)}> {{ ?c kg:speaker ?speaker ; kg:polarity ?polarity }} }}""")
    short = {(c.rsplit("/", 1)[1], s.rsplit("/", 1)[1], p.rsplit("#", 1)[1]) for c, s, p in got}
    # "It said that on 2 November the army had also fired two strategic cruise missiles ...";
    # "The Joint Chiefs denied it".
    assert ("c-kpa-cruise", "kpa-general-staff", "Affirmative") in short
    assert ("c-jcs-denial", "rok-jcs", "Negative") in short
    # "His office said he condemned the launch as an effective territorial encroachment".
    assert ("c-yoon-condemns", "rok-presidential-office", "Affirmative") in short
    # "Pak Jong Chon ... said ... that Vigilant Storm ... was an aggressive and provocative drill".
    assert ("c-pak-drill-aimed", "pak-jong-chon", "Affirmative") in short
    # Both speakers' claims are about one event node.
    cruise = iris.doc_item(REPORT, "ev-cruise-ulsan")
    both = rows(store, f"""SELECT ?c WHERE {{ ?c kg:asserts <{cruise}> }}""")
    assert {c.rsplit("/", 1)[1] for (c,) in both} == {"c-kpa-cruise", "c-jcs-denial"}


def test_the_note_denies_what_the_seed_asserts(store):
    # The seed: "a UN resolution to sanction North Korea for its missile tests over Japan";
    # the note: "That draft did not answer any missile flight over Japan."
    motive = seed("m-sanction-tests")
    got = rows(store, f"""SELECT ?g ?polarity WHERE {{ GRAPH ?g {{ ?c kg:asserts <{motive}> ;
        kg:polarity ?polarity }} }}""")
    assert (iris.doc_graph(SEED_ID), KG + "Affirmative") in got, got
    assert (iris.doc_graph(NOTE), KG + "Negative") in got, got
    # And it forecasts differently: a seventh test "unlikely" where the seed says "possibly".
    test7 = seed("ev-nuclear-test-7")
    got = rows(store, f"""SELECT ?g ?certainty WHERE {{ GRAPH ?g {{ ?c kg:asserts <{test7}> ;
        kg:certainty ?certainty ; kg:modality kg:Prediction }} }}""")
    assert (iris.doc_graph(SEED_ID), KG + "Possible") in got, got
    assert (iris.doc_graph(NOTE), KG + "Unlikely") in got, got


def test_the_landing_point_is_three_offsets_from_named_places(store):
    # "26 kilometres south of the line, 57 kilometres east of the city of Sokcho and
    # 167 kilometres northwest of Ulleung Island"
    got = rows(store, f"""SELECT ?distance ?direction ?from WHERE {{
        GRAPH <{iris.doc_graph(REPORT)}> {{ <{seed('ev-srbm-ulleung')}> sem:hasPlace ?loc .
        ?loc a kg:RelativeLocation ; kg:distance ?distance ; kg:direction ?direction ;
             kg:fromPlace ?from }} }}""")
    short = {(float(d), k.rsplit("#", 1)[1], f.rsplit("/", 1)[1]) for d, k, f in got}
    assert short == {(26.0, "South", "northern-limit-line"), (57.0, "East", "sokcho"),
                     (167.0, "NorthWest", "ulleung-island")}, short


def test_quantities_and_relative_times_of_the_report(store):
    # "fired three precision-guided air-to-ground missiles"; "about 240 aircraft".
    got = rows(store, f"""SELECT ?e ?value ?approx WHERE {{ GRAPH <{iris.doc_graph(REPORT)}> {{
        ?e kg:quantity ?q . ?q kg:value ?value ; kg:approximation ?approx }} }}""")
    short = {(e.rsplit("/", 1)[1], float(v), a.rsplit("#", 1)[1]) for e, v, a in got}
    assert ("ev-sk-strike", 3.0, "Exact") in short, short
    assert ("ev-vigilant-storm", 240.0, "Approximate") in short, short
    assert ("ev-nov2-launches", 23.0, "Exact") in short, short
    # "Five days after the launches" of 2 November: 7 November.
    t = iris.doc_item(REPORT, "t-five-days-after")
    got = rows(store, f"SELECT ?e ?l WHERE {{ <{t}> kg:earliest ?e ; kg:latest ?l }}")
    assert got == [("2022-11-07", "2022-11-07")], got


def test_the_vote_and_the_overflight_in_the_note(store):
    vote = iris.doc_item(VOTE, "ev-vote")
    got = rows(store, f"""SELECT ?value ?blocker WHERE {{ GRAPH <{iris.doc_graph(NOTE)}> {{
        <{vote}> kg:quantity/kg:value ?value .
        ?veto kg:partOf <{vote}> ; kg:agent ?blocker }} }}""")
    # "the other thirteen members of the Security Council voted in favour"; "China and Russia
    # vetoed a draft resolution".
    assert {(float(v), b) for v, b in got} == {(13.0, iris.corpus_item("china")),
                                              (13.0, iris.corpus_item("russia"))}, got
    # "an intermediate-range ballistic missile flew over the north of the country" (Japan),
    # "The next day the United States and South Korea each fired two ATACMS missiles".
    flight = iris.doc_item(WIRE, "ev-overflight")
    got = rows(store, f"""SELECT ?country WHERE {{ GRAPH <{iris.doc_graph(NOTE)}> {{
        <{flight}> kg:overCountry ?country }} }}""")
    assert got == [(iris.corpus_item("japan"),)], got
    # The firing is the wire's node; the note's graph holds the note's own account of it.
    answer = iris.doc_item(WIRE, "ev-atacms")
    got = rows(store, f"""SELECT ?e ?agent ?n WHERE {{ GRAPH <{iris.doc_graph(NOTE)}> {{ <{answer}>
        sem:hasTime ?t ; kg:respondsTo <{flight}> ; kg:agent ?agent ; kg:quantity/kg:value ?n }}
        ?t kg:earliest ?e }}""")
    assert {(e, a, float(n)) for e, a, n in got} == {
        ("2022-10-05", iris.corpus_item("united-states"), 2.0),
        ("2022-10-05", iris.corpus_item("south-korea"), 2.0)}, got


def test_grading_of_the_new_documents(store):
    got = rows(store, f"""SELECT ?doc ?r ?c WHERE {{ VALUES ?doc {{ <{iris.doc(REPORT)}>
        <{iris.doc(NOTE)}> }} ?doc kg:reliability ?r ; kg:credibility ?c }}""")
    short = {(d.rsplit("/", 1)[1], r.rsplit("#", 1)[1], c.rsplit("#", 1)[1]) for d, r, c in got}
    assert short == {(REPORT, "ReliabilityB", "Credibility2"),
                     (NOTE, "ReliabilityF", "Credibility3")}, short
    # North Korea's disputed claim is graded doubtful on its own.
    claim = iris.doc_item(REPORT, "c-kpa-cruise")
    assert rows(store, f"SELECT ?c WHERE {{ <{claim}> kg:credibility ?c }}") == [
        (KG + "Credibility4",)]


@pytest.fixture(scope="module")
def pack_store(corpus_build):
    from kg.store import open_store

    s = open_store(corpus_build.out / "store")
    yield s
    s.close()


def ask(store, name, **params):
    from kg.query import run_query

    return [{k: v.value for k, v in r.items()}
            for r in run_query(name, store, params={"limit": "0", **params}).dicts()]


def test_corroboration_lists_every_report_of_the_ulleung_launch(pack_store):
    rows = [r for r in ask(pack_store, "corroboration-detail")
            if r["item"] == seed("ev-srbm-ulleung")]
    got = {(r["documentLabel"], r["sourceLabel"], r.get("reliability"), r.get("credibility"),
            r["assertion"]) for r in rows}
    cfr = "North Korea Has Escalated Its Military Provocations. Here’s Why."
    report = "North Korean missile lands south of the sea border; South Korea fires back across it"
    note = "Analytic note: North Korea to the end of 2022"
    commentary = "Commentary: Vigilant Storm and the answer it drew from Pyongyang"
    scm = ("Meeting summary: the 54th U.S.-South Korea Security Consultative Meeting, Washington,"
           " 3 November 2022")
    editorial = "Naming the enemy is not yet a policy"
    assert got == {
        (cfr, "Council on Foreign Relations", None, None, "source's own"),
        # The report's own sentence, and the two South Korean bodies it reports ("The Joint
        # Chiefs said the missile was ...", "the Defence Ministry said debris ... came from an
        # SA-5"), graded with the document (B2).
        (report, "kg project", "B", "2", "source's own"),
        (report, "Joint Chiefs of Staff (South Korea)", "B", "2", "reported speaker"),
        (report, "Ministry of National Defense (South Korea)", "B", "2", "reported speaker"),
        # The note of unknown author and publisher is its own source (F), its claim confirmed
        # elsewhere (credibility 1).
        (note, note, "F", "1", "source's own"),
        # The kg project's commentary of 8 November, its own sentence (F1).
        (commentary, "kg project", "F", "1", "source's own"),
        # The kg project's summary of the 3 November Security Consultative Meeting ("one of
        # them came down south of the Northern Limit Line"), its own sentence (F1).
        (scm, "kg project", "F", "1", "source's own"),
        # The kg project's editorial of 20 February 2023 on the white paper, which counts the
        # missile south of the sea border among the North's violations: the Defence Ministry's
        # claim, reported by the editorial (F1).
        (editorial, "Ministry of National Defense (South Korea)", "F", "1", "reported speaker"),
    }, got
    assert {r["sources"] for r in rows} == {"6"}, rows


def test_contradictions_set_the_note_against_the_seed(pack_store):
    rows = ask(pack_store, "contradictions-detail", **{"include-nonfactual": "true"})
    got = {(r["node"], r["aspect"], r["documentA"], r["documentB"]) for r in rows}
    seed_doc, note_doc = iris.doc(SEED_ID), iris.doc(NOTE)

    def between(node, aspect):
        return ((node, aspect, seed_doc, note_doc) in got
                or (node, aspect, note_doc, seed_doc) in got)

    # "In the summer of 2022" against "On 26 May 2022".
    assert between(seed("ev-resolution-block"), "time"), got
    # "for its missile tests over Japan" against "That draft did not answer any missile flight
    # over Japan."
    assert between(seed("m-sanction-tests"), "polarity"), got
    # "would likely ... generating tensions between alliance partners" against "we do not
    # expect it to open a lasting rift between Washington and Seoul".
    assert between(seed("ev-alliance-tensions"), "polarity"), got
    # Inside the report, two reported speakers: North Korea's General Staff says it fired two
    # cruise missiles off Ulsan, South Korea's Joint Chiefs deny it.
    cruise = iris.doc_item(REPORT, "ev-cruise-ulsan")
    assert (cruise, "polarity", iris.doc(REPORT), iris.doc(REPORT)) in got, got
