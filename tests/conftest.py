"""Shared fixtures: the shipped ontology, the seed corpus built once per session, tiny corpora."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from kg.resources import data_dir, repo_root

ROOT = repo_root()
SEED_ID = "cfr-2022-north-korea-provocations"


@pytest.fixture(scope="session")
def onto():
    from kg.ontology import load_ontology

    return load_ontology()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The shipped corpus built once: a :class:`kg.build.BuildResult`."""
    from kg.build import build

    return build(data_dir(), out=tmp_path_factory.mktemp("seed-build"))


@pytest.fixture(scope="session")
def seed_store(seed_build):
    """The seed store opened read-only through the store layer."""
    from kg.store import open_store

    store = open_store(seed_build.out / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_doc():
    from kg.loaders import load_corpus

    return next(d for d in load_corpus(data_dir()) if d.id == SEED_ID)


TINY_TEXT = ("North Korea tested missiles in September 2022. China and Russia blocked a UN "
             "resolution. The tests would likely continue.\n")

TINY_YAML = """\
document:
  id: tiny
  text: tiny.txt
  title: A tiny brief
  publisher: pub
  author: unknown
  date: 2022-11-01
  annotator: tests
annotations:
  - id: pub
    type: Organization
    label: Tiny Publisher
  - id: nk
    type: State
    label: North Korea
    quote: North Korea
  - id: china
    type: State
    label: China
    quote: China
  - id: russia
    type: State
    label: Russia
    quote: Russia
  - id: t1
    type: TimeSpan
    quote: September 2022
    begin: 2022-09
    end: 2022-09
    precision: Month
  - id: ev1
    type: MissileTest
    quote: tested missiles
    agent: nk
    time: t1
    status: Occurred
  - id: ev2
    type: ResolutionBlocking
    quote: blocked a UN resolution
    agent: [china, russia]
  - id: r1
    type: Alignment
    quote: China and Russia
    subject: china
    object: russia
  - id: c1
    type: Claim
    quote: The tests would likely continue.
    asserts: ev1
    modality: Prediction
    certainty: Likely
    hedge: would likely
"""


def write_corpus(folder: Path, yaml_text: str = TINY_YAML, text: str = TINY_TEXT,
                 name: str = "tiny") -> Path:
    """Write a one-document corpus into ``folder`` and return the annotation file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    ann = folder / f"{name}.yaml"
    ann.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return ann


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may change."""
    dst = tmp_path / "data"
    shutil.copytree(data_dir(), dst)
    return dst
