"""Fixtures of the synth tests: one small synthetic corpus shared by the module."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    from kg.synth import write_corpus

    out = tmp_path_factory.mktemp("synth")
    write_corpus(out, docs=25, seed=11)
    return out
