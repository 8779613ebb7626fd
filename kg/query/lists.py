"""List cells in a fixed order: the items of ``GROUP_CONCAT(...; SEPARATOR="; ")`` sorted.

SPARQL leaves the order of GROUP_CONCAT's items to the engine, and Oxigraph's varies from
one process to the next (the embedded store and an Oxigraph server give the same items in
different orders). The runner therefore sorts the items of every column a query fills
with a GROUP_CONCAT that names its separator, in code-point order, so one question gives
the same bytes on every store. A column filled without an explicit separator (the
default, a space) is left as the engine wrote it: its items cannot be told apart. A
column bound from a list column (``BIND(IF(?list != "", ?list, ?none) AS ?shown)``) is a
list column too.

An empty item is no item: the pack's lists are written ``GROUP_CONCAT(DISTINCT COALESCE(x,
""); SEPARATOR="; ")``, because a GROUP_CONCAT over a row that leaves ``x`` unbound is unbound
in Oxigraph (the whole list lost when one tie of a pair has no via, one document no grade),
and the runner drops the empty items that rows without a value add; a list with no item left
is unbound, as the engine gives a list over no value.

>>> list_columns('SELECT (GROUP_CONCAT(DISTINCT ?l; SEPARATOR="; ") AS ?names) {}')
{'names': '; '}
>>> sorted_cell("Russia; China", "; ")
'China; Russia'
>>> sorted_cell("; Russia", "; ")
'Russia'
"""

from __future__ import annotations

from kg.store import QueryResult

__all__ = ["list_columns", "sorted_cell", "sort_list_cells"]


def list_columns(text: str) -> dict[str, str]:
    """``{variable: separator}`` for each ``(GROUP_CONCAT(...; SEPARATOR="s") AS ?variable)``."""
    from kg.store.guard import tokenize

    tokens = tokenize(text)
    out: dict[str, str] = {}
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.text.upper() != "GROUP_CONCAT":
            continue
        depth, j, separator = 0, i + 1, None
        while j < len(tokens):
            t = tokens[j]
            if t.kind == "punct" and t.text == "(":
                depth += 1
            elif t.kind == "punct" and t.text == ")":
                depth -= 1
                if depth == 0:
                    break
            elif (depth == 1 and t.kind == "word" and t.text.upper() == "SEPARATOR"
                  and j + 2 < len(tokens) and tokens[j + 2].kind == "string"):
                separator = _string_value(tokens[j + 2].text)
            j += 1
        if (separator and j + 2 < len(tokens) and tokens[j + 1].kind == "word"
                and tokens[j + 1].text.upper() == "AS" and tokens[j + 2].kind == "var"):
            out[tokens[j + 2].text[1:]] = separator
    return _follow_binds(tokens, out)


def _follow_binds(tokens: list, lists: dict[str, str]) -> dict[str, str]:
    """``lists`` with each ``BIND(... ?list ... AS ?name)`` over list columns added."""
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or tok.text.upper() != "BIND":
            continue
        depth, j, used = 0, i + 1, set()
        while j < len(tokens):
            t = tokens[j]
            depth += (t.kind == "punct" and t.text == "(") - (t.kind == "punct" and t.text == ")")
            if depth == 0:
                break
            if t.kind == "var" and t.text[1:] in lists:
                used.add(lists[t.text[1:]])
            elif (depth == 1 and t.kind == "word" and t.text.upper() == "AS"
                  and j + 1 < len(tokens) and tokens[j + 1].kind == "var" and len(used) == 1):
                lists.setdefault(tokens[j + 1].text[1:], used.pop())
            j += 1
    return lists


def _string_value(literal: str) -> str | None:
    """The value of a short SPARQL string literal without escapes (``None`` otherwise)."""
    quote = 3 if literal[:3] in ('"""', "'''") else 1
    body = literal[quote:-quote]
    return None if "\\" in body else body


def sorted_cell(value: str, separator: str) -> str:
    """``value``'s items (split on ``separator``) in code-point order, empty items dropped."""
    return separator.join(sorted(item for item in value.split(separator) if item))


def sort_list_cells(result: QueryResult, columns: dict[str, str]) -> QueryResult:
    """``result`` with the items of its list ``columns`` sorted and empty items dropped (a
    list left with none unbound), in place (and returned)."""
    import pyoxigraph as ox

    where = [(result.variables.index(v), sep) for v, sep in columns.items()
             if v in result.variables]
    if result.kind != "select" or not where:
        return result
    rows = []
    for row in result.rows:
        cells = list(row)
        for i, sep in where:
            cell = cells[i]
            if isinstance(cell, ox.Literal) and (sep in cell.value or not cell.value):
                value = sorted_cell(cell.value, sep)
                cells[i] = (None if not value
                            else ox.Literal(value, language=cell.language) if cell.language
                            else ox.Literal(value, datatype=cell.datatype))
        rows.append(tuple(cells))
    result.rows = rows
    return result
