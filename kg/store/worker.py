"""A query process that can be killed: how the embedded store enforces a timeout.

pyoxigraph cannot cancel a running query, so queries with a deadline on an
on-disk store run in a child process holding its own read-only handle. The
parent waits on the pipe until the deadline and kills the child if it passes;
the next query starts a fresh child. Results travel as SPARQL JSON (SELECT, ASK)
or N-Triples (CONSTRUCT, DESCRIBE) and are parsed completely by the parent.

Protocol: one JSON line per request ``{"query": ...}``; the answer is one JSON
header line ``{"ok": true, "kind": ..., "size": n}`` followed by ``n`` bytes, or
``{"ok": false, "error": ..., "type": ...}``.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError
from kg.store.result import QueryResult, result_from_pyoxigraph, result_from_triples

__all__ = ["QueryWorker", "main", "memory_limiter"]


class QueryWorker:
    """A child process answering queries on a read-only on-disk store."""

    def __init__(self, location: Path, *, memory_limit_mb: int | None = None):
        self.location = location
        self.memory_limit_mb = memory_limit_mb
        self._proc: subprocess.Popen[bytes] | None = None
        self._pending = b""
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            code = "from kg.store.worker import main; main()"
            self._proc = subprocess.Popen(
                [sys.executable, "-c", code, str(self.location)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                preexec_fn=memory_limiter(self.memory_limit_mb),
            )
            weakref.finalize(self, _kill, self._proc)  # no orphan if the store is not closed
        return self._proc

    def stop(self) -> None:
        proc, self._proc, self._pending = self._proc, None, b""
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc is not None:
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()

    def query(self, text: str, timeout_s: float) -> QueryResult:
        """Answer ``text`` or kill the child at the deadline.

        :raises QueryError: on a malformed query or when ``timeout_s`` passes.
        """
        with self._lock:
            return self._query(text, timeout_s)

    def _query(self, text: str, timeout_s: float) -> QueryResult:
        deadline = time.monotonic() + timeout_s
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps({"query": text}).encode() + b"\n")
            proc.stdin.flush()
            header = json.loads(self._read_line(proc, deadline, timeout_s))
            if not header["ok"]:
                exc_type = QueryError if header["type"] == "SyntaxError" else StoreError
                raise exc_type(f"query failed: {header['error']}")
            body = self._read_exact(proc, header["size"], deadline, timeout_s)
        except (BrokenPipeError, json.JSONDecodeError, KeyError) as exc:
            self.stop()
            raise StoreError(f"{self.location}: query process failed: {exc}") from exc
        return _decode(header["kind"], body)

    def _wait(self, proc: subprocess.Popen[bytes], deadline: float, timeout_s: float) -> bytes:
        remaining = deadline - time.monotonic()
        assert proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            ready = sel.select(max(remaining, 0)) if remaining > 0 else []
        if not ready:
            self.stop()
            raise QueryError(f"query exceeded the {timeout_s:g} s timeout")
        chunk = os.read(proc.stdout.fileno(), 1 << 20)
        if not chunk:
            self.stop()
            if self.memory_limit_mb:
                raise QueryError(f"query process died: out of memory? (limit "
                                 f"{self.memory_limit_mb} MB)")
            raise StoreError(f"{self.location}: query process died")
        return chunk

    def _read_line(self, proc: subprocess.Popen[bytes], deadline: float, timeout_s: float) -> bytes:
        buf = self._pending
        while b"\n" not in buf:
            buf += self._wait(proc, deadline, timeout_s)
        line, _, self._pending = buf.partition(b"\n")
        return line

    def _read_exact(self, proc: subprocess.Popen[bytes], size: int, deadline: float,
                    timeout_s: float) -> bytes:
        chunks, have = [self._pending], len(self._pending)
        while have < size:
            chunk = self._wait(proc, deadline, timeout_s)
            chunks.append(chunk)
            have += len(chunk)
        data = b"".join(chunks)
        self._pending = data[size:]
        return data[:size]


def memory_limiter(limit_mb: int | None) -> Any:
    """A ``preexec_fn`` capping the child's address space: a query that would eat the
    machine's memory makes Oxigraph abort in its own process instead."""
    if not limit_mb:
        return None
    import resource  # imported here, in the parent, not between fork and exec

    cap = int(limit_mb) << 20

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return limit


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _decode(kind: str, body: bytes) -> QueryResult:
    import pyoxigraph as ox

    if kind == "graph":
        quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        return result_from_triples(q.triple for q in quads)
    answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return result_from_pyoxigraph(answer)


def _answer(store: Any, text: str) -> tuple[str, bytes]:
    import pyoxigraph as ox

    answer = store.query(text, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryTriples):
        return "graph", answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
    kind = "ask" if isinstance(answer, ox.QueryBoolean) else "select"
    return kind, answer.serialize(format=ox.QueryResultsFormat.JSON) or b""


def main() -> None:
    """Child side: open the store read-only, answer requests until stdin closes."""
    import pyoxigraph as ox

    store = ox.Store.read_only(sys.argv[1])
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        try:
            kind, body = _answer(store, json.loads(line)["query"])
            header: dict[str, Any] = {"ok": True, "kind": kind, "size": len(body)}
        except Exception as exc:  # reported to the parent, which raises
            header, body = {"ok": False, "error": str(exc), "type": type(exc).__name__}, b""
        out.write(json.dumps(header).encode() + b"\n" + body)
        out.flush()
