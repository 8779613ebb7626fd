"""kg demo: the main job on the shipped corpus, end to end."""

from __future__ import annotations

import argparse

from kg.cli.options import add_output

HELP = "build, validate and summarize the shipped corpus; write the pictures"
DESCRIPTION = """\
The main job on the shipped corpus (data/): build the graph, validate it, print the
summary and a few headline answers from the query pack, and write the actor network and
the timeline into the output folder. Prints the paths of everything it wrote.

Example:
  kg demo
  kg demo -o /tmp/kg-demo
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="annotation files or folders (default: the shipped data/)")
    add_output(p, default="build", metavar="DIR", help="output folder (default: build/)")


def run(args: argparse.Namespace) -> int:
    from kg.demo import run_demo

    return run_demo(*args.sources, out=args.output, echo=print)
