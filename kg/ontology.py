"""The ontology as the code sees it: classes, annotation keys, concepts, display and edge data.

Everything type-specific the toolkit needs is read from ``ontology/*.ttl``:
which types annotation files may use, how a key maps to a property, which IRI
scope a type has, its colour, shape, edge label and sign, its CAMEO code.
Adding a class to the Turtle needs no code change here or in any consumer.

>>> onto = load_ontology()
>>> onto.class_("MissileTest").is_a("Event")
True
>>> onto.property_for_key("agent").local
'agent'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import OntologyError
from kg.namespace import KG, OWL, RDF, SKOS
from kg.resources import ontology_dir

__all__ = ["Ontology", "ClassInfo", "PropertyInfo", "ConceptInfo", "load_ontology",
           "ontology_files"]

NON_ONTOLOGY_FILES = {"shapes.ttl"}


@dataclass
class ClassInfo:
    iri: str
    local: str
    label: str
    comment: str = ""
    parents: list[str] = field(default_factory=list)  # direct superclasses (IRIs)
    ancestors: list[str] = field(default_factory=list)  # transitive, self first
    props: dict[str, list[str]] = field(default_factory=dict)  # own annotation props
    annotatable: bool = False

    def is_a(self, other: str) -> bool:
        """True if this class is ``other`` (local name or IRI) or a subclass of it."""
        iri = other if ":" in other else KG.iri(other)
        return iri in self.ancestors


@dataclass
class PropertyInfo:
    iri: str
    local: str
    key: str
    kind: str  # "object" | "datatype" | "annotation"
    label: str = ""
    domain: str | None = None
    range: str | None = None
    edge_role: str | None = None


@dataclass
class ConceptInfo:
    iri: str
    local: str
    label: str
    schemes: list[str]
    notation: str | None = None  # skos:notation, e.g. "B" for a reliability grade


class Ontology:
    """Read-only view of the ontology graph, with the lookups loaders and views need."""

    def __init__(self, graph, files: list[Path]):
        self._graph = graph
        self.files = files
        self.classes: dict[str, ClassInfo] = {}
        self.properties: dict[str, PropertyInfo] = {}  # by annotation key
        self.concepts: dict[str, ConceptInfo] = {}  # by local name
        self.disjoint_pairs: set[frozenset[str]] = set()  # owl:disjointWith, AllDisjointClasses
        if graph is not None:
            self._index()

    @property
    def graph(self):
        """The rdflib graph of the ontology files (parsed on first use when this view was
        read from a cache, :func:`load_ontology`'s ``cache``)."""
        if self._graph is None:
            self._graph = _parse(self.files)
        return self._graph

    # -- the cached form (load_ontology's cache) -------------------------------
    def _to_json(self) -> dict:
        """Everything :meth:`_index` found, as JSON (:meth:`_from_json` reads it back)."""
        return {
            "classes": [[c.iri, c.local, c.label, c.comment, c.parents, c.ancestors, c.props,
                         c.annotatable] for c in self.classes.values()],
            "properties": [[p.iri, p.local, p.key, p.kind, p.label, p.domain, p.range,
                            p.edge_role] for p in self.properties.values()],
            "concepts": [[c.iri, c.local, c.label, c.schemes, c.notation]
                         for c in self.concepts.values()],
            "disjoint": sorted(sorted(pair) for pair in self.disjoint_pairs),
        }

    @classmethod
    def _from_json(cls, data: dict, files: list[Path]) -> Ontology:
        """The view :meth:`_to_json` wrote, its graph parsed only if asked for.

        :raises ValueError: when ``data`` is not in that form.
        """
        onto = cls(None, files)
        try:
            for iri, local, label, comment, parents, ancestors, props, annotatable in \
                    data["classes"]:
                onto.classes[_str(iri)] = ClassInfo(
                    _str(iri), _str(local), _str(label), _str(comment), _strs(parents),
                    _strs(ancestors), {_str(k): _strs(v) for k, v in props.items()},
                    _bool(annotatable))
            for iri, local, key, kind, label, domain, range_, role in data["properties"]:
                onto.properties[_str(key)] = PropertyInfo(
                    _str(iri), _str(local), _str(key), _str(kind), _str(label),
                    _opt(domain), _opt(range_), _opt(role))
            for iri, local, label, schemes, notation in data["concepts"]:
                onto.concepts[_str(local)] = ConceptInfo(_str(iri), _str(local), _str(label),
                                                         _strs(schemes), _opt(notation))
            onto.disjoint_pairs = {frozenset(_strs(pair)) for pair in data["disjoint"]}
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ValueError("not an ontology cache") from None
        return onto

    # -- lookups ---------------------------------------------------------------
    def class_(self, name: str) -> ClassInfo:
        iri = name if ":" in name else KG.iri(name)
        try:
            return self.classes[iri]
        except KeyError:
            raise OntologyError(f"unknown class {name!r}") from None

    def has_class(self, name: str) -> bool:
        return (name if ":" in name else KG.iri(name)) in self.classes

    def annotatable_types(self) -> list[str]:
        return sorted(c.local for c in self.classes.values() if c.annotatable)

    def closest_types(self, name: str, n: int = 3) -> list[str]:
        return _closest(name, self.annotatable_types(), n)

    def property_for_key(self, key: str) -> PropertyInfo:
        try:
            return self.properties[key]
        except KeyError:
            raise OntologyError(f"unknown annotation key {key!r}") from None

    def closest_keys(self, key: str, n: int = 3) -> list[str]:
        return _closest(key, sorted(self.properties), n)

    def concept(self, name: str) -> ConceptInfo | None:
        return self.concepts.get(name)

    def concept_by_notation(self, notation: str, scheme_prefix: str) -> ConceptInfo | None:
        """The concept written ``notation`` (skos:notation) in a scheme whose IRI starts with
        ``scheme_prefix`` (e.g. "B" in kg:ReliabilityScheme), if exactly one."""
        hits = [c for c in self.concepts.values() if c.notation == notation
                and any(s.startswith(scheme_prefix) for s in c.schemes)]
        return hits[0] if len(hits) == 1 else None

    def disjoint(self, a: str, b: str) -> bool:
        """True when the ontology says nothing can be both of type ``a`` and ``b`` (local names
        or IRIs): some ancestor of one is declared disjoint with some ancestor of the other."""
        ca, cb = self.class_(a), self.class_(b)
        return any(frozenset((x, y)) in self.disjoint_pairs
                   for x in ca.ancestors for y in cb.ancestors if x != y)

    def concepts_in(self, scheme_local: str) -> list[str]:
        iri = KG.iri(scheme_local)
        return sorted(c.local for c in self.concepts.values() if iri in c.schemes)

    def value(self, cls: ClassInfo, prop_local: str) -> str | None:
        """An annotation property's value on a class, inherited from the nearest ancestor."""
        iri = KG.iri(prop_local)
        for anc in cls.ancestors:
            info = self.classes.get(anc)
            if info and info.props.get(iri):
                return info.props[iri][0]
        return None

    def scope(self, type_name: str) -> str:
        """'corpus' or 'document': where items of this type get their IRIs."""
        v = self.value(self.class_(type_name), "iriScope")
        return "corpus" if v == KG.CorpusScope else "document"

    # -- indexing --------------------------------------------------------------
    def _index(self) -> None:
        from rdflib import RDF as R
        from rdflib import RDFS as RS
        from rdflib import Literal, URIRef

        g = self.graph
        owl_class = URIRef(OWL.Class)
        for s in sorted(set(g.subjects(R.type, owl_class))):
            if not isinstance(s, URIRef):
                continue
            iri = str(s)
            info = ClassInfo(iri=iri, local=_local(iri), label=_text(g, s, RS.label) or _local(iri),
                             comment=_text(g, s, RS.comment) or "")
            info.parents = sorted(str(o) for o in g.objects(s, RS.subClassOf)
                                  if isinstance(o, URIRef))
            for p, o in g.predicate_objects(s):
                if KG.local(str(p)) is not None:
                    val = str(o) if not isinstance(o, Literal) else str(o.toPython())
                    info.props.setdefault(str(p), []).append(val)
            for vals in info.props.values():
                vals.sort()
            self.classes[iri] = info
        for info in self.classes.values():
            info.ancestors = self._ancestors(info.iri)
        for info in self.classes.values():
            flag = self.value(info, "annotatable")
            abstract = info.props.get(KG.iri("abstract"), [""])[0]  # own only, not inherited
            info.annotatable = str(flag).lower() == "true" and str(abstract).lower() != "true"

        kinds = {OWL.ObjectProperty: "object", OWL.DatatypeProperty: "datatype",
                 OWL.AnnotationProperty: "annotation"}
        key_pred = URIRef(KG.annotationKey)
        for s, key in sorted(g.subject_objects(key_pred)):
            kind = "annotation"
            for t in g.objects(s, R.type):
                kind = kinds.get(str(t), kind)
            if str(s) in (RS.label, SKOS.altLabel, SKOS.editorialNote):
                kind = "datatype"
            if str(key) in self.properties:
                raise OntologyError(f"annotation key {key!s} is declared twice")
            dom = g.value(s, RS.domain)
            rng = g.value(s, RS.range)
            role = g.value(s, URIRef(KG.edgeRole))
            self.properties[str(key)] = PropertyInfo(
                iri=str(s), local=_local(str(s)), key=str(key), kind=kind,
                label=_text(g, s, RS.label) or str(key),
                domain=str(dom) if dom else None, range=str(rng) if rng else None,
                edge_role=str(role) if role else None)

        concept = URIRef(SKOS.Concept)
        for s in sorted(set(g.subjects(R.type, concept))):
            label = _text(g, s, URIRef(SKOS.prefLabel)) or _text(g, s, RS.label) or _local(s)
            schemes = sorted(str(o) for o in g.objects(s, URIRef(SKOS.inScheme)))
            notation = _text(g, s, URIRef(SKOS.notation))
            self.concepts[_local(str(s))] = ConceptInfo(str(s), _local(str(s)), label, schemes,
                                                        notation)
        self._index_disjointness()

    def _index_disjointness(self) -> None:
        from rdflib import URIRef
        from rdflib.collection import Collection

        g = self.graph
        for a, b in g.subject_objects(URIRef(OWL.disjointWith)):
            self.disjoint_pairs.add(frozenset((str(a), str(b))))
        for node in g.subjects(URIRef(RDF.type), URIRef(OWL.AllDisjointClasses)):
            members = g.value(node, URIRef(OWL.members))
            items = [str(m) for m in Collection(g, members)] if members is not None else []
            for i, x in enumerate(items):
                for y in items[i + 1:]:
                    self.disjoint_pairs.add(frozenset((x, y)))

    def _ancestors(self, iri: str) -> list[str]:
        seen: list[str] = []
        todo = [iri]
        while todo:
            cur = todo.pop(0)
            if cur in seen:
                continue
            seen.append(cur)
            info = self.classes.get(cur)
            todo.extend(info.parents if info else [])
        return seen


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(g, s, p) -> str | None:
    vals = sorted(g.objects(s, p), key=lambda o: (getattr(o, "language", None) != "en", str(o)))
    return str(vals[0]) if vals else None


def _closest(name: str, options: list[str], n: int) -> list[str]:
    lowered = {o.lower(): o for o in options}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]


