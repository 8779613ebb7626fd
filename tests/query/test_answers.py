"""Each question of the pack, answered on the seed corpus.

The expected rows are written from the article (data/cfr-2022-north-korea-provocations.txt):
what an analyst reading it would expect, not what the queries happen to return. Where the
expectation needs an annotation the seed lacks, the assertion message says which.
"""

from __future__ import annotations

import re

import pytest

SOURCE = "Council on Foreign Relations"
KGD = "https://w3id.org/kg-toolkit/id/"


def labels(rows, *keys):
    return {tuple(r.get(k, "") for k in keys) for r in rows}


def pairs_of(rows, *keys):
    """``labels`` over list cells: every combination of their items, per row."""
    from itertools import product

    return {combo for r in rows
            for combo in product(*[(r.get(k) or "").split("; ") for k in keys])}


def mentions(text: str, *words: str) -> bool:
    return all(w.lower() in (text or "").lower() for w in words)


# -- 1 alignment ------------------------------------------------------------------------------

def test_alignment_north_korea_with_russia_and_china_via_the_pledge(ask):
    rows = ask("alignment-detail")
    pairs = labels(rows, "actorLabel", "otherLabel", "tieLabel")
    # "It has enhanced its alignment with both Moscow and Beijing"
    for other in ("Russia", "China"):
        assert ("North Korea", other, "alignment") in pairs, sorted(pairs)
        # alignment is symmetric: each tie is listed once, from its subject
        assert (other, "North Korea", "alignment") not in pairs, sorted(pairs)
    via = [r for r in rows if r["actorLabel"] == "North Korea" and r["tieLabel"] == "alignment"]
    # "... by pledging closer “strategic and tactical” cooperation"
    assert all(r.get("viaTypeLabel") == "cooperation pledge" for r in via), via
    assert all(mentions(r.get("viaLabel"), "strategic and tactical") for r in via), via
    assert all(r.get("sourceLabel") == SOURCE for r in via), via
    assert all(mentions(r.get("claimLabel"), "enhanced its alignment") for r in via), via
    assert all(r["actor"].startswith(KGD) and r["other"].startswith(KGD) for r in rows), rows


def test_alignment_gives_one_row_per_pair_of_actors(ask):
    rows = ask("alignment")
    pairs = [(r["actorLabel"], r["otherLabel"]) for r in rows]
    # "enhanced its alignment with both Moscow and Beijing"; "U.S.-South Korea ties"
    assert pairs == [("China", "North Korea"), ("North Korea", "Russia"),
                     ("South Korea", "United States")], pairs
    allies = rows[2]
    # the alliance holds both ways; the extended deterrence commitment has a direction
    assert allies["ties"] == ("alliance relation; security commitment "
                              "(United States → South Korea)"), allies
    assert allies["relations"] == "2" and allies["sources"] == "1", allies
    detail = [r for r in ask("alignment-detail")
              if {r["actorLabel"], r["otherLabel"]} == {"South Korea", "United States"}]
    assert int(allies["claims"]) == len({r["claim"] for r in detail if r.get("claim")}), detail
    # the first anchor by offset: "U.S.-South Korea ties" in the seed's opening paragraphs
    first = min((r for r in detail if r.get("start")), key=lambda r: int(r["start"]))
    assert (allies["quote"], allies["start"]) == (first["quote"], first["start"]), allies


def test_alignment_includes_the_allies_and_the_recommended_coordination_only_when_asked(ask):
    pairs = labels(ask("alignment"), "actorLabel", "otherLabel")
    # "U.S.-South Korea ties", "alliance partners", "extended deterrence pledges to defend
    # South Korea": reported, so in the default answer (once: the pair, not each direction)
    assert ("South Korea", "United States") in pairs, sorted(pairs)
    assert ("United States", "South Korea") not in pairs, sorted(pairs)
    # "will need to strengthen coordination with Japan and South Korea" is a recommendation:
    # not asserted as fact, so only with include-nonfactual, and marked so
    assert ("Japan", "United States") not in pairs, sorted(pairs)
    rows = ask("alignment", **{"include-nonfactual": "true"})
    marked = {(r["actorLabel"], r["otherLabel"], r.get("factuality")) for r in rows}
    assert ("Japan", "United States", "not asserted as fact") in marked, sorted(marked)
    assert ("China", "Russia") not in pairs, "the text never aligns China with Russia"


