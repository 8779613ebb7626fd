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

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import QueryError
from kg.query.lists import list_columns, sort_list_cells
from kg.query.pack import Param, QuerySpec, load_query
from kg.query.params import resolve_params
from kg.query.prefixes import with_prefixes
from kg.store import Queryable, QueryableLike, QueryResult, StoreLike

__all__ = ["Answer", "Prepared", "prepare", "run_query", "run_spec", "with_limit", "with_page",
           "split_page", "split_factuality", "opened_store", "strip_comments", "count_rows",
           "ALL_ROWS", "NONFACTUAL_PARAM", "NONFACTUAL_VARIABLE"]

# Page parameters asking a paged query for every row (``kg query NAME --param limit=0``).
ALL_ROWS = {"limit": "0"}

# ``--param include-nonfactual=true`` (any query): also answer with what did not happen by the
# factuality rule (docs/sources.md). The runner binds it to the query's ``?includeNonfactual``;
# each question filters with ``FILTER(?includeNonfactual || NOT EXISTS { GRAPH
# derived:factuality { ?item kg:happened false } })``, which, unbound (the text run as
# written), keeps only what happened.
NONFACTUAL_PARAM = "include-nonfactual"
NONFACTUAL_VARIABLE = "includeNonfactual"
_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


@dataclass
class Answer:
    """A query's result with what produced it (for writers and reports)."""

    spec: QuerySpec
    result: QueryResult
    bindings: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0
    page: tuple[int, int] | None = None  # (limit, offset) of a paged query; limit 0: all rows
    total: int | None = None  # rows of the whole answer, when counted (see count_rows)
    include_nonfactual: bool = False


def run_query(query: str | Path | QuerySpec, store: StoreLike = None, *,
              params: Mapping[str, str] | None = None, limit: int | None = None,
              timeout_s: float | None = None, include_nonfactual: bool = False) -> QueryResult:
    """Answer ``query`` (a pack name, a ``.rq`` path or a loaded spec) on ``store``.

    ``store`` is an open store, a location for :func:`kg.store.open_store` (a
    directory or an ``http(s)://`` endpoint), or ``None`` for ``build/store``.
    ``limit`` keeps at most that many rows (``0``, as ``None``: every row); a paged
    question's page is asked with ``params={"limit": "N", "offset": "M"}`` (``"0"``: every
    row). By default a question answers with what happened by the factuality rule
    (docs/sources.md); ``include_nonfactual=True`` (or the parameter
    ``include-nonfactual=true``) adds the rest, marked in its factuality columns.

    :raises QueryError: unknown query, bad header or syntax, missing or unresolvable
        parameter, timeout.
    :raises StoreError: / :raises EndpointError: when the store cannot be reached.
    """
    return run_spec(query, store, params=params, limit=limit, timeout_s=timeout_s,
                    include_nonfactual=include_nonfactual).result


def run_spec(query: str | Path | QuerySpec, store: QueryableLike = None, *,
             params: Mapping[str, str] | None = None, limit: int | None = None,
             timeout_s: float | None = None, include_nonfactual: bool = False) -> Answer:
    """Like :func:`run_query`, returning an :class:`Answer` with the bindings and the time."""
    import time

    spec = query if isinstance(query, QuerySpec) else load_query(query)
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    limit = limit or None  # 0: every row, as for a paged question's page
    with opened_store(store) as live:
        ready = prepare(spec, live, params, limit=limit, timeout_s=timeout_s,
                        include_nonfactual=include_nonfactual)
        start = time.perf_counter()
        result = live.query(ready.text, bindings=ready.bindings or None, timeout_s=timeout_s)
        seconds = time.perf_counter() - start
    sort_list_cells(result, list_columns(ready.text))  # GROUP_CONCAT's order is the engine's
    if limit is not None and result.kind == "select":
        result.rows = result.rows[:limit]
    return Answer(spec=ready.spec, result=result, bindings=ready.bindings, seconds=seconds,
                  page=ready.page, include_nonfactual=ready.include_nonfactual)


@dataclass
class Prepared:
    """What is sent to the store for one question: its text (comments stripped, page and
    limit applied, prefixes added) and its bindings (parameters resolved,
    ``?includeNonfactual`` when the text uses it)."""

    spec: QuerySpec
    text: str
    bindings: dict[str, object]
    page: tuple[int, int] | None
    include_nonfactual: bool

    def bound_text(self) -> str:
        """The text with its bindings in ``VALUES`` blocks, as the store runs it (for an
        engine given text only: ``kg bench``'s child processes, rdflib)."""
        from kg.store.bind import bind_values

        return bind_values(self.text, self.bindings) if self.bindings else self.text


