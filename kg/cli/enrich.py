"""``kg enrich``: fetch selected Wikidata facts about linked entities into their own graph."""

from __future__ import annotations

import argparse

from kg.cli.link import add_client_arguments, config_from_args
from kg.sparqlclient import redact

__all__ = ["HELP", "DESCRIPTION", "add_arguments", "run"]

HELP = "fetch Wikidata facts (labels, P31, P17, P35, P6, P463, P625, P571) for linked entities"
DESCRIPTION = """\
For every Wikidata item the graph links to (curated and reconciled links), fetch
labels and aliases in several languages, instance of (P31), country (P17), head
of state (P35) and head of government (P6) with their qualifiers, member of
(P463), coordinates (P625) and inception (P571), in Wikidata's own RDF shape,
into the named graph kgd:graph/fetched/wikidata (a kg:FetchedGraph, with
endpoint, retrieval date and method): build/wikidata.nq and build/store.
Requests are batched and cached; a rerun sends none. See docs/linking.md.

Example: kg enrich
Example: kg enrich --offline        (rebuild the graph from the cache only)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_client_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from kg.build.lock import build_lock
    from kg.link.enrich import enrich

    config = config_from_args(args)
    with build_lock(args.build, command="enrich"):  # no build or link writes it meanwhile
        result = enrich(args.build / "store", config=config,
                        nq_path=args.build / "wikidata.nq")
    print(f"kg enrich: {result.items} linked item(s) and {result.value_items} item(s) they name; "
          f"{result.requests} request(s) to {redact(config.endpoint)}, "
          f"{result.cache_hits} from cache")
    print(f"kg enrich: {result.quads} quads in {result.nquads} and the store")
    return 0
