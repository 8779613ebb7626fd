"""Atomic file writes: a temporary file in the same folder, then ``os.replace``.

A run killed half-way leaves the previous file (proposals, N-Quads, cache entry)
intact instead of a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: str | bytes, *, durable: bool = True) -> Path:
    """Write ``data`` (text is UTF-8 encoded, newlines kept as given) to ``path`` atomically.

    ``durable`` also syncs the data to disk before the rename (skip it for caches:
    under heavy disk load one fsync per small file costs seconds).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path