def test_alignment_quotes_match_the_text(ask, seed_text):
    for name in ("alignment", "alignment-detail"):
        for row in ask(name):
            if "start" in row:
                assert seed_text[int(row["start"]):int(row["end"])] == row["quote"], row


# -- 2 blocked resolutions ----------------------------------------------------------------------

def test_blocked_resolution_china_and_russia_summer_2022(ask):
    rows = ask("blocked-resolutions")
    assert len(rows) == 1, ("the text reports one blocked UN resolution: one row", rows)
    row = rows[0]
    assert row.get("blockers") == "China; Russia", row
    assert mentions(row.get("blocked"), "resolution"), row
    assert row.get("times") == "the summer of 2022 (season)", row
    assert row.get("earliest", "").startswith("2022-"), row
    assert row.get("targets") == "North Korea", ("aimed at North Korea", row)
    assert row.get("thwarted") == "United States", ("thwarting U.S.-led efforts", row)
    assert mentions(row.get("efforts"), "sanctions"), row
    # "a UN resolution to sanction North Korea for its missile tests over Japan"
    assert mentions(row.get("purpose"), "sanction", "missile tests over Japan"), row
    assert row.get("statuses") == "occurred", row


def test_blocked_resolution_detail_gives_a_row_per_blocker(ask):
    rows = ask("blocked-resolutions-detail")
    assert {r.get("blockerLabel") for r in rows} == {"China", "Russia"}, rows
    for row in rows:
        assert row.get("timeLabel") == "the summer of 2022", row
        assert row.get("precisionLabel") == "season", row
        assert row.get("begin", "").startswith("2022-"), row
        assert row.get("thwartedLabel") == "United States", row


# -- 3 missile tests ---------------------------------------------------------------------------

def test_missile_tests_dozens_from_september_to_november(ask):
    rows = ask("missile-tests")
    dozens = [r for r in rows if r.get("count") == "dozens"]
    # "The dozens of tests it conducted from September to November, including of
    # intermediate-range ballistic missiles and intercontinental ballistic missiles": one row
    assert [r.get("missiles") for r in dozens] == [
        "intercontinental ballistic missile; intermediate-range ballistic missile"], dozens
    for row in dozens:
        assert row["agents"] == "North Korea", row
        assert mentions(row.get("period"), "from September to November"), row
        assert row.get("earliest") == "2022-09-01" and row.get("latest") == "2022-11-30", row
        # "long-term plan to strengthen the country’s military capabilities" and
        # "orchestrated to express North Korea’s displeasure" with the exercises
        assert mentions(row.get("purpose"), "strengthen", "military capabilities"), row
        assert mentions(row.get("purpose"), "displeasure"), row


def test_missile_tests_short_range_launch_near_ulleung_and_tests_over_japan(ask):
    rows = ask("missile-tests")
    ulleung = [r for r in rows if mentions(r.get("places"), "near", "Ulleung Island")]
    assert ulleung, "a short-range missile launch that came close to Ulleung Island"
    assert all(r.get("missiles") == "short-range ballistic missile" for r in ulleung), ulleung
    srbm = [r for r in rows if r.get("missiles") == "short-range ballistic missile"
            and mentions(r.get("eventLabel"), "tactical nuclear")]
    assert srbm, "tested short-range ballistic missiles capable of delivering a tactical nuke"
    japan = [r for r in rows if mentions(r.get("eventLabel"), "over Japan")]
    assert japan and all(mentions((r.get("places") or "") + (r.get("targets") or ""), "Japan")
                         for r in japan), japan
    assert not any("nuclear test" in r.get("eventTypes", "").split("; ") for r in rows), \
        "nuclear tests are not missile tests"


