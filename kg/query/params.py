"""Query parameters: parse ``--param name=value``, resolve values to RDF terms, bind them.

A value may be written as

- an IRI: ``<https://...>``, ``https://...``, or a prefixed name (``kgd:north-korea``,
  ``kg:Assessment``, ``wd:Q423``) with the prefixes of ``docs/graph-shape.md``;
- a literal in double quotes: ``"dozens"`` (bound as a plain string);
- a corpus id (``north-korea`` -> ``kgd:north-korea``), a document-scoped id
  (``ev-autumn-tests`` -> ``kgd:doc/{doc}/ev-autumn-tests``; ``DOC/ID`` names one document's),
  or the id a document gives a node it shares with another (``same-as``);
- a Wikidata ID (``Q423``) curated for an item;
- a label or alias (``North Korea``, ``DPRK``), case-insensitive.

Ids and labels are resolved by separate parameterized lookups (the value is bound,
never spliced into query text); an unknown value raises :class:`QueryError` listing
close matches. The resolved terms are bound by the store layer as a ``VALUES`` block.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kg import iris
from kg.errors import QueryError, UsageError
from kg.iris import PREFIXES
from kg.prefixes import prefix_block
from kg.query.pack import QuerySpec

if TYPE_CHECKING:
    from kg.store.protocol import Queryable

__all__ = ["parse_params", "resolve_value", "resolve_params", "PREFIXES"]


_HEAD = prefix_block()

# Exact matches only: index lookups, fast on any corpus size. Each is one flat group, so
# the VALUES block the store layer adds for ?id / ?label is in scope of the BIND.
_BY_ID = (
    _HEAD + f'SELECT ?x WHERE {{ BIND(IRI(CONCAT("{iris.BASE}", ?id)) AS ?x) '
    "FILTER EXISTS { ?x a ?t } }",
    _HEAD + 'SELECT ?x WHERE { ?doc a kg:Document . BIND(IRI(CONCAT(STR(?doc), "/", ?id)) AS ?x) '
    "FILTER EXISTS { ?x a ?t } }",
    _HEAD + "SELECT ?x WHERE { ?x kg:wikidata ?id }",
    # DOC/ID: a document's item by its own IRI ...
    _HEAD + f'SELECT ?x WHERE {{ BIND(IRI(CONCAT("{iris.doc("")}", ?id)) '
    "AS ?x) FILTER EXISTS { ?x a ?t } }",
    # ... or an id a document gives a shared node (same-as): its anchors name it.
    _HEAD + 'SELECT DISTINCT ?x WHERE { ?doc a kg:Document . BIND(IRI(CONCAT(STR(?doc), '
    '"/annotation/", ?id, "/1")) AS ?a) ?a oa:hasBody ?x }',
)

_BY_LABEL = _HEAD + f"""SELECT DISTINCT ?x WHERE {{
  VALUES ?p {{ rdfs:label skos:altLabel skos:prefLabel }}
  ?x ?p ?label .
  FILTER(STRSTARTS(STR(?x), "{iris.PROJECT}"))
}} ORDER BY ?x"""

# Only on the slow path (no exact hit): a scan of the labels, to ignore case and suggest. The
# derived display-labels graph holds one label per node (documents repeat corpus items' labels).
_ALL_LABELS = _HEAD + f"""SELECT DISTINCT ?x ?label WHERE {{
  {{ GRAPH <{iris.derived_graph("display-labels")}> {{ ?x rdfs:label ?l }} }}
  UNION
  {{ ?x skos:altLabel ?l }}
  FILTER(STRSTARTS(STR(?x), "{iris.BASE}") && isLITERAL(?l))
  BIND(STR(?l) AS ?label)
}} ORDER BY ?x ?label"""


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``["node=North Korea", "x=1"]`` -> ``{"node": "North Korea", "x": "1"}``.

    :raises UsageError: for a pair without ``=``, an empty name, or a name given twice.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE")
        if name in out:
            raise UsageError(f"--param {name} is given twice")
        out[name] = value.strip()
    return out


def resolve_params(spec: QuerySpec, store: Queryable, given: Mapping[str, str] | None = None,
                   *, timeout_s: float | None = None) -> dict[str, Any]:
    """Bindings for ``spec``: every declared parameter, given or defaulted, resolved to a term.

    :raises QueryError: for a missing required parameter (named), an undeclared one, or a
        value that resolves to nothing (with close matches) or to several nodes.
    """
    given = dict(given or {})
    declared = {p.name for p in spec.params}
    extra = sorted(set(given) - declared)
    if extra:
        want = ", ".join(sorted(declared)) or "none"
        raise QueryError(f"{spec.name}: unknown parameter {', '.join(extra)} "
                         f"(this query takes: {want})")
    bindings: dict[str, Any] = {}
    for param in spec.params:
        value = given.get(param.name, param.default)
        if value is None or value == "":
            raise QueryError(f"{spec.name}: missing parameter {param.name!r} "
                             f"({param.description}); pass --param {param.name}=VALUE")
        bindings[param.name] = resolve_value(store, value, name=param.name, timeout_s=timeout_s)
    return bindings


def resolve_value(store: Queryable, value: str, *, name: str = "value",
                  timeout_s: float | None = None) -> Any:
    """Turn a command-line value into a pyoxigraph term (see the module docstring)."""
    import pyoxigraph as ox

    text = value.strip()
    bad = next((c for c in text if "\ud800" <= c <= "\udfff"), None)
    if bad is not None:  # e.g. bytes that were not UTF-8 on the command line
        raise QueryError(f"--param {name}: the value is not valid text (it holds U+{ord(bad):04X}"
                         ", from bytes that are not UTF-8); pass UTF-8 text")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return ox.Literal(text[1:-1])
    iri = _as_iri(text)
    if iri is not None:
        return _named(iri, name)
    hits = _ids(store, text, timeout_s) or _labels(store, text, timeout_s)
    if len(hits) == 1:
        return ox.NamedNode(hits[0])
    if len(hits) > 1:
        shown = ", ".join(_compact(h) for h in hits[:6])
        raise QueryError(f"--param {name}={value!r} is ambiguous: it names {len(hits)} nodes "
                         f"({shown}); pass an IRI or an id")
    return _case_insensitive(store, text, name, timeout_s)


def _as_iri(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if text.startswith(("http://", "https://", "urn:")):
        return text
    _prefix, sep, local = text.partition(":")
    if sep and " " not in local:
        return iris.expand(text, PREFIXES)
    return None


def _named(iri: str, name: str) -> Any:
    import pyoxigraph as ox

    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"--param {name}: invalid IRI {iri!r}: {exc}") from None


def _ids(store: Queryable, text: str, timeout_s: float | None) -> list[str]:
    from kg.iris import is_valid_id

    parts = text.split("/")
    if len(parts) > 2 or not all(is_valid_id(p) for p in parts):  # ID or DOC/ID
        return []
    hits: set[str] = set()
    for query in _BY_ID:
        rows = store.query(query, bindings={"id": text}, timeout_s=timeout_s).values()
        hits.update(r[0] for r in rows if r[0] is not None)
    return sorted(hits)


def _labels(store: Queryable, text: str, timeout_s: float | None) -> list[str]:
    import pyoxigraph as ox

    for literal in (ox.Literal(text), ox.Literal(text, language="en")):
        rows = store.query(_BY_LABEL, bindings={"label": literal}, timeout_s=timeout_s).values()
        hits = _prefer_items([r[0] for r in rows if r[0] is not None])
        if hits:
            return hits
    return []


def _prefer_items(iris: list[str]) -> list[str]:
    """A label shared by an item and an ontology term names the item."""
    items = [i for i in iris if i.startswith(PREFIXES["kgd"])]
    return items or iris


def _case_insensitive(store: Queryable, text: str, name: str, timeout_s: float | None) -> Any:
    import pyoxigraph as ox

    rows = [(x, label) for x, label in store.query(_ALL_LABELS, timeout_s=timeout_s).values()
            if x is not None and label is not None]
    labels: dict[str, set[str]] = {}
    for x, label in rows:
        labels.setdefault(label, set()).add(x)
    folded = sorted({x for lab, xs in labels.items() if lab.casefold() == text.casefold()
                     for x in xs})
    if len(folded) == 1:
        return ox.NamedNode(folded[0])
    ids = sorted({x.rsplit("/", 1)[-1] for x, _ in rows})
    options = sorted(set(labels) | set(ids))
    close = difflib.get_close_matches(text, options, n=5, cutoff=0.6)
    lowered = [o for o in options if text.casefold() in o.casefold() and o not in close]
    close += lowered[: max(0, 5 - len(close))]
    if len(folded) > 1:
        shown = ", ".join(_compact(h) for h in folded[:6])
        raise QueryError(f"--param {name}={text!r} is ambiguous: it names {len(folded)} nodes "
                         f"({shown}); pass an IRI or an id")
    hint = f"; close matches: {', '.join(repr(c) for c in close)}" if close else ""
    raise QueryError(f"--param {name}={text!r}: no node with this IRI, id, Wikidata ID or "
                     f"label{hint}")


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "kgd":
            return f"{prefix}:{iri[len(ns):]}"
    base = PREFIXES["kgd"]
    return "kgd:" + iri[len(base):] if iri.startswith(base) else f"<{iri}>"
