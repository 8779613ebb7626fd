"""One document of the model -> the N-Quads lines of its named graph.

What each key becomes is read from the ontology (the property behind the
annotation key, its range, scope of the referenced type). Nothing here names a
concrete event, actor or relation type.
"""

from __future__ import annotations

from kg import iris
from kg.build.terms import iri, line, lit, typed
from kg.build.times import relative_bounds
from kg.loaders.check import (
    canonical_decimal,
    canonical_duration,
    offset_literal,
    parse_duration,
    parse_partial_date,
    partial_date_datatype,
)
from kg.loaders.identity import node_iri
from kg.model import Anchor, Document, Item, Ref
from kg.namespace import DCT, KG, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, WD, XSD
from kg.ontology import Ontology

__all__ = ["document_lines", "item_iri"]

XSD_NS = str(XSD)


class _T:
    """The fixed terms written here, in their N-Quads form (``<iri>``), made once."""

    type = iri(RDF.type)
    label = iri(RDFS.label)
    Document = iri(KG.Document)
    DocumentGraph = iri(KG.DocumentGraph)
    LinkGraph = iri(KG.LinkGraph)
    MachineProposal = iri(KG.MachineProposal)
    Unknown = iri(KG.Unknown)
    annotator = iri(KG.annotator)
    authorStatus = iri(KG.authorStatus)
    dateStatus = iri(KG.dateStatus)
    earliest = iri(KG.earliest)
    excluded = iri(KG.excluded)
    latest = iri(KG.latest)
    linkMethod = iri(KG.linkMethod)
    reportedBy = iri(KG.reportedBy)
    sha256 = iri(KG.sha256)
    text = iri(KG.text)
    creator = iri(DCT.creator)
    date = iri(DCT.date)
    language = iri(DCT.language)
    title = iri(DCT.title)
    author = iri(SCHEMA.author)
    mentions = iri(SCHEMA.mentions)
    publisher = iri(SCHEMA.publisher)
    url = iri(SCHEMA.url)
    Agent = iri(PROV.Agent)
    hadPrimarySource = iri(PROV.hadPrimarySource)
    wasAttributedTo = iri(PROV.wasAttributedTo)
    wasDerivedFrom = iri(PROV.wasDerivedFrom)
    wasGeneratedBy = iri(PROV.wasGeneratedBy)
    Annotation = iri(OA.Annotation)
    SpecificResource = iri(OA.SpecificResource)
    TextPositionSelector = iri(OA.TextPositionSelector)
    TextQuoteSelector = iri(OA.TextQuoteSelector)
    end = iri(OA.end)
    exact = iri(OA.exact)
    hasBody = iri(OA.hasBody)
    hasSelector = iri(OA.hasSelector)
    hasSource = iri(OA.hasSource)
    hasTarget = iri(OA.hasTarget)
    identifying = iri(OA.identifying)
    motivatedBy = iri(OA.motivatedBy)
    prefix = iri(OA.prefix)
    start = iri(OA.start)
    suffix = iri(OA.suffix)
    View = iri(SEM.View)
    accordingTo = iri(SEM.accordingTo)
    exactMatch = iri(SKOS.exactMatch)
    Instant = iri(TIME.Instant)
    hasBeginning = iri(TIME.hasBeginning)
    hasEnd = iri(TIME.hasEnd)


A = _T.type


class _Ids:
    """Resolves the ids one document uses to IRIs, from that document alone.

    An id the document defines gets the IRI of its type's scope; a concept (the value of a
    property whose range is skos:Concept) is an ontology term; any other id is a
    corpus-scoped item of another document (the loader's checks make sure it is one).
    """

    def __init__(self, doc: Document, onto: Ontology):
        self.doc, self.onto = doc, onto
        self.own = {it.id: item_iri(doc, it, onto) for it in doc.items}

    def __call__(self, ref: Ref, concept: bool = False) -> str:
        if concept:
            return KG.iri(ref.id)
        return self.own.get(ref.id) or iris.corpus_item(ref.id)


def item_iri(doc: Document, item: Item, onto: Ontology) -> str:
    """The node an item stands for: its own, or the one its ``same-as`` names."""
    return node_iri(doc.id, item.id, onto.scope(item.type), item.same_as)


def document_lines(doc: Document, onto: Ontology) -> list[str]:
    """All quads of ``doc``: its graph, its curated links, and its provenance entry.

    They depend on the document and the ontology only, so they can be cached per document.
    """
    g = iri(iris.doc_graph(doc.id))
    resolve = _Ids(doc, onto)
    out: list[str] = []
    out += _document_node(doc, g, resolve)
    for item in doc.items:
        out += _item_lines(doc, item, onto, g, resolve)
    out += _provenance(doc)
    return out


