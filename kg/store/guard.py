"""Refuse what a read path must never run: updates, ``LOAD`` and ``SERVICE``.

Oxigraph and rdflib both reach the network on their own for ``SERVICE`` and
``LOAD``, with no switch to turn that off, so queries are checked before they
reach an engine. The check is a SPARQL tokenizer, not a regular expression over
the raw text: string literals, comments and IRIs are skipped, so a label that
mentions "service" is fine while ``SERVICE <http://...>`` is refused. Unicode
escapes (``\\u0053ERVICE``) are decoded first, as the SPARQL grammar requires; an escape
that names no character (``\\UFFFFFFFF``, a surrogate) is refused.

The same check keeps queries that would crash the engine away from it. Oxigraph's parser
and evaluator recurse on nesting *and* on chains: UNION, OPTIONAL, BIND, MINUS, FILTER,
property paths (``/``, ``|``), operators (``+``, ``&&``...), each element one level deeper.
pyoxigraph 0.5.13 aborted (SIGSEGV) on 3,000 BINDs or MINUSes in one group and on 20,000
UNION branches, path steps or ``+`` terms; nesting 2,000 groups deep did too. So, before
any parser sees it, a query is refused if it is longer than :data:`MAX_QUERY_CHARS`, nests
deeper than :data:`MAX_NESTING`, or if the chain elements of one level plus those of the
levels around it exceed :data:`MAX_CHAIN` (a third of the smallest chain that crashed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import QueryError

__all__ = ["Token", "tokenize", "query_form", "check_query", "check_shape", "UPDATE_KEYWORDS",
           "MAX_NESTING", "MAX_CHAIN", "MAX_QUERY_CHARS"]

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# Oxigraph's parser and evaluator recurse: about 2,000 nested groups or parentheses
# overflow the stack of the thread running them and abort the process (a kg serve engine,
# or this Python process for the embedded store). Real queries nest a handful of levels.
MAX_NESTING = 200
# Chain elements along one path of the query (see the module docstring); real queries
# have a few dozen.
MAX_CHAIN = 1000
# Longer than any real query (the largest of the pack is 7 KB); checked before tokenizing.
MAX_QUERY_CHARS = 256 * 1024
# Tokens that add one element to the chain of their level.
CHAIN_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "VALUES", "GRAPH",
                         "SERVICE", "EXISTS", "IN"})
CHAIN_PUNCT = frozenset({"/", "|", "^", "+", "-", "*", "&&", "||", "!", "=", "!=", "<", ">",
                         "<=", ">=", ".", ";", ",", "{"})
_OPEN, _CLOSE = ("(", "{", "["), (")", "}", "]")

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """The tokenizer's pattern, compiled on first use (15 ms: not at import, so a build,
    which never checks a query, does not pay it). Order matters: long strings before
    short ones, IRIs before the '<' operator."""
    return re.compile(
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
    """Decode ``\\uXXXX`` and ``\\UXXXXXXXX``; an escape naming no character is refused."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid escape {m.group()!r} at character {m.start()}: "
                             "not a Unicode character")
        return chr(code)

    return _ESCAPE.sub(char, text)


def tokenize(sparql: str, *, keep_comments: bool = False) -> list[Token]:
    """Split a SPARQL text into tokens; raise QueryError on a character no token starts with.

    Positions refer to ``sparql`` as given (escapes are not decoded here).
    """
    tokens: list[Token] = []
    pos, end = 0, len(sparql)
    while pos < end:
        m = _token_pattern().match(sparql, pos)
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


def check_shape(tokens: list[Token]) -> None:
    """Refuse nesting past :data:`MAX_NESTING` and chains past :data:`MAX_CHAIN`.

    Each bracket opens a level; a level's chain counts its :data:`CHAIN_WORDS` and
    :data:`CHAIN_PUNCT` tokens; the cost at any point is the sum over the open levels.
    """
    counts = [0]  # chain elements of each open level, outermost first
    around = 0  # sum of counts of the levels enclosing the current one
    for tok in tokens:
        text = tok.text
        if tok.kind == "punct" and text in _CLOSE:
            if len(counts) > 1:
                counts.pop()
                around -= counts[-1]
            continue
        if (tok.kind == "punct" and text in CHAIN_PUNCT) or (
                tok.kind == "word" and text.upper() in CHAIN_WORDS):
            counts[-1] += 1
            if around + counts[-1] > MAX_CHAIN:
                raise QueryError(
                    f"the query chains more than {MAX_CHAIN} joined patterns or operators "
                    f"(UNION, OPTIONAL, BIND, path steps, +, && ...) around character "
                    f"{tok.pos}; it would exhaust the SPARQL engine's stack: split it up")
        if tok.kind == "punct" and text in _OPEN:
            around += counts[-1]
            counts.append(0)
            if len(counts) - 1 > MAX_NESTING:
                raise QueryError(f"the query nests more than {MAX_NESTING} levels deep "
                                 "(it would exhaust the SPARQL engine's stack)")


def check_query(sparql: str, *, allow_service: bool = False) -> str:
    """Check a read query and return its form (SELECT, ASK, CONSTRUCT, DESCRIBE).

    :raises QueryError: for a query longer than :data:`MAX_QUERY_CHARS`, an invalid
        escape, nesting deeper than :data:`MAX_NESTING`, chains longer than
        :data:`MAX_CHAIN`, updates, ``LOAD``, and ``SERVICE`` unless ``allow_service``.
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(sparql)} characters long; more than "
                         f"{MAX_QUERY_CHARS} is refused")
    tokens = tokenize(_decode_escapes(sparql))
    check_shape(tokens)
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
