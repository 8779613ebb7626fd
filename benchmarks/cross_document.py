"""Benchmark: the cross-document checks, today's against a previous commit's, side by side.

One command (needs git)::

    python benchmarks/cross_document.py [--docs 330] [--echoes 40] [--per-echo 20]
                                        [--hot 80] [--old-ref REF] [--repeat 3]
                                        [--checks contradictions,validate]
                                        [--corpora DIR] [--format table|json] [-o FILE]

It makes a corpus with ``kg synth`` (``--docs`` documents: actors shared by hundreds of
documents, events of their own) plus ``--echoes`` "echo" documents. Each echo re-reports
``--per-echo`` events drawn from the first ``--hot`` synthetic documents with ``same-as``,
and disagrees with them as real sources do (deterministically): another event type
(three in ten), another day (four in ten), another label (one in two), a claim that
denies it (one in five). So every hot event is one node reported by about
``echoes * per_echo / hot + 1`` documents, and the checks have real pairs to find. The
corpus and its build are kept in ``--corpora`` and reused.

Then, on the built store, in one process, each measured ``--repeat`` times with the old
and the new run interleaved (medians of wall-clock and CPU seconds):

* ``kg query contradictions`` (its first page, as the command runs it, and every row):
  ``queries/contradictions.rq`` of this checkout against the file at ``--old-ref``;
* ``kg validate``'s disagreement check (:func:`kg.disagreements.source_disagreements`):
  this checkout's module against ``kg/disagreements.py`` at ``--old-ref``.

Before timing, it checks that old and new give the same answer: the contradictions rows
(page and whole, with and without ``include-nonfactual``) and the disagreements, on this
corpus and on the shipped corpus (``data/``). A difference fails the run (exit 1).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# main before the cross-document checks were regrouped (the last commit with the old ones)
OLD_REF = "7420441"
CHECKS = ("contradictions", "validate")
EVENT_TYPES = ("MissileTest", "MissileLaunch", "MilitaryExercise", "SecurityAlert",
               "MilitaryProvocation", "PublicStatement")


def make_corpus(folder: Path, *, docs: int, echoes: int, per_echo: int, hot: int,
                seed: int = 7) -> Path:
    """``kg synth`` documents plus echo documents in ``folder`` (kept if already there)."""
    import yaml

    from kg.synth import write_corpus

    done = folder / ".complete"
    if done.is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    write_corpus(folder, docs=docs, seed=seed)
    rng = random.Random(seed)
    pool = []
    for path in sorted(folder.glob("synth-*.yaml"))[:hot]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = {a["id"]: a for a in data["annotations"]}
        if "ev1" in items:
            pool.append((data["document"]["id"], items["ev1"], items.get(items["ev1"].get("time"))))
    for i in range(echoes):
        _write_echo(folder, f"echo-{i:03d}", rng.sample(pool, min(per_echo, len(pool))), rng)
    done.write_text("ok\n", encoding="utf-8")
    return folder


def _write_echo(folder: Path, doc_id: str, events: list[tuple[str, dict, dict | None]],
                rng: random.Random) -> None:
    import datetime as dt

    lines, items = [], []
    for j, (doc, event, span) in enumerate(events):
        kind = event["type"] if rng.random() >= 0.3 else rng.choice(EVENT_TYPES)
        day = dt.date(2015, 1, 1)
        if span and span.get("begin") and len(str(span["begin"])) == 10:
            day = dt.date.fromisoformat(str(span["begin"]))
        if rng.random() < 0.4:
            day += dt.timedelta(days=40)
        words, date_text = f"event {j} of {doc}", f"{day.isoformat()} (item {j})"
        lines.append(f"Report {j}: the {words} took place on {date_text}.")
        item: dict[str, Any] = {"id": f"ev-{j}", "type": kind, "same-as": f"{doc}/ev1",
                                "quote": f"the {words} took place", "time": f"t-{j}",
                                "status": "Occurred"}
        if rng.random() < 0.5:
            item["label"] = f"{words} as {doc_id} tells it"
        items += [item, {"id": f"t-{j}", "type": "TimeSpan", "quote": date_text,
                         "begin": day.isoformat(), "precision": "Day"}]
        if rng.random() < 0.2:
            lines.append(f"Officials deny that the {words} happened.")
            items.append({"id": f"c-{j}", "type": "Claim", "asserts": [f"ev-{j}"],
                          "quote": f"Officials deny that the {words} happened.",
                          "modality": "ReportedFact", "certainty": "Certain",
                          "polarity": "Negative"})
    (folder / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    header = {"id": doc_id, "text": f"{doc_id}.txt", "title": f"Echo {doc_id}",
              "publisher": "unknown", "author": "unknown", "date": "unknown"}
    import yaml

    (folder / f"{doc_id}.yaml").write_text(
        "# Echo document of benchmarks/cross_document.py (invented).\n"
        + yaml.safe_dump({"document": header, "annotations": items}, sort_keys=False,
                         allow_unicode=True), encoding="utf-8")


def built(corpus: Path, out: Path) -> Path:
    from kg.build import build

    if not (out / "store").is_dir():
        build(corpus, out=out)
    return out


def old_files(ref: str, work: Path) -> tuple[Path, Any]:
    """The old contradictions query (a file) and the old disagreements module."""
    def show(path: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), "show", f"{ref}:{path}"], check=True,
                              capture_output=True, text=True).stdout

    query = work / "contradictions-old.rq"
    query.write_text(show("queries/contradictions.rq"), encoding="utf-8")
    module_path = work / "disagreements_old.py"
    module_path.write_text(show("kg/disagreements.py"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("disagreements_old", module_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return query, module


def contradictions(query: str | Path, store: Any, limit: str, nonfactual: str = "false"
                   ) -> list[tuple[str, ...]]:
    from kg.query import run_query

    rows = run_query(query, store, params={"limit": limit,
                                           "include-nonfactual": nonfactual}).rows
    return [tuple("" if t is None else str(t) for t in row) for row in rows]


def in_memory(build: Path) -> Any:
    """The build's graph in an in-memory pyoxigraph store, as ``kg validate`` reads it."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def check_same(label: str, build: Path, store: Any, old_query: Path, old_module: Any,
               checks: frozenset[str] = frozenset(CHECKS)) -> dict[str, int]:
    """Old and new answers on one build; raises SystemExit on a difference."""
    from kg.disagreements import source_disagreements

    manifest, memory = build / "manifest.json", in_memory(build)
    counts = {}
    for limit in ("50", "0") if "contradictions" in checks else ():
        for nonfactual in ("false", "true"):
            old = contradictions(old_query, store, limit, nonfactual)
            new = contradictions("contradictions", store, limit, nonfactual)
            if old != new:
                sys.exit(f"{label}: contradictions (limit {limit}, include-nonfactual "
                         f"{nonfactual}) differ: {len(old)} rows before, {len(new)} now")
            counts[f"contradictions_limit{limit}_nonfactual_{nonfactual}"] = len(new)
    if "validate" not in checks:
        return counts
    old_d = [d.message() + d.node for d in old_module.source_disagreements(memory, manifest)]
    new_d = [d.message() + d.node for d in source_disagreements(memory, manifest)]
    # The new findings may name lines too; their file and id part must be the old one.
    if [_without_lines(d) for d in new_d] != old_d:
        sys.exit(f"{label}: disagreements differ: {len(old_d)} before, {len(new_d)} now")
    counts["disagreements"] = len(new_d)
    return counts


