"""Refuse what a read path must never run: updates, ``LOAD`` and ``SERVICE``.

Oxigraph and rdflib both reach the network on their own for ``SERVICE`` and
``LOAD``, with no switch to turn that off, so queries are checked before they
reach an engine. The check is a SPARQL tokenizer, not a regular expression over
the raw text: string literals, comments and IRIs are skipped, so a label that
mentions "service" is fine while ``SERVICE <http://...>`` is refused. Unicode
escapes (``\\u0053ERVICE``) are decoded first, as the SPARQL grammar requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

__all__ = ["Token", "tokenize", "query_form", "check_query", "UPDATE_KEYWORDS", "MAX_NESTING"]

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# Oxigraph's parser and evaluator recurse: about 2,000 nested groups or parentheses
# overflow the stack of the thread running them and abort the process (a kg serve engine,
# or this Python process for the embedded store). Real queries nest a handful of levels.
MAX_NESTING = 200

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# Order matters: long strings before short ones, IRIs before the '<' operator.
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?:
              (?:[\w\-.:%\\\u00B7\u00C0-\uFFFF]*[\w\-:%\u00B7\u00C0-\uFFFF])?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*+\-/!=<>|^?$@])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, lang, pname, word, number, punct
    text: str
    pos: int


def _decode_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokenize(sparql: str, *, keep_comments: bool = False) -> list[Token]:
    """Split a SPARQL text into tokens; raise QueryError on a character no token starts with.

    Positions refer to ``sparql`` as given (escapes are not decoded here).
    """
    tokens: list[Token] = []
    pos, end = 0, len(sparql)
    while pos < end:
        m = _TOKEN.match(sparql, pos)
        if m is None:
            raise QueryError(f"cannot read the query at character {pos}: {sparql[pos:pos + 20]!r}")
        kind = m.lastgroup or "punct"
        if kind != "ws" and (keep_comments or kind != "comment"):
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    return tokens


def query_form(tokens: list[Token]) -> str:
    """The first query-form or update keyword of the query (``SELECT``, ``INSERT``, ...)."""
    for tok in tokens:
        if tok.kind == "word":
            upper = tok.text.upper()
            if upper in QUERY_FORMS or upper in UPDATE_KEYWORDS:
                return upper
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def check_query(sparql: str, *, allow_service: bool = False) -> str:
    """Check a read query and return its form (SELECT, ASK, CONSTRUCT, DESCRIBE).

    :raises QueryError: for updates, ``LOAD``, ``SERVICE`` unless ``allow_service``, and
        nesting deeper than :data:`MAX_NESTING`.
    """
    tokens = tokenize(_decode_escapes(sparql))
    depth = deepest = 0
    for tok in tokens:
        if tok.kind == "punct" and tok.text in ("(", "{", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif tok.kind == "punct" and tok.text in (")", "}", "]"):
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"the query nests {deepest} levels deep; more than {MAX_NESTING} is "
                         "refused (it would exhaust the SPARQL engine's stack)")
    for tok in tokens:
        if tok.kind != "word":
            continue
        upper = tok.text.upper()
        if upper == "SERVICE" and not allow_service:
            raise QueryError("SERVICE (federated query) is refused on this endpoint; "
                             "enable it explicitly (--allow-service) if you trust the query")
        if upper == "LOAD":
            raise QueryError("LOAD is refused: this is a read-only query path")
        if upper in UPDATE_KEYWORDS:
            raise QueryError(f"SPARQL Update ({upper}) is refused: this is a read-only query path")
    return query_form(tokens)
