"""Benchmark: time to a usable view, today's network and timeline pages vs the previous ones.

One command (needs the system Chromium at /usr/bin/chromium, Playwright and git)::

    python benchmarks/viz_bench.py [--sizes 500 2000 5000] [--old-ref REF]
                                   [--corpora DIR] [--cap 240] [--format table|json]
                                   [--keep DIR]

For each size N it makes a synthetic corpus with ``kg synth`` (about N actors in ties,
more than N events), builds it with ``kg build`` (kept in ``--corpora`` and reused on
the next run), projects its actor network (the N nodes with most ties, and every tie
among them) and its timeline (N events, evenly picked), and writes four pages:

* network, now: ``kg.viz.write_network_html`` of this checkout;
* network, before: the same graph through ``kg/viz`` of ``--old-ref`` (default: the
  commit before the network page was rewritten), extracted with ``git archive`` and run
  in a subprocess on the same pickled graph;
* timeline, now and before: the same events, the same way.

Each page is opened in a fresh headless Chromium context (every non-``file:`` request
aborted). *Usable* is: for a network, vis-network exists, its physics has stopped or is
off, and a forced full redraw has completed and the next animation frame has run; for a
timeline, the page says it is ready (``data-ready``) and the next animation frame has
run. Also reported: the seconds Python took to write each page, its size, the page's
height in pixels (timeline) and how many nodes are drawn at first (network). Times are
wall-clock on this machine; quote the ratios.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
REPO = Path(__file__).resolve().parents[1]
OLD_REF = "c98af23"  # main before the alignment network and the lane timeline

# Runs in a network page: wait for a stable network, force one full redraw, let a frame pass.
NETWORK_PROBE = """async (capMs) => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const find = () => (window.kgView && window.kgView.network) || window.network;
  for (;;) {
    const net = find();
    const p = net && net.physics;
    const off = p && (p.options.enabled === false || p.physicsEnabled === false);
    if (off || (p && p.ready === true && p.stabilized === true && p.viewFunction === undefined)) {
      break;
    }
    if (performance.now() > capMs) return { timedOut: true, ms: performance.now() };
    await sleep(25);
  }
  const net = find();
  await new Promise(resolve => { net.once("afterDrawing", resolve); net.redraw(); });
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { timedOut: false, ms: performance.now(), drawn: window.kgView.nodes.length };
}"""

TIMELINE_PROBE = """async (capMs) => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  while (document.body.dataset.ready !== "1") {
    if (performance.now() > capMs) return { timedOut: true, ms: performance.now() };
    await sleep(25);
  }
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { timedOut: false, ms: performance.now(),
           height: document.documentElement.scrollHeight };
}"""

# Run by the old checkout: read (kind, payload, path) from a pickle, write the page.
OLD_WRITER = """
import pickle, sys, time
import kg
assert kg.__file__.startswith(sys.argv[2]), kg.__file__  # the old checkout, not this one
kind, payload, path = pickle.load(open(sys.argv[1], "rb"))
started = time.perf_counter()
if kind == "network":
    from kg.viz.html import write_network_html
    write_network_html(payload, path, title="before")
else:
    from kg.viz.timeline import write_timeline_html
    write_timeline_html(payload, path, title="before")
print(time.perf_counter() - started)
"""


def corpus(n: int, folder: Path) -> Path:
    """A built synthetic corpus with at least ``n`` actors in ties (made once, then reused)."""
    out = folder / f"synth-{n}"
    store = out / "build" / "store"
    if store.is_dir():
        return store
    docs, actors = max(60, int(n * 0.8)), int(n * 1.6)
    _kg("synth", "--docs", str(docs), "--actors", str(actors), "--seed", "7",
        "-o", str(out / "corpus"))
    _kg("build", str(out / "corpus"), "-o", str(out / "build"))
    return store


def _kg(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kg", *args], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def network_of(store: Path, n: int):
    """The actor network restricted to its ``n`` nodes with most ties."""
    from kg.network.projection import project

    G = project(str(store), view="actors")
    keep = sorted(G, key=lambda v: (-G.degree(v), str(v)))[:n]
    H = G.subgraph(keep).copy()
    H.graph.update(G.graph)
    return H


def events_of(store: Path, n: int) -> list[dict]:
    """``n`` events picked evenly from the corpus timeline (dated and undated alike)."""
    from kg.network.projection import timeline_events

    events = timeline_events(str(store))
    step = max(len(events) / n, 1.0)
    return [events[int(i * step)] for i in range(min(n, len(events)))]


def old_checkout(ref: str, folder: Path) -> Path:
    """``kg/`` and ``ontology/`` of ``ref`` extracted into ``folder``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "kg", "ontology"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def write_old(old: Path, kind: str, payload, path: Path) -> float:
    job = path.with_suffix(".pickle")
    job.write_bytes(pickle.dumps((kind, payload, str(path))))
    done = subprocess.run([sys.executable, "-c", OLD_WRITER, str(job), str(old)], check=True,
                          cwd=old,
                          capture_output=True, text=True, env={"PYTHONPATH": str(old),
                                                               "PATH": "/usr/bin:/bin"})
    return float(done.stdout.strip().splitlines()[-1])


