"""The build's pages at ``/``: streamed from disk, never a file outside the pages folder.

A path is refused (``404``) if any segment is ``..``, ``.`` or starts with a dot, if it
holds a NUL or a backslash, if it resolves (symlinks followed) outside the pages folder
or inside the store, or if it is not a regular file. Files are streamed in chunks
(Starlette's ``FileResponse``), so a slow reader of a large file costs one chunk of
memory, not the file.
"""

from __future__ import annotations

import html
import mimetypes
import stat
import urllib.parse
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from kg.server.errors import Refused

__all__ = ["routes", "safe_target", "STATIC_TYPES", "PAGE_CSP"]

STATIC_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".json": "application/json",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
    ".nq": "application/n-quads", ".nt": "application/n-triples",
    ".trig": "application/trig", ".ttl": "text/turtle; charset=utf-8",
    ".rq": "application/sparql-query", ".woff2": "font/woff2", ".map": "application/json",
}
# The server's own pages (the index) load nothing and run no script.
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def safe_target(pages: Path | None, store: Path, rel: str) -> Path:
    """The file ``rel`` names under ``pages``, or :class:`Refused` (404)."""
    parts = Path(rel).parts
    if pages is None or "\x00" in rel or "\\" in rel or any(
            p in ("..", ".") or p.startswith(".") for p in parts):
        raise Refused(404, f"not found: /{rel}")
    target = (pages / rel).resolve()
    try:
        regular = stat.S_ISREG(target.stat().st_mode)
    except OSError:
        regular = False
    if not target.is_relative_to(pages) or target.is_relative_to(store) or not regular:
        raise Refused(404, f"not found: /{rel}")
    return target


def routes(pages: Path | None, store: Path) -> list[BaseRoute]:
    """The catch-all route of the pages folder (register it last)."""

    async def page(request: Request) -> Response:
        rel = urllib.parse.unquote(request.url.path).lstrip("/")
        if rel == "":
            if pages is not None and (pages / "index.html").is_file():
                rel = "index.html"
            else:
                return HTMLResponse(index_page(pages), headers={"Content-Security-Policy":
                                                                PAGE_CSP})
        target = safe_target(pages, store, rel)
        ctype = STATIC_TYPES.get(target.suffix.lower()) or (
            mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        return FileResponse(target, media_type=ctype)

    return [Route("/{path:path}", page, methods=["GET", "HEAD"])]


def index_page(pages: Path | None) -> str:
    names = sorted(p.name for p in pages.glob("*.html")) if pages else []
    items = "".join(f'<li><a href="/{urllib.parse.quote(n)}">{html.escape(n)}</a></li>'
                    for n in names)
    return (
        "<!doctype html><meta charset=utf-8><title>kg serve</title>"
        "<h1>kg serve</h1><p>SPARQL 1.1 Protocol endpoint: <code>/query</code> "
        "(read-only; queries see the union of all named graphs).</p>"
        f"<ul>{items}</ul>"
        "<form method=post action=/query><textarea name=query rows=8 cols=80>"
        "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        "</textarea><br><button>Run</button></form>"
    )
