"""Query results as table cells for the pages: values, kinds, links to entity pages.

A cell is ``{"value", "type", "href"?, "short"?, "datatype"?, "lang"?}``: ``type`` is
``iri``, ``literal``, ``bnode`` or ``unbound``; an IRI with a page here gets ``href``
and its compact form (``kg:Claim``, ``kgd:north-korea``) as ``short``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.namespace import XSD
from kg.query.formats import compact_iri
from kg.store import QueryResult
from kg.web.links import page_of

if TYPE_CHECKING:
    from kg.store.result import Term
    from kg.web.models import Cell, Table

__all__ = ["cell", "table"]

MAX_ROWS = 5000  # rows drawn in the page; the downloads carry every row


def cell(term: Term | None) -> Cell:
    import pyoxigraph as ox

    if term is None:
        return {"type": "unbound", "value": ""}
    if isinstance(term, ox.NamedNode):
        out: Cell = {"type": "iri", "value": term.value, "short": compact_iri(term.value)}
        href = page_of(term.value)
        if href:
            out["href"] = href
        return out
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": "_:" + term.value}
    if isinstance(term, ox.Triple):  # RDF 1.2's quoted triple: shown as it is written
        return {"type": "literal", "value": str(term)}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["lang"] = term.language
    elif term.datatype and term.datatype.value != XSD.string:
        out["datatype"] = compact_iri(term.datatype.value)
    return out


def table(result: QueryResult, max_rows: int = MAX_ROWS, *,
          merge_labels: bool = False) -> Table:
    """``result`` as ``{"kind", "variables", "rows", "total", "boolean"}`` for a page.

    With ``merge_labels`` a variable ``?x`` that has a ``?xLabel`` column is shown once: the
    label, linked to ``?x``'s page (the query page keeps every column)."""
    if merge_labels and result.kind == "select":
        return _merged(result, max_rows)
    if result.kind == "ask":
        return {"kind": "ask", "variables": [], "rows": [], "total": 0,
                "boolean": bool(result.boolean)}
    if result.kind == "graph":
        triples = result.triples[:max_rows]
        return {"kind": "graph", "variables": ["subject", "predicate", "object"],
                "rows": [[cell(t.subject), cell(t.predicate), cell(t.object)] for t in triples],
                "total": len(result.triples), "boolean": None}
    return {"kind": "select", "variables": list(result.variables),
            "rows": [[cell(t) for t in row] for row in result.rows[:max_rows]],
            "total": len(result.rows), "boolean": None}


def _merged(result: QueryResult, max_rows: int) -> Table:
    names = list(result.variables)
    labelled = {v for v in names if v + "Label" in names}
    shown = [i for i, v in enumerate(names) if v not in labelled]
    rows = []
    for row in result.rows[:max_rows]:
        cells = []
        for i in shown:
            name = names[i]
            label_of = names.index(name[:-5]) if name.endswith("Label") and \
                name[:-5] in labelled else None
            c = cell(row[i])
            if label_of is not None and row[label_of] is not None:
                target = cell(row[label_of])
                if target.get("href"):
                    c = {**c, "href": target["href"], "type": "label"}
            cells.append(c)
        rows.append(cells)
    return {"kind": "select", "variables": [names[i].removesuffix("Label") if names[i].endswith(
        "Label") and names[i][:-5] in labelled else names[i] for i in shown],
        "rows": rows, "total": len(result.rows), "boolean": None}
