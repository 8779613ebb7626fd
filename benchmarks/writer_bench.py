"""Benchmark: the build's writer (``kg.build.rdf.document_lines``, a document -> its N-Quads
lines, the hot path of ``kg build``) of this checkout against an older one, side by side.

One command (needs git)::

    python benchmarks/writer_bench.py [--docs 500] [--seed 5] [--old-ref REF] [--repeat 20]

Makes a synthetic corpus with ``kg synth`` in a temporary folder and loads it once; takes the
old ``kg/build/rdf.py`` from ``--old-ref`` with ``git show`` and imports it beside this
checkout's (the rest of the package is this checkout's, so only the writer differs); then,
``--repeat`` times, writes every document with each, alternately (old, new; new, old...), in
one process pinned by the caller if wanted (``taskset -c 1``). The two must give the same
lines, or the script says so and exits 1. Reports each side's best and median seconds and
their ratios: times are wall-clock on a shared machine, quote the ratios.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OLD_REF = "0aca1d2"  # main before the writer used the closed namespaces


def _old_writer(ref: str, folder: Path):
    source = subprocess.run(["git", "show", f"{ref}:kg/build/rdf.py"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    path = folder / "rdf_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("kg.build.rdf_old", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--old-ref", default=OLD_REF)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    import kg.build.rdf as new
    from kg.loaders import load_corpus
    from kg.ontology import load_ontology
    from kg.synth import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old = _old_writer(args.old_ref, folder)
        onto = load_ontology()
        write_corpus(folder / "corpus", docs=args.docs, seed=args.seed)
        docs = load_corpus(folder / "corpus", ontology=onto).documents
    if [old.document_lines(d, onto) for d in docs] != [new.document_lines(d, onto) for d in docs]:
        print(f"the writers of {args.old_ref} and of this checkout give different lines")
        return 1
    seconds: dict[str, list[float]] = {"old": [], "new": []}
    sides = [("old", old), ("new", new)]
    for r in range(args.repeat):
        for name, writer in sides if r % 2 == 0 else sides[::-1]:
            gc.collect()
            start = time.perf_counter()
            for d in docs:
                writer.document_lines(d, onto)
            seconds[name].append(time.perf_counter() - start)
    for name, times in seconds.items():
        print(f"{name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
              f"({len(docs)} documents)")
    print(f"new/old: best {min(seconds['new']) / min(seconds['old']):.3f}, median "
          f"{statistics.median(seconds['new']) / statistics.median(seconds['old']):.3f}; "
          "same lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
