"""The shapes of the workbench's page models (each page's ``.json`` twin), for type checkers.

A model is plain JSON data: dicts with these keys, lists, strings, numbers, booleans and
``None``. :func:`kg.web.entity_model`, :func:`kg.web.document_model`,
:func:`kg.web.home_model` and :func:`kg.web.sparql_model` return them.
"""

from __future__ import annotations

from typing import Required, TypedDict

__all__ = ["Link", "Cell", "Table", "Page", "TypeEntry", "Quote", "TieClaim", "TieSource", "Tie",
           "EventEntry", "RoleEvents", "EntityClaim", "ClaimGroup", "EntityDocument",
           "EntityModel", "Anchor", "PlainValue", "Statement", "DocumentItem", "Kind",
           "DocumentClaim", "DocumentModel", "HomeDocument", "HomeItem", "Modality",
           "Comparison", "HomeModel", "Param", "Question", "QueryErrorInfo", "SparqlModel"]


class Link(TypedDict):
    """A node: its IRI, a label, and its page here (``None`` when it has none)."""

    iri: str
    label: str
    href: str | None


class Cell(TypedDict, total=False):
    """A table cell (:func:`kg.web.cells.cell`)."""

    type: Required[str]  # iri, literal, bnode, unbound; label (a merged label column)
    value: Required[str]
    short: str
    href: str
    datatype: str
    lang: str


class Table(TypedDict):
    """A query result for a page (:func:`kg.web.cells.table`)."""

    kind: str  # select, ask, graph
    variables: list[str]
    rows: list[list[Cell]]
    total: int
    boolean: bool | None


# -- the entity page --------------------------------------------------------------------------
class Page(TypedDict):
    """Which entries of a list a page shows (1-based), with links to its neighbours."""

    page: int
    pages: int
    size: int
    total: int
    first: int
    last: int
    prev: str | None
    next: str | None


class TypeEntry(Link):
    documents: list[str]


class Quote(TypedDict):
    text: str
    start: int


class TieClaim(TypedDict):
    claim: Link
    speaker: Link | None


class TieSource(TypedDict):
    document: Link
    quotes: list[Quote]
    claims: list[TieClaim]
    reported_only: bool


class Tie(TypedDict):
    tie: Link
    edge_label: str
    sign: int
    direction: str
    symmetric: bool
    other: Link
    relations: list[str]
    sources: list[TieSource]
    happened: bool
    factuality: str


class EventEntry(TypedDict):
    event: Link
    type: Link | None
    when: str
    earliest: str
    status: str
    happened: bool
    factuality: str
    document: Link


class RoleEvents(TypedDict):
    role: Link
    events: list[EventEntry]


class EntityClaim(TypedDict):
    claim: Link
    modality: str
    certainty: str
    polarity: str
    speaker: Link | None
    grade: str


class ClaimGroup(TypedDict):
    document: Link
    claims: list[EntityClaim]


class EntityDocument(Link):
    anchors: int


class EntityModel(TypedDict):
    iri: str
    id: str
    label: str
    types: list[TypeEntry]
    kind: Link | None
    wikidata: list[str]
    aliases: list[str]
    ties: list[Tie]
    events: list[RoleEvents]
    include_nonfactual: bool
    hidden_nonfactual: int
    claims: list[ClaimGroup]
    documents: list[EntityDocument]
    counts: dict[str, int]
    pages: dict[str, Page]


# -- the document page ------------------------------------------------------------------------
class Anchor(TypedDict):
    annotation: str
    iri: str
    item: str
    href: str | None
    start: int
    end: int
    kind: str
    kind_label: str
    color: str


class PlainValue(TypedDict):
    """A literal value of a statement: its text, no IRI, no page."""

    label: str
    iri: None
    href: None


class Statement(TypedDict):
    property: Link
    value: Link | PlainValue


class DocumentItem(TypedDict):
    iri: str
    label: str
    href: str | None
    kind: str
    kind_label: str
    statements: list[Statement]


class Kind(TypedDict):
    label: str
    color: str


class DocumentClaim(TypedDict):
    claim: Link
    item: str
    modality: str
    certainty: str
    polarity: str
    speaker: Link | None
    asserts: str


class DocumentModel(TypedDict):
    iri: str
    id: str
    title: str
    url: str | None
    publisher: Link | None
    author: str | None
    date: str | None
    language: str | None
    grade: str
    text: str
    anchors: list[Anchor]
    items: dict[str, DocumentItem]
    kinds: dict[str, Kind]
    claims: list[DocumentClaim]


# -- the home page ----------------------------------------------------------------------------
class HomeDocument(Link):
    publisher: str
    date: str
    anchors: int
    claims: int


class HomeItem(Link):
    kind: str
    anchors: int


class Modality(TypedDict):
    label: str
    claims: int


class Comparison(TypedDict):
    name: str
    heading: str
    question: str
    href: str
    result: Table


class HomeModel(TypedDict):
    counts: dict[str, int]
    documents: list[HomeDocument]
    items: list[HomeItem]
    modalities: list[Modality]
    comparisons: list[Comparison]


# -- the query page ---------------------------------------------------------------------------
class Param(TypedDict):
    name: str
    default: str
    required: bool
    description: str


class Question(TypedDict):
    name: str
    title: str
    question: str
    params: list[Param]
    paged: bool


class QueryErrorInfo(TypedDict):
    kind: str  # syntax, timeout, refused, error
    message: str
    line: int | None
    column: int | None


class SparqlModel(TypedDict):
    query: str | None
    pack: str | None
    params: dict[str, str]
    prefixes: dict[str, str]
    questions: list[Question]
    result: Table | None
    error: QueryErrorInfo | None
    seconds: float | None
    downloads: dict[str, str] | None
