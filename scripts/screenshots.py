"""Render the documentation pictures of the views, screenshotted in headless Chromium.

Usage::

    python scripts/screenshots.py [--out docs/images] [--large STORE | --pages DIR]

Builds the shipped corpus with ``kg demo`` in a temporary folder and writes:

* ``actor-network.png`` -- the seed's actor network, North Korea clicked: its ties with
  their quotes in the details panel (the README's picture);
* ``timeline.png`` -- the seed's timeline, grouped by actor, undated events folded;
* ``network-5000.png`` and ``timeline-1000.png`` -- a large synthetic corpus (``--large``,
  a built store; ``python benchmarks/viz_bench.py`` builds one with 5,000 actors): the
  level-of-detail network and the timeline of 1,000 of its events. Skipped when the store
  is missing. ``--pages DIR`` takes them instead from the pages ``viz_bench.py --keep DIR``
  wrote (``network-5000-now.html``, ``timeline-2000-now.html``...), saving the projection.

Uses the system Chromium (/usr/bin/chromium); every non-``file:`` request is aborted, so
nothing is downloaded. Waits for each page's own ready signal, never a fixed delay.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
NK = "https://w3id.org/kg-toolkit/id/north-korea"


def _open(browser, path: Path, width: int = 1400, height: int = 860):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else r.abort())
    page.goto(path.resolve().as_uri())
    page.wait_for_function("document.body.dataset.ready === '1'")
    return page


def _click_node(page, node_id: str) -> None:
    x, y = page.evaluate("""id => {
        const net = kgView.network, box = net.body.container.getBoundingClientRect();
        const p = net.canvasToDOM(net.getPosition(id));
        return [box.left + p.x, box.top + p.y];
    }""", node_id)
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--large", type=Path,
                        default=REPO / "build" / "viz-bench" / "synth-5000" / "build" / "store")
    parser.add_argument("--pages", type=Path, help="pages written by viz_bench.py --keep")
    args = parser.parse_args(argv)

    from kg.network.projection import project, timeline_events
    from kg.viz import write_network_html, write_timeline_html

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "kg", "demo", "-o", str(work / "seed")],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        seed = work / "seed" / "store"
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = _open(browser, write_network_html(project(str(seed)), work / "net.html",
                                                 title="kg: actor network of the seed brief"))
        _click_node(page, NK)
        page.evaluate("document.getElementById('kg-tip').hidden = true")  # no hover tooltip
        page.screenshot(path=str(args.out / "actor-network.png"))
        page = _open(browser, write_timeline_html(timeline_events(str(seed)), work / "tl.html",
                                                  title="kg: timeline of the seed brief"))
        page.screenshot(path=str(args.out / "timeline.png"))
        if args.pages:
            page = _open(browser, args.pages / "network-5000-now.html")
            page.screenshot(path=str(args.out / "network-5000.png"))
            page = _open(browser, args.pages / "timeline-2000-now.html")
            page.screenshot(path=str(args.out / "timeline-2000.png"))
        elif args.large.is_dir():
            G = project(str(args.large))
            page = _open(browser, write_network_html(
                G, work / "big.html", title=f"kg: {G.number_of_nodes():,} synthetic actors"))
            page.screenshot(path=str(args.out / "network-5000.png"))
            events = timeline_events(str(args.large))
            step = max(len(events) / 1000, 1.0)
            picked = [events[int(i * step)] for i in range(min(1000, len(events)))]
            page = _open(browser, write_timeline_html(
                picked, work / "big-tl.html", title="kg: 1,000 synthetic events"))
            page.screenshot(path=str(args.out / "timeline-1000.png"))
        else:
            print(f"screenshots: no large store at {args.large}; skipped the large views",
                  file=sys.stderr)
        browser.close()
    print(f"wrote the pictures into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