def prepare(spec: QuerySpec, store: Queryable, params: Mapping[str, str] | None = None, *,
            limit: int | None = None, timeout_s: float | None = None,
            include_nonfactual: bool = False) -> Prepared:
    """``spec`` ready to run on ``store`` as ``kg query`` runs it (one path for ``kg query``,
    the library and ``kg bench``): page parameters, ``include-nonfactual`` (bound to
    ``?includeNonfactual``, ``false`` by default), other parameters resolved on ``store``.

    ``limit``: at most that many rows (``0``: every row).

    :raises QueryError: bad page, factuality or other parameter, negative ``limit``.
    """
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    limit = limit or None
    params, page = split_page(spec, params)
    params, asked = split_factuality(spec, params)
    include_nonfactual = bool(include_nonfactual or asked)
    if spec.plain and params:  # plain SPARQL: each --param NAME=VALUE binds ?NAME
        spec = replace(spec, params=tuple(Param(name, None, "given on the command line")
                                          for name in params))
    bindings = resolve_params(spec, store, params, timeout_s=timeout_s)
    text = strip_comments(spec.text)
    if _uses_factuality(text):
        bindings[NONFACTUAL_VARIABLE] = include_nonfactual
    text = with_page(text, spec.page, *page) if page is not None else text
    text = with_limit(text, limit) if limit is not None else text
    return Prepared(spec, with_prefixes(text), bindings, page, include_nonfactual)


def split_factuality(spec: QuerySpec, params: Mapping[str, str] | None
                     ) -> tuple[dict[str, str], bool]:
    """``params`` without ``include-nonfactual``, and its value (``False`` when absent).

    Every query takes it; one that holds nothing that may not have happened (actors,
    places, links) answers the same either way.

    :raises QueryError: for a value that is not true/false (yes/no, 1/0, on/off).
    """
    rest = dict(params or {})
    value = rest.pop(NONFACTUAL_PARAM, None)
    if value is None:
        return rest, False
    text = str(value).strip().lower()
    if text in _TRUE or text == "":
        return rest, True
    if text in _FALSE:
        return rest, False
    raise QueryError(f"{spec.name}: --param {NONFACTUAL_PARAM}={value!r}: expected true or "
                     f"false")


def _uses_factuality(text: str) -> bool:
    from kg.store.bind import variables_of
    from kg.store.guard import tokenize

    return NONFACTUAL_VARIABLE in variables_of(tokenize(text))


def count_rows(answer: Answer, store: Queryable, *, timeout_s: float | None = None) -> int | None:
    """How many rows the whole answer of a paged query has (``None`` if that takes too long).

    A question that gives one row per fact (its ``# key:`` variables all chosen by the page's
    sub-select, and no other question's ``-detail`` companion) has as many rows as its page
    sub-select has distinct keys: that sub-select alone is counted, without the lists, labels
    and quotes of every row. Any other paged query runs without its page, wrapped in
    ``SELECT (COUNT(*) ...) { ... }``.
    """
    from kg.store.guard import tokenize

    spec = answer.spec
    if spec.page is None or answer.result.kind != "select":
        return None
    text = with_page(strip_comments(spec.text), spec.page, 0, 0)
    counted = _facts_count(spec, strip_comments(spec.text))
    if counted is None:
        tokens = tokenize(text)
        head = next((t for t in tokens if t.kind == "word" and t.text.upper() == "SELECT"), None)
        if head is None:
            return None
        counted = (text[:head.pos] + "SELECT (COUNT(*) AS ?kgRowCount) WHERE {\n"
                   + text[head.pos:] + "\n}")
    try:
        result = store.query(with_prefixes(counted), bindings=answer.bindings or None,
                             timeout_s=timeout_s)
    except QueryError:
        return None
    values = result.values()
    return int(values[0][0]) if values and values[0][0] is not None else None


