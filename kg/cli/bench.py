"""kg bench: build, load, memory and query figures side by side, in one run."""

from __future__ import annotations

import argparse

from kg.cli.options import (
    add_build,
    add_deprecated,
    add_format,
    add_output,
    positive_count,
    seconds,
    share,
)

HELP = "benchmark build vs raw bulk load, peak memory, and the query pack vs rdflib"
DESCRIPTION = """\
Generate a synthetic corpus of N documents, build it, and measure side by side in one run:
build throughput against pyoxigraph's raw bulk load of the same N-Quads, peak RSS of each
phase (each in its own process), every query of the pack on the embedded store against
rdflib (median of k runs; rdflib capped), 'kg --help' start-up time, and the machine.
The JSON keys are documented in docs/benchmarks.md.

Example:
  kg bench --docs 100
  kg bench --docs 100,1000 --format json -o build/bench.json    # ~100 k and ~1 M quads
  kg bench --pack-only --build build/ --no-rdflib              # the pack on your own build
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs", default="200", metavar="N[,N...]",
                   help="synthetic documents to generate, or several sizes separated by commas "
                        "(about 1,000 quads per document; default: 200)")
    add_format(p, ("table", "json"), default="table",
               help="table (default) or json (keys in docs/benchmarks.md)")
    add_deprecated(p, "--json", new="--format json", dest="format", nargs=0, const="json")
    add_output(p, metavar="FILE", help="also write the JSON here")
    p.add_argument("--runs", type=positive_count, default=5, metavar="K",
                   help="runs per query; the median is reported (default: 5)")
    p.add_argument("--rdflib-timeout", type=seconds, default=10.0, metavar="SECONDS",
                   help="time cap per rdflib query, reported as '> cap' (default: 10)")
    add_deprecated(p, "--rdflib-cap-s", new="--rdflib-timeout", dest="rdflib_timeout",
                   type=seconds)
    p.add_argument("--memory-mb", type=positive_count, default=None, metavar="MB",
                   help="address-space cap of every phase (default: 60%% of RAM)")
    p.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    p.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default: 0)")
    p.add_argument("--retell", type=share, default=0.0, metavar="P",
                   help="share of synthetic documents retelling earlier ones, as in kg synth "
                        "(0.3: a corpus of many sources; default: 0)")
    p.add_argument("--workdir", default=None, metavar="DIR",
                   help="where to generate and build (default: a temporary folder)")
    p.add_argument("--pack-only", nargs="?", const=True, default=False, metavar="DIR",
                   help="measure only the query pack on the existing build folder --build "
                        "(its store; with rdflib unless --no-rdflib, on its graph.nq); "
                        "the old form --pack-only DIR is deprecated")
    add_build(p, help="the build folder of --pack-only (default: build/)")


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from pathlib import Path

    from kg.bench import format_pack_report, format_report, run_bench, run_pack_bench
    from kg.errors import UsageError

    say = lambda msg: print(f"kg bench: {msg}", file=sys.stderr, flush=True)  # noqa: E731
    if args.output and Path(args.output).is_dir():  # known now, not after minutes of runs
        raise UsageError(f"-o {args.output} is a folder; give the JSON file to write")
    if isinstance(args.pack_only, str):  # the old --pack-only DIR
        print(f"kg bench: --pack-only {args.pack_only} is deprecated and goes in the next "
              f"release; use --pack-only --build {args.pack_only}", file=sys.stderr)
        args.build = Path(args.pack_only)
    if args.pack_only:
        report = run_pack_bench(args.build, runs=args.runs, rdflib_cap_s=args.rdflib_timeout,
                                rdflib=not args.no_rdflib, memory_mb=args.memory_mb,
                                progress=say)
        _write(args.output, report)
        print(json.dumps(report, indent=2) if args.format == "json" else format_pack_report(report))
        return 0
    try:
        sizes = [int(n) for n in str(args.docs).split(",") if n.strip()]
    except ValueError:
        raise UsageError(f"--docs takes numbers separated by commas, not {args.docs!r}") from None
    if not sizes or min(sizes) < 1:
        raise UsageError(f"--docs needs at least one size of 1 or more, not {args.docs!r}")
    report = run_bench(docs=sizes, runs=args.runs, rdflib_cap_s=args.rdflib_timeout,
                       rdflib=not args.no_rdflib, seed=args.seed, retell=args.retell,
                       workdir=args.workdir, memory_mb=args.memory_mb, progress=say)
    _write(args.output, report)
    print(json.dumps(report, indent=2) if args.format == "json" else format_report(report))
    return 0


def _write(out: str | None, report: dict) -> None:
    import json
    from pathlib import Path

    from kg.atomic import write_text

    if out:
        write_text(Path(out), json.dumps(report, indent=2) + "\n")
