"""W3C Web Annotation in: one ``NAME.jsonld`` collection per document -> the model.

Each ``Annotation`` ties one anchor (``TextQuoteSelector`` + ``TextPositionSelector``)
to a body that carries the item: its IRI (the kg id), type, label and values keyed
by property IRIs. Annotations with the same body id are mentions of one item; an
annotation whose target has no selector is an item without mention. The file is
read as plain JSON: its ``@context`` is inline and is never fetched, so loading
makes no network access. See ``docs/web-annotation.md``.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from pathlib import Path
from typing import Any

from kg import iris
from kg.errors import Problem
from kg.limits import ANNOTATION_BYTES, TEXT_BYTES
from kg.loaders.anchors import (
    CONTEXT,
    AnchorProblem,
    QuoteSpec,
    TextIndex,
    quotes_in,
    resolve_quote,
)
from kg.loaders.inputfile import FileRefused, read_input
from kg.model import Anchor, Document, DocumentMeta, Item, Value
from kg.namespace import AS, DCT, KG, OA, OWL, PROV, RDFS, SCHEMA, SEM, SKOS, XSD

__all__ = ["load", "SUFFIXES", "PREFIXES", "context", "expand", "read_json"]

SUFFIXES = (".jsonld",)
PREFIXES = {
    "kg": iris.KG_NS, "kgd": iris.BASE, "oa": str(OA),
    # As in the W3C anno.jsonld context: http, not https (kg.namespace.AS).
    "as": str(AS), "dct": str(DCT), "schema": str(SCHEMA), "sem": str(SEM), "skos": str(SKOS),
    "prov": str(PROV), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
}
SAME_AS = "owl:sameAs"  # on a body: the item is another document's (kg's ``same-as``)


def context() -> dict:
    """The inline JSON-LD context every exported file carries (a subset of anno.jsonld)."""
    pos = {"@type": "xsd:nonNegativeInteger"}
    return {**PREFIXES, "id": "@id", "type": "@type",
            "Annotation": "oa:Annotation", "AnnotationCollection": "as:OrderedCollection",
            "AnnotationPage": "as:OrderedCollectionPage",
            "TextQuoteSelector": "oa:TextQuoteSelector",
            "TextPositionSelector": "oa:TextPositionSelector",
            "body": {"@id": "oa:hasBody", "@type": "@id"},
            "target": {"@id": "oa:hasTarget", "@type": "@id"},
            "source": {"@id": "oa:hasSource", "@type": "@id"},
            "selector": {"@id": "oa:hasSelector", "@type": "@id"},
            "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
            "identifying": "oa:identifying", "describing": "oa:describing",
            "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix",
            "start": {"@id": "oa:start", **pos}, "end": {"@id": "oa:end", **pos},
            "label": "rdfs:label", "first": {"@id": "as:first", "@type": "@id"},
            "items": {"@id": "as:items", "@container": "@list"}, "total": "as:totalItems"}


def expand(term: str) -> str:
    """``kg:agent`` -> the full IRI; full IRIs and unknown prefixes are returned as they are."""
    _prefix, colon, rest = term.partition(":")
    if colon and not rest.startswith("//"):
        return iris.expand(term, PREFIXES) or term
    return term


# -- JSON with the line of every object --------------------------------------------------
class _Obj(dict):
    line: int | None = None


def read_json(text: str) -> Any:
    """Parse JSON; every object is a dict that knows its 1-based line (for error messages)."""
    decoder = json.JSONDecoder(object_pairs_hook=None)

    seen = [0, 1]  # (offset, its line): objects start in text order, so lines are counted
    # once over the whole text, not again from the start for every object

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        s, end = s_and_end
        seen[1] += s.count("\n", seen[0], end)
        seen[0] = end
        line = seen[1]
        pairs, new_end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)
        obj = _Obj(pairs)
        obj.line = line
        return obj, new_end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    # the pure-Python scanner honours parse_object; the C one does not
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _line(obj: Any) -> int | None:
    return getattr(obj, "line", None)


# -- the reader ---------------------------------------------------------------------------
class _Reader:
    def __init__(self, path: Path, onto):
        self.where, self.onto = str(path), onto
        self.problems: list[Problem] = []
        self.by_iri = {p.iri: key for key, p in onto.properties.items()}
        self.quotes: list[str] = []  # every TextQuoteSelector's exact, indexed in one pass
        self.index: TextIndex | None = None

    def bad(self, obj: Any, ann_id: str | None, message: str) -> None:
        self.problems.append(Problem(self.where, _line(obj), ann_id, message))

    def ref(self, value: Any, doc_id: str, obj: Any, owner: str | None) -> str | None:
        iri = value.get("id") if isinstance(value, dict) else value
        if not isinstance(iri, str):
            self.bad(obj, owner, f"expected an IRI, not {json.dumps(value)[:60]}")
            return None
        full = expand(iri)
        for base in (iris.doc_item(doc_id, ""), iris.BASE, iris.KG_NS):
            if full.startswith(base) and "/" not in full[len(base):]:
                return full[len(base):]
        self.bad(obj, owner, f"{iri!r} is not a kg IRI (kgd:ID, kgd:doc/{doc_id}/ID or kg:NAME)")
        return None

    def same_as(self, value: Any, obj: Any, owner: str | None) -> str | None:
        """``owl:sameAs`` kgd:doc/DOC/ID or kgd:ID -> the ``same-as`` value DOC/ID or ID."""
        iri = value.get("id") if isinstance(value, dict) else value
        full = expand(iri) if isinstance(iri, str) else ""
        rest = full[len(iris.BASE):] if full.startswith(iris.BASE) else None
        rest = rest[len("doc/"):] if rest and rest.startswith("doc/") else rest
        if not rest or not all(iris.is_valid_id(p) for p in rest.split("/")) or \
                rest.count("/") > 1:
            self.bad(obj, owner, f"{SAME_AS} must be kgd:doc/DOC/ID or kgd:ID, not "
                                 f"{json.dumps(value)[:60]}")
            return None
        return rest

    def document(self, data: Any, path: Path) -> Document | None:
        if not isinstance(data, dict):
            self.bad(data, None, "expected an AnnotationCollection object")
            return None
        src = data.get("kg:document")
        if not isinstance(src, dict):
            self.bad(data, None, "the collection needs a 'kg:document' object (the source)")
            return None
        doc_iri = src.get("id")
        doc_id = expand(doc_iri)[len(iris.doc("")):] if isinstance(doc_iri, str) and \
            expand(doc_iri).startswith(iris.doc("")) else None
        if not doc_id or not iris.is_valid_id(doc_id):
            self.bad(src, None, "'kg:document' needs an id of the form kgd:doc/ID")
            return None
        text = src.get("kg:text")
        if isinstance(text, str) and len(text) > TEXT_BYTES.value() // 4 \
                and len(text.encode("utf-8", "surrogatepass")) > TEXT_BYTES.value():
            self.bad(src, None, f"the inline kg:text is over {TEXT_BYTES.describe()}")
            return None
        if not isinstance(text, str):
            from kg.loaders.native import read_text

            text = read_text(path.with_suffix(".txt"), self.problems, self.where,
                             within=path.parent)
            if text is None:
                return None
        doc = Document(id=doc_id, text=text, meta=self.meta(src, doc_id),
                       text_path=str(path.with_suffix(".txt")), annotation_path=self.where,
                       inputs=[self.where, str(path.with_suffix(".txt"))])
        for target in _list(src.get("kg:excluded")):
            doc.excluded.extend(self.anchors(target, doc, None))
        return doc

    def meta(self, src: dict, doc_id: str) -> DocumentMeta:
        def text(key: str) -> str | None:
            v = src.get(key)
            v = v.get("id") if isinstance(v, dict) else v
            return str(v) if v is not None else None

        types = [expand(t) for t in _list(src.get("type")) if isinstance(t, str)]
        doc_type = next((t[len(PREFIXES["schema"]):] for t in types
                         if t.startswith(PREFIXES["schema"])), "AnalysisNewsArticle")
        pub = src.get("schema:publisher")
        from kg.model import Ref

        pub_id = self.ref(pub, doc_id, src, doc_id) if pub is not None else None
        return DocumentMeta(title=text("dct:title"), url=text("schema:url"),
                            publisher=Ref(pub_id) if pub_id else None,
                            author=text("dct:creator"), date=text("dct:date"),
                            language=text("dct:language"), doc_type=doc_type,
                            annotator=text("kg:annotator"),
                            reliability=_grade(text("kg:reliability")),
                            credibility=_grade(text("kg:credibility")))

    def anchors(self, target: Any, doc: Document, owner: str | None) -> list[Anchor]:
        if isinstance(target, str) or not isinstance(target, dict):
            return []  # the whole document: an item without mention
        source = target.get("source")
        if source is not None and expand(str(source)) != iris.doc(doc.id):
            self.bad(target, owner, f"target source {source!r} is not this document "
                                    f"(kgd:doc/{doc.id})")
            return []
        quote = position = None
        for sel in _list(target.get("selector")):
            kind = sel.get("type") if isinstance(sel, dict) else None
            if kind in ("TextQuoteSelector", "oa:TextQuoteSelector"):
                quote = sel
            elif kind in ("TextPositionSelector", "oa:TextPositionSelector"):
                position = sel
            else:
                self.bad(sel, owner, f"unsupported selector {json.dumps(kind)}: use "
                                     "TextQuoteSelector and TextPositionSelector")
        if position is None and quote is None:
            return []
        if position is not None:
            return self.by_position(position, quote, doc.text, owner)
        return self.by_quote(quote, doc.text, owner) if quote is not None else []

    def by_position(self, pos: dict, quote: dict | None, text: str, owner) -> list[Anchor]:
        s, e = pos.get("start"), pos.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool)
                and 0 <= s < e <= len(text)):
            self.bad(pos, owner, f"TextPositionSelector {s!r}-{e!r} is not a span of the text "
                                 f"(0-{len(text)})")
            return []
        exact = text[s:e]
        if quote is not None:
            want = quote.get("exact")
            if want != exact:
                self.bad(quote, owner, f"exact {str(want)[:50]!r} does not match position "
                                       f"{s}-{e}, which covers {exact[:50]!r}")
                return []
            pre, suf = quote.get("prefix", ""), quote.get("suffix", "")
            if not (isinstance(pre, str) and text[:s].endswith(pre)
                    and isinstance(suf, str) and text[e:].startswith(suf)):
                self.bad(quote, owner, f"prefix/suffix of {exact[:50]!r} do not match the text "
                                       f"around {s}-{e}")
                return []
        return [Anchor(s, e, exact, text[max(0, s - CONTEXT):s], text[e:e + CONTEXT],
                       line=_line(pos))]

    def by_quote(self, quote: dict, text: str, owner) -> list[Anchor]:
        exact = quote.get("exact")
        if not isinstance(exact, str):
            self.bad(quote, owner, "TextQuoteSelector needs 'exact' text")
            return []
        spec = QuoteSpec(exact, str(quote.get("prefix") or ""), str(quote.get("suffix") or ""),
                         line=_line(quote))
        if self.index is None or self.index.text is not text:
            self.index = TextIndex(text, self.quotes)
        try:
            return resolve_quote(self.index, spec)
        except AnchorProblem as exc:
            self.bad(quote, owner, str(exc))
            return []

    def item(self, body: Any, doc: Document, owner: str | None) -> Item | None:
        if not isinstance(body, dict):
            self.bad(body, owner, "an annotation needs one body object (the item)")
            return None
        item_id = self.ref(body.get("id"), doc.id, body, owner)
        type_ = body.get("type")
        if item_id is None:
            return None
        if not isinstance(type_, str):
            self.bad(body, item_id, "the body needs a 'type' (an ontology class)")
            return None
        full = expand(type_)
        type_ = KG.local(full) or type_
        label = body.get("label")
        it = Item(id=item_id, type=type_, label=label if isinstance(label, str) else None,
                  line=_line(body))
        if SAME_AS in body:
            it.same_as = self.same_as(body[SAME_AS], body, item_id)
        for key, raw in body.items():
            if key in ("id", "type", "label", SAME_AS):
                continue
            ann_key = self.by_iri.get(expand(key))
            if ann_key is None:
                hint = self.onto.closest_keys(key.rpartition(":")[2])
                self.bad(body, item_id, f"unknown property {key!r}"
                         + (f" (did you mean kg key {' or '.join(hint)}?)" if hint else ""))
                continue
            prop = self.onto.properties[ann_key]
            vals: list[Value] = []
            for v in _list(raw):
                if prop.kind == "object":
                    r = self.ref(v, doc.id, body, item_id)
                    if r is not None:
                        vals.append(r)
                elif isinstance(v, dict) and isinstance(v.get("@value"), str | int):
                    vals.append(str(v["@value"]))
                elif isinstance(v, str) or isinstance(v, int) and not isinstance(v, bool):
                    vals.append(str(v))
                else:
                    self.bad(body, item_id, f"value of {key!r} must be text, not "
                                            f"{json.dumps(v)[:40]}")
            it.values[ann_key] = vals
            it.key_lines[ann_key] = _line(body) or 0
        return it


def _grade(value: str | None) -> str | None:
    """A grade written as a concept IRI (kg:ReliabilityB) -> its local name (or notation)."""
    if value is None:
        return None
    full = expand(value)
    return KG.local(full) or value


def _list(v: Any) -> list:
    return [] if v is None else v if isinstance(v, list) else [v]


def _annotations(data: dict, reader: _Reader) -> list:
    first = data.get("first")
    items = first.get("items") if isinstance(first, dict) else data.get("items")
    if not isinstance(items, list):
        reader.bad(data, None, "the collection needs 'first': {'items': [...]} (its annotations)")
        return []
    return items


def load(path: str | Path) -> tuple[Document | None, list[Problem]]:
    """Read one Web Annotation collection (``.jsonld``); return the document and problems."""
    from kg.ontology import load_ontology

    p = Path(path)
    reader = _Reader(p, load_ontology())
    try:
        data = read_json(read_input(p, ANNOTATION_BYTES, what="annotation file")
                         .decode("utf-8-sig"))
    except FileRefused as exc:
        return None, [Problem(str(p), None, None, exc.reason)]
    except UnicodeDecodeError:
        return None, [Problem(str(p), None, None, "file is not valid UTF-8")]
    except json.JSONDecodeError as exc:
        return None, [Problem(str(p), exc.lineno, None, f"JSON syntax: {exc.msg}")]
    except RecursionError:
        return None, [Problem(str(p), None, None, "JSON nested too deeply")]
    reader.quotes = quotes_in(data, "exact")
    doc = reader.document(data, p)
    if doc is None:
        return None, reader.problems
    items: dict[str, tuple[Item, Any]] = {}
    for ann in _annotations(data, reader):
        if not isinstance(ann, dict) or ann.get("type") not in ("Annotation", "oa:Annotation"):
            reader.bad(ann, None, "each entry of 'items' must be an Annotation object")
            continue
        bodies = _list(ann.get("body"))
        owner = ann.get("id") if isinstance(ann.get("id"), str) else None
        item = reader.item(bodies[0] if len(bodies) == 1 else None, doc, owner)
        if item is None:
            continue
        anchors = reader.anchors(ann.get("target"), doc, item.id)
        if item.id in items:
            known, first_body = items[item.id]
            if _plain(first_body) != _plain(bodies[0]):
                reader.bad(bodies[0], item.id, f"body of {item.id!r} differs from the one at "
                                               f"line {_line(first_body)}")
            known.anchors.extend(anchors)
        else:
            items[item.id] = (item, bodies[0])
            item.anchors = anchors
            doc.items.append(item)
        _annotator(ann, item, reader)
    for item in doc.items:
        item.anchors = sorted(item.anchors, key=lambda a: (a.start, a.end))
    return doc, reader.problems


def _annotator(ann: dict, item: Item, reader: _Reader) -> None:
    who = ann.get("kg:annotator")
    if isinstance(who, str):
        item.annotator = who
    by = ann.get("prov:wasAttributedTo")
    if isinstance(by, dict) and expand(str(by.get("id"))) == KG.MachineProposal:
        item.machine = True


def _plain(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)
