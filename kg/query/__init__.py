"""The question pack and its runner: analysts' questions as SPARQL, answered on any store.

- :mod:`kg.query.pack`: the ``queries/*.rq`` files and their header blocks.
- :mod:`kg.query.params`: ``--param`` values (IRI, id, Wikidata ID or label) to RDF terms.
- :mod:`kg.query.run`: run a query by name or file on the embedded store or an endpoint.
- :mod:`kg.query.formats`: table, CSV and JSON (W3C), Markdown writers.
- :mod:`kg.query.headlines`: a few headline answers for ``kg demo``.
"""

from __future__ import annotations

from kg.query.formats import FORMATS, render
from kg.query.pack import Param, QuerySpec, list_queries, load_query, parse_header
from kg.query.params import parse_params, resolve_value
from kg.query.run import Answer, run_query, run_spec

__all__ = ["FORMATS", "render", "Param", "QuerySpec", "list_queries", "load_query",
           "parse_header", "parse_params", "resolve_value", "Answer", "run_query", "run_spec"]
