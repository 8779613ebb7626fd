"""The Wikidata linker's connection: the project's one SPARQL client, set up from a
:class:`~kg.link.config.LinkConfig`.

Modelled on WikibaseIntegrator's ``execute_sparql_query``: POSTs asking for JSON results,
with the timeout, retries, back-off and descriptive User-Agent of the configuration.
Requests, retries, ``Retry-After``, size caps and messages are
:class:`kg.sparqlclient.SparqlClient`'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kg.link.config import LinkConfig
from kg.sparqlclient import SparqlClient

__all__ = ["client_for"]


def client_for(config: LinkConfig, *, sleep: Callable[[float], None] = time.sleep
               ) -> SparqlClient:
    """A :class:`~kg.sparqlclient.SparqlClient` for ``config.endpoint`` with its settings.

    >>> client = client_for(LinkConfig(endpoint="http://127.0.0.1:9/query"))
    >>> client.url, client.requests
    ('http://127.0.0.1:9/query', 0)
    """
    return SparqlClient(config.endpoint, user_agent=config.user_agent,
                        timeout_s=config.timeout_s, retries=config.retries,
                        backoff_s=config.backoff_s, max_retry_after_s=config.max_retry_after_s,
                        offline=config.offline, sleep=sleep)
