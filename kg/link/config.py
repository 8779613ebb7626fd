"""Settings of the Wikidata client, as documented configuration (like ``wbi_config``).

Every value has a default suited to the public Wikidata Query Service (WDQS) and
can be overridden by an environment variable or by the command line; tests point
``endpoint`` at a local Oxigraph server. See docs/linking.md.

- ``endpoint`` (``KG_WIKIDATA_ENDPOINT``): https://query.wikidata.org/sparql
- ``user_agent`` (``KG_USER_AGENT``): ``kg-toolkit/VERSION (URL; CONTACT) httpx/V``,
  with CONTACT from ``KG_CONTACT`` (an e-mail address or page; default: the project URL)
- ``timeout_s`` (``KG_HTTP_TIMEOUT``): 60, the time WDQS itself allows a query
- ``retries`` (``KG_HTTP_RETRIES``): 3, on HTTP 429, 502, 503 and 504
- ``backoff_s`` (``KG_HTTP_BACKOFF``): 2, doubled on each retry without ``Retry-After``
- ``max_retry_after_s``: 120; a longer ``Retry-After`` fails at once
- ``batch_labels``: 500 label strings per reconciliation request
- ``batch_items``: 50 items per enrichment request
- ``languages`` (``KG_LANGUAGES``, comma-separated): en,ko,ja,zh,ru,fr; the first is the
  language of the label strings sent for matching
- ``cache_dir``: build/cache/wikidata
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = [
    "LinkConfig", "WDQS_ENDPOINT", "PROJECT_URL", "FACT_PROPERTIES", "STATEMENT_PROPERTIES",
    "default_user_agent",
]

WDQS_ENDPOINT = "https://query.wikidata.org/sparql"
PROJECT_URL = "https://w3id.org/kg-toolkit"

# What ``kg enrich`` fetches (verified property IDs, see docs/linking.md): direct ("truthy")
# values of these, and the full statements (value, qualifiers, rank) of STATEMENT_PROPERTIES.
FACT_PROPERTIES: tuple[str, ...] = ("P31", "P17", "P35", "P6", "P463", "P625", "P571")
STATEMENT_PROPERTIES: tuple[str, ...] = ("P35", "P6")


def default_user_agent(contact: str | None = None) -> str:
    """A descriptive User-Agent in the form the Wikimedia User-Agent policy asks for.

    ``client/version (contact) library/version``, with ``contact`` or ``KG_CONTACT``;
    WDQS answers a library's default agent with 403 or empty results.
    """
    from kg.sparqlclient import default_user_agent as agent

    return agent(contact or os.environ.get("KG_CONTACT"))


def _env_float(name: str, default: float, *, positive: bool = False) -> float:
    """The environment variable ``name`` as a finite number not below 0 (above 0 when
    ``positive``), else ``default`` when unset or empty."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        from kg.errors import UsageError

        what = "a number above 0" if positive else "a number of 0 or more"
        raise UsageError(f"environment variable {name}={raw!r} is not {what}")
    return value


def _env_int(name: str, default: int) -> int:
    """The environment variable ``name`` as a whole number of 0 or more, else ``default``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if not raw.strip().isdigit():
        from kg.errors import UsageError

        raise UsageError(f"environment variable {name}={raw!r} is not a whole number of 0 or more")
    return int(raw.strip())


@dataclass(frozen=True)
class LinkConfig:
    """How ``kg link`` and ``kg enrich`` talk to a SPARQL endpoint and where they keep things."""

    endpoint: str = WDQS_ENDPOINT
    user_agent: str = field(default_factory=default_user_agent)
    timeout_s: float = 60.0
    retries: int = 3
    backoff_s: float = 2.0
    max_retry_after_s: float = 120.0
    batch_labels: int = 500
    batch_items: int = 50
    max_candidates: int = 3
    languages: tuple[str, ...] = ("en", "ko", "ja", "zh", "ru", "fr")
    cache_dir: Path = Path("build") / "cache" / "wikidata"
    offline: bool = False

    def __post_init__(self) -> None:
        from kg.errors import UsageError
        from kg.sparqlclient import redact

        if not self.endpoint.startswith(("http://", "https://")):
            raise UsageError(f"endpoint {redact(self.endpoint)!r} is not an http(s) URL")
        if not (0 < self.timeout_s < float("inf")) or self.retries < 0 or self.backoff_s < 0:
            raise UsageError("timeout must be > 0, retries and back-off >= 0")
        if self.batch_labels < 1 or self.batch_items < 1 or not self.languages:
            raise UsageError("batch sizes must be >= 1 and at least one language is needed")
        if not self.user_agent.strip():
            raise UsageError("an empty User-Agent is refused: WDQS rejects anonymous clients")

    @property
    def match_language(self) -> str:
        """Language tag of the label strings sent for matching (the first of ``languages``)."""
        return self.languages[0]

    @classmethod
    def from_env(cls, **overrides: object) -> LinkConfig:
        """Defaults, then environment variables, then ``overrides`` (``None`` values ignored)."""
        env: dict[str, object] = {}
        if os.environ.get("KG_WIKIDATA_ENDPOINT"):
            env["endpoint"] = os.environ["KG_WIKIDATA_ENDPOINT"]
        if os.environ.get("KG_USER_AGENT"):
            env["user_agent"] = os.environ["KG_USER_AGENT"]
        env["timeout_s"] = _env_float("KG_HTTP_TIMEOUT", cls.timeout_s, positive=True)
        env["retries"] = _env_int("KG_HTTP_RETRIES", cls.retries)
        env["backoff_s"] = _env_float("KG_HTTP_BACKOFF", cls.backoff_s)
        if os.environ.get("KG_LANGUAGES"):
            langs = tuple(x.strip() for x in os.environ["KG_LANGUAGES"].split(",") if x.strip())
            if langs:
                env["languages"] = langs
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> LinkConfig:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
