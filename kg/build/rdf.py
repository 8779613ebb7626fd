"""One document of the model -> the N-Quads lines of its named graph.

What each key becomes is read from the ontology (the property behind the
annotation key, its range, scope of the referenced type). Nothing here names a
concrete event, actor or relation type.
"""

from __future__ import annotations

from kg import iris
from kg.build.terms import NS, iri, line, lit, typed
from kg.build.times import relative_bounds
from kg.loaders.check import (
    canonical_decimal,
    canonical_duration,
    parse_duration,
    parse_partial_date,
    partial_date_datatype,
)
from kg.loaders.identity import node_iri
from kg.model import Anchor, Document, Item, Ref
from kg.namespace import KG as K
from kg.ontology import Ontology

__all__ = ["document_lines", "item_iri"]

KG, RDF, RDFS, XSD = NS["kg"], NS["rdf"], NS["rdfs"], NS["xsd"]
OA, PROV, SEM, TIME, DCT, SCHEMA, SKOS = (NS[k] for k in
                                          ("oa", "prov", "sem", "time", "dct", "schema", "skos"))
A = iri(RDF + "type")
SKOS_CONCEPT = SKOS + "Concept"


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
            return KG + ref.id
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

    out = [line(d, A, iri(str(K.Document)), g),
           line(d, A, iri(SCHEMA + m.doc_type), g),
           line(d, iri(str(K.sha256)), lit(text_sha256(doc.text)), g),
           line(d, iri(str(K.text)), lit(doc.text), g)]
    if m.title:
        out.append(line(d, iri(DCT + "title"), lit(m.title), g))
    if m.url:
        out.append(line(d, iri(SCHEMA + "url"), typed(m.url, XSD + "anyURI"), g))
    if m.publisher:
        out.append(line(d, iri(SCHEMA + "publisher"), iri(resolve(m.publisher)), g))
    if m.language:
        out.append(line(d, iri(DCT + "language"), lit(m.language), g))
    unknown = iri(str(K.Unknown))
    out.append(line(d, iri(DCT + "creator"), lit(m.author), g) if m.author
               else line(d, iri(str(K.authorStatus)), unknown, g))
    if m.author:
        author = iri(iris.doc_author(doc.id))
        out += [line(author, A, iri(PROV + "Agent"), g),
                line(author, iri(RDFS + "label"), lit(m.author), g),
                line(d, iri(SCHEMA + "author"), author, g)]
    for key in ("reliability", "credibility"):
        if getattr(m, key):
            out.append(line(d, iri(KG + key), iri(KG + getattr(m, key)), g))
    if m.date:
        out.append(line(d, iri(DCT + "date"), typed(m.date, partial_date_datatype(m.date)), g))
    else:
        out.append(line(d, iri(str(K.dateStatus)), unknown, g))
    for anchor in doc.excluded:
        span = iris.span(doc.id, anchor.start, anchor.end)
        out.append(line(d, iri(str(K.excluded)), iri(span), g))
        out += _span_lines(doc, anchor, g)
    return out


def _item_lines(doc: Document, item: Item, onto: Ontology, g: str, resolve: _Ids) -> list[str]:
    s = iri(item_iri(doc, item, onto))
    cls = onto.class_(item.type)
    out = [line(s, A, iri(cls.iri), g)]
    if item.label is not None:
        out.append(line(s, iri(RDFS + "label"), lit(item.label), g))
    for key in sorted(item.values):
        prop = onto.property_for_key(key)
        for value in item.values[key]:
            out += _value_lines(doc, s, prop, value, g, resolve)
    out.append(line(iri(iris.doc(doc.id)), iri(SCHEMA + "mentions"), s, g))
    bounds = relative_bounds(doc, item, onto)
    for bound, day in zip((K.earliest, K.latest), bounds or (None, None), strict=True):
        if day is not None:
            out.append(line(s, iri(str(bound)), typed(day, XSD + "date"), g))
    if onto.value(cls, "attributedToSource") in ("true", "True"):
        out += _attribution(doc, item, s, g, resolve)
    for n, anchor in enumerate(item.anchors, 1):
        ann = iri(iris.annotation(doc.id, item.id, n))
        span = iri(iris.span(doc.id, anchor.start, anchor.end))
        out += [line(ann, A, iri(OA + "Annotation"), g),
                line(ann, iri(OA + "hasBody"), s, g),
                line(ann, iri(OA + "hasTarget"), span, g),
                line(ann, iri(OA + "motivatedBy"), iri(OA + "identifying"), g)]
        annotator = item.annotator or doc.meta.annotator
        if item.machine:
            out.append(line(ann, iri(PROV + "wasAttributedTo"), iri(str(K.MachineProposal)), g))
        elif annotator:
            out.append(line(ann, iri(str(K.annotator)), lit(annotator), g))
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
    out = [line(s, iri(PROV + "hadPrimarySource"), d, g)]
    agents = [iri(a) for a in source_agents(doc, resolve)]
    speakers = [v for v in item.values.get("speaker", []) if isinstance(v, Ref)]
    if not speakers:
        return out + [line(s, iri(PROV + "wasAttributedTo"), a, g) for a in agents]
    out += [line(s, iri(PROV + "wasAttributedTo"), iri(resolve(v)), g) for v in speakers]
    return out + [line(s, iri(KG + "reportedBy"), a, g) for a in agents or [d]]


