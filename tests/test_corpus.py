"""The shipped multi-source corpus (data/): the seed brief and the team's own briefs build and
validate together; where they report the same real-world items they share one node; and the
facts written in the texts are in the graph (expected values read from the texts)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.loaders import load_corpus
from kg.resources import data_dir

KG = "https://w3id.org/kg-toolkit/ontology#"
ID = "https://w3id.org/kg-toolkit/id/"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
PROV = "http://www.w3.org/ns/prov#"
SEED = "cfr-2022-north-korea-provocations"
UNSC = "unsc-2022-05-26-vote-summary"
WIRE = "wire-2022-10-04-overflight"
VETO = f"{ID}doc/{SEED}/ev-resolution-block"


@pytest.fixture(scope="module")
def corpus(corpus_build):
    """All of data/ (the seed with the team's briefs): the session's one build of it."""
    return corpus_build


@pytest.fixture(scope="module")
def store(corpus):
    return ox.Store.read_only(str(corpus.out / "store"))


PREFIXES = (f"PREFIX kg: <{KG}> PREFIX schema: <{SCHEMA}> PREFIX sem: <{SEM}> "
            f"PREFIX prov: <{PROV}> PREFIX kgd: <{ID}> ")


def ask(store, query: str) -> list[dict[str, str]]:
    rows = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in rows]


def holds(store, pattern: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ {pattern} }}", use_default_graph_as_union=True))


def test_the_corpus_holds_the_seed_and_the_teams_briefs():
    ids = {d.id for d in load_corpus(data_dir())}
    assert {SEED, UNSC, WIRE} <= ids


# That the whole corpus validates is tested once, on the same build, in test_corpus_nll.py
# (test_the_whole_corpus_builds_and_validates).


def test_the_veto_is_one_node_reported_by_at_least_three_documents(store):
    rows = ask(store, f"SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?doc schema:mentions <{VETO}> }} "
                      "}")
    docs = {r["doc"].rsplit("/", 1)[-1] for r in rows}
    assert {SEED, UNSC, WIRE} <= docs, docs
    # No document mints a node of its own for it.
    for doc in (UNSC, WIRE):
        assert not ask(store, f"SELECT ?t WHERE {{ <{ID}doc/{doc}/ev-veto> a ?t }}")


def test_the_sources_disagree_on_the_date_of_the_veto(store):
    rows = ask(store, f"""SELECT ?g ?earliest ?latest WHERE {{
        GRAPH ?g {{ <{VETO}> sem:hasTime ?t }} GRAPH ?g {{ ?t kg:earliest ?earliest ;
        kg:latest ?latest }} }}""")
    by_doc = {r["g"].rsplit("/", 1)[-1]: (r["earliest"], r["latest"]) for r in rows}
    assert by_doc[SEED] == ("2022-06-01", "2022-08-31")      # "the summer of 2022"
    assert by_doc[UNSC] == ("2022-05-26", "2022-05-26")      # "On 26 May 2022"


def test_the_vote_tally_and_outcome_are_in_the_graph(store):
    vote = f"{ID}doc/{UNSC}/ev-vote"
    # DISTINCT: every document that reports the vote states its tally in its own graph.
    rows = ask(store, f"""SELECT DISTINCT ?for ?against ?abst ?outcome WHERE {{ <{vote}>
        kg:votesFor ?for ; kg:votesAgainst ?against ; kg:abstentions ?abst ;
        kg:outcome ?outcome }}""")
    assert rows == [{"for": "13", "against": "2", "abst": "0", "outcome": KG + "Vetoed"}]
    opponents = ask(store, f"SELECT DISTINCT ?a WHERE {{ <{vote}> kg:opponent ?a }}")
    assert sorted(r["a"] for r in opponents) == [ID + "china", ID + "russia"]
    # The veto is part of the vote; the resolution is the seed's.
    assert holds(store, f"<{VETO}> kg:partOf <{vote}>")
    assert holds(store, f"<{vote}> kg:object <{ID}doc/{SEED}/res-un-sanctions>")


def test_the_security_council_is_an_organ_of_the_un(store):
    assert holds(store, "kgd:un-security-council kg:organOf kgd:united-nations")
    rows = ask(store, "SELECT ?e WHERE { ?e kg:indirectParty kgd:united-nations }")
    assert f"{ID}doc/{UNSC}/ev-vote" in {r["e"] for r in rows}


def test_the_overflight_and_the_allies_answer_the_next_day(store):
    launch = f"{ID}doc/{WIRE}/ev-overflight"
    assert holds(store, f"<{launch}> kg:overCountry kgd:japan ; kg:agent kgd:north-korea")
    place = ask(store, f"""SELECT ?d ?dir ?from WHERE {{ <{launch}> sem:hasPlace ?p .
        ?p kg:distance ?d ; kg:direction ?dir ; kg:fromPlace ?from }}""")
    assert place == [{"d": "3200", "dir": KG + "East", "from": ID + "japan"}]
    # The wire's own words (the note reports the same firing in its graph: one node).
    atacms = f"{ID}doc/{WIRE}/ev-atacms"
    rows = ask(store, f"""SELECT ?day ?n WHERE {{ GRAPH <{ID}graph/doc/{WIRE}> {{
        <{atacms}> sem:hasTime ?t ; kg:respondsTo <{launch}> ; kg:quantity ?q .
        ?q kg:value ?n ; kg:unit "surface-to-surface missiles" }}
        ?t kg:earliest ?day ; kg:latest ?day }}""")
    assert rows == [{"day": "2022-10-05", "n": "4"}]       # "The following day ... four"


def test_the_hyunmoo_failed_in_flight_but_happened(store):
    ev = f"{ID}doc/{WIRE}/ev-hyunmoo-failure"
    assert holds(store, f"<{ev}> kg:outcome kg:FailedInFlight ; kg:status kg:Occurred")


def test_allied_events_reach_the_members(store):
    rows = ask(store, "SELECT ?e WHERE { ?e kg:indirectParty kgd:south-korea }")
    # The wire's allied drills are the alliance's alone ("the allied drills").
    assert f"{ID}doc/{WIRE}/ev-allied-drills" in {r["e"] for r in rows}
    # The ATACMS firing is the alliance's in the wire and the two states' in the note, which
    # reports it too: South Korea is a direct party, so not an indirect one.
    atacms = f"{ID}doc/{WIRE}/ev-atacms"
    assert atacms not in {r["e"] for r in rows}
    assert holds(store, f"<{atacms}> kg:agent kgd:south-korea, kgd:us-rok-alliance")
    # The seed's alliance events reach the members too, once a brief states the membership.
    assert f"{ID}doc/{SEED}/ev-allied-response" in {r["e"] for r in rows}


def test_reported_speakers_are_not_the_source(store):
    claim = f"{ID}doc/{UNSC}/c-us-accuses"
    rows = ask(store, f"SELECT ?who WHERE {{ <{claim}> prov:wasAttributedTo ?who }}")
    assert {r["who"] for r in rows} == {ID + "united-states"}
    assert holds(store, f"<{claim}> kg:reportedBy kgd:kg-project")
