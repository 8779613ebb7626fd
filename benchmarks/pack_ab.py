"""Benchmark: pack questions of this checkout against a previous commit's, side by side.

One command (needs git and a built store)::

    python benchmarks/pack_ab.py --build DIR [--old-ref REF] [--runs 3]
                                 [--as-run-by query|bench|written] [--param NAME=VALUE]
                                 NAME [NAME ...]

For each question NAME, ``queries/NAME.rq`` of this checkout and the file at ``--old-ref`` run
on the store of ``DIR`` (``kg build`` output), in one process, interleaved (old, new, old,
new ...), after one warm-up run each: it prints the medians of wall-clock and CPU seconds and
whether both gave the same rows (in the same order; the items of list cells sorted, as
``kg query`` sorts them). ``--as-run-by query`` (the default) or
``bench`` (the same since ``kg bench`` sends what ``kg query`` sends: one code path,
:func:`kg.query.run.prepare`) runs the texts with comments stripped, the first page and
``?includeNonfactual`` bound to false; ``written`` runs the files as written, nothing bound
(as another tool would run them). A synthetic corpus of about 1 M quads:
``kg synth --docs 1000 -o synth && kg build synth -o DIR``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def texts(name: str, old_ref: str, as_run_by: str, store: Path,
          params: dict[str, str] | None = None) -> tuple[str, str]:
    import tempfile

    old = subprocess.run(["git", "-C", str(REPO), "show", f"{old_ref}:queries/{name}.rq"],
                         check=True, capture_output=True, text=True).stdout
    new = (REPO / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    if as_run_by == "written":
        return old, new
    from kg.query.pack import load_query
    from kg.query.run import prepare
    from kg.store import open_store

    out = []
    with tempfile.TemporaryDirectory() as tmp, open_store(store) as live:
        for text in (old, new):
            path = Path(tmp) / f"{name}.rq"
            path.write_text(text, encoding="utf-8")
            spec = load_query(path)
            known = {p.name for p in spec.params} | {"limit", "offset", "include-nonfactual"}
            given = {k: v for k, v in (params or {}).items() if k in known}  # the question's
            out.append(prepare(spec, live, given).bound_text())
    return out[0], out[1]


def _as_kg_query_gives(answer: list, variables: list[str], text: str) -> list[tuple]:
    """The rows as comparable tuples, the items of each list cell sorted as ``kg query`` sorts
    them (:mod:`kg.query.lists`): the engine's order of a GROUP_CONCAT's items varies."""
    import pyoxigraph as ox

    from kg.query.lists import list_columns, sorted_cell

    where = {variables.index(v): sep for v, sep in list_columns(text).items() if v in variables}
    return [tuple(None if t is None
                  else sorted_cell(t.value, where[i]) if i in where and isinstance(t, ox.Literal)
                  else str(t) for i, t in enumerate(row)) for row in answer]


def main(argv: list[str] | None = None) -> int:
    import pyoxigraph as ox

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="+", metavar="NAME")
    ap.add_argument("--build", required=True, type=Path, help="a kg build output folder")
    ap.add_argument("--old-ref", default="78a7b86", help="git ref of the old queries")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--as-run-by", choices=("query", "bench", "written"), default="query")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="a parameter of the questions, as for kg query (not with 'written')")
    args = ap.parse_args(argv)
    params = dict(p.split("=", 1) for p in args.param)
    pairs = {name: texts(name, args.old_ref, args.as_run_by, args.build / "store", params)
             for name in args.names}
    store = ox.Store.read_only(str(args.build / "store"))
    differ = 0
    print(f"store {args.build}, old {args.old_ref}, as run by kg {args.as_run_by}, "
          f"median of {args.runs} after a warm-up")
    for name in args.names:
        pair = pairs[name]
        seen: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
        rows: dict[str, list] = {}
        for run in range(args.runs + 1):
            for tag, text in zip(("old", "new"), pair, strict=True):
                wall, cpu = time.perf_counter(), time.process_time()
                solutions = store.query(text, use_default_graph_as_union=True)
                answer = list(solutions)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                rows[tag] = _as_kg_query_gives(answer, [v.value for v in solutions.variables],
                                               text)
                if run:
                    seen[tag].append((wall, cpu))
        same = rows["old"] == rows["new"]
        differ += not same
        med = {tag: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
               for tag, v in seen.items()}
        print(f"{name:24s} old {med['old'][0]:7.2f} s wall {med['old'][1]:7.2f} s CPU | "
              f"new {med['new'][0]:7.2f} s wall {med['new'][1]:7.2f} s CPU | "
              f"CPU ratio {med['old'][1] / max(med['new'][1], 1e-9):5.1f}x | rows "
              f"{len(rows['old'])}/{len(rows['new'])} {'same' if same else 'DIFFER'}",
              flush=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
