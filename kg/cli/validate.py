"""kg validate: SHACL shapes and anchor checks on a built graph."""

from __future__ import annotations

import argparse

HELP = "check a built graph against the SHACL shapes and its anchors"
DESCRIPTION = """\
Run the SHACL shapes (ontology/shapes.ttl) over the built graph and check that every
anchor's offsets give back its quote in the document text.
Exit status: 0 the graph conforms, 1 it does not (a report follows), 2 usage error.

Example:
  kg validate                 # checks build/graph.nq
  kg validate out/ --format json
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", nargs="?", default="build",
                   help="build folder or N-Quads file (default: build/)")
    p.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default: ontology/shapes.ttl)")
    p.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    import json

    from kg.validation import validate

    report = validate(args.target, shapes=args.shapes)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2, sort_keys=True))
    else:
        print(report.text())
    return 0 if report.conforms else 1
