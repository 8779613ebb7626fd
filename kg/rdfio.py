"""Safe reading of RDF files a user hands us: a size cap, no DTDs, no remote contexts, no network.

Every place that parses an RDF file it did not write itself goes through here
(``kg validate``'s N-Quads and ``--shapes``, ``kg annotate --wikidata``):

- **size**: files over the limit are refused before any byte is parsed. The limit is
  :data:`DEFAULT_MAX_BYTES` (1 GiB), or the environment variable ``KG_MAX_RDF_BYTES``
  (bytes, or with a ``K``/``M``/``G`` suffix; :data:`kg.limits.RDF_BYTES`), or the
  ``max_bytes`` argument;
- **RDF/XML**: a document type declaration (``<!DOCTYPE``, ``<!ENTITY``) is refused
  before parsing (pyoxigraph and rdflib expand internal entities without a bound: a
  few hundred bytes can take minutes and gigabytes), and so is XML not in UTF-8
  (whose markup a byte scan could not see);
- **JSON-LD**: a remote ``@context`` (a string IRI) or an ``@import`` is refused: it
  would be fetched over the network;
- parsing is pyoxigraph's (it never touches the network); consumers that need rdflib
  get a converted graph (:func:`to_rdflib`) rather than an rdflib parse of the file;
- :func:`harden_rdflib` turns off what rdflib's SPARQL engine fetches on its own
  (``FROM``/``LOAD`` graphs and ``SERVICE``) for code paths that run it, e.g. pySHACL.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "x.nt")
>>> _ = open(p, "w").write('<http://e/s> <http://e/p> "o" .\\n')
>>> len(safe_parse(p))
1
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, UsageError
from kg.limits import RDF_BYTES

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

__all__ = ["DEFAULT_MAX_BYTES", "ENV_MAX_BYTES", "max_bytes_limit", "rdf_format", "check_file",
           "check_bytes", "safe_parse", "to_rdflib", "harden_rdflib"]

DEFAULT_MAX_BYTES = RDF_BYTES.default  # 1 GiB (why: kg.limits)
ENV_MAX_BYTES = RDF_BYTES.env

_BY_NAME = {"turtle": "TURTLE", "ttl": "TURTLE", "nquads": "N_QUADS", "nq": "N_QUADS",
            "n-quads": "N_QUADS", "ntriples": "N_TRIPLES", "nt": "N_TRIPLES",
            "n-triples": "N_TRIPLES", "trig": "TRIG", "n3": "N3", "xml": "RDF_XML",
            "rdfxml": "RDF_XML", "rdf/xml": "RDF_XML", "rdf": "RDF_XML", "owl": "RDF_XML",
            "json-ld": "JSON_LD", "jsonld": "JSON_LD"}
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit in force: ``max_bytes``, else ``$KG_MAX_RDF_BYTES``, else the default.

    :raises InputError: if the environment variable is not a size.
    """
    if max_bytes is not None:
        return int(max_bytes)
    try:
        return RDF_BYTES.value()
    except UsageError as exc:  # an RDF input's error, as it always was here
        raise InputError(str(exc)) from None


def rdf_format(path: str | Path, format: str | ox.RdfFormat | None = None) -> ox.RdfFormat:
    """The pyoxigraph ``RdfFormat`` for ``format`` (a name or an ``RdfFormat``) or the suffix.

    :raises InputError: for an unknown format or suffix.
    """
    import pyoxigraph as ox

    if format is not None and not isinstance(format, str):
        return format
    name = (format or Path(path).suffix.lstrip(".")).lower()
    if name not in _BY_NAME:
        raise InputError(f"{path}: unknown RDF format {name!r} (known: "
                         f"{', '.join(sorted(set(_BY_NAME)))})")
    fmt: ox.RdfFormat = getattr(ox.RdfFormat, _BY_NAME[name])
    return fmt


def _is(fmt: ox.RdfFormat, name: str) -> bool:
    import pyoxigraph as ox

    return bool(fmt == getattr(ox.RdfFormat, name))


def check_file(path: str | Path, format: str | ox.RdfFormat | None = None, *,
               max_bytes: int | None = None) -> tuple[Path, ox.RdfFormat]:
    """Check a file before it is parsed; return it and its format.

    Reads the content only for RDF/XML and JSON-LD (the formats that can ask for more).

    :raises InputError: missing, too large, or unsafe (see the module docstring).
    """
    p = Path(path)
    fmt = rdf_format(p, format)
    limit = max_bytes_limit(max_bytes)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if not p.is_file():
        raise InputError(f"{p}: not a file")
    if size > limit:
        raise InputError(f"{p}: {size} bytes is over the {limit} byte limit for RDF input "
                         f"(raise it with {ENV_MAX_BYTES}, e.g. {ENV_MAX_BYTES}=1G)")
    if _is(fmt, "RDF_XML") or _is(fmt, "JSON_LD"):
        check_bytes(p.read_bytes(), fmt, where=str(p), max_bytes=limit)
    return p, fmt


