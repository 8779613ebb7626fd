"""Fixtures of the workbench tests: the hostile corpus built once, and its store."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def hostile_web_build(tmp_path_factory):
    """``hardeningkit``'s hostile corpus (labels with ``<img onerror>``, ``</script>``...)
    built once: the build folder."""
    from hardeningkit import write_hostile_corpus

    from kg.build import build

    root = tmp_path_factory.mktemp("web-hostile")
    build(write_hostile_corpus(root / "corpus"), out=root / "build")
    return root / "build"


@pytest.fixture(scope="session")
def hostile_store(hostile_web_build):
    from kg.store import open_store

    store = open_store(hostile_web_build / "store")
    yield store
    store.close()
