"""kg validate: SHACL shapes and anchor checks on a built graph."""

from __future__ import annotations

import argparse

from kg.cli.options import add_build, add_format

HELP = "check a built graph against the SHACL shapes and its anchors"
DESCRIPTION = """\
Run the SHACL shapes (ontology/shapes.ttl) over the built graph and check that every
anchor's offsets give back its quote in the document text.
Disagreements between sources (dates, types, agents, ... of one node) and notes (two
documents captioning one node differently) are reported, never errors. Events whose
responses make a cycle (A responds to B and B to A, or longer), or that are parts of each
other (A `partOf` B and B `partOf` A), fail when one document tells the whole cycle (kg build
refuses that in an annotation file), and are a disagreement when only several documents
together make it (each says the other side answered).
A graph that holds no document (an empty file, a build of no annotation file) is not
checked: it would conform vacuously, and is almost always a wrong path or a failed build.
Exit status: 0 the graph conforms, 1 it does not (a report follows), 2 an error: a usage
error, no graph there, or one that holds no document (nothing to validate).

Example:
  kg validate                 # checks build/graph.nq
  kg validate --build out/ --format json
  kg validate --notes         # also lists the label notes (otherwise only counted)
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", nargs="?", default=None, metavar="FILE.nq",
                   help="an N-Quads file to check instead of the build folder's graph.nq")
    add_build(p, help="build folder whose graph.nq is checked (default: build/)")
    p.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default: ontology/shapes.ttl)")
    p.add_argument("--notes", action="store_true",
                   help="list the notes (two documents captioning one node differently), "
                        "not only their count (JSON always lists them)")
    add_format(p, ("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from pathlib import Path

    from kg.validation import validate

    target = args.graph or args.build
    if args.graph and Path(args.graph).is_dir():  # the old positional build folder
        print(f"kg validate: a build folder as argument is deprecated and goes in the next "
              f"release; use --build {args.graph}", file=sys.stderr)
    report = validate(target, shapes=args.shapes)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2, sort_keys=True))
    else:
        print(report.text(notes=args.notes))
    return 0 if report.conforms else 1
