"""Limits on what one input may cost, each configurable by an environment variable.

Each limit has a default that no real input comes near and a variable to raise (or
lower) it; going past one is a one-line error naming the file and the variable, never a
``MemoryError`` or a run that does not end. See SECURITY.md.

========================= ======== ============================================
variable                  default  what it bounds
========================= ======== ============================================
``KG_MAX_TEXT_BYTES``     64 MiB   one document text
``KG_MAX_ANNOTATION_BYTES`` 256 MiB one annotation file (YAML, brat, JSON-LD)
``KG_MAX_YAML_ALIASES``   1000     nodes YAML aliases may copy in one file
``KG_MAX_RDF_BYTES``      1 GiB    one RDF file handed to ``kg validate`` or
                                   ``kg annotate`` (:mod:`kg.rdfio`)
``KG_MAX_RESPONSE_BYTES`` 512 MiB  one answer of a SPARQL endpoint (decompressed)
========================= ======== ============================================

Sizes are bytes or a number with a unit (``512K``, ``64M``, ``2G``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from kg.errors import UsageError

__all__ = ["Limit", "TEXT_BYTES", "ANNOTATION_BYTES", "YAML_ALIASES", "RDF_BYTES",
           "RESPONSE_BYTES"]

_UNIT = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20,
         "MB": 1 << 20, "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}


@dataclass(frozen=True)
class Limit:
    """One limit: its environment variable, default and unit (``bytes`` or a count)."""

    env: str
    default: int
    unit: str

    def value(self) -> int:
        """The limit in force: ``$ENV`` when set, else the default.

        :raises UsageError: if the variable is set to something that is not a number.
        """
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        m = re.fullmatch(r"(\d+)\s*([A-Za-z]*)", raw)
        if not m or (self.unit != "bytes" and m.group(2)) or m.group(2).upper() not in _UNIT:
            example = "268435456, 64M, 1G" if self.unit == "bytes" else "1000"
            kind = "size" if self.unit == "bytes" else "number"
            raise UsageError(f"{self.env}={raw!r} is not a {kind} (e.g. {example})")
        return int(m.group(1)) * _UNIT[m.group(2).upper()]

    def describe(self, value: int | None = None) -> str:
        """``the 64 MiB limit (KG_MAX_TEXT_BYTES)``."""
        v = self.value() if value is None else value
        if self.unit == "bytes":
            shown = next((f"{v // u} {name}" for u, name in ((1 << 30, "GiB"), (1 << 20, "MiB"),
                                                             (1 << 10, "KiB"))
                          if v >= u and v % u == 0), f"{v} bytes")
        else:
            shown = str(v)
        return f"the limit of {shown} ({self.env})"


TEXT_BYTES = Limit("KG_MAX_TEXT_BYTES", 64 << 20, "bytes")
ANNOTATION_BYTES = Limit("KG_MAX_ANNOTATION_BYTES", 256 << 20, "bytes")
YAML_ALIASES = Limit("KG_MAX_YAML_ALIASES", 1000, "count")
# 1 GiB: the shipped corpus's own graph.nq (189 documents, about a million quads) is 280 MB,
# which validation loads into an in-memory store at about five times its size (1.35 GB)
RDF_BYTES = Limit("KG_MAX_RDF_BYTES", 1 << 30, "bytes")
RESPONSE_BYTES = Limit("KG_MAX_RESPONSE_BYTES", 512 << 20, "bytes")