def _document_node(doc: Document, g: str, resolve: _Ids) -> list[str]:
    d = iri(iris.doc(doc.id))
    m = doc.meta
    from kg.loaders.native import text_sha256

    out = [line(d, A, _T.Document, g),
           line(d, A, iri(SCHEMA.iri(m.doc_type)), g),
           line(d, _T.sha256, lit(text_sha256(doc.text)), g),
           line(d, _T.text, lit(doc.text), g)]
    if m.title:
        out.append(line(d, _T.title, lit(m.title), g))
    if m.url:
        out.append(line(d, _T.url, typed(m.url, XSD.anyURI), g))
    if m.publisher:
        out.append(line(d, _T.publisher, iri(resolve(m.publisher)), g))
    if m.language:
        out.append(line(d, _T.language, lit(m.language), g))
    unknown = _T.Unknown
    out.append(line(d, _T.creator, lit(m.author), g) if m.author
               else line(d, _T.authorStatus, unknown, g))
    if m.author:
        author = iri(iris.doc_author(doc.id))
        out += [line(author, A, _T.Agent, g),
                line(author, _T.label, lit(m.author), g),
                line(d, _T.author, author, g)]
    for key in ("reliability", "credibility"):
        if getattr(m, key):
            out.append(line(d, iri(KG[key]), iri(KG.iri(getattr(m, key))), g))
    if m.date:
        out.append(line(d, _T.date, typed(m.date, partial_date_datatype(m.date)), g))
    else:
        out.append(line(d, _T.dateStatus, unknown, g))
    for anchor in doc.excluded:
        span = iris.span(doc.id, anchor.start, anchor.end)
        out.append(line(d, _T.excluded, iri(span), g))
        out += _span_lines(doc, anchor, g)
    return out


def _item_lines(doc: Document, item: Item, onto: Ontology, g: str, resolve: _Ids) -> list[str]:
    s = iri(item_iri(doc, item, onto))
    cls = onto.class_(item.type)
    out = [line(s, A, iri(cls.iri), g)]
    if item.label is not None:
        out.append(line(s, _T.label, lit(item.label), g))
    for key in sorted(item.values):
        prop = onto.property_for_key(key)
        for value in item.values[key]:
            out += _value_lines(doc, s, prop, value, g, resolve)
    out.append(line(iri(iris.doc(doc.id)), _T.mentions, s, g))
    bounds = relative_bounds(doc, item, onto)
    for bound, day in zip((_T.earliest, _T.latest), bounds or (None, None), strict=True):
        if day is not None:
            out.append(line(s, bound, typed(day, XSD.date), g))
    if onto.value(cls, "attributedToSource") in ("true", "True"):
        out += _attribution(doc, item, s, g, resolve)
    for n, anchor in enumerate(item.anchors, 1):
        ann = iri(iris.annotation(doc.id, item.id, n))
        span = iri(iris.span(doc.id, anchor.start, anchor.end))
        out += [line(ann, A, _T.Annotation, g),
                line(ann, _T.hasBody, s, g),
                line(ann, _T.hasTarget, span, g),
                line(ann, _T.motivatedBy, _T.identifying, g)]
        annotator = item.annotator or doc.meta.annotator
        if item.machine:
            out.append(line(ann, _T.wasAttributedTo, _T.MachineProposal, g))
        elif annotator:
            out.append(line(ann, _T.annotator, lit(annotator), g))
        out += _span_lines(doc, anchor, g)
    return out


def source_agents(doc: Document, resolve: _Ids) -> list[str]:
    """The document's own source: its publisher and its author, as IRIs (none if unknown)."""
    out = [resolve(doc.meta.publisher)] if doc.meta.publisher is not None else []
    return out + ([iris.doc_author(doc.id)] if doc.meta.author else [])


def _attribution(doc: Document, item: Item, s: str, g: str, resolve: _Ids) -> list[str]:
    """Who asserts a claim or motive: the document's source, or a reported speaker under it.

    Always ``prov:hadPrimarySource`` the document. Without a speaker, the item is the source's
    own assertion: ``prov:wasAttributedTo`` its publisher and author (neither when both are
    unknown: the document alone is the source). With ``speaker:``, the item is the speaker's
    assertion (``kg:speaker``, a sub-property of ``prov:wasAttributedTo``, is written from the
    key) that the document's source reports: ``kg:reportedBy`` the source agents, else the
    document.
    """
    d = iri(iris.doc(doc.id))
    out = [line(s, _T.hadPrimarySource, d, g)]
    agents = [iri(a) for a in source_agents(doc, resolve)]
    speakers = [v for v in item.values.get("speaker", []) if isinstance(v, Ref)]
    if not speakers:
        return out + [line(s, _T.wasAttributedTo, a, g) for a in agents]
    out += [line(s, _T.wasAttributedTo, iri(resolve(v)), g) for v in speakers]
    return out + [line(s, _T.reportedBy, a, g) for a in agents or [d]]


