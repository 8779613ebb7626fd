"""The vocabulary multi-source briefs need (issue 12, item 10), end to end from YAML to answers:
votes and meetings, failures in flight, membership and organs, quantities and offsets, times
relative to another event, "almost certain", and a country as where an event happens."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import HANG_S, write_corpus

from kg.build import build
from kg.errors import AnnotationError
from kg.loaders import load_corpus
from kg.query import run_query
from kg.store import open_store
from kg.validation import validate

KG = "https://w3id.org/kg-toolkit/ontology#"
ID = "https://w3id.org/kg-toolkit/id/"
DOC = ID + "doc/vocab/"

TEXT = ("The Security Council met on 26 May 2022 and voted 13 to 2 on the draft; China and "
        "Russia vetoed it. North Korea fired a missile over Japan on 4 October 2022. It came "
        "down about 3,000 kilometres east of Japan. The following day the allies fired 4 "
        "missiles; one crashed. Within hours Japan protested. Days later the allies met. An "
        "undated test came first, and a week after it, more. A seventh nuclear test is almost "
        "certain.\n")

YAML = """\
document:
  id: vocab
  text: vocab.txt
  publisher: team
  author: unknown
  date: 2022-10-20
annotations:
  - {id: team, type: Organization, label: Test team}
  - {id: unsc, type: IGOOrgan, label: Security Council, quote: Security Council, organOf: un}
  - {id: un, type: IntergovernmentalOrganization, label: United Nations}
  - {id: china, type: State, label: China, quote: China}
  - {id: russia, type: State, label: Russia, quote: Russia}
  - {id: nk, type: State, label: North Korea, quote: North Korea}
  - {id: japan, type: State, label: Japan, mentions: [{quote: Japan, occurrence: all}]}
  - {id: usa, type: State, label: United States, memberOf: allies}
  - {id: rok, type: State, label: South Korea, memberOf: allies}
  - {id: allies, type: Alliance, label: the allies, quote: the allies fired, occurrence: 1}
  - {id: t-may26, type: TimeSpan, quote: 26 May 2022, begin: 2022-05-26, end: 2022-05-26,
     precision: Day}
  - {id: ev-meeting, type: Meeting, quote: The Security Council met, agent: unsc, time: t-may26}
  - id: ev-vote
    type: Vote
    quote: voted 13 to 2 on the draft
    agent: unsc
    partOf: ev-meeting
    votesFor: 13
    votesAgainst: 2
    abstentions: 0
    opponents: [china, russia]
    outcome: Vetoed
    time: t-may26
  - {id: t-oct4, type: TimeSpan, quote: 4 October 2022, begin: 2022-10-04, end: 2022-10-04,
     precision: Day}
  - {id: ev-launch, type: MissileLaunch, quote: fired a missile over Japan, agent: nk,
     over: japan, time: t-oct4, place: loc-east}
  - {id: loc-east, type: RelativeLocation, quote: "about 3,000 kilometres east of Japan",
     distance: 3000, unit: kilometres, approximation: Approximate, direction: East, from: japan}
  - {id: t-next, type: TimeSpan, quote: The following day, relativeTo: ev-launch, offset: P1D,
     precision: Relative}
  - {id: q-four, type: Quantity, quote: 4 missiles, value: 4, unit: missiles}
  - {id: ev-allied, type: MissileLaunch, quote: the allies fired 4 missiles, agent: allies,
     target: nk, quantity: q-four, time: t-next, respondsTo: ev-launch}
  - {id: ev-crash, type: MissileLaunch, quote: one crashed, agent: allies, outcome: FailedInFlight,
     partOf: ev-allied, time: t-next}
  - {id: t-hours, type: TimeSpan, quote: Within hours, relativeTo: ev-launch, offset: PT0S,
     offsetUpTo: PT24H, precision: Relative}
  - {id: ev-protest, type: PublicStatement, quote: Japan protested, agent: japan, time: t-hours}
  - {id: t-days, type: TimeSpan, quote: Days later, relativeTo: ev-allied, offset: P1D,
     precision: OpenInterval}
  - {id: ev-allies-meet, type: Meeting, quote: the allies met, agent: allies, time: t-days}
  - {id: t-undated, type: TimeSpan, quote: first, precision: Relative}
  - {id: ev-undated, type: MissileTest, quote: An undated test, agent: nk, time: t-undated}
  - {id: t-week, type: TimeSpan, quote: a week after it, relativeTo: ev-undated, offset: P7D,
     precision: Relative}
  - {id: ev-more, type: MissileTest, quote: more, agent: nk, time: t-week}
  - {id: ev-test7, type: NuclearTest, quote: A seventh nuclear test, agent: nk, ordinal: 7,
     status: Hypothetical}
  - {id: cl-test7, type: Claim, quote: A seventh nuclear test is almost certain.,
     asserts: ev-test7, modality: Prediction, certainty: AlmostCertain}