def _without_lines(text: str) -> str:
    import re

    return re.sub(r"(\.(?:yaml|yml|ann|json)):\d+ \[", r"\1 [", text)


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(build: Path, store: Any, old_query: Path, old_module: Any, repeat: int,
            checks: frozenset[str] = frozenset(CHECKS)) -> list[dict[str, Any]]:
    from kg.disagreements import source_disagreements

    manifest, memory = build / "manifest.json", in_memory(build)

    cases = [
        ("kg query contradictions (first page)",
         lambda: contradictions(old_query, store, "50"),
         lambda: contradictions("contradictions", store, "50")),
        ("kg query contradictions --limit 0",
         lambda: contradictions(old_query, store, "0"),
         lambda: contradictions("contradictions", store, "0")),
        ("kg validate: disagreements",
         lambda: old_module.source_disagreements(memory, manifest),
         lambda: source_disagreements(memory, manifest)),
    ]
    cases = [c for c, kind in zip(cases, ("contradictions", "contradictions", "validate"),
                                  strict=True) if kind in checks]
    rows = []
    for name, old, new in cases:
        runs: dict[str, list[tuple[float, float]]] = {"before": [], "now": []}
        for _ in range(repeat):
            runs["before"].append(timed(old))
            runs["now"].append(timed(new))
        row: dict[str, Any] = {"check": name}
        for side, got in runs.items():
            row[side] = {"wall_s": round(statistics.median(w for w, _ in got), 2),
                         "cpu_s": round(statistics.median(c for _, c in got), 2),
                         "runs_wall_s": [round(w, 2) for w, _ in got]}
        row["ratio_wall"] = round(row["now"]["wall_s"] / max(row["before"]["wall_s"], 1e-9), 3)
        row["ratio_cpu"] = round(row["now"]["cpu_s"] / max(row["before"]["cpu_s"], 1e-9), 3)
        rows.append(row)
    return rows


