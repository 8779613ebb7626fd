"""Stores built once per session: the hand-made fixture corpus and the shipped seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "network"
CORPUS = FIXTURES / "corpus"
BASE = "https://w3id.org/kg-toolkit/id/"


def iri(short: str) -> str:
    return BASE + short


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of tests/fixtures/network/corpus (two blocs, known answers)."""
    from kg.build import build

    return build(CORPUS, out=tmp_path_factory.mktemp("network-fixture")).store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of the shipped corpus (data/), built apart from the shared build/."""
    from kg.build import build

    return build(out=tmp_path_factory.mktemp("network-seed")).store


@pytest.fixture(scope="session")
def actors(fixture_store: Path):
    from kg.network import project

    return project(fixture_store, "actors")
