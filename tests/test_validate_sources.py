"""``kg validate`` lists disagreements between sources as findings, not errors.

tests/fixtures/disagreements: wire-a and wire-c put the launch on 3 May over Isleland as a
missile test; wire-b on 3 June at Westland as a missile launch, and it denies the alignment
wire-a reports. tests/fixtures/sources: "the summer of 2022" against "26 May 2022".
tests/fixtures/disagreements-members: one launch by an alliance, by its members, by another state.
Each side is named file:line [item id], the line read here from the fixture itself.
"""

from __future__ import annotations

import contextlib
import io

import pytest

import kg
from kg.resources import repo_root

FIXTURES = repo_root() / "tests" / "fixtures"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build

    out = {}
    for name in ("disagreements", "sources", "disagreements-members"):
        out[name] = tmp_path_factory.mktemp(name)
        build(FIXTURES / name, out=out[name])
    return out


def _messages(report) -> list[str]:
    return [f.message for f in report.disagreements]


def at(folder: str, name: str, item: str) -> str:
    """``name:LINE [item]``, LINE the line of the fixture that opens the item."""
    lines = (FIXTURES / folder / name).read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, 1)
               if text.strip() in (f"- id: {item}", f"- {{id: {item},")
               or text.strip().startswith(f"- {{id: {item},")]
    return f"{name}:{line} [{item}]"


def test_each_kind_of_disagreement_names_both_documents(built):
    report = kg.validate(built["disagreements"])
    assert report.conforms, report.text()
    got = _messages(report)
    a, b = at("disagreements", "wire-a.yaml", "ev-launch"), at("disagreements", "wire-b.yaml",
                                                                 "ev-launch")
    assert a == "wire-a.yaml:21 [ev-launch]" and b == "wire-b.yaml:15 [ev-launch]", (a, b)
    align_a = at("disagreements", "wire-a.yaml", "r-align")
    align_b = at("disagreements", "wire-b.yaml", "r-align")
    for want in [
        f"sources disagree on its time: {a} says '3 May 2022 (2022-05-03 to 2022-05-03)'; "
        f"{b} says '3 June 2022 (2022-06-03 to 2022-06-03)'",
        f"sources disagree on its target: {a} says 'isleland'; {b} says 'westland'",
        f"sources disagree on its type: {a} says 'MissileTest'; {b} says 'MissileLaunch'",
        f"sources disagree on its polarity: {align_a} says 'affirms'; {align_b} says 'denies'",
    ]:
        assert want in got, (want, got)
    assert not [m for m in got if "wire-a.yaml" in m and "wire-c.yaml" in m
                and ("time" in m or "target" in m or "type" in m)], got  # they agree


def test_the_summer_against_26_may_and_the_two_labels(built):
    got = _messages(kg.validate(built["sources"]))
    block = at("sources", "brief-a.yaml", "ev-block")
    veto = at("sources", "brief-b.yaml", "ev-veto")
    assert (f"sources disagree on its time: {block} says 'the summer of 2022 "
            f"(2022-06-01 to 2022-08-31)'; {veto} says '26 May 2022 (2022-05-26 "
            "to 2022-05-26)'") in got, got
    assert not [m for m in got if "label" in m], got  # captions are notes, not disagreements


def test_two_captions_of_one_node_are_a_note_not_a_disagreement(built):
    """'North Korea' in one brief, 'DPRK' in the other: the same actor in other words."""
    report = kg.validate(built["sources"])
    notes = [f.message for f in report.notes]
    nk_a, nk_b = (at("sources", "brief-a.yaml", "north-korea"),
                  at("sources", "brief-b.yaml", "north-korea"))
    assert (f"sources caption it differently: {nk_a} says 'North Korea'; "
            f"{nk_b} says 'DPRK'") in notes, notes
    assert {f.path for f in report.notes} == {"label"}, report.notes
    assert {f.source for f in report.notes} == {"notes"}, report.notes
    assert not [f for f in report.disagreements if f.path == "label"], report.disagreements
    assert report.disagreements, "the time disagreement stays one"  # the summer / 26 May
    assert report.conforms


def test_notes_are_counted_and_listed_on_request_and_never_change_the_exit_status(built):
    import json

    from kg.cli import main

    outputs = {}
    for flags in ((), ("--notes",), ("--format", "json")):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["validate", "--build", str(built["sources"]), *flags])
        assert code == 0, out.getvalue()
        outputs[flags] = out.getvalue()
    nk_a = at("sources", "brief-a.yaml", "north-korea")
    n = len(kg.validate(built["sources"]).notes)
    plain, listed = outputs[()], outputs[("--notes",)]
    assert (f"{n} note(s): sources caption one node differently (labels only; not "
            "disagreements); --notes lists them") in plain, plain
    assert nk_a not in plain and "caption it differently" not in plain, plain
    assert f"{n} note(s): sources caption one node differently (labels only; not " \
           "disagreements):" in listed, listed
    assert f"sources caption it differently: {nk_a} says 'North Korea'" in listed, listed
    notes = json.loads(outputs[("--format", "json")])["notes"]
    assert len(notes) == n and all(f["path"] == "label" and f["places"] for f in notes), notes


