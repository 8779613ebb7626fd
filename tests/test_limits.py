"""The limits on one input (:mod:`kg.limits`): each listed where a user looks for it, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import limits, rdfio

ROOT = Path(__file__).resolve().parents[1]
LIMITS = [v for v in vars(limits).values() if isinstance(v, limits.Limit)]


def _shown(limit: limits.Limit) -> str:
    """The default as the tables write it: ``64 MiB``, ``1 GiB``, ``1000``."""
    return limit.describe(limit.default).removeprefix("the limit of ").split(" (")[0]


def test_every_limit_is_exported():
    assert {n for n in limits.__all__ if isinstance(getattr(limits, n), limits.Limit)} == \
        {n for n, v in vars(limits).items() if isinstance(v, limits.Limit)}


@pytest.mark.parametrize("limit", LIMITS, ids=lambda lim: lim.env)
def test_every_limit_is_in_the_module_table_and_the_readme(limit):
    doc = limits.__doc__ or ""
    row = next((line for line in doc.splitlines() if line.startswith(f"``{limit.env}``")), "")
    assert _shown(limit) in row, f"kg/limits.py's table lacks {limit.env} ({_shown(limit)})"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{limit.env}` | {_shown(limit)} |" in readme, \
        f"README.md's table of limits lacks {limit.env} ({_shown(limit)})"


def test_the_rdf_size_limit_is_the_one_of_kg_limits(monkeypatch):
    assert (rdfio.ENV_MAX_BYTES, rdfio.DEFAULT_MAX_BYTES) == ("KG_MAX_RDF_BYTES", 1 << 30)
    assert (rdfio.ENV_MAX_BYTES, rdfio.DEFAULT_MAX_BYTES) == \
        (limits.RDF_BYTES.env, limits.RDF_BYTES.default)
    monkeypatch.delenv("KG_MAX_RDF_BYTES", raising=False)
    assert rdfio.max_bytes_limit() == 1 << 30
    monkeypatch.setenv("KG_MAX_RDF_BYTES", "2G")
    assert rdfio.max_bytes_limit() == limits.RDF_BYTES.value() == 2 << 30
    assert rdfio.max_bytes_limit(5) == 5
