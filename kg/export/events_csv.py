"""Events as CSV in a GDELT/ICEWS-like layout: one row per event, with CAMEO codes.

Every code comes from the data, never from Python: the event code, its fit,
Goldstein score and QuadClass from the event's class (or its nearest superclass
that declares them, ``ontology/kg.ttl``); the actor codes from
``kg:cameoActorCode`` on the actor (``ontology/cameo-actors.ttl``); which roles
fill Actor1 and Actor2 from ``kg:edgeRole`` ("source" / "target") on the role
properties. Columns are documented in docs/events-csv.md.

The file is RFC 4180 CSV (UTF-8, comma, double quotes where needed, CRLF line
ends), written atomically, rows sorted by date, document and event. A cell that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a
leading apostrophe; numbers in the numeric columns stay numbers (:mod:`kg.csvcell`).

One row per real-world event: an event several documents report (``same-as``) is one
node, so one row, with ``num_sources`` (the documents reporting it, like GDELT's
NumSources) and ``documents`` (their ids). By default only the events that happened by
the factuality rule (docs/sources.md); ``include_nonfactual=True`` adds the rest, with
``factuality`` saying which is which.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import iris
from kg.atomic import write_text
from kg.csvcell import defuse
from kg.namespace import KG, SEM
from kg.prefixes import prefix_block

if TYPE_CHECKING:
    from kg.store.protocol import Queryable

__all__ = ["export", "event_rows", "COLUMNS"]

COLUMNS = ("event_id", "date", "date_end", "date_precision",
           "actor1", "actor1_name", "actor1_code",
           "event_code", "event_base_code", "event_root_code", "event_type", "cameo_fit",
           "quad_class", "goldstein",
           "actor2", "actor2_name", "actor2_code",
           "location", "location_name", "status", "factuality", "num_sources", "documents",
           "document", "source_url", "quote")
NUMERIC = frozenset({"goldstein", "quad_class", "num_sources"})  # numbers stay numbers
SEP = "; "  # between several values of one cell (ids never contain it)

PREFIXES = prefix_block()
# Each event once, whatever the number of its types (a pattern joined with ``?ev a ?type``
# repeats its rows once per type; the node query below made 3.6 M rows of 4,600 on data/).
EVENTS = "{ SELECT DISTINCT ?ev WHERE { ?ev a ?type . ?type rdfs:subClassOf* kg:Event } }"
# The properties whose objects a row shows: the role properties (kg:edgeRole) and these.
SHOWN = "{ ?p kg:edgeRole ?r } UNION { VALUES ?p { sem:hasPlace sem:hasTime kg:status } }"

Q_CLASSES = PREFIXES + """SELECT ?c ?parent ?p ?v WHERE {
  ?c rdfs:subClassOf* kg:Event .
  OPTIONAL { ?c rdfs:subClassOf ?parent }
  OPTIONAL { VALUES ?p { kg:cameoCode kg:cameoFit kg:goldstein kg:quadClass } ?c ?p ?v }
}"""
Q_EVENTS = PREFIXES + "SELECT ?ev ?type WHERE { ?ev a ?type . ?type rdfs:subClassOf* kg:Event }"
Q_ROLES = PREFIXES + "SELECT ?p ?role WHERE { ?p kg:edgeRole ?role }"
Q_FACTS = PREFIXES + f"SELECT DISTINCT ?ev ?p ?o WHERE {{ {EVENTS} {SHOWN} ?ev ?p ?o }}"
Q_NODES = PREFIXES + f"""SELECT ?x ?label ?code WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{ {EVENTS} {SHOWN} ?ev ?p ?x . FILTER(isIRI(?x)) }} }}
  OPTIONAL {{ ?x rdfs:label ?label }}
  OPTIONAL {{ ?x kg:cameoActorCode ?code }}
}}"""
Q_TIMES = PREFIXES + f"""SELECT ?t ?p ?o WHERE {{
  {{ SELECT DISTINCT ?t WHERE {{ {EVENTS} ?ev sem:hasTime ?t }} }}
  VALUES ?p {{ kg:begin kg:end kg:precision kg:earliest kg:latest }}
  ?t ?p ?o .
}}"""
# Anchors in two steps, joined in Python: one query joining events to their selectors took
# twice as long as these two together (Oxigraph's join order over 29,000 annotations).
Q_EVENT_SPANS = PREFIXES + f"""SELECT DISTINCT ?ev ?span WHERE {{
  {EVENTS} ?ann oa:hasBody ?ev ; oa:hasTarget ?span }}"""
Q_SPANS = PREFIXES + """SELECT ?span ?doc ?quote ?start WHERE {
  ?span oa:hasSource ?doc ; oa:hasSelector ?q .
  ?q oa:exact ?quote .
  OPTIONAL { ?span oa:hasSelector ?pos . ?pos oa:start ?start }
}"""
Q_GRAPH_DOCS = PREFIXES + """SELECT ?ev ?doc WHERE {
  GRAPH ?g { ?ev a ?type } ?type rdfs:subClassOf* kg:Event .
  ?g prov:wasDerivedFrom ?doc .
}"""
Q_URLS = PREFIXES + "SELECT ?doc ?url WHERE { ?doc a kg:Document ; schema:url ?url }"
Q_FACTUALITY = PREFIXES + """SELECT ?ev ?happened ?label WHERE {
  GRAPH derived:factuality {
    ?ev kg:happened ?happened ; kg:factuality ?f }
  OPTIONAL { ?f skos:prefLabel ?label }
}"""


@dataclass
class _Class:
    parents: set[str] = field(default_factory=set)
    props: dict[str, str] = field(default_factory=dict)  # local name -> lexical value


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _short(iri: str) -> str:
    """``north-korea`` for a corpus item, ``DOC/ev1`` for a document item; other IRIs as is."""
    if iri.startswith(iris.BASE):
        rest = iri[len(iris.BASE):]
        return rest[len("doc/"):] if rest.startswith("doc/") else rest
    return iri


def _rows(store: Queryable, query: str) -> list[dict[str, Any]]:
    return store.query(query).dicts()


def _classes(store: Queryable) -> dict[str, _Class]:
    classes: dict[str, _Class] = {}
    for r in _rows(store, Q_CLASSES):
        c = classes.setdefault(r["c"].value, _Class())
        if "parent" in r:
            c.parents.add(r["parent"].value)
        if "p" in r and "v" in r:
            c.props.setdefault(_local(r["p"].value), r["v"].value)
    return classes


def _ancestors(cls: str, classes: dict[str, _Class]) -> list[str]:
    """``cls`` first, then superclasses breadth-first."""
    seen: list[str] = []
    todo = [cls]
    while todo:
        cur = todo.pop(0)
        if cur not in seen:
            seen.append(cur)
            todo += sorted(classes.get(cur, _Class()).parents)
    return seen


def _cameo(cls: str, classes: dict[str, _Class]) -> dict[str, str]:
    """CAMEO data of the nearest class (self first) that declares a code or a fit."""
    for anc in _ancestors(cls, classes):
        props = classes.get(anc, _Class()).props
        if "cameoCode" in props or "cameoFit" in props:
            return props
    return {}


def _most_specific(types: set[str], classes: dict[str, _Class]) -> str:
    below = [t for t in types
             if not any(t in _ancestors(o, classes)[1:] for o in types if o != t)]
    return sorted(below)[0]


def _dates(span: dict[str, str]) -> tuple[str, str]:
    """(date, date_end) of a span: its begin and end as written; for a relative time ("the
    following day"), which has neither, the days the build resolved it to (kg:earliest,
    kg:latest), empty when its reference event is undated."""
    if span.get("begin"):
        return span["begin"], span.get("end", "")
    return span.get("earliest", ""), span.get("latest", "")


def _main_span(spans: list[dict[str, str]]) -> dict[str, str]:
    """Of several time spans, the earliest dated one (else the first)."""
    dated = sorted((s for s in spans if _dates(s)[0]), key=lambda s: _dates(s)[0])
    return dated[0] if dated else (spans[0] if spans else {})


def event_rows(store: Queryable, *, include_nonfactual: bool = False) -> list[dict[str, str]]:
    """One dict per event (keys: :data:`COLUMNS`), sorted by date, document, event.

    Only the events that happened by the factuality rule, unless ``include_nonfactual``.
    """
    classes = _classes(store)
    types: dict[str, set[str]] = {}
    for r in _rows(store, Q_EVENTS):
        types.setdefault(r["ev"].value, set()).add(r["type"].value)
    roles = {r["p"].value: r["role"].value for r in _rows(store, Q_ROLES)}
    facts: dict[str, dict[str, set[str]]] = {}
    for r in _rows(store, Q_FACTS):
        facts.setdefault(r["ev"].value, {}).setdefault(r["p"].value, set()).add(r["o"].value)
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for r in _rows(store, Q_NODES):
        x = r["x"].value
        if "label" in r:
            names[x] = min(names.get(x, r["label"].value), r["label"].value)
        if "code" in r:
            codes[x] = min(codes.get(x, r["code"].value), r["code"].value)
    times: dict[str, dict[str, str]] = {}
    for r in _rows(store, Q_TIMES):
        times.setdefault(r["t"].value, {})[_local(r["p"].value)] = r["o"].value
    anchors: dict[str, tuple[int, str, str]] = {}
    spans: dict[str, list[tuple[int, str, str]]] = {}
    for r in _rows(store, Q_SPANS):
        start = int(r["start"].value) if "start" in r else 0
        spans.setdefault(r["span"].value, []).append((start, r["doc"].value, r["quote"].value))
    for r in _rows(store, Q_EVENT_SPANS):
        for cand in spans.get(r["span"].value, ()):
            anchors[r["ev"].value] = min(anchors.get(r["ev"].value, cand), cand)
    graph_docs: dict[str, set[str]] = {}
    for r in _rows(store, Q_GRAPH_DOCS):
        graph_docs.setdefault(r["ev"].value, set()).add(r["doc"].value)
    urls = {r["doc"].value: r["url"].value for r in _rows(store, Q_URLS)}
    verdicts = {r["ev"].value: (r["happened"].value == "true",
                                r["label"].value if "label" in r else "")
                for r in _rows(store, Q_FACTUALITY)}

    out = []
    for ev, evtypes in types.items():
        happened, factuality = verdicts.get(ev, (True, ""))
        if not (happened or include_nonfactual):
            continue
        f = facts.get(ev, {})
        reporting = sorted(graph_docs.get(ev, ()))
        kind = _most_specific(evtypes, classes)
        cameo = _cameo(kind, classes)
        code = cameo.get("cameoCode", "")

        def pick(role: str, f: dict[str, set[str]] = f) -> list[str]:
            return sorted({x for p, xs in f.items() if roles.get(p) == role for x in xs})

        a1, a2 = pick("source"), pick("target")
        places = sorted(f.get(SEM.hasPlace, ()))
        span = _main_span([times.get(t, {}) for t in sorted(f.get(SEM.hasTime, ()))])
        _, doc, quote = anchors.get(ev, (0, reporting[0] if reporting else "", ""))
        out.append({
            "event_id": _short(ev),
            "date": _dates(span)[0], "date_end": _dates(span)[1],
            "date_precision": _local(span.get("precision", "")),
            "actor1": SEP.join(_short(a) for a in a1),
            "actor1_name": SEP.join(names.get(a, "") for a in a1),
            "actor1_code": SEP.join(codes.get(a, "") for a in a1),
            "event_code": code, "event_base_code": code[:3], "event_root_code": code[:2],
            "event_type": _local(kind),
            "cameo_fit": _local(cameo.get("cameoFit", "")),
            "quad_class": cameo.get("quadClass", ""), "goldstein": cameo.get("goldstein", ""),
            "actor2": SEP.join(_short(a) for a in a2),
            "actor2_name": SEP.join(names.get(a, "") for a in a2),
            "actor2_code": SEP.join(codes.get(a, "") for a in a2),
            "location": SEP.join(_short(p) for p in places),
            "location_name": SEP.join(names.get(p, "") for p in places),
            "status": SEP.join(_local(s) for s in sorted(f.get(KG.status, ()))),
            "factuality": factuality, "num_sources": str(len(reporting)),
            "documents": SEP.join(_short(d) for d in reporting),
            "document": _short(doc), "source_url": urls.get(doc, ""), "quote": quote,
        })
    out.sort(key=lambda r: (r["date"] == "", r["date"], r["document"], r["event_id"]))
    return out


def export(store: Queryable, out_path: str | Path, *, include_nonfactual: bool = False) -> Path:
    """Write the events CSV of ``store`` to ``out_path`` (atomically); return the path."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)  # excel dialect: RFC 4180, CRLF
    writer.writeheader()
    # a cell a spreadsheet would run as a formula gets a leading apostrophe (kg.csvcell)
    writer.writerows({k: defuse(v, numeric=k in NUMERIC) if isinstance(v, str) else v
                      for k, v in row.items()}
                     for row in event_rows(store, include_nonfactual=include_nonfactual))
    return write_text(out_path, buf.getvalue(), within=Path(out_path).parent)
