"""``kg serve``'s query processes: a pool of killable workers on the store, reopened on change.

Every query runs in one of ``size`` child processes (:mod:`kg.store.worker`), each with
its own read-only pyoxigraph handle. No engine listens on any port, so no other process
can reach the store through ``kg serve``'s back door, and a query that crashes Oxigraph
ends one worker (its own query), never the others' queries. A worker is killed

- at the query's deadline (pyoxigraph cannot cancel a query; a process can be killed),
- when its resident memory passes ``memory_mb`` (a watcher thread, every 50 ms on Linux;
  an address-space cap is the backstop: an allocation past it fails, and the process
  aborts saying so on its stderr, which the pool reads),

and restarted by the next request that takes it. Either memory mechanism answers the query
with 503 "ran out of memory", whichever comes first (a loaded machine may delay the
watcher). When ``kg build`` swaps a new store in
(a new directory at the same path), each worker is replaced before its next query, so
answers come from the new store.
"""

from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError
from kg.store.child import Child, ChildDied, ChildFailed, ChildTimeout
from kg.store.worker import ENTRY, STARTUP_TIMEOUT_S

__all__ = ["QueryPool", "Answer", "QueryFailed"]

WATCH_INTERVAL_S = 0.05
#: The status of a query whose result passes the cap: 422 Unprocessable Content.
RESULT_TOO_LARGE = 422
# Address space a worker reserves beyond its resident memory (the interpreter, pyoxigraph,
# RocksDB's read-only handle, thread stacks); the resident-memory watcher acts first.
ADDRESS_RESERVE_MB = 2048
# What a process writes to stderr when an allocation fails at the address-space cap, before
# it aborts: Rust's allocator (Oxigraph), C++'s (RocksDB), Python's.
OUT_OF_MEMORY_SIGNS = (b"memory allocation of", b"bad_alloc", b"MemoryError")
# How much of the end of a dead process's stderr is searched for them (a backtrace may follow).
STDERR_TAIL_BYTES = 256 << 10


