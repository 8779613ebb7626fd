"""W3C Web Annotation out: one JSON-LD ``AnnotationCollection`` per document.

One ``oa:Annotation`` per anchor (``TextQuoteSelector`` + ``TextPositionSelector``)
whose body is the item: IRI, type, label and values keyed by property IRIs,
references as ``{"id": ...}``. Items without a mention get one annotation that
targets the whole document. The collection carries the source's metadata and
text (``kg:document``) and an inline ``@context``, so readers never fetch one.
:mod:`kg.loaders.webanno` reads it back to the same model (``docs/web-annotation.md``).
"""

from __future__ import annotations

import json
from pathlib import Path

from kg import iris
from kg.atomic import file_in, write_text
from kg.loaders.webanno import PREFIXES, SAME_AS, context
from kg.model import Anchor, Corpus, Document, Item, Ref
from kg.namespace import DCT, KG, OA, PROV, RDF, RDFS, SCHEMA, XSD

__all__ = ["export_corpus", "export", "document_json", "corpus_from_store"]

XSD_STRING = XSD.string


def export(store_or_sources=(), out: str | Path = "webanno") -> list[Path]:
    """Write ``ID.jsonld`` files of a built store, or of annotation sources (default ``data/``)."""
    return export_corpus(corpus_of(store_or_sources), folder_target(out, "webanno"))


def folder_target(out: str | Path, fmt: str) -> Path:
    """``out`` as the folder an export writes into; a path with a suffix is refused."""
    from kg.errors import UsageError

    p = Path(out)
    if (p.exists() and not p.is_dir()) or (p.suffix and not p.is_dir()):  # /dev/null too
        raise UsageError(f"the {fmt} export writes a folder of files, one set per document: "
                         f"give -o DIR (a folder), not {str(out)!r}")
    if p.is_dir():  # an earlier export of this format is rewritten; other files are left alone
        foreign = sorted(c.name for c in p.iterdir() if not _written_by(c, fmt))
        if foreign:
            raise UsageError(f"{p} holds files the {fmt} export does not write (first: "
                             f"{foreign[0]!r}); give an empty or new folder, or an earlier "
                             f"{fmt} export's")
    return p


def _written_by(path: Path, fmt: str) -> bool:
    """Whether ``path`` is a file of the kind the ``fmt`` export writes into its folder."""
    if path.is_symlink() or not path.is_file():
        return False
    if fmt == "webanno":
        return path.name.endswith(".jsonld")
    from kg.export.brat import CONF_FILE, META_SUFFIX

    return path.name == CONF_FILE or path.name.endswith((".txt", ".ann", META_SUFFIX))


def corpus_of(store_or_sources) -> Corpus:
    """The model of a built store (anything with ``query``) or of annotation sources."""
    from kg.loaders import load_corpus

    if hasattr(store_or_sources, "query"):
        return corpus_from_store(store_or_sources)
    sources = [store_or_sources] if isinstance(store_or_sources, str | Path) \
        else list(store_or_sources or [])
    return load_corpus(*sources)


