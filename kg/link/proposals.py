"""The reviewable proposals file: one row per (entity, candidate), a decision a human edits.

A UTF-8 TSV (``csv`` excel-tab dialect: a field holding a tab, quote or line
break is quoted) with the header :data:`COLUMNS`. ``decision`` is ``accept``,
``reject`` or empty. A reviewer may also add a row by hand (any candidate QID)
and accept it. When ``kg link`` runs again, decisions already made are kept,
and so are hand-added rows that carry a decision.

Labels come from annotations and from Wikidata: a cell a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``...) is written with a leading apostrophe, which reading
removes again (:func:`kg.csvcell.defuse_reversibly`), so the file opens safely and every
cell round-trips.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from kg.atomic import write_text
from kg.csvcell import defuse_reversibly, undefuse
from kg.errors import LinkError
from kg.link.cache import is_iso_date

__all__ = ["Proposal", "COLUMNS", "DECISIONS", "read_proposals", "write_proposals",
           "merge_decisions", "accept_above", "accepted"]

COLUMNS = ("id", "type", "label", "candidate", "candidate_label", "score", "method",
           "decision", "endpoint", "retrieved")
REQUIRED = 8  # id .. decision; endpoint and retrieved may be dropped by hand
DECISIONS = ("", "accept", "reject")
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Proposal:
    id: str
    type: str
    label: str
    candidate: str  # "" when nothing matched
    candidate_label: str
    score: float | None
    method: str
    decision: str = ""
    endpoint: str = ""
    retrieved: str = ""
    line: int | None = None  # where it was read from (for error messages)

    def key(self) -> tuple[str, str]:
        return (self.id, self.candidate)

    def cells(self) -> list[str]:
        """The row's cells as written (formulas defused, reversibly)."""
        d = asdict(self)
        d["score"] = "" if self.score is None else f"{self.score:.3f}"
        return [defuse_reversibly(str(d[c]), numeric=c == "score") for c in COLUMNS]


