"""The embedded store: an Oxigraph database on disk (or in memory for tests).

``write_store`` creates ``build/store`` atomically: N-Quads are bulk-loaded into
a temporary directory next to the target, which is then swapped in, so a build
killed half-way leaves the previous store usable. ``EmbeddedStore`` answers
queries over the union of all named graphs, with safe parameter binding and a
deadline: pyoxigraph has no query timeout, so a timed query on an on-disk store
runs in a child process killed at the deadline (:mod:`kg.store.worker`), and in
memory in a thread the caller stops waiting for.
"""

from __future__ import annotations

import ctypes
import gc
import os
import shutil
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from kg.errors import QueryError, StoreError, UsageError
from kg.store.guard import check_query
from kg.store.result import QueryResult, result_from_pyoxigraph

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.store.worker import QueryWorker

T = TypeVar("T")

__all__ = ["write_store", "StagedStore", "EmbeddedStore", "recover_store"]

_TMP_SUFFIX = ".tmp"
_OLD_SUFFIX = ".old"


def _sibling(store_dir: Path, suffix: str) -> Path:
    return store_dir.with_name(f".{store_dir.name}{suffix}-{os.getpid()}")


def _stale_siblings(store_dir: Path, suffix: str) -> list[Path]:
    parent = store_dir.parent
    if not parent.is_dir():
        return []
    prefix = f".{store_dir.name}{suffix}-"
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix))


def recover_store(store_dir: str | Path) -> None:
    """Undo a swap interrupted between its two renames; drop temporaries of dead writers.

    Only needed where the atomic directory exchange (Linux ``renameat2``) is
    unavailable: if the target is missing but a previous store was moved aside, that
    previous store is put back. Temporaries of a writer that is still running are kept.
    """
    store_dir = Path(store_dir)
    olds = [p for p in _stale_siblings(store_dir, _OLD_SUFFIX) if not _writer_alive(p)]
    if not store_dir.exists() and olds:
        os.rename(olds[-1], store_dir)
        olds = olds[:-1]
    tmps = [p for p in _stale_siblings(store_dir, _TMP_SUFFIX) if not _writer_alive(p)]
    for stale in olds + tmps:
        shutil.rmtree(stale, ignore_errors=True)