# -- 4 motives ---------------------------------------------------------------------------------

def test_motives_attributed_to_north_korea_and_the_united_states(ask):
    rows = ask("motives")
    motives = [r["motive"] for r in rows]
    assert len(motives) == len(set(motives)), "one row per motive"
    got = pairs_of(rows, "actors", "motiveTypes")
    expected = {
        ("North Korea", "exploit divisions"),          # exploit major-power rivalries
        ("North Korea", "weaken an alliance"),         # weaken U.S.-South Korea ties
        ("North Korea", "express displeasure"),        # displeasure with the exercises
        ("North Korea", "test resolve"),               # testing U.S. commitments; probes of Yoon
        ("North Korea", "demonstrate capability"),     # preemptive capabilities
        ("North Korea", "strengthen military capabilities"),  # nuclear strike capabilities
        ("Kim Jong-un", "strengthen military capabilities"),  # Kim's long-term plan
        ("United States", "punish a violation"),       # sanction North Korea for the tests
    }
    assert expected <= got, sorted(expected - got)
    # Predicted ("its purpose would be"), supposed ("if it wants to") or recommended ("requires
    # ... to ensure"): not asserted as fact, so only with include-nonfactual, and marked so.
    supposed = {
        ("North Korea", "control escalation"),         # bring tensions back under control
        ("United States", "constrain an adversary"),   # bind North Korea's military development
        ("United States", "unified response"),         # ensure a unified response
    }
    assert not supposed & got, sorted(supposed & got)
    every = ask("motives", **{"include-nonfactual": "true"})
    marked = pairs_of(every, "actors", "motiveTypes", "factuality")
    assert {(a, m, "not asserted as fact") for a, m in supposed} <= marked, sorted(marked)
    assert all(r.get("attributedTo") == SOURCE for r in rows), rows
    displeasure = [r for r in rows if r.get("motiveTypes") == "express displeasure"]
    assert all(mentions(r.get("aims"), "exercises") for r in displeasure), displeasure


def test_motives_detail_gives_each_action_and_actor_of_a_motive(ask):
    rows = ask("motives-detail")
    got = labels(rows, "actorLabel", "motiveTypeLabel")
    assert ("Kim Jong-un", "strengthen military capabilities") in got, sorted(got)
    by_motive = {r["motive"] for r in rows}
    assert by_motive == {r["motive"] for r in ask("motives")}, "the same motives"
    assert len(rows) > len(by_motive), "a motive drives several actions"


# -- 5 Northern Limit Line ---------------------------------------------------------------------

def test_nll_challenges_and_the_allied_response_to_each(ask):
    rows = ask("nll-challenges")
    assert {r["boundaryLabel"] for r in rows} == {"Northern Limit Line"}, rows
    actions = [r["action"] for r in rows]
    assert len(actions) == len(set(actions)), "one row per challenging action"
    by_action: dict[str, list[dict]] = {}
    for r in rows:
        for kind in r.get("actionTypes", "").split("; "):
            by_action.setdefault(kind, []).append(r)
    # "with a ship intrusion, artillery shelling, air drills, and a short-range missile launch"
    for kind in ("ship intrusion", "artillery firing", "air drill", "missile launch"):
        assert kind in by_action, (kind, sorted(by_action))
        assert any("military response" in r.get("responseTypes", "") for r in by_action[kind]), \
            (kind, "every probe drew the allied response", by_action[kind])
    # "an effective allied response that forced the North Korean vessel to retreat"
    ship = by_action["ship intrusion"]
    assert any(mentions(r.get("outcomes"), "retreat") for r in ship), ship
    # "signaled a tit-for-tat response to North Korea’s firings of artillery and missiles"
    for kind in ("artillery firing", "missile launch"):
        assert any(mentions(r.get("responses"), "tit-for-tat") for r in by_action[kind]), kind
    detail = ask("nll-challenges-detail")
    allied = {r.get("responderLabel") for r in detail if r.get("responseTypeLabel")
              == "military response"}
    assert allied <= {"U.S.-South Korea alliance", "United States", "South Korea"}, allied
    assert allied, "the allies answered"
    assert {r["action"] for r in detail} == set(actions), "the same actions in detail"


