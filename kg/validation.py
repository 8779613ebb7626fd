"""Validate a built graph: the SHACL shapes (``ontology/shapes.ttl``) and the anchor checks.

SHACL runs (pySHACL) over the union of all named graphs, so the ontology and the
derived class hierarchy are visible to ``sh:targetClass``. The anchor checks
do what SHACL Core cannot: every TextPositionSelector's offsets must give back
its quote in the document's verbatim text, the text must match its SHA-256,
and no anchor may sit inside an excluded span (page chrome).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError, printable
from kg.namespace import SH
from kg.prefixes import prefix_block

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

__all__ = ["validate", "ValidationReport", "Finding"]


@dataclass(frozen=True)
class Finding:
    focus: str
    path: str
    message: str
    source: str  # "shacl", "anchors", "sources" or "notes" (two captions of one node)
    # A disagreement between sources: both places (document, file, line, item, what it says).
    places: tuple[dict[str, object], ...] = ()

    def __str__(self) -> str:
        via = f" ({self.path})" if self.path else ""
        return f"{_short(self.focus)}{via}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"focus": self.focus, "path": self.path, "message": self.message,
               "source": self.source}
        return {**out, "places": list(self.places)} if self.places else out


@dataclass
class ValidationReport:
    """``findings`` make the graph fail; ``disagreements`` between sources do not (one node
    that two documents describe differently is what a corpus of sources looks like), and
    ``notes`` even less: two documents' different captions (labels) for one node, counted
    apart so they do not drown what sources say differently about what happened."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    checked_quads: int = 0
    checked_anchors: int = 0
    disagreements: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)

    def text(self, *, notes: bool = False) -> str:
        """The report for a terminal; the notes are counted, and listed when ``notes``."""
        if self.conforms:
            lines = [f"conforms: {self.checked_quads} quads, {self.checked_anchors} anchors "
                     "checked"]
        else:
            lines = [f"does not conform: {len(self.findings)} problem(s)"]
            # Findings quote the graph's text: no control or bidi character reaches a terminal.
            lines += [f"  {printable(str(f))}" for f in self.findings]
        if self.disagreements:
            lines.append(f"{len(self.disagreements)} disagreement(s) between sources "
                         "(kept in the graph; not errors):")
            lines += [f"  {printable(str(f))}" for f in self.disagreements]
        if self.notes:
            lines.append(f"{len(self.notes)} note(s): sources caption one node differently "
                         f"(labels only; not disagreements)"
                         + (":" if notes else "; --notes lists them"))
            if notes:
                lines += [f"  {printable(str(f))}" for f in self.notes]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """The report as plain values (``kg validate --format json``)."""
        return {"conforms": self.conforms, "quads": self.checked_quads,
                "anchors": self.checked_anchors,
                "findings": [f.as_dict() for f in self.findings],
                "disagreements": [f.as_dict() for f in self.disagreements],
                "notes": [f.as_dict() for f in self.notes]}


def _nquads_of(target: str | Path) -> Path:
    p = Path(target)
    if p.is_dir():
        p = p / "graph.nq"
    if not p.is_file():
        raise UsageError(f"{p}: no built graph here (run 'kg build' first)")
    return p


def validate(target: str | Path = "build", *, shapes: str | Path | None = None) -> ValidationReport:
    """Validate the graph in ``target`` (a build folder or an N-Quads file).

    :raises UsageError: no graph there, one that is not N-Quads, or one that holds no
        document (nothing to validate: an empty file, or an empty build).
    """
    import pyoxigraph as ox

    from kg.rdfio import check_file

    nq = _nquads_of(target)
    check_file(nq, "nquads")  # size limit (kg.rdfio), before anything is loaded
    store = ox.Store()
    try:
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise UsageError(f"{nq}: not valid N-Quads: {exc}") from None
    if not store.query(_HAS_DOCUMENT, use_default_graph_as_union=True):
        raise UsageError(_nothing_to_validate(nq, len(store)))
    report = ValidationReport(conforms=True, checked_quads=len(store))
    named = _disagreements(store, nq.parent / "manifest.json")
    # A shape violation between sources that a named disagreement already reports (with both
    # files, lines and values) is not reported a second time, without them.
    covered = {(d.focus, d.path) for d in named}
    for finding in _shacl(store, shapes):
        if finding.source != "sources":
            report.findings.append(finding)
        elif (finding.focus, finding.path) not in covered and not _either_end(store, finding):
            report.disagreements.append(finding)
    for d in named:
        (report.notes if d.source == "notes" else report.disagreements).append(d)
    anchors, findings = _anchor_findings(store)
    report.checked_anchors = anchors
    report.findings += findings
    report.findings.sort(key=lambda f: (f.source, f.focus, f.path, f.message))
    report.disagreements.sort(key=lambda f: (f.source, f.focus, f.path, f.message))
    report.notes.sort(key=lambda f: (f.focus, f.path, f.message))
    report.conforms = not report.findings
    return report


