"""kg stats: counts by class, claims by modality, most connected actors."""

from __future__ import annotations

import argparse

from kg.cli.options import (
    add_format,
    add_include_nonfactual,
    add_limit,
    add_source,
    store_location,
)

HELP = "print counts by class, claims by modality and the most connected actors"
DESCRIPTION = """\
Summarize a built graph: quads per named graph (the document graphs summed, then the
largest), items (and triples about them) by class, claims by modality, and the actors that
take part in the most events and relations. Each list is ranked and capped at --limit rows
(--all: every row); --format json always carries every row. Like every question and view,
it counts what happened by the factuality rule (docs/sources.md); --include-nonfactual
counts the events, relations and motives no source reports as having happened too.

Example:
  kg stats
  kg stats --build out/ --format json
  kg stats --include-nonfactual
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_source(p, endpoint=False)
    add_format(p, ("text", "json"), default="text")
    add_limit(p, default=10, help="at most N rows per list, largest first (default: 10)")
    p.add_argument("--all", action="store_true", help="every row of every list")
    add_include_nonfactual(p, help="also count the events, relations and motives no source "
                                   "reports as having happened (default: what happened)")


def run(args: argparse.Namespace) -> int:
    import json

    from kg.stats import graph_stats, open_oxigraph

    stats = graph_stats(open_oxigraph(store_location(args)),
                        include_nonfactual=args.include_nonfactual)
    limit = None if args.all else args.limit
    print(json.dumps(stats.as_dict(), indent=2) if args.format == "json"
          else stats.text(limit=limit))
    return 0
