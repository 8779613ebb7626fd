"""Build: the model -> RDF with provenance, written deterministically and atomically.

``build()`` streams the documents through worker processes one at a time
(:mod:`kg.build.documents`): each is loaded, checked, turned into the sorted
N-Quads of its named graph, run through the document rules and cached, so
memory does not grow with the corpus and an unchanged document is not even
read again. Then the checks across documents (references to other documents'
items, one type per corpus-scoped id, unique document ids); on any problem the
whole corpus is checked again the classic way to report every problem with its
file, line and id, and nothing is written. Otherwise the store is bulk-loaded
from the cached blocks, the corpus rules run on it, and ``graph.nq``,
``graph.trig`` and ``manifest.json`` are assembled graph by graph
(:mod:`kg.build.nquads`). Same input, same bytes.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.collector import collector_paused
from kg.errors import AnnotationError, BuildError, Problem

if TYPE_CHECKING:
    from kg.build.base import Base
    from kg.build.documents import DocumentBuilder, Entry, Loaded, Pack
    from kg.build.rules import Rule
    from kg.loaders.identity import ItemRecord
    from kg.ontology import Ontology
    from kg.store.embedded import StagedStore

_Entries = Sequence["Loaded"]  # after the checks, every entry is one of a loaded document
SharedLines = dict[str, dict[str, int]]  # document id -> {item id: line} (the manifest's)

__all__ = ["build", "BuildResult", "DEFAULT_OUT"]

DEFAULT_OUT = Path("build")
# Graphs written beside the build by other commands (kg link --apply, kg enrich). A rebuild
# carries them into the new graph.nq and store so that they are not lost; each is its own
# named graph with its own provenance, never mixed with what a source asserted.
CARRIED_OVER = ("links-reconciled.nq", "wikidata.nq")
# Part of every cache entry's context: bump when the RDF shape, what the build writes for the
# same input, or the cache layout changes, or caches keep what the old code wrote.
# 5: a span relative to an event dated by one of its spans is dated (kg/build/times.py).
FORMAT_VERSION = "5"


@dataclass
class BuildResult:
    out: Path
    nquads: Path
    trig: Path | None
    store: Path | None
    documents: int
    quads: int
    graphs: dict[str, int] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    incremental: bool = False  # the previous build was updated in place
    # seconds each corpus rule took: on the whole store, or in an update on the nodes the
    # edit touched (a rule without a focus still runs whole)
    rule_seconds: dict[str, float] = field(default_factory=dict)


def build(*sources: str | Path, out: str | Path = DEFAULT_OUT,
          ontology_dir: str | Path | None = None, trig: bool = True, store: bool = True,
          jobs: int | None = None,
          progress: Callable[[str, int, int], None] | None = None,
          allow_empty: bool = False) -> BuildResult:
    """Build the graph of the documents under ``sources`` (default: the shipped ``data/``).

    :param out: output folder (created if needed); one build at a time writes it
        (:mod:`kg.build.lock`).
    :param trig: also write ``graph.trig``.
    :param store: also write the embedded Oxigraph store ``out/store``.
    :param jobs: worker processes for the documents (default: ``KG_BUILD_JOBS`` or the CPUs).
    :param progress: called as ``progress(stage, done, total)``.
    :param allow_empty: build even when the sources hold no annotation file (an empty graph
        replacing the previous one); otherwise that is refused, and nothing is touched.
    :raises AnnotationError: when any input is invalid (nothing is written).
    :raises UsageError: when the sources hold no annotation file (without ``allow_empty``).
    :raises BuildError: when the output cannot be written, or another build is writing it.
    """
    from kg.build.lock import build_lock
    from kg.errors import UsageError
    from kg.loaders import LOADERS, annotation_files
    from kg.resources import data_dir

    annotations = [str(f) for f in annotation_files(sources or (data_dir(),))]
    if not allow_empty and not annotations:
        where = ", ".join(map(str, sources)) or str(data_dir())
        raise UsageError(f"no annotation files ({', '.join(sorted(LOADERS))}) in {where}: "
                         "nothing to build (--allow-empty builds an empty graph)")
    fresh = not Path(out).exists()
    _check_output_folder(Path(out))
    with build_lock(Path(out)):
        try:
            return _build(annotations, out=out, fresh=fresh, ontology_dir=ontology_dir,
                          trig=trig, store=store, jobs=jobs, progress=progress,
                          sources=sources or (data_dir(),))
        except BaseException as exc:
            if fresh:  # a folder this build created goes with it, lock file included
                shutil.rmtree(out, ignore_errors=True)
            if isinstance(exc, OSError) and not isinstance(exc, BuildError):
                # a full disk, a file size limit: the previous build stays as it was; a
                # WriteError is both the one-line BuildError and the OSError it was
                from kg.atomic import WriteError

                err = WriteError(f"{out}: cannot write the build: {exc.strerror or exc}; "
                                 "nothing written")
                err.errno, err.strerror, err.filename = exc.errno, exc.strerror, str(out)
                raise err from exc
            raise
        finally:
            _unfreeze_heap()


def _check_output_folder(out: Path) -> None:
    """Refuse an output folder that holds other files and is no build folder.

    A build replaces ``store/``, ``graph.nq``, ``manifest.json`` and prunes ``.cache/`` and
    ``.staging/`` of its folder: in a home folder or a source folder (``-o ~``, ``-o data``)
    that deleted the user's files. A build folder is one a build has locked
    (``.kg-build.lock``) or one holding a build's ``manifest.json`` and ``graph.nq``.

    :raises BuildError: for a file, or a non-empty folder that is no build folder.
    """
    from kg.build.lock import LOCK_NAME

    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: cannot create output folder: it is a file")
    if not out.is_dir() or (out / LOCK_NAME).exists() or (
            (out / "manifest.json").is_file() and (out / "graph.nq").is_file()):
        return
    try:
        with os.scandir(out) as entries:
            empty = next(entries, None) is None
    except OSError as exc:
        raise BuildError(f"{out}: cannot read output folder: {exc.strerror}") from None
    if not empty:
        raise BuildError(f"{out}: refusing to build into a folder that holds other files and "
                         "no kg build (its store/, .cache/ and .staging/ would be replaced): "
                         "give a new or empty folder")


def _build(annotations: list[str], *, out: str | Path, fresh: bool,
           ontology_dir: str | Path | None, trig: bool, store: bool, jobs: int | None,
           progress: Callable[[str, int, int], None] | None,
           sources: Sequence[str | Path]) -> BuildResult:
    """The build of ``annotations`` (the files under ``sources``, found once by :func:`build`)."""
    from kg.build.base import load_base
    from kg.build.documents import DocumentBuilder, scan
    from kg.build.incremental import Fallback
    from kg.build.loading import StoreFiller
    from kg.build.ontology_graph import cached_ontology_lines
    from kg.build.rules import DocumentRules, load_rules
    from kg.build.terms import NS
    from kg.iris import ONTOLOGY_GRAPH
    from kg.ontology import load_ontology, ontology_files
    from kg.resources import ontology_dir as default_ontology_dir

    onto_dir = Path(ontology_dir) if ontology_dir else default_ontology_dir()
    out = Path(out)
    staging, cache = out / ".staging", out / ".cache"
    try:
        shutil.rmtree(staging, ignore_errors=True)  # what a killed build left
        staging.mkdir(parents=True, exist_ok=True)
        cache.mkdir(exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{out}: cannot create output folder: {exc.strerror}") from None
    onto = load_ontology(onto_dir, cache=cache)  # parsed again only when its files changed
    rules = load_rules(onto_dir)
    files = ontology_files(onto_dir)
    context = _context(files, rules)
    onto_lines = cached_ontology_lines(files, cache, context)

    def cleanup() -> None:  # nothing of a failed run stays behind
        shutil.rmtree(out if fresh else staging, ignore_errors=True)

    # Document rules see the document beside the ontology graph (not its provenance).
    ontology_graph = "".join(ln for ln in onto_lines if ln.endswith(f" <{ONTOLOGY_GRAPH}> .\n"))
    builder = DocumentBuilder(onto, DocumentRules(rules, ontology_graph.encode("utf-8")),
                              cache, context, dict(NS))
    with collector_paused():  # thousands of records, no cycles among them
        known, pack = _cached_entries(annotations, builder)
        done = _up_to_date(out, annotations, known, builder, trig=trig, store=store)
        _freeze_heap()  # before the collector resumes, or its next collection walks them
    if done is not None:
        shutil.rmtree(staging, ignore_errors=True)
        return done
    key = _base_key(out, builder.context, trig, store)
    base = load_base(out, key, trig=trig) if store else None
    head = "".join(onto_lines).encode("utf-8")
    # Filled while the documents are built, unless the previous build can be updated.
    filler = None if base else StoreFiller(out / "store" if store else None, staging, head)
    try:
        # Only the documents without a valid cache entry go through the workers.
        missing = [source for source in annotations if source not in known]
        built = scan(missing, builder, jobs=jobs, progress=_stage(progress, "documents"))
        scanned = []
        for source in annotations:
            e = known[source] if source in known else next(built)
            scanned.append(e)
            if e.ok and filler:
                filler.add([cache / f"{e.name}.nq", cache / f"{e.name}.shared.nq"], e.quads)
        next(built, None)  # lets the workers' pool close
        with collector_paused():
            entries, item_lines = _check(scanned, onto, sources)
            _freeze_heap()
        _prune_cache(cache, {e.name for e in entries})
        inputs = _inputs_key(entries, out, builder.context, trig, store)
        if base is not None:
            try:
                updated = _update(out, staging, cache, base, key, entries, onto_lines, rules,
                                  trig=trig, progress=progress, inputs=inputs,
                                  item_lines=item_lines)
                _repack(cache, entries, builder, pack)
                return updated
            except Fallback:
                pass  # built whole below; nothing was swapped in
            filler = StoreFiller(out / "store" if store else None, staging, head)
            for entry in entries:
                filler.add([cache / f"{entry.name}.nq", cache / f"{entry.name}.shared.nq"],
                           entry.quads)
        assert filler is not None
        staged = filler.finish(_stage(progress, "store"))
        result = _assemble(out, staging, cache, entries, onto_lines, rules, staged, trig=trig,
                           progress=progress, inputs=inputs, key=key if store else None,
                           item_lines=item_lines)
    except BaseException:
        if filler is not None:
            filler.abort()
        cleanup()
        raise
    _repack(cache, entries, builder, pack)
    return result


_FROZE = False


def _freeze_heap() -> None:
    """Keep what the build holds so far (the entries read, then checked) out of the
    collector's collections for the rest of the build (the store's commit runs a full
    one), unless this process froze objects itself. Called while the collector is paused:
    once it resumes, its next young collection would walk everything allocated since it
    was paused (about 0.09 s of CPU per rebuild at 1,000 documents)."""
    global _FROZE
    if _FROZE or not gc.get_freeze_count():
        gc.freeze()
        _FROZE = True


def _unfreeze_heap() -> None:
    global _FROZE
    if _FROZE:
        gc.unfreeze()
        _FROZE = False


def _stage(progress: Callable[[str, int, int], None] | None, stage: str
           ) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def _context(files: list[Path], rules: Sequence[Rule]) -> str:
    """What every cache entry depends on besides its own files: the ontology and its rules
    (document rules write into entries), the format and the version of kg."""
    import kg

    h = hashlib.sha256(f"{FORMAT_VERSION}/{kg.__version__}".encode())
    for f in [*files, *(r.path for r in rules)]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _inputs_key(entries: _Entries, out: Path, context: str, trig: bool, store: bool) -> str:
    """A digest of everything a build reads: the documents' files (not their paths), the
    ontology and rules, the carried graphs and the options."""
    from kg.build.documents import file_digest

    docs = sorted([e.doc_id, [h for _, h in e.deps]] for e in entries)
    carried = [[name, file_digest(str(out / name))] for name in CARRIED_OVER]
    return hashlib.sha256(json.dumps([context, trig, store, docs, carried]).encode()
                          ).hexdigest()


def _cached_entries(annotations: list[str], builder: DocumentBuilder
                    ) -> tuple[dict[str, Entry], Pack]:
    """The cache entries still valid, by source (read here, from the pack where it holds
    them: a pool is not worth it), and the pack."""
    from kg.build.documents import Pack, entry_name

    pack = Pack(builder.cache)
    known = {}
    for source in annotations:
        entry = builder.cached(source, entry_name(source), pack)
        if entry is not None:
            known[source] = entry
    return known, pack


def _repack(cache: Path, entries: _Entries, builder: DocumentBuilder, pack: Pack) -> None:
    """Pack the entries again once more than one in fifty were read from their own files
    (at 1,000 documents a rebuild after one edit leaves the pack as it is)."""
    if len(entries) - pack.used > len(entries) // 50 or \
            (pack.used and len(pack.entries) > 2 * len(entries)):
        from kg.build.documents import Pack

        Pack.write(cache, entries, builder.context)


def _up_to_date(out: Path, annotations: list[str], known: dict[str, Entry],
                builder: DocumentBuilder, *, trig: bool, store: bool) -> BuildResult | None:
    """The previous build's result when nothing it read has changed (a no-op rebuild
    reads the files to hash them and nothing else), else None."""
    from kg.build.documents import loaded

    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not manifest.get("inputs") or not (out / "graph.nq").is_file() or \
            (trig and not (out / "graph.trig").is_file()) or \
            (store and not (out / "store").is_dir()):
        return None
    if len(known) != len(annotations):
        return None
    entries = loaded(known[source] for source in annotations)
    if len(entries) != len(annotations) or \
            _inputs_key(entries, out, builder.context, trig, store) != manifest["inputs"]:
        return None
    return BuildResult(out=out, nquads=out / "graph.nq", trig=out / "graph.trig" if trig
                       else None, store=out / "store" if store else None,
                       documents=len(entries), quads=manifest["quads"],
                       graphs=manifest["graphs"], rebuilt=[],
                       reused=sorted(e.doc_id for e in entries))


def _check(entries: Sequence[Entry], onto: Ontology, sources: Sequence[str | Path]
           ) -> tuple[list[Loaded], SharedLines]:
    """The checks across documents; on any problem, report them all the classic way.

    :returns: the entries, every one of a loaded document once they pass, and the lines
        of the items whose node two or more documents describe (:func:`_shared_item_lines`).
    """
    from kg.build.documents import loaded

    errors = [e.error for e in entries if e.error]
    if errors:
        raise BuildError(errors[0])
    bad = [e for e in entries if not e.ok]
    from kg.loaders.identity import ItemRecord, identity_nodes

    seen_docs: set[str] = set()
    records = []
    for e in entries:
        if not e.ok or e.doc_id is None:
            continue
        if e.doc_id in seen_docs:
            bad.append(e)
        seen_docs.add(e.doc_id)
        records += [ItemRecord.from_list(e.doc_id, e.source, row) for row in e.records]
    corpus_ids = {r.id for r in records if r.scope == "corpus" and not r.same_as}
    problems, nodes = identity_nodes(records, onto)
    if problems:
        bad += [e for e in entries if e.ok]
    bad += [e for e in entries if e.ok and any(x not in corpus_ids for x in e.external)]
    if not bad:
        return loaded(entries), _shared_item_lines(nodes.values())
    from kg.loaders import load_corpus

    load_corpus(*sources, ontology=onto)  # raises with every problem, located
    # The classic check found nothing: say at least which document failed here.
    raise AnnotationError([Problem(bad[0].source, None, bad[0].doc_id,
                                   "this document does not check against the rest of the "
                                   "corpus")])


def _prune_cache(cache: Path, keep: set[str]) -> None:
    from kg.build.documents import PACK_FILE
    from kg.build.ontology_graph import LINES_FILE
    from kg.ontology import CACHE_FILE

    for f in cache.iterdir():
        if f.name.split(".", 1)[0] not in keep and not f.is_dir() and \
                f.name not in (CACHE_FILE, PACK_FILE, LINES_FILE):
            f.unlink(missing_ok=True)


def _assemble(out: Path, staging: Path, cache: Path, entries: _Entries,
              onto_lines: list[str], rules: Sequence[Rule], staged: StagedStore, *, trig: bool,
              progress: Callable[[str, int, int], None] | None, inputs: str,
              key: str | None, item_lines: SharedLines) -> BuildResult:
    from kg.build.base import line_key, save_base
    from kg.build.nquads import Blocks, read_lines
    from kg.build.rules import apply_rules
    from kg.build.terms import NS
    from kg.errors import StoreError

    ok = sorted((e for e in entries if e.ok), key=lambda e: e.doc_id)
    blocks = Blocks()
    blocks.add_lines(onto_lines)
    refcounts: dict[bytes, int] = {}
    for e in ok:
        blocks.add_file(e.graph, cache / f"{e.name}.nq", cache / f"{e.name}.trig", e.quads)
        shared = list(read_lines(cache / f"{e.name}.shared.nq"))
        blocks.add_lines(shared)
        if key:
            for ln in shared:
                k = line_key(ln)
                refcounts[k] = refcounts.get(k, 0) + 1
    result = BuildResult(out=out, nquads=out / "graph.nq", trig=None, store=None,
                         documents=len(ok), quads=0,
                         rebuilt=[e.doc_id for e in ok if not e.reused],
                         reused=[e.doc_id for e in ok if e.reused])
    say = progress or (lambda *a: None)
    # The store holds what the sources assert and the document rules derived; the corpus
    # rules run on it; their output, the rules' provenance and carried graphs join after.
    with staged:
        corpus = [r for r in rules if r.scope == "corpus"]
        say("rules", 0, len(corpus))
        late = [ln for lines in apply_rules(staged.store, corpus, result.rule_seconds).values()
                for ln in lines]
        say("rules", len(corpus), len(corpus))
        carried = _late_lines(out, rules)
        staged.add("".join(carried.rules), lenient=True)
        for path, kept in carried.graphs:
            try:
                staged.add("".join(kept))
            except StoreError as exc:
                raise BuildError(f"{path}: {exc}") from None
        late += carried.lines
        blocks.add_lines(late)
        say("graph", 0, 1)
        result.graphs = blocks.write(staging / "graph.nq",
                                     staging / "graph.trig" if trig else None, dict(NS))
        result.quads = sum(result.graphs.values())
        _write_manifest(staging / "manifest.json", ok, result, inputs, item_lines)
        result.store = staged.commit()
    result.trig = _swap_in_files(staging, out, trig)
    if not trig:
        (out / "graph.trig").unlink(missing_ok=True)  # never leave a stale one beside new data
    if key:
        save_base(out, cache, key, ok, trig=trig, ranges=blocks.ranges, refcounts=refcounts)
    say("graph", 1, 1)
    return result


def _swap_in_files(staging: Path, out: Path, trig: bool, *, aside: bool = False
                   ) -> Path | None:
    """Move the files written in ``staging`` into ``out``, each with os.replace, once the
    store is committed (the store first, atomically, then the files: a build killed at any
    moment leaves every output complete, the old one or the new one). Returns the TriG path
    when one was written. ``aside``: the previous files are first linked into ``staging``,
    so that the replace does not free their blocks (hundreds of megabytes): removing
    ``staging`` does, later, where the caller can let it run beside other work."""
    for name in ("graph.trig", "graph.nq", "manifest.json"):
        if (staging / name).exists():
            if aside:
                try:
                    os.link(out / name, staging / f"previous.{name}")
                except OSError:
                    pass  # no previous file, or no hard links here: freed by the replace
            os.replace(staging / name, out / name)
    return out / "graph.trig" if trig else None


@dataclass
class _Late:
    """What a build adds after the corpus rules ran: the rules' provenance, carried graphs."""

    rules: list[str]
    graphs: list[tuple[Path, list[str]]]

    @property
    def lines(self) -> list[str]:
        return self.rules + [ln for _, kept in self.graphs for ln in kept]


