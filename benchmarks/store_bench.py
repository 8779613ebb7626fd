"""Store-layer benchmark: one documented command for the figures in docs/benchmarks.md.

    python benchmarks/store_bench.py                 # ~100 k and ~1 M quads
    python benchmarks/store_bench.py --docs 10000    # ~10 M quads (long)

It runs ``kg bench`` (kg.bench.run_bench) side by side in one run and writes
``benchmarks/results/store-<docs>.json`` plus the text summary on stdout. The JSON keys
are documented in docs/benchmarks.md. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="100,1000", help="sizes in documents (~1,000 quads each)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cap-s", type=float, default=10.0, help="per-run cap for both engines")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args(argv)

    from kg.bench import format_report, run_bench

    sizes = [int(n) for n in args.docs.split(",")]
    report = run_bench(docs=sizes, runs=args.runs, rdflib_cap_s=args.cap_s,
                       rdflib=not args.no_rdflib, workdir=args.workdir,
                       progress=lambda m: print(f"bench: {m}", file=sys.stderr, flush=True))
    out = Path(__file__).resolve().parent / "results" / f"store-{'-'.join(map(str, sizes))}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_report(report))
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
