"""Pages as HTML: one autoescaping Jinja environment, one Content-Security-Policy.

Every text from the graph is escaped by the templates (labels can hold HTML and
``</script>``); data for the scripts travels as JSON in ``<script type="application/json">``
blocks written by :func:`kg.viz.escape.script_json`, which no text can close. Pages load
scripts only from ``/static/web/`` (``script-src 'self'``): no inline script runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from kg.viz.escape import html_text, safe_color, script_json

__all__ = ["render_page", "view_pages", "CSP", "static_file", "STATIC_TYPES"]

_PAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.html$")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
NAV = (("/", "Home"), ("/sparql", "Query"))


def _finalize(value: object) -> object:
    """Every ``{{ value }}`` of a page: text without control characters, its bidi controls
    isolated (a label's U+202E reverses nothing after it), then escaped by autoescape."""
    return html_text(value) if isinstance(value, str) else value


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kg.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
    env.filters["script_json"] = script_json
    env.filters["safe_color"] = safe_color
    env.globals["nav"] = NAV
    return env


def render_page(template: str, model: Mapping[str, object], *, title: str,
                active: str = "", json_href: str | None = None,
                views: Sequence[tuple[str, str]] = (), **extra: object) -> str:
    """The page ``template`` for ``model`` (the same model the ``.json`` twin serves);
    ``views`` are ``(href, label)`` of the other pages served (network, timeline...), linked
    from every page."""
    return _environment().get_template(template).render(
        m=model, title=title, active=active, json_href=json_href, views=list(views), **extra)


def view_pages(folder: Path | None) -> list[tuple[str, str]]:
    """``(href, label)`` of the pages ``kg viz``/``kg timeline`` wrote into ``folder`` (the
    build folder ``kg serve`` serves): ``network-actors.html`` -> ("/network-actors.html",
    "network: actors"). Only names made of safe characters are listed."""
    if folder is None or not Path(folder).is_dir():
        return []
    names = sorted(p.name for p in Path(folder).glob("*.html")
                   if _PAGE_NAME.match(p.name) and p.name != "index.html")
    return [(f"/{n}", n[:-5].replace("-", ": ", 1).replace("-", " ")) for n in names]


@lru_cache(maxsize=16)
def static_file(name: str) -> bytes | None:
    """A file of ``kg/web/static/`` (``vendor/codemirror.js``, ``web.css``...), or ``None``.

    Only names listed in the folder are served: no path from a URL reaches the file system.
    """
    root = resources.files("kg.web").joinpath("static")
    known = {f"{d.name}/{f.name}" if d.is_dir() else d.name: f
             for d in root.iterdir() for f in (d.iterdir() if d.is_dir() else [d])
             if f.is_file() and f.name.endswith(tuple(STATIC_TYPES))}
    found = known.get(name)
    return found.read_bytes() if found is not None else None