# -- 6 responses -------------------------------------------------------------------------------

@pytest.mark.parametrize("action, response", [
    ("military exercises", "missile tests"),          # displeasure with the exercises
    ("Northern Limit Line", "allied response"),       # "elicited an effective allied response"
    ("allied response", "retreat"),                   # "forced the North Korean vessel to retreat"
    ("firings of artillery and missiles", "tit-for-tat"),
    ("Yoon's public statements", "guidance on preemptive use"),
    ("Yoon's public statements", "SRBMs"),
    ("nuclear development", "deterrent response"),    # South Korea's own deterrent response
    ("missile tests over Japan", "sanctions"),        # the U.S.-led effort to sanction them
])
def test_responses_chain_across_the_article(ask, action, response):
    rows = ask("responses")
    hits = [r for r in rows if mentions(r.get("actionLabel"), action)
            and mentions(r.get("responseLabel"), response)]
    assert hits, (action, response, sorted(labels(rows, "actionLabel", "responseLabel")))
    assert all(r.get("responseTypes") for r in hits), hits


# -- 7 claims by modality ----------------------------------------------------------------------

@pytest.mark.parametrize("words, modality, certainty, hedge, polarity", [
    ("China and Russia blocked a UN resolution", "reported fact", "certain", None, None),
    ("possibly even another nuclear test", "prediction", "possible", "possibly", None),
    ("would likely intensify such debates", "prediction", "likely", "would likely", None),
    ("will need to strengthen coordination", "recommendation", None, "will need to", None),
    ("would be unlikely to yield progress", "prediction", "unlikely", None, None),
    ("not to engage in good-faith negotiations", "prediction", None, None, "negative"),
    ("could provide a way to ease tensions", "conditional", "possible", "could", None),
])
def test_claims_by_modality(ask, words, modality, certainty, hedge, polarity):
    rows = [r for r in ask("claims-by-modality") if words in r.get("quote", "")]
    assert rows, f"no claim quotes {words!r}"
    row = rows[0]
    assert row.get("modalityLabel") == modality, row
    if certainty:
        assert row.get("certaintyLabel") == certainty, row
    if hedge:
        assert row.get("hedges") == hedge, row
    if polarity:
        assert row.get("polarityLabel") == polarity, row
    assert row.get("sources") == SOURCE, row


def test_every_claim_has_modality_source_and_exact_offsets(ask, seed_text):
    rows = ask("claims-by-modality")
    assert len({r["claim"] for r in rows}) == len(rows) >= 20, "the brief makes many claims"
    for row in rows:
        assert row.get("modalityLabel") and row.get("certaintyLabel"), row
        assert row.get("sources") == SOURCE, row
        assert seed_text[int(row["start"]):int(row["end"])] == row["quote"], row
    modalities = {r["modalityLabel"] for r in rows}
    assert {"reported fact", "assessment", "prediction", "recommendation",
            "conditional"} <= modalities, modalities


# -- 8 timeline --------------------------------------------------------------------------------

