"""The type checks of .ci/run, run by the suite too, so a change that breaks them is seen
before it lands: ``mypy kg`` (the whole package) and ``mypy --strict`` on the public modules.

The commands are read from .ci/run: one list of strict modules, in one place.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("mypy", reason="mypy comes with the test extra")


def mypy_commands() -> list[list[str]]:
    """The ``mypy ...`` commands of .ci/run, continuation lines joined."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines() if line.startswith("mypy ")]


def test_ci_runs_mypy_on_the_package_and_strict_on_the_public_api():
    commands = mypy_commands()
    assert ["mypy", "kg"] in commands, commands
    strict = next(c for c in commands if "--strict" in c)
    for module in ("kg/__init__.py", "kg/build/__init__.py", "kg/loaders/__init__.py",
                   "kg/query/run.py", "kg/network/projection.py", "kg/network/report.py",
                   "kg/viz/html.py", "kg/link/reconcile.py", "kg/link/apply.py",
                   "kg/store/protocol.py", "kg/sparqlclient.py", "kg/validation.py"):
        assert module in strict, module
        assert (ROOT / module).is_file(), module


@pytest.mark.slow
@pytest.mark.parametrize("command", mypy_commands(), ids=lambda c: " ".join(c[:2]))
def test_mypy_passes(command):
    out = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
