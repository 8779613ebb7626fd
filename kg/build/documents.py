"""One document at a time: load, check, write its N-Quads, derive, cache.

Every annotation file has an entry in the build's cache (``out/.cache``), named
after the file's path:

- ``NAME.nq``: the document's own graph, sorted (copied as one block into ``graph.nq``);
- ``NAME.shared.nq``: its lines in graphs other documents write to as well (the
  provenance graph, curated links, what the document rules derived);
- ``NAME.trig``: the TriG of its own graph;
- ``NAME.json``: what the build needs from the document without reading it again
  (its id, the corpus-scoped items it defines, the ids it uses from other documents,
  counts), and the SHA-256 of every file that decided it. It is written last and
  removed first, so an entry is complete whenever its JSON is there.

An entry is reused while those files and the ontology (with its rules) are byte for
byte the same; nothing in it depends on other documents. :func:`scan` runs the
documents through a pool of worker processes.

``entries.pack`` (:class:`Pack`) holds the JSON of many entries in one file, so that a
rebuild reads one file instead of one per document. Each entry in it is taken only while
its own ``NAME.json`` is the very file it was packed from (inode, size, modification
time); otherwise, or when the pack is damaged, ``NAME.json`` is read as without a pack.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from kg import iris
from kg.atomic import write_bytes
from kg.build.nquads import sort_lines, trig_fragment, write_lines, write_text
from kg.errors import AnnotationError, BuildError, UsageError

__all__ = ["Entry", "Loaded", "loaded", "DocumentBuilder", "scan", "entry_name", "file_digest",
           "Pack", "PACK_FILE"]

ABSENT = "absent"
PACK_FILE = "entries.pack"  # in the cache folder, beside the entries (see Pack)
_PACK_FORMAT = "1"


@dataclass
class Entry:
    """What one annotation file contributed (or why it could not)."""

    source: str
    name: str
    ok: bool = False
    reused: bool = False
    doc_id: str | None = None
    graph: str | None = None  # the document's own graph term, <iri>
    quads: int = 0  # lines in its own graph
    items: int = 0
    annotation: str | None = None
    text: str | None = None
    # One row per item (kg.loaders.identity.ItemRecord.as_list): the identity checks across
    # documents run on these, without reading the documents again.
    records: list[list[Any]] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # ids of other documents' items
    error: str | None = None  # a BuildError message
    deps: list[list[str]] = field(default_factory=list)  # [path, sha256 or "absent"]


class Loaded(Protocol):
    """An :class:`Entry` whose document loaded and checked (``ok``): its id and graph are
    set (see :func:`loaded`)."""

    source: str
    name: str
    ok: bool
    reused: bool
    doc_id: str
    graph: str
    quads: int
    items: int
    annotation: str | None
    text: str | None
    records: list[list[Any]]
    external: list[str]
    deps: list[list[str]]


def loaded(entries: Iterable[Entry]) -> list[Loaded]:
    """The entries whose document loaded (``ok``), as :class:`Loaded`.

    :raises BuildError: for an ``ok`` entry without its document id or graph (a damaged
        cache entry).
    """
    out = []
    for e in entries:
        if not e.ok:
            continue
        if e.doc_id is None or e.graph is None:
            raise BuildError(f"{e.source}: its cache entry has no document id or graph "
                             "(delete the build's .cache folder)")
        out.append(cast(Loaded, e))
    return out


def entry_name(source: str | Path) -> str:
    return hashlib.sha256(os.path.abspath(source).encode("utf-8", "surrogatepass")
                          ).hexdigest()[:24]


def file_digest(path: str) -> str:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would hang, /dev/zero not end
            return "unreadable"
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        return ABSENT
    except OSError:
        return "unreadable"


class DocumentBuilder:
    """Turns annotation files into cache entries; one per process."""

    def __init__(self, onto: Any, rules: Any, cache: Path, context: str,
                 prefixes: dict[str, str]):
        self.onto, self.rules, self.cache = onto, rules, cache
        self.context, self.prefixes = context, prefixes

    def path(self, name: str, suffix: str) -> Path:
        return self.cache / f"{name}{suffix}"

    def __call__(self, source: str) -> Entry:
        name = entry_name(source)
        cached = self.cached(source, name)
        if cached is not None:
            return cached
        self.path(name, ".json").unlink(missing_ok=True)
        entry = Entry(source=source, name=name)
        try:
            self._build(source, entry)
        except Exception as exc:  # noqa: BLE001 - a cache entry that cannot be written
            entry.ok, entry.error = False, (f"{source}: {type(exc).__name__}: "
                                            f"{' '.join(str(exc).split())[:200]}")
        return entry

    def cached(self, source: str, name: str, pack: Pack | None = None) -> Entry | None:
        """The valid cache entry of ``source``, or None; ``pack``: read it from there when
        the pack holds this very entry."""
        data = pack.get(name) if pack is not None else None
        if data is None:
            try:
                data = json.loads(self.path(name, ".json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        if not isinstance(data, dict) or data.get("context") != self.context or \
                data.get("source") != source:
            return None
        try:
            entry = Entry(**data["entry"])
        except (KeyError, TypeError):  # written by another version of kg
            return None
        if not entry.deps or any(file_digest(p) != h for p, h in entry.deps):
            return None
        if pack is not None:
            if not all(f"{name}{s}" in pack.listing for s in (".nq", ".shared.nq", ".trig")):
                return None
        elif not all(self.path(name, s).is_file() for s in (".nq", ".shared.nq", ".trig")):
            return None
        entry.reused = True
        return entry

    def _build(self, source: str, entry: Entry) -> None:
        from kg.build.rdf import document_lines
        from kg.loaders import load_document
        from kg.loaders.check import check_document
        from kg.loaders.identity import records_of

        try:
            doc, problems = load_document(source)
        except AnnotationError:
            return  # reported by the corpus check that follows
        if doc is None or problems:
            return
        external: set[str] = set()
        if check_document(doc, self.onto, external=external):
            return
        # Hash the inputs now: a file changed while we build is seen as changed next time.
        deps = [[p, file_digest(p)] for p in dict.fromkeys(doc.inputs)]
        if not all(iris.is_valid_id(x) for x in external):
            return  # a dangling reference, reported by the corpus check
        if doc.meta.publisher and doc.meta.publisher.id not in {it.id for it in doc.items}:
            external.add(doc.meta.publisher.id)
        try:
            lines = document_lines(doc, self.onto)
        except (ValueError, UnicodeError) as exc:
            where = doc.annotation_path or doc.id
            entry.error = (f"{where}: document {doc.id!r} cannot be written as RDF: "
                           f"{' '.join(str(exc).split())[:200]}")
            return
        own = f"<{iris.doc_graph(doc.id)}>"
        lines += self.rules.derive("".join(lines))
        tail = f" {own} .\n"
        mine = sorted(set(ln for ln in lines if ln.endswith(tail)))
        shared = sort_lines(ln for ln in lines if not ln.endswith(tail))
        name = entry.name
        write_lines(self.path(name, ".nq"), mine)
        write_lines(self.path(name, ".shared.nq"), shared)
        write_bytes(self.path(name, ".trig"), trig_fragment(mine, self.prefixes),
                    durable=False)
        entry.ok, entry.doc_id, entry.graph, entry.quads = True, doc.id, own, len(mine)
        entry.items = len(doc.items)
        entry.annotation = Path(doc.annotation_path).name if doc.annotation_path else None
        entry.text = Path(doc.text_path).name if doc.text_path else None
        entry.records = [r.as_list() for r in records_of(doc, self.onto)]
        entry.external = sorted(external)
        entry.deps = deps
        if deps:  # no inputs known: never reused
            write_text(self.path(name, ".json"), json.dumps(
                {"context": self.context, "source": source, "entry": asdict(entry)},
                sort_keys=True))


_FIELDS = tuple(Entry.__dataclass_fields__)


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns]


class Pack:
    """The JSON of many cache entries in one file (``PACK_FILE``), each with the identity
    of the ``NAME.json`` it stands for: read once per build instead of one file per
    document. An entry of the pack is used only while its ``NAME.json`` is still that
    file (a rebuilt entry's is a new file); anything unexpected in the pack and it is not
    used at all (the entries' own files are read instead): never a wrong entry."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.entries: dict[str, list[Any]] = {}  # name -> [identity, data]
        self.used = 0  # entries taken from the pack
        try:
            self.listing = set(os.listdir(cache))
        except OSError:
            self.listing = set()
        if PACK_FILE not in self.listing:
            return
        try:
            head, _, body = (cache / PACK_FILE).read_bytes().partition(b"\n")
            meta = json.loads(head)
            if not isinstance(meta, dict) or meta.get("format") != _PACK_FORMAT or \
                    meta.get("digest") != hashlib.sha256(body).hexdigest():
                return
            entries = json.loads(body)
        except (OSError, ValueError):
            return
        if isinstance(entries, dict) and all(
                isinstance(v, list) and len(v) == 2 for v in entries.values()):
            self.entries = entries

    def get(self, name: str) -> dict[str, Any] | None:
        """The entry's JSON as written in ``NAME.json``, if the pack holds that file's."""
        packed = self.entries.get(name)
        if packed is None or f"{name}.json" not in self.listing:
            return None
        try:
            if _identity(os.stat(self.cache / f"{name}.json")) != packed[0]:
                return None
        except OSError:
            return None
        self.used += 1
        data: dict[str, Any] = packed[1]
        return data

    @staticmethod
    def write(cache: Path, entries: Iterable[Entry | Loaded], context: str) -> None:
        """Pack ``entries`` (those with a ``NAME.json``), as their JSON files say; a pack
        that cannot be written is no error (the entries' files are read instead)."""
        packed = {}
        for e in entries:
            try:
                ident = _identity(os.stat(cache / f"{e.name}.json"))
            except OSError:
                continue
            entry = {k: getattr(e, k) for k in _FIELDS}
            entry["reused"] = False  # as its builder wrote it
            packed[e.name] = [ident, {"context": context, "source": e.source, "entry": entry}]
        body = json.dumps(packed, sort_keys=True).encode("utf-8")
        head = json.dumps({"format": _PACK_FORMAT,
                           "digest": hashlib.sha256(body).hexdigest()}).encode()
        try:
            write_bytes(cache / PACK_FILE, head + b"\n" + body, durable=False)
        except OSError:
            (cache / PACK_FILE).unlink(missing_ok=True)


_WORKER: DocumentBuilder | None = None


def _init(builder: DocumentBuilder) -> None:
    global _WORKER
    _WORKER = builder


def _work(source: str) -> Entry:
    assert _WORKER is not None
    return _WORKER(source)


def scan(sources: list[str], builder: DocumentBuilder, *, jobs: int | None = None,
         progress: Callable[[int, int], None] | None = None) -> Iterator[Entry]:
    """Build the cache entry of every source, in order; ``jobs`` worker processes.

    Workers are forked (they share the loaded ontology); with one job, or on a platform
    without ``fork``, everything runs in this process.
    """
    import multiprocessing as mp

    total = len(sources)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, total // 4))  # a handful of documents is faster in one process
    if jobs == 1 or "fork" not in mp.get_all_start_methods():
        for n, source in enumerate(sources, 1):
            yield builder(source)
            if progress:
                progress(n, total)
        return
    ctx = mp.get_context("fork")
    chunk = max(1, min(8, total // (jobs * 16)))
    with ctx.Pool(jobs, initializer=_init, initargs=(builder,)) as pool:
        for n, entry in enumerate(pool.imap(_work, sources, chunksize=chunk), 1):
            yield entry
            if progress:
                progress(n, total)


def default_jobs() -> int:
    """``KG_BUILD_JOBS`` if set, else the CPUs this process may use."""
    env = os.environ.get("KG_BUILD_JOBS", "").strip()
    if env:
        if not env.isdigit() or int(env) == 0:
            raise UsageError(f"environment variable KG_BUILD_JOBS={env!r} is not a whole number "
                             "above 0")
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