def test_timeline_order_and_precision(ask):
    rows = ask("timeline-detail")
    order = [(r.get("timeLabel"), r.get("precisionLabel")) for r in rows]
    # "its first since September 2017" < "In the summer of 2022" < "since September" /
    # "from September to November" < "in recent weeks" (relative to an undated article)
    expected = [("September 2017", "month"), ("the summer of 2022", "season"),
                ("since September", "open interval"), ("from September to November", "interval"),
                ("in recent weeks", "relative")]
    seen = [o for o in dict.fromkeys(order)]
    assert seen == expected, seen
    summer = {r["eventLabel"] for r in rows if r.get("timeLabel") == "the summer of 2022"}
    assert any(mentions(e, "block", "resolution") for e in summer), summer
    assert rows[0].get("eventTypeLabel") == "nuclear test", rows[0]
    earliest = [r.get("earliest") for r in rows if r.get("earliest")]
    assert earliest == sorted(earliest), earliest


def test_timeline_gives_each_event_once_with_its_times(ask):
    rows = ask("timeline")
    events = [r["event"] for r in rows]
    assert len(events) == len(set(events)) == len({r["event"] for r in ask("timeline-detail")})
    assert rows[0].get("times") == "September 2017 (month)", rows[0]
    assert rows[0].get("eventTypes") == "nuclear test", rows[0]
    # the autumn tests, "from September to November" and "in recent weeks": one row, placed by
    # the dated time
    autumn = [r for r in rows if "in recent weeks (relative)" in r.get("times", "")]
    assert [r.get("times") for r in autumn] == [
        "from September to November (interval); in recent weeks (relative)"], autumn
    assert autumn[0].get("earliest") == "2022-09-01", autumn
    earliest = [r.get("earliest") for r in rows if r.get("earliest")]
    assert earliest == sorted(earliest), earliest


# -- 9 opposition ------------------------------------------------------------------------------

def test_opposition_rivalry_deterrence_and_obstruction(ask):
    rows = ask("opposition")
    edges = [(r["item"], r["from"], r["to"]) for r in rows]
    assert len(edges) == len(set(edges)), "one row per edge"
    got = pairs_of(rows, "kinds", "fromLabel", "toLabel")
    expected = {
        ("rivalry", "United States", "China"),          # deepening fissures between the
        ("rivalry", "United States", "Russia"),         # United States and China and Russia
        ("deterrence", "United States", "North Korea"),  # U.S. and South Korean deterrence
        ("deterrence", "South Korea", "North Korea"),
        ("obstruction", "China", "United States"),      # thwarting U.S.-led efforts
        ("obstruction", "Russia", "United States"),
        ("non-recognition", "North Korea", "Northern Limit Line"),  # doesn't recognize
        ("nuclear threat", "North Korea", "South Korea"),  # preemptive nuclear use guidance
        ("rejection of talks", "North Korea", "United States"),  # rejecting talks
    }
    assert expected <= got, sorted(expected - got)
    assert not any(k == "alignment" for k, _, _ in got), "alignment is not opposition"
    assert {r["basis"] for r in rows} == {"relation", "event"}, rows


# -- 10 policy objectives ----------------------------------------------------------------------

def test_denuclearization_held_by_the_united_states_and_south_korea(ask):
    rows = ask("policy-objectives")
    deals = [r for r in rows if mentions(r.get("objectiveLabel"), "denuclearization")]
    holders = {r.get("holderLabel") for r in deals if r.get("stanceLabel") == "holds objective"}
    # "which remains the combined U.S.-South Korea policy objective toward North Korea"
    assert holders in ({"United States", "South Korea"}, {"U.S.-South Korea alliance"}), deals
    assert all(r.get("towardsLabel") == "North Korea" for r in deals
               if r.get("stanceLabel") == "holds objective"), deals
    # "while rejecting denuclearization talks with the United States"
    assert ("rejection", "North Korea") in labels(deals, "stanceLabel", "holderLabel"), deals


POLICY_TEXT = ("Westland seeks denuclearization, the note says. "
               "Westland seeks denuclearization again.\n")