def _writer_alive(sibling: Path) -> bool:
    """Is the process whose pid ends the sibling's name (``.store.tmp-PID``) running?"""
    try:
        pid = int(sibling.name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported.

    libc is this process's own (``CDLL(None)``): ``ctypes.util.find_library`` would run
    ``ldconfig`` in a child process on every swap (about 0.08 s of CPU)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _swap_in(tmp: Path, store_dir: Path) -> None:
    if not store_dir.exists():
        os.rename(tmp, store_dir)
        return
    if _exchange(tmp, store_dir):  # tmp now holds the previous store
        shutil.rmtree(tmp, ignore_errors=True)
        return
    old = _sibling(store_dir, _OLD_SUFFIX)
    os.rename(store_dir, old)
    os.rename(tmp, store_dir)
    shutil.rmtree(old, ignore_errors=True)


class StagedStore:
    """A new Oxigraph store written beside ``store_dir``, swapped in by :meth:`commit`.

    Until then the previous store stays as it was; :meth:`discard` (or an error, or a
    kill) leaves no trace of the new one but a temporary directory that the next writer
    removes. With ``store_dir=None`` the store lives in memory and nothing is written.
    Queries see the union of the named graphs.
    """

    def __init__(self, store_dir: str | Path | None):
        import pyoxigraph as ox

        self.target = None if store_dir is None else Path(store_dir)
        self.tmp: Path | None = None
        if self.target is None:
            self.store = ox.Store()
            return
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            recover_store(self.target)
            self.tmp = _sibling(self.target, _TMP_SUFFIX)
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.store = ox.Store(str(self.tmp))
        except OSError as exc:
            self.discard()
            raise StoreError(f"{self.target}: cannot write the store: {exc}") from exc

    @classmethod
    def copy_of(cls, store_dir: str | Path) -> StagedStore:
        """A staged store that starts as a copy of the store at ``store_dir`` (an Oxigraph
        checkpoint: hard links where the file system allows), to be updated and swapped in.

        :raises StoreError: if the store cannot be read or copied.
        """
        import pyoxigraph as ox

        staged = cls.__new__(cls)
        staged.target = Path(store_dir)
        staged.tmp = None
        try:
            recover_store(staged.target)
            staged.tmp = _sibling(staged.target, _TMP_SUFFIX)
            shutil.rmtree(staged.tmp, ignore_errors=True)
            source = ox.Store.read_only(str(staged.target))
            source.backup(str(staged.tmp))
            del source
            staged.store = ox.Store(str(staged.tmp))
        except OSError as exc:
            staged.discard()
            raise StoreError(f"{staged.target}: cannot copy the store: {exc}") from exc
        return staged

    def __enter__(self) -> StagedStore:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is not None:
            self.discard()

    def bulk_load(self, source: str | Path | IO[bytes], *, lenient: bool = False) -> None:
        """Add the quads of an N-Quads file (a path, or a binary file object)."""
        import pyoxigraph as ox

        what = source if isinstance(source, str | Path) else "N-Quads stream"
        try:
            if isinstance(source, str | Path):
                self.store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS,
                                     lenient=lenient)
            else:
                self.store.bulk_load(input=source, format=ox.RdfFormat.N_QUADS,
                                     lenient=lenient)
        except SyntaxError as exc:
            raise StoreError(f"{what}: invalid N-Quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.target}: cannot write the store: {exc}") from exc

    def add(self, nquads: str, *, lenient: bool = False) -> None:
        """Add a few N-Quads in one transaction (a bulk load has a high fixed cost)."""
        import pyoxigraph as ox

        try:
            self.store.load(input=nquads, format=ox.RdfFormat.N_QUADS, lenient=lenient)
        except SyntaxError as exc:
            raise StoreError(f"invalid N-Quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.target}: cannot write the store: {exc}") from exc

    def flush(self) -> None:
        """Write what the store holds in memory to its files (:meth:`commit` does too)."""
        if self.target is None or self.tmp is None:
            return
        try:
            self.store.flush()
        except OSError as exc:
            raise StoreError(f"{self.target}: cannot write the store: {exc}") from exc

    def commit(self) -> Path | None:
        """Flush and swap the new store in (atomically where the OS allows)."""
        if self.target is None or self.tmp is None:
            return None
        try:
            self.store.flush()
            del self.store
            gc.collect()  # the RocksDB lock is released when the last reference goes
            _swap_in(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise StoreError(f"{self.target}: cannot write the store: {exc}") from exc
        self.tmp = None
        return self.target

    def discard(self) -> None:
        if hasattr(self, "store"):
            del self.store
            gc.collect()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def write_store(nquads_path: str | Path, store_dir: str | Path, *, lenient: bool = False) -> Path:
    """Bulk-load ``nquads_path`` into a fresh Oxigraph store that atomically replaces ``store_dir``.

    :raises StoreError: if the N-Quads are missing or invalid, or the store cannot be written.
    """
    nquads_path, store_dir = Path(nquads_path), Path(store_dir)
    if not nquads_path.is_file():
        raise StoreError(f"{nquads_path}: N-Quads file not found")
    with StagedStore(store_dir) as staged:
        staged.bulk_load(nquads_path, lenient=lenient)
        staged.commit()
    return store_dir


class EmbeddedStore:
    """An Oxigraph store in this process; queries see the union of all named graphs."""

    def __init__(self, location: str | Path | None = None, *, read_only: bool = True,
                 allow_service: bool = False, memory_limit_mb: int | None = None):
        import pyoxigraph as ox

        self.location = None if location is None else Path(location)
        self.read_only = read_only and location is not None
        self.allow_service = allow_service
        self.memory_limit_mb = memory_limit_mb
        self._worker: QueryWorker | None = None
        self._store: ox.Store | None = None
        try:
            if location is None:
                self._store = ox.Store()
            elif self.read_only:
                where = Path(location)
                recover_store(where)
                if not where.is_dir():
                    raise StoreError(f"{where}: no store here (run 'kg build' first)")
                self._store = ox.Store.read_only(str(where))
            else:
                self._store = ox.Store(str(self.location))
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB's "Corruption: ..."
            raise StoreError(f"{location}: cannot open the store: {exc}") from exc

    def __repr__(self) -> str:
        where = self.location or "memory"
        return f"EmbeddedStore({where!s}, read_only={self.read_only})"

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self!r} is closed")
        return self._store

    def query(self, sparql: str, *, bindings: Mapping[str, object] | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """Run a read query over the union graph; ``bindings`` maps variable names to terms.

        With ``timeout_s`` on an on-disk store the query runs in a child process that is
        killed at the deadline (and capped at ``memory_limit_mb`` if set); in memory it
        runs in a thread the caller stops waiting for.

        :raises QueryError: if the query is malformed, refused, or exceeds ``timeout_s``.
        """
        from kg.store.bind import bind_values

        if timeout_s is not None and not 0 < timeout_s < float("inf"):  # nan too
            raise UsageError(f"the timeout must be a positive number of seconds, not "
                             f"{timeout_s}")
        check_query(sparql, allow_service=self.allow_service)
        text = bind_values(sparql, bindings) if bindings else sparql
        store = self._live()
        if timeout_s is not None and self.read_only and self.location is not None:
            return self._killable().query(text, timeout_s)

        def run() -> QueryResult:
            answer = store.query(text, use_default_graph_as_union=True)
            return result_from_pyoxigraph(answer)

        return _with_deadline(run, timeout_s, what="query")

    def _killable(self) -> QueryWorker:
        """The child process that runs timed queries (started on first use)."""
        if self._worker is None:
            from kg.store.worker import QueryWorker

            assert self.location is not None
            self._worker = QueryWorker(self.location, memory_limit_mb=self.memory_limit_mb)
        return self._worker

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self.location}: store opened read-only")
        return self._live()

    def load_nquads(self, path: str | Path) -> None:
        """Add the quads of an N-Quads file (bulk load; existing quads are kept)."""
        import pyoxigraph as ox

        store = self._writable()
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"{path}: cannot load N-Quads: {exc}") from exc

    def replace_graph(self, graph_iri: str, nquads_path: str | Path) -> None:
        """Replace one named graph by the triples of a file (quads of other graphs are refused)."""
        import pyoxigraph as ox

        store = self._writable()
        graph = ox.NamedNode(graph_iri)
        try:
            quads = list(ox.parse(path=str(nquads_path), format=_rdf_format(nquads_path)))
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"{nquads_path}: cannot read: {exc}") from exc
        moved = []
        for q in quads:
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != graph:
                raise StoreError(f"{nquads_path}: quad in graph {q.graph_name} while replacing "
                                 f"<{graph_iri}>")
            moved.append(ox.Quad(q.subject, q.predicate, q.object, graph))
        # One SPARQL update is one transaction: a process killed half-way leaves the old
        # graph or the new one, never an empty or half-filled graph (remove_graph, then
        # extend, were two transactions). Terms are written by pyoxigraph (escaped).
        body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in moved)
        try:
            store.update(f"DROP SILENT GRAPH {graph} ; CREATE SILENT GRAPH {graph} ; "
                         f"INSERT DATA {{ GRAPH {graph} {{ {body} }} }}")
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"{nquads_path}: cannot replace <{graph_iri}>: {exc}") from exc

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._live().named_graphs() if hasattr(g, "value"))

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        store = getattr(self, "_store", None)
        if store is not None:
            if not self.read_only and self.location is not None:
                store.flush()
            del store
            self._store = None
            gc.collect()


def _rdf_format(path: str | Path) -> ox.RdfFormat:
    import pyoxigraph as ox

    return ox.RdfFormat.N_TRIPLES if str(path).endswith(".nt") else ox.RdfFormat.N_QUADS


def _with_deadline(fn: Callable[[], T], timeout_s: float | None, *, what: str) -> T:
    """Run ``fn`` in a daemon thread and stop waiting for it at the deadline.

    Used for in-memory and writable stores, which a child process cannot open:
    pyoxigraph offers no way to cancel a query, so the abandoned thread finishes in
    the background (the GIL is released while Oxigraph evaluates).
    """
    if timeout_s is None:
        try:
            return fn()
        except SyntaxError as exc:
            raise QueryError(f"malformed {what}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{what} failed: {exc}") from exc
    values: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            values.append(fn())
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)

    worker = threading.Thread(target=target, name=f"kg-{what}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise QueryError(f"{what} exceeded the {timeout_s:g} s timeout")
    if errors:
        failure = errors[0]
        if isinstance(failure, SyntaxError):
            raise QueryError(f"malformed {what}: {failure}") from failure
        if isinstance(failure, OSError):
            raise StoreError(f"{what} failed: {failure}") from failure
        raise failure
    return values[0]
