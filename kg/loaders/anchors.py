"""Resolve quote selectors (exact text, optional prefix/suffix/occurrence) to offsets.

TextQuoteSelector semantics: the quote must occur in the text; ``prefix`` and
``suffix`` must immediately precede and follow it; ``occurrence`` (1-based)
picks one of the remaining matches, and ``"all"`` anchors every one of them that is not
inside a longer word (:func:`whole_word`: "North Korea" is not anchored in "North Korean",
"he said" not in "she said"). Offsets count code points; end is exclusive.

Resolution is linear in the text and the number of quotes: :class:`TextIndex` finds
every quote of a document in one pass over its text (Aho-Corasick, ahocorasick-rs) when
it knows them up front, and caches each quote's hits; prefix and suffix are compared in
place, never by slicing the text before a hit.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Anchor

__all__ = ["QuoteSpec", "resolve_quote", "AnchorProblem", "CONTEXT", "TextIndex",
           "quotes_in", "whole_word"]

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


_MANY = 8  # distinct quotes from which one Aho-Corasick pass beats one scan per quote
_CHUNK = 1 << 18  # characters per pass: bounds the matches held at once
_LONG = 4096  # longer quotes are searched one by one (the passes overlap by this much)


def _find_all(text: str, quote: str) -> array:
    hits, i = array("q"), text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    return hits


class TextIndex:
    """Where each quote occurs in one text, computed once per text.

    ``quotes`` (optional) are the quotes that will be asked for: with many of them, one
    Aho-Corasick pass over the text (in chunks) finds them all; any other quote is
    searched when first asked for. Each quote's hits (all of them, overlapping, in text
    order) are kept, so asking again costs nothing.
    """

    def __init__(self, text: str, quotes: Iterable[str] = ()):
        self.text = text
        self._hits: dict[str, array] = {}
        self._variants: dict[str, str] = {}
        wanted = sorted({q for q in quotes if isinstance(q, str) and 0 < len(q) <= _LONG})
        if len(wanted) >= _MANY:
            self._scan(wanted)

    def variant(self, name: str) -> str:
        """The text normalized one way (for hints in error messages), computed once."""
        if name not in self._variants:
            self._variants[name] = {"typographic": lambda t: t.translate(_TYPOGRAPHIC),
                                    "lower": str.lower,
                                    "spaces": lambda t: " ".join(t.split())}[name](self.text)
        return self._variants[name]

    def _scan(self, wanted: list[str]) -> None:
        import ahocorasick_rs

        automaton = ahocorasick_rs.AhoCorasick(wanted)
        hits = {q: array("q") for q in wanted}
        lists = [hits[q] for q in wanted]
        overlap = max(map(len, wanted)) - 1
        text, start = self.text, 0
        while start < len(text):
            stop = min(len(text), start + _CHUNK)
            window = text[start:stop + overlap]
            for idx, s, _end in automaton.find_matches_as_indexes(window, overlapping=True):
                if s < stop - start or stop == len(text):  # owned by this chunk
                    lists[idx].append(start + s)
            start = stop
        # chunks come in text order, and within a chunk one quote's matches by their end
        self._hits.update(hits)

    def hits(self, quote: str) -> array:
        """Start offsets of every (overlapping) occurrence of ``quote``, in text order."""
        found = self._hits.get(quote)
        if found is None:
            found = self._hits[quote] = _find_all(self.text, quote)
        return found


def quotes_in(data: object, key: str = "quote") -> list[str]:
    """Every ``key`` string (``quote``; ``exact`` in Web Annotation) in annotation data,
    at any depth, and the bare-text entries of ``mentions`` and ``exclude`` lists."""
    out: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, str):
                    out.append(v)
                elif isinstance(v, dict):
                    stack.append(v)
                elif isinstance(v, list):
                    if k in ("mentions", "exclude"):
                        out.extend(x for x in v if isinstance(x, str))
                    stack.extend(x for x in v if isinstance(x, dict | list))
        elif isinstance(node, list):
            stack.extend(x for x in node if isinstance(x, dict | list))
    return out


def _index(text: str | TextIndex) -> TextIndex:
    return text if isinstance(text, TextIndex) else TextIndex(text)


def resolve_quote(text: str | TextIndex, spec: QuoteSpec, *,
                  whole_words: bool = False) -> list[Anchor]:
    """Return the anchors for ``spec`` or raise :class:`AnchorProblem`.

    ``text`` is the document text or its :class:`TextIndex` (to resolve many quotes).
    With ``whole_words``, a quote anchored inside a longer word is a problem too ("Nov. 1"
    in "Nov. 10, 2023": ``occurrence: N`` counts every match, whole word or not).
    """
    if not spec.exact:
        raise AnchorProblem("empty quote")
    index = _index(text)
    text = index.text
    pre, suf, n_exact = spec.prefix, spec.suffix, len(spec.exact)
    hits = [h for h in index.hits(spec.exact)
            if (not pre or h >= len(pre) and text.startswith(pre, h - len(pre)))
            and (not suf or text.startswith(suf, h + n_exact))]
    if not hits:
        raise AnchorProblem(_not_found(text, spec, index))
    if spec.occurrence == "all":
        chosen = [h for h in hits if whole_word(text, h, h + n_exact)]
        if not chosen:
            word = _word_at(text, hits[0], hits[0] + n_exact)
            raise AnchorProblem(f"quote {_short(spec.exact)!r} occurs only inside longer words "
                                f"({len(hits)} time(s), e.g. in {_short(word)!r}); occurrence: "
                                "all anchors whole words only: quote the word")
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
    if whole_words:
        for h in chosen:
            if not whole_word(text, h, h + n_exact):
                raise AnchorProblem(
                    f"quote {_short(spec.exact)!r} is anchored inside the longer word "
                    f"{_short(_word_at(text, h, h + n_exact))!r}: quote the whole word, or "
                    "choose the match with prefix/suffix or occurrence: N (N counts every "
                    "match, also those inside longer words)")
    return [_anchor(text, h, spec) for h in chosen]


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word: a quote that begins (ends)
    with a letter or digit is not preceded (followed) by one. Punctuation at an edge needs
    nothing ("U.S." in "U.S.-led"; "North Korea" in "North Korea's")."""
    return not (start > 0 and text[start].isalnum() and text[start - 1].isalnum()) and \
        not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def _word_at(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to the whole words it is part of (for errors)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return " ".join(text[start:end].split())


def _anchor(text: str, start: int, spec: QuoteSpec) -> Anchor:
    end = start + len(spec.exact)
    return Anchor(start=start, end=end, exact=spec.exact,
                  prefix=text[max(0, start - CONTEXT):start],
                  suffix=text[end:end + CONTEXT], line=spec.line)


def _not_found(text: str, spec: QuoteSpec, index: TextIndex) -> str:
    base = f"quote {_short(spec.exact)!r} not found in the text"
    if len(index.hits(spec.exact)) and (spec.prefix or spec.suffix):
        return base.replace("not found in the text", "found, but not with the given prefix/suffix")
    if spec.exact.translate(_TYPOGRAPHIC) in index.variant("typographic"):
        return base + " (the text uses typographic quotes, apostrophes or dashes here: ’ “ ” —)"
    if spec.exact.lower() in index.variant("lower"):
        return base + " (it occurs with different capitalization)"
    if " ".join(spec.exact.split()) in index.variant("spaces"):
        return base + " (it occurs with different whitespace or line breaks)"
    return base


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