def page_select(text: str, size: int) -> tuple[int, int, int] | None:
    """``(start, order, end)`` of the page's sub-select in a paged query ``text`` (comments
    stripped): where its ``SELECT`` starts, where its ``ORDER BY`` (or its ``LIMIT``) starts,
    and where its ``LIMIT size`` ends; ``None`` when the LIMIT is not in a sub-select."""
    from kg.query.pack import page_limit_token
    from kg.store.guard import tokenize

    word, number = page_limit_token(text, size)
    tokens = tokenize(text)
    at = next(i for i, t in enumerate(tokens) if t.pos == word.pos)
    depth, order = 0, word.pos
    for i in range(at - 1, -1, -1):
        tok = tokens[i]
        if tok.kind == "punct" and tok.text == "}":
            depth += 1
        elif tok.kind == "punct" and tok.text == "{":
            if depth == 0:
                following = tokens[i + 1] if i + 1 < at else None
                if following is None or following.text.upper() != "SELECT":
                    return None
                return following.pos, order, number.pos + len(number.text)
            depth -= 1
        elif (depth == 0 and tok.kind == "word" and tok.text.upper() == "ORDER"
              and tokens[i + 1].text.upper() == "BY"):
            order = tok.pos
    return None


def _facts_count(spec: QuerySpec, text: str) -> str | None:
    """The count query of a one-row-per-fact question: distinct keys of its page sub-select."""
    from kg.store.bind import variables_of
    from kg.store.guard import tokenize

    if not spec.key or spec.page is None or _is_detail(spec):
        return None
    where = page_select(text, spec.page)
    if where is None:
        return None
    start, order, _ = where
    page = text[start:order]
    head = page[:page.upper().index("WHERE")] if "WHERE" in page.upper() else ""
    if not set(spec.key) <= variables_of(tokenize(head)):
        return None  # the page picks something else than facts (provenance: supports)
    keys = " ".join(f"?{k}" for k in spec.key)
    prologue = text[:text.upper().index("SELECT")]
    return (prologue + f"SELECT (COUNT(*) AS ?kgRowCount) WHERE {{\n"
            f"  {{ SELECT DISTINCT {keys} WHERE {{\n  {{ {page} }}\n  }} }}\n}}")


def _is_detail(spec: QuerySpec) -> bool:
    """Whether another question of ``spec``'s folder names it as its full rows (``# detail:``)."""
    from kg.query.pack import list_queries

    try:
        return any(other.detail == spec.name for other in list_queries(spec.path.parent))
    except QueryError:
        return True  # a folder we cannot read: count every row, the safe way


def split_page(spec: QuerySpec, params: Mapping[str, str] | None
               ) -> tuple[dict[str, str], tuple[int, int] | None]:
    """``params`` without the page parameters, and the page ``(limit, offset)``.

    The page is ``None`` for a query that is not paged (``limit``/``offset`` are then
    ordinary, undeclared parameters, refused by the resolver).

    :raises QueryError: for a page parameter that is not a whole number >= 0.
    """
    rest = dict(params or {})
    if spec.page is None:
        return rest, None
    page = []
    for name, default in (("limit", spec.page), ("offset", 0)):
        value = rest.pop(name, None)
        if value is None or value == "":
            page.append(default)
            continue
        text = str(value).strip()
        if not text.isascii() or not text.isdigit():
            raise QueryError(f"{spec.name}: --param {name}={value!r}: expected a whole number "
                             f">= 0" + (" (0: every row)" if name == "limit" else ""))
        page.append(int(text))
    return rest, (page[0], page[1])


def with_page(text: str, size: int | None, limit: int, offset: int) -> str:
    """A paged query ``text`` (one ``LIMIT size``) asking for ``limit`` rows after ``offset``.

    ``limit`` 0 removes the LIMIT (every row). The numbers are formatted from ``int``s.
    """
    from kg.query.pack import page_limit_token

    if size is None:
        raise QueryError("with_page: the query is not paged")
    word, number = page_limit_token(text, size)
    clause = f"LIMIT {int(limit)}" if int(limit) > 0 else ""
    if int(offset) > 0:
        clause = (clause + f" OFFSET {int(offset)}").strip()
    return text[:word.pos] + clause + text[number.pos + len(number.text):]


@contextmanager
def opened_store(store: QueryableLike = None) -> Iterator[Queryable]:
    """Yield an open store; open (and later close) one when given a location or ``None``."""
    if store is not None and not isinstance(store, (str, Path)):
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

    The header block is for people and tools, not for the engine (local or remote).
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

