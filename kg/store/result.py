"""One result shape for every store: variables and rows of pyoxigraph terms.

Embedded and remote stores both answer with :class:`QueryResult`, so callers and
tests compare answers from either side directly. Terms are pyoxigraph
``NamedNode``/``BlankNode``/``Literal`` (``None`` for an unbound variable).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from kg.namespace import XSD

if TYPE_CHECKING:
    import pandas
    import pyoxigraph as ox

__all__ = ["QueryResult", "Term", "Row", "PyValue", "python_value", "lexical", "solutions",
           "result_from_pyoxigraph", "result_from_json", "result_from_triples"]

#: A term of an answer (a triple only in RDF-star answers).
Term: TypeAlias = "ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple"
#: A SELECT row: one term per variable, in variable order (``None``: unbound).
Row: TypeAlias = "tuple[Term | None, ...]"


@dataclass
class QueryResult:
    """``kind`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE).

    SELECT: ``variables`` and ``rows`` (tuples in variable order). ASK: ``boolean``.
    CONSTRUCT/DESCRIBE: ``triples`` (pyoxigraph ``Triple``).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row | ox.Triple]:
        return iter(self.triples if self.kind == "graph" else self.rows)

    def __len__(self) -> int:
        return len(self.triples if self.kind == "graph" else self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def dicts(self) -> list[dict[str, Term]]:
        """SELECT rows as ``{variable: term}`` dicts, unbound variables left out."""
        return [{v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
                for row in self.rows]

    def values(self) -> list[tuple[str | None, ...]]:
        """SELECT rows as plain strings (IRI, literal lexical form, blank node id: see
        :func:`lexical`)."""
        return [tuple(None if t is None else lexical(t) for t in row) for row in self.rows]

    def records(self) -> list[dict[str, PyValue]]:
        """SELECT rows as ``{variable: value}`` with Python values: ``int``, ``float``,
        ``Decimal``, ``bool``, ``datetime.date`` / ``datetime`` for those XSD types, ``str``
        for IRIs, strings and everything else (``None``: unbound)."""
        return [{v: python_value(t) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]

    def to_dataframe(self) -> pandas.DataFrame:
        """SELECT rows as a pandas DataFrame of Python values, one column per variable.

        :raises UsageError: when pandas is not installed (``pip install pandas``).
        """
        try:
            import pandas
        except ImportError:
            from kg.errors import UsageError

            raise UsageError("to_dataframe needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.records(), columns=self.variables)


PyValue = str | int | float | bool | Decimal | datetime.date | datetime.datetime | None

_CONVERT: dict[str, Callable[[str], PyValue]] = {
    **{XSD[t]: int for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "negativeInteger", "nonPositiveInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")},
    XSD.decimal: Decimal, XSD.double: float, XSD.float: float,
    XSD.boolean: lambda s: s.strip() in ("true", "1"),
    XSD.date: datetime.date.fromisoformat, XSD.dateTime: datetime.datetime.fromisoformat,
}


def python_value(term: Term | None) -> PyValue:
    """One pyoxigraph term as a Python value (its lexical form when the type is not known or
    the form is not valid for it)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _CONVERT.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, ArithmeticError):
                return term.value
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return lexical(term)


def lexical(term: Term) -> str:
    """A term as a plain string: an IRI, a literal's lexical form, a blank node's id, or a
    triple term in RDF 1.2 N-Triples (``<<( s p o )>>``)."""
    import pyoxigraph as ox

    return f"<<( {term} )>>" if isinstance(term, ox.Triple) else term.value


def result_from_pyoxigraph(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
                           ) -> QueryResult:
    """Materialize a pyoxigraph answer (solutions, boolean or triples)."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(sol[i] for i in range(len(variables))) for sol in answer]
        return QueryResult("select", variables=variables, rows=rows)
    return result_from_triples(answer)


def solutions(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
              ) -> ox.QuerySolutions:
    """The solutions of a pyoxigraph ``Store.query`` answer to a SELECT query, streamed.

    :raises TypeError: for the answer to an ASK, CONSTRUCT or DESCRIBE query.
    """
    import pyoxigraph as ox

    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"a SELECT answer was expected, not {type(answer).__name__}")
    return answer


def result_from_triples(triples: Iterable[ox.Triple]) -> QueryResult:
    return QueryResult("graph", triples=list(triples))


# What the answer to each form of query holds: named in the error when an endpoint answers
# a query in the form of another (SPARQL JSON holds bindings or a boolean, never triples).
_ANSWERS = {"SELECT": "bindings", "ASK": "a boolean", "CONSTRUCT": "triples",
            "DESCRIBE": "triples"}


def result_from_json(body: bytes, *, source: str, form: str | None = None) -> QueryResult:
    """Parse a complete SPARQL JSON results document; a truncated one is an error, and so is
    one whose form is not that of a ``form`` query, when given (``SELECT``: bindings, ``ASK``:
    a boolean; ``CONSTRUCT``, ``DESCRIBE``: none, they answer triples).

    :raises EndpointError: if the body does not parse to the end, or answers another form of
        query, naming ``source``.
    """
    import pyoxigraph as ox

    from kg.errors import EndpointError

    try:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        got = "ASK" if isinstance(answer, ox.QueryBoolean) else "SELECT"
        asked = (form or got).upper()
        if asked != got:  # checked before any row is read
            raise EndpointError(f"{source}: the answer to {_a(asked)} query is {_ANSWERS[got]} "
                                f"(the form of {_a(got)} query's), not "
                                f"{_ANSWERS.get(asked, asked)}")
        return result_from_pyoxigraph(answer)
    except (SyntaxError, ValueError) as exc:
        head = body[:120].decode("utf-8", "replace").replace("\n", " ")
        raise EndpointError(f"{source}: incomplete or invalid SPARQL results ({exc}); "
                            f"body starts {head!r}") from exc


def _a(form: str) -> str:
    return f"an {form}" if form == "ASK" else f"a {form}"
