"""Filling the new store while the documents are still being built.

The worker processes hand in document after document; :class:`StoreFiller` gathers
their cached blocks into chunks of about :data:`CHUNK_QUADS` quads and bulk-loads
each chunk, in a thread of its own, into a :class:`~kg.store.embedded.StagedStore`.
Oxigraph's bulk loader releases the GIL and runs on one core, so loading overlaps
with building instead of following it. The store is opened at the first chunk, after
the worker processes were forked (forking a process that has an open RocksDB could
copy a held lock into the children).
"""

from __future__ import annotations

import queue
import shutil
import threading
from pathlib import Path
from typing import Any

__all__ = ["StoreFiller", "CHUNK_QUADS"]

CHUNK_QUADS = 250_000


class StoreFiller:
    """Bulk-loads N-Quads files, in chunks, into a staged store (``target=None``: memory)."""

    def __init__(self, target: Path | None, staging: Path, head: bytes,
                 chunk_quads: int = CHUNK_QUADS):
        self.target, self.staging, self.chunk_quads = target, staging, chunk_quads
        self._head = head
        self._pending: list[Path] = []
        self._pending_quads = 0
        self._chunks = 0
        self._loaded = 0
        self._queue: queue.Queue[Path | None] = queue.Queue(maxsize=2)  # back-pressure
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.staged: Any = None

    def add(self, paths: list[Path], quads: int) -> None:
        """Queue these files (``quads`` lines in all) for loading."""
        self._raise()
        self._pending += paths
        self._pending_quads += quads
        if self._pending_quads >= self.chunk_quads:
            self._flush()

    def finish(self, progress: Any = None) -> Any:
        """Load what is left, wait for the loader; return the staged store.

        ``progress(done, total)`` is called with the chunks loaded while waiting.
        """
        self._flush()
        self._stop(progress)
        self._raise()
        if self.staged is None:  # nothing was ever queued
            from kg.store.embedded import StagedStore

            self.staged = StagedStore(self.target)
        return self.staged

    def abort(self) -> None:
        """Stop loading and throw the new store away."""
        self._pending = []
        self._stop()
        if self.staged is not None:
            self.staged.discard()

    def _flush(self) -> None:
        if not self._pending and not self._head:
            return
        chunk = self.staging / f"chunk-{self._chunks:05d}.nq"
        self._chunks += 1
        with open(chunk, "wb") as out:
            out.write(self._head)
            for path in self._pending:
                with open(path, "rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        self._head, self._pending, self._pending_quads = b"", [], 0
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kg-store-load",
                                            daemon=True)
            self._thread.start()
        while True:  # never block forever on a loader that died
            try:
                self._queue.put(chunk, timeout=0.5)
                return
            except queue.Full:
                self._raise()

    def _stop(self, progress: Any = None) -> None:
        if self._thread is None:
            return
        while self._thread.is_alive():
            if progress:
                progress(self._loaded, self._chunks)
            try:
                self._queue.put(None, timeout=0.5)
                break
            except queue.Full:
                continue
        while self._thread.is_alive():
            self._thread.join(0.5)
            if progress:
                progress(self._loaded, self._chunks)
        self._thread = None

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        from kg.store.embedded import StagedStore

        try:
            self.staged = StagedStore(self.target)
            while (chunk := self._queue.get()) is not None:
                # Lenient: the chunks hold lines this build wrote from terms pyoxigraph checked.
                self.staged.bulk_load(chunk, lenient=True)
                chunk.unlink(missing_ok=True)
                self._loaded += 1
        except BaseException as exc:  # handed to the main thread
            self._error = exc
            while self._queue.get() is not None:  # let the producer finish
                pass
