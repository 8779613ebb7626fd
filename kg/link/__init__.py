"""Link the graph to Wikidata: reconcile entities, apply accepted links, fetch facts.

>>> from kg.link import LinkConfig
>>> LinkConfig().endpoint
'https://query.wikidata.org/sparql'

- :func:`kg.link.reconcile.propose`: scored proposals for actors, places and weapons;
- :mod:`kg.link.proposals`: the reviewable TSV (read, merge decisions, accept above a score);
- :func:`kg.link.apply.apply_links`: accepted rows -> ``kgd:graph/links/reconciled``;
- :func:`kg.link.enrich.enrich`: facts of linked items -> ``kgd:graph/fetched/wikidata``;
- :func:`kg.link.client.client_for` (the project's :class:`kg.sparqlclient.SparqlClient`
  set up for the endpoint) and :class:`kg.link.cache.Cache`: the polite, cached SPARQL
  client both use; :class:`kg.link.config.LinkConfig` configures it.
"""

from __future__ import annotations

from kg.link.config import LinkConfig

__all__ = ["LinkConfig"]
