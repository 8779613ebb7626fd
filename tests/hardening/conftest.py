"""Fixtures of the hardening suite: builds, Chromium, and the figures of the closing report.

Every test here is bounded (hypothesis ``max_examples``, fixed durations, timeouts)
and leaves no process behind. The figures the report quotes (inputs tried, clean
errors, kills survived, load held) are collected in the session ``figures`` dict and
printed at the end of the run (and written as JSON to ``$KG_HARDENING_FIGURES`` when
that is set). Hostile strings and shared checks live in ``tests/hardeningkit.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hardeningkit import FIGURES, write_hostile_corpus


# -- figures ------------------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    if not FIGURES:
        return
    terminalreporter.section("hardening figures")
    for key in sorted(FIGURES):
        terminalreporter.write_line(f"{key}: {FIGURES[key]}")
    target = os.environ.get("KG_HARDENINGFIGURES")
    if target:
        Path(target).write_text(json.dumps(FIGURES, indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")


# -- builds -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory):
    """The tests' tiny corpus built once (``kgtest.TINY_YAML``): the build folder."""
    from kgtest import write_corpus

    from kg.build import build

    root = tmp_path_factory.mktemp("tiny")
    ann = write_corpus(root / "corpus")
    build(ann, out=root / "build")
    return root / "build"


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory):
    """The hostile corpus built once: the build folder (``graph.nq``, ``store/``...)."""
    from kg.build import build

    root = tmp_path_factory.mktemp("hostile")
    ann = write_hostile_corpus(root / "corpus")
    build(ann, out=root / "build")
    return root / "build"


# -- Chromium (the module-scoped ``browser`` fixture is in tests/conftest.py) -----------------