def export_corpus(corpus: Corpus, out_dir: str | Path, ontology=None) -> list[Path]:
    from kg.ontology import load_ontology

    onto = ontology or load_ontology()
    corpus_types = {it.id: it.type for d in corpus for it in d.items
                    if onto.scope(it.type) == "corpus"}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in corpus:  # every name is checked before anything is written
        file_in(out, doc.id)
    for doc in corpus:
        path = file_in(out, doc.id, ".jsonld")  # an id, never a path out of the folder
        data = document_json(doc, onto, corpus_types)
        write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", durable=False,
                   within=out)
        written.append(path)
    return written


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and "/" not in iri[len(ns):].rstrip("/"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def document_json(doc: Document, onto, corpus_types: dict[str, str] | None = None) -> dict:
    types = dict(corpus_types or {})
    types.update({it.id: it.type for it in doc.items})

    def node(item_id: str) -> str:
        if item_id in types:
            scoped = onto.scope(types[item_id]) == "corpus"
            return "kgd:" + item_id if scoped else f"kgd:doc/{doc.id}/{item_id}"
        return "kg:" + item_id  # an ontology concept

    annotations = []
    for it in doc.items:
        body = _body(it, onto, node)
        for n, anchor in enumerate(it.anchors, 1):
            annotations.append(_annotation(doc, it, n, body, _target(doc, anchor)))
        if not it.anchors:
            annotations.append(_annotation(doc, it, 0, body, {"source": f"kgd:doc/{doc.id}"}))
    return {"@context": context(), "id": f"kgd:doc/{doc.id}/annotations",
            "type": "AnnotationCollection", "label": doc.meta.title or doc.id,
            "kg:document": _source(doc, node), "total": len(annotations),
            "first": {"type": "AnnotationPage", "items": annotations}}


def _source(doc: Document, node) -> dict:
    m = doc.meta
    out: dict = {"id": f"kgd:doc/{doc.id}", "type": ["kg:Document", f"schema:{m.doc_type}"]}
    for key, value in (("dct:title", m.title), ("schema:url", m.url), ("dct:creator", m.author),
                       ("dct:date", m.date), ("dct:language", m.language),
                       ("kg:annotator", m.annotator),
                       ("kg:reliability", m.reliability and "kg:" + m.reliability),
                       ("kg:credibility", m.credibility and "kg:" + m.credibility)):
        if value is not None:
            out[key] = value
    if m.publisher:
        out["schema:publisher"] = {"id": node(m.publisher.id)}
    if doc.excluded:
        out["kg:excluded"] = [_target(doc, a) for a in doc.excluded]
    out["kg:text"] = doc.text
    return out


def _target(doc: Document, a: Anchor) -> dict:
    return {"source": f"kgd:doc/{doc.id}",
            "selector": [{"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix,
                          "suffix": a.suffix},
                         {"type": "TextPositionSelector", "start": a.start, "end": a.end}]}


def _annotation(doc: Document, it: Item, n: int, body: dict, target: dict) -> dict:
    ann: dict = {"id": _compact(iris.annotation(doc.id, it.id, n)), "type": "Annotation",
                 "motivation": "identifying" if it.anchors else "describing"}
    if it.annotator:
        ann["kg:annotator"] = it.annotator
    if it.machine:
        ann["prov:wasAttributedTo"] = {"id": "kg:MachineProposal"}
    ann["body"] = body
    ann["target"] = target
    return ann


def _body(it: Item, onto, node) -> dict:
    body: dict = {"id": node(it.id), "type": "kg:" + it.type}
    if it.same_as:
        target = f"kgd:doc/{it.same_as}" if "/" in it.same_as else f"kgd:{it.same_as}"
        body[SAME_AS] = {"id": target}
    if it.label is not None:
        body["label"] = it.label
    for key, vals in it.values.items():
        prop = onto.properties[key]
        rng = prop.range or ""
        typed = XSD.local(rng) is not None and rng != XSD_STRING
        out = [{"id": node(v.id)} if isinstance(v, Ref)
               else {"@value": v, "@type": _compact(rng)} if typed else v for v in vals]
        body[_compact(prop.iri)] = out[0] if len(out) == 1 else out
    return body


# -- the built graph -> the model (the graph's anchors are Web Annotations) --------------
_GRAPHS = f"""SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?g), "{iris.doc_graph("")}") || ?g = <{iris.CURATED_LINKS_GRAPH}>) }}"""
_SKIP = {RDFS.label}
# the documents that wrote a Wikidata ID (the curated link graph is derived from them): only
# their items carry the curated IDs back, so a document that wrote none builds as before
_LINKED = f"""SELECT ?d WHERE {{ GRAPH <{iris.PROVENANCE_GRAPH}> {{
  <{iris.CURATED_LINKS_GRAPH}> <{PROV.wasDerivedFrom}> ?d }} }}"""


def corpus_from_store(store, ontology=None) -> Corpus:
    """Rebuild the model of every document graph of a built store (``kg.store.open_store``).

    Exporting from it writes what the graph holds: documents, items, values, anchors and
    curated Wikidata IDs (on the items of the documents that wrote one: the curated link
    graph's provenance names them). The document-level annotator is not in the graph; each anchor's
    annotator becomes the item's, which builds the same graph.
    """
    from kg.ontology import load_ontology

    onto = ontology or load_ontology()
    graphs: dict[str, dict[str, list[tuple[str, object]]]] = {}
    for g, s, p, o in store.query(_GRAPHS).rows:
        graphs.setdefault(g.value, {}).setdefault(s.value, []).append((p.value, o))
    links = graphs.pop(iris.CURATED_LINKS_GRAPH, {})
    linked = {row[0].value for row in store.query(_LINKED).rows}
    docs = [_document_from_graph(doc_id, triples,
                                 links if iris.doc(doc_id) in linked else {}, onto)
            for g, triples in sorted(graphs.items())
            for doc_id in [g.removeprefix(iris.doc_graph(""))]]
    return Corpus(sorted(docs, key=lambda d: d.id))


def _document_from_graph(doc_id: str, triples: dict, links: dict, onto) -> Document:
    from kg.loaders.anchors import CONTEXT
    from kg.model import DocumentMeta

    d = iris.doc(doc_id)
    node = {p: o for p, o in triples.get(d, [])}
    text = node[KG.text].value

    def one(prop: str) -> str | None:
        o = node.get(prop)
        return o.value if o is not None else None

    schema = [t for p, o in triples.get(d, [])
              if p == RDF.type and (t := SCHEMA.local(o.value))]
    doc_type = schema[0] if schema else "AnalysisNewsArticle"
    pub = one(SCHEMA.publisher)
    meta = DocumentMeta(title=one(DCT.title), url=one(SCHEMA.url),
                        publisher=Ref(_id(pub, doc_id)) if pub else None,
                        author=one(DCT.creator), date=one(DCT.date),
                        language=one(DCT.language), doc_type=doc_type)

    def anchor(span_iri: str) -> Anchor:
        s, e = (int(x) for x in span_iri.rsplit("/", 1)[1].split("-"))
        return Anchor(s, e, text[s:e], text[max(0, s - CONTEXT):s], text[e:e + CONTEXT])

    for key, prop in (("reliability", KG.reliability), ("credibility", KG.credibility)):
        grade = one(prop)
        if grade:
            setattr(meta, key, KG.local(grade) or grade)
    doc = Document(id=doc_id, text=text, meta=meta)
    doc.excluded = sorted((anchor(o.value) for p, o in triples.get(d, [])
                           if p == KG.excluded), key=lambda a: (a.start, a.end))
    by_key = {p.iri: k for k, p in onto.properties.items()}
    has_links = bool(links)
    items: dict[str, Item] = {}
    typed = {}
    for s, pos in sorted(triples.items()):
        types = [t for p, o in pos if p == RDF.type
                 and (t := KG.local(o.value)) and onto.has_class(o.value)
                 and onto.class_(o.value).annotatable]
        if s != d and types:
            typed[s] = types[0]
    local = _local_ids(doc_id, triples, typed, onto)
    for s, type_ in typed.items():
        pos = triples[s]
        it = Item(id=local[s], type=type_,
                  same_as=_same_as(s, doc_id, local[s], onto.scope(type_)))
        for p, o in pos:
            if p == RDFS.label:
                it.label = o.value
            elif p in by_key and p not in _SKIP:
                key = by_key[p]
                val = Ref(local.get(o.value) or _id(o.value, doc_id)) \
                    if onto.properties[key].kind == "object" else o.value
                it.values.setdefault(key, []).append(val)
        if has_links:
            for p, o in links.get(s, []):
                if p in by_key and by_key[p] == "wikidata":
                    it.values.setdefault("wikidata", []).append(o.value)
        items[s] = it
    for _s, pos in sorted(triples.items(), key=lambda kv: _ann_order(kv[0])):
        po = dict(pos)
        body = po.get(OA.hasBody)
        if body is None or body.value not in items:
            continue
        it = items[body.value]
        it.anchors.append(anchor(po[OA.hasTarget].value))
        who = po.get(KG.annotator)
        it.annotator = who.value if who is not None else it.annotator
        by = po.get(PROV.wasAttributedTo)
        it.machine = it.machine or (by is not None and by.value == KG.MachineProposal)
    doc.items = list(items.values())
    return doc


def _ann_order(iri: str) -> tuple[str, int]:
    head, _, n = iri.rpartition("/")
    return (head, int(n)) if n.isdigit() else (iri, 0)


def _local_ids(doc_id: str, triples: dict, typed: dict, onto) -> dict[str, str]:
    """node IRI -> the id the document gives it. A node of another document (``same-as``) is
    known by the id in its annotations' IRIs (``kgd:doc/D/annotation/{id}/{n}``)."""
    prefix = iris.annotation_prefix(doc_id)
    from_annotations: dict[str, str] = {}
    for s, pos in triples.items():
        if s.startswith(prefix):
            body = dict(pos).get(OA.hasBody)
            if body is not None:
                from_annotations.setdefault(body.value, s[len(prefix):].rsplit("/", 1)[0])
    out, taken = {}, set()
    for s in sorted(typed):
        if s in from_annotations:
            out[s] = from_annotations[s]
        elif s.startswith(iris.doc_item(doc_id, "")) or "/" not in _id(s, doc_id):
            out[s] = _id(s, doc_id)
        else:  # another document's node with no anchor here: its own id, made unique
            base = s.rsplit("/", 1)[1]
            out[s] = next(c for c in (base, *(f"{base}-{n}" for n in range(2, 10 ** 6)))
                          if c not in taken and c not in from_annotations.values())
        taken.add(out[s])
    return out


def _same_as(node: str, doc_id: str, local_id: str, scope: str) -> str | None:
    """What an item's ``same-as`` must say for it to be ``node`` (None: it is its own)."""
    from kg.loaders.identity import node_iri

    if node == node_iri(doc_id, local_id, scope, None):
        return None
    rest = node[len(iris.BASE):]
    return rest[len("doc/"):] if rest.startswith("doc/") else rest


def _id(iri: str, doc_id: str) -> str:
    for base in (iris.doc_item(doc_id, ""), iris.BASE, iris.KG_NS):
        if iri.startswith(base):
            return iri[len(base):]
    return iri