def table(report: dict[str, Any]) -> str:
    lines = [f"corpus: {report['corpus']['documents']} documents, {report['corpus']['quads']:,} "
             f"quads; before = {report['old_ref']}; medians of {report['repeat']} runs",
             "", "| check | before: wall (CPU) s | now: wall (CPU) s | now / before (wall, CPU) |",
             "|---|---|---|---|"]
    for r in report["checks"]:
        lines.append(f"| {r['check']} | {r['before']['wall_s']} ({r['before']['cpu_s']}) | "
                     f"{r['now']['wall_s']} ({r['now']['cpu_s']}) | "
                     f"{r['ratio_wall']} ({r['ratio_cpu']}) |")
    lines.append("")
    lines.append("same answers: " + json.dumps(report["same_answers"], sort_keys=True))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=330)
    ap.add_argument("--echoes", type=int, default=40)
    ap.add_argument("--per-echo", type=int, default=20)
    ap.add_argument("--hot", type=int, default=80)
    ap.add_argument("--old-ref", default=OLD_REF)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpora", type=Path, default=REPO / "build" / "cross-document")
    ap.add_argument("--checks", default=",".join(CHECKS),
                    help="which to compare and time: contradictions, validate (default: both)")
    ap.add_argument("--format", choices=("table", "json"), default="table")
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args(argv)
    checks = frozenset(c.strip() for c in args.checks.split(",") if c.strip())
    if not checks or checks - set(CHECKS):
        ap.error(f"--checks: choose from {', '.join(CHECKS)}")

    from kg.resources import data_dir
    from kg.store import open_store

    name = f"synth-{args.docs}-echo-{args.echoes}x{args.per_echo}-hot-{args.hot}"
    corpus = make_corpus(args.corpora / name, docs=args.docs, echoes=args.echoes,
                         per_echo=args.per_echo, hot=args.hot)
    out = built(corpus, args.corpora / f"{name}-build")
    with tempfile.TemporaryDirectory() as tmp:
        old_query, old_module = old_files(args.old_ref, Path(tmp))
        shipped = built(data_dir(), Path(tmp) / "shipped")
        same = {}
        store = open_store(shipped / "store")
        try:
            same["shipped corpus"] = check_same("shipped corpus", shipped, store, old_query,
                                                old_module, checks)
        finally:
            store.close()
        store = open_store(out / "store")
        try:
            same["benchmark corpus"] = check_same("benchmark corpus", out, store, old_query,
                                                  old_module, checks)
            timings = measure(out, store, old_query, old_module, args.repeat, checks)
        finally:
            store.close()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    report = {"command": "python benchmarks/cross_document.py " + " ".join(argv or sys.argv[1:]),
              "old_ref": args.old_ref, "repeat": args.repeat,
              "corpus": {"documents": len(manifest["documents"]), "quads": manifest["quads"],
                         "docs": args.docs, "echoes": args.echoes, "per_echo": args.per_echo,
                         "hot": args.hot},
              "same_answers": same, "checks": timings}
    text = json.dumps(report, indent=2) if args.format == "json" else table(report)
    if args.output:
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