def check_bytes(data: bytes, format: ox.RdfFormat, *, where: str = "input",
                max_bytes: int | None = None) -> None:
    """The checks of :func:`check_file` on bytes already in memory.

    :raises InputError: too large or unsafe.
    """
    limit = max_bytes_limit(max_bytes)
    if len(data) > limit:
        raise InputError(f"{where}: {len(data)} bytes is over the {limit} byte limit for RDF "
                         f"input (raise it with {ENV_MAX_BYTES})")
    if _is(format, "RDF_XML"):
        _check_xml(data, where)
    elif _is(format, "JSON_LD"):
        _check_jsonld(data, where)


def _check_xml(data: bytes, where: str) -> None:
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise InputError(f"{where}: RDF/XML must be UTF-8 (UTF-16/32 input is refused)")
    m = re.match(rb"\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)[\"']", data[:200])
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"us-ascii",
                                                            b"ascii"):
        raise InputError(f"{where}: RDF/XML must be UTF-8, not "
                         f"{m.group(1).decode('ascii', 'replace')!r}")
    found = _DTD.search(data)
    if found:
        line = data[:found.start()].count(b"\n") + 1
        raise InputError(f"{where}:{line}: RDF/XML with a document type declaration "
                         f"({found.group(0).decode('ascii', 'replace')}) is refused: entity "
                         "expansion can exhaust memory and time")


def _check_jsonld(data: bytes, where: str) -> None:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{where}: JSON-LD is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}:{exc.lineno}: JSON syntax: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            raise InputError(f"{where}: JSON-LD remote context {ctx[:100]!r} "
                                             "is refused (it would be fetched over the "
                                             "network); inline the context")
                if key == "@import":
                    raise InputError(f"{where}: JSON-LD '@import' of "
                                     f"{str(value)[:100]!r} is refused (it would be fetched "
                                     "over the network)")
                stack.append(value)


def safe_parse(path: str | Path, format: str | ox.RdfFormat | None = None, *,
               max_bytes: int | None = None) -> list[ox.Quad]:
    """Parse an RDF file into a list of pyoxigraph quads, after :func:`check_file`.

    Triples formats give quads in the default graph.

    :raises InputError: too large, unsafe, or not valid in its format (one line, with the
        file and, where the parser says, the line).
    """
    import pyoxigraph as ox

    p, fmt = check_file(path, format, max_bytes=max_bytes)
    try:
        return list(ox.parse(path=str(p), format=fmt))
    except SyntaxError as exc:
        raise InputError(f"{p}: not valid {fmt.name}: {_one_line(str(exc))}") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{p}: cannot parse: {_one_line(str(exc))}") from None


def to_rdflib(quads: Iterable[ox.Quad], *, union: bool = True) -> rdflib.Graph:
    """pyoxigraph quads as an rdflib ``Graph`` (the union of all graphs) or a ``Dataset``.

    Each distinct term is converted once (a graph names the same IRIs and literals many
    times; rdflib's ``Literal`` parses its lexical form on every construction): on the
    store of ``data/`` (700,000 quads) this takes a third of the time of an rdflib parse of
    the graph's N-Quads."""
    import pyoxigraph as ox
    import rdflib

    seen: dict[object, rdflib.URIRef | rdflib.BNode | rdflib.Literal] = {}

    def convert(t: object) -> rdflib.URIRef | rdflib.BNode | rdflib.Literal:
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return rdflib.Literal(t.value, lang=t.language)
            return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
        raise InputError(f"unsupported RDF term {t!r} (RDF-star triples are not read)")

    def term(t: object) -> rdflib.URIRef | rdflib.BNode | rdflib.Literal:
        out = seen.get(t)
        if out is None:
            out = seen[t] = convert(t)
        return out

    if union:
        g = rdflib.Graph()
        for q in quads:
            g.add((term(q.subject), term(q.predicate), term(q.object)))
        return g
    ds = rdflib.Dataset()
    for q in quads:
        ctx = (ds.default_context if isinstance(q.graph_name, ox.DefaultGraph)
               else ds.graph(term(q.graph_name)))
        ctx.add((term(q.subject), term(q.predicate), term(q.object)))
    return ds


def _refuse_service(*_args: Any, **_kwargs: Any) -> Any:
    raise InputError("SERVICE (a federated query) is refused: kg never lets rdflib's SPARQL "
                     "engine reach the network")


def harden_rdflib() -> None:
    """Make rdflib's SPARQL engine local-only, for this process: no ``FROM``/``LOAD``
    fetching (``SPARQL_LOAD_GRAPHS = False``) and ``SERVICE`` refused. Idempotent."""
    import rdflib.plugins.sparql as rdflib_sparql
    import rdflib.plugins.sparql.evaluate as rdflib_evaluate

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_evaluate.evalServiceQuery = _refuse_service  # type: ignore[assignment]


def _one_line(message: str, limit: int = 200) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