def ontology_files(directory: Path | None = None) -> list[Path]:
    """The Turtle files that make up the ontology (not the SHACL shapes)."""
    d = Path(directory) if directory else ontology_dir()
    files = sorted(p for p in d.glob("*.ttl") if p.name not in NON_ONTOLOGY_FILES)
    if not files:
        raise OntologyError(f"no ontology files (*.ttl) in {d}")
    return files


def _str(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError(v)
    return v


def _opt(v: object) -> str | None:
    return None if v is None else _str(v)


def _strs(v: object) -> list[str]:
    if not isinstance(v, list):
        raise ValueError(v)
    return [_str(x) for x in v]


def _bool(v: object) -> bool:
    if not isinstance(v, bool):
        raise ValueError(v)
    return v


def _parse(files: list[Path]):
    from rdflib import Graph

    g = Graph()
    for f in files:
        try:
            g.parse(f, format="turtle")
        except Exception as exc:  # rdflib raises many kinds; report one line
            raise OntologyError(f"{f}: cannot parse ontology: {str(exc).splitlines()[0]}") from None
    return g


CACHE_FILE = "ontology.json"  # in the folder given as load_ontology's cache
_CACHE_FORMAT = "1"  # bump when Ontology._to_json changes
# directory -> (its files' stat stamp, their key, the ontology)
_LOADED: dict[str, tuple[tuple, str, Ontology]] = {}
_CACHED: set[tuple[str, str]] = set()  # (cache folder, key) known to hold that ontology


def _key(files: list[Path]) -> str:
    import hashlib

    import kg

    h = hashlib.sha256(f"{_CACHE_FORMAT}/{kg.__version__}".encode())
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _stamp(files: list[Path]) -> tuple:
    """What says, without reading them, that the files are the ones last loaded: their
    names, inodes, sizes and change times (any write changes the change time)."""
    out = []
    for f in files:
        st = f.stat()
        out.append((f.name, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(out)


def _read_cache(path: Path, key: str, files: list[Path]) -> Ontology | None:
    """The ontology cached in ``path`` for files of digest ``key``; None when there is
    none, it is for other files, or it is damaged in any way (then it is made again)."""
    import hashlib
    import json

    try:
        head, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(head)
        if not isinstance(meta, dict) or meta.get("key") != key or \
                meta.get("digest") != hashlib.sha256(body).hexdigest():
            return None
        return Ontology._from_json(json.loads(body), files)
    except (OSError, ValueError):
        return None


def _write_cache(path: Path, key: str, onto: Ontology) -> None:
    import hashlib
    import json
    import os

    body = json.dumps(onto._to_json(), ensure_ascii=False, separators=(",", ":")).encode()
    head = json.dumps({"key": key, "digest": hashlib.sha256(body).hexdigest()}).encode()
    # Written whole then renamed over the old one (kg.atomic is a layer above this module).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(head + b"\n" + body)
        os.replace(tmp, path)
    except OSError:  # a cache: the next run parses the Turtle again
        tmp.unlink(missing_ok=True)


def load_ontology(directory: str | Path | None = None, *, cache: Path | None = None
                  ) -> Ontology:
    """Load the ontology from ``directory`` (default: the shipped one).

    Kept for the process while its files stay byte for byte the same (not read again
    while their inodes, sizes and change times are those of the last load). ``cache``: a
    folder (a build's ``.cache``) where the view of the ontology is kept between runs, as
    JSON keyed by the SHA-256 of the ontology files (and the version of kg), so that a run
    on unchanged files does not parse the Turtle again; a cache for other files, or a
    damaged one, is ignored and written anew.
    """
    d = Path(directory) if directory else ontology_dir()
    files = ontology_files(d)
    stamp = _stamp(files)
    held = _LOADED.get(str(d))
    if held is not None and held[0] == stamp:  # the same files: not even read again
        key, onto = held[1], held[2]
    else:
        key = _key(files)
        if held is not None and held[1] == key:
            onto = held[2]
        else:
            read = _read_cache(cache / CACHE_FILE, key, files) if cache is not None else None
            if read is None:
                read = Ontology(_parse(files), files)
                if cache is not None:
                    _write_cache(cache / CACHE_FILE, key, read)
            onto = read
        _LOADED[str(d)] = (stamp, key, onto)
    if cache is not None and (str(cache), key) not in _CACHED:
        if _read_cache(cache / CACHE_FILE, key, files) is None:
            _write_cache(cache / CACHE_FILE, key, onto)
        _CACHED.add((str(cache), key))
    return onto