def _nothing_to_validate(nq: Path, quads: int) -> str:
    """Why a graph of no document is refused: it would conform, vacuously (the shapes and
    the anchor checks are about documents and what they say), and it almost always is a
    mistake: a wrong path, or a build that found no annotation file (``--allow-empty``)."""
    held = "the file holds no quad" if quads == 0 else f"its {quads} quads describe no document"
    return (f"{nq}: nothing to validate: {held} (a wrong path, or a build of no annotation "
            "file?)")


def _shacl(store: ox.Store, shapes: str | Path | None) -> list[Finding]:
    import rdflib
    from pyshacl import validate as shacl_validate

    from kg.rdfio import to_rdflib
    from kg.resources import ontology_dir

    # The union of all graphs as one rdflib graph, converted term by term from the store
    # (no named-graph pitfalls; each distinct term converted once).
    data = to_rdflib(store.quads_for_pattern(None, None, None, None))
    # pySHACL runs rdflib's SPARQL engine, which would fetch FROM/LOAD/SERVICE graphs: the
    # shapes' SPARQL is checked for them instead of patching rdflib for the whole process.
    shapes_graph = _shapes_graph(shapes or ontology_dir() / "shapes.ttl")
    # inplace: the graph is this function's own, so pySHACL need not copy it first (on the
    # store of data/ the copy took 43 s; docs/benchmarks.md, "kg validate").
    conforms, results, _text = shacl_validate(data, shacl_graph=shapes_graph, inference="none",
                                              advanced=True, allow_warnings=True, inplace=True)
    if conforms:
        return []
    out = []
    assert isinstance(results, rdflib.Graph)  # pySHACL's results graph
    for r in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH.ValidationResult)):
        focus = results.value(r, rdflib.URIRef(SH.focusNode))
        path = results.value(r, rdflib.URIRef(SH.resultPath))
        msg = str(results.value(r, rdflib.URIRef(SH.resultMessage)))
        component = str(results.value(r, rdflib.URIRef(SH.sourceConstraintComponent)) or "")
        kind = "shacl"
        if isinstance(path, rdflib.URIRef) and _between_sources(store, str(focus), str(path),
                                                                 component):
            kind, msg = "sources", f"sources disagree: {msg}"
        out.append(Finding(str(focus), _path_text(path), msg, kind))
    return out


_EITHER_END = """ASK {
  VALUES ?rel { %s }
  ?rel a ?relation . ?relation kg:symmetric true .
  FILTER NOT EXISTS {
    GRAPH ?g1 { ?rel kg:subject ?s1 ; kg:relObject ?o1 }
    GRAPH ?g2 { ?rel kg:subject ?s2 ; kg:relObject ?o2 }
    FILTER(!((?s1 = ?s2 && ?o1 = ?o2) || (?s1 = ?o2 && ?o1 = ?s2))) } }"""


def _either_end(store: ox.Store, finding: Finding) -> bool:
    """True for a symmetric relation (aligned with, allied with) that two documents tell from
    opposite ends: two subjects on the union, one pair in every document, no disagreement."""
    import pyoxigraph as ox

    if finding.path not in ("subject", "relObject"):
        return False
    rel = ox.NamedNode(finding.focus)
    return bool(store.query(_PREFIXES + _EITHER_END % rel, use_default_graph_as_union=True))


def _disagreements(store: ox.Store, manifest: Path) -> list[Finding]:
    """What two documents say differently about one node (:mod:`kg.disagreements`); two
    captions of one node are ``notes``, the rest ``sources``."""
    from kg.disagreements import source_disagreements

    return [Finding(d.node, _ASPECT_PATHS.get(d.aspect, d.aspect), d.message(),
                    "notes" if d.is_caption else "sources", d.places())
            for d in source_disagreements(store, manifest)]


# the property a disagreement's aspect is about, as the shapes' findings name it
_ASPECT_PATHS = {"object": "relObject"}

_PER_GRAPH = {
    # violations per graph of the two constraints a shared node can break across sources
    "MaxCountConstraintComponent": """
        SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE { VALUES (?s ?p) { (%s %s) }
          GRAPH ?g { ?s ?p ?o } } GROUP BY ?g""",
    "LessThanOrEqualsConstraintComponent": """
        SELECT ?g (SUM(IF(?o > ?other, 1, 0)) AS ?n) WHERE { VALUES (?s ?p) { (%s %s) }
          GRAPH ?g { ?s ?p ?o . ?s kg:latest ?other } }
        GROUP BY ?g""",
}


def _between_sources(store: ox.Store, focus: str, path: str, component: str) -> bool:
    """True when a violation on the union exists only because several documents describe
    one node: each graph alone keeps the constraint (one value each, its own dates in order).
    Such a violation is a disagreement between sources, not an error. (The order
    constraint compares with kg:latest, the only sh:lessThanOrEquals of the shapes.)"""
    import pyoxigraph as ox

    name = component.rsplit("#", 1)[-1]
    query = _PER_GRAPH.get(name)
    if query is None or not focus.startswith("http"):
        return False
    limit = 1 if name == "MaxCountConstraintComponent" else 0
    rows = list(_select(store, _PREFIXES + query % (ox.NamedNode(focus), ox.NamedNode(path)),
                        union=False))
    return len(rows) > 1 and all(int(_text(r["n"])) <= limit for r in rows)


