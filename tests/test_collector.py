"""kg.collector: the cyclic garbage collector paused for a block, then as it was."""

from __future__ import annotations

import gc

import pytest

from kg.collector import collector_paused


def test_paused_in_the_block_and_resumed_after_even_on_error():
    was_on = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled(), "the collector runs inside the block"
        assert gc.isenabled(), "the collector was not resumed"
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("boom")
        assert gc.isenabled(), "the collector was not resumed after an error"
    finally:
        if not was_on:
            gc.disable()


def test_left_off_when_it_was_off():
    was_on = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "a collector the caller had paused was switched on"
    finally:
        if was_on:
            gc.enable()


def test_one_helper_for_the_build_and_the_loaders():
    import kg.build
    import kg.loaders

    assert not hasattr(kg.build, "_collector_paused"), "kg.build keeps its own copy"
    assert not hasattr(kg.loaders, "_collector_paused"), "kg.loaders keeps its own copy"
