"""Identity across documents: which node each item is, and the conflicts no source may leave.

An item is its own node unless it says ``same-as``: ``DOC/ITEM`` names another document's
(document-scoped) item, ``ITEM`` a corpus-scoped one (an actor, place, weapon or objective).
The node's IRI follows from the item alone (:func:`node_iri`), so a document's RDF never
depends on the other documents; whether the targets exist and agree is checked here, across
the corpus, from one :class:`ItemRecord` per item. The build keeps these records in its
cache and checks them without reading the documents again; the classic loader makes them
from the documents. Both report the same problems.

Errors (the build stops, naming both places): a ``same-as`` whose target does not exist,
points into its own document, or itself says ``same-as`` (point at the canonical item); one
node given disjoint types (``owl:disjointWith`` in the ontology) or two Wikidata IDs.
Different but compatible types, dates, roles are not errors: they are disagreements between
sources, kept in the graph (docs/sources.md); different labels are notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from kg import iris
from kg.errors import Problem

__all__ = ["ItemRecord", "records_of", "node_iri", "identity_problems", "identity_nodes",
           "parse_same_as"]


class ItemRecord(NamedTuple):
    """What the identity checks need of one item: where it is, its type, links and ids.

    Immutable. A named tuple rather than a frozen dataclass: a build makes one per item of
    the corpus (36,134 at 1 M quads, again on every rebuild), and a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``, about twice as slow to make;
    a named tuple costs what the mutable slots dataclass it replaces cost."""

    doc: str
    id: str
    type: str
    path: str
    line: int | None
    scope: str  # "corpus" | "document"
    same_as: str | None = None
    same_as_line: int | None = None
    qids: tuple[str, ...] = ()
    qid_line: int | None = None

    def as_list(self) -> list:
        return [self.id, self.type, self.line, self.scope, self.same_as, self.same_as_line,
                list(self.qids), self.qid_line]

    @classmethod
    def from_list(cls, doc: str, path: str, row: list) -> ItemRecord:
        id_, type_, line, scope, same_as, same_line, qids, qid_line = row
        return cls(doc, id_, type_, path, line, scope, same_as, same_line, tuple(qids), qid_line)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def parse_same_as(value: str) -> tuple[str | None, str]:
    """``"DOC/ITEM"`` -> (DOC, ITEM); ``"ITEM"`` -> (None, ITEM). ValueError when malformed."""
    parts = value.split("/")
    if len(parts) > 2 or not all(iris.is_valid_id(p) for p in parts):
        raise ValueError(f"invalid same-as {value!r}: write DOCUMENT-ID/ITEM-ID (another "
                         "document's item) or ITEM-ID (an actor, place, weapon or objective)")
    return (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])


def node_iri(doc_id: str, item_id: str, scope: str, same_as: str | None) -> str:
    """The IRI of the node an item stands for, from the item alone."""
    if same_as:
        target_doc, target = parse_same_as(same_as)
        return iris.doc_item(target_doc, target) if target_doc else iris.corpus_item(target)
    return iris.corpus_item(item_id) if scope == "corpus" else iris.doc_item(doc_id, item_id)


def records_of(doc, onto) -> list[ItemRecord]:
    """One record per item of a checked document whose type the ontology knows."""
    path = doc.annotation_path or doc.text_path or doc.id
    out = []
    for it in doc.items:
        if not onto.has_class(it.type):
            continue
        qids = tuple(sorted({str(v) for v in it.values.get("wikidata", [])}))
        out.append(ItemRecord(doc.id, it.id, it.type, path, it.line, onto.scope(it.type),
                              it.same_as, it.key_lines.get("same-as", it.line), qids,
                              it.key_lines.get("wikidata", it.line)))
    return out


def identity_problems(records: Iterable[ItemRecord], onto) -> list[Problem]:
    """Every identity problem of the corpus, each naming the file, line and id (and the
    other place it conflicts with)."""
    return identity_nodes(records, onto)[0]


def identity_nodes(records: Iterable[ItemRecord], onto
                   ) -> tuple[list[Problem], dict[str, list[ItemRecord]]]:
    """:func:`identity_problems`, and the records of each node (its IRI): every record's
    when there is no problem (a record whose ``same-as`` target is wrong has no node)."""
    records = sorted(records, key=lambda r: (r.doc, r.line or 0, r.id))
    by_doc_item = {(r.doc, r.id): r for r in records}
    corpus: dict[str, ItemRecord] = {}
    for r in records:
        if r.scope == "corpus" and not r.same_as:
            corpus.setdefault(r.id, r)
    problems: list[Problem] = []
    nodes: dict[str, list[ItemRecord]] = {}
    for r in records:
        if r.same_as and not _target_ok(r, by_doc_item, corpus, problems):
            continue
        nodes.setdefault(node_iri(r.doc, r.id, r.scope, r.same_as), []).append(r)
    for members in nodes.values():
        # One item alone has one type; it conflicts only with itself over Wikidata IDs.
        if len(members) > 1 or len(members[0].qids) > 1:
            problems += _node_problems(members, onto)
    return problems, nodes


def _target_ok(r: ItemRecord, by_doc_item, corpus, problems: list[Problem]) -> bool:
    def bad(message: str) -> bool:
        problems.append(Problem(r.path, r.same_as_line, r.id, message))
        return False

    try:
        target_doc, target_id = parse_same_as(r.same_as or "")
    except ValueError as exc:
        return bad(str(exc))
    if target_doc is None:
        if target_id not in corpus:
            return bad(f"same-as {r.same_as!r}: no actor, place, weapon or objective has this "
                       "id (for another document's item write DOCUMENT-ID/ITEM-ID)")
        return True
    if target_doc == r.doc:
        return bad(f"same-as {r.same_as!r} points into this document: annotate the item once "
                   "and give it several mentions instead")
    target = by_doc_item.get((target_doc, target_id))
    if target is None:
        known = any(d == target_doc for d, _ in by_doc_item)
        return bad(f"same-as {r.same_as!r}: " + (f"document {target_doc!r} has no item "
                                                 f"{target_id!r}" if known else
                                                 f"no document has the id {target_doc!r}"))
    if target.same_as:
        return bad(f"same-as {r.same_as!r}: that item is itself the same as "
                   f"{target.same_as!r} ({target.where}): write same-as: {target.same_as}")
    if target.scope == "corpus":
        return bad(f"same-as {r.same_as!r}: {target_id!r} is shared across documents already: "
                   f"write same-as: {target_id}")
    return True


def _node_problems(members: list[ItemRecord], onto) -> list[Problem]:
    out: list[Problem] = []
    first_of_type: dict[str, ItemRecord] = {}
    for r in members:
        first_of_type.setdefault(r.type, r)
    types = list(first_of_type.values())
    for i, a in enumerate(types):
        for b in types[i + 1:]:
            if onto.disjoint(a.type, b.type):
                out.append(Problem(b.path, b.line, b.id,
                                   f"type {b.type} is incompatible with type {a.type} given to "
                                   f"the same item at {a.where} [{a.id}] (the ontology declares "
                                   "them disjoint)"))
    first_of_qid: dict[str, ItemRecord] = {}
    for r in members:
        for q in r.qids:
            first_of_qid.setdefault(q, r)
    qids = sorted(first_of_qid)
    if len(qids) > 1:
        first = first_of_qid[qids[0]]
        for q in qids[1:]:
            other = first_of_qid[q]
            out.append(Problem(other.path, other.qid_line, other.id,
                               f"Wikidata ID {q} conflicts with {qids[0]} given to the same item "
                               f"at {first.path}:{first.qid_line} [{first.id}]: one item has "
                               "one Wikidata ID"))
    return out
