"""Stores built once per session: the hand-made fixture corpus and the shipped seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network"
CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of tests/fixtures/network/corpus (two blocs, known answers)."""
    from kg.build import build

    return build(CORPUS, out=tmp_path_factory.mktemp("network-fixture")).store


@pytest.fixture(scope="session")
def seed_store(seed_build) -> Path:
    """The store of the shipped corpus, from the session build of tests/conftest.py."""
    return seed_build.store


@pytest.fixture(scope="session")
def actors(fixture_store: Path):
    from kg.network import project

    return project(fixture_store, "actors")
