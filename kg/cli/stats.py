"""kg stats: counts by class, claims by modality, most connected actors."""

from __future__ import annotations

import argparse

from kg.cli.options import add_format, add_source, store_location

HELP = "print counts by class, claims by modality and the most connected actors"
DESCRIPTION = """\
Summarize a built graph: quads per named graph, items (and triples about them) by class,
claims by modality, and the actors that take part in the most events and relations.

Example:
  kg stats
  kg stats --build out/ --format json
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_source(p, endpoint=False)
    add_format(p, ("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    import json

    from kg.stats import graph_stats, open_oxigraph

    stats = graph_stats(open_oxigraph(store_location(args)))
    print(json.dumps(stats.as_dict(), indent=2) if args.format == "json" else stats.text())
    return 0
