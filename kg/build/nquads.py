"""Sorted N-Quads and TriG, assembled graph by graph.

The build's output is sorted by graph name, then by line, without duplicates: the
same input gives the same bytes. Each document's own graph is written (and cached)
as one sorted block, so the whole file is put together by copying blocks in graph
order; only the graphs several documents write to (provenance, curated links,
derived graphs) are merged in memory, and they are small. TriG is put together
the same way from per-graph fragments under one prefix header.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import open_atomic

__all__ = ["graph_of", "sort_lines", "read_lines", "write_lines", "write_text", "Blocks",
           "trig_fragment", "trig_header"]


def graph_of(line: str) -> str:
    """The graph term (``<iri>``) of an N-Quads line written by the build."""
    body = line.rstrip(" .\n")
    return body[body.rfind(" <") + 1:]


def sort_lines(lines: Iterable[str]) -> list[str]:
    """Unique lines sorted by graph, then by the whole line."""
    return sorted(set(lines), key=lambda ln: (graph_of(ln), ln))


def read_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as fh:
        yield from fh


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` atomically (outputs and caches are regenerable: no fsync)."""
    with open_atomic(path, "w", durable=False) as fh:
        fh.writelines(lines)


def write_text(path: Path, text: str) -> None:
    write_lines(path, [text])


def trig_header(prefixes: dict[str, str]) -> str:
    return "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(prefixes.items()))


def trig_fragment(lines: Iterable[str], prefixes: dict[str, str]) -> bytes:
    """TriG of ``lines`` (sorted N-Quads) without its prefix header."""
    import pyoxigraph as ox

    data = "".join(lines).encode("utf-8")
    if not data:
        return b""
    # Lenient: these lines were written from terms pyoxigraph had already checked.
    out = ox.serialize(ox.parse(input=data, format=ox.RdfFormat.N_QUADS, lenient=True),
                       format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
    start = 0
    while out.startswith(b"@prefix ", start):
        start = out.index(b"\n", start) + 1
    return out[start:]


@dataclass
class _Block:
    nquads: Path | None = None  # a sorted file holding exactly this graph
    trig: Path | None = None
    count: int = 0
    lines: set[str] = field(default_factory=set)


class Blocks:
    """The graphs of the output: whole sorted files (a document's graph) or loose lines."""

    def __init__(self) -> None:
        self._blocks: dict[str, _Block] = {}
        # After write(): where each graph landed, graph -> [nq offset, nq length, trig
        # offset, trig length] (an incremental build copies unchanged graphs by range).
        self.ranges: dict[str, list[int]] = {}

    def add_file(self, graph: str, nquads: Path, trig: Path | None, count: int) -> None:
        block = self._blocks.setdefault(graph, _Block())
        if block.nquads is not None:
            block.lines.update(read_lines(block.nquads))  # two files for one graph: merge
            block.trig = None
        block.nquads, block.trig, block.count = nquads, trig, count

    def add_lines(self, lines: Iterable[str]) -> None:
        for ln in lines:
            self._blocks.setdefault(graph_of(ln), _Block()).lines.add(ln)

    def _resolved(self) -> Iterator[tuple[str, _Block]]:
        for graph in sorted(self._blocks):
            block = self._blocks[graph]
            if block.nquads is not None and block.lines:  # loose lines join a file: merge
                block.lines.update(read_lines(block.nquads))
                block.nquads = block.trig = None
            if block.nquads is None:
                block.count = len(block.lines)
            yield graph, block

    def write(self, nquads: Path, trig: Path | None, prefixes: dict[str, str]) -> dict[str, int]:
        """Write the sorted N-Quads (and TriG); return the quads per graph IRI."""
        counts: dict[str, int] = {}
        with open_atomic(nquads, "wb", durable=False) as out_nq, \
                (open_atomic(trig, "wb", durable=False) if trig else
                 open(os.devnull, "wb")) as out_trig:
            out_trig.write(trig_header(prefixes).encode("utf-8"))
            for graph, block in self._resolved():
                counts[graph.strip("<>")] = block.count
                at = [out_nq.tell(), 0, out_trig.tell(), 0]
                if block.nquads is not None:
                    with open(block.nquads, "rb") as src:
                        shutil.copyfileobj(src, out_nq, 1 << 20)
                    if trig and block.trig is not None:
                        with open(block.trig, "rb") as src:
                            shutil.copyfileobj(src, out_trig, 1 << 20)
                    elif trig:
                        out_trig.write(trig_fragment(read_lines(block.nquads), prefixes))
                else:
                    lines = sorted(block.lines)
                    out_nq.write("".join(lines).encode("utf-8"))
                    if trig:
                        out_trig.write(trig_fragment(lines, prefixes))
                at[1], at[3] = out_nq.tell() - at[0], out_trig.tell() - at[2]
                self.ranges[graph] = at
        return counts
