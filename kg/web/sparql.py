"""The query page ``/sparql``: any read query, or a question of the pack with its parameters.

The query is kept in the URL — ``/sparql?query=…`` runs that text, ``/sparql?pack=NAME&P=…``
a pack question with parameters — so a link reproduces the page. Prefixes of
:data:`kg.prefixes.PREFIXES` (the table ``kg query`` predefines) that a query uses
without declaring are declared for it (on its first line, so reported line numbers stay
those of the text). Errors come back as
``{"kind": "syntax"|"timeout"|"refused"|"error", "message", "line", "column"}``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlencode

from kg.errors import EndpointError, KGError, QueryError, StoreError
from kg.iris import derived_graph
from kg.prefixes import PREFIXES, prefix_block
from kg.web.cells import table

if TYPE_CHECKING:
    from kg.query.pack import QuerySpec
    from kg.store.protocol import Queryable
    from kg.store.result import QueryResult
    from kg.web.models import QueryErrorInfo, Question, SparqlModel


class Answer(TypedDict):
    """What :func:`answer` returns: the text run, its result, the seconds it took, and how
    many characters of predefined prefixes were put before the text."""

    text: str
    result: QueryResult
    seconds: float
    offset: int


__all__ = ["sparql_model", "answer", "with_prefixes", "questions", "DEFAULT_QUERY"]

DEFAULT_QUERY = f"""\
# The most mentioned actors, with the number of words anchored to each.
# Ctrl-Enter runs the query. The prefixes kg:, kgd:, rdfs:, oa:... are predefined.
SELECT ?actor ?label (COUNT(?annotation) AS ?anchors) WHERE {{
  ?annotation oa:hasBody ?actor .
  ?actor a kg:Actor .
  OPTIONAL {{ GRAPH <{derived_graph("display-labels")}> {{
    ?actor rdfs:label ?label }} }}
}}
GROUP BY ?actor ?label
ORDER BY DESC(?anchors) ?label
LIMIT 20
"""
_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.S)
_TIMEOUT = re.compile(r"time ?out|timed out|deadline", re.I)
_REFUSED = re.compile(r"refused|read-only|not allowed", re.I)


def questions(pack_dir: str | Path | None = None) -> list[Question]:
    """The question pack as the page lists it: name, title, question, parameters."""
    from kg.query.pack import list_queries

    return [{"name": s.name, "title": s.title, "question": s.question,
             "params": [{"name": p.name, "default": p.default or "", "required": p.required,
                         "description": p.description} for p in s.params],
             "paged": s.page is not None}
            for s in list_queries(pack_dir)]


def with_prefixes(query: str) -> tuple[str, int]:
    """``query`` with the project prefixes it uses but does not declare, on its first line;
    and the number of characters added before the text (to correct line-1 columns)."""
    from kg.store.guard import tokenize

    try:
        tokens = tokenize(query)
    except QueryError:
        return query, 0  # the engine reports where
    declared = {tokens[i + 1].text.split(":", 1)[0] for i, t in enumerate(tokens[:-1])
                if t.kind == "word" and t.text.upper() == "PREFIX"}
    used = {t.text.split(":", 1)[0] for t in tokens if t.kind == "pname"}
    missing = sorted((used - declared) & set(PREFIXES))
    head = prefix_block({p: PREFIXES[p] for p in missing}, align=False).replace("\n", " ")
    return head + query, len(head)


def answer(store: Queryable, *, query: str | None = None, pack: str | None = None,
           params: dict[str, str] | None = None, pack_dir: str | Path | None = None
           ) -> Answer:
    """Run a query text or a pack question: ``{"text", "result", "seconds"}`` where
    ``result`` is the store's :class:`~kg.store.QueryResult`.

    :raises QueryError: / :raises StoreError: / :raises EndpointError: as the store does.
    """
    from kg.query.pack import load_query
    from kg.query.run import run_spec

    start = time.perf_counter()
    if pack:
        spec = load_query(pack, pack_dir)
        done = run_spec(spec, store, params=params or {})
        return {"text": _bound_text(spec, done.bindings), "result": done.result,
                "seconds": time.perf_counter() - start, "offset": 0}
    if not query or not query.strip():
        raise QueryError("the query is empty")
    text, offset = with_prefixes(query)
    try:
        result = store.query(text)
    except QueryError as exc:
        raise _shifted(exc, offset) from None
    return {"text": query, "result": result, "seconds": time.perf_counter() - start,
            "offset": offset}


def sparql_model(store: Queryable, *, query: str | None = None, pack: str | None = None,
                 params: dict[str, str] | None = None, pack_dir: str | Path | None = None
                 ) -> SparqlModel:
    """The query page's data: the editor's text, the pack, and the result or the error."""
    model: SparqlModel = {
        "query": query if query is not None else (None if pack else DEFAULT_QUERY),
        "pack": pack or None, "params": dict(params or {}), "prefixes": PREFIXES,
        "questions": questions(pack_dir), "result": None, "error": None, "seconds": None,
        "downloads": None}
    if not (query and query.strip()) and not pack:
        return model
    try:
        done = answer(store, query=query, pack=pack, params=params, pack_dir=pack_dir)
    except (QueryError, StoreError, EndpointError, KGError) as exc:
        model["error"] = error_of(exc)
        if pack and model["query"] is None:
            model["query"] = _pack_text(pack, pack_dir)
        return model
    model["query"], model["result"] = done["text"], table(done["result"])
    model["seconds"] = round(done["seconds"], 3)
    args = [("pack", pack)] + sorted((params or {}).items()) if pack else [("query", query)]
    model["downloads"] = {fmt: f"/sparql.{fmt}?{urlencode(args)}" for fmt in ("csv", "json")}
    return model


def error_of(exc: Exception) -> QueryErrorInfo:
    """What the page shows for a failed query: kind, message, and position when known."""
    message = " ".join(str(exc).split())
    found = _POSITION.search(message)
    if found:
        return {"kind": "syntax", "message": message, "line": int(found.group(1)),
                "column": int(found.group(2))}
    kind = ("timeout" if _TIMEOUT.search(message) else
            "refused" if _REFUSED.search(message) else "error")
    return {"kind": kind, "message": message, "line": None, "column": None}


def _shifted(exc: QueryError, offset: int) -> QueryError:
    """The engine's error with line-1 columns counted in the user's text."""
    if not offset:
        return exc

    def fix(m: re.Match[str]) -> str:
        line, col = int(m.group(1)), int(m.group(2))
        return f"error at {line}:{max(1, col - offset) if line == 1 else col}:"

    return QueryError(re.sub(r"error at (\d+):(\d+):", fix, str(exc)))


def _bound_text(spec: QuerySpec, bindings: Mapping[str, object]) -> str:
    """The pack question's text with its parameters bound (what a link to it would run)."""
    from kg.store.bind import bind_values

    if not bindings:
        return spec.text
    try:
        return bind_values(spec.text, bindings)
    except QueryError:
        return spec.text


def _pack_text(name: str, pack_dir: str | Path | None) -> str:
    try:
        from kg.query.pack import load_query

        return load_query(name, pack_dir).text
    except QueryError:
        return ""
