"""One exception tree for the whole toolkit.

The library raises these and never prints or exits; ``kg.cli`` turns them into
one-line messages and exit codes in one place (0 ok, 1 check failed, 2 error).
Each carries the structured location of the culprit (file, line, annotation id).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "KGError",
    "Problem",
    "AnnotationError",
    "OntologyError",
    "BuildError",
    "ValidationFailed",
    "QueryError",
    "NotFound",
    "StoreError",
    "EndpointError",
    "LinkError",
    "UsageError",
    "InputError",
    "printable",
]

# Control and format characters (C0/C1, bidi overrides, zero-width), line and paragraph
# separators, surrogates: what could move a terminal's cursor, reorder or hide text.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` as one line that is safe to print: control, bidi and invisible characters
    (and line breaks) become visible escapes (``\\x1b``, ``\\u202e``, ``\\n``).

    >>> print(printable("a\\x1b[2Jb\\u202ec\\nd"))
    a\\x1b[2Jb\\u202ec\\nd
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) in _UNSAFE else c for c in text)


def _escape(c: str) -> str:
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    path: str
    line: int | None
    ann_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" [{self.ann_id}]" if self.ann_id else ""
        return printable(f"{where}{who}: {self.message}")


class KGError(Exception):
    """Base of every error the toolkit raises on purpose.

    Its text is always one printable line (see :func:`printable`): messages quote
    hostile input (labels, file names, query text) and end up in terminals and logs.
    """

    exit_code = 2

    def __str__(self) -> str:
        return printable(super().__str__())


class UsageError(KGError):
    """The command or function was called the wrong way."""


class InputError(KGError):
    """An input file was refused before parsing (too large, or unsafe: a DTD, a remote
    JSON-LD context) or could not be parsed; see :mod:`kg.rdfio`."""


class OntologyError(KGError):
    """The ontology files are missing, unparsable or inconsistent."""


class AnnotationError(KGError):
    """One or more problems in annotation input; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = str(self.problems[0]) if self.problems else "invalid annotation"
        more = len(self.problems) - 1
        super().__init__(head + (f" (and {more} more)" if more > 0 else ""))

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def one(cls, path: str | Path, line: int | None, ann_id: str | None,
            message: str) -> AnnotationError:
        return cls([Problem(str(path), line, ann_id, message)])


class BuildError(KGError):
    """The graph could not be built or written."""


class ValidationFailed(KGError):
    """The graph does not conform to the shapes or the anchor checks."""

    exit_code = 1

    def __init__(self, report: str):
        self.report = report
        first = report.strip().splitlines()[0] if report.strip() else "validation failed"
        super().__init__(first)


class QueryError(KGError):
    """A query is unknown, malformed, refused, or missing a parameter.

    A syntax error carries where it is: ``line`` and ``column`` (1-based) and the text of
    that ``source_line``, so the command line can show the line with a caret under it.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None,
                 source_line: str | None = None) -> None:
        super().__init__(message)
        self.line, self.column, self.source_line = line, column, source_line

    def caret(self) -> str:
        """The offending line and a caret under the column ('' without a position)."""
        if self.source_line is None or self.column is None:
            return ""
        text = printable(self.source_line.expandtabs(1))
        col = max(1, min(self.column, len(text) + 1))
        return f"  {text}\n  {' ' * (col - 1)}^"


class NotFound(KGError):
    """A page asked for an item or document the graph does not hold."""


class StoreError(KGError):
    """The local store is missing, locked or unreadable."""


class EndpointError(KGError):
    """A remote SPARQL endpoint failed, timed out or answered garbage."""


class LinkError(KGError):
    """Linking or enrichment against Wikidata failed."""
