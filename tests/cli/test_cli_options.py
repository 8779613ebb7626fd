"""One spelling per option across every command (kg.cli.options): the parsers are walked, so
options added later are held to the same names."""

from __future__ import annotations

import argparse
import re

import pytest

from kg.cli import COMMANDS, build_parser
from kg.cli.options import CANONICAL, DeprecatedOption, deprecated_options

# Spellings of a shared concept that are not its canonical name.
DIVERGENT = re.compile(
    r"^--(store|store-dir|build-dir|out|outdir|out-dir|output-dir|output-file|dest|url|"
    r"server|sparql|fmt|max-rows|rows|max|n|top|timeout-.+|.+-(s|ms|sec|secs|seconds))$")
READS_A_BUILD = set(COMMANDS) - {"demo", "build", "synth"}
WRITES = {"export", "viz", "timeline", "build", "demo", "synth", "annotate", "bench"}
METAVARS = {"build": "DIR", "endpoint": "URL", "timeout": "SECONDS", "limit": "N",
            "ontology": "DIR"}


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


COMMAND_PARSERS = _commands()


def _live(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, DeprecatedOption)]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_divergent_spelling(name):
    for action in _live(COMMAND_PARSERS[name]):
        for opt in action.option_strings:
            assert not DIVERGENT.match(opt), f"kg {name} {opt}: use kg.cli.options " \
                                             f"({', '.join(CANONICAL.values())})"
        if "-o" in action.option_strings:
            assert action.option_strings == ["-o", "--output"], (name, action.option_strings)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_shared_concepts_use_the_canonical_spelling(name):
    for action in _live(COMMAND_PARSERS[name]):
        if action.dest in CANONICAL and action.option_strings:
            want = [CANONICAL[action.dest]]
            if action.dest == "output":
                want = ["-o", "--output"]
            assert action.option_strings == want, (name, action.dest, action.option_strings)
            if action.dest in METAVARS:
                assert action.metavar == METAVARS[action.dest], (name, action.dest, action.metavar)
        if not action.option_strings:  # a positional must not stand for a build folder
            assert action.dest not in {"store", "build", "target", "store_dir"}, (name, action.dest)


@pytest.mark.parametrize("name", sorted(READS_A_BUILD))
def test_every_command_that_reads_a_build_takes_build(name):
    opts = {o for a in _live(COMMAND_PARSERS[name]) for o in a.option_strings}
    assert "--build" in opts, f"kg {name} reads a build but has no --build"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_command_that_writes_takes_output(name):
    opts = {o for a in _live(COMMAND_PARSERS[name]) for o in a.option_strings}
    assert {"-o", "--output"} <= opts, f"kg {name} writes but has no -o/--output"


def test_deprecated_spellings_are_hidden_and_point_at_a_live_option():
    assert any(deprecated_options(p) for p in COMMAND_PARSERS.values())
    for name, parser in COMMAND_PARSERS.items():
        live = {o for a in _live(parser) for o in a.option_strings}
        for action in parser._actions:
            if isinstance(action, DeprecatedOption):
                assert action.help == argparse.SUPPRESS, (name, action.option_strings)
                new = action.new.split()[0].split("/")[-1]
                assert new in live, (name, action.option_strings, action.new)


@pytest.mark.parametrize("argv, dest, want", [
    (["export", "--out", "x.csv"], "output", "x.csv"),
    (["serve", "--timeout-s", "5"], "timeout", 5.0),
    (["bench", "--json"], "format", "json"),
    (["bench", "--rdflib-cap-s", "3"], "rdflib_timeout", 3.0),
    (["query", "--store", "http://127.0.0.1:1/query", "x"], "endpoint",
     "http://127.0.0.1:1/query"),
    (["viz", "--store", "somewhere/store"], "store_dir", "somewhere/store"),
    (["build", "--store", "http://127.0.0.1:1/store"], "endpoint", "http://127.0.0.1:1/store"),
])
def test_old_spellings_still_work_with_a_note(capsys, argv, dest, want):
    args = build_parser().parse_args(argv)
    assert getattr(args, dest) == want, vars(args)
    err = capsys.readouterr().err
    assert "deprecated" in err and err.count("\n") == 1, err


def test_store_location_prefers_endpoint_then_old_store_then_build():
    from pathlib import Path

    from kg.cli.options import store_location

    args = build_parser().parse_args(["viz", "--build", "out"])
    assert store_location(args) == Path("out") / "store"
    args = build_parser().parse_args(["viz", "--endpoint", "http://h/q"])
    assert store_location(args) == "http://h/q"


def test_build_and_endpoint_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["query", "x", "--build", "b", "--endpoint", "http://h/q"])
    assert info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize("argv,option,why", [
    (["query", "-e", "ASK {}", "--timeout", "inf"], "--timeout", "positive number of seconds"),
    (["query", "-e", "ASK {}", "--timeout", "nan"], "--timeout", "positive number of seconds"),
    (["query", "-e", "ASK {}", "--timeout", "-1"], "--timeout", "positive number of seconds"),
    (["query", "-e", "ASK {}", "--offset", "-1"], "--offset", "0 or more"),
    (["query", "-e", "ASK {}", "--endpoint", "http://[::1"], "--endpoint", "no valid URL"),
    (["query", "-e", "ASK {}", "--endpoint", "file:///etc/passwd"], "--endpoint",
     "not an http"),
    (["query", "-e", "ASK {}", "--store", "http://[::1"], "--store", "no valid URL"),
    (["link", "--endpoint", "http://h:99999/"], "--endpoint", "Port out of range"),
    (["link", "--timeout", "1e999"], "--timeout", "positive number of seconds"),
    (["serve", "--port", "99999"], "--port", "a port from 0 to 65535"),
    (["serve", "--max-result-mb", "inf"], "--max-result-mb", "positive number of MB"),
    (["serve", "--max-result-mb", "nan"], "--max-result-mb", "positive number of MB"),
    (["serve", "--workers", "0"], "--workers", "1 or more"),
    (["serve", "--memory-mb", "-5"], "--memory-mb", "0 or more"),
    (["serve", "--timeout-s", "-3"], "--timeout-s", "positive number of seconds"),
    (["synth", "--docs", "2", "--actors", "-5", "-o", "x"], "--actors", "1 or more"),
    (["stats", "--limit", "-1"], "--limit", "0 or more"),
    (["analyze", "--max-hops", "-1"], "--max-hops", "0 or more"),
    (["build", "-j", "x"], "-j/--jobs", "not a whole number"),
    (["query", "timeline", "--limit", "99999999999999999999999"], "--limit", "at most"),
    (["query", "timeline", "--offset", str(1 << 63)], "--offset", "at most"),
])
def test_option_values_out_of_range_are_usage_errors_naming_the_option(argv, option, why,
                                                                       capsys):
    """Regression: each of these was a traceback (``--timeout inf``, ``--port 99999``,
    ``--max-result-mb nan``, ``--endpoint http://[::1``, ``--actors -5``) or silently did
    something else (``--timeout -1`` timed every query out, ``--limit -1`` dropped a row), or
    failed as a malformed query (``--limit 99999999999999999999999``)."""
    from kg.cli import main

    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"kg {argv[0]}: error: argument {option}: ") and why in last, err
    assert "Traceback" not in err, err
