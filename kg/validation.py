"""Validate a built graph: the SHACL shapes (``ontology/shapes.ttl``) and the anchor checks.

SHACL runs (pySHACL) over the union of all named graphs, so the ontology and the
derived class hierarchy are visible to ``sh:targetClass``. The anchor checks
do what SHACL Core cannot: every TextPositionSelector's offsets must give back
its quote in the document's verbatim text, the text must match its SHA-256,
and no anchor may sit inside an excluded span (page chrome).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from kg import iris
from kg.errors import UsageError, printable
from kg.namespace import SH
from kg.prefixes import prefix_block

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

    from kg.disagreements import Place

__all__ = ["validate", "ValidationReport", "Finding"]


@dataclass(frozen=True)
class Finding:
    focus: str
    path: str
    message: str
    # "shacl", "anchors", "cycles" (of responses), "sources" or "notes" (two captions of
    # one node)
    source: str
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
    cycles, told_apart = _link_cycles(store, nq.parent / "manifest.json")
    report.findings += cycles
    report.disagreements += told_apart
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


_LINKS = _PREFIXES + """SELECT ?event ?answered ?g WHERE {
  { ?event kg:%s ?answered } UNION { GRAPH ?g { ?event kg:%s ?answered } } }"""


@dataclass(frozen=True)
class _Acyclic:
    """A link no chain of which may come back to where it started, and how a cycle is told."""

    path: str  # the property's local name
    links: str  # what the links are ("responses")
    verb: str  # "responds to"
    why: str  # why no cycle
    disagree: str  # what sources disagree on when only several graphs make the cycle


_ACYCLIC = (
    _Acyclic("respondsTo", "responses", "responds to",
             "a response cannot come before what it answers", "which event answers which"),
    _Acyclic("partOf", "parts", "is part of", "an event cannot be part of what it holds",
             "which event is part of which"))


def _link_cycles(store: ox.Store, manifest: Path) -> tuple[list[Finding], list[Finding]]:
    """Cycles of responses and of parts (:data:`_ACYCLIC`), as :func:`_cycles_of` finds them."""
    findings: list[Finding] = []
    disagreements: list[Finding] = []
    for link in _ACYCLIC:
        told, apart = _cycles_of(store, manifest, link)
        findings += told
        disagreements += apart
    return findings, disagreements


def _cycles_of(store: ox.Store, manifest: Path, link: _Acyclic
               ) -> tuple[list[Finding], list[Finding]]:
    """Events whose ``link`` makes a cycle (A responds to B, B to A, or longer; A part of B,
    B part of A): findings for the cycles one graph tells whole, disagreements for those only
    several documents make.

    A response cannot come before what it answers, nor an event be part of what it holds, so
    one source telling a cycle is an error (``kg build`` refuses it in an annotation file;
    this finds it in graphs written by other means). Two documents describing the same
    events (``same-as``) may each say the other side answered: that is what sources disagree
    on, as on a directed relation told the other way round, and it is reported with both
    places. Linear in the links, whatever the length of the cycles: the tangles of all the
    links (:func:`kg.cycles.cycles`), then each tangle's links graph by graph; only the
    events a finding names are looked up."""
    from kg.cycles import cycles
    from kg.disagreements import places

    said: dict[tuple[str, str], set[str]] = {}  # link -> the graphs that state it ("": default)
    for row in _select(store, _LINKS % (link.path, link.path), union=False):
        graph = row["g"]
        said.setdefault((_text(row["event"]), _text(row["answered"])), set()).add(
            "" if graph is None else _text(graph))
    answers: dict[str, list[str]] = {}
    for a, b in said:
        answers.setdefault(a, []).append(b)
    told: list[tuple[str, list[str]]] = []  # (the graph that tells it whole, its events)
    apart: list[list[str]] = []  # cycles that only several graphs make
    for members, cycle in cycles(said):
        inside = set(members)
        per_graph: dict[str, list[tuple[str, str]]] = {}
        for a in members:
            for b in answers[a]:
                if b in inside:
                    for graph in said[(a, b)]:
                        per_graph.setdefault(graph, []).append((a, b))
        whole = [(g, c) for g in sorted(per_graph) for _, c in cycles(per_graph[g])]
        told += whole
        apart += [] if whole else [cycle]
    # each cycle: the sides it names (event, the event it answers, the graph saying so), in
    # order, and how many it has
    cases = [("cycles", [(a, b, g) for a, b in _hops(c)[:_NAMED_LINKS]], len(c))
             for g, c in told]
    cases += [("sources", list(islice(((a, b, g) for a, b in _hops(c)
                                       for g in sorted(said[(a, b)])), _NAMED_LINKS)),
               sum(len(said[hop]) for hop in _hops(c))) for c in apart]
    prefix = iris.doc_graph("")
    where = places(store, manifest, {(e, g) for _, sides, _ in cases for a, b, g in sides
                                     for e in (a, b) if g.startswith(prefix)})

    def name(event: str, graph: str) -> str:
        place = where.get((event, graph))
        return place.item if place is not None and place.item else _short(event)

    def side(a: str, b: str, graph: str) -> str:
        place = where.get((a, graph))
        if place is None:
            return f"{_in(None, graph)} says {name(a, graph)} {link.verb} {name(b, graph)}"
        return f"{place} says it {link.verb} {name(b, graph)}"

    def says(a: str, b: str, graph: str) -> dict[str, object]:
        place = where.get((a, graph))
        at = asdict(place) if place is not None else {"graph": graph or "default"}
        return {**at, "event": a, "says": f"{link.verb} {name(b, graph)}"}

    findings, disagreements = [], []
    for kind, shown, total in cases:
        first, _, graph = shown[0]
        more = total - len(shown)
        if kind == "cycles":
            told_as = f"{name(first, graph)} {link.verb} " + f", which {link.verb} ".join(
                name(b, graph) for _, b, _ in shown)
            told_as += f", ... ({more} more links back to {name(first, graph)})" if more > 0 \
                else ""
            findings.append(Finding(
                first, link.path, f"{link.links} make a cycle in "
                f"{_in(where.get((first, graph)), graph)}: {told_as}; {link.why}", "cycles",
                tuple(says(*s) for s in shown)))
        else:
            told_as = "; ".join(side(*s) for s in shown)
            told_as += f"; ... ({more} more)" if more > 0 else ""
            disagreements.append(Finding(
                first, link.path, f"sources disagree on {link.disagree} (their "
                f"{link.links} make a cycle): {told_as}", "sources",
                tuple(says(*s) for s in shown)))
    return findings, disagreements


# the links of a cycle its finding names (and looks up); a longer one says how many more
_NAMED_LINKS = 12


def _hops(cycle: list[str]) -> list[tuple[str, str]]:
    """The links of a cycle of events, in order: (A, B), (B, C), ... (Z, A)."""
    return list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))


def _in(place: Place | None, graph: str) -> str:
    """The annotation file (or document) a graph is, else its IRI."""
    if place is not None:
        return place.file or place.document
    return _short(graph) or "the default graph"


def _short(iri: str) -> str:
    from kg.iris import BASE, KG_NS

    return iri.replace(BASE, "kgd:").replace(KG_NS, "kg:")
