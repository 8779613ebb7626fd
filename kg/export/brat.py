"""brat standoff out: a corpus -> ``NAME.txt`` / ``.ann`` / ``.meta.yaml`` + ``annotation.conf``.

The mapping is the inverse of :mod:`kg.loaders.brat`, so native -> brat -> native
builds the same graph (see ``docs/brat.md``):

- every anchor of an item is a T line typed with the item's type; several anchors
  of one item are tied by an Equiv (``*``) line;
- an item of an event-like class (one with role keys of its own: events,
  relations, motives, claims) is also an E line whose role arguments are the
  references to items with mentions in this document;
- references between two entity items are R lines named by the key; an anchorless
  relation item between two entities is an R line named by its class;
- every other reference (concepts such as ``Occurred``, items without mentions or
  in other documents) is an A line ``key ITEM value``; ``machine`` is a binary A;
- ``wikidata`` is an N line; literals, the kg id, a label that differs from the
  first mention and the annotator are ``#`` AnnotatorNotes ``key: value``;
- the document's metadata, excluded spans and items without mentions go to the
  sidecar ``NAME.meta.yaml`` (native keys).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.atomic import file_in, write_text
from kg.loaders.brat import (
    CONF_FILE,
    DEFAULT_RELATION_ARGS,
    META_SUFFIX,
    encode_note,
    fragments_text,
)
from kg.model import Corpus, Document, Item, Ref
from kg.namespace import KG, SKOS

__all__ = ["export_corpus", "export", "document_files", "annotation_conf", "event_like",
           "NORMALIZATIONS"]

NORMALIZATIONS = {"wikidata": "Wikidata"}  # literal key -> brat normalization database
SKOS_CONCEPT = SKOS.Concept


def export(store_or_sources=(), out: str | Path = "brat") -> list[Path]:
    """Write a built store (anything with ``query``), or annotation sources (default
    ``data/``), as a brat collection under the folder ``out``."""
    from kg.export.webanno import corpus_of, folder_target

    return export_corpus(corpus_of(store_or_sources), folder_target(out, "brat"))


def export_corpus(corpus: Corpus, out_dir: str | Path, ontology=None) -> list[Path]:
    """Write every document and one ``annotation.conf``; return the files written."""
    from kg.ontology import load_ontology

    onto = ontology or load_ontology()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    attr_values: dict[str, set[str]] = {}
    for doc in corpus:  # every name is checked before anything is written
        file_in(out, doc.id)
    for doc in corpus:
        ann, meta, used = document_files(doc, onto)
        for key, vals in used.items():
            attr_values.setdefault(key, set()).update(vals)
        for suffix, content in ((".txt", doc.text), (".ann", ann), (META_SUFFIX, meta)):
            path = file_in(out, doc.id, suffix)  # an id, never a path out of the folder
            write_text(path, content, durable=False, within=out)  # old or new, never cut
            written.append(path)
    conf = out / CONF_FILE
    write_text(conf, annotation_conf(onto, attr_values), durable=False, within=out)
    return written + [conf]


def event_like(onto, type_name: str) -> bool:
    """True when the class has role keys of its own (written as a brat event), unless the
    ontology marks it (or an ancestor) ``kg:bratKind "entity"``: an actor with ``memberOf``
    is still a text-bound entity, its ties R lines."""
    cls = onto.class_(type_name)
    if onto.value(cls, "bratKind") == "entity":
        return False
    return any(p.kind == "object" and p.range != SKOS_CONCEPT and p.domain
               and p.domain in onto.classes and cls.is_a(p.domain)
               for p in onto.properties.values())


class _Ann:
    """Numbered brat lines of one document."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.lines: list[str] = []
        self.attr_values: dict[str, set[str]] = {}

    def new(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def add(self, prefix: str, body: str) -> str:
        ann_id = self.new(prefix)
        self.lines.append(f"{ann_id}\t{body}")
        return ann_id

    def attr(self, key: str, target: str, value: str | None = None) -> None:
        self.add("A", f"{key} {target}" + (f" {value}" if value is not None else ""))
        if value is not None:
            self.attr_values.setdefault(key, set()).add(value)

    def note(self, target: str, key: str, value: str) -> None:
        self.add("#", f"AnnotatorNotes {target}\t{encode_note(key, value)}")


def document_files(doc: Document, onto) -> tuple[str, str, dict[str, set[str]]]:
    """(``.ann`` text, sidecar YAML, attribute values used) of one document."""
    ann = _Ann()
    anchored = [it for it in doc.items if it.anchors]
    heads: dict[str, str] = {}  # item id -> brat id that stands for it (T head or E)
    mentions: dict[str, list[str]] = {}
    for it in anchored:
        mentions[it.id] = [ann.new("T") for _ in it.anchors]
    for it in anchored:
        heads[it.id] = ann.new("E") if event_like(onto, it.type) else mentions[it.id][0]
    entity_heads = {k: v for k, v in heads.items() if v.startswith("T")}
    by_rel = _relation_lines(doc, onto, entity_heads)
    for it in anchored:
        _item_lines(ann, it, mentions[it.id], heads, entity_heads, doc.text, onto)
    for it, a1, a2 in by_rel:
        r = ann.add("R", f"{it.type} Arg1:{a1} Arg2:{a2}")
        rest = {k: v for k, v in it.values.items() if k not in DEFAULT_RELATION_ARGS.values()}
        _values(ann, r, rest, {}, {}, onto, label=it.label, item=it)
    as_rel = {id(it) for it, _a1, _a2 in by_rel}
    loose = [it for it in doc.items if not it.anchors and id(it) not in as_rel]
    meta = _meta(doc, loose)
    text = "\n".join(ann.lines) + ("\n" if ann.lines else "")
    return text, meta, ann.attr_values


def _relation_lines(doc: Document, onto, entity_heads: dict[str, str]) -> list:
    """Anchorless relation items between two entities, with their Arg1 and Arg2 brat ids."""
    arg_keys = list(DEFAULT_RELATION_ARGS.values())
    out = []
    for it in doc.items:
        if it.anchors or not all(k in onto.properties for k in arg_keys):
            continue
        cls = onto.class_(it.type)
        props = [onto.properties[k] for k in arg_keys]
        if not all(p.domain and cls.is_a(p.domain) for p in props):
            continue
        refs = [it.values.get(k, []) for k in arg_keys]
        ids = [v[0].id if len(v) == 1 and isinstance(v[0], Ref) else None for v in refs]
        if all(i in entity_heads for i in ids):
            out.append((it, *(entity_heads[i] for i in ids if i is not None)))
    return out


def _item_lines(ann: _Ann, it: Item, ts: list[str], heads, entity_heads, text: str, onto) -> None:
    for t, a in zip(ts, it.anchors, strict=True):
        ann.lines.append(f"{t}\t{it.type} {a.start} {a.end}\t"
                         f"{fragments_text(text, [(a.start, a.end)])}")
    if len(ts) > 1:
        ann.lines.append("*\tEquiv " + " ".join(ts))
    head = heads[it.id]
    roles: dict[str, list[Ref]] = {}
    if head.startswith("E"):
        args = []
        for key, vals in it.values.items():
            n = 0
            for v in vals:
                if isinstance(v, Ref) and v.id in heads and _is_role(onto, key):
                    n += 1
                    args.append(f"{key}{'' if n == 1 else n}:{heads[v.id]}")
                    roles.setdefault(key, []).append(v)
        ann.lines.append(f"{head}\t{it.type}:{ts[0]} " + " ".join(args))
        ann.lines[-1] = ann.lines[-1].rstrip()
    else:
        for key, vals in it.values.items():
            for v in vals:
                if isinstance(v, Ref) and v.id in entity_heads and _is_role(onto, key):
                    ann.add("R", f"{key} Arg1:{head} Arg2:{entity_heads[v.id]}")
                    roles.setdefault(key, []).append(v)
    label = it.label if it.label != it.anchors[0].exact else None
    _values(ann, head, it.values, roles, heads, onto, label=label, item=it)


def _is_role(onto, key: str) -> bool:
    p = onto.properties.get(key)
    return p is not None and p.kind == "object" and p.range != SKOS_CONCEPT


def _values(ann: _Ann, head: str, values: dict, done: dict, heads, onto, label, item) -> None:
    ann.note(head, "id", item.id)
    if label is not None:
        ann.note(head, "label", label)
    if item.annotator:
        ann.note(head, "annotator", item.annotator)
    if item.same_as:
        ann.note(head, "same-as", item.same_as)
    if item.machine:
        ann.attr("machine", head)
    for key, vals in values.items():
        rest = list(vals)
        for v in done.get(key, []):
            rest.remove(v)
        for v in rest:
            if isinstance(v, Ref):
                ann.attr(key, head, v.id)
            elif key in NORMALIZATIONS:
                name = label or (item.anchors[0].exact if item.anchors else item.id)
                ann.add("N", f"Reference {head} {NORMALIZATIONS[key]}:{v}\t{name}")
            else:
                ann.note(head, key, v)


def _meta(doc: Document, loose: list[Item]) -> str:
    m = doc.meta
    data: dict = {"id": doc.id, "type": m.doc_type}
    for key in ("title", "url"):
        if getattr(m, key):
            data[key] = getattr(m, key)
    if m.publisher:
        data["publisher"] = m.publisher.id
    data["author"] = m.author or "unknown"
    data["date"] = m.date or "unknown"
    for key in ("language", "annotator", "reliability", "credibility"):
        if getattr(m, key):
            data[key] = getattr(m, key)
    if doc.excluded:
        data["exclude"] = [{"quote": a.exact, "occurrence": _occurrence(doc.text, a.exact, a.start)}
                           for a in doc.excluded]
    if loose:
        data["annotations"] = [_native_item(it) for it in loose]
    head = (f"# Metadata of {doc.id}.txt / {doc.id}.ann for kg (docs/brat.md): native document "
            "keys,\n# and the items that have no mention in the text.\n")
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _occurrence(text: str, exact: str, start: int) -> int:
    n, i = 0, text.find(exact)
    while i >= 0:
        n += 1
        if i == start:
            return n
        i = text.find(exact, i + 1)
    raise ValueError(f"excluded span {start} not found")  # cannot happen for a loaded corpus


def _native_item(it: Item) -> dict:
    out: dict = {"id": it.id, "type": it.type}
    if it.same_as:
        out["same-as"] = it.same_as
    if it.label is not None:
        out["label"] = it.label
    if it.annotator:
        out["annotator"] = it.annotator
    if it.machine:
        out["machine"] = True
    for key, vals in it.values.items():
        plain = [v.id if isinstance(v, Ref) else v for v in vals]
        out[key] = plain[0] if len(plain) == 1 else plain
    return out


def annotation_conf(onto, attr_values: dict[str, set[str]]) -> str:
    """An ``annotation.conf`` declaring the ontology's annotatable types, roles and values."""
    types = onto.annotatable_types()
    events = [t for t in types if event_like(onto, t)]
    entities = [t for t in types if t not in events]
    roles = sorted(k for k in onto.properties if _is_role(onto, k))
    out = ["# Generated by kg export --format brat from ontology/*.ttl (see docs/brat.md).",
           "[entities]", *entities, "", "[relations]"]
    for key in roles:
        p = onto.properties[key]
        if not p.domain or not any(onto.class_(e).is_a(p.domain) for e in events):
            out.append(f"{key}\tArg1:<ENTITY>, Arg2:<ENTITY>")
    arg_keys = list(DEFAULT_RELATION_ARGS.values())
    for t in events:
        cls = onto.class_(t)
        if all(k in onto.properties and onto.properties[k].domain
               and cls.is_a(onto.properties[k].domain) for k in arg_keys):
            out.append(f"{t}\tArg1:<ENTITY>, Arg2:<ENTITY>")
    out += ["Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
            "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>", "", "[events]"]
    for t in events:
        cls = onto.class_(t)
        own = [k for k in roles if not onto.properties[k].domain
               or cls.is_a(onto.properties[k].domain)]
        out.append(f"{t}\t" + ", ".join(f"{k}*:<ANY>" for k in own))
    out += ["", "[attributes]", "machine\tArg:<ANY>"]
    for key in sorted(k for k, p in onto.properties.items() if p.kind == "object"):
        values = set(attr_values.get(key, set()))
        p = onto.properties[key]
        if p.range == SKOS_CONCEPT:
            values |= set(_fitting_concepts(onto, p))
        if values:
            out.append(f"{key}\tArg:<ANY>, Value:" + "|".join(sorted(values)))
    return "\n".join(out) + "\n"


def _fitting_concepts(onto, prop) -> list[str]:
    stem = KG.iri(prop.local[:1].upper() + prop.local[1:])
    return [c.local for c in onto.concepts.values() if any(s.startswith(stem) for s in c.schemes)]
