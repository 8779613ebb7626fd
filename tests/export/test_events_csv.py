"""``kg export --format events-csv``: one row per event, CAMEO codes read from the data."""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import iris
from kg.export.events_csv import COLUMNS, event_rows, export
from kg.ontology import ontology_files
from kg.store import open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "export" / "events.trig"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store laid out as ``kg build`` makes it: ontology files in the ontology graph."""
    path = tmp_path / "store"
    store = ox.Store(str(path))
    for f in ontology_files():
        store.load(path=str(f), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.NamedNode(iris.ONTOLOGY_GRAPH))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return path


def rows_by_id(store_dir: Path) -> dict[str, dict[str, str]]:
    with open_store(store_dir) as store:
        return {r["event_id"]: r for r in event_rows(store)}


def test_one_row_per_event_with_codes_from_the_ontology(store_dir):
    rows = rows_by_id(store_dir)
    assert sorted(rows) == ["brief/block", "brief/exercises", "brief/intrusion", "brief/pledge",
                            "brief/tests"], sorted(rows)
    tests = rows["brief/tests"]
    want = {"date": "2022-09", "date_end": "2022-11", "date_precision": "Month",
            "actor1": "north-korea", "actor1_name": "North Korea", "actor1_code": "PRK",
            "event_code": "150", "event_base_code": "150", "event_root_code": "15",
            "event_type": "MissileTest", "cameo_fit": "NearestCode", "quad_class": "4",
            "goldstein": "-7.2", "actor2": "", "location": "korean-peninsula",
            "location_name": "Korean Peninsula", "status": "Occurred", "document": "brief",
            "source_url": "https://example.org/brief",
            "quote": 'missile testing, "dozens" of tests\nfrom September'}
    assert {k: tests[k] for k in want} == want, tests


def test_codes_are_strings_with_leading_zeros_and_four_digits(store_dir):
    rows = rows_by_id(store_dir)
    assert rows["brief/exercises"]["event_code"] == "062", rows["brief/exercises"]
    assert rows["brief/exercises"]["event_root_code"] == "06"
    pledge = rows["brief/pledge"]
    assert (pledge["event_code"], pledge["event_base_code"], pledge["event_root_code"]) == \
        ("0334", "033", "03"), pledge
    assert (pledge["actor2"], pledge["actor2_code"]) == ("south-korea", "KOR"), pledge


def test_several_agents_and_roles_come_from_edge_roles(store_dir):
    block = rows_by_id(store_dir)["brief/block"]
    assert block["actor1"] == "china; russia" and block["actor1_code"] == "CHN; RUS", block
    assert block["actor2"] == "united-states" and block["actor2_code"] == "USA", block
    assert block["event_code"] == "129" and block["event_type"] == "ResolutionBlocking", block
    assert block["document"] == "brief", "events without anchors get the document of their graph"
    assert block["quote"] == "", block


def test_no_exact_code_is_not_forced_and_unknown_actor_codes_stay_empty(store_dir):
    row = rows_by_id(store_dir)["brief/intrusion"]
    assert (row["event_code"], row["cameo_fit"]) == ("", "NoExactCode"), row
    assert (row["actor1"], row["actor1_code"]) == ("north-korean-vessel", ""), row
    assert row["actor2_code"] == "KOR", row


def test_the_file_is_rfc4180_csv_that_round_trips(store_dir, tmp_path):
    out = tmp_path / "events.csv"
    with open_store(store_dir) as store:
        export(store, out)
        want = event_rows(store)
    raw = out.read_bytes()
    assert raw.startswith(",".join(COLUMNS).encode() + b"\r\n"), raw[:200]
    got = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert got == want, got
    dates = [r["date"] for r in got]
    assert dates[0] == "2022-09" and dates[1:] == [""] * 4, dates


def test_export_is_registered_in_the_shared_command(store_dir, tmp_path, capsys):
    cli = importlib.import_module("kg.cli.export")
    assert cli.FORMATS["events-csv"] == "kg.export.events_csv"
    for name in cli.FORMATS.values():
        assert callable(importlib.import_module(name).export), name
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    out = tmp_path / "e.csv"
    assert cli.run(parser.parse_args(["--format", "events-csv", "--store", str(store_dir),
                                      "-o", str(out)])) == 0
    assert out.read_text(encoding="utf-8").count("brief/") == 5
    assert cli.run(parser.parse_args(["-f", "events-csv", "--store", str(store_dir)])) == 0
    assert capsys.readouterr().out.startswith("event_id,date,")


def test_cameo_actor_codes_are_data_in_the_ontology_folder():
    from kg.resources import ontology_dir

    text = (ontology_dir() / "cameo-actors.ttl").read_text(encoding="utf-8")
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.TURTLE)]
    for actor, code in [("north-korea", "PRK"), ("south-korea", "KOR"), ("united-states", "USA"),
                        ("china", "CHN"), ("russia", "RUS"), ("japan", "JPN"),
                        ("united-nations", "IGOUNO"), ("un-security-council", "IGOUNO"),
                        ("kim-jong-un", "PRKGOV"), ("yoon-suk-yeol", "KORGOV")]:
        assert ox.Triple(ox.NamedNode(iris.corpus_item(actor)),
                         ox.NamedNode(iris.KG_NS + "cameoActorCode"),
                         ox.Literal(code)) in triples, (actor, code)


def test_the_seed_exports_every_event_with_its_words(seed_store):
    rows = {r["event_id"].split("/", 1)[1]: r
            for r in event_rows(seed_store, include_nonfactual=True)}
    events = seed_store.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . ?t <http://www.w3.org/2000/01/"
        "rdf-schema#subClassOf>* <https://w3id.org/kg-toolkit/ontology#Event> }").dicts()
    assert len(rows) == int(events[0]["n"].value), len(rows)
    # by default, the events that happened: not "another nuclear test", "a return to talks"...
    happened = {r["event_id"].split("/", 1)[1] for r in event_rows(seed_store)}
    assert happened == {x for x, r in rows.items() if r["factuality"] == "happened"}, happened
    assert not happened & {"ev-nuclear-test-7", "ev-return-to-talks",
                           "ev-good-faith-negotiations"}, happened
    assert all(r["quote"] and r["source_url"].startswith("https://www.cfr.org/")
               for r in rows.values()), "every seed event is anchored in the brief"
    for r in rows.values():
        assert (r["event_code"] == "") == (r["cameo_fit"] == "NoExactCode"), r
    pledge = rows["ev-pledge"]
    assert (pledge["actor1_code"], pledge["event_code"], pledge["actor2_code"]) == \
        ("PRK", "030", "CHN; RUS"), pledge
    autumn = rows["ev-autumn-tests"]  # two time spans: the dated one is used
    assert (autumn["date"], autumn["date_end"], autumn["date_precision"]) == \
        ("2022-09", "2022-11", "Interval"), autumn


def test_a_relative_time_is_dated_by_the_day_it_resolves_to(corpus_build):
    """'The following day' (relative to the launch of 24 March 2022) has no written date: the
    row carries the day the build resolved it to, so it sorts among the dated events."""
    with open_store(corpus_build.store) as store:
        rows = {r["event_id"]: r for r in event_rows(store, include_nonfactual=True)}
    report = rows["digest-2022-03-30-icbm-moratorium/ev-kcna-report"]
    assert (report["date"], report["date_end"], report["date_precision"]) == \
        ("2022-03-25", "2022-03-25", "Relative"), report
    relative = [r for r in rows.values() if r["date_precision"] == "Relative"]
    undated = {r["event_id"] for r in relative if not r["date"]}
    # Every relative time counted from a dated event is dated. The shelling of the timeline
    # has one time only, how long it lasted ("Seven weeks"), counted from the shelling itself
    # (the codebook's duration rule): nothing dates it, so no day is made up; nor is the second
    # Assembly debate the veto summary forecasts "within ten working days" of a veto that has
    # not happened (a hypothetical event with no date); nor Putin's words "later" than his
    # answers to reporters at Vostochny, which that brief leaves undated. Session 16's briefs
    # add two more durations counted from their own events (King's "almost two months" in
    # prison, the buffer zone kept "for five years") and two times counted from undated
    # events (Yoon's speech "hours later" than an undated council meeting; the Shenyang stop
    # "then", at an undated meeting). Session 17's briefs add two more durations (the panel's
    # tracking "for some fifteen years", the flight halt "for about three hours") and one time
    # counted from an undated event (the JCS statement "later" than an undated denial).
    # Session 18's add one duration (the destroyer built "within 400-odd days") and two times
    # counted from undated events (a meeting "seven years" before an undated remark; the
    # defence minister's statement "later" than an undated one of the Joint Chiefs).
    # Session 19's add one duration (homes rebuilt "over two to three months", a plan) and
    # two times counted from undated events (state media "later" than Kim's undated remarks;
    # his Uiju remarks "a week later" than his undated reply to Putin). Session 20's add two
    # durations (Kim Yo Jong's rebuffs "in less than four weeks", the pause of "some ten
    # weeks" without a launch) and two times counted from undated events (Trump's second
    # tweet "minutes later" than his first; the photographs released "hours earlier" than an
    # undated broadcast). Session 25's add two durations counted from their own events (the
    # "week of threats", the planned Guam flight "in 1,065 seconds") and four times counted
    # from undated events (Trump's words "afterwards" than the undated Freedom House talks;
    # the return to talks "in two weeks" of an undated denial, and the teams named "within two
    # to three weeks" of those undated words; Moon's words to Cameron "later that day" than an
    # undated council meeting). Session 26's add one duration counted from its own event (the
    # Council's "almost three weeks of negotiations") and two times counted from undated events
    # (a seller's notice "five days in advance" of a hypothetical sale; Abe's call to Bush
    # "later" than his undated remarks). Session 27's add one duration counted from its own
    # event (the U.S.-China talks' "some three months") and two times counted from undated
    # events (Abe's call to Trump "then" after Tokyo's undated protest, and his words
    # "afterwards"). Session 28's add three times counted from undated events (Kim's call
    # with Flynn "then" after Seoul's undated urgent meeting; Yang's meeting "the same
    # evening" as Ma's undated statement; Gibbs's denial repeated "the next day" after his
    # undated first one). Session 29's add two durations counted from their own events (the
    # "six days of talks in Beijing", the boycott "for more than a year") and two times counted
    # from undated events (the frozen funds settled "within 30 days" of Washington's undated
    # undertaking; the Defence Agency's acknowledgement "later" than its undated first report).
    # Session 30's add one duration counted from its own event (the New York talks' "three
    # weeks") and four times counted from undated events (the Munich conference "two days
    # later" than Seoul's undated statement, Ivanov's words there as part of it and the
    # Li-Rice call "that evening"; Bolton's words "hours earlier" than Rice's undated ones).
    # Session 32's add two durations counted from their own events (Clapper's "roughly a
    # day" in the country; the Daecheong clash's "about two minutes", undated since the
    # codebook's rule that a time word dates only its own act took "on Tuesday" off it) and
    # five times counted from undated events (the Pyongyang Declaration signed "then", after
    # Kim's undated admission; the police "the next day" after Koizumi's undated protest;
    # Kim Young-sam's accusation "a week earlier" than his undated speech; Campbell's trip
    # "the following week" after his undated words; the KPA report "hours after" the
    # undated clash).
    # Session 33's add four durations counted from their own events (the North's crossings
    # of the line "for a week", Washington and Seoul floating a summit "for a week" and
    # Pyongyang saying no "for a week", the mediation rejected twice "in a week") and three
    # times counted from undated events (Kang's words "the next day" after Lee's undated
    # statement; KCNA's denial "the next day" after the JCS official's undated remark, the
    # codebook's count from the act told just before; the halt demanded "at once" in the
    # undated message of the Military Armistice Commission).
    # Session 34's add one time counted from an undated event (Yoon's cabinet meeting "a few
    # hours later" than the Assembly's vote, which the text leaves undated). Two of session
    # 29's leave the list: the North's boycott "for more than a year" and the frozen funds
    # settled "within 30 days" are dated now that the Banco Delta Asia timeline of session 34
    # tells them as the same events (same-as) with their dates.
    # Session 35's add two durations counted from their own events (Kim Il Sung's
    # invitation "for nearly three years", the Stockholm talks' "three days") and five times
    # counted from undated events (Hyun's words "the next day" after the ministry's undated
    # statement; a presidential official going further "the next day" after Seoul's undated
    # words; Carter's concession "later" than Clinton's undated remark; the threat to expel
    # the inspectors and the IAEA walkout "the day before" Carter's visit, which that brief
    # leaves undated).
    # Session 36's add two durations counted from their own events (Pompeo's "90 minutes"
    # with Kim, Washington's asking "for 17 months") and five times counted from undated
    # events (Trump's announcement "a few hours later" than his undated greeting of the
    # freed men; Putin's words to reporters "then", after the undated declaration; his
    # presenting the idea "later" than Kim's undated remark, and his answer Kim denied "at
    # that time"; the North's launch "two days later" than Pompeo's undated words).
    # Session 37's add three durations counted from their own events (a ministry declining
    # "for a day" to confirm reports, the sanctions "for almost half a century", Pence's
    # "10-day" trip) and two times counted from undated events (the North's claim of
    # surprise "later" than a launch the op-ed leaves undated; Pence's arrival "hours after"
    # the failed launch, which the Q&A leaves undated).
    # Set 38's (session 39) add three durations counted from their own events (the Bosworth
    # talks' "three days", Mun's "almost two years" fighting extradition, the relief trucks'
    # drive of "about four hours") and three times counted from undated events (the list of
    # wants handed over "then", after the undated refusal of doctors; Han's words "since" the
    # undated U.S. offer; the chairman's statement "shortly after" Hill's undated flight home).
    assert relative and undated == {"timeline-2022-12-07-buffer-zone-shelling/ev-shelling",
                                    "digest-2016-10-04-defections-ningbo-to-london/"
                                    "ev-declined-confirm",
                                    "oped-1999-10-01-missile-pause-berlin/ev-claim-surprise",
                                    "oped-1999-10-01-missile-pause-berlin/ev-sanctions",
                                    "qa-2017-04-20-armada-parade-failed-launch/"
                                    "ev-pence-asia-trip",
                                    "qa-2017-04-20-armada-parade-failed-launch/ev-pence-seoul",
                                    "analysis-2018-05-12-detainees-freed-summit-set/"
                                    "ev-pk-meeting",
                                    "analysis-2018-05-12-detainees-freed-summit-set/"
                                    "ev-us-requests",
                                    "analysis-2018-05-12-detainees-freed-summit-set/"
                                    "ev-announce",
                                    "editorial-2000-08-16-kim-putin-rocket-offer/ev-putin-told",
                                    "editorial-2000-08-16-kim-putin-rocket-offer/"
                                    "ev-putin-presents",
                                    "editorial-2000-08-16-kim-putin-rocket-offer/"
                                    "ev-putin-no-response",
                                    "oped-2019-11-25-gsomia-reprieve/ev-nk-launch",
                                    "analysis-2011-08-01-bali-new-york-talks/ev-hyun",
                                    "commentary-1994-06-23-carter-pyongyang-freeze/"
                                    "ev-carter-mistake",
                                    "commentary-1994-06-23-carter-pyongyang-freeze/"
                                    "ev-expel-threat",
                                    "commentary-1994-06-23-carter-pyongyang-freeze/"
                                    "ev-iaea-quit",
                                    "commentary-1994-06-23-carter-pyongyang-freeze/"
                                    "ev-invitation",
                                    "editorial-2024-02-26-seoul-havana-ties/"
                                    "ev-official-statement",
                                    "timeline-2016-02-13-stockholm-abduction-probe/"
                                    "ev-stockholm-talks",
                                    "commentary-2024-12-17-pyongyang-martial-law-silence/"
                                    "ev-cabinet-meeting",
                                    "commentary-2019-11-18-kumgang-teardown/ev-kang",
                                    "digest-2011-08-26-kim-medvedev-kumgang/ev-kcna-denial",
                                    "editorial-1999-06-18-yellow-sea-clash/ev-crossings",
                                    "explainer-2020-07-11-summit-talk-rebuffed/ev-float",
                                    "explainer-2020-07-11-summit-talk-rebuffed/ev-nk-no",
                                    "explainer-2020-07-11-summit-talk-rebuffed/"
                                    "ev-reject-mediation",
                                    "wire-2014-04-01-west-sea-artillery-exchange/"
                                    "ev-halt-demanded",
                                    "timeline-2014-11-11-clapper-detainees-release/"
                                    "ev-clapper-trip",
                                    "wire-2009-11-11-daecheong-naval-clash/ev-clash",
                                    "commentary-2002-09-28-koizumi-pyongyang-confession/"
                                    "ev-declaration",
                                    "commentary-2002-09-28-koizumi-pyongyang-confession/"
                                    "ev-police-security",
                                    "qa-1994-10-31-geneva-agreed-framework/ev-kys-accusation",
                                    "summary-2010-10-11-kim-jong-un-debut/ev-campbell-trip",
                                    "wire-2009-11-11-daecheong-naval-clash/ev-kpa-report",
                                    "commentary-2017-02-15-pukguksong-2-mar-a-lago/"
                                    "ev-kim-flynn-call",
                                    "wire-2011-12-20-kim-jong-il-death-reactions/"
                                    "ev-yang-meeting",
                                    "qa-2009-08-07-clinton-pyongyang-journalists/"
                                    "ev-gibbs-repeat",
                                    "explainer-2016-12-05-resolution-2321/ev-us-china-talks",
                                    "wire-2017-08-30-hwasong-12-over-hokkaido/"
                                    "ev-abe-trump-call",
                                    "wire-2017-08-30-hwasong-12-over-hokkaido/"
                                    "ev-abe-after-call",
                                    "summary-2022-06-09-unga-veto-debate/ev-second-debate",
                                    "analysis-2023-09-15-vostochny-summit/ev-putin-productive",
                                    "explainer-2023-09-29-travis-king/ev-rok-prison",
                                    "explainer-2023-09-29-travis-king/ev-shenyang-stop",
                                    "wire-2023-07-13-hwasong-18-spy-flights/ev-yoon-speech",
                                    "wire-2023-12-03-seoul-first-spy-satellite/ev-buffer",
                                    "qa-2025-06-03-panel-veto-and-msmt/ev-panel-tracking",
                                    "digest-2024-07-02-freedom-edge/ev-flight-halt",
                                    "explainer-2024-10-18-road-demolitions/ev-jcs-later",
                                    "summary-2025-06-14-destroyers-choe-hyon-and-kang-kon/"
                                    "ev-choe-hyon-build",
                                    "digest-2025-09-05-kim-beijing-parade/ev-woo-kim-2018",
                                    "wire-2024-10-14-pyongyang-drones/ev-kim-strategic",
                                    "analysis-2024-08-12-sinuiju-floods-aid/ev-rebuild",
                                    "analysis-2024-08-12-sinuiju-floods-aid/ev-state-media-homes",
                                    "analysis-2024-08-12-sinuiju-floods-aid/"
                                    "ev-kim-uiju-remarks",
                                    "summary-2025-08-21-kim-yo-jong-rebuffs-lee/ev-kyj-series",
                                    "wire-2017-11-30-hwasong-15-reactions/ev-pause",
                                    "commentary-2018-04-30-panmunjom-declaration/"
                                    "ev-trump-tweet-2",
                                    "wire-2017-09-12-sixth-test-oil-cap/ev-photos",
                                    "analysis-2017-08-16-resolution-2371-guam-threats/"
                                    "ev-threat-week",
                                    "analysis-2017-08-16-resolution-2371-guam-threats/"
                                    "ev-guam-strike",
                                    "commentary-2019-10-10-panmunjom-to-stockholm/ev-trump-after",
                                    "commentary-2019-10-10-panmunjom-to-stockholm/ev-return",
                                    "commentary-2019-10-10-panmunjom-to-stockholm/ev-name-teams",
                                    "wire-2017-07-05-hwasong-14-first-icbm/ev-moon-cameron",
                                    "explainer-2009-06-26-second-nuclear-test-resolution-1874/"
                                    "ev-negotiations",
                                    "explainer-2009-06-26-second-nuclear-test-resolution-1874/"
                                    "ev-notify",
                                    "wire-2006-10-10-first-nuclear-test-reactions/"
                                    "ev-abe-bush-call",
                                    "explainer-2007-02-28-initial-actions-deal/"
                                    "ev-beijing-session",
                                    "wire-1998-09-01-taepodong-over-japan/"
                                    "ev-jda-acknowledged",
                                    "analysis-2005-02-23-nuclear-declaration-talks-boycott/"
                                    "ev-ivanov",
                                    "analysis-2005-02-23-nuclear-declaration-talks-boycott/"
                                    "ev-bolton",
                                    "analysis-2005-02-23-nuclear-declaration-talks-boycott/"
                                    "ev-li-rice-call",
                                    "analysis-2005-02-23-nuclear-declaration-talks-boycott/"
                                    "ev-munich-conference",
                                    "wire-1996-12-31-submarine-apology/ev-ny-talks",
                                    "wire-2009-12-11-bosworth-pyongyang-talks/ev-talks",
                                    "timeline-2021-03-25-malaysia-rupture-mun-extradition/"
                                    "ev-fight",
                                    "editorial-2004-05-07-ryongchon-blast-aid/ev-truck-convoy",
                                    "editorial-2004-05-07-ryongchon-blast-aid/ev-wants-list",
                                    "editorial-2004-05-07-ryongchon-blast-aid/ev-han",
                                    "qa-2008-12-17-beijing-verification-impasse/"
                                    "ev-chair-statement"}, \
        undated