POLICY_YAML = """\
document: {id: obj, text: obj.txt, title: A note, publisher: pub, author: A. Writer,
           date: 2022-11-01}
annotations:
  - {id: pub, type: Organization, label: Tiny Publisher}
  - {id: westland, type: State, label: Westland, quote: Westland, occurrence: all}
  - {id: denuclearization, type: PolicyObjective, label: denuclearization,
     quote: denuclearization, occurrence: all}
  - id: r-objective
    type: Objective
    quote: Westland seeks denuclearization
    occurrence: all
    subject: westland
    object: denuclearization
  - {id: c1, type: Claim, quote: "Westland seeks denuclearization, the note says",
     asserts: r-objective, modality: ReportedFact}
"""


def test_policy_objectives_gives_one_row_per_objective_and_relation(tmp_path):
    # A relation quoted twice, asserted by a claim whose source is an author and a publisher:
    # one row (its key), the sources listed, the first anchor (2 x 2 rows before session 9).
    from kgtest import write_corpus

    from kg.build import build
    from kg.query import run_query
    from kg.store import open_store

    write_corpus(tmp_path / "c", POLICY_YAML, POLICY_TEXT, name="obj")
    build(tmp_path / "c", out=tmp_path / "o")
    with open_store(tmp_path / "o" / "store") as store:
        rows = [{k: v.value for k, v in row.items()}
                for row in run_query("policy-objectives", store).dicts()]
    assert [(r["objectiveLabel"], r["holderLabel"]) for r in rows] == [
        ("denuclearization", "Westland")], rows
    assert rows[0]["sources"] == "A. Writer; Tiny Publisher", rows
    assert (rows[0]["start"], rows[0]["quote"]) == ("0", "Westland seeks denuclearization"), rows


# -- 11 provenance -----------------------------------------------------------------------------

def test_provenance_of_the_northern_limit_line(ask, seed_text):
    rows = ask("provenance", node="Northern Limit Line")
    assert rows and {r["node"] for r in rows} == {KGD + "northern-limit-line"}, rows
    for row in rows:
        assert seed_text[int(row["start"]):int(row["end"])] == row["quote"], row
        assert row.get("sources") == SOURCE, row
    kinds = {r["kind"] for r in rows}
    assert kinds == {"mention", "statement", "claim"}, kinds
    quotes = " | ".join(r["quote"] for r in rows)
    for words in ("Northern Limit Line", "a ship intrusion", "doesn’t recognize",
                  "forced the North Korean vessel to retreat"):
        assert words in quotes, (words, quotes)
    mention_starts = sorted(int(r["start"]) for r in rows if r["kind"] == "mention"
                            and r["quote"] == "Northern Limit Line")
    text_starts = [m.start() for m in re.finditer("Northern Limit Line", seed_text)]
    assert mention_starts == text_starts, (mention_starts, text_starts)


@pytest.mark.parametrize("value", ["northern-limit-line", "NLL", "northern limit line",
                                   KGD + "northern-limit-line", "kgd:northern-limit-line"])
def test_provenance_node_given_by_id_alias_label_or_iri(ask, value):
    rows = ask("provenance", node=value)
    assert rows and {r["node"] for r in rows} == {KGD + "northern-limit-line"}, value


# -- 12 actor profile --------------------------------------------------------------------------

def test_actor_profile_of_russia(ask):
    rows = ask("actor-profile", actor="Russia")
    items = [r["item"] for r in rows]
    assert len(items) == len(set(items)), "one row per item"
    got = pairs_of(rows, "kindLabel", "roles", "itemTypes")
    expected = {
        ("relation", "object", "alignment"),     # North Korea's alignment with Moscow
        ("relation", "object", "rivalry"),       # fissures between the United States and Russia
        ("relation", "subject", "obstruction"),  # thwarting U.S.-led efforts
        ("event", "agent", "blocking of a resolution"),  # China and Russia blocked
        ("event", "partner", "cooperation pledge"),      # pledging closer cooperation
    }
    assert expected <= got, sorted(expected - got)
    block = [r for r in rows if r.get("itemTypes") == "blocking of a resolution"]
    assert all(r.get("when") == "the summer of 2022" and mentions(r.get("others"), "China")
               for r in block), block
    assert all(int(r["claims"]) >= 1 for r in rows if r["kindLabel"] in ("event", "relation")), \
        [r for r in rows if r["claims"] == "0"]


