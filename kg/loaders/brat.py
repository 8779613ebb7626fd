"""brat standoff in: ``NAME.ann`` + ``NAME.txt`` (+ optional ``NAME.meta.yaml``) -> the model.

Reads T (text-bound, discontinuous ``s e;s e`` spans: one anchor per fragment),
E (events: trigger and role arguments), R (relations: a relation class, or an
annotation key between two items), A/M (attributes: key values), N
(normalizations, e.g. ``Wikidata:Q423``), ``#`` (AnnotatorNotes: ``key: value``)
and ``*`` (Equiv: mentions of one item). The collection's ``annotation.conf``
says which names are declared; ``kg-mapping.yaml`` maps brat names that differ
from the ontology's. See ``docs/brat.md``. Values stay raw strings: the shared
checks (:mod:`kg.loaders.check`) resolve them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import AnnotationError, Problem
from kg.limits import ANNOTATION_BYTES
from kg.loaders.anchors import CONTEXT, TextIndex, quotes_in
from kg.loaders.inputfile import FileRefused, read_input
from kg.model import Anchor, Document, DocumentMeta, Item

__all__ = ["load", "SUFFIXES", "COMPANIONS", "BratConf", "Mapping", "read_conf", "read_mapping",
           "encode_note", "decode_note", "META_SUFFIX", "MAPPING_FILE", "CONF_FILE",
           "RESERVED_NOTES", "slug", "fragments_text"]

SUFFIXES = (".ann",)
META_SUFFIX = ".meta.yaml"
MAPPING_FILE = "kg-mapping.yaml"
CONF_FILE = "annotation.conf"
# Files beside .ann documents that are read with them, never documents of their own.
COMPANIONS = (f"*{META_SUFFIX}", MAPPING_FILE)
RESERVED_NOTES = ("id", "label", "annotator", "machine", "same-as")
DEFAULT_RELATION_ARGS = {"Arg1": "subject", "Arg2": "object"}
_SPANS = re.compile(r"^[0-9]+ [0-9]+(;[0-9]+ [0-9]+)*$")  # ASCII digits, as brat writes them
_NOTE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*): (.*)$", re.S)
_ID = re.compile(r"^[TERAMN#]\w*$")


# -- notes: "key: value", the value JSON-quoted when it would not survive one line ------
def encode_note(key: str, value: str) -> str:
    """``key: value``; values with tabs, line breaks, outer spaces or a leading quote as JSON."""
    needs = (not value or value != value.strip() or value.startswith('"')
             or any(c in value for c in "\t\n\r"))
    return f"{key}: {json.dumps(value, ensure_ascii=False) if needs else value}"


def decode_note(text: str, keys: set[str]) -> tuple[str, str]:
    """(key, value) of a note; free text (no known ``key: ``) is a ``note``. ValueError if bad."""
    m = _NOTE.match(text)
    if not m or m.group(1) not in keys:
        return "note", text
    value = m.group(2)
    if value.startswith('"'):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(f"note value {value!r} starts with a quote but is not a JSON "
                             "string") from None
        if not isinstance(value, str):
            raise ValueError(f"note value for {m.group(1)!r} must be a JSON string")
    return m.group(1), value


def fragments_text(text: str, spans: list[tuple[int, int]]) -> str:
    """What the .ann text field holds for ``spans``: fragments joined by a space, one line."""
    joined = " ".join(text[s:e] for s, e in spans)
    return joined.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def slug(text: str) -> str:
    """'North Korea' -> 'north-korea' (an id for names without one)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:100]


# -- annotation.conf and kg-mapping.yaml -----------------------------------------------
@dataclass
class BratConf:
    """Names declared in an ``annotation.conf`` (with their lines), or ``None`` parts if absent."""

    path: str
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # event type -> roles
    relations: dict[str, int] = field(default_factory=dict)
    attributes: dict[str, int] = field(default_factory=dict)
    values: dict[str, set[str]] = field(default_factory=dict)  # attribute -> values