"""


@pytest.fixture(scope="module")
def vocab_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vocab")
    write_corpus(folder / "data", YAML, TEXT, name="vocab")
    return build(folder / "data", out=folder / "build")


@pytest.fixture(scope="module")
def vocab_store(vocab_build):
    return ox.Store.read_only(str(vocab_build.out / "store"))


def objects(store, s, p):
    return sorted(q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(s), ox.NamedNode(p), None, None))


def test_the_corpus_validates(vocab_build):
    report = validate(vocab_build.out)
    assert report.conforms, report.text()


def test_a_vote_has_its_tally_voters_and_outcome(vocab_store):
    vote = DOC + "ev-vote"
    assert objects(vocab_store, vote, KG + "votesFor") == ["13"]
    assert objects(vocab_store, vote, KG + "votesAgainst") == ["2"]
    assert objects(vocab_store, vote, KG + "abstentions") == ["0"]
    assert objects(vocab_store, vote, KG + "opponent") == [ID + "china", ID + "russia"]
    assert objects(vocab_store, vote, KG + "outcome") == [KG + "Vetoed"]
    assert objects(vocab_store, vote, KG + "partOf") == [DOC + "ev-meeting"]
    assert KG + "Meeting" in objects(vocab_store, DOC + "ev-meeting",
                                     "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_a_failure_in_flight_is_an_outcome_of_a_launch_that_happened(vocab_store):
    assert objects(vocab_store, DOC + "ev-crash", KG + "outcome") == [KG + "FailedInFlight"]
    assert objects(vocab_store, DOC + "ev-crash", KG + "status") == []


@pytest.mark.parametrize(("span", "earliest", "latest"), [
    ("t-next", ["2022-10-05"], ["2022-10-05"]),    # the following day
    ("t-hours", ["2022-10-04"], ["2022-10-05"]),   # within hours: rounded out to whole days
    ("t-days", ["2022-10-06"], []),                # days after the following day: open
    ("t-week", [], []),                            # relative to an undated event: undated
])
def test_relative_times_are_dated_from_the_event_they_refer_to(vocab_store, span, earliest,
                                                                latest):
    assert objects(vocab_store, DOC + span, KG + "earliest") == earliest
    assert objects(vocab_store, DOC + span, KG + "latest") == latest


def test_quantities_and_offsets(vocab_store):
    q = DOC + "q-four"
    assert objects(vocab_store, q, KG + "value") == ["4"]
    assert objects(vocab_store, q, KG + "unit") == ["missiles"]
    loc = DOC + "loc-east"
    assert objects(vocab_store, loc, KG + "distance") == ["3000"]
    assert objects(vocab_store, loc, KG + "direction") == [KG + "East"]
    assert objects(vocab_store, loc, KG + "approximation") == [KG + "Approximate"]
    assert objects(vocab_store, loc, KG + "fromPlace") == [ID + "japan"]
    # A relative location is a place of the event, minted under the document.
    launch = DOC + "ev-launch"
    assert objects(vocab_store, launch, "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace") \
        == [loc]
    assert objects(vocab_store, launch, KG + "quantity") == []
    assert objects(vocab_store, DOC + "ev-allied", KG + "quantity") == [q]


def test_a_country_is_where_an_event_happens_without_becoming_a_place(vocab_store):
    assert objects(vocab_store, DOC + "ev-launch", KG + "overCountry") == [ID + "japan"]
    types = objects(vocab_store, ID + "japan", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert KG + "State" in types and KG + "Place" not in types


def test_almost_certain_lies_between_likely_and_certain(onto):
    import rdflib

    score = {c: onto.graph.value(rdflib.URIRef(KG + c), rdflib.URIRef(KG + "certaintyScore"))
             .toPython() for c in ("Likely", "AlmostCertain", "Certain")}
    assert score["Likely"] < score["AlmostCertain"] < score["Certain"]
    assert "AlmostCertain" in onto.concepts_in("CertaintyScheme")


def test_membership_reaches_allied_and_organ_events(vocab_store):
    g = ox.NamedNode(ID + "graph/derived/membership")
    derived = {(q.subject.value, q.predicate.value, q.object.value)
               for q in vocab_store.quads_for_pattern(None, None, None, g)}
    assert (ID + "usa", KG + "actsThrough", ID + "allies") in derived
    assert (ID + "un", KG + "actsThrough", ID + "unsc") in derived
    for ev in ("ev-allied", "ev-crash", "ev-allies-meet"):
        assert (DOC + ev, KG + "indirectParty", ID + "usa") in derived
        assert (DOC + ev, KG + "indirectParty", ID + "rok") in derived
    assert (DOC + "ev-vote", KG + "indirectParty", ID + "un") in derived
    # Nothing a source asserted is restated as a direct role of the member.
    assert not list(vocab_store.quads_for_pattern(None, ox.NamedNode(KG + "agent"),
                                                  ox.NamedNode(ID + "usa"), None))


def test_actor_profile_shows_allied_events_on_members_marked_via_the_alliance(vocab_build):
    store = open_store(vocab_build.out / "store")
    try:
        rows = _ask(store, "usa")
        un_rows = _ask(store, "un")
    finally:
        store.close()
    got = {(r["itemLabel"], r.get("viaLabel"), r["roleLabel"]) for r in rows}
    assert got == {("the allies fired 4 missiles", "the allies", "agent"),
                   ("one crashed", "the allies", "agent"),
                   ("the allies met", "the allies", "agent")}
    un = {(r["itemLabel"], r.get("viaLabel")) for r in un_rows}
    assert ("voted 13 to 2 on the draft", "Security Council") in un
    assert ("Security Council", None) in un  # the organ itself, a direct statement


def _ask(store, actor):
    result = run_query("actor-profile-detail", store, params={"actor": actor, "limit": "0"},
                       timeout_s=HANG_S)
    return [{k: v.value for k, v in row.items()} for row in result.dicts()]


@pytest.mark.parametrize(("old", "new", "pattern"), [
    ("over: japan,", "over: t-oct4,", r"'over' takes a state, but 't-oct4' is of type TimeSpan"),
    ("relativeTo: ev-launch, offset: P1D,", "relativeTo: ev-launch, offset: P1.5M,",
     r"'offset' must be a duration"),
    ("relativeTo: ev-launch, offset: P1D,", "relativeTo: ev-launch, offset: P1MT,",
     r"'offset' must be a duration"),
    ("offset: P1D,\n     precision: Relative}", "offset: P1D, begin: 2022-10-05,\n     "
     "precision: Relative}", r"either dated \('begin'\) or relative"),
    ("value: 4,", "value: four,", r"'value' must be a number"),
    ("votesFor: 13", "votesFor: many", r"'votesFor' must be a whole number"),
    ("outcome: Vetoed", "outcome: Vetoes", r"use one of: .*Vetoed"),
    ("direction: East", "direction: Eastward", r"use one of: .*East"),
    ("relativeTo: ev-launch, offset: P1D", "relativeTo: japan, offset: P1D",
     r"'relativeTo' takes an event, but 'japan' is of type State"),
])
def test_bad_values_are_one_line_errors(tmp_path, old, new, pattern):
    import re

    assert old in YAML
    ann = write_corpus(tmp_path / "c", YAML.replace(old, new, 1), TEXT, name="vocab")
    with pytest.raises(AnnotationError) as info:
        load_corpus(ann)
    texts = [str(p) for p in info.value.problems]
    assert any(re.search(pattern, t) for t in texts), texts
    assert all(t.startswith(f"{ann}:") for t in texts), texts


@pytest.mark.parametrize(("old", "new", "pattern"), [
    # memberOf and relativeTo have an rdfs:domain: the loader refuses them before the shapes
    ("precision: Day}\n  - {id: ev-meeting",
     "precision: Day, memberOf: allies}\n  - {id: ev-meeting",
     r"key 'memberOf' does not apply to type TimeSpan \(it applies to Actor\)"),
    ("value: 4, unit: missiles}", "value: 4, unit: missiles, relativeTo: ev-launch}",
     r"key 'relativeTo' does not apply to type Quantity \(it applies to TimeSpan\)"),
])
def test_a_key_outside_its_domain_is_a_one_line_error(tmp_path, old, new, pattern):
    test_bad_values_are_one_line_errors(tmp_path, old, new, pattern)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("votesAgainst: 2", "votesAgainst: -2", "votes against: one whole number, 0 or more"),
])
def test_shapes_catch_what_the_loader_leaves(tmp_path, old, new, message):
    assert old in YAML
    write_corpus(tmp_path / "data", YAML.replace(old, new, 1), TEXT, name="vocab")
    built = build(tmp_path / "data", out=tmp_path / "build")
    report = validate(built.out)
    assert not report.conforms
    assert any(message in f.message for f in report.findings), report.text()


def test_numbers_and_durations_are_written_in_the_form_the_store_keeps(tmp_path):
    """graph.nq and the store agree (a graph exported from the store builds the same bytes)."""
    yaml_text = (YAML.replace("offsetUpTo: PT24H", "offsetUpTo: PT1440M")
                 .replace("distance: 3000,", "distance: 3000.0,")
                 .replace("votesFor: 13", "votesFor: '013'"))  # quoted: 013 is octal
    write_corpus(tmp_path / "data", yaml_text, TEXT, name="vocab")
    built = build(tmp_path / "data", out=tmp_path / "build")
    nq = built.nquads.read_text(encoding="utf-8")
    assert '"P1D"^^<http://www.w3.org/2001/XMLSchema#dayTimeDuration>' in nq
    assert '"3000"^^<http://www.w3.org/2001/XMLSchema#decimal>' in nq
    assert '"13"^^<http://www.w3.org/2001/XMLSchema#integer>' in nq
    store = ox.Store.read_only(str(built.out / "store"))
    stored = {q.object.value for q in store if isinstance(q.object, ox.Literal)}
    assert {"P1D", "3000", "13"} <= stored


def test_calendar_offsets_are_written_in_the_form_the_store_keeps(tmp_path):
    """Months and years (an xsd:yearMonthDuration, or an xsd:duration with days as well) are
    written as the store writes them back: P12M is P1Y."""
    yaml_text = (YAML.replace("offsetUpTo: PT24H", "offsetUpTo: P0Y12M")
                 .replace("offset: P7D", "offset: P1M2D"))
    assert yaml_text.count("P0Y12M") == 1 and yaml_text.count("P1M2D") == 1
    write_corpus(tmp_path / "data", yaml_text, TEXT, name="vocab")
    built = build(tmp_path / "data", out=tmp_path / "build")
    nq = built.nquads.read_text(encoding="utf-8")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert f'"P1Y"^^<{xsd}yearMonthDuration>' in nq
    assert f'"P1M2D"^^<{xsd}duration>' in nq
    store = ox.Store.read_only(str(built.out / "store"))
    stored = {(q.object.value, q.object.datatype.value) for q in store
              if isinstance(q.object, ox.Literal)}
    assert {("P1Y", xsd + "yearMonthDuration"), ("P1M2D", xsd + "duration")} <= stored
    report = validate(built.out)
    assert report.conforms, report.text()
