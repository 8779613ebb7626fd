"""kg synth: a synthetic annotated corpus of any size, for tests and benchmarks."""

from __future__ import annotations

import argparse

from kg.cli.options import add_output, positive_count, share

HELP = "generate a synthetic annotated corpus (native .txt + .yaml) of N documents"
DESCRIPTION = """\
Write N synthetic documents in the native annotation format: a text and its YAML, with
actors drawn from a pool (states, persons, organizations), events with roles and dates,
relations, motives and claims anchored to quotes of the text. With --retell, some
documents also tell events of earlier ones again (same-as), now and then differently:
another type, status or date, or a denial, as many sources do. Deterministic for a seed;
every document loads and builds. Meant for benchmarks and load tests, not for analysis.
The sizes are bounded: --docs 1,000,000 (100 times the largest benchmark corpus; about
8.6 KB of files each), --actors 100,000 (over 12 times the largest benchmark pool, made in
memory before the first document), --seed a 64-bit number (it names every file); a larger
value is a usage error, before anything is written.

Example:
  kg synth --docs 1000 -o build/synth --seed 7 && kg build build/synth -o build/synth-out
  kg synth --docs 1000 -o build/many --retell 0.3   # 3 in 10 documents retell earlier ones
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs", type=int, default=100, metavar="N",
                   help="number of documents, 0 to 1,000,000 (default: 100)")
    add_output(p, required=True, metavar="DIR", help="output folder")
    p.add_argument("--seed", type=int, default=0,
                   help="random seed, a 64-bit whole number (default: 0)")
    p.add_argument("--actors", type=positive_count, default=None, metavar="N",
                   help="size of the actor pool, 1 to 100,000 (default: grows with --docs, "
                        "up to 5,000)")
    p.add_argument("--retell", type=share, default=0.0, metavar="P",
                   help="share of documents that also tell events of earlier ones again "
                        "(same-as), sometimes disagreeing: 0 to 1; 0.3 is a corpus of many "
                        "sources (default: 0, each document its own events)")


def run(args: argparse.Namespace) -> int:
    import sys

    from kg.synth import write_corpus

    written = write_corpus(args.output, docs=args.docs, seed=args.seed, actors=args.actors,
                           retell=args.retell)
    print(f"kg synth: wrote {written} documents to {args.output}", file=sys.stderr)
    return 0
