"""Benchmark: ``kg.network.project`` of this checkout against an older one, side by side.

One command (needs git)::

    python benchmarks/projection_bench.py [--docs 2000] [--actors N] [--seed 7]
                                          [--views actors] [--old-ref REF] [--repeat 3]
                                          [--corpora build/projection-bench] [--format table|json]

Makes a synthetic corpus with ``kg synth`` (``--docs`` documents; built with ``kg build`` into
``--corpora`` once and reused), extracts ``kg/`` and ``ontology/`` of ``--old-ref`` with
``git archive``, then, ``--repeat`` times, projects each view in a fresh Python process with
the old code and with this checkout's, alternately (old, new, old, new...), so both see the
same machine. Each process opens the store, times ``project(store, view)`` alone, and writes
the projection's JSON export (``kg export --format json``); the two exports must be
byte-identical, or the script says so and exits 1. Reports the median seconds of each side
and their ratio. Times are wall-clock on a shared machine: quote the ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OLD_REF = "ab38438"  # main before nodes fetched only their first anchor

# Run in a fresh process by either checkout: project one view, time it, export it.
PROJECT = """
import json, sys, time
import kg
assert kg.__file__.startswith(sys.argv[1]), kg.__file__  # the checkout asked for
from kg.export.network import write_network
from kg.network import project
from kg.store import open_store
store = open_store(sys.argv[2])
started = time.perf_counter()
G = project(store, view=sys.argv[3])
seconds = time.perf_counter() - started
write_network(G, sys.argv[4], format="json")
print(json.dumps({"seconds": seconds, "nodes": G.number_of_nodes(),
                  "edges": G.number_of_edges()}))
"""


def corpus(docs: int, actors: int | None, seed: int, folder: Path) -> Path:
    """A built synthetic corpus (made once, then reused): its store folder."""
    out = folder / f"synth-{docs}-{actors or 'default'}-{seed}"
    store = out / "build" / "store"
    if store.is_dir():
        return store
    extra = ["--actors", str(actors)] if actors else []
    for args in (["synth", "--docs", str(docs), "--seed", str(seed), *extra,
                  "-o", str(out / "corpus")],
                 ["build", str(out / "corpus"), "-o", str(out / "build")]):
        subprocess.run([sys.executable, "-m", "kg", *args], check=True, cwd=REPO,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return store


def old_checkout(ref: str, folder: Path) -> Path:
    """``kg/`` and ``ontology/`` of ``ref`` extracted into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "kg", "ontology"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def project_in(checkout: Path, store: Path, view: str, out: Path) -> dict:
    """Run :data:`PROJECT` with ``checkout`` first on the path (its own working folder)."""
    done = subprocess.run([sys.executable, "-c", PROJECT, str(checkout), str(store), view,
                           str(out)], cwd=checkout, check=True, capture_output=True,
                          text=True, env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args: argparse.Namespace) -> tuple[list[dict], bool]:
    store = corpus(args.docs, args.actors, args.seed, Path(args.corpora))
    rows, same = [], True
    with tempfile.TemporaryDirectory() as tmp:
        old = old_checkout(args.old_ref, Path(tmp) / "old")
        for view in args.views:
            times: dict[str, list[float]] = {"before": [], "now": []}
            for i in range(args.repeat):
                for side, checkout in (("before", old), ("now", REPO)):
                    out = Path(tmp) / f"{view}-{side}-{i}.json"
                    result = project_in(checkout, store, view, out)
                    times[side].append(result["seconds"])
                before, now = (Path(tmp) / f"{view}-{s}-{i}.json" for s in ("before", "now"))
                if before.read_bytes() != now.read_bytes():
                    same = False
                    print(f"projection_bench: the {view} exports differ (run {i + 1})",
                          file=sys.stderr)
            b, n = statistics.median(times["before"]), statistics.median(times["now"])
            rows.append({"view": view, "docs": args.docs, "nodes": result["nodes"],
                         "edges": result["edges"], "before_s": round(b, 2),
                         "now_s": round(n, 2), "speedup": round(b / n, 2),
                         "before_runs": [round(t, 2) for t in times["before"]],
                         "now_runs": [round(t, 2) for t in times["now"]],
                         "identical": same})
    return rows, same


def table(rows: list[dict]) -> str:
    out = ["| view | documents | nodes | edges | before (s) | now (s) | speedup | exports |",
           "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['view']} | {r['docs']:,} | {r['nodes']:,} | {r['edges']:,} | "
                   f"{r['before_s']:.2f} | {r['now_s']:.2f} | {r['speedup']:.2f}x | "
                   f"{'identical' if r['identical'] else 'DIFFER'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--actors", type=int, default=None,
                        help="actor pool of kg synth (default: grows with --docs)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--views", nargs="+", default=["actors"],
                        choices=["actors", "events", "claims", "all"])
    parser.add_argument("--old-ref", default=OLD_REF)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpora", default=str(REPO / "build" / "projection-bench"))
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    rows, same = run(args)
    print(json.dumps(rows, indent=1) if args.format == "json" else table(rows))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