def time_page(browser, path: Path, probe: str, cap_s: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else r.abort())
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(path.resolve().as_uri(), timeout=cap_s * 1000, wait_until="load")
        result = page.evaluate(probe, cap_s * 1000)
    except Exception as exc:  # a page that does not even load within the cap
        result = {"timedOut": True, "ms": cap_s * 1000, "error": str(exc).splitlines()[0]}
    finally:
        context.close()
    return {"seconds": round(result["ms"] / 1000, 2), "timed_out": result["timedOut"],
            "drawn": result.get("drawn"), "height": result.get("height"), "errors": errors[:3],
            "megabytes": round(path.stat().st_size / 1e6, 2)}


def run(sizes: list[int], ref: str, corpora: Path, cap_s: float,
        keep: Path | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from kg.viz import write_network_html, write_timeline_html

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        (work / "old").mkdir()
        old = old_checkout(ref, work / "old")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for n in sizes:
                print(f"  {n}: corpus ...", file=sys.stderr, flush=True)
                store = corpus(n, corpora)
                G, events = network_of(store, n), events_of(store, n)
                row = {"size": n, "nodes": G.number_of_nodes(), "ties": G.number_of_edges(),
                       "events": len(events)}
                for kind, payload, writer in (("network", G, write_network_html),
                                              ("timeline", events, write_timeline_html)):
                    probe = NETWORK_PROBE if kind == "network" else TIMELINE_PROBE
                    now_path = work / f"{kind}-{n}-now.html"
                    old_path = work / f"{kind}-{n}-old.html"
                    print(f"  {n}: {kind} ...", file=sys.stderr, flush=True)
                    started = time.perf_counter()
                    title = (f"kg: {row['nodes']:,} synthetic actors" if kind == "network"
                             else f"kg: {row['events']:,} synthetic events")
                    writer(payload, now_path, title=title)
                    now_write = time.perf_counter() - started
                    old_write = write_old(old, kind, payload, old_path)
                    row[kind] = {
                        "now": {"write_seconds": round(now_write, 2),
                                **time_page(browser, now_path, probe, cap_s)},
                        "before": {"write_seconds": round(old_write, 2),
                                   **time_page(browser, old_path, probe, cap_s)}}
                rows.append(row)
                if keep:  # the pages, for scripts/screenshots.py --pages
                    keep.mkdir(parents=True, exist_ok=True)
                    for kind in ("network", "timeline"):
                        for when in ("now", "old"):
                            page = work / f"{kind}-{n}-{when}.html"
                            (keep / page.name).write_bytes(page.read_bytes())
        finally:
            browser.close()
    return rows


def table(rows: list[dict], cap_s: float) -> str:
    def secs(r: dict) -> str:
        return f">{cap_s:g}" if r["timed_out"] else f"{r['seconds']:.2f}"

    lines = ["| view | size | now: usable (s) | before: usable (s) | now: write (s) "
             "| before: write (s) | now MB | before MB | now: drawn / page height |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        for kind in ("network", "timeline"):
            now, before = row[kind]["now"], row[kind]["before"]
            extra = (f"{now['drawn']} of {row['nodes']} nodes" if kind == "network"
                     else f"{now['height']} px (before: {before['height']} px)")
            size = (f"{row['nodes']} nodes, {row['ties']} ties" if kind == "network"
                    else f"{row['events']} events")
            lines.append(f"| {kind} | {size} | {secs(now)} | {secs(before)} | "
                         f"{now['write_seconds']:.2f} | {before['write_seconds']:.2f} | "
                         f"{now['megabytes']:.1f} | {before['megabytes']:.1f} | {extra} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--old-ref", default=OLD_REF,
                        help=f"git ref of the views to compare with (default: {OLD_REF})")
    parser.add_argument("--corpora", type=Path, default=Path("build/viz-bench"),
                        help="where the synthetic corpora are built and kept "
                             "(default: build/viz-bench)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--keep", type=Path, help="copy the pages written into this folder")
    parser.add_argument("--cap", type=float, default=240.0,
                        help="give up on a page after this many seconds (default 240)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"viz_bench: needs the system Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    args.corpora.mkdir(parents=True, exist_ok=True)
    rows = run(args.sizes, args.old_ref, args.corpora.resolve(), args.cap, args.keep)
    print(json.dumps(rows, indent=2) if args.format == "json" else table(rows, args.cap))
    return 0


if __name__ == "__main__":
    sys.exit(main())