def read_conf(path: Path) -> BratConf:
    """Parse the sections brat knows; macros and display settings are skipped."""
    conf = BratConf(str(path))
    try:
        lines = read_input(path, ANNOTATION_BYTES, what="annotation.conf").decode(
            "utf-8-sig").splitlines()
    except FileRefused as exc:
        raise AnnotationError.one(path, None, None, exc.reason) from None
    except UnicodeDecodeError as exc:
        raise AnnotationError.one(path, None, None, f"cannot read annotation.conf: {exc}") from None
    section = None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#") or set(line) == {"-"}:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        parts = re.split(r"\s+", line, maxsplit=1)
        name = parts[0].lstrip("!").split("|")[0]
        if section == "entities" or section == "spans":
            conf.entities.setdefault(name, n)
        elif section == "events":
            conf.events.setdefault(name, n)
            args = parts[1] if len(parts) > 1 else ""
            roles = {re.sub(r"[?*+]$|\{.*\}$", "", a.split(":")[0].strip())
                     for a in args.split(",") if ":" in a}
            conf.roles.setdefault(name, set()).update(roles)
        elif section == "relations":
            conf.relations.setdefault(name, n)
        elif section == "attributes":
            conf.attributes.setdefault(name, n)
            for a in (parts[1] if len(parts) > 1 else "").split(","):
                key, _, val = a.strip().partition(":")
                if key == "Value":
                    conf.values.setdefault(name, set()).update(v.strip() for v in val.split("|"))
    return conf


@dataclass
class Mapping:
    """brat names -> ontology names (``kg-mapping.yaml``); identity where nothing is said."""

    path: str | None = None
    types: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    relation_args: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_RELATION_ARGS))
    # per brat type: role/attribute -> key, winning over ``keys`` (a Theme is 'affects' for a
    # veto and 'asserts' for an assessment)
    roles: dict[str, dict[str, str]] = field(default_factory=dict)
    # per brat type: key -> value for items that give none (a Prediction has that modality)
    defaults: dict[str, dict[str, str]] = field(default_factory=dict)
    # a mention's text (or its slug) -> the id of an existing corpus item ("U.S." is
    # united-states, not a new actor)
    items: dict[str, str] = field(default_factory=dict)


def read_mapping(path: Path) -> Mapping:
    from kg.loaders.yamlfile import read_yaml

    data = read_yaml(path) or {}
    known = {"types", "keys", "values", "relation-args", "roles", "defaults", "items"}
    if not isinstance(data, dict) or set(data) - known:
        extra = sorted(set(data) - known) if isinstance(data, dict) else []
        raise AnnotationError.one(path, None, None, "a mapping file has the sections "
                                  f"{', '.join(sorted(known))}"
                                  + (f", not {extra}" if extra else ""))

    def section(name: str) -> dict:
        v = data.get(name) or {}
        if not isinstance(v, dict):
            raise AnnotationError.one(path, getattr(data, "key_lines", {}).get(name), None,
                                      f"'{name}' must be a mapping of names")
        return {str(k): v2 for k, v2 in v.items()}

    def nested(name: str) -> dict[str, dict[str, str]]:
        out = {}
        for k, v in section(name).items():
            if v is not None and not isinstance(v, dict):
                raise AnnotationError.one(path, getattr(data.get(name), "key_lines", {}).get(k),
                                          None, f"'{name}: {k}' must be a mapping")
            out[k] = {str(a): str(b) for a, b in (v or {}).items()}
        return out

    m = Mapping(str(path), types={k: str(v) for k, v in section("types").items()},
                keys={k: str(v) for k, v in section("keys").items()}, values=nested("values"),
                roles=nested("roles"), defaults=nested("defaults"),
                items={k: str(v) for k, v in section("items").items()})
    if data.get("relation-args"):
        m.relation_args = {k: str(v) for k, v in section("relation-args").items()}
    return m


def _find_up(folder: Path, name: str, probed: list[str] | None = None) -> Path | None:
    """The nearest ``name`` in ``folder`` or above; every place looked at goes to ``probed``."""
    for d in [folder, *folder.parents]:
        if probed is not None:
            probed.append(str(d / name))
        if (d / name).is_file():
            return d / name
    return None


# -- the reader --------------------------------------------------------------------------
@dataclass
class _Group:
    """Mentions (T ids) of one item, or a relation line that is an item."""

    heads: list[str]
    type: str | None = None
    line: int | None = None
    anchors: list[Anchor] = field(default_factory=list)
    event: str | None = None  # E id when the item is an event-like annotation
    item: Item | None = None
    label: str | None = None  # the joined text of a discontinuous first mention