def write_proposals(path: str | Path, rows: Iterable[Proposal]) -> Path:
    """Write the TSV atomically, grouped by id, best candidate first."""
    buf = io.StringIO()
    writer = csv.writer(buf, dialect="excel-tab", lineterminator="\n")
    # csv quotes a cell holding "\n" but not one holding a lone "\r" (not part of the
    # line terminator): such rows are written fully quoted, so they read back intact.
    quoted = csv.writer(buf, dialect="excel-tab", lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for row in _ordered(rows):
        cells = row.cells()
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return write_text(path, buf.getvalue())


def _ordered(rows: Iterable[Proposal]) -> list[Proposal]:
    def qnum(r: Proposal) -> int:
        return int(r.candidate[1:]) if QID.match(r.candidate) else 0

    return sorted(rows, key=lambda r: (r.id, r.candidate == "", -(r.score or 0.0), qnum(r),
                                       r.candidate))


def read_proposals(path: str | Path) -> list[Proposal]:
    """Read and check a proposals file.

    :raises LinkError: naming ``file:line`` for a missing column, an unknown
        decision, a malformed QID or score, or an accepted row without candidate.
    """
    from kg.limits import ANNOTATION_BYTES
    from kg.loaders.inputfile import FileRefused, read_input

    path = Path(path)
    try:  # a regular file under the size limit: /dev/zero or a FIFO would never end
        # utf-8-sig: a file saved by a spreadsheet or Notepad may start with a BOM
        text = read_input(path, ANNOTATION_BYTES, what="proposals file").decode("utf-8-sig")
    except FileRefused as exc:
        raise LinkError(f"{path}: {exc.reason}") from None
    except UnicodeDecodeError:
        raise LinkError(f"{path}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text), dialect="excel-tab")
    header = [h.strip() for h in next(reader, [])]
    if len(header) < REQUIRED or header != list(COLUMNS[:len(header)]):
        raise LinkError(f"{path}:1: header must be {' '.join(COLUMNS)} (tab-separated)")
    rows = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            cells = [undefuse(c) for c in (cells + [""] * len(COLUMNS))[:len(COLUMNS)]]
            rows.append(_row(dict(zip(COLUMNS, cells, strict=True)), path, line))
    except csv.Error as exc:
        raise LinkError(f"{path}:{reader.line_num}: {exc}") from None
    return rows


def _row(d: dict[str, str], path: Path, line: int) -> Proposal:
    where = f"{path}:{line}"
    decision = d["decision"].strip().lower()
    if decision not in DECISIONS:
        raise LinkError(f"{where}: decision {d['decision']!r} must be accept, reject or empty")
    candidate = d["candidate"].strip()
    if candidate and not QID.match(candidate):
        raise LinkError(f"{where}: candidate {candidate!r} is not a Wikidata item ID (Q123)")
    if decision == "accept" and not candidate:
        raise LinkError(f"{where}: row of {d['id']!r} is accepted but names no candidate")
    if not d["id"].strip():
        raise LinkError(f"{where}: empty id")
    if not _is_id_or_iri(d["id"].strip()):  # it becomes an IRI of the links graph
        raise LinkError(f"{where}: id {d['id'].strip()!r} is neither a kg id nor an IRI")
    try:
        score = float(d["score"]) if d["score"].strip() else None
    except ValueError:
        raise LinkError(f"{where}: score {d['score']!r} is not a number") from None
    if score is not None and not 0.0 <= score <= 1.0:
        raise LinkError(f"{where}: score {score:g} is outside [0, 1]")
    retrieved = d["retrieved"].strip()
    if retrieved and not is_iso_date(retrieved):  # it becomes an xsd:date of the link
        raise LinkError(f"{where}: retrieved {retrieved!r} is not a date (YYYY-MM-DD)")
    return Proposal(id=d["id"].strip(), type=d["type"], label=d["label"], candidate=candidate,
                    candidate_label=d["candidate_label"], score=score, method=d["method"],
                    decision=decision, endpoint=d["endpoint"].strip(),
                    retrieved=retrieved, line=line)


def _is_id_or_iri(text: str) -> bool:
    import pyoxigraph as ox

    from kg.iris import is_valid_id

    if is_valid_id(text):
        return True
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def merge_decisions(new: list[Proposal], old: list[Proposal]) -> list[Proposal]:
    """New proposals carrying the decisions of the old file; hand-made decided rows are kept."""
    decided = {r.key(): r for r in old if r.decision}
    ids = {r.id for r in new}
    merged = [replace(r, decision=decided[r.key()].decision) if r.key() in decided else r
              for r in new]
    fresh = {r.key() for r in new}
    merged += [replace(r, line=None) for k, r in decided.items() if k not in fresh and r.id in ids]
    return merged


def accept_above(rows: list[Proposal], threshold: float) -> tuple[list[Proposal], int]:
    """Accept each entity's best candidate when its score >= threshold and no other ties it.

    Entities with any decision already made are left alone. Returns the rows
    and how many were accepted.
    """
    by_id: dict[str, list[Proposal]] = {}
    for r in _ordered(rows):
        by_id.setdefault(r.id, []).append(r)
    out: list[Proposal] = []
    count = 0
    for group in by_id.values():
        cands = [r for r in group if r.candidate and r.score is not None]
        untouched = not any(r.decision for r in group)
        if untouched and cands and cands[0].score >= threshold and (  # type: ignore[operator]
                len(cands) == 1 or (cands[1].score or 0.0) < (cands[0].score or 0.0)):
            group = [replace(r, decision="accept") if r is cands[0] else r for r in group]
            count += 1
        out += group
    return out, count


def accepted(rows: list[Proposal], *, source: str = "proposals") -> list[Proposal]:
    """The accepted rows, one per id.

    :raises LinkError: if an id has two different accepted candidates.
    """
    chosen: dict[str, Proposal] = {}
    for r in rows:
        if r.decision != "accept":
            continue
        prev = chosen.get(r.id)
        if prev and prev.candidate != r.candidate:
            where = f"{source}:{r.line}" if r.line else source
            raise LinkError(f"{where}: {r.id!r} has two accepted candidates "
                            f"({prev.candidate}, {r.candidate}); accept one")
        chosen[r.id] = r
    return [chosen[k] for k in sorted(chosen)]
