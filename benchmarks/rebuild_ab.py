"""Benchmark: a rebuild after one edit, this checkout against another, side by side.

One command (needs git; a corpus of about 1 M quads is ``kg synth --docs 1000``)::

    python benchmarks/rebuild_ab.py --corpus DIR --work DIR [--old-ref REF] [--rounds 8]

The old code is a detached git worktree of ``--old-ref`` (default ``main``) in
``WORK/old-tree``, imported with ``PYTHONPATH`` in the same virtual environment. Each code
builds the corpus once into its own folder (``WORK/old``, ``WORK/new``: full builds, the
same corpus path, so their cache entries are the corpus's own). Then each round edits the
middle document's first label, as ``kg bench`` does (undoing the edit every other round),
and rebuilds both folders in place, one after the other, the order alternating between
rounds; each rebuild runs in a fresh interpreter. Printed per run and as medians: CPU
(user + system of the process and its threads and children, start-up and imports
included), wall time, the build's stages and corpus rules as ``kg bench`` reports them. On
a machine shared with other jobs, read the CPU ratio. Finally the outputs of both folders
are compared byte for byte (``graph.nq``, ``graph.trig``).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
start = time.perf_counter()
seen = {}
def progress(stage, done, total):
    now = time.perf_counter() - start
    seen.setdefault(stage, [now, now])[1] = now
from kg.build import build
r = build(sys.argv[1], out=sys.argv[2], progress=progress)
print(json.dumps({"wall": time.perf_counter() - start, "incremental": r.incremental,
                  "rebuilt": len(r.rebuilt),
                  "stages": {k: b - a for k, (a, b) in seen.items()},
                  "rules": r.rule_seconds}))
"""


def toggle(corpus: Path) -> None:
    """Edit the middle document's first label, or undo that edit."""
    docs = sorted(corpus.glob("*.yaml"))
    doc = docs[len(docs) // 2]
    text = doc.read_text(encoding="utf-8")
    if ' (edited)"' in text:
        text = text.replace(' (edited)"', '"', 1)
    else:
        text = re.sub(r'label: "([^"]*)"', r'label: "\1 (edited)"', text, count=1)
    doc.write_text(text, encoding="utf-8")


def run(tree: Path, corpus: Path, out: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out)], env=env,
                          capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.exit(proc.stderr)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="the corpus (edited in place)")
    ap.add_argument("--work", type=Path, required=True, help="where the builds go")
    ap.add_argument("--old-ref", default="main", help="the old code's git ref (main)")
    ap.add_argument("--rounds", type=int, default=8, help="edits, each rebuilt by both (8)")
    args = ap.parse_args(argv)
    corpus, work = args.corpus.resolve(), args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    old_tree = work / "old-tree"
    if not old_tree.exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(old_tree),
                        args.old_ref], check=True, capture_output=True)
    trees = {"old": old_tree, "new": REPO}
    for name, tree in trees.items():
        if not (work / name / "graph.nq").exists():
            print(f"{name}: full build", flush=True)
            run(tree, corpus, work / name)
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    for i in range(args.rounds):
        toggle(corpus)
        for name in ("old", "new") if i % 2 == 0 else ("new", "old"):
            r = run(trees[name], corpus, work / name)
            if not (r["incremental"] and r["rebuilt"] == 1):
                print(f"{name}: not an update of one document (left out): {r}", flush=True)
                continue
            runs[name].append(r)
            stages = " ".join(f"{k} {v:.3f}" for k, v in r["stages"].items())
            rules = " ".join(f"{k} {v:.3f}" for k, v in r["rules"].items())
            print(f"{name}: cpu {r['cpu']:.3f} s  wall {r['wall']:.3f} s  [{stages}] "
                  f"[{rules}]", flush=True)
    for name, rs in runs.items():
        print(f"{name}: CPU {[round(r['cpu'], 2) for r in rs]} median "
              f"{statistics.median(r['cpu'] for r in rs):.3f} s; wall median "
              f"{statistics.median(r['wall'] for r in rs):.3f} s")
    cpu = [statistics.median(r["cpu"] for r in runs[n]) for n in ("new", "old")]
    wall = [statistics.median(r["wall"] for r in runs[n]) for n in ("new", "old")]
    print(f"new/old: CPU {cpu[0] / cpu[1]:.3f}, wall {wall[0] / wall[1]:.3f}")
    for f in ("graph.nq", "graph.trig"):
        same = filecmp.cmp(work / "old" / f, work / "new" / f, shallow=False)
        print(f"{f}: {'same bytes' if same else 'DIFFERENT'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
