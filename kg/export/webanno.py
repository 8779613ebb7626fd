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
from kg.loaders.webanno import PREFIXES, context
from kg.model import Anchor, Corpus, Document, Item, Ref

__all__ = ["export_corpus", "export", "document_json"]

XSD_STRING = PREFIXES["xsd"] + "string"


def export(store_or_sources=(), out: str | Path = "webanno") -> list[Path]:
    """Load the corpus from ``sources`` (default ``data/``) and write ``NAME.jsonld`` files."""
    from kg.loaders import load_corpus

    sources = [store_or_sources] if isinstance(store_or_sources, str | Path) \
        else list(store_or_sources or [])
    return export_corpus(load_corpus(*sources), out)


def export_corpus(corpus: Corpus, out_dir: str | Path, ontology=None) -> list[Path]:
    from kg.ontology import load_ontology

    onto = ontology or load_ontology()
    corpus_types = {it.id: it.type for d in corpus for it in d.items
                    if onto.scope(it.type) == "corpus"}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in corpus:
        path = out / f"{doc.id}.jsonld"
        data = document_json(doc, onto, corpus_types)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
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
                       ("kg:annotator", m.annotator)):
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
    if it.label is not None:
        body["label"] = it.label
    for key, vals in it.values.items():
        prop = onto.properties[key]
        rng = prop.range or ""
        typed = rng.startswith(PREFIXES["xsd"]) and rng != XSD_STRING
        out = [{"id": node(v.id)} if isinstance(v, Ref)
               else {"@value": v, "@type": _compact(rng)} if typed else v for v in vals]
        body[_compact(prop.iri)] = out[0] if len(out) == 1 else out
    return body
