"""``kg export``: write the built graph in a format other tools read."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import (
    add_deprecated,
    add_include_nonfactual,
    add_output,
    add_source,
    store_location,
)

__all__ = ["HELP", "DESCRIPTION", "FORMATS", "add_arguments", "run"]

# format -> module with ``export(store, out_path)``; one line per format.
FORMATS: dict[str, str] = {
    "events-csv": "kg.export.events_csv",
    "graphml": "kg.export.network",
    "gexf": "kg.export.network",
    "json": "kg.export.network",
    "brat": "kg.export.brat",
    "webanno": "kg.export.webanno",
}

HELP = "export the graph: network projections, events CSV, brat, Web Annotation"
DESCRIPTION = """\
Write the built graph (build/store) in another format:
  graphml, gexf, json  a network projection (--view) for Gephi, Cytoscape (docs/network.md)
  events-csv           one row per event, GDELT/ICEWS-like, with CAMEO codes (docs/events-csv.md)
  brat                 .txt, .ann and annotation.conf per document, into a folder (docs/brat.md)
  webanno              W3C Web Annotation JSON-LD, into a folder (docs/web-annotation.md)

Example:
  kg export --format graphml --view actors -o build/actors.graphml
  kg export --format events-csv -o build/events.csv
  kg export --format brat -o build/brat/"""

FOLDER_FORMATS = {"brat", "webanno"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(FORMATS), help="output format (required)")
    add_deprecated(parser, "-f", new="--format", dest="format", choices=sorted(FORMATS))
    add_output(parser, default="-", metavar="PATH",
               help="output file, or folder for brat and webanno ('-': standard output, "
                    "the default)")
    add_source(parser)
    parser.add_argument("--view", default="actors", choices=["actors", "events", "claims", "all"],
                        help="which projection the network formats export (default: actors)")
    add_include_nonfactual(parser, help="events-csv, graphml, gexf, json: also write what did "
                                        "not happen by the factuality rule, marked (default: "
                                        "only what happened; brat and webanno write every "
                                        "annotation)")


def run(args: argparse.Namespace) -> int:
    import importlib
    import inspect
    import sys
    import tempfile

    from kg.errors import UsageError
    from kg.store import open_store

    if not args.format:
        raise UsageError(f"give --format, one of: {', '.join(sorted(FORMATS))}")
    module = importlib.import_module(FORMATS[args.format])
    if args.output == "-" and args.format in FOLDER_FORMATS:
        raise UsageError(f"--format {args.format} writes a folder: give one with -o DIR")
    params = inspect.signature(module.export).parameters
    options = {k: v for k, v in (("view", args.view), ("format", args.format),
                                 ("include_nonfactual", args.include_nonfactual)) if k in params}
    with open_store(store_location(args)) as store:
        if args.output != "-":
            module.export(store, Path(args.output), **options)
            print(f"kg export: wrote {args.output}", file=sys.stderr)
            return 0
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            target = Path(tmp) / f"export.{args.format}"
            module.export(store, target, **options)
            data = target.read_bytes()
            sys.stdout.buffer.write(_for_terminal(data) if sys.stdout.isatty() else data)
            sys.stdout.flush()
    return 0


def _for_terminal(data: bytes) -> bytes:
    """The export as a terminal may show it: control, bidi and invisible characters of the
    data (a label's ESC sequence) as visible escapes, line breaks kept; a file or a pipe
    gets the bytes as they are."""
    import re

    from kg.errors import printable

    parts = re.split(r"(\r?\n)", data.decode("utf-8", "replace"))  # text, break, text...
    return "".join(p if i % 2 else printable(p) for i, p in enumerate(parts)).encode("utf-8")
