"""Benchmark: time to a stable, interactive network view, kg's page vs pyvis defaults.

One command (needs the system Chromium at /usr/bin/chromium and Playwright)::

    python benchmarks/viz_bench.py [--sizes 500 2000 5000] [--json] [--cap 240] [--keep DIR]

For each size it builds one synthetic signed actor graph (seeded preferential
attachment, about two edges per node, random directions and signs, labels,
quotes and sources as the projection gives them) and writes it twice:

* kg: ``kg.viz.write_network_html`` (layout precomputed in Python);
* pyvis defaults: ``Network(cdn_resources="in_line")``, ``from_nx``, ``write_html``
  (its Bootstrap CDN requests are aborted by the router, so they fail at once).

Each page is opened in a fresh headless Chromium context. The time reported is
from navigation start until the network exists, its physics has stopped (or is
off), and a forced full redraw has completed and the next animation frame has
run: the view is drawn, stable and answering. The same probe runs in both pages,
side by side in one run. A page still moving after ``--cap`` seconds is
reported as ``>cap``. Times are wall-clock on this machine; quote the ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
TYPES = [("ActorTypeA", "actor type A", "#1f77b4", "dot"),
         ("ActorTypeB", "actor type B", "#9467bd", "dot"),
         ("ActorTypeC", "actor type C", "#2ca02c", "square"),
         ("ActorTypeD", "actor type D", "#8c564b", "square")]
TIES = {1: ("Cooperation", "cooperates with", "#2ca02c"),
        -1: ("Opposition", "opposes", "#d73027")}

# Runs in the page: wait for a stable network, force one full redraw, let a frame pass.
PROBE = """async (capMs) => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const find = () => (window.kgView && window.kgView.network) || window.network;
  let firstMs = null;  // stabilization iterations done (pyvis hides its loading bar)
  for (;;) {
    const net = find();
    const p = net && net.physics;
    const off = p && (p.options.enabled === false || p.physicsEnabled === false);
    if (firstMs === null && p && (off || p.ready === true)) firstMs = performance.now();
    if (off || (p && p.ready === true && p.stabilized === true && p.viewFunction === undefined)) {
      break;
    }
    if (performance.now() > capMs) return { timedOut: true, ms: performance.now(), firstMs };
    await sleep(25);
  }
  const net = find();
  await new Promise(resolve => { net.once("afterDrawing", resolve); net.redraw(); });
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { timedOut: false, ms: performance.now(), firstMs,
           nodes: (window.kgView ? window.kgView.nodes : window.nodes).length };
}"""


def signed_actor_graph(n: int, seed: int = 7) -> nx.DiGraph:
    """Preferential attachment (2 edges per new node), random directions and signs."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.DiGraph()
    G.graph["legend"] = (
        [{"kind": "node", "type": t, "label": lab, "color": c, "shape": s, "sign": None}
         for t, lab, c, s in TYPES]
        + [{"kind": "edge", "type": t, "label": lab, "color": c, "shape": None, "sign": sign}
           for sign, (t, lab, c) in TIES.items()])
    iri = "https://w3id.org/kg-toolkit/id/actor-{}".format
    for i in base:
        t, lab, color, shape = TYPES[rng.randrange(len(TYPES))]
        G.add_node(iri(i), label=f"Actor {i}", type=t, type_label=lab, color=color, shape=shape,
                   quote=f"words about actor {i}", source=f"Synthetic document {i % 50}")
    for u, v in base.edges():
        if rng.random() < 0.5:
            u, v = v, u
        sign = 1 if rng.random() < 0.6 else -1
        t, lab, color = TIES[sign]
        G.add_edge(iri(u), iri(v), label=lab, sign=sign, color=color, type=t, type_label=lab,
                   quote=f"actor {u} and actor {v}", source="Synthetic document")
    return G


