"""The cyclic garbage collector paused around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; resume it (if it was on) even on
    an error.

    Loading a document, or reading and checking a build's cached entries, allocates
    hundreds of thousands of small objects (parser nodes, items, anchors, records) and frees
    none of them in cycles: the collector would walk them again and again as they
    accumulate, which made loading grow faster than the file (22x the time for 10x the
    annotations, measured) and cost about a tenth of a rebuild's CPU at 1,000 documents.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
