"""Closed and open namespaces: the base of the generated :mod:`kg.namespace`.

A closed namespace lists its terms, like rdflib's generated ``DefinedNamespace`` classes
(``rdflib/namespace/_PROV.py``): ``NS.term`` is the term's IRI as a plain ``str``, and a
misspelt term fails at once, at run time (``AttributeError``) and under mypy (the terms are
annotated class attributes). The IRIs are plain strings, not rdflib ``URIRef``s, because the
toolkit works on pyoxigraph and strings, and because importing rdflib would add a fifth of
a second to every command that never needs it (``kg query``, ``kg stats``).

>>> class EX(ClosedNamespace):
...     _NS = "http://example.org/ns#"
...     Thing: str
>>> EX.Thing
'http://example.org/ns#Thing'
>>> EX.Thng
Traceback (most recent call last):
AttributeError: 'Thng' is not a term of http://example.org/ns# (did you mean Thing?)
>>> EX["Thing"], "http://example.org/ns#Thing" in EX, EX.local("http://example.org/ns#Thing")
('http://example.org/ns#Thing', True, 'Thing')

Names read from data (a class in a user's own ontology, ``--ontology DIR``) are not in the
generated list; :meth:`ClosedNamespaceMeta.iri` builds their IRIs without the check.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, ClassVar

__all__ = ["ClosedNamespace", "ClosedNamespaceMeta", "OpenNamespace"]


class ClosedNamespaceMeta(type):
    """Fills each annotated term with its IRI and refuses every other name."""

    _NS: str
    _TERMS: frozenset[str]

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> None:
        super().__init__(name, bases, ns)
        base = ns.get("_NS")
        if not base:
            return
        # read from the class, not ``ns``: Python 3.14 evaluates annotations lazily
        terms = [t for t in getattr(cls, "__annotations__", {}) if not t.startswith("_")]
        terms += ns.get("_EXTRAS", [])
        for term in terms:
            if term.isidentifier():
                setattr(cls, term, base + term)
        cls._TERMS = frozenset(terms)

    def __getattr__(cls, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        close = difflib.get_close_matches(name, sorted(cls._TERMS), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise AttributeError(f"{name!r} is not a term of {cls._NS}{hint}")

    def __getitem__(cls, name: str) -> str:
        if name not in cls._TERMS:
            raise KeyError(f"{name!r} is not a term of {cls._NS}")
        return cls._NS + name

    def __contains__(cls, iri: object) -> bool:
        """True if ``iri`` is the full IRI of one of the terms."""
        return isinstance(iri, str) and cls.local(iri) in cls._TERMS

    def __iter__(cls) -> Iterator[str]:
        return iter(sorted(cls._NS + t for t in cls._TERMS))

    def __str__(cls) -> str:
        return cls._NS

    def __repr__(cls) -> str:
        return f"ClosedNamespace({cls._NS!r})"

    def iri(cls, local: str) -> str:
        """The IRI of ``local`` in this namespace, known term or not (names read from data)."""
        return cls._NS + local

    def local(cls, iri: str) -> str | None:
        """The local name of ``iri`` if it lies in this namespace (known term or not), else None."""
        return iri[len(cls._NS):] if iri.startswith(cls._NS) and iri != cls._NS else None


class ClosedNamespace(metaclass=ClosedNamespaceMeta):
    """Subclass with ``_NS = "…"`` and one ``term: str`` annotation per term."""

    _NS: ClassVar[str] = ""
    _TERMS: ClassVar[frozenset[str]] = frozenset()
    _EXTRAS: ClassVar[list[str]] = []  # terms that are not Python identifiers


class OpenNamespace(str):
    """A namespace without a fixed list of terms (Wikidata's items and properties).

    >>> WD = OpenNamespace("http://www.wikidata.org/entity/")
    >>> WD["Q423"], WD.local("http://www.wikidata.org/entity/Q423")
    ('http://www.wikidata.org/entity/Q423', 'Q423')
    """

    __slots__ = ()

    def __getitem__(self, local: str) -> str:  # type: ignore[override]
        return str(self) + local

    def iri(self, local: str) -> str:
        return str(self) + local

    def local(self, iri: str) -> str | None:
        return iri[len(self):] if iri.startswith(self) and iri != self else None
