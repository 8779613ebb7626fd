"""``kg viz``: an interactive, offline HTML view of a network projection of the graph."""

from __future__ import annotations

import argparse
import sys

from kg.cli.options import add_include_nonfactual, add_output, add_source, count, store_location

HELP = "write an interactive network view (one offline HTML file) of the built graph"
DESCRIPTION = """\
Project the built graph onto a network (actors: the signed actor network; events: actors
and events by role; claims: claims, what they assert, their sources; all: the union) and
write it as one self-contained HTML page: no network access, legend and filters by type,
search, tooltips with the supporting words and their source. The layout shows alignment:
the blocs of `kg analyze` drawn together, hostile camps apart; one edge per pair of nodes
(width: number of ties, colour: their signs); clicking a node lists all its ties with
their quotes per source; a slider shows the ties up to a date. Graphs of more than 300
nodes start collapsed: blocs (and nodes in no bloc, by type) as super-nodes beside the 30
most connected actors; click one to expand it. With --focus, only the nodes within
--depth steps of one node (an IRI, a label, or the IRI's last segment).

Example:
  kg viz
  kg viz --view events --focus north-korea --depth 2 -o build/north-korea.html
"""

VIEWS = ("actors", "events", "claims", "all")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output(parser, metavar="FILE", old_out=False,
               help="page to write (default: BUILD/network-VIEW.html; with --focus "
                    "BUILD/network-VIEW-FOCUS.html, so the full view is kept)")
    parser.add_argument("--view", choices=VIEWS, default="actors",
                        help="which network (default: actors)")
    parser.add_argument("--focus", metavar="ID",
                        help="show only the neighbourhood of this node (IRI, label or id)")
    parser.add_argument("--depth", type=count, default=1, metavar="N",
                        help="steps around --focus, edges read both ways (default: 1)")
    add_source(parser)
    parser.add_argument("--title", metavar="TEXT", help="page title (default: from the view)")
    parser.add_argument("--physics", action=argparse.BooleanOptionalAction, default=None,
                        help="let nodes move after drawing (up to 200 nodes; default: off, "
                             "the layout by alignment is final)")
    parser.add_argument("--ties", action="store_true",
                        help="start with one edge per tie (default: one per pair of nodes, "
                             "width by count, colour by sign; a tick box switches)")
    add_include_nonfactual(parser, help="also draw what did not happen by the factuality rule, "
                                        "dashed (default: only what happened)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.errors import UsageError
    from kg.network.projection import project
    from kg.viz.focus import resolve_node
    from kg.viz.html import write_network_html

    if args.depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {args.depth}")
    graph = project(store_location(args), view=args.view,
                    include_nonfactual=args.include_nonfactual)
    focus = None if args.focus is None else resolve_node(graph, args.focus)
    title = args.title or f"kg: {args.view} network" + (
        f" around {graph.nodes[focus].get('label') or focus}" if focus is not None else "")
    output = args.output or Path(args.build) / _default_name(args.view, focus)
    path = write_network_html(graph, output, title=title, focus=focus, depth=args.depth,
                              physics=args.physics, ties=args.ties)
    print(f"kg viz: wrote {path}", file=sys.stderr)
    return 0


def _default_name(view: str, focus: object) -> str:
    """``network-VIEW.html``, or ``network-VIEW-ID.html`` around a focus (a safe file name)."""
    import re

    if focus is None:
        return f"network-{view}.html"
    tail = re.split(r"[/#]", str(focus).rstrip("/#"))[-1]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-.")[:80] or "focus"
    return f"network-{view}-{slug}.html"