class QueryFailed(KGError):
    """A query the pool could not answer; ``status`` is the HTTP status that fits."""

    def __init__(self, status: int, message: str, *, retry_after_s: int | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after_s = retry_after_s  # sent as Retry-After (429, 503)


@dataclass(frozen=True)
class Answer:
    kind: str  # select, ask, graph
    media_type: str
    body: bytes


class _Worker:
    def __init__(self, store_dir: Path, memory_mb: int | None):
        backstop = memory_mb + ADDRESS_RESERVE_MB if memory_mb else None
        env = {"MALLOC_ARENA_MAX": "2"} if memory_mb else None
        # With a memory cap, the process's stderr goes to a file: its last words tell a
        # death at the address-space backstop from a crash.
        self.stderr = tempfile.TemporaryFile() if memory_mb else None
        self.child = Child(ENTRY, (str(store_dir),), memory_mb=backstop, env=env,
                           stderr=self.stderr.fileno() if self.stderr else subprocess.DEVNULL,
                           ready_timeout_s=STARTUP_TIMEOUT_S)
        self.generation: tuple[int, int] | None = None
        self.over_memory = False
        # Starting a process and closing the worker exclude each other: a request that finds
        # its process killed by the pool's stop must not start another one that no one stops.
        self._lock = threading.Lock()
        self._closed = False

    def ensure(self, generation: tuple[int, int] | None) -> bool:
        """Start the process if needed; True if one that ran had died (a restart).

        :raises ChildFailed: the worker is closed (the pool stopped), or the start failed.
        """
        with self._lock:
            if self._closed:
                raise ChildFailed("the server is stopping")
            if self.child.alive() and self.generation != generation:
                self.child.kill()  # the store was swapped: open the new one
            died = self.child.proc is not None and not self.child.alive()
            if not self.child.alive():
                self.over_memory = False
                if self.stderr is not None:  # the new process's stderr starts empty
                    self.stderr.seek(0)
                    self.stderr.truncate()
                self.generation = generation
                self.child.start()
            return died

    def send(self, request: dict[str, Any]) -> None:
        """Send a query to the running process (never starting one: :meth:`ensure` does).

        :raises ChildDied: the process is gone (killed, crashed, or the worker closed).
        """
        with self._lock:
            if self._closed or not self.child.alive():
                raise ChildDied(None)
            self.child.send(request)

    def close(self) -> None:
        """Kill the process, and refuse to start another one."""
        with self._lock:
            self._closed = True
            self.child.kill()

    def ran_out_of_memory(self) -> bool:
        """Whether the process, now dead, was stopped by the memory cap: the watcher killed
        it, or an allocation failed at the address-space backstop (its stderr says so)."""
        if self.over_memory:
            return True
        if self.stderr is None:
            return False
        end = self.stderr.seek(0, os.SEEK_END)
        self.stderr.seek(max(0, end - STDERR_TAIL_BYTES))
        tail = self.stderr.read()
        return any(sign in tail for sign in OUT_OF_MEMORY_SIGNS)


class QueryPool:
    """``size`` query processes on ``store_dir``; :meth:`run` is blocking and thread-safe."""

    def __init__(self, store_dir: str | Path, *, size: int = 2, memory_mb: int | None = None):
        self.store_dir = Path(store_dir)
        self.size, self.memory_mb = max(1, size), memory_mb
        self.restarts = 0
        self._generation = self._current_generation()
        self._workers = [_Worker(self.store_dir, memory_mb) for _ in range(self.size)]
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._stopped = threading.Event()
        for worker in self._workers:
            self._idle.put(worker)

    def start(self) -> QueryPool:
        """Start the processes now (else each starts on first use)."""
        for worker in self._workers:
            worker.child.start(wait=False)
            worker.generation = self._generation
        try:
            for worker in self._workers:
                worker.child.await_ready()
        except ChildFailed as exc:
            self.stop()
            raise StoreError(f"{self.store_dir}: query process could not start: {exc}") \
                from None
        if self.memory_mb:
            threading.Thread(target=self._watch_memory, name="kg-serve-memory",
                             daemon=True).start()
        return self

    def busy(self) -> int:
        """How many processes are taken by a query now (its request has not returned)."""
        return self.size - self._idle.qsize()

    def pids(self) -> list[int]:
        return [w.child.pid for w in self._workers if w.child.alive() and w.child.pid]

    def stop(self) -> None:
        """Kill every process; a query running then fails (503) and starts none again."""
        self._stopped.set()
        for worker in self._workers:
            worker.close()

    def _current_generation(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.store_dir)
        except OSError:  # mid-swap (no atomic exchange here): keep what we have
            return getattr(self, "_generation", None)
        return st.st_dev, st.st_ino

    def run(self, query: str, *, media: str | None, timeout_s: float,
            max_bytes: int | None) -> Answer:
        """Answer a query (already checked by the guard) within ``timeout_s``.

        :raises QueryFailed: with the HTTP status that fits (422: the result cap; 500: a
            crash; 503: no process free or out of memory; 504: the timeout).
        """
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            raise QueryFailed(503, f"all {self.size} query processes stayed busy for "
                                   f"{timeout_s:g} s; try again") from None
        try:
            self._generation = self._current_generation()
            try:
                if worker.ensure(self._generation):
                    self.restarts += 1
            except ChildFailed as exc:
                raise QueryFailed(503, f"query process could not start: {exc}") from None
            # The deadline starts once a started process has the query: neither the wait
            # for a free process nor a restart counts against the query's own time.
            deadline = time.monotonic() + timeout_s
            return self._ask(worker, query, media, deadline, timeout_s, max_bytes)
        finally:
            self._idle.put(worker)

    def _ask(self, worker: _Worker, query: str, media: str | None, deadline: float,
             timeout_s: float, max_bytes: int | None) -> Answer:
        request = {"query": query, "media": media, "max_bytes": max_bytes}
        try:
            try:
                worker.send(request)
                header, body = worker.child.receive(deadline)
            except ChildDied:
                # It died while idle (killed from outside) and the query was sent before the
                # death was seen, or something outside killed it mid-query: once more, on a
                # fresh process. A death by the memory cap is final, and so is the pool's stop.
                if worker.ran_out_of_memory():
                    raise
                self.restarts += 1
                try:
                    worker.ensure(self._generation)
                except ChildFailed as exc:
                    raise QueryFailed(503, f"query process could not start: {exc}") from None
                worker.send(request)
                header, body = worker.child.receive(deadline)
        except ChildTimeout:
            self.restarts += 1
            raise QueryFailed(504, f"query exceeded the {timeout_s:g} s timeout") from None
        except ChildDied as exc:
            self.restarts += 1
            if self._stopped.is_set():
                raise QueryFailed(503, "the server is stopping") from None
            if worker.ran_out_of_memory() or exc.returncode == -9 and self.memory_mb:
                raise self._out_of_memory() from None
            raise QueryFailed(500, "the query crashed its query process (status "
                                   f"{exc.returncode}); it was restarted") from None
        if header["ok"]:
            return Answer(header["kind"], header["media"], body)
        kind, message = header.get("type", ""), header.get("error", "")
        if kind == "ResultTooLarge":
            # A client error: the query is valid, its result is more than this server sends
            # (the same query fails again, so not 5xx; 413 is for the request's own content).
            raise QueryFailed(RESULT_TOO_LARGE, message)
        if kind == "MemoryError" and self.memory_mb:
            raise self._out_of_memory()
        if kind in ("SyntaxError", "ValueError", "TypeError"):
            raise QueryError(f"query rejected: {message}")
        raise QueryFailed(500, f"query failed ({kind}): {message}")

    def _out_of_memory(self) -> QueryFailed:
        return QueryFailed(503, f"the query ran out of memory (limit {self.memory_mb} MB); "
                                "narrow the query or add a LIMIT")

    def _watch_memory(self) -> None:
        """Kill a worker whose resident memory passes the cap (Linux ``/proc``)."""
        page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
        limit = (self.memory_mb or 0) << 20
        while not self._stopped.wait(WATCH_INTERVAL_S):
            for worker in self._workers:
                proc: Any = worker.child.proc
                if proc is None or proc.poll() is not None:
                    continue
                try:
                    with open(f"/proc/{proc.pid}/statm", "rb") as fh:
                        resident = int(fh.read().split()[1]) * page
                except (OSError, ValueError, IndexError):
                    continue
                if resident > limit:
                    worker.over_memory = True
                    try:
                        proc.kill()
                    except OSError:
                        pass