def _late_lines(out: Path, rules: Sequence[Rule]) -> _Late:
    from kg.build.nquads import read_lines, sort_lines
    from kg.build.ontology_graph import rule_provenance_lines

    provenance = [ln for r in rules for ln in rule_provenance_lines(
        r.name, f"ontology/rules/{r.name}.rq")]
    graphs = []
    for path in (out / name for name in CARRIED_OVER):
        if path.is_file():  # written by kg link / kg enrich, perhaps edited since: checked
            graphs.append((path, sort_lines(ln if ln.endswith("\n") else ln + "\n"
                                            for ln in read_lines(path) if ln.strip())))
    return _Late(provenance, graphs)


def _base_key(out: Path, context: str, trig: bool, store: bool) -> str:
    """What an in-place update needs unchanged since the previous build: everything it
    reads but the documents."""
    from kg.build.documents import file_digest

    carried = [[name, file_digest(str(out / name))] for name in CARRIED_OVER]
    return hashlib.sha256(json.dumps([FORMAT_VERSION, context, trig, store, carried]
                                     ).encode()).hexdigest()


def _update(out: Path, staging: Path, cache: Path, base: Base, key: str, entries: _Entries,
            onto_lines: list[str], rules: list[Rule], *, trig: bool,
            progress: Callable[[str, int, int], None] | None, inputs: str,
            item_lines: SharedLines) -> BuildResult:
    """Update the previous build in place (:mod:`kg.build.incremental`), then swap the
    results in as :func:`_assemble` does.

    :raises Fallback: before anything is swapped in, when it cannot.
    """
    from kg.build.base import save_base
    from kg.build.incremental import changes_of, update_store, write_outputs
    from kg.build.terms import NS
    from kg.store.embedded import StagedStore

    ok = sorted((e for e in entries if e.ok), key=lambda e: e.doc_id)
    changes = changes_of(base, ok)
    say = progress or (lambda *a: None)
    late = _late_lines(out, rules)
    say("store", 0, 1)
    rule_seconds: dict[str, float] = {}
    with StagedStore.copy_of(out / "store") as staged:
        update_store(staged.store, base, changes, cache, rules, late.lines,
                     onto_lines + late.lines, seconds=rule_seconds)
        say("store", 1, 1)
        say("graph", 0, 1)
        result = BuildResult(out=out, nquads=out / "graph.nq", trig=None, store=None,
                             documents=len(ok), quads=0, incremental=True,
                             rebuilt=[e.doc_id for e in ok if not e.reused],
                             reused=[e.doc_id for e in ok if e.reused],
                             rule_seconds=rule_seconds)

        def meanwhile(counts: dict[str, int]) -> None:  # while the files are written
            result.quads, result.graphs = sum(counts.values()), counts
            _write_manifest(staging / "manifest.json", ok, result, inputs, item_lines)
            staged.flush()

        _, ranges = write_outputs(base, changes, cache, staging / "graph.nq",
                                  staging / "graph.trig" if trig else None, dict(NS),
                                  meanwhile=meanwhile)
        result.store = staged.commit()
    result.trig = _swap_in_files(staging, out, trig, aside=True)
    # the previous files' blocks are freed while the record is written
    freeing = threading.Thread(target=shutil.rmtree, args=(staging,),
                               kwargs={"ignore_errors": True}, name="free previous outputs")
    freeing.start()
    try:
        renewed = {e.name for e in changes.new}
        save_base(out, cache, key, ok, trig=trig, ranges=ranges, refcounts=base.refcounts,
                  kept={e.name for e in ok if e.name not in renewed})
    finally:
        freeing.join()
    say("graph", 1, 1)
    return result


def _shared_item_lines(nodes: Iterable[Sequence[ItemRecord]]) -> SharedLines:
    """document id -> {item id: line} for the items whose node two or more documents describe
    (``same-as``, or a corpus item): where ``kg validate`` points a disagreement between them.
    ``nodes``: the records of each node (:func:`kg.loaders.identity.identity_nodes`), so the
    records are read and their nodes found once per build, for the checks and for this."""
    out: SharedLines = {}
    for members in nodes:
        if len(members) < 2 or len({r.doc for r in members}) < 2:
            continue
        for r in members:
            if r.line:
                out.setdefault(r.doc, {})[r.id] = int(r.line)
    return out


def _write_manifest(path: Path, entries: _Entries, result: BuildResult,
                    inputs: str, lines: SharedLines) -> None:
    from kg.build.nquads import write_text

    manifest = {
        "format": FORMAT_VERSION,
        "inputs": inputs,
        "documents": [{"id": e.doc_id, "annotation": e.annotation, "text": e.text,
                       "items": e.items, **({"lines": lines[e.doc_id]} if lines.get(e.doc_id)
                                            else {})} for e in entries],
        "quads": result.quads,
        "graphs": result.graphs,
    }
    write_text(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
