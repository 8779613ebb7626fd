"""Render the README picture: the seed's actor network page, screenshotted in headless Chromium.

Usage: python scripts/readme_picture.py [build/network-actors.html] [docs/images/actor-network.png]
(run `kg demo` first). Uses the system Chromium (/usr/bin/chromium); downloads nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(page_path: str = "build/network-actors.html",
         out: str = "docs/images/actor-network.png") -> int:
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(url)
        page.wait_for_timeout(2500)
        page.screenshot(path=out)
        browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
