"""Benchmark: how ``kg annotate``'s drafter scales on hostile text, one "sentence" that
repeats one phrase thousands of times.

One command::

    python benchmarks/annotate_scaling.py [--sizes 500 2000] [--phrases "said " ...]
                                          [--format table|json]

For each phrase it drafts ``"It " + phrase * n + "ended."`` at each size (rules alone, the
generic list of names, the document dated 2022-11-20) in this process, one after the other,
and reports the seconds and, for the largest size, the ratio of its time to the smallest
size's time next to the ratio of the sizes: a drafter linear in the text's length keeps the
two close; one that rereads the whole sentence for every item grows with the square.
Times are wall-clock on a shared machine: read the ratios, not the seconds. Real sentences
are short (the longest of ``data/`` is 726 characters); the point is that no text, however
written, takes time growing with the square of its length.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PHRASES = ("said ", "on Monday ", "talks ", "denied sending ", "before ", "the same ")


def measure(phrases, sizes) -> list[dict]:
    sys.path.insert(0, str(REPO))
    from kg.annotate.draft import draft
    from kg.annotate.gazetteer import Gazetteer
    from kg.ontology import load_ontology

    gaz = Gazetteer()
    gaz.add_yaml()
    onto = load_ontology()
    draft("Seoul said on Monday that talks ended.", doc_id="t", text_name="t.txt",
          gazetteer=gaz, onto=onto, date="2022-11-20", model="none")  # loads the lexicons
    rows = []
    for phrase in phrases:
        seconds = []
        for n in sizes:
            text = "It " + phrase * n + "ended."
            t0 = time.perf_counter()
            draft(text, doc_id="t", text_name="t.txt", gazetteer=gaz, onto=onto,
                  date="2022-11-20", model="none")
            seconds.append(round(time.perf_counter() - t0, 3))
        rows.append({"phrase": phrase, "sizes": list(sizes), "seconds": seconds,
                     "time_ratio": round(seconds[-1] / max(seconds[0], 1e-3), 1),
                     "size_ratio": round(sizes[-1] / sizes[0], 1)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000],
                    help="repeats of each phrase (default: 500 2000)")
    ap.add_argument("--phrases", nargs="+", default=list(PHRASES),
                    help="the phrases repeated (default: %(default)s)")
    ap.add_argument("--format", choices=("table", "json"), default="table")
    args = ap.parse_args(argv)
    if len(args.sizes) < 2 or min(args.sizes) < 1:
        ap.error("--sizes: at least two sizes, each at least 1")
    rows = measure(args.phrases, sorted(args.sizes))
    if args.format == "json":
        print(json.dumps(rows, indent=2, sort_keys=True))
        return 0
    print(f"{'phrase':20} " + " ".join(f"{n:>8}" for n in sorted(args.sizes))
          + "   time ratio / size ratio")
    for r in rows:
        print(f"{r['phrase']!r:20} " + " ".join(f"{s:8.2f}" for s in r["seconds"])
              + f"   {r['time_ratio']:>6} / {r['size_ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