def _value_lines(doc: Document, s: str, prop, value, g: str, resolve: _Ids) -> list[str]:
    p = iri(prop.iri)
    if isinstance(value, Ref):
        return [line(s, p, iri(resolve(value, concept=prop.range == SKOS.Concept)), g)]
    if prop.iri == KG.wikidata:
        links = iri(iris.CURATED_LINKS_GRAPH)
        return [line(s, p, lit(value), links),
                line(s, _T.exactMatch, iri(WD[value]), links)]
    rng = prop.range or ""
    if rng == KG.partialDate:
        return _date_lines(s, prop, value, g)
    if rng == XSD.duration:  # an offset: calendar months, days and hours, or both
        lexical, datatype = offset_literal(value)
        return [line(s, p, typed(lexical, XSD_NS + datatype), g)]
    if rng.startswith(XSD_NS) and rng != XSD.string:
        return [line(s, p, typed(_canonical(value, rng), rng), g)]
    return [line(s, p, lit(value), g)]


def _canonical(value: str, datatype: str) -> str:
    """The lexical form RDF stores write back, so that graph.nq and the store agree (and a
    graph exported from the store and built again gives the same bytes)."""
    if datatype == XSD.dayTimeDuration:
        seconds = parse_duration(value)
        return canonical_duration(seconds) if seconds is not None else value
    if datatype == XSD.decimal:
        return canonical_decimal(value)
    if datatype == XSD.integer:
        return str(int(value))
    return value


def _date_lines(s: str, prop, value: str, g: str) -> list[str]:
    """A partial date: the literal typed at its precision (xsd:gYear, xsd:gYearMonth or
    xsd:date: kg:partialDate), the day bound, and an OWL-Time instant."""
    precision, first, last = parse_partial_date(value)
    is_begin = prop.local == "begin"
    instant = iri(iris.instant(s[1:-1], "begin" if is_begin else "end"))
    dated = typed(value, partial_date_datatype(value))
    in_xsd = {"year": "inXSDgYear", "month": "inXSDgYearMonth", "day": "inXSDDate"}[precision]
    bound = (_T.earliest, first) if is_begin else (_T.latest, last)
    return [line(s, iri(prop.iri), dated, g),
            line(s, bound[0], typed(bound[1], XSD.date), g),
            line(s, _T.hasBeginning if is_begin else _T.hasEnd, instant, g),
            line(instant, A, _T.Instant, g),
            line(instant, iri(TIME[in_xsd]), dated, g)]


def _span_lines(doc: Document, anchor: Anchor, g: str) -> list[str]:
    span = iris.span(doc.id, anchor.start, anchor.end)
    sp, q, pos = iri(span), iri(iris.selector(span, "quote")), iri(iris.selector(span, "position"))
    integer = XSD.nonNegativeInteger
    out = [line(sp, A, _T.SpecificResource, g),
           line(sp, _T.hasSource, iri(iris.doc(doc.id)), g),
           line(sp, _T.hasSelector, q, g),
           line(sp, _T.hasSelector, pos, g),
           line(q, A, _T.TextQuoteSelector, g),
           line(q, _T.exact, lit(anchor.exact), g),
           line(q, _T.prefix, lit(anchor.prefix), g),
           line(q, _T.suffix, lit(anchor.suffix), g),
           line(pos, A, _T.TextPositionSelector, g),
           line(pos, _T.start, typed(str(anchor.start), integer), g),
           line(pos, _T.end, typed(str(anchor.end), integer), g)]
    return out


def _provenance(doc: Document) -> list[str]:
    pg = iri(iris.PROVENANCE_GRAPH)
    g, d = iri(iris.doc_graph(doc.id)), iri(iris.doc(doc.id))
    out = [line(g, A, _T.DocumentGraph, pg),
           line(g, A, _T.View, pg),
           line(g, _T.accordingTo, d, pg),
           line(g, _T.wasDerivedFrom, d, pg),
           line(g, _T.wasGeneratedBy, iri(iris.BUILD_ACTIVITY), pg)]
    if any(v for it in doc.items for k, v in it.values.items() if k == "wikidata"):
        links = iri(iris.CURATED_LINKS_GRAPH)
        out += [line(links, A, _T.LinkGraph, pg),
                line(links, _T.linkMethod, lit("curated"), pg),
                line(links, _T.wasDerivedFrom, d, pg)]
    return out
