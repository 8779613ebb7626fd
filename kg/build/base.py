"""What a build leaves for the next one to update it in place (``out/.base``).

- ``state.json``: the key of everything but the documents (ontology and rules, format,
  options, carried graphs), each document's entry (name -> digest of its inputs, its
  graph), where each graph lies in ``graph.nq`` and ``graph.trig`` (byte ranges), and the
  identity (inode, size, modification time) of the outputs it describes;
- ``NAME.shared.nq``: hard links to each document's shared lines as they were built (its
  cache entry may be overwritten by a later build that failed);
- ``refcounts.bin``: how many documents give each shared line (a 16-byte BLAKE2b digest
  and a 4-byte count per line), so a line goes only when no document gives it any more.

The record is written after the outputs were swapped in, and :func:`load_base` accepts
it only while the outputs are the very files it describes: a build killed between the
swap and the record, or outputs written by anything else, make the next build a full one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.atomic import write_bytes
from kg.build.nquads import write_text

__all__ = ["Base", "BASE_DIR", "load_base", "save_base", "entry_key", "line_key"]

BASE_DIR = ".base"
_STATE = "state.json"
_REFCOUNTS = "refcounts.bin"
_RECORD = 20  # digest (16 bytes) + count (4 bytes, little-endian)


@dataclass
class Base:
    """The previous build, as the next one updates it."""

    out: Path
    entries: dict[str, list[str]]  # entry name -> [entry key, graph term]
    ranges: dict[str, list[int]]  # graph term -> [nq offset, nq length, trig offset, trig length]
    graphs: dict[str, int]  # graph IRI -> quads (the manifest's)
    refcounts: dict[bytes, int]

    def shared_file(self, name: str) -> Path:
        return self.out / BASE_DIR / f"{name}.shared.nq"


def entry_key(entry: Any) -> str:
    """What decides a document's cache entry: its id, graph and input digests."""
    return hashlib.sha256(json.dumps([entry.doc_id, entry.graph, entry.deps]).encode()
                          ).hexdigest()


def line_key(line: str) -> bytes:
    return hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()


def _identity(out: Path, trig: bool) -> dict[str, list[int]] | None:
    names = ["graph.nq", "manifest.json"] + (["graph.trig"] if trig else [])
    ids: dict[str, list[int]] = {}
    try:
        for name in names:
            st = os.stat(out / name)
            ids[name] = [st.st_ino, st.st_size, st.st_mtime_ns]
        ids["store"] = [os.stat(out / "store").st_ino]  # a swap gives it a new inode
    except OSError:
        return None
    return ids


def load_base(out: Path, key: str, *, trig: bool) -> Base | None:
    """The previous build's record if it still describes ``out`` and was made with the
    same ``key``; else None (the build is then a full one)."""
    try:
        state = json.loads((out / BASE_DIR / _STATE).read_text(encoding="utf-8"))
        if state.get("key") != key or state.get("outputs") != _identity(out, trig):
            return None
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        data = (out / BASE_DIR / _REFCOUNTS).read_bytes()
    except (OSError, ValueError, AttributeError):
        return None
    if len(data) % _RECORD:
        return None
    refcounts = {data[i:i + 16]: int.from_bytes(data[i + 16:i + _RECORD], "little")
                 for i in range(0, len(data), _RECORD)}
    return Base(out=out, entries=state["entries"], ranges=state["ranges"],
                graphs=manifest["graphs"], refcounts=refcounts)


def count_lines(files: Iterable[Path]) -> dict[bytes, int]:
    """The refcounts of the shared lines in ``files`` (one per document)."""
    counts: dict[bytes, int] = {}
    for path in files:
        with open(path, encoding="utf-8", newline="\n") as fh:
            for line in fh:
                k = line_key(line)
                counts[k] = counts.get(k, 0) + 1
    return counts


def save_base(out: Path, cache: Path, key: str, entries: list[Any], *, trig: bool,
              ranges: dict[str, list[int]], refcounts: dict[bytes, int],
              kept: Collection[str] = ()) -> None:
    """Record the build just swapped in (``entries``: its documents, all ok). ``kept``:
    the names of the entries an update found unchanged since the record it read, whose
    shared lines there are already theirs (not looked at again: two file identities
    each, a tenth of a second at 1,000 documents on a busy disk)."""
    base = out / BASE_DIR
    base.mkdir(exist_ok=True)
    (base / _STATE).unlink(missing_ok=True)  # the record goes first, comes back last
    names = set()
    for e in entries:
        names.add(f"{e.name}.shared.nq")
        if e.name in kept:
            continue
        source, target = cache / f"{e.name}.shared.nq", base / f"{e.name}.shared.nq"
        try:
            if os.path.samefile(source, target):
                continue
        except OSError:
            pass
        tmp = base / f".{e.name}.shared.nq.tmp"
        tmp.unlink(missing_ok=True)
        os.link(source, tmp)
        os.replace(tmp, target)
    for f in base.iterdir():
        if f.name.endswith(".shared.nq") and f.name not in names:
            f.unlink(missing_ok=True)
    write_bytes(base / _REFCOUNTS, b"".join(k + c.to_bytes(4, "little")
                                            for k, c in refcounts.items()), durable=False)
    state = {"key": key, "outputs": _identity(out, trig),
             "entries": {e.name: [entry_key(e), e.graph] for e in entries},
             "ranges": ranges}
    write_text(base / _STATE, json.dumps(state, sort_keys=True))
