"""The format-neutral annotation model every loader produces and the build consumes.

A :class:`Document` is a verbatim text plus its metadata and a list of
:class:`Item` annotations. An item has an id, an ontology type (a class's
local name, e.g. ``"MissileTest"``), anchors into the text, and values keyed by
annotation keys that the ontology declares (``kg:annotationKey``). Values are
either :class:`Ref` (another item, or a concept of the ontology) or plain
strings. Nothing here knows a concrete type: the ontology decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Anchor", "Ref", "Value", "Item", "DocumentMeta", "Document", "Corpus"]


@dataclass(frozen=True)
class Anchor:
    """A stretch of the text: TextQuoteSelector plus resolved TextPositionSelector.

    Offsets count Unicode code points of the document text; ``end`` is exclusive.
    ``line`` is where the anchor was written in the annotation file (for errors).
    """

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Ref:
    """A reference to another item of the corpus or to an ontology concept."""

    id: str


Value = Ref | str


@dataclass
class Item:
    """One annotation: an actor, event, relation, motive, claim, time span, ..."""

    id: str
    type: str
    label: str | None = None
    anchors: list[Anchor] = field(default_factory=list)
    values: dict[str, list[Value]] = field(default_factory=dict)
    line: int | None = None
    key_lines: dict[str, int] = field(default_factory=dict)  # where each key was written
    annotator: str | None = None  # None: the document's annotator
    machine: bool = False  # drafted by software, awaiting review
    # The same real-world item as another document's item ("DOC/ITEM") or a corpus-scoped
    # item ("ITEM"): this item's node is that item's node (docs/sources.md).
    same_as: str | None = None

    def refs(self) -> list[tuple[str, Ref]]:
        return [(k, v) for k, vs in self.values.items() for v in vs if isinstance(v, Ref)]


@dataclass
class DocumentMeta:
    """What is known about a source; ``None`` means the source does not say."""

    title: str | None = None
    url: str | None = None
    publisher: Ref | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    doc_type: str = "AnalysisNewsArticle"
    annotator: str | None = None
    # NATO Admiralty grading of the source (a concept's local name or notation: "B", "2").
    reliability: str | None = None
    credibility: str | None = None
    line: int | None = field(default=None, compare=False)  # where it was written (errors)


@dataclass
class Document:
    """A source text kept verbatim, its metadata and its annotations."""

    id: str
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    items: list[Item] = field(default_factory=list)
    excluded: list[Anchor] = field(default_factory=list)
    text_path: str | None = None
    annotation_path: str | None = None
    # Every file (present or not) whose content decides this document, as the loader looked
    # them up: the build re-reads them to tell whether the document changed. Empty: unknown,
    # so the document is rebuilt every time.
    inputs: list[str] = field(default_factory=list)

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None


@dataclass
class Corpus:
    """Documents in a stable order (sorted by id)."""

    documents: list[Document] = field(default_factory=list)

    def __iter__(self):
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)
