"""The build pauses the collector and freezes what it reads; the caller's heap is as it was."""

from __future__ import annotations

import gc

from kgtest import write_corpus

from kg.build import build


def test_the_heap_is_unfrozen_and_the_collector_on_after_a_build(tmp_path):
    write_corpus(tmp_path / "c")
    assert gc.isenabled() and not gc.get_freeze_count(), "the test needs a plain heap"
    build(tmp_path / "c", out=tmp_path / "o", jobs=1)
    (tmp_path / "c" / "tiny.yaml").write_text(
        (tmp_path / "c" / "tiny.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(tmp_path / "c", out=tmp_path / "o", jobs=1)  # an update: entries read and frozen
    assert gc.isenabled(), "the build left the collector paused"
    assert not gc.get_freeze_count(), "the build left objects frozen"


def test_a_caller_that_froze_its_heap_keeps_it_frozen(tmp_path):
    write_corpus(tmp_path / "c")
    keep = [[] for _ in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen, "nothing frozen"
        build(tmp_path / "c", out=tmp_path / "o", jobs=1)
        assert gc.get_freeze_count() >= frozen, "the build unfroze the caller's objects"
    finally:
        gc.unfreeze()
    del keep