def write_pages(G: nx.DiGraph, folder: Path) -> dict[str, tuple[Path, float]]:
    """Both pages for ``G``, with the seconds each took to write."""
    from pyvis.network import Network

    from kg.viz import write_network_html

    n = G.number_of_nodes()
    started = time.perf_counter()
    ours = write_network_html(G, folder / f"kg-{n}.html", title=f"{n} actors")
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    net = Network(cdn_resources="in_line")
    # pyvis' add_edge(source, to, **options) would clash with our "source" attribute.
    net.from_nx(_renamed(G))
    pyvis_path = folder / f"pyvis-{n}.html"
    net.write_html(str(pyvis_path))
    return {"kg": (ours, ours_s), "pyvis": (pyvis_path, time.perf_counter() - started)}


def _renamed(G: nx.DiGraph) -> nx.DiGraph:
    H = G.copy()
    for *_, attrs in H.edges(data=True):
        attrs["source_text"] = attrs.pop("source")
    return H


def time_page(browser, path: Path, cap_s: float) -> dict:
    """Seconds from navigation start to a stable, redrawn, responsive view."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(path.resolve().as_uri(), timeout=cap_s * 1000, wait_until="load")
        result = page.evaluate(PROBE, cap_s * 1000)
    except Exception as exc:  # a page that does not even load within the cap
        result = {"timedOut": True, "ms": cap_s * 1000, "error": str(exc).splitlines()[0]}
    finally:
        context.close()
    errors = [e for e in errors if "ERR_FAILED" not in e]  # the aborted CDN requests
    first = result.get("firstMs")
    return {"seconds": round(result["ms"] / 1000, 2), "timed_out": result["timedOut"],
            "first_drawn_seconds": None if first is None else round(first / 1000, 2),
            "nodes_in_page": result.get("nodes"), "blocked_requests": len(blocked),
            "errors": errors[:3]}


def run(sizes: list[int], cap_s: float, keep: Path | None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp, sync_playwright() as pw:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for n in sizes:
                G = signed_actor_graph(n)
                pages = write_pages(G, folder)
                row = {"nodes": n, "edges": G.number_of_edges()}
                for name, (path, write_s) in pages.items():
                    print(f"  {n} nodes: timing {name} ...", file=sys.stderr, flush=True)
                    row[name] = {"write_seconds": round(write_s, 2),
                                 "megabytes": round(path.stat().st_size / 1e6, 2),
                                 **time_page(browser, path, cap_s)}
                rows.append(row)
        finally:
            browser.close()
    return rows


def table(rows: list[dict], cap_s: float) -> str:
    def shown(r: dict) -> str:
        return f">{cap_s:g}" if r["timed_out"] else f"{r['seconds']:.2f}"

    lines = ["| nodes | edges | kg page: stable (s) | pyvis defaults: stable (s) | pyvis / kg "
             "| pyvis: stabilization done (s) | kg write (s) | pyvis write (s) "
             "| kg MB | pyvis MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        ours, theirs = row["kg"], row["pyvis"]
        ratio = theirs["seconds"] / max(ours["seconds"], 1e-9)
        ratio_text = (">" if theirs["timed_out"] else "") + f"{ratio:.0f}x"
        first = theirs["first_drawn_seconds"]
        first_text = f">{cap_s:g}" if first is None else f"{first:.2f}"
        lines.append(f"| {row['nodes']} | {row['edges']} | {shown(ours)} | {shown(theirs)} | "
                     f"{ratio_text} | {first_text} | {ours['write_seconds']:.2f} | "
                     f"{theirs['write_seconds']:.2f} | {ours['megabytes']:.1f} | "
                     f"{theirs['megabytes']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--cap", type=float, default=240.0,
                        help="give up on a page after this many seconds (default 240)")
    parser.add_argument("--keep", type=Path, help="write the pages here and keep them")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"viz_bench: needs the system Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    rows = run(args.sizes, args.cap, args.keep)
    print(json.dumps(rows, indent=2) if args.json else table(rows, args.cap))
    return 0


if __name__ == "__main__":
    sys.exit(main())
