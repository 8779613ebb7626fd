"""Fixtures for the question-pack tests: the seed corpus built once, and helpers to ask it.

The build goes to a temporary folder (never the shared ``build/``), so these tests
do not race other work on the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kgtest import HANG_S, SEED_FILE, listening_port

SEED_DOC = "cfr-2022-north-korea-provocations"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seed document built into a temporary folder."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-build")
    build(SEED_FILE, out=out)
    return out


@pytest.fixture(scope="session")
def seed_store(seed_build) -> Iterator[object]:
    from kg.store import open_store

    store = open_store(seed_build / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_store(corpus_build) -> Iterator[object]:
    """The whole shipped corpus (``data/``: the seed and the briefs about the same events), from
    the session's one build of it (tests/conftest.py)."""
    from kg.store import open_store

    store = open_store(corpus_build.out / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_text() -> str:
    from kg.resources import data_dir

    return (data_dir() / f"{SEED_DOC}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def ask(seed_store):
    """``ask(name, **params)`` -> rows as ``{variable: lexical value}`` dicts."""
    from kg.query import run_query

    def _ask(name: str, **params: str) -> list[dict[str, str]]:
        result = run_query(name, seed_store, params=params or None, timeout_s=HANG_S)
        return [{k: v.value for k, v in row.items()} for row in result.dicts()]

    return _ask


@pytest.fixture(scope="session")
def oxigraph_server(seed_build, tmp_path_factory) -> Iterator[str]:
    """A read-only Oxigraph SPARQL server on loopback over a copy of the seed store."""
    exe = Path(sys.executable).with_name("oxigraph")
    if not exe.exists():
        pytest.skip("the oxigraph CLI (PyPI package 'oxigraph') is not installed in the venv")
    location = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seed_build / "store", location)
    proc = subprocess.Popen([str(exe), "serve-read-only", "--location", str(location),
                             "--bind", "127.0.0.1:0", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = listening_port(proc)
    except AssertionError:  # pragma: no cover - environment problem
        proc.kill()
        raise
    yield f"http://127.0.0.1:{port}/query"
    proc.terminate()
    proc.wait(timeout=HANG_S)
