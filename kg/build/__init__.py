"""Build: the model -> RDF with provenance, written deterministically and atomically.

``build()`` loads and checks the corpus (nothing is written if any input is
bad), turns each document into the sorted N-Quads of its named graph (cached
per document: unchanged documents are not rebuilt), adds the ontology graph and
the graphs derived by the rules, and writes ``graph.nq``, ``graph.trig``,
``manifest.json`` and the Oxigraph store ``store/`` into the output folder.
Same input, same bytes.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import BuildError

__all__ = ["build", "BuildResult", "DEFAULT_OUT"]

DEFAULT_OUT = Path("build")
# Graphs written beside the build by other commands (kg link --apply, kg enrich). A rebuild
# carries them into the new graph.nq and store so that they are not lost; each is its own
# named graph with its own provenance, never mixed with what a source asserted.
CARRIED_OVER = ("links-reconciled.nq", "wikidata.nq")
FORMAT_VERSION = "1"  # bump when the RDF shape changes, to invalidate cached shards


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


def build(*sources, out: str | Path = DEFAULT_OUT, ontology_dir: str | Path | None = None,
          trig: bool = True, store: bool = True,
          progress: Callable[[str, int, int], None] | None = None) -> BuildResult:
    """Build the graph of the documents under ``sources`` (default: the shipped ``data/``).

    :param out: output folder (created if needed).
    :param trig: also write ``graph.trig``.
    :param store: also write the embedded Oxigraph store ``out/store``.
    :param progress: called as ``progress(stage, done, total)``.
    :raises AnnotationError: when any input is invalid (nothing is written).
    :raises BuildError: when the output cannot be written.
    """
    from kg.loaders import load_corpus
    from kg.ontology import load_ontology, ontology_files
    from kg.resources import ontology_dir as default_ontology_dir

    onto_dir = Path(ontology_dir) if ontology_dir else default_ontology_dir()
    onto = load_ontology(onto_dir)
    corpus = load_corpus(*sources, ontology=onto)
    out = Path(out)
    staging = out / ".staging"
    fresh = not out.exists()
    try:
        staging.mkdir(parents=True, exist_ok=True)
        cache = out / ".cache"
        cache.mkdir(exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{out}: cannot create output folder: {exc.strerror}") from None

    files = ontology_files(onto_dir)
    onto_hash = _hash_files(files + _rules(onto_dir))
    corpus_types = {it.id: it.type for d in corpus for it in d.items
                    if onto.scope(it.type) == "corpus"}
    context = hashlib.sha256(json.dumps([FORMAT_VERSION, onto_hash, sorted(corpus_types.items())]
                                        ).encode()).hexdigest()
    result = BuildResult(out=out, nquads=out / "graph.nq", trig=None, store=None,
                         documents=len(corpus), quads=0)
    shards = []
    try:
        for n, doc in enumerate(corpus, 1):
            shards.append(_document_shard(doc, onto, corpus_types, context, cache, result))
            if progress:
                progress("documents", n, len(corpus))
    except BuildError:
        # Nothing of this run stays behind: no staging, and no folder it created.
        shutil.rmtree(out if fresh else staging, ignore_errors=True)
        raise
    _prune_cache(cache, {s.name for s in shards})

    from kg.build.ontology_graph import ontology_lines

    ontology_shard = staging / "ontology.nq"
    _write_sorted(ontology_shard, ontology_lines(files))
    asserted = staging / "asserted.nq"
    _merge([*shards, ontology_shard], asserted)
    derived = staging / "derived.nq"
    _derive(asserted, _rules(onto_dir), derived)
    carried = []
    for name in CARRIED_OVER:
        if (out / name).is_file():
            carried.append(staging / f"carried-{name}")
            _write_sorted(carried[-1], list(_read_lines(out / name)))
    final = staging / "graph.nq"
    result.quads, result.graphs = _merge([asserted, derived, *carried], final, count=True)
    if progress:
        progress("graph", 1, 1)
    if trig:
        _write_trig(final, staging / "graph.trig")
    _write_manifest(staging / "manifest.json", corpus, result)
    # Swap in: the store first (atomically, by kg.store), then each file with os.replace.
    # A build killed at any moment leaves every output complete: each is the old or the new one.
    if store:
        from kg.store import write_store

        result.store = write_store(final, out / "store")
        if progress:
            progress("store", 1, 1)
    for name in ("graph.trig", "graph.nq", "manifest.json"):
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    result.trig = out / "graph.trig" if trig else None
    if not trig:
        (out / "graph.trig").unlink(missing_ok=True)  # never leave a stale one beside new data
    for leftover in ("ontology.nq", "asserted.nq", "derived.nq", *(c.name for c in carried)):
        (staging / leftover).unlink(missing_ok=True)
    return result


def _rules(onto_dir: Path) -> list[Path]:
    from kg.build.rules import rule_files

    return rule_files(onto_dir)


def _hash_files(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _document_shard(doc, onto, corpus_types, context, cache: Path, result: BuildResult) -> Path:
    """The sorted N-Quads of one document, reused while its text, annotation and the ontology
    are unchanged."""
    from kg.build.rdf import document_lines

    key = hashlib.sha256(context.encode())
    key.update(doc.text.encode("utf-8"))
    key.update(Path(doc.annotation_path).read_bytes() if doc.annotation_path else b"")
    shard = cache / f"{doc.id}.nq"
    stamp = cache / f"{doc.id}.key"
    digest = key.hexdigest()
    if shard.exists() and stamp.exists() and stamp.read_text() == digest:
        result.reused.append(doc.id)
        return shard
    try:
        lines = document_lines(doc, onto, corpus_types)
    except (ValueError, UnicodeError) as exc:
        # The loaders' checks should have caught it; never a traceback or half a build.
        where = doc.annotation_path or doc.id
        raise BuildError(f"{where}: document {doc.id!r} cannot be written as RDF: "
                         f"{' '.join(str(exc).split())[:200]}") from None
    _write_sorted(shard, lines)
    _atomic_text(stamp, digest)
    result.rebuilt.append(doc.id)
    return shard


def _prune_cache(cache: Path, keep: set[str]) -> None:
    for f in cache.glob("*.nq"):
        if f.name not in keep:
            f.unlink(missing_ok=True)
            f.with_suffix(".key").unlink(missing_ok=True)


def _sort_key(line: str) -> tuple[str, str]:
    # Group by graph (the last term), then by the whole line: readable TriG, stable bytes.
    return (line[line.rstrip(" .\n").rfind(" <") + 1:], line)


def _write_sorted(path: Path, lines: list[str]) -> None:
    _atomic_lines(path, sorted(set(lines), key=_sort_key))


def _atomic_lines(path: Path, lines: Iterable[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    os.replace(tmp, path)


def _atomic_text(path: Path, text: str) -> None:
    _atomic_lines(path, [text])


def _read_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as fh:
        yield from fh


def _merge(paths: list[Path], target: Path, count: bool = False):
    """Merge sorted shards into one sorted, duplicate-free file (streaming: memory stays flat)."""
    total, graphs, last = 0, {}, None

    def unique() -> Iterator[str]:
        nonlocal total, last
        for ln in heapq.merge(*(_read_lines(p) for p in paths), key=_sort_key):
            if ln != last:
                last = ln
                total += 1
                if count:
                    g = _sort_key(ln)[0]
                    graphs[g] = graphs.get(g, 0) + 1
                yield ln

    _atomic_lines(target, unique())
    return total, {g.strip("<> .\n"): n for g, n in sorted(graphs.items())}


def _derive(asserted: Path, rules: list[Path], target: Path) -> None:
    import pyoxigraph as ox

    from kg.build.ontology_graph import rule_provenance_lines
    from kg.build.rules import apply_rules

    store = ox.Store()
    store.bulk_load(path=str(asserted), format=ox.RdfFormat.N_QUADS)
    lines: list[str] = []
    for name, derived in apply_rules(store, rules).items():
        lines += derived
        lines += rule_provenance_lines(name, f"ontology/rules/{name}.rq")
    _write_sorted(target, lines)


def _write_trig(nquads: Path, target: Path) -> None:
    import pyoxigraph as ox

    from kg.build.terms import NS

    tmp = target.with_name(target.name + ".tmp")
    ox.serialize(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), str(tmp),
                 ox.RdfFormat.TRIG, prefixes=dict(sorted(NS.items())))
    os.replace(tmp, target)


def _write_manifest(path: Path, corpus, result: BuildResult) -> None:
    manifest = {
        "format": FORMAT_VERSION,
        "documents": [{"id": d.id, "annotation": Path(d.annotation_path).name
                       if d.annotation_path else None,
                       "text": Path(d.text_path).name if d.text_path else None,
                       "items": len(d.items)} for d in corpus],
        "quads": result.quads,
        "graphs": result.graphs,
    }
    _atomic_text(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
