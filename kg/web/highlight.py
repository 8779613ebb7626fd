"""A text with overlapping anchors as properly nested ``<mark>`` elements.

Each anchor ``(start, end, key)`` (code-point offsets, end exclusive) becomes exactly one
``<mark data-item="key" data-anchor="n">`` element, opened where the anchor starts. Anchors
that cross (A 0-10, B 5-15) cannot nest as they are, so the scheme is deterministic:
anchors open in order of start, longer first, then by key; where an anchor ends while
anchors opened after it are still open, those are closed and reopened right after as
continuation pieces ``<mark data-part="n">`` (no ``data-item``), so a selector for
``mark[data-item]`` counts anchors, and ``[data-anchor=n], [data-part=n]`` finds every piece
of anchor n. All text is escaped.

>>> print(str(marked("abcdef", [(0, 4, "x"), (2, 6, "y")])).replace("><", ">\\n<"))
<mark data-item="x" data-anchor="0">ab<mark data-item="y" data-anchor="1">cd</mark>
</mark>
<mark data-part="1">ef</mark>
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

__all__ = ["marked", "Anchor"]

Anchor = tuple[int, int, str]


def marked(text: str, anchors: Sequence[Anchor],
           attrs: Callable[[int], dict[str, str]] | None = None) -> Markup:
    """``text`` escaped, with one ``<mark data-item>`` per anchor (see the module docstring).

    ``attrs(n)`` gives extra attributes for every piece of anchor ``n`` (in the order
    given). Offsets are clipped to the text; an empty anchor gives an empty element.
    """
    size = len(text)
    order = sorted(range(len(anchors)), key=lambda n: (
        _clip(anchors[n][0], size), -_clip(anchors[n][1], size), anchors[n][2], n))
    starts: dict[int, list[int]] = {}
    for n in order:
        starts.setdefault(_clip(anchors[n][0], size), []).append(n)
    ends = {n: max(_clip(anchors[n][1], size), _clip(anchors[n][0], size)) for n in order}
    points = sorted(set(starts) | set(ends.values()) | {0, size})
    out: list[str] = []
    stack: list[int] = []
    for i, pos in enumerate(points):
        _close_ending(stack, ends, pos, out, attrs)
        for n in starts.get(pos, []):
            out.append(_open_first(n, anchors[n][2], attrs))
            if ends[n] == pos:
                out.append("</mark>")
            else:
                stack.append(n)
        if i + 1 < len(points):
            out.append(str(escape(text[pos:points[i + 1]])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def _clip(value: int, size: int) -> int:
    return min(max(int(value), 0), size)


def _close_ending(stack: list[int], ends: dict[int, int], pos: int, out: list[str],
                  attrs: Callable[[int], dict[str, str]] | None) -> None:
    """Close every open anchor ending at ``pos``; reopen the later ones that were above it."""
    while any(ends[n] == pos for n in stack):
        deepest = max(i for i, n in enumerate(stack) if ends[n] == pos)
        above = [n for n in stack[deepest + 1:] if ends[n] != pos]
        out.extend("</mark>" for _ in stack[deepest:])
        del stack[deepest:]
        for n in above:
            out.append(f'<mark data-part="{n}"{_extra(n, attrs)}>')
            stack.append(n)


def _open_first(n: int, key: str, attrs: Callable[[int], dict[str, str]] | None) -> str:
    return f'<mark data-item="{escape(key)}" data-anchor="{n}"{_extra(n, attrs)}>'


def _extra(n: int, attrs: Callable[[int], dict[str, str]] | None) -> str:
    extra = attrs(n) if attrs else {}
    return "".join(f' {escape(k)}="{escape(v)}"' for k, v in sorted(extra.items()))
