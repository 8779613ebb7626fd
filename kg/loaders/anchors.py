"""Resolve quote selectors (exact text, optional prefix/suffix/occurrence) to offsets.

TextQuoteSelector semantics: the quote must occur in the text; ``prefix`` and
``suffix`` must immediately precede and follow it; ``occurrence`` (1-based)
picks one of the remaining matches, and ``"all"`` anchors every one of them.
Offsets count code points; end is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Anchor

__all__ = ["QuoteSpec", "resolve_quote", "AnchorProblem", "CONTEXT"]

CONTEXT = 32  # characters of prefix/suffix recorded with each resolved anchor
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u2014": "-", "\u2013": "-", "\u00a0": " "})


@dataclass(frozen=True)
class QuoteSpec:
    exact: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | str | None = None  # 1-based index, "all", or None
    line: int | None = None


class AnchorProblem(ValueError):
    """Why a quote could not be resolved (message is user-facing)."""


def _find_all(text: str, quote: str) -> list[int]:
    hits, i = [], text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    return hits


def resolve_quote(text: str, spec: QuoteSpec) -> list[Anchor]:
    """Return the anchors for ``spec`` or raise :class:`AnchorProblem`."""
    if not spec.exact:
        raise AnchorProblem("empty quote")
    hits = [h for h in _find_all(text, spec.exact)
            if text[:h].endswith(spec.prefix)
            and text[h + len(spec.exact):].startswith(spec.suffix)]
    if not hits:
        raise AnchorProblem(_not_found(text, spec))
    if spec.occurrence == "all":
        chosen = hits
    elif spec.occurrence is not None:
        n = spec.occurrence
        if not isinstance(n, int) or n < 1:
            raise AnchorProblem(f"occurrence must be a positive number or 'all', not {n!r}")
        if n > len(hits):
            raise AnchorProblem(f"quote {_short(spec.exact)!r} has {len(hits)} occurrence(s), "
                                f"not {n}")
        chosen = [hits[n - 1]]
    elif len(hits) > 1:
        raise AnchorProblem(f"quote {_short(spec.exact)!r} is ambiguous: {len(hits)} occurrences; "
                            "add prefix/suffix or occurrence: N (or occurrence: all)")
    else:
        chosen = hits
    return [_anchor(text, h, spec) for h in chosen]


def _anchor(text: str, start: int, spec: QuoteSpec) -> Anchor:
    end = start + len(spec.exact)
    return Anchor(start=start, end=end, exact=spec.exact,
                  prefix=text[max(0, start - CONTEXT):start],
                  suffix=text[end:end + CONTEXT], line=spec.line)


def _not_found(text: str, spec: QuoteSpec) -> str:
    base = f"quote {_short(spec.exact)!r} not found in the text"
    if _find_all(text, spec.exact) and (spec.prefix or spec.suffix):
        return base.replace("not found in the text", "found, but not with the given prefix/suffix")
    if spec.exact.translate(_TYPOGRAPHIC) in text.translate(_TYPOGRAPHIC):
        return base + " (the text uses typographic quotes, apostrophes or dashes here: ’ “ ” —)"
    if spec.exact.lower() in text.lower():
        return base + " (it occurs with different capitalization)"
    if " ".join(spec.exact.split()) in " ".join(text.split()):
        return base + " (it occurs with different whitespace or line breaks)"
    return base


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
