"""Benchmark: ``kg validate`` on a built corpus, this checkout against a previous commit's.

One command (needs git)::

    python benchmarks/validate_bench.py [--corpus data] [--old-ref REF] [--repeat 3]
                                        [--build DIR] [--format table|json] [-o FILE]

It builds ``--corpus`` once (default: the shipped corpus, ``data/``; the build is kept in
``--build`` and reused), extracts ``kg/``, ``ontology/`` and ``queries/`` of ``--old-ref``
(default: main before the shapes of anchors were rewritten) into a temporary folder, then
runs :func:`kg.validation.validate` on the build ``--repeat`` times with each tree, old and
new interleaved, each run in a fresh Python process (as ``kg validate`` runs). It reports the
medians of wall-clock and CPU seconds of the call (graph loading, SHACL, the anchor and
disagreement checks; not the interpreter's start) and their ratio, measured side by side in
one run, and each tree's peak resident memory (the process's, interpreter included).
Before timing, it checks that both trees give the same report (``as_dict``, as JSON); a
difference fails the run (exit 1).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# main before the anchors' shapes became paths and class targets (session 22)
OLD_REF = "d85d8c6"

# Runs in a fresh interpreter with one tree first on sys.path: the report as JSON and the
# call's wall-clock and CPU seconds.
_RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from kg.validation import validate
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
report = validate(sys.argv[2])
wall = time.perf_counter() - t0
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
json.dump({"wall": wall, "cpu": cpu, "rss_mb": cpu1.ru_maxrss / 1024,
           "report": report.as_dict()}, sys.stdout, sort_keys=True)
"""


def old_tree(ref: str, work: Path) -> Path:
    """``kg/``, ``ontology/`` and ``queries/`` of ``ref``, extracted into ``work``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref,
                              "kg", "ontology", "queries"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(work, filter="data")
    return work


def run(tree: Path, build: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("KG_ONTOLOGY", None)
    out = subprocess.run([sys.executable, "-c", _RUN, str(tree), str(build)], check=True,
                         capture_output=True, text=True, env=env, cwd=tree)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "data")
    ap.add_argument("--build", type=Path, default=REPO / "build" / "validate-bench")
    ap.add_argument("--old-ref", default=OLD_REF)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--format", choices=("table", "json"), default="table")
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from kg.build import build

    if not (args.build / "graph.nq").is_file():
        print(f"building {args.corpus} -> {args.build}", file=sys.stderr)
        build(args.corpus, out=args.build, store=False)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"old": old_tree(args.old_ref, Path(tmp)), "new": REPO}
        runs: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
        for i in range(args.repeat):
            for name in ("old", "new"):
                runs[name].append(run(trees[name], args.build))
                print(f"run {i + 1}/{args.repeat} {name}: {runs[name][-1]['wall']:.1f} s",
                      file=sys.stderr)
            if i == 0 and runs["old"][0]["report"] != runs["new"][0]["report"]:
                print("the reports differ between the two trees", file=sys.stderr)
                return 1
    first = runs["new"][0]["report"]
    result: dict[str, Any] = {
        "corpus": str(args.corpus), "old_ref": args.old_ref, "repeat": args.repeat,
        "checked_quads": first["quads"], "checked_anchors": first["anchors"],
        "conforms": first["conforms"]}
    for name in ("old", "new"):
        result[f"{name}_wall_seconds"] = round(statistics.median(r["wall"] for r in runs[name]), 2)
        result[f"{name}_cpu_seconds"] = round(statistics.median(r["cpu"] for r in runs[name]), 2)
        result[f"{name}_peak_rss_mb"] = round(max(r["rss_mb"] for r in runs[name]))
    result["new_vs_old_wall"] = round(result["new_wall_seconds"] / result["old_wall_seconds"], 3)
    result["new_vs_old_cpu"] = round(result["new_cpu_seconds"] / result["old_cpu_seconds"], 3)
    result["new_vs_old_peak_rss"] = round(result["new_peak_rss_mb"] / result["old_peak_rss_mb"], 3)
    if args.format == "json":
        text = json.dumps(result, indent=2, sort_keys=True) + "\n"
    else:
        text = "\n".join(f"{k:24} {v}" for k, v in result.items()) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
