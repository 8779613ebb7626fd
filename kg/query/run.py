"""Run a pack query (by name) or any ``.rq`` file, with parameters, on any store.

>>> from kg.store import open_store
>>> with open_store() as store:                                  # an empty in-memory store
...     run_query("wikidata-links", store).variables[:2]
['item', 'itemLabel']

The store is the store layer's (:func:`kg.store.open_store`): the embedded
Oxigraph in ``build/store`` by default, or a remote SPARQL endpoint URL. Both
answer over the union of named graphs and bind parameters the same safe way.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.query.pack import QuerySpec, load_query
from kg.query.params import resolve_params
from kg.store import QueryResult

__all__ = ["Answer", "run_query", "run_spec", "with_limit", "opened_store", "strip_comments"]


@dataclass
class Answer:
    """A query's result with what produced it (for writers and reports)."""

    spec: QuerySpec
    result: QueryResult
    bindings: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def run_query(query: str | Path | QuerySpec, store: Any = None, *,
              params: Mapping[str, str] | None = None, limit: int | None = None,
              timeout_s: float | None = None) -> QueryResult:
    """Answer ``query`` (a pack name, a ``.rq`` path or a loaded spec) on ``store``.

    ``store`` is an open store, a location for :func:`kg.store.open_store` (a
    directory or an ``http(s)://`` endpoint), or ``None`` for ``build/store``.

    :raises QueryError: unknown query, bad header or syntax, missing or unresolvable
        parameter, timeout.
    :raises StoreError: / :raises EndpointError: when the store cannot be reached.
    """
    return run_spec(query, store, params=params, limit=limit, timeout_s=timeout_s).result


def run_spec(query: str | Path | QuerySpec, store: Any = None, *,
             params: Mapping[str, str] | None = None, limit: int | None = None,
             timeout_s: float | None = None) -> Answer:
    """Like :func:`run_query`, returning an :class:`Answer` with the bindings and the time."""
    import time

    spec = query if isinstance(query, QuerySpec) else load_query(query)
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    with opened_store(store) as live:
        bindings = resolve_params(spec, live, params, timeout_s=timeout_s)
        text = strip_comments(spec.text)
        text = with_limit(text, limit) if limit is not None else text
        start = time.perf_counter()
        result = live.query(text, bindings=bindings or None, timeout_s=timeout_s)
        seconds = time.perf_counter() - start
    if limit is not None and result.kind == "select":
        result.rows = result.rows[:limit]
    return Answer(spec=spec, result=result, bindings=bindings, seconds=seconds)


@contextmanager
def opened_store(store: Any = None):
    """Yield an open store; open (and later close) one when given a location or ``None``."""
    if store is not None and hasattr(store, "query"):
        yield store
        return
    from kg.store import DEFAULT_STORE, open_store

    live = open_store(str(store) if store is not None else DEFAULT_STORE)
    try:
        yield live
    finally:
        live.close()


def strip_comments(text: str) -> str:
    """``text`` without its ``#`` comments (line breaks kept, so line numbers do not move).

    The header block is for people and tools, not for the engine; and SPARQLWrapper
    guesses the query form with a regular expression that sees through only every
    other comment line, so a header word such as "added" made it send an ``ADD``
    update to remote endpoints.
    """
    from kg.store.guard import tokenize

    comments = [t for t in tokenize(text, keep_comments=True) if t.kind == "comment"]
    for tok in reversed(comments):
        text = text[:tok.pos] + text[tok.pos + len(tok.text):]
    return text


def with_limit(text: str, limit: int) -> str:
    """``text`` with its solutions capped at ``limit`` (an existing smaller LIMIT is kept).

    The number is formatted from an ``int``: no user text enters the query.
    """
    from kg.store.guard import query_form, tokenize

    limit = int(limit)
    tokens = tokenize(text)
    if query_form(tokens) == "ASK":
        return text
    depth, found, trailing_values = 0, None, None
    for i, tok in enumerate(tokens):
        if tok.kind == "punct" and tok.text in "{}":
            depth += 1 if tok.text == "{" else -1
        elif depth == 0 and tok.kind == "word" and tok.text.upper() == "LIMIT":
            found = i
        elif depth == 0 and tok.kind == "word" and tok.text.upper() == "VALUES":
            trailing_values = tok.pos
    if found is not None and found + 1 < len(tokens) and tokens[found + 1].kind == "number":
        num = tokens[found + 1]
        current = int(num.text)
        return text[:num.pos] + str(min(current, limit)) + text[num.pos + len(num.text):]
    if trailing_values is not None:  # a depth-0 VALUES can only be the trailing clause
        return text[:trailing_values] + f"LIMIT {limit}\n" + text[trailing_values:]
    return text.rstrip() + f"\nLIMIT {limit}\n"

