"""Timelines of events: an interactive offline HTML page and a static SVG (PNG optional).

Events come from ``kg.network.projection.timeline_events`` (keys in :mod:`kg.viz`).
Spans are bars, days are dots, what the source leaves uncertain (the ends of a
span given to the month; a season, year or relative time) is hatched, open
intervals fade out, and undated events are listed apart, "undated in the
source". The page draws the same model as the SVG, with tooltips and zoom.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.atomic import write_bytes, write_text
from kg.errors import BuildError
from kg.viz.assets import PAGE_PERMS, static_text, template
from kg.viz.escape import csp_hash, inline_code
from kg.viz.timeline_model import build_model
from kg.viz.timeline_svg import render_svg

__all__ = [
    "write_timeline_html",
    "write_timeline_svg",
    "write_timeline_png",
    "render_timeline_html",
    "render_timeline_svg",
    "find_chromium",
]

Events = Iterable[dict[str, Any]]


def render_timeline_html(events: Events, *, title: str = "Timeline") -> str:
    """The self-contained timeline page as a string (same events, same bytes)."""
    from kg.viz.escape import html_text

    model = build_model(list(events), title)
    js = inline_code(static_text("timeline.js"))
    csp = (f"default-src 'none'; script-src {csp_hash(js)}; style-src 'unsafe-inline'; "
           "base-uri 'none'; form-action 'none'")
    page = template("timeline.html", csp=csp, js=js,
                    css=inline_code(static_text("timeline.css"), "style"))
    return page.render(title=html_text(model.title), model=model.as_json())


def render_timeline_svg(events: Events, *, title: str = "Timeline") -> str:
    """The static SVG as a string."""
    return render_svg(build_model(list(events), title))


def write_timeline_html(events: Events, path: str | os.PathLike[str], *,
                        title: str = "Timeline") -> Path:
    """Write the interactive timeline page to ``path`` (atomically) and return it."""
    return write_text(path, render_timeline_html(events, title=title), perms=PAGE_PERMS,
                      within=Path(path).parent)


def write_timeline_svg(events: Events, path: str | os.PathLike[str], *,
                       title: str = "Timeline") -> Path:
    """Write the static SVG timeline to ``path`` (atomically) and return it."""
    return write_text(path, render_timeline_svg(events, title=title), perms=PAGE_PERMS,
                      within=Path(path).parent)


def find_chromium() -> str | None:
    """The system Chromium, if installed (used only for the optional PNG)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def write_timeline_png(events: Events, path: str | os.PathLike[str], *,
                       title: str = "Timeline", chromium: str | None = None,
                       timeout: float = 60.0) -> Path:
    """Render the SVG to PNG with the system Chromium (headless, no network).

    :raises BuildError: no Chromium, or it failed.
    """
    svg = render_timeline_svg(events, title=title)
    browser = chromium or find_chromium()
    if not browser:
        raise BuildError("PNG output needs the system Chromium, which is not installed; "
                         "write SVG instead")
    width, height = _svg_size(svg)
    target = Path(path)
    with tempfile.TemporaryDirectory(prefix="kg-timeline-") as tmp:
        source, shot = Path(tmp) / "timeline.svg", Path(tmp) / "timeline.png"
        source.write_text(svg, encoding="utf-8")
        command = [browser, "--headless", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   f"--user-data-dir={Path(tmp) / 'profile'}", "--hide-scrollbars",
                   f"--window-size={width},{height}", f"--screenshot={shot}", source.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to sandbox as root
        _run_group(command, timeout, f"Chromium ({browser}) could not render {target}")
        if not shot.is_file():
            raise BuildError(f"Chromium ({browser}) wrote no screenshot for {target}")
        return write_bytes(target, shot.read_bytes(), perms=PAGE_PERMS, within=target.parent)


def _run_group(command: list[str], timeout: float, failure: str) -> None:
    """Run ``command`` in its own process group; on timeout kill the whole group
    (Chromium leaves zygote processes behind otherwise)."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
    except OSError as exc:
        raise BuildError(f"{failure}: {exc}") from exc
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise BuildError(f"{failure}: no answer in {timeout:g} s") from None
    if process.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise BuildError(f"{failure}: exit {process.returncode}: {last[0]}")


def _svg_size(svg: str) -> tuple[int, int]:
    head = svg[: svg.index(">", svg.index("<svg")) + 1]
    width = int(head.split('width="', 1)[1].split('"', 1)[0])
    height = int(head.split('height="', 1)[1].split('"', 1)[0])
    return width, height

