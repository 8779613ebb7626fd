"""``kg analyze``: centrality, blocs, structural balance and paths of the actor network."""

from __future__ import annotations

import argparse
import sys

from kg.cli.options import (
    add_format,
    add_include_nonfactual,
    add_limit,
    add_source,
    count,
    store_location,
)

HELP = "analyse the actor network: centrality, blocs, structural balance, paths"
DESCRIPTION = """\
Project the built graph onto its signed actor network (ties and their signs come from
the ontology) and report who is central, which actors form blocs of positive ties,
how balanced the network is (triads, frustration index, camps), and -- with
--between -- the paths between two actors, each step with the words that support it.
JSON keys are documented in docs/network.md.

Example: kg analyze --between china south-korea
Example: kg analyze --build out/ --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_source(parser)
    add_format(parser, ("text", "json"), default="text",
               help="text for reading (default) or json")
    add_limit(parser, default=10, help="at most N rows per list: central actors, unbalanced "
                                       "triads, frustrated ties (default: 10)")
    parser.add_argument("--all", action="store_true",
                        help="every row of every list (the JSON always has them all)")
    parser.add_argument("--between", nargs=2, metavar=("A", "B"),
                        help="also list paths between two actors (id, IRI or label)")
    parser.add_argument("--blocs", choices=("components", "modularity"), default="components",
                        help="how blocs are found (default: components of positive ties)")
    parser.add_argument("--paths", type=count, default=5, metavar="N",
                        help="at most N paths for --between (default: 5)")
    parser.add_argument("--max-hops", type=count, default=4, metavar="N",
                        help="longest path for --between, in steps (default: 4)")
    add_include_nonfactual(parser, help="also count ties that did not happen by the factuality "
                                        "rule, marked in paths (default: only what happened)")


def run(args: argparse.Namespace) -> int:
    import json

    from kg.csvcell import json_escape_controls
    from kg.network.report import analyze, format_text

    report = analyze(store_location(args), between=args.between, bloc_method=args.blocs,
                     limit=args.paths, max_hops=args.max_hops,
                     include_nonfactual=args.include_nonfactual)
    if args.format == "json":
        # the same JSON with control and bidi characters as \uXXXX: safe on a terminal
        sys.stdout.write(json_escape_controls(json.dumps(report, indent=2, ensure_ascii=False))
                         + "\n")
    else:
        sys.stdout.write(format_text(report, top=None if args.all else args.limit))
    return 0
