"""Escaping for untrusted text (labels, quotes, sources) in the pages and SVG we write.

Everything textual in a graph comes from annotations and is treated as hostile:
``<img src=x onerror=...>``, ``</script>``, lone surrogates, U+2028, bidi
overrides, megabyte-long quotes. Pages carry it only as JSON inside a
``<script type="application/json">`` block (see :func:`script_json`) and put it
in the DOM with ``textContent``; SVG carries it as escaped XML text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from typing import Any

from markupsafe import Markup

__all__ = [
    "script_json",
    "inline_code",
    "csp_hash",
    "xml_text",
    "shorten",
    "text_of",
    "safe_color",
    "safe_shape",
    "safe_sign",
    "isolate",
    "html_text",
    "VIS_SHAPES",
]

# Inside <script>, "<", ">" and "&" could close the element or open a comment;
# U+2028/2029 end lines in old JavaScript parsers. All are legal JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}

# Shapes vis-network draws itself; "image"/"circularImage"/"icon" would load URLs or fonts.
VIS_SHAPES = frozenset({"dot", "circle", "ellipse", "box", "database", "text", "diamond",
                        "square", "triangle", "triangleDown", "star", "hexagon"})

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
# Characters XML 1.0 forbids (C0 controls but tab/newline/return, surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Tab, newline and return as references: parsers normalize them in attributes and text.
_XML_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
                ord("'"): "&#39;", ord("\t"): "&#9;", ord("\n"): "&#10;", ord("\r"): "&#13;"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def script_json(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block that no text can break out of.

    Keys are sorted and non-ASCII is escaped, so the bytes are stable and lone
    surrogates survive.

    >>> str(script_json({"label": "</script><script>alert(1)</script>"}))
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return Markup(text.translate(_SCRIPT_ESCAPES))


def inline_code(code: str, element: str = "script") -> Markup:
    """Trusted JS or CSS made safe to inline in ``<script>``/``<style>`` (no early close)."""
    code = re.sub(f"</(?={element})", r"<\\/", code, flags=re.IGNORECASE)
    return Markup(code.replace("<!--", "<\\!--"))


def csp_hash(code: str) -> str:
    """The Content-Security-Policy source expression allowing exactly this inline script."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def xml_text(value: Any) -> str:
    """Text safe in XML/SVG content and attribute values (quotes escaped, bad chars dropped).

    >>> xml_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    text = _NOT_XML.sub("", text_of(value))
    return text.translate(_XML_ESCAPES)


# Characters HTML calls controls or noncharacters (a parse error in a page): C0 but tab,
# newline, form feed and return, DEL, C1, lone surrogates, U+FFFE/FFFF.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def html_text(value: str) -> str:
    """``value`` fit for an HTML page before it is escaped: controls dropped, bidi
    controls isolated (the type of a :class:`~markupsafe.Markup` is kept).

    >>> html_text("a\x1b[31m\u202eb") == "\u2068a[31m\u202eb\u2069"
    True
    """
    text = isolate(_NOT_HTML.sub("", value))
    return Markup(text) if isinstance(value, Markup) else text


def isolate(text: str) -> str:
    """Wrap ``text`` in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE if it holds bidi
    controls, so an override (U+202E) in it cannot reorder the text joined after it.

    >>> isolate("plain") == "plain" and isolate("\u202eabc") == "\u2068\u202eabc\u2069"
    True
    """
    if not _BIDI_CONTROLS.search(text):
        return text
    # Isolate controls inside would pair with ours; embeddings and overrides end at our PDI.
    return "\u2068" + re.sub("[\u2066-\u2069]", "", text) + "\u2069"


def text_of(value: Any, limit: int | None = None) -> str:
    """An attribute as display text: ``None`` is empty, others ``str``, capped at ``limit``,
    bidi controls isolated (see :func:`isolate`)."""
    text = "" if value is None else str(value)
    return isolate(shorten(text, limit) if limit else text)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters (plus bidi isolates), ending with an
    ellipsis if cut."""
    return text if len(text) <= limit else isolate(text[: max(limit - 1, 0)] + "\u2026")


def safe_color(value: Any, default: str = "#7f7f7f") -> str:
    """A CSS hex colour, or ``default`` for anything else (never a CSS expression)."""
    return value if isinstance(value, str) and _COLOR.match(value) else default


def safe_shape(value: Any, default: str = "dot") -> str:
    """A vis-network shape that draws without loading anything."""
    return value if isinstance(value, str) and value in VIS_SHAPES else default


def safe_sign(value: Any) -> int:
    """+1, -1 or 0 from an int, float, bool-free number or numeric string."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    if isinstance(value, bool) or math.isnan(number):
        return 0
    return (number > 0) - (number < 0)