def test_actor_profile_detail_gives_each_role(ask):
    rows = ask("actor-profile-detail", actor="Russia")
    got = labels(rows, "kindLabel", "roleLabel", "itemTypeLabel")
    assert ("event", "agent", "blocking of a resolution") in got, sorted(got)
    assert {r["item"] for r in rows} == {r["item"] for r in ask("actor-profile", actor="Russia")}


def test_actor_profile_by_wikidata_id(ask):
    assert ask("actor-profile", actor="Q159") == ask("actor-profile", actor="russia")


@pytest.mark.parametrize("actor", ["united-states", "japan", "north-korea"])
def test_actor_profile_lists_every_via_of_an_actor_also_party_itself(corpus_store, actor):
    """An actor party to an item itself and through its collective (the United States agent
    of a visit with its Army) gets its vias listed: GROUP_CONCAT over the direct role's row,
    which has no via, was unbound in Oxigraph and the list was lost."""
    import pyoxigraph as ox

    from kg.query import run_query
    from kg.query.prefixes import with_prefixes
    from kg.query.run import ALL_ROWS

    rows = run_query("actor-profile", corpus_store,
                     params={"actor": actor, **ALL_ROWS}).records()
    got = {r["item"]: set((r.get("vias") or "").split("; ")) - {""} for r in rows}
    expected: dict[str, set[str]] = {}
    truth = corpus_store.query(with_prefixes(
        "SELECT DISTINCT ?item ?label WHERE { "
        "GRAPH derived:membership { ?item kg:indirectParty ?actor . ?actor kg:actsThrough ?via } "
        "GRAPH ?g { ?item ?role ?via } ?g a kg:DocumentGraph "
        "FILTER NOT EXISTS { GRAPH derived:factuality { ?item kg:happened false } } "
        "OPTIONAL { GRAPH derived:display-labels { ?via rdfs:label ?viaLabel } } "
        "BIND(COALESCE(STR(?viaLabel), STR(?via)) AS ?label) }"),
        bindings={"actor": ox.NamedNode(KGD + actor)})
    for item, label in truth.rows:
        expected.setdefault(item.value, set()).add(label.value)
    assert expected, f"{actor}: acts through no collective in the corpus, nothing tested"
    missing = {i: sorted(v - got.get(i, set())) for i, v in expected.items()
               if i in got and not v <= got[i]}
    assert not missing, f"{actor}: vias left out: {dict(list(missing.items())[:3])}"


# -- 13 wikidata links -------------------------------------------------------------------------

def test_wikidata_links_of_the_states(ask):
    rows = ask("wikidata-links")
    links = {r["itemLabel"]: r.get("wikidataId") for r in rows}
    for name, qid in {"North Korea": "Q423", "South Korea": "Q884", "United States": "Q30",
                      "China": "Q148", "Russia": "Q159", "Japan": "Q17"}.items():
        assert links.get(name) == qid, (name, links.get(name))
    assert all(r["wikidata"] == "http://www.wikidata.org/entity/" + r["wikidataId"]
               for r in rows if "wikidata" in r), rows
    places = {r["itemLabel"] for r in rows if r.get("typeLabel") in
              ("island", "maritime boundary", "region")}
    assert {"Korean Peninsula", "Ulleung Island", "Northern Limit Line"} <= places, places
    assert not any(r.get("typeLabel") in ("missile class",) for r in rows), "only actors, places"
