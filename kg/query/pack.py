"""The question pack: ``queries/NAME.rq`` files, each opening with a header comment block.

The header is data read by ``kg query --list``, by the runner (which parameters a
query takes) and by a drift test::

    # title: Blocked resolutions
    # question: Which resolutions were blocked, by whom, when, aimed at whom?
    # params: none

or, for a query with parameters, one line per parameter instead of ``params: none``::

    # param: node = — the node to explain: an IRI, a corpus id or a label

``NAME = DEFAULT — description``: an empty DEFAULT makes the parameter required.
The query uses the parameter as the variable ``?NAME``; the runner binds it.

A query whose full answer runs to thousands of rows on a large corpus is *paged*: one
more line after the parameters gives the default page size::

    # page: 100 — the first 100 events in time order

Every question of the pack says what one fact of its answer is, in one more line: the
variables whose values name a fact, and in words what a row is::

    # key: ?actor ?other — one row per pair of actors

A question gives one row per fact (the tests check it on the shipped corpus), with the
details aggregated into lists and counts; a companion giving the full rows (several
per fact, kept together on a page) has the same line, describing its rows. A question
that gives one row per fact (a pair of actors with its ties, claim count and first
quote) names the companion query that gives its full rows, in one more line::

    # detail: alignment-detail — one row per tie, claim and anchor

A query whose answer stays empty until another step has run says which, in one more line::

    # empty: run 'kg link' and 'kg enrich' first: they fetch these facts from Wikidata

The query text then holds exactly one ``LIMIT 100`` (in the sub-select that picks the
page's rows in the query's order, before labels and quotes are looked up for them
alone). ``--param limit=N`` asks for another page size (``limit=0``: every row) and
``--param offset=N`` skips the first N; the runner rewrites that one clause (numbers
formatted from integers, so no user text enters the query). Run as written, the text
answers the first page.

>>> spec = parse_header("# title: T\\n# question: Q?\\n# params: none\\nSELECT * {}", "x.rq")
>>> (spec.title, spec.question, spec.params)
('T', 'Q?', ())
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError

__all__ = ["Param", "QuerySpec", "PAGE_PARAMS", "parse_header", "parse_query", "page_limit_token",
           "load_query", "query_from_text", "list_queries", "pack_dir", "check_syntax"]

# Sub-folders (queries/federated/) and files without our header belong to others.
# The dash before a description: an em dash, or ' -- ' / ' - ' for keyboards without one.
_DASH = r"(?:—|--|-)"
_PARAM = re.compile(r"^# param: (?P<name>[A-Za-z_][A-Za-z0-9_]*) =(?: (?P<default>.*?))? "
                    rf"{_DASH} (?P<description>.+)$")
_PAGE = re.compile(rf"^# page: (?P<size>[0-9]+) {_DASH} (?P<description>.+)$")
_KEY = re.compile(rf"^# key: (?P<vars>\?[A-Za-z_][A-Za-z0-9_]*(?: \?[A-Za-z_][A-Za-z0-9_]*)*) "
                  rf"{_DASH} (?P<description>.+)$")
_DETAIL = re.compile(rf"^# detail: (?P<name>[a-z0-9][a-z0-9-]*) {_DASH} (?P<description>.+)$")
PAGE_PARAMS = ("limit", "offset")
_PYOX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


@dataclass(frozen=True)
class Param:
    """A query parameter: bound to the variable ``?name``; no default means required."""

    name: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class QuerySpec:
    """A parsed query file: its header fields and its full text (header included)."""

    name: str
    path: Path
    title: str
    question: str
    params: tuple[Param, ...]
    text: str
    page: int | None = None  # default page size of a paged query (``# page: N — ...``)
    page_description: str = ""
    plain: bool = False  # plain SPARQL without the pack's header: parameters as given
    empty_hint: str = ""  # ``# empty: ...``: the step an empty answer needs (kg enrich)
    key: tuple[str, ...] = ()  # ``# key: ?a ?b — ...``: the variables naming one fact
    key_description: str = ""
    detail: str = ""  # ``# detail: NAME — ...``: the pack query with the full rows
    detail_description: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def pack_dir() -> Path:
    """The shipped pack (``queries/`` in a checkout, ``kg/_resources/queries`` when installed)."""
    from kg.resources import queries_dir

    return queries_dir()


def parse_header(text: str, source: str | Path) -> QuerySpec:
    """Read the header block of a query text.

    :raises QueryError: naming the file and line when the header is missing or malformed.
    """
    lines = text.splitlines()
    fields = _expect(lines, 0, "title", source), _expect(lines, 1, "question", source)
    params: list[Param] = []
    n = 2
    if n < len(lines) and lines[n].strip() == "# params: none":
        n += 1
    else:
        while n < len(lines) and lines[n].startswith("# param:"):
            m = _PARAM.match(lines[n].rstrip())
            if not m:
                raise QueryError(f"{source}:{n + 1}: malformed parameter line; expected "
                                 f"'# param: NAME = DEFAULT — description'")
            default = (m["default"] or "").strip()
            params.append(Param(m["name"], default or None, m["description"].strip()))
            n += 1
        if not params:
            raise QueryError(f"{source}:{n + 1}: expected '# params: none' or '# param: NAME = "
                             f"DEFAULT — description' after the question")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{source}: a parameter is declared twice: {names}")
    page, page_description = None, ""
    if n < len(lines) and lines[n].startswith("# page:"):
        m = _PAGE.match(lines[n].rstrip())
        if not m or int(m["size"]) < 1:
            raise QueryError(f"{source}:{n + 1}: malformed page line; expected "
                             f"'# page: SIZE — description' with SIZE >= 1")
        page, page_description = int(m["size"]), m["description"].strip()
        n += 1
        reserved = sorted(set(names) & set(PAGE_PARAMS))
        if reserved:
            raise QueryError(f"{source}: a paged query cannot declare the parameter "
                             f"{', '.join(reserved)} (the page parameters are limit, offset)")
        page_limit_token(text, page, source)
    key: tuple[str, ...] = ()
    key_description = ""
    if n < len(lines) and lines[n].startswith("# key:"):
        m = _KEY.match(lines[n].rstrip())
        if not m:
            raise QueryError(f"{source}:{n + 1}: malformed key line; expected "
                             f"'# key: ?VARIABLE [?VARIABLE ...] — description'")
        key = tuple(v[1:] for v in m["vars"].split())
        key_description = m["description"].strip()
        n += 1
    detail, detail_description = "", ""
    if n < len(lines) and lines[n].startswith("# detail:"):
        m = _DETAIL.match(lines[n].rstrip())
        if not m:
            raise QueryError(f"{source}:{n + 1}: malformed detail line; expected "
                             f"'# detail: QUERY-NAME — description'")
        detail, detail_description = m["name"], m["description"].strip()
        n += 1
    empty_hint = ""
    if n < len(lines) and lines[n].startswith("# empty: "):
        empty_hint = lines[n][len("# empty: "):].strip()
    path = Path(source)
    return QuerySpec(name=path.stem, path=path, title=fields[0], question=fields[1],
                     params=tuple(params), text=text, page=page,
                     page_description=page_description, empty_hint=empty_hint,
                     detail=detail, detail_description=detail_description, key=key,
                     key_description=key_description)


def parse_query(text: str, source: str | Path) -> QuerySpec:
    """A query text with the pack's header (``# title:`` first), or plain SPARQL without.

    A plain query has no declared parameters: ``--param NAME=VALUE`` binds ``?NAME``.
    """
    if text.lstrip("\ufeff").startswith("# title:"):
        return parse_header(text, source)
    path = Path(str(source))
    return QuerySpec(name=path.stem or "query", path=path, title="", question="", params=(),
                     text=text, plain=True)


def query_from_text(text: str, source: str = "<query>") -> QuerySpec:
    """A checked query from its text (standard input, ``kg query -e``), header optional.

    :raises QueryError: for a bad header or a syntax error (with line, column and caret).
    """
    spec = parse_query(text, source)
    check_syntax(spec.text, source)
    return spec


def page_limit_token(text: str, size: int, source: str | Path = "query"):
    """The one ``LIMIT size`` token pair of a paged query text (comments skipped).

    :raises QueryError: when the text has no such clause, several LIMITs, or an OFFSET
        (the runner writes the OFFSET).
    """
    from kg.store.guard import tokenize

    tokens = tokenize(text)
    limits = [i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() == "LIMIT"]
    offsets = [t for t in tokens if t.kind == "word" and t.text.upper() == "OFFSET"]
    if (len(limits) != 1 or offsets or limits[0] + 1 >= len(tokens)
            or tokens[limits[0] + 1].kind != "number"
            or tokens[limits[0] + 1].text != str(size)):
        raise QueryError(f"{source}: a paged query ('# page: {size}') must hold exactly one "
                         f"'LIMIT {size}' and no OFFSET")
    return tokens[limits[0]], tokens[limits[0] + 1]


def _expect(lines: list[str], n: int, key: str, source: str | Path) -> str:
    prefix = f"# {key}: "
    if n >= len(lines) or not lines[n].startswith(prefix) or not lines[n][len(prefix):].strip():
        raise QueryError(f"{source}:{n + 1}: missing header line '{prefix}...' (a query file "
                         f"starts with '# title:', '# question:', then its parameters)")
    return lines[n][len(prefix):].strip()


def list_queries(directory: str | Path | None = None) -> list[QuerySpec]:
    """Every query of the pack, sorted by name (files without a header are an error)."""
    d = Path(directory) if directory else pack_dir()
    specs = []
    for p in sorted(d.glob("*.rq")):
        spec = _read(p)
        if spec.plain:
            parse_header(spec.text, p)  # raises: the pack's queries carry their header
        specs.append(spec)
    return specs


def load_query(name_or_path: str | Path, directory: str | Path | None = None) -> QuerySpec:
    """A query of the pack by name (``blocked-resolutions``) or any ``.rq`` file by path.

    The text is checked (header, syntax) before it is returned.

    :raises QueryError: for an unknown name (listing the known ones), an unreadable file,
        a bad header, or a syntax error (with line and column).
    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.is_file() or "/" in str(name_or_path):
        if not candidate.is_file():
            raise QueryError(f"{candidate}: no such query file")
        spec = _read(candidate)
    else:
        d = Path(directory) if directory else pack_dir()
        path = d / f"{name_or_path}.rq"
        if not path.is_file():
            known = sorted(p.stem for p in d.glob("*.rq"))
            close = difflib.get_close_matches(str(name_or_path), known, n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise QueryError(f"unknown query {str(name_or_path)!r}{hint}; known queries: "
                             f"{', '.join(known) or '(none)'}")
        spec = _read(path)
    check_syntax(spec.text, spec.path)
    return spec


def _read(path: Path) -> QuerySpec:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a leading BOM (Notepad's) is no text
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read: {exc}") from None
    return parse_query(text, path)


def check_syntax(text: str, source: str | Path) -> str:
    """Refuse updates/SERVICE and parse the query; return its form (``SELECT``, ...).

    The query is parsed by Oxigraph against an empty in-memory store; nothing is
    evaluated (solutions are lazy), so this is cheap and never touches the network.

    :raises QueryError: ``FILE:LINE:COLUMN: malformed query: ...`` on a syntax error.
    """
    import pyoxigraph as ox

    from kg.store.guard import check_query

    try:
        form = check_query(text)
    except QueryError as exc:
        raise QueryError(f"{source}: {exc}") from None
    from kg.query.prefixes import PREFIXES

    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        m = _PYOX_ERROR.match(str(exc))
        if not m:
            raise QueryError(f"{source}: malformed query: {_one_line(str(exc))}") from None
        line, col, msg = int(m[1]), int(m[2]), _explain(m[3])
        lines = text.splitlines()
        raise QueryError(f"{source}:{line}:{col}: malformed query: {_one_line(msg)}",
                         line=line, column=col,
                         source_line=lines[line - 1] if 0 < line <= len(lines) else None
                         ) from None
    return form


def _explain(message: str) -> str:
    """The parser's message, without its character-class dump for an unknown prefix."""
    if "Prefix not found" in message:
        return ("unknown prefix (declare it with PREFIX, or use one of kg query --prefixes)")
    return message


def _one_line(message: str, limit: int = 160) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
