"""Drift tests for the command line: help texts, examples, README and the generated reference."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from kg.cli import COMMANDS
from kg.codegen import CLI_DOC, cli_markdown
from kg.resources import repo_root

README = (repo_root() / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_with_an_example(name):
    module = importlib.import_module(COMMANDS[name])
    assert module.HELP and module.HELP == module.HELP.strip(), name
    assert "Example:" in module.DESCRIPTION, f"kg {name} --help has no Example:"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert f"`kg {name}" in README, f"kg {name} is missing from the README command table"


def test_cli_reference_is_up_to_date():
    got = (repo_root() / CLI_DOC).read_text(encoding="utf-8")
    assert got == cli_markdown(), "run: python -m kg.codegen"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_modules_import_nothing_heavy_at_top(name):
    # `kg --help` imports every command module: they must not pull in the library.
    code = (f"import sys, importlib; importlib.import_module({COMMANDS[name]!r}); "
            "heavy = [m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyvis', 'pyshacl', "
            "'httpx', 'yaml', 'jsonschema') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{COMMANDS[name]} imports {out.stdout.strip()} at top"


def test_quick_start_has_exactly_the_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("\n", 1)[1].strip() for b in section.split("```sh")[1:]]
    commands = [b.split("```")[0].strip() for b in blocks]
    want = ["pip install -e . && kg demo", "pip install -e '.[test]' && pytest"]
    assert commands == want, commands
    ci = (repo_root() / ".ci" / "run").read_text()
    for c in commands:
        assert f"\n{c}\n" in ci, f".ci/run does not run {c!r} verbatim"


def test_version_and_unknown_command(capsys):
    from kg.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2
