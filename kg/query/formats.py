"""Writers for query results: ``table`` (terminal), ``csv`` and ``json`` (W3C), ``markdown``.

- ``json``: SPARQL 1.1 Query Results JSON Format (``head.vars``, ``results.bindings``
  with ``uri``/``literal``/``bnode`` terms; ``boolean`` for ASK); control, bidi and
  invisible characters are ``\\uXXXX`` escapes (the same JSON value, safe on a terminal).
- ``csv``: SPARQL 1.1 Query Results CSV Format (header of variable names, IRIs and
  lexical forms, blank nodes as ``_:id``, unbound as empty, CRLF line ends, RFC 4180 quoting);
  a cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
  gets a leading apostrophe, numeric literals excepted (:mod:`kg.csvcell`); printed to a
  terminal, control characters are shown as escapes.
- ``table``: aligned columns; long cells cut with an ellipsis; newlines shown as ``⏎``;
  control, bidi and invisible characters shown as escapes (``\\x1b``, ``\\u202e``).
- ``markdown``: a GitHub table; ``|``, Markdown syntax and HTML escaped, newlines as
  ``<br>``, controls as escapes.

In ``table`` and ``markdown`` a variable ``?x`` with a label column ``?xLabel`` is shown
once, as its label (its compact IRI when unlabelled), unless ``iris=True``. CSV and
JSON always carry every variable, IRIs and labels. CONSTRUCT/DESCRIBE results are
written as N-Triples whatever the format.

>>> import pyoxigraph as ox
>>> from kg.store import QueryResult
>>> r = QueryResult("select", variables=["x", "xLabel"],
...                 rows=[(ox.NamedNode("https://w3id.org/kg-toolkit/id/north-korea"),
...                        ox.Literal("North | Korea"))])
>>> print(to_markdown(r), end="")
| x |
| --- |
| North \\| Korea |
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from typing import Any

from kg.csvcell import defuse, json_escape_controls
from kg.errors import UsageError, printable
from kg.namespace import RDF, XSD
from kg.query.params import PREFIXES
from kg.store import QueryResult

__all__ = ["FORMATS", "render", "to_table", "to_csv", "to_json", "to_markdown", "compact_iri",
           "term_json"]

FORMATS = ("table", "csv", "json", "markdown")
_XSD_STRING = XSD.string
_LANG_STRING = RDF.langString
LABEL_SUFFIX = "Label"


def render(result: QueryResult, fmt: str = "table", **options: Any) -> str:
    """``result`` as text in ``fmt`` (one of :data:`FORMATS`).

    :raises UsageError: for an unknown format.
    """
    writers: dict[str, Callable[..., str]] = {"table": to_table, "csv": to_csv, "json": to_json,
                                              "markdown": to_markdown}
    if fmt not in writers:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        text = _ntriples(result)
        if options.get("terminal"):  # N-Triples keeps ESC and bidi characters raw
            return "".join(printable(line) + "\n" for line in text.splitlines())
        return text
    if fmt in ("table", "markdown"):
        return writers[fmt](result, **options)
    if fmt == "csv":
        return to_csv(result, terminal=bool(options.get("terminal")))
    return writers[fmt](result)


# -- W3C formats ------------------------------------------------------------------------------

def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 JSON results encoding."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    bindings = [{v: term_json(t) for v, t in zip(result.variables, row, strict=True)
                 if t is not None} for row in result.rows]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    # control, bidi and invisible characters as \uXXXX: same JSON, safe on a terminal
    return json_escape_controls(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def to_csv(result: QueryResult, *, terminal: bool = False) -> str:
    """SPARQL 1.1 Query Results CSV (ASK: a one-cell ``boolean`` table, as CSV cannot say more).

    Cells a spreadsheet would run as formulas get a leading apostrophe (numeric literals
    excepted: :func:`kg.csvcell.defuse`). With ``terminal`` (output to a terminal),
    control, bidi and invisible characters are shown as escapes (``\\x1b``, ``\\u202e``).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        cells = [_csv_value(t) for t in row]
        writer.writerow([printable(c) for c in cells] if terminal else cells)
    return buf.getvalue()


