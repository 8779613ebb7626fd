"""An on-disk cache of endpoint answers, so a rerun sends no requests.

One JSON file per key (a label string, a Wikidata item) under
``{dir}/{endpoint hash}/{kind}/{key hash[:2]}/{key hash}.json``, written
atomically. ``kind`` names the query and its version (a hash of the query
template), so changing a query invalidates its entries and nothing else. Each
entry records when it was retrieved: that date becomes the provenance date of
links and facts, so a rerun from the cache writes the same bytes.

Unreadable or mismatched entries count as misses (and are overwritten).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias, TypeVar

from kg.atomic import write_text

__all__ = ["Cache", "CacheEntry", "JSON", "JSONLike", "string_rows", "binding_rows",
           "is_iso_date"]

T = TypeVar("T")

#: A JSON value, as ``json.loads`` gives it.
JSON: TypeAlias = "dict[str, JSON] | list[JSON] | str | int | float | bool | None"
#: What ``json.dumps`` writes (read-only, so ``list[dict[str, str]]`` is one).
JSONLike: TypeAlias = ("Mapping[str, JSONLike] | Sequence[JSONLike] | str | int | float | bool"
                       " | None")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a calendar date written YYYY-MM-DD, as ``retrieved`` is.

    >>> is_iso_date("2026-01-31"), is_iso_date("2026-02-30"), is_iso_date("NaN")
    (True, False, False)
    """
    import datetime as dt

    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    value: JSON
    retrieved: str  # ISO date (UTC) of the request that produced the value


class Cache:
    """Entries of one endpoint; ``hits`` and ``misses`` count lookups."""

    def __init__(self, directory: str | Path, endpoint: str):
        self.endpoint = endpoint
        self.root = Path(directory) / _hash(endpoint)[:16]
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        h = _hash(key)
        return self.root / kind / h[:2] / f"{h}.json"

    def get(self, kind: str, key: str) -> CacheEntry | None:
        path = self._path(kind, key)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc["key"] != key or doc["endpoint"] != self.endpoint:
                raise KeyError("key")
            if not isinstance(doc["retrieved"], str) or not is_iso_date(doc["retrieved"]):
                raise ValueError("retrieved")  # it becomes the xsd:date of links and facts
            entry = CacheEntry(doc["value"], doc["retrieved"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):  # nested too deep
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, kind: str, key: str, value: JSONLike, retrieved: str) -> None:
        if not (self.root / "endpoint.txt").exists():
            write_text(self.root / "endpoint.txt", self.endpoint + "\n", durable=False)
        doc = {"endpoint": self.endpoint, "kind": kind, "key": key, "retrieved": retrieved,
               "value": value}
        write_text(self._path(kind, key),
                   json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                   durable=False)


def string_rows(value: JSON) -> list[dict[str, str]] | None:
    """``value`` as rows of strings (``[{"item": "...", ...}]``), or None when it has another
    shape (an entry written by another version, or damaged: a miss)."""
    return _rows(value, lambda cell: cell if isinstance(cell, str) else None)


def binding_rows(value: JSON) -> list[dict[str, dict[str, str]]] | None:
    """``value`` as rows of SPARQL JSON bindings (``[{"s": {"type": "uri", "value": "..."}}]``),
    or None when it has another shape (a miss)."""
    def binding(cell: JSON) -> dict[str, str] | None:
        one = string_rows([cell])
        return one[0] if one else None

    return _rows(value, binding)


def _rows(value: JSON, cell: Callable[[JSON], T | None]) -> list[dict[str, T]] | None:
    """``value`` as a list of objects whose every member ``cell`` accepts, else None."""
    if not isinstance(value, list):
        return None
    out = []
    for row in value:
        if not isinstance(row, dict):
            return None
        cells = {name: c for name, member in row.items() if (c := cell(member)) is not None}
        if len(cells) != len(row):
            return None
        out.append(cells)
    return out