class _Reader:
    def __init__(self, path: Path, text: str, onto, conf: BratConf | None, mapping: Mapping):
        self.path, self.where, self.text = path, str(path), text
        self.onto, self.conf, self.mapping = onto, conf, mapping
        self.problems: list[Problem] = []
        self.spans: dict[str, tuple[str, list[Anchor], int]] = {}  # T -> (type, anchors, line)
        self.events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = {}
        self.rels: list[tuple[str, str, str, str, int]] = []
        self.attrs: list[tuple[str, str, str, str | None, int]] = []
        self.norms: list[tuple[str, str, str, str, int]] = []
        self.notes: list[tuple[str, str, str, int]] = []
        self.equivs: list[tuple[list[str], int]] = []
        self.rel_roles: dict[str, tuple[str, str]] = {}
        self.rel_types: dict[str, str] = {}
        self.seen: dict[str, int] = {}
        self.explicit: dict[int, str] = {}  # id(item) -> the kg id its notes give
        self.keys = set(onto.properties) | set(RESERVED_NOTES)

    def bad(self, line: int | None, ann_id: str | None, message: str) -> None:
        self.problems.append(Problem(self.where, line, ann_id, message))

    # -- lines
    def parse(self, ann: str) -> None:
        for n, raw in enumerate(ann.split("\n"), 1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            try:
                self._line(line, n)
            except ValueError as exc:
                self.bad(n, line.split("\t", 1)[0] or None, str(exc))

    def _line(self, line: str, n: int) -> None:
        ann_id, sep, rest = line.partition("\t")
        if not sep:
            raise ValueError("expected an id, a tab and the annotation (brat standoff)")
        kind = ann_id[:1]
        if kind == "*":
            fields = rest.split("\t")[0].split()
            if len(fields) < 3:
                raise ValueError("an equivalence needs a type and at least two ids: "
                                 "'*\\tEquiv T1 T2'")
            self.equivs.append((fields[1:], n))
            return
        if not _ID.match(ann_id):
            raise ValueError(f"unknown annotation id {ann_id!r}: brat ids start with T, E, R, "
                             "A, M, N, # or are '*'")
        getattr(self, "_" + {"M": "A"}.get(kind, kind).replace("#", "note"))(ann_id, rest, n)

    def _T(self, ann_id: str, rest: str, n: int) -> None:
        head, sep, covered = rest.partition("\t")
        type_, _, spans_raw = head.partition(" ")
        if not sep or not _SPANS.match(spans_raw):
            raise ValueError("a text-bound annotation is 'T1\\tType START END[;START END]"
                             "\\ttext'")
        spans = [(int(a), int(b)) for a, b in (part.split() for part in spans_raw.split(";"))]
        for s, e in spans:
            if not s < e <= len(self.text):
                raise ValueError(f"span {s}-{e} is outside the text (0-{len(self.text)}) or "
                                 "empty")
        want = fragments_text(self.text, spans)
        if covered != want:
            raise ValueError(f"text {_short(covered)!r} does not match span {spans_raw}, "
                             f"which covers {_short(want)!r}")
        anchors = [Anchor(start=s, end=e, exact=self.text[s:e],
                          prefix=self.text[max(0, s - CONTEXT):s], suffix=self.text[e:e + CONTEXT],
                          line=n) for s, e in spans]
        self._unique(ann_id, n)
        self.spans[ann_id] = (type_, anchors, n)

    def _E(self, ann_id: str, rest: str, n: int) -> None:
        parts = rest.split("\t")[0].split()
        if not parts or parts[0].count(":") != 1:
            raise ValueError("an event is 'E1\\tType:T1 Role:ID ...'")
        type_, trigger = parts[0].split(":")
        args = []
        for p in parts[1:]:
            role, colon, target = p.partition(":")
            if not colon or not role or not target:
                raise ValueError(f"event argument {p!r} is not 'Role:ID'")
            args.append((role, target))
        self._unique(ann_id, n)
        self.events[ann_id] = (type_, trigger, args, n)

    def _R(self, ann_id: str, rest: str, n: int) -> None:
        parts = rest.split("\t")[0].split()
        args = dict(p.partition(":")[::2] for p in parts[1:])
        if len(parts) != 3 or len(args) != 2 or not all(args.values()):
            raise ValueError("a relation is 'R1\\tType Arg1:ID Arg2:ID'")
        (r1, a1), (r2, a2) = list(args.items())
        self._unique(ann_id, n)
        self.rels.append((ann_id, parts[0], a1, a2, n))
        self.rel_roles[ann_id] = (r1, r2)
        self.rel_types[ann_id] = parts[0]

    def _A(self, ann_id: str, rest: str, n: int) -> None:
        parts = rest.split("\t")[0].split()
        if len(parts) not in (2, 3):
            raise ValueError("an attribute is 'A1\\tName ID [Value]'")
        self.attrs.append((ann_id, parts[0], parts[1], parts[2] if len(parts) == 3 else None, n))

    def _N(self, ann_id: str, rest: str, n: int) -> None:
        parts = rest.split("\t")[0].split()
        if len(parts) != 3 or parts[2].count(":") < 1:
            raise ValueError("a normalization is 'N1\\tReference ID Database:ID\\ttext'")
        db, _, ref = parts[2].partition(":")
        self.norms.append((ann_id, parts[1], db, ref, n))

    def _note(self, ann_id: str, rest: str, n: int) -> None:
        head, sep, text = rest.partition("\t")
        parts = head.split()
        if len(parts) != 2:
            raise ValueError("a note is '#1\\tAnnotatorNotes ID\\ttext'")
        self.notes.append((ann_id, parts[1], text, n))

    def _unique(self, ann_id: str, n: int) -> None:
        if ann_id in self.seen:
            raise ValueError(f"duplicate id {ann_id} (first at line {self.seen[ann_id]})")
        self.seen[ann_id] = n

    # -- names
    def map_type(self, name: str, n: int, ann_id: str, declared: dict | None) -> str | None:
        if declared is not None and self.conf is not None and name not in declared:
            self.bad(n, ann_id, f"type {name!r} is not declared in {self.conf.path}")
        mapped = self.mapping.types.get(name, name)
        if self.onto.has_class(mapped) and self.onto.class_(mapped).annotatable:
            return mapped
        hint = self.onto.closest_types(name)
        self.bad(n, ann_id, f"brat type {name!r} is no ontology class: map it under 'types:' in "
                            f"{MAPPING_FILE}" + (f" (did you mean {' or '.join(hint)}?)" if hint
                                                else ""))
        return None

    def map_key(self, name: str, brat_type: str | None = None) -> str | None:
        per_type = self.mapping.roles.get(brat_type or "", {})
        if name in per_type:
            return per_type[name]
        if name in self.mapping.keys:
            return self.mapping.keys[name]
        for cand in (name, re.sub(r"\d+$", "", name)):
            if cand in self.keys:
                return cand
            lowered = [k for k in self.keys if k.lower() == cand.lower()]
            if len(lowered) == 1:
                return lowered[0]
        return None

    def key_or_bad(self, name: str, n: int, ann_id: str | None, what: str,
                   brat_type: str | None = None) -> str | None:
        key = self.map_key(name, brat_type)
        if key is None:
            hint = self.onto.closest_keys(name)
            self.bad(n, ann_id, f"{what} {name!r} is no annotation key: map it under 'keys:' in "
                                f"{MAPPING_FILE}" + (f" (did you mean {' or '.join(hint)}?)"
                                                    if hint else ""))
        return key

    # -- items
    def build(self, doc: Document) -> None:
        groups = self._groups()
        self.owner: dict[str, _Group] = {}
        for g in groups:
            for t in g.heads:
                self.owner[t] = g
        for e, (type_, trigger, _args, n) in self.events.items():
            found = self.owner.get(trigger)
            if found is None:
                self.bad(n, e, f"trigger {trigger} is not a text-bound annotation (T) of this file")
                continue
            g = found
            if g.event is not None:
                g = _Group([trigger], g.type, n, list(g.anchors))
                groups.append(g)
            g.event, g.line = e, n
            if type_ != self.spans[trigger][0]:
                self.bad(n, e, f"event type {type_!r} differs from its trigger's type "
                               f"{self.spans[trigger][0]!r}")
            self.owner[e] = g
        item_rels = []
        for r_id, type_, a1, a2, n in self.rels:
            mapped = self.mapping.types.get(type_, type_)
            if self.onto.has_class(mapped) and self.onto.class_(mapped).annotatable:
                g = _Group([], mapped, n, event=r_id)
                groups.append(g)
                self.owner[r_id] = g
                item_rels.append((g, r_id, a1, a2, n))
        for g in groups:
            self._make_item(g)
        for g, r_id, a1, a2, n in item_rels:
            r1, r2 = self.rel_roles[r_id]
            for role, target in ((r1, a1), (r2, a2)):
                key = self.mapping.relation_args.get(role)
                if key is None:
                    self.bad(n, r_id, f"relation argument {role!r} has no key: map it under "
                                      f"'relation-args:' in {MAPPING_FILE}")
                else:
                    self._ref(g.item, key, target, n, r_id)
        self.brat_type = {k: (self.events[k][0] if k in self.events else
                              next((r[1] for r in self.rels if r[0] == k), None) or
                              self.spans.get(k, ("",))[0]) for k in self.owner}
        self._roles()
        self._attributes()
        self._normalizations()
        self._notes()
        self._defaults(groups)
        self._assign_ids(groups, doc)

    def _defaults(self, groups: list[_Group]) -> None:
        """Values the mapping gives per brat type to items that have none of their own."""
        for g in groups:
            head = g.event or (g.heads[0] if g.heads else None)
            given = self.mapping.defaults.get(self.brat_type.get(head or "", "") or "", {})
            for key, value in sorted(given.items()):
                if g.item is not None and key not in g.item.values:
                    g.item.values[key] = [value]
                    g.item.key_lines.setdefault(key, g.line or 0)

    def _groups(self) -> list[_Group]:
        parent = {t: t for t in self.spans}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ids, n in self.equivs:
            ts = []
            for i in ids:
                t = self.events[i][1] if i in self.events else i
                if t not in parent:
                    self.bad(n, i, f"equivalence names {i}, which is no text-bound annotation "
                                   "of this file")
                else:
                    ts.append(t)
            for t in ts[1:]:
                parent[find(t)] = find(ts[0])
        members: dict[str, list[str]] = {}
        for t in self.spans:  # file order
            members.setdefault(find(t), []).append(t)
        groups = []
        for ts in members.values():
            types = {self.spans[t][0] for t in ts}
            if len(types) > 1:
                self.bad(self.spans[ts[1]][2], ts[1], "equivalent mentions have different types: "
                         + ", ".join(f"{t} {self.spans[t][0]}" for t in ts))
            first = self.spans[ts[0]]
            anchors = [a for t in ts for a in self.spans[t][1]]
            label = " ".join(a.exact for a in first[1]) if len(first[1]) > 1 else None
            groups.append(_Group(ts, first[0], first[2], anchors, label=label))
        return groups

    def _make_item(self, g: _Group) -> None:
        n, head = g.line, g.event or g.heads[0]
        if g.heads:
            declared = None
            if self.conf is not None:
                declared = self.conf.events if g.event else {**self.conf.entities,
                                                               **self.conf.events}
            mapped = self.map_type(g.type or "", n or 0, head, declared)
        else:
            if self.conf is not None and g.event:
                rel_type = self.rel_types[g.event]
                if rel_type not in self.conf.relations:
                    self.bad(n, g.event, f"relation type {rel_type!r} is not declared in "
                                         f"{self.conf.path}")
            mapped = g.type
        g.item = Item(id=head, type=mapped or g.type or "", line=n, label=g.label,
                      anchors=sorted(g.anchors, key=lambda a: (a.start, a.end)))

    def _item_of(self, ann_id: str, n: int, owner: str | None) -> Item | None:
        g = self.owner.get(ann_id)
        if g is None or g.item is None:
            self.bad(n, owner, f"{ann_id} is not an annotation of this file")
            return None
        return g.item

    def _ref(self, item: Item | None, key: str, target: str, n: int, owner: str) -> None:
        other = self._item_of(target, n, owner)
        if item is not None and other is not None:
            # a placeholder until every item has its kg id (_assign_ids)
            item.values.setdefault(key, []).append(_Pending(other))  # type: ignore[arg-type]
            item.key_lines.setdefault(key, n)

    def _roles(self) -> None:
        for e, (type_, _trigger, args, n) in self.events.items():
            g = self.owner.get(e)
            if g is None or g.item is None:
                continue
            conf = self.conf
            declared = conf.roles.get(type_) if conf is not None else None
            for role, target in args:
                if conf is not None and declared is not None and role not in declared \
                        and re.sub(r"\d+$", "", role) not in declared:
                    self.bad(n, e, f"role {role!r} is not declared for {type_} in {conf.path}")
                key = self.key_or_bad(role, n, e, "event role", type_)
                if key:
                    self._ref(g.item, key, target, n, e)
        for r_id, type_, a1, a2, n in self.rels:
            if r_id in self.owner:
                continue
            if self.conf is not None and type_ not in self.conf.relations:
                self.bad(n, r_id, f"relation type {type_!r} is not declared in {self.conf.path}")
            key = self.key_or_bad(type_, n, r_id, "relation type",
                                  self.brat_type.get(a1))
            if key:
                self._ref(self._item_of(a1, n, r_id), key, a2, n, r_id)

    def _attributes(self) -> None:
        for a_id, name, target, value, n in self.attrs:
            if self.conf is not None:
                if name not in self.conf.attributes:
                    self.bad(n, a_id, f"attribute {name!r} is not declared in {self.conf.path}")
                elif value is not None and name in self.conf.values \
                        and value not in self.conf.values[name]:
                    self.bad(n, a_id, f"value {value!r} of attribute {name!r} is not declared "
                                      f"in {self.conf.path}")
            item = self._item_of(target, n, a_id)
            key = self.key_or_bad(name, n, a_id, "attribute", self.brat_type.get(target))
            if item is None or key is None:
                continue
            raw = value if value is not None else "true"
            raw = self.mapping.values.get(name, {}).get(raw, raw)
            if key == "machine":
                item.machine = raw == "true"
            elif value is None and raw == "true":
                self.bad(n, a_id, f"binary attribute {name!r} needs a value: map 'true' under "
                                     f"'values: {{{name}: ...}}' in {MAPPING_FILE}")
            else:
                item.values.setdefault(key, []).append(raw)
                item.key_lines.setdefault(key, n)

    def _normalizations(self) -> None:
        for n_id, target, db, ref, n in self.norms:
            item = self._item_of(target, n, n_id)
            key = self.key_or_bad(db, n, n_id, "normalization database")
            if item is not None and key is not None:
                item.values.setdefault(key, []).append(ref)
                item.key_lines.setdefault(key, n)

    def _notes(self) -> None:
        for c_id, target, text, n in self.notes:
            item = self._item_of(target, n, c_id)
            if item is None:
                continue
            try:
                key, value = decode_note(text, self.keys)
            except ValueError as exc:
                self.bad(n, c_id, str(exc))
                continue
            if key == "id":
                if self.explicit.get(id(item), value) != value:
                    self.bad(n, c_id, f"item has two ids: {self.explicit[id(item)]!r} and "
                                        f"{value!r}")
                self.explicit[id(item)] = value
            elif key == "label":
                item.label = value
            elif key == "annotator":
                item.annotator = value
            elif key == "machine":
                item.machine = value.strip().lower() == "true"
            elif key == "same-as":
                item.same_as = value
                item.key_lines.setdefault("same-as", n)
            else:
                item.values.setdefault(key, []).append(value)
                item.key_lines.setdefault(key, n)

    def _assign_ids(self, groups: list[_Group], doc: Document) -> None:
        by_id: dict[str, Item] = {}
        merged: dict[int, Item] = {}
        for g in groups:
            it = g.item
            if it is None:
                continue
            explicit = self.explicit.get(id(it))
            if explicit:
                it.id = explicit
            elif g.heads and self.onto.has_class(it.type) \
                    and self.onto.scope(it.type) == "corpus":
                name = it.label or it.anchors[0].exact
                base = self.mapping.items.get(name) or self.mapping.items.get(slug(name)) \
                    or slug(name) or it.id
                prev = by_id.get(base)
                it.id = base if prev is None or prev.type == it.type else \
                    f"{base}-{it.type.lower()}"
            prev = by_id.get(it.id)
            if prev is not None and prev.type == it.type and (
                    explicit or self.onto.has_class(it.type)
                    and self.onto.scope(it.type) == "corpus"):
                self._merge(prev, it)
                merged[id(it)] = prev
                continue
            by_id.setdefault(it.id, it)
            doc.items.append(it)
        for it in {id(x): x for x in merged.values()}.values():
            it.anchors.sort(key=lambda a: (a.start, a.end))
        for it in doc.items:
            for key, vals in it.values.items():
                it.values[key] = [merged.get(id(v.item), v.item).id if isinstance(v, _Pending)
                                  else v for v in vals]

    def _merge(self, into: Item, other: Item) -> None:
        into.anchors.extend(other.anchors)  # sorted once when all are merged (_assign_ids)
        for key, vals in other.values.items():
            into.values.setdefault(key, []).extend(vals)
            into.key_lines.setdefault(key, other.key_lines.get(key, other.line or 0))
        if other.label is not None and into.label not in (None, other.label):
            self.bad(other.line, into.id, f"mentions of {into.id!r} have two labels: "
                                          f"{into.label!r} and {other.label!r}")
        into.label = into.label if into.label is not None else other.label
        into.machine = into.machine or other.machine
        into.annotator = into.annotator or other.annotator


@dataclass(frozen=True)
class _Pending:
    """A reference to another item whose kg id is known only at the end."""

    item: Item


def _short(s: str, n: int = 50) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def load(path: str | Path) -> tuple[Document | None, list[Problem]]:
    """Read ``NAME.ann`` with ``NAME.txt`` (and ``NAME.meta.yaml``); return the document."""
    from kg.loaders.native import read_text
    from kg.ontology import load_ontology

    p = Path(path)
    problems: list[Problem] = []
    text = read_text(p.with_suffix(".txt"), problems, str(p), within=p.parent)
    try:
        data = read_input(p, ANNOTATION_BYTES, what="annotation file")
        raw = data.decode("utf-8-sig")
    except FileRefused as exc:
        return None, problems + [Problem(str(p), None, None, exc.reason)]
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, problems + [Problem(str(p), line, None, "file is not valid UTF-8")]
    if text is None:
        return None, problems
    try:
        probed: list[str] = []
        conf_path = _find_up(p.parent, CONF_FILE, probed)
        conf = read_conf(conf_path) if conf_path else None
        map_path = _find_up(p.parent, MAPPING_FILE, probed)
        mapping = read_mapping(map_path) if map_path else Mapping()
        doc = _document(p, text, problems)
        stem = p.name[: -len(p.suffix)]
        doc.inputs = [str(p), str(p.with_suffix(".txt")),
                      str(p.with_name(stem + META_SUFFIX)), *probed]
    except AnnotationError as exc:
        return None, problems + exc.problems
    reader = _Reader(p, text, load_ontology(), conf, mapping)
    reader.parse(raw)
    reader.build(doc)
    return doc, problems + reader.problems


def _document(p: Path, text: str, problems: list[Problem]) -> Document:
    """The document and its metadata from the sidecar ``NAME.meta.yaml``, if there is one."""
    from kg.loaders import native
    from kg.loaders.yamlfile import read_yaml

    stem = p.name[: -len(p.suffix)]
    meta_path = p.with_name(stem + META_SUFFIX)
    doc = Document(id=stem, text=text, meta=DocumentMeta(), text_path=str(p.with_suffix(".txt")),
                   annotation_path=str(p))
    if not os.path.lexists(meta_path):
        _check_doc_id(doc, str(p), problems, "document id (the file name)")
        return doc
    data = read_yaml(meta_path, within=p.parent)  # a link out of the folder is refused
    where = str(meta_path)
    if not isinstance(data, dict):
        problems.append(Problem(where, 1, None, "a meta file is a mapping of document keys"))
        return doc
    allowed = (native.DOC_KEYS - {"text"}) | {"annotations"}
    for key in sorted(set(data) - allowed):
        problems.append(Problem(where, getattr(data, "key_lines", {}).get(key), None,
                                f"unknown key {key!r} (known: {', '.join(sorted(allowed))})"))
    doc.id = str(data.get("id") or stem)
    _check_doc_id(doc, where, problems, "document id")
    doc.meta = native._meta(data, where, problems)
    index = TextIndex(text, quotes_in(data))
    for spec in native._list(data.get("exclude"), where, data, "exclude", problems):
        doc.excluded.extend(native._anchors_of(index, spec, where, doc.id, problems,
                                               allow_all=True))
    for raw in native._list(data.get("annotations"), where, data, "annotations", problems):
        item = native._item(raw, index, where, problems)
        if item is not None:
            doc.items.append(item)
    return doc


def _check_doc_id(doc: Document, where: str, problems: list[Problem], what: str) -> None:
    """The document id becomes IRIs and export file names: the id rules apply."""
    from kg.iris import is_valid_id
    from kg.loaders.native import invalid_id

    if not is_valid_id(doc.id):
        problems.append(Problem(where, None, None, invalid_id(doc.id, what)))