_NUMERIC = frozenset(XSD[t] for t in (
    "integer", "decimal", "double", "float", "long", "int", "short", "byte",
    "nonNegativeInteger", "nonPositiveInteger", "negativeInteger", "positiveInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))


def _csv_value(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return defuse(term.value, numeric=term.datatype.value in _NUMERIC)
    return term.value


# -- human formats ----------------------------------------------------------------------------

def compact_iri(iri: str) -> str:
    """``https://w3id.org/kg-toolkit/id/north-korea`` -> ``kgd:north-korea``."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _cell(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.Literal) else str(term)


def _columns(result: QueryResult, iris: bool) -> list[tuple[str, list[str]]]:
    """(header, cells) per shown column; ``?x`` and ``?xLabel`` merge unless ``iris``."""
    variables = result.variables
    merged = {v[: -len(LABEL_SUFFIX)] for v in variables
              if v.endswith(LABEL_SUFFIX) and v[: -len(LABEL_SUFFIX)] in variables}
    cols: list[tuple[str, list[str]]] = []
    for i, var in enumerate(variables):
        if not iris and var.endswith(LABEL_SUFFIX) and var[: -len(LABEL_SUFFIX)] in merged:
            continue
        if not iris and var in merged:
            j = variables.index(var + LABEL_SUFFIX)
            cells = [_cell(row[j]) if row[j] is not None else _cell(row[i])
                     for row in result.rows]
        else:
            cells = [_cell(row[i]) for row in result.rows]
        cols.append((var, cells))
    return cols


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines_as_marks(text: str, mark: str) -> str:
    for brk in ("\r\n", "\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"):
        text = text.replace(brk, mark)
    return text


def _cut(text: str, limit: int) -> str:
    # Terminal-safe: line breaks as ⏎, and no control, bidi or invisible character that
    # could move the cursor, clear the screen or reorder the text (they become escapes).
    text = printable(_lines_as_marks(text, "⏎").replace("\t", " "))
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        w = _width(c)
        if used + w > limit - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def to_table(result: QueryResult, *, max_width: int | None = 40, total_width: int | None = None,
             iris: bool = False, total: int | None = None) -> str:
    """An aligned text table; cells longer than ``max_width`` end in an ellipsis.

    With ``total_width`` (the terminal's), the widest columns shrink (to 8 at least)
    until the table fits; when even that is too wide, each row is written as a record
    (one ``column: value`` line per cell), cut to the width. ``max_width=None`` keeps
    whole cells. ``total``: the rows of the whole answer, for a footer "(N of M rows)".
    """
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    limit = max_width if max_width is not None else 1 << 30
    cols = [(h, [_cut(c, limit) for c in cells]) for h, cells in _columns(result, iris)]
    widths = [max([_width(h), *(_width(c) for c in cells)]) for h, cells in cols]
    if total_width:
        room = total_width - 2 * (len(widths) - 1)
        widths = _fit(widths, room)
        if sum(widths) > room and result.rows:
            return _records(result, cols, total_width, total)
        cols = [(h, [_cut(c, w) for c in cells]) for (h, cells), w in zip(cols, widths,
                                                                              strict=True)]
    sep = "  "
    lines = [sep.join(_pad(_cut(h, w), w) for (h, _), w in zip(cols, widths, strict=True)),
             sep.join("-" * w for w in widths)]
    for r in range(len(result.rows)):
        lines.append(sep.join(_pad(cells[r], w) for (_, cells), w in zip(cols, widths,
                                                                           strict=True)))
    lines.append(_footer(len(result.rows), total))
    if total_width:  # an empty answer's header, too wide even shrunk, is cut
        lines = [line if _width(line) <= total_width else _cut(line, total_width)
                 for line in lines]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _footer(n: int, total: int | None) -> str:
    if total is not None and total != n:
        return f"({n} of {total} rows)"
    return f"({n} row{'s' * (n != 1)})"


def _records(result: QueryResult, cols: list[tuple[str, list[str]]], width: int,
             total: int | None) -> str:
    """Rows too wide for the terminal: one ``column: value`` line per cell, cut to fit."""
    key = max(_width(h) for h, _ in cols)
    lines = []
    for r in range(len(result.rows)):
        lines.append(_cut(f"-- row {r + 1} ", width).ljust(min(width, 40), "-"))
        lines += [_pad(_cut(h, key), key) + "  " + _cut(cells[r], max(8, width - key - 2))
                  for h, cells in cols]
    lines.append(_footer(len(result.rows), total))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _fit(widths: list[int], room: int, floor: int = 8) -> list[int]:
    widths = list(widths)
    while sum(widths) > room:
        i = max(range(len(widths)), key=widths.__getitem__)
        if widths[i] <= floor:
            break
        widths[i] -= 1
    return widths


_MD_ESCAPES = {ord(c): "\\" + c for c in "\\|`*_[]~"} | {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}


def _md(text: str) -> str:
    # One cell, inert: Markdown syntax and HTML escaped, line breaks as <br>, controls
    # and bidi overrides as visible escapes.
    return printable(_lines_as_marks(text.translate(_MD_ESCAPES), "<br>"))


def to_markdown(result: QueryResult, *, iris: bool = False, **_: Any) -> str:
    """A GitHub-flavoured Markdown table (``|`` escaped, newlines as ``<br>``)."""
    if result.kind == "ask":
        return "| boolean |\n| --- |\n| " + ("true" if result.boolean else "false") + " |\n"
    cols = _columns(result, iris)
    lines = ["| " + " | ".join(_md(h) for h, _ in cols) + " |",
             "| " + " | ".join("---" for _ in cols) + " |"]
    for r in range(len(result.rows)):
        lines.append("| " + " | ".join(_md(cells[r]) for _, cells in cols) + " |")
    return "\n".join(lines) + "\n"


def _ntriples(result: QueryResult) -> str:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples)