def test_disagreements_do_not_fail_validation(built):
    from kg.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["validate", "--build", str(built["disagreements"])])
    assert code == 0, out.getvalue()
    assert "disagreement(s) between sources" in out.getvalue()
    assert at("disagreements", "wire-b.yaml", "ev-launch") in out.getvalue()


def test_validate_json_gives_both_places_with_their_lines(built):
    import json

    from kg.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["validate", "--build", str(built["disagreements"]), "--format", "json"])
    assert code == 0, out.getvalue()
    found = json.loads(out.getvalue())["disagreements"]
    time = [f["places"] for f in found if f["path"] == "time"]
    assert [
        {"document": "wire-a", "file": "wire-a.yaml", "line": 21, "item": "ev-launch",
         "says": "3 May 2022 (2022-05-03 to 2022-05-03)"},
        {"document": "wire-b", "file": "wire-b.yaml", "line": 15, "item": "ev-launch",
         "says": "3 June 2022 (2022-06-03 to 2022-06-03)"}] in time, time
    assert all(f["places"] for f in found if f["message"].startswith("sources disagree on its"))


def test_a_build_without_lines_in_its_manifest_still_names_file_and_id(built, tmp_path):
    """A manifest written before lines were recorded (or edited): the file and id remain."""
    import json
    import shutil

    copy = tmp_path / "old-build"
    shutil.copytree(built["disagreements"], copy, ignore=shutil.ignore_patterns("store"))
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        doc.pop("lines", None)
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    got = _messages(kg.validate(copy))
    assert ("sources disagree on its target: wire-a.yaml [ev-launch] says 'isleland'; "
            "wire-b.yaml [ev-launch] says 'westland'") in got, got


def test_the_manifest_records_lines_of_shared_items_only(built):
    import json

    manifest = json.loads((built["disagreements"] / "manifest.json").read_text(encoding="utf-8"))
    lines = {d["id"]: d.get("lines", {}) for d in manifest["documents"]}
    assert lines["wire-a"]["ev-launch"] == 21 and lines["wire-c"]["ev-launch"] == 13, lines
    assert "ev-drills" not in lines["wire-a"], lines  # wire-a's alone


def test_an_alliance_and_its_members_do_not_disagree_on_who_acted(built):
    """'The pact fired' and 'Northland and Eastland (its members) fired' agree; 'Westland
    fired' disagrees with both (members act through the alliance: derived graph membership)."""
    got = _messages(kg.validate(built["disagreements-members"]))
    pact = at("disagreements-members", "pact.yaml", "ev-launch")
    members = at("disagreements-members", "members.yaml", "ev-launch")
    other = at("disagreements-members", "other.yaml", "ev-launch")
    assert sorted(got) == sorted([
        f"sources disagree on its agent: {members} says 'northland, eastland'; "
        f"{other} says 'westland'",
        f"sources disagree on its agent: {other} says 'westland'; "
        f"{pact} says 'northland-eastland-pact'",
    ]), got


def test_a_status_disagreement_names_both_documents_once(tmp_path):
    """Two statuses of one event: one disagreement naming both files and values, not the
    shape's bare "status must be one concept" as well."""
    import shutil

    from kg.build import build

    src = tmp_path / "docs"
    shutil.copytree(FIXTURES / "disagreements", src)
    wire_c = src / "wire-c.yaml"
    text = wire_c.read_text(encoding="utf-8")
    assert text.count("    status: Occurred\n") == 1
    wire_c.write_text(text.replace("    status: Occurred\n", "    status: Hypothetical\n"),
                      encoding="utf-8")
    build(src, out=tmp_path / "out")
    report = kg.validate(tmp_path / "out")
    assert report.conforms, report.text()
    got = [m for m in _messages(report) if "status" in m]
    a, c = at("disagreements", "wire-a.yaml", "ev-launch"), at("disagreements", "wire-c.yaml",
                                                                 "ev-launch")
    b = at("disagreements", "wire-b.yaml", "ev-launch")
    assert sorted(got) == sorted([
        f"sources disagree on its status: {a} says 'Occurred'; {c} says 'Hypothetical'",
        f"sources disagree on its status: {b} says 'Occurred'; {c} says 'Hypothetical'",
    ]), got


