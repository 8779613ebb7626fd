"""Bind query parameters safely, the same way for the embedded store and remote endpoints.

A binding becomes a ``VALUES`` block at the start of the query's outermost
``WHERE`` group, written from properly serialized terms (pyoxigraph's N-Triples
form, which escapes quotes, backslashes and newlines; IRIs are validated). User
strings are never spliced into the query text. Because the block sits inside the
``WHERE`` group, ``FILTER``s of that group see the value, and the variable need
not be projected (pyoxigraph's own ``substitutions`` require that it is).

A parameter is a constant of the whole query: every sub-select that projects the
variable (by name, or with ``SELECT *``) gets the same block at the start of its own
``WHERE`` group. The answers are those of the outer block alone (the sub-select's
rows are joined with it anyway), except that a sub-select's ``LIMIT``, ``ORDER BY``
and aggregates now apply to the parameter's rows, not to everyone's: a paged query
picks the page among the node's rows, and the engine does not evaluate the
sub-select for every node first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.errors import QueryError
from kg.namespace import XSD
from kg.store.guard import Token, query_form, tokenize

__all__ = ["to_term", "term_sparql", "bind_values", "variables_of"]


def to_term(value: Any) -> Any:
    """Turn a Python value, an rdflib term or a pyoxigraph term into a pyoxigraph term.

    ``str`` becomes a plain literal (never an IRI: pass ``NamedNode``/``URIRef`` for that).
    """
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, ox.BlankNode):
        raise QueryError("a blank node cannot be bound as a query parameter")
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD.boolean))
    if isinstance(value, int | float):
        return ox.Literal(value)
    if isinstance(value, str) and type(value) is str:
        return ox.Literal(value)
    import rdflib

    try:
        if isinstance(value, rdflib.URIRef):
            return ox.NamedNode(str(value))
        if isinstance(value, rdflib.Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
            return ox.Literal(str(value))
    except ValueError as exc:
        raise QueryError(f"invalid parameter value {value!r}: {exc}") from exc
    raise QueryError(f"cannot bind a {type(value).__name__} as a query parameter: {value!r}")


def term_sparql(value: Any) -> str:
    """The SPARQL (N-Triples) text of a bindable value."""
    return str(to_term(value))


def variables_of(tokens: list[Token]) -> set[str]:
    return {t.text[1:] for t in tokens if t.kind == "var"}


def _where_open_brace(tokens: list[Token]) -> int:
    """Index of the ``{`` opening the outermost WHERE group."""
    form = query_form(tokens)
    braces = [i for i, t in enumerate(tokens) if t.text == "{" and t.kind == "punct"]
    if not braces:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    if form != "CONSTRUCT":
        return braces[0]
    start = next(i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() == form)
    after = tokens[start + 1] if start + 1 < len(tokens) else None
    if after is not None and after.kind == "word" and after.text.upper() == "WHERE":
        raise QueryError("cannot bind parameters in the short form CONSTRUCT WHERE { ... }")
    depth = 0
    for i in range(braces[0], len(tokens)):  # skip the template, take the next group
        if tokens[i].kind != "punct":
            continue
        depth += tokens[i].text == "{"
        depth -= tokens[i].text == "}"
        if depth == 0:
            nxt = [j for j in braces if j > i]
            if not nxt:
                break
            return nxt[0]
    raise QueryError("cannot bind parameters: no WHERE group after the CONSTRUCT template")


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Return ``sparql`` with a VALUES block binding each ``name`` to its value.

    :raises QueryError: if a name is not a variable of the query or a value cannot be bound.
    """
    if not bindings:
        return sparql
    tokens = tokenize(sparql)
    known = variables_of(tokens)
    names = [n.lstrip("?$") for n in bindings]
    for name in names:
        if name not in known:
            raise QueryError(f"unknown parameter ?{name}: the query has no such variable")
    values = [term_sparql(v) for v in bindings.values()]
    block = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(values) + ") } ")
    sparql = _bind_sub_selects(sparql, tokens, dict(zip(names, values, strict=True)))
    tokens = tokenize(sparql)
    brace = tokens[_where_open_brace(tokens)]
    following = tokens[_where_open_brace(tokens) + 1]
    cut = brace.pos + 1
    if following.kind == "word" and following.text.upper() == "SELECT":
        # The group is a sub-select: wrap it, since VALUES cannot precede SELECT.
        close = _matching_close(tokens, _where_open_brace(tokens))
        return (sparql[:cut] + block + "{" + sparql[cut:close.pos] + "} "
                + sparql[close.pos:])
    return sparql[:cut] + block + sparql[cut:]


def _bind_sub_selects(sparql: str, tokens: list[Token], values: dict[str, str]) -> str:
    """``sparql`` with a VALUES block opening the WHERE group of every sub-select that
    projects one of the bound variables (only those variables)."""
    inserts: list[tuple[int, str]] = []
    for i, tok in enumerate(tokens):
        if not (tok.kind == "punct" and tok.text == "{" and i + 1 < len(tokens)
                and tokens[i + 1].kind == "word" and tokens[i + 1].text.upper() == "SELECT"):
            continue
        j = i + 2
        while j < len(tokens) and not (tokens[j].kind == "punct" and tokens[j].text == "{"):
            j += 1
        if j >= len(tokens):
            break
        head = tokens[i + 2:j]
        star = any(t.kind == "punct" and t.text == "*" for t in head)
        inside = variables_of(tokens[j:tokens.index(_matching_close(tokens, j))])
        projected = [n for n in values
                     if (star and n in inside)
                     or any(t.kind == "var" and t.text[1:] == n
                            and not (k > 0 and head[k - 1].kind == "word"
                                     and head[k - 1].text.upper() == "AS")
                            for k, t in enumerate(head))]
        if projected:
            inserts.append((tokens[j].pos + 1, " VALUES (" + " ".join(f"?{n}" for n in projected)
                            + ") { (" + " ".join(values[n] for n in projected) + ") } "))
    for pos, text in sorted(inserts, reverse=True):
        sparql = sparql[:pos] + text + sparql[pos:]
    return sparql


def _matching_close(tokens: list[Token], open_index: int) -> Token:
    depth = 0
    for tok in tokens[open_index:]:
        if tok.kind != "punct":
            continue
        depth += tok.text == "{"
        depth -= tok.text == "}"
        if depth == 0:
            return tok
    raise QueryError("unbalanced braces in the query")