_SHACL_SPARQL = ("select", "ask", "construct", "update")


def _shapes_graph(path: str | Path) -> rdflib.Graph:
    """The shapes as an rdflib graph, read safely (:mod:`kg.rdfio`; Turtle unless the suffix
    says otherwise); SHACL-SPARQL that would reach the network (SERVICE, LOAD) or write is
    refused before pySHACL sees it.

    :raises InputError: unsafe or unreadable shapes.
    """
    import pyoxigraph as ox

    from kg.errors import InputError, QueryError
    from kg.rdfio import rdf_format, safe_parse, to_rdflib
    from kg.store.guard import check_query, tokenize

    p = Path(path)
    try:
        fmt = rdf_format(p)
    except InputError:
        fmt = rdf_format(p, "turtle")
    quads = safe_parse(p, fmt)
    for q in quads:
        pred = q.predicate.value
        if SH.local(pred) in _SHACL_SPARQL:
            text = str(q.object) if isinstance(q.object, ox.Triple) else q.object.value
            try:
                check_query(text)
                if any(t.kind == "word" and t.text.upper() == "FROM" for t in tokenize(text)):
                    raise QueryError("FROM (a dataset clause) is refused: rdflib would fetch "
                                     "the graph it names")
            except QueryError as exc:
                raise InputError(f"{p}: SHACL-SPARQL ({SH.local(pred)}) refused: {exc}") from None
    return to_rdflib(quads)


def _path_text(path: object) -> str:
    if path is None:
        return ""
    s = str(path)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if s.startswith("http") else "path"


_PREFIXES = prefix_block()
_HAS_DOCUMENT = _PREFIXES + "ASK { ?doc a kg:Document }"
_ANCHORS = _PREFIXES + """
SELECT ?span ?doc ?exact ?start ?end WHERE {
  ?span oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
  ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
}"""
_DOCS = _PREFIXES + """
SELECT ?doc ?text ?sha WHERE { ?doc kg:text ?text . OPTIONAL { ?doc kg:sha256 ?sha } }"""
_EXCLUDED = _PREFIXES + """
SELECT ?doc ?start ?end WHERE {
  ?doc kg:excluded ?span . ?span oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end . }"""
_BODIES = _PREFIXES + """
SELECT DISTINCT ?span WHERE { ?a oa:hasTarget ?span }"""


def _select(store: ox.Store, query: str, *, union: bool = True) -> ox.QuerySolutions:
    """The rows of a SELECT query, streamed (over the union of the graphs unless
    ``union=False``)."""
    from kg.store.result import solutions

    return solutions(store.query(query, use_default_graph_as_union=union))


def _text(term: object) -> str:
    """A bound term's IRI or lexical form."""
    import pyoxigraph as ox

    assert isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal), term
    return term.value


def _anchor_findings(store: ox.Store) -> tuple[int, list[Finding]]:
    texts: dict[str, str] = {}
    out: list[Finding] = []
    for row in _select(store, _DOCS):
        doc, text = _text(row["doc"]), _text(row["text"])
        texts[doc] = text
        sha = row["sha"]
        if sha is not None and hashlib.sha256(text.encode()).hexdigest() != _text(sha):
            out.append(Finding(doc, "sha256", "text does not match its SHA-256", "anchors"))
    excluded: dict[str, list[tuple[int, int]]] = {}
    for row in _select(store, _EXCLUDED):
        excluded.setdefault(_text(row["doc"]), []).append((int(_text(row["start"])),
                                                           int(_text(row["end"]))))
    annotated = {_text(row["span"]) for row in _select(store, _BODIES)}
    n = 0
    for row in _select(store, _ANCHORS):
        n += 1
        span, doc = _text(row["span"]), _text(row["doc"])
        start, end, exact = int(_text(row["start"])), int(_text(row["end"])), _text(row["exact"])
        whole = texts.get(doc)
        if whole is None:
            out.append(Finding(span, "hasSource", "anchor points to a document with no text",
                               "anchors"))
        elif whole[start:end] != exact:
            out.append(Finding(span, "exact", f"offsets {start}-{end} give {whole[start:end]!r}, "
                                              f"not the quote {exact!r}", "anchors"))
        if span in annotated and any(s < end and start < e for s, e in excluded.get(doc, [])):
            out.append(Finding(span, "hasTarget", "an annotation is anchored in an excluded "
                                                  "span (page chrome)", "anchors"))
    return n, out


def _short(iri: str) -> str:
    from kg.iris import BASE, KG_NS

    return iri.replace(BASE, "kgd:").replace(KG_NS, "kg:")