@pytest.mark.parametrize("relation,disagree", [("Hostility", True), ("Alignment", False)])
def test_a_directed_relation_told_the_other_way_round_is_a_disagreement(tmp_path, relation,
                                                                         disagree):
    """Regression: a relation one brief told as 'A allied with B' and another, same-as it, as
    'B ... A' was silent in kg validate (the rules then drew self-loops); a symmetric one told
    from either end says the same."""
    import shutil

    from kg.build import build

    src = tmp_path / "docs"
    shutil.copytree(FIXTURES / "disagreements", src)
    for name, flip in (("wire-a.yaml", False), ("wire-b.yaml", True)):
        path = src / name
        text = path.read_text(encoding="utf-8")
        assert text.count("    type: Alignment\n") == 1
        text = text.replace("    type: Alignment\n", f"    type: {relation}\n")
        if flip:
            ends = "    subject: northland\n    object: eastland\n"
            assert text.count(ends) == 1
            text = text.replace(ends, "    subject: eastland\n    object: northland\n")
        path.write_text(text, encoding="utf-8")
    build(src, out=tmp_path / "out")
    report = kg.validate(tmp_path / "out")
    assert report.conforms, report.text()
    a, b = at("disagreements", "wire-a.yaml", "r-align"), at("disagreements", "wire-b.yaml",
                                                             "r-align")
    want = [f"sources disagree on its subject: {a} says 'northland'; {b} says 'eastland'",
            f"sources disagree on its object: {a} says 'eastland'; {b} says 'northland'"]
    got = [m for m in _messages(report) if "subject" in m or "object" in m]
    assert sorted(got) == (sorted(want) if disagree else []), got


@pytest.mark.parametrize("longer", [False, True], ids=["two", "three"])
def test_responses_that_make_a_cycle_across_documents_are_a_disagreement(tmp_path, longer):
    """Regression: wire-a's launch responding to the drills and wire-b's drills (same-as
    wire-a's) responding to the launch (or, longer, to a protest that responds to the launch)
    built and validated silently. Each source may say the other side answered: a disagreement
    naming every place and what each says, not an error (one document telling a cycle is
    one: tests/loaders, tests/test_validate.py)."""
    import shutil

    from kg.build import build

    src = tmp_path / "docs"
    shutil.copytree(FIXTURES / "disagreements", src)
    wire_a = src / "wire-a.yaml"
    text = wire_a.read_text(encoding="utf-8")
    launch = "    time: t-may3\n    status: Occurred\n"
    assert text.count(launch) == 1
    wire_a.write_text(text.replace(launch, launch + "    respondsTo: ev-drills\n"),
                      encoding="utf-8")
    answered = "ev-protest" if longer else "ev-launch"
    added = ("  - id: ev-drills\n    type: MilitaryExercise\n    same-as: wire-a/ev-drills\n"
             f"    quote: Southland held drills\n    agent: southland\n"
             f"    respondsTo: {answered}\n")
    if longer:
        added += ("  - id: ev-protest\n    type: DiplomaticProtest\n"
                  "    quote: Isleland protested\n    agent: isleland\n"
                  "    respondsTo: ev-launch\n")
    (src / "wire-b.yaml").write_text((src / "wire-b.yaml").read_text(encoding="utf-8") + added,
                                     encoding="utf-8")
    with (src / "wire-b.txt").open("a", encoding="utf-8") as f:
        f.write("Isleland protested. Southland held drills first.\n")
    build(src, out=tmp_path / "out")  # no document tells a cycle: the build takes it
    report = kg.validate(tmp_path / "out")
    assert report.conforms, report.text()

    def place(name: str, item: str) -> str:
        lines = (src / name).read_text(encoding="utf-8").splitlines()
        (line,) = [n for n, t in enumerate(lines, 1) if t.strip() == f"- id: {item}"]
        return f"{name}:{line} [{item}]" if item != "ev-protest" else f"{name} [{item}]"

    b_side = (f"{place('wire-b.yaml', 'ev-drills')} says it responds to ev-protest; "
              f"{place('wire-b.yaml', 'ev-protest')} says it responds to ev-launch"
              if longer else
              f"{place('wire-b.yaml', 'ev-drills')} says it responds to ev-launch")
    got = [str(f) for f in report.disagreements if f.path == "respondsTo"]
    assert got == [
        "kgd:doc/wire-a/ev-drills (respondsTo): sources disagree on which event answers which "
        f"(their responses make a cycle): {b_side}; "
        f"{place('wire-a.yaml', 'ev-launch')} says it responds to ev-drills"], report.text()
