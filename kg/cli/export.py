"""``kg export``: write the built graph in a format other tools read."""

from __future__ import annotations

import argparse
from pathlib import Path

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

HELP = "export the graph (events CSV with CAMEO codes, ...)"
DESCRIPTION = """\
Write the built graph (build/store) in another format. events-csv: one row per
event in a GDELT/ICEWS-like layout with CAMEO event and actor codes, the
source URL and the quote (docs/events-csv.md).

Example: kg export --format events-csv -o build/events.csv"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", required=True, choices=sorted(FORMATS),
                        help="output format")
    parser.add_argument("--out", "-o", default="-", metavar="PATH",
                        help="output file ('-': standard output, the default)")
    parser.add_argument("--store", type=Path, default=Path("build") / "store", metavar="DIR",
                        help="the built store (default: build/store)")


def run(args: argparse.Namespace) -> int:
    import importlib
    import sys
    import tempfile

    from kg.store import open_store

    module = importlib.import_module(FORMATS[args.format])
    with open_store(args.store) as store:
        if args.out != "-":
            module.export(store, Path(args.out))
            print(f"kg export: wrote {args.out}", file=sys.stderr)
            return 0
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            target = Path(tmp) / f"export.{args.format}"
            module.export(store, target)
            sys.stdout.buffer.write(target.read_bytes())
            sys.stdout.flush()
    return 0
