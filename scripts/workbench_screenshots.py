"""Screenshots of the workbench pages, made by kg itself in the system Chromium.

Usage: python scripts/workbench_screenshots.py [OUT_DIR]    (default docs/images)

Builds the shipped corpus into a temporary folder (with the network and timeline pages that
``kg viz`` and ``kg timeline`` write, which the workbench links to), starts ``kg serve`` on a
free loopback port, opens the home, query, entity and document pages in headless Chromium
(/usr/bin/chromium; every request outside the server is refused) and writes
``workbench-home.png``, ``workbench-query.png``, ``workbench-entity.png`` and
``workbench-document.png``. Downloads nothing.
"""

from __future__ import annotations

import sys
import tempfile
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.build import build
from kg.cli import main
from kg.resources import data_dir
from kg.server.launch import serve

SEED = "cfr-2022-north-korea-provocations"
QUERY = """\
# Who sides with whom: every signed tie between two actors, with its words.
SELECT ?from ?tie ?to ?quote WHERE {
  ?relation kg:subject ?a ; kg:relObject ?b ; a ?class .
  ?class kg:edgeSign ?sign ; kg:edgeLabel ?tieLabel .
  ?a a kg:Actor . ?b a kg:Actor .
  ?annotation oa:hasBody ?relation ; oa:hasTarget/oa:hasSelector/oa:exact ?quote .
  GRAPH <https://w3id.org/kg-toolkit/id/graph/derived/display-labels> {
    ?a rdfs:label ?from . ?b rdfs:label ?to }
  BIND(CONCAT(IF(?sign > 0, "+ ", "− "), STR(?tieLabel)) AS ?tie)
}
ORDER BY ?from ?to
"""
SHOTS = {  # file name -> (path, what to do on the page before the screenshot)
    "workbench-home.png": ("/", None),
    "workbench-query.png": ("/sparql?" + urllib.parse.urlencode({"query": QUERY}), None),
    "workbench-entity.png": ("/entity/north-korea", None),
    "workbench-document.png": (f"/doc/{SEED}",
                               "#kg-text mark[data-item='north-korea']"),
}


def shoot_all(out: str = "docs/images") -> int:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp) / "build"
        build(data_dir(), out=out_dir)
        for command in (["viz", "-o", str(out_dir / "network-actors.html")],
                        ["timeline", "-o", str(out_dir / "timeline.html")]):
            if main([*command, "--build", str(out_dir)]) != 0:
                raise SystemExit(f"kg {command[0]} failed")
        server = serve(out_dir / "store", port=0, workers=1)
        try:
            _shoot(server.url, target)
        finally:
            server.stop()
    return 0


def _shoot(origin: str, target: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            (origin + "/", "data:")) else r.abort())
        for name, (path, click) in SHOTS.items():
            page.goto(origin + path)
            page.wait_for_load_state("load")
            if click:
                page.locator(click).nth(2).click()
            page.screenshot(path=str(target / name))
            print(f"wrote {target / name}")
        browser.close()


if __name__ == "__main__":
    sys.exit(shoot_all(*sys.argv[1:]))
