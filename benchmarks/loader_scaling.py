"""Loader scaling: does loading one document grow linearly with its text and its annotations?

    python benchmarks/loader_scaling.py              # the full run (a few minutes)
    python benchmarks/loader_scaling.py --quick      # smaller sizes, a quick look
    python benchmarks/loader_scaling.py --json out.json

For each format (native YAML, brat standoff, W3C Web Annotation) it writes synthetic
documents and times ``kg.loaders.load_document`` (reading, parsing, resolving every anchor;
the ontology checks are not included), in one run, side by side:

- **text**: 1 MB to 10 MB of text with the same 1,000 annotations;
- **annotations**: 1,000 to 100,000 annotations, each in its own sentence, so the text grows
  with them (100,000 annotations: about 6 MB of text), the harder case for quote resolution;
- **probe cases** of issue 13: a one-letter quote with ``occurrence: 1`` in 1-10 MB of text
  (native), and 1,000 to 100,000 brat mentions of one entity (merged into one item).

Each point is the best of ``--repeat`` runs. The report gives, for each series, the time per
unit and the *growth ratio* (time ratio divided by size ratio, from the smallest size to
each larger one): 1.0 is linear, 10 would mean quadratic over a tenfold size. Absolute times
depend on the machine and its load; quote the ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.loaders import load_document  # noqa: E402

FORMATS = ("native", "brat", "webanno")
HEAD = "document:\n  id: d\n  text: d.txt\n  publisher: unknown\n  author: unknown\n"


def _sentence(i: int) -> str:
    return f"In report {i} the actor w{i:07d} was seen near the border. "


def _filler(n_chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = ["the", "council", "said", "that", "talks", "would", "resume", "after", "a",
             "long", "pause", "in", "winter", "and", "spring", "officials", "noted"]
    out, size = [], 0
    while size < n_chars:
        w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n_chars]


def _document(n_ann: int, text_bytes: int | None) -> tuple[str, list[tuple[int, int, str]]]:
    """A text with ``n_ann`` unique names (w0000001...) spread over it; their spans."""
    parts, spans, pos = [], [], 0
    pad = 0 if text_bytes is None else max(0, (text_bytes - n_ann * 62) // max(n_ann, 1))
    for i in range(n_ann):
        s = _sentence(i)
        start = pos + s.index("w")
        spans.append((start, start + 8, f"w{i:07d}"))
        filler = _filler(pad, seed=i % 97) + " " if pad else ""
        parts.append(s + filler)
        pos += len(s) + len(filler)
    return "".join(parts) + "\n", spans


def write(fmt: str, folder: Path, text: str, spans: list[tuple[int, int, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d.txt").write_text(text, encoding="utf-8")
    if fmt == "native":
        body = "".join(f"  - id: a{k}\n    type: State\n    quote: {q}\n"
                       for k, (_, _, q) in enumerate(spans))
        (folder / "d.yaml").write_text(HEAD + "annotations:\n" + body, encoding="utf-8")
        return folder / "d.yaml"
    if fmt == "brat":
        lines = [f"T{k + 1}\tState {s} {e}\t{q}" for k, (s, e, q) in enumerate(spans)]
        (folder / "d.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder / "d.ann"
    items = [{"id": f"kgd:doc/d/ann{k}", "type": "Annotation",
              "body": {"id": f"kgd:a{k}", "type": "kg:State"},
              "target": {"source": "kgd:doc/d",
                         "selector": [{"type": "TextQuoteSelector", "exact": q}]}}
             for k, (_, _, q) in enumerate(spans)]
    data = {"type": "AnnotationCollection", "kg:document": {"id": "kgd:doc/d"},
            "first": {"items": items}}
    (folder / "d.jsonld").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return folder / "d.jsonld"


def _warm_up(root: Path) -> None:
    """Load one small document of each format first: the ontology and the schema
    validators are read once per process, and must not count against the first point."""
    text, spans = _document(50, None)
    for fmt in FORMATS:
        load_document(write(fmt, root / f"warm-{fmt}", text, spans))


def _time(path: Path, repeat: int, expect: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc, problems = load_document(path)
        best = min(best, time.perf_counter() - t0)
        if problems or doc is None or sum(len(it.anchors) for it in doc.items) != expect:
            raise SystemExit(f"{path}: unexpected load result: {problems[:3]}")
    return best


def _series(name: str, points: list[tuple[float, float]], unit: str) -> dict:
    (s0, t0) = points[0]
    rows = [{"size": s, "seconds": round(t, 4), "per_unit_us": round(t / s * 1e6, 3),
             "growth_ratio": round((t / t0) / (s / s0), 2)} for s, t in points]
    return {"series": name, "unit": unit, "points": rows}


def run(quick: bool, repeat: int) -> list[dict]:
    mb = [1, 2, 5, 10] if not quick else [1, 2]
    anns = [1_000, 10_000, 100_000] if not quick else [1_000, 5_000]
    out = []
    with tempfile.TemporaryDirectory(prefix="kg-loader-scaling-") as tmp:
        root = Path(tmp)
        _warm_up(root)
        for fmt in FORMATS:
            pts = []
            for m in mb:
                text, spans = _document(1_000, m * 1_000_000)
                path = write(fmt, root / f"{fmt}-text-{m}", text, spans)
                pts.append((m, _time(path, repeat, len(spans))))
            out.append(_series(f"{fmt}: 1,000 annotations, text of N MB", pts, "MB"))
            pts = []
            for n in anns:
                text, spans = _document(n, None)
                path = write(fmt, root / f"{fmt}-ann-{n}", text, spans)
                pts.append((n, _time(path, repeat, len(spans))))
            out.append(_series(f"{fmt}: N annotations, text growing with them", pts,
                               "annotations"))
        # probe: a one-letter quote, occurrence 1, in N MB of text
        pts = []
        for m in mb:
            rng = random.Random(m)
            text = "".join(rng.choice("ab \n") for _ in range(m * 1_000_000))
            folder = root / f"probe-letter-{m}"
            folder.mkdir()
            (folder / "d.txt").write_text(text, encoding="utf-8")
            (folder / "d.yaml").write_text(
                HEAD + "annotations:\n  - id: x\n    type: State\n    quote: b\n"
                "    occurrence: 1\n", encoding="utf-8")
            pts.append((m, _time(folder / "d.yaml", repeat, 1)))
        out.append(_series("probe: one-letter quote, occurrence 1, in N MB (native)", pts, "MB"))
        # probe: N brat mentions of one entity, out of text order
        pts = []
        for n in anns:
            folder = root / f"probe-mentions-{n}"
            folder.mkdir()
            (folder / "d.txt").write_text("Korea " * n, encoding="utf-8")
            order = list(range(n))
            random.Random(n).shuffle(order)
            lines = [f"T{k + 1}\tState {6 * i} {6 * i + 5}\tKorea" for k, i in enumerate(order)]
            (folder / "d.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
            pts.append((n, _time(folder / "d.ann", repeat, n)))
        out.append(_series("probe: N brat mentions of one entity (merged)", pts, "mentions"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    ap.add_argument("--repeat", type=int, default=2, help="runs per point (best is kept)")
    ap.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    args = ap.parse_args(argv)
    report = run(args.quick, args.repeat)
    for s in report:
        print(f"\n{s['series']}")
        print(f"  {'size':>10} {s['unit']:<12} {'seconds':>9} {'µs/unit':>10} {'growth':>7}")
        for p in s["points"]:
            print(f"  {p['size']:>10} {'':<12} {p['seconds']:>9.3f} {p['per_unit_us']:>10.2f} "
                  f"{p['growth_ratio']:>7.2f}")
    worst = max(p["growth_ratio"] for s in report for p in s["points"])
    print(f"\nworst growth ratio: {worst:.2f} (1.0 = linear)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
