"""``--include-nonfactual``: one option, spelled once (kg/cli/options.py), on every command
whose output holds events, relations or motives; without it, only what happened."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from kg.cli import main

COMMANDS = ("query", "analyze", "timeline", "viz", "export", "stats")


def kg(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(args)) == 0, args
    return out.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_the_option(command):
    with contextlib.redirect_stdout(io.StringIO()) as out, pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--include-nonfactual" in out.getvalue(), command


def test_query(statuses_build):
    default = kg("query", "alignment", "--build", str(statuses_build), "--format", "csv")
    every = kg("query", "alignment", "--build", str(statuses_build), "--format", "csv",
               "--include-nonfactual")
    assert "Southland" not in default and "Southland" in every, every
    assert "not asserted as fact" in every


def test_analyze(statuses_build):
    default = json.loads(kg("analyze", "--build", str(statuses_build), "--format", "json"))
    every = json.loads(kg("analyze", "--build", str(statuses_build), "--format", "json",
                          "--include-nonfactual"))
    ids = {r["id"] for r in default["centrality"]}
    assert "southland" not in ids and "southland" in {r["id"] for r in every["centrality"]}
    assert every["network"]["nonfactual_edges"] > 0 == default["network"]["nonfactual_edges"]


def test_timeline(statuses_build, tmp_path):
    kg("timeline", "--build", str(statuses_build), "-o", str(tmp_path / "a.svg"))
    kg("timeline", "--build", str(statuses_build), "-o", str(tmp_path / "b.svg"),
       "--include-nonfactual")
    default, every = ((tmp_path / f).read_text(encoding="utf-8") for f in ("a.svg", "b.svg"))
    assert "possible nuclear test" not in default and "possible nuclear test" in every


def test_viz(statuses_build, tmp_path):
    kg("viz", "--build", str(statuses_build), "-o", str(tmp_path / "a.html"))
    kg("viz", "--build", str(statuses_build), "-o", str(tmp_path / "b.html"),
       "--include-nonfactual")
    default, every = ((tmp_path / f).read_text(encoding="utf-8") for f in ("a.html", "b.html"))
    assert "Southland" not in default and "Southland" in every


@pytest.mark.parametrize("fmt", ["events-csv", "graphml"])
def test_export(statuses_build, fmt, tmp_path):
    kg("export", "--format", fmt, "--build", str(statuses_build), "-o", str(tmp_path / "a"))
    kg("export", "--format", fmt, "--build", str(statuses_build), "-o", str(tmp_path / "b"),
       "--include-nonfactual")
    default, every = ((tmp_path / f).read_text(encoding="utf-8") for f in ("a", "b"))
    assert "not asserted as fact" not in default and "not asserted as fact" in every


def test_stats(statuses_build):
    """kg stats counted every item and link whatever happened; now it counts as the
    questions and views do (the nuclear threats, the test and Southland's ties did not)."""
    default = json.loads(kg("stats", "--build", str(statuses_build), "--format", "json"))
    every = json.loads(kg("stats", "--build", str(statuses_build), "--format", "json",
                          "--include-nonfactual"))
    classes = {r["label"]: r["items"] for r in default["items_by_class"]}
    all_classes = {r["label"]: r["items"] for r in every["items_by_class"]}
    assert "nuclear test" not in classes and all_classes["nuclear test"] == 1, classes
    assert all_classes["nuclear threat"] == 2 and "nuclear threat" not in classes
    assert classes["military exercise"] == all_classes["military exercise"] == 2  # happened
    assert classes["claim"] == all_classes["claim"] == 12  # statements: always counted
    actors = {r["label"]: r["links"] for r in default["top_actors"]}
    assert "Southland" not in actors and {r["label"] for r in every["top_actors"]} >= {
        "Southland"}, actors
    assert default["not_happened"] == every["not_happened"] == 7
    assert (default["include_nonfactual"], every["include_nonfactual"]) == (False, True)
    text = kg("stats", "--build", str(statuses_build))
    assert "7 items that did not happen by the factuality rule left out" in text, text