def _value_lines(doc: Document, s: str, prop, value, g: str, resolve: _Ids) -> list[str]:
    p = iri(prop.iri)
    if isinstance(value, Ref):
        return [line(s, p, iri(resolve(value, concept=prop.range == SKOS_CONCEPT)), g)]
    if prop.iri == str(K.wikidata):
        links = iri(iris.CURATED_LINKS_GRAPH)
        return [line(s, p, lit(value), links),
                line(s, iri(SKOS + "exactMatch"), iri(NS["wd"] + value), links)]
    rng = prop.range or ""
    if rng == str(K.partialDate):
        return _date_lines(s, prop, value, g)
    if rng.startswith(XSD) and rng != XSD + "string":
        return [line(s, p, typed(_canonical(value, rng), rng), g)]
    return [line(s, p, lit(value), g)]


def _canonical(value: str, datatype: str) -> str:
    """The lexical form RDF stores write back, so that graph.nq and the store agree (and a
    graph exported from the store and built again gives the same bytes)."""
    if datatype == XSD + "dayTimeDuration":
        seconds = parse_duration(value)
        return canonical_duration(seconds) if seconds is not None else value
    if datatype == XSD + "decimal":
        return canonical_decimal(value)
    if datatype == XSD + "integer":
        return str(int(value))
    return value


def _date_lines(s: str, prop, value: str, g: str) -> list[str]:
    """A partial date: the literal typed at its precision (xsd:gYear, xsd:gYearMonth or
    xsd:date: kg:partialDate), the day bound, and an OWL-Time instant."""
    precision, first, last = parse_partial_date(value)
    is_begin = prop.local == "begin"
    instant = iri(s[1:-1] + ("/begin" if is_begin else "/end"))
    dated = typed(value, partial_date_datatype(value))
    in_xsd = {"year": "inXSDgYear", "month": "inXSDgYearMonth", "day": "inXSDDate"}[precision]
    bound = (str(K.earliest), first) if is_begin else (str(K.latest), last)
    return [line(s, iri(prop.iri), dated, g),
            line(s, iri(bound[0]), typed(bound[1], XSD + "date"), g),
            line(s, iri(TIME + ("hasBeginning" if is_begin else "hasEnd")), instant, g),
            line(instant, A, iri(TIME + "Instant"), g),
            line(instant, iri(TIME + in_xsd), dated, g)]


def _span_lines(doc: Document, anchor: Anchor, g: str) -> list[str]:
    span = iris.span(doc.id, anchor.start, anchor.end)
    sp, q, pos = iri(span), iri(span + "/quote"), iri(span + "/position")
    integer = XSD + "nonNegativeInteger"
    out = [line(sp, A, iri(OA + "SpecificResource"), g),
           line(sp, iri(OA + "hasSource"), iri(iris.doc(doc.id)), g),
           line(sp, iri(OA + "hasSelector"), q, g),
           line(sp, iri(OA + "hasSelector"), pos, g),
           line(q, A, iri(OA + "TextQuoteSelector"), g),
           line(q, iri(OA + "exact"), lit(anchor.exact), g),
           line(q, iri(OA + "prefix"), lit(anchor.prefix), g),
           line(q, iri(OA + "suffix"), lit(anchor.suffix), g),
           line(pos, A, iri(OA + "TextPositionSelector"), g),
           line(pos, iri(OA + "start"), typed(str(anchor.start), integer), g),
           line(pos, iri(OA + "end"), typed(str(anchor.end), integer), g)]
    return out


def _provenance(doc: Document) -> list[str]:
    pg = iri(iris.PROVENANCE_GRAPH)
    g, d = iri(iris.doc_graph(doc.id)), iri(iris.doc(doc.id))
    out = [line(g, A, iri(str(K.DocumentGraph)), pg),
           line(g, A, iri(SEM + "View"), pg),
           line(g, iri(SEM + "accordingTo"), d, pg),
           line(g, iri(PROV + "wasDerivedFrom"), d, pg),
           line(g, iri(PROV + "wasGeneratedBy"), iri(iris.BUILD_ACTIVITY), pg)]
    if any(v for it in doc.items for k, v in it.values.items() if k == "wikidata"):
        links = iri(iris.CURATED_LINKS_GRAPH)
        out += [line(links, A, iri(str(K.LinkGraph)), pg),
                line(links, iri(str(K.linkMethod)), lit("curated"), pg),
                line(links, iri(PROV + "wasDerivedFrom"), d, pg)]
    return out
