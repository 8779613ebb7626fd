"""Rebuilding in proportion to the edit: changed documents update the build in place.

When the previous build's record (:mod:`kg.build.base`) still describes the output folder
and nothing but documents changed, :func:`update` brings the previous build up to date
instead of making it again:

1. the live store is copied into the staging area (an Oxigraph checkpoint: hard links);
   the changed and removed documents' graphs are dropped and the new ones added; a
   shared line (provenance, what the document rules derived) goes when no document gives
   it any more, comes when the first one does (reference counts);
2. the corpus rules run again, in order, on the updated store: a rule with a focus
   (:mod:`kg.build.rules`) only for the nodes the edit touched, one at a time, a rule
   without one on the whole store; its old statements about those nodes are replaced (a
   rule that declares its ``# context:`` only for the nodes of the statements that
   changed, while none of its context predicates did);
3. ``graph.nq`` and ``graph.trig`` are written by copying the unchanged graphs' byte
   ranges from the previous files and writing the changed graphs anew.

The caller swaps the results in as a full build does. Anything unexpected raises
:class:`Fallback` before the outputs are touched, and the build is made whole. Same
inputs, same bytes and the same store as a full build (``tests/build/test_incremental.py``).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeAlias

import pyoxigraph as ox

from kg.atomic import open_atomic
from kg.build.base import Base, entry_key, line_key
from kg.build.nquads import graph_of, read_lines, trig_fragment, trig_header
from kg.build.rules import Rule, quad_line, run_rule

if TYPE_CHECKING:
    from kg.build.documents import Loaded

Node: TypeAlias = "ox.NamedNode | ox.BlankNode"  # what the corpus rules recompute

__all__ = ["Fallback", "Changes", "changes_of", "update_store", "write_outputs",
           "MAX_CHANGED_SHARE"]

# Above this share of changed documents (and more than one) a full build is about as fast.
MAX_CHANGED_SHARE = 0.25
FOCUS_CHUNK = 500  # nodes per query (very long queries crash pyoxigraph 0.5)


class Fallback(Exception):
    """The build cannot be updated in place; the caller builds it whole."""


@dataclass
class Changes:
    """What the edit changes, graph by graph (graph terms ``<iri>``)."""

    gone: dict[str, str] = field(default_factory=dict)  # entry name -> its old graph
    new: list[Loaded] = field(default_factory=list)  # entries built anew
    # loose graphs (several documents and the rules write them): lines removed, added
    removed: dict[str, set[str]] = field(default_factory=dict)
    added: dict[str, set[str]] = field(default_factory=dict)
    touched: set[Node] = field(default_factory=set)  # nodes the corpus rules recompute
    # the nodes and predicates of the statements that changed (a rule declaring its
    # context recomputes only these nodes while no context predicate changed)
    changed: set[Node] = field(default_factory=set)
    predicates: set[str] = field(default_factory=set)

    def note(self, quads: Iterable[ox.Quad]) -> None:
        """Record changed statements."""
        for q in quads:
            self.changed.update(t for t in (q.subject, q.predicate, q.object)
                                if isinstance(t, ox.NamedNode | ox.BlankNode))
            self.predicates.add(q.predicate.value)

    def remove(self, line: str) -> None:
        g = graph_of(line)
        if line in self.added.get(g, ()):
            self.added[g].discard(line)
        else:
            self.removed.setdefault(g, set()).add(line)

    def add(self, line: str) -> None:
        g = graph_of(line)
        if line in self.removed.get(g, ()):
            self.removed[g].discard(line)
        else:
            self.added.setdefault(g, set()).add(line)


def changes_of(base: Base, entries: Sequence[Loaded]) -> Changes:
    """The documents that changed since ``base`` (``entries``: this build's, all ok).

    :raises Fallback: when too many changed for an update to pay.
    """
    now = {e.name: e for e in entries}
    ch = Changes()
    for e in entries:
        old = base.entries.get(e.name)
        if old is None or old[0] != entry_key(e):
            ch.new.append(e)
    renewed = {e.name for e in ch.new}
    for name, (_key, graph) in base.entries.items():
        if name not in now or name in renewed:
            ch.gone[name] = graph
    changed = max(len(ch.new), len(ch.gone))
    if changed > 1 and changed > MAX_CHANGED_SHARE * max(len(entries), len(base.entries)):
        raise Fallback("too many documents changed")
    return ch


def _nodes(quads: Iterable[ox.Quad]) -> set[Node]:
    out: set[Node] = set()
    for q in quads:
        out.update(t for t in (q.subject, q.predicate, q.object)
                   if isinstance(t, ox.NamedNode | ox.BlankNode))
    return out


def _quads(lines: Iterable[str]) -> list[ox.Quad]:
    data = "".join(lines).encode("utf-8")
    if not data:
        return []
    # Lenient: the build wrote these lines from terms pyoxigraph had already checked.
    return list(ox.parse(input=data, format=ox.RdfFormat.N_QUADS, lenient=True))


def update_store(store: ox.Store, base: Base, ch: Changes, cache: Path, rules: list[Rule],
                 late: list[str], constant: list[str],
                 seconds: dict[str, float] | None = None) -> None:
    """Bring ``store`` (a copy of the previous build's) up to date with ``ch``, filling in
    ``ch``'s line changes. ``late``: the lines a build adds after the corpus rules ran
    (the rules' provenance, carried graphs); ``constant``: those and the ontology's, all
    unchanged since ``base`` and never removed. ``seconds``, if given, receives the time
    each corpus rule took."""
    counts = base.refcounts
    docs = {g for g in ch.gone.values()} | {e.graph for e in ch.new}
    # what the edited documents said before and after: their differences are noted
    before: dict[str, set[ox.Quad]] = {}
    after: dict[str, set[ox.Quad]] = {}
    shared_before: set[str] = set()
    shared_after: set[str] = set()
    # 1. The documents' own graphs, and their shared lines by reference count.
    for name, graph in ch.gone.items():
        g = ox.NamedNode(graph[1:-1])
        old = set(store.quads_for_pattern(None, None, None, g))
        before.setdefault(graph, set()).update(old)
        ch.touched |= _nodes(old)
        store.remove_graph(g)
        try:
            lines = list(read_lines(base.shared_file(name)))
        except OSError:
            raise Fallback(f"{base.shared_file(name)}: unreadable") from None
        shared_before.update(lines)
        ch.touched |= _nodes(_quads(lines))
        for ln in lines:
            k = line_key(ln)
            if k not in counts:
                raise Fallback("the record's reference counts are out of step")
            counts[k] -= 1
            if not counts[k]:
                del counts[k]
                ch.remove(ln)
    for e in ch.new:
        own = cache / f"{e.name}.nq"
        quads = set(ox.parse(path=str(own), format=ox.RdfFormat.N_QUADS, lenient=True))
        after.setdefault(e.graph, set()).update(quads)
        ch.touched |= _nodes(quads)
        store.load(path=str(own), format=ox.RdfFormat.N_QUADS, lenient=True)
        lines = list(read_lines(cache / f"{e.name}.shared.nq"))
        shared_after.update(lines)
        ch.touched |= _nodes(_quads(lines))
        for ln in lines:
            k = line_key(ln)
            counts[k] = counts.get(k, 0) + 1
            if counts[k] == 1:
                ch.add(ln)
    for graph in before.keys() | after.keys():
        ch.note(before.get(graph, set()) ^ after.get(graph, set()))
    ch.note(_quads(shared_before ^ shared_after))
    keep = set(constant)
    if any(g in docs for g in (*ch.removed, *ch.added)):
        raise Fallback("a document writes into another document's graph")
    for gone in ch.removed.values():
        gone -= keep  # still given by the ontology, the rules' provenance, a carried graph
    for q in _quads(ln for gone in ch.removed.values() for ln in gone):
        store.remove(q)
    store.extend(_quads(ln for came in ch.added.values() for ln in came))
    # 2. The corpus rules see the store as a full build has it when they run: without
    # the lines added after them (kept when a document gives them too).
    aside = _quads(ln for ln in late if line_key(ln) not in counts)
    for q in aside:
        store.remove(q)
    for rule in (r for r in rules if r.scope == "corpus"):
        start = time.perf_counter()
        _rerun(store, rule, ch)
        if seconds is not None:
            seconds[rule.name] = time.perf_counter() - start
    store.extend(aside)


def _focus_of(rule: Rule, ch: Changes) -> set[Node]:
    """The nodes whose statements by ``rule`` may change: those of the changed statements
    when the rule declares its context and none of those predicates changed, else every
    node the edit touched."""
    if rule.context is not None and not ch.predicates & rule.context:
        return ch.changed
    return ch.touched


def _rerun(store: ox.Store, rule: Rule, ch: Changes) -> None:
    g = ox.NamedNode(rule.graph)
    focused = rule.focus and not any(isinstance(n, ox.BlankNode) for n in ch.touched)
    if focused:
        focus = _focus_of(rule, ch)
        # all named nodes (a blank node among them makes the rule run whole)
        nodes = sorted((n for n in focus if isinstance(n, ox.NamedNode)), key=str)
        old = [q for n in nodes for q in store.quads_for_pattern(n, None, None, g)]
        for q in old:
            store.remove(q)
        new = _run_focused(store, rule, nodes)
        if any(q.subject not in focus for q in new):
            raise Fallback(f"rule {rule.name} derives statements about other nodes "
                           f"than its focus ?{rule.focus}")
    else:
        old = list(store.quads_for_pattern(None, None, None, g))
        store.remove_graph(g)
        new = run_rule(store, rule)
    store.extend(new)
    old_lines, new_lines = {quad_line(q) for q in old}, {quad_line(q) for q in new}
    for ln in old_lines - new_lines:
        ch.remove(ln)
    for ln in new_lines - old_lines:
        ch.add(ln)
    differ = _quads(old_lines ^ new_lines)
    ch.touched |= _nodes(differ)
    ch.note(differ)


def _run_focused(store: ox.Store, rule: Rule, nodes: list[ox.NamedNode]) -> list[ox.Quad]:
    """What ``rule`` derives about ``nodes``: through its ``VALUES ?focus { UNDEF }``
    placeholders (a no-op in a full build) given the nodes, some hundreds at a time, or
    else one node at a time."""
    placeholder = rule.focus_placeholder
    if placeholder is None:
        return [q for n in nodes for q in run_rule(store, rule, n)]
    out = []
    for i in range(0, len(nodes), FOCUS_CHUNK):
        values = " ".join(str(n) for n in nodes[i:i + FOCUS_CHUNK])
        block = f"VALUES ?{rule.focus} {{ {values} }}"
        text = placeholder.sub(_literally(block), rule.text)
        out += run_rule(store, replace(rule, text=text))
    return out


def write_outputs(base: Base, ch: Changes, cache: Path, nquads: Path, trig: Path | None,
                  prefixes: dict[str, str],
                  meanwhile: Callable[[dict[str, int]], None] | None = None
                  ) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Write the new graph.nq (and graph.trig) from the previous ones and ``ch``; return
    the quads per graph IRI and where each graph lies (as :class:`~kg.build.nquads.Blocks`).
    ``meanwhile(quads per graph IRI)``, if given, runs in this thread while the files are
    written in others (unchanged ranges are copied in the kernel, outside the
    interpreter's lock); an error in either is raised once both are done."""
    old_nq, old_trig = base.out / "graph.nq", base.out / "graph.trig"
    graphs = set(base.ranges) - set(ch.gone.values())
    # graph -> (N-Quads, TriG, count): bytes, or a cached file to copy
    content: dict[str, tuple[bytes | Path, bytes | Path, int]] = {}
    for e in ch.new:
        graphs.add(e.graph)
        content[e.graph] = (cache / f"{e.name}.nq", cache / f"{e.name}.trig", e.quads)
    with open(old_nq, "rb") as src:
        for g in sorted(set(ch.removed) | set(ch.added)):
            if not ch.removed.get(g) and not ch.added.get(g):
                continue
            kept = set(_old_lines(src, base.ranges.get(g))) - ch.removed.get(g, set())
            lines = sorted(kept | ch.added.get(g, set()))
            if not lines:
                graphs.discard(g)
                content.pop(g, None)
                continue
            graphs.add(g)
            content[g] = ("".join(lines).encode("utf-8"),
                          trig_fragment(lines, prefixes) if trig else b"", len(lines))
    counts = {k: v for k, v in base.graphs.items() if f"<{k}>" in graphs}
    # Each file's pieces in order, and where each graph lands; then both files are written
    # at once (the copies run in the kernel, outside the interpreter's lock).
    header = trig_header(prefixes).encode("utf-8")
    nq_plan: list[_Piece] = []
    trig_plan: list[_Piece] = [header]
    ranges: dict[str, list[int]] = {}
    at_nq, at_trig = 0, len(header) if trig else 0
    for g in sorted(graphs):
        pieces: list[_Piece]
        if g in content:
            nq, tg, count = content[g]
            counts[g[1:-1]] = count
            pieces = [nq, tg if trig else b""]
        else:
            old = base.ranges[g]
            pieces = [(old[0], old[1]), (old[2], old[3]) if trig else b""]
        nq_plan.append(pieces[0])
        trig_plan.append(pieces[1])
        sizes = [_size(p) for p in pieces]
        ranges[g] = [at_nq, sizes[0], at_trig, sizes[1]]
        at_nq += sizes[0]
        at_trig += sizes[1]
    jobs = [(old_nq, nquads, nq_plan)] + ([(old_trig, trig, trig_plan)] if trig else [])
    _write_all(jobs, (lambda: meanwhile(counts)) if meanwhile else None)
    return counts, ranges


# A piece of an output: bytes, a file copied whole, or a range (offset, length) of the
# previous output.
_Piece: TypeAlias = "bytes | Path | tuple[int, int]"


def _size(piece: _Piece) -> int:
    if isinstance(piece, bytes):
        return len(piece)
    if isinstance(piece, tuple):
        return piece[1]
    return os.path.getsize(piece)


def _write_all(jobs: list[tuple[Path, Path, list[_Piece]]],
               meanwhile: Callable[[], None] | None) -> None:
    """Write each ``(previous file, new file, pieces)`` in a thread of its own while
    ``meanwhile`` runs here; raise the first error once all are done."""
    errors: list[BaseException] = []

    def run(job: tuple[Path, Path, list[_Piece]]) -> None:
        try:
            _write_pieces(*job)
        except BaseException as exc:  # re-raised by the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,), name=f"write {job[1].name}")
               for job in jobs]
    for t in threads:
        t.start()
    try:
        if meanwhile is not None:
            meanwhile()
    finally:
        for t in threads:
            t.join()
    if errors:
        raise errors[0]


def _write_pieces(previous: Path, path: Path, pieces: list[_Piece]) -> None:
    with open(previous, "rb") as src, open_atomic(path, "wb", durable=False) as out:
        copier = _Copier(src, out)
        for piece in pieces:
            if isinstance(piece, tuple):
                copier.add(*piece)
                continue
            copier.flush()
            _put(out, piece)
        copier.flush()
        if out.tell() != sum(map(_size, pieces)):
            raise Fallback(f"{path}: not the length planned")


def _old_lines(src: IO[bytes], at: list[int] | None) -> list[str]:
    if at is None:
        return []
    src.seek(at[0])
    return src.read(at[1]).decode("utf-8").splitlines(keepends=True)


def _put(out: IO[bytes], data: bytes | Path) -> None:
    if isinstance(data, bytes):
        out.write(data)
        return
    with open(data, "rb") as src:
        while chunk := src.read(1 << 20):
            out.write(chunk)


class _Copier:
    """Copies byte ranges of ``src`` to ``out``, adjacent ranges as one."""

    def __init__(self, src: IO[bytes], out: IO[bytes]):
        self.src, self.out = src, out
        self.start = self.pending = 0

    def add(self, offset: int, length: int) -> None:
        if self.pending and offset != self.start + self.pending:
            self.flush()
        if not self.pending:
            self.start = offset
        self.pending += length

    def flush(self) -> None:
        if not self.pending:
            return
        self.out.flush()
        try:  # in the kernel where it can (no copy through this process)
            while self.pending:
                n = os.copy_file_range(self.src.fileno(), self.out.fileno(), self.pending,
                                       self.start)
                if not n:
                    raise Fallback("the previous output is shorter than its record")
                self.start += n
                self.pending -= n
            return
        except (AttributeError, OSError):
            pass
        self.src.seek(self.start)
        while self.pending:
            chunk = self.src.read(min(self.pending, 1 << 20))
            if not chunk:
                raise Fallback("the previous output is shorter than its record")
            self.out.write(chunk)
            self.start += len(chunk)
            self.pending -= len(chunk)


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` replacement that inserts ``text`` as it is (no backslash escapes)."""
    return lambda _m: text
