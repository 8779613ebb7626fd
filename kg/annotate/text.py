"""Text helpers for drafting: sentences, word-boundary phrase search, quote specs.

Offsets are code points, end exclusive, as everywhere in kg.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.loaders.anchors import whole_word

__all__ = ["Span", "sentences", "sentence_of", "within", "is_statement", "find_phrases",
           "longest_first", "quote_spec", "MODAL_VERBS", "modal_pattern", "SENTENCE_REACH",
           "sentence_start", "sentence_end"]

# how far (characters) a sentence is read either side of a word: well beyond any sentence of
# data/ (the longest is 726), so that a text with no sentence end (thousands of dates or
# verbs in one "sentence") is read in time linear in its length, not growing with its square
SENTENCE_REACH = 2000


def sentence_start(text: str, pos: int, marks: str = ".!?\n", reach: int = SENTENCE_REACH) -> int:
    """Where the sentence holding ``pos`` starts: after the last of ``marks`` before it, at
    most ``reach`` characters back."""
    floor = max(0, pos - reach)
    return max(max(text.rfind(c, floor, pos) for c in marks) + 1, floor)


def sentence_end(text: str, pos: int, marks: str = ".!?\n", reach: int = SENTENCE_REACH) -> int:
    """Where the sentence holding ``pos`` ends: at the first of ``marks`` from it on, at
    most ``reach`` characters ahead."""
    ceiling = min(len(text), pos + reach)
    return min((i for i in (text.find(c, pos, ceiling) for c in marks) if i >= 0),
               default=ceiling)

# the modal verbs that put an act in the future, a demand or a possibility ("would protest",
# "must apologise"); "can" stays out: "can" tells an ability more often than an act to come
MODAL_VERBS = frozenset("will would shall could may might must should".split())


def modal_pattern(*more: str, flags: int = 0) -> re.Pattern:
    """A whole-word pattern of :data:`MODAL_VERBS` and ``more`` words ("not", "never")."""
    return re.compile(r"\b(?:" + "|".join(sorted(MODAL_VERBS | set(more))) + r")\b", flags)

# A sentence ends at . ! ? followed by space and a capital, unless the dot closes an
# initialism such as "U.S."; a line break always ends one (headings, paragraphs).
_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))[ \t]+(?=[A-Z“\"‘(])|\n+")
_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
# a dot that ends an abbreviation, not a sentence: titles and ranks before a name ("Lt. Gen.
# Kang"), "No. 2", a month before a day ("Dec. 28"), "a.m. (local time)"
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Cmdr|Cdr|Adm|Sgt|Cpl|Pvt|Brig|"
    r"Lieut|Amb|Pres|Sec|Gens|Rev|Hon|St|Mt|Ft|No|Nos|Vol|Art|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|vs|approx|est|cf)\.$")
_CLOCK_BEFORE_PAREN = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str  # what matched: a gazetteer entry id or an event type


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence."""
    out, start = [], 0
    for m in _END.finditer(text):
        if "\n" not in m.group() and (
                _INITIALISM.search(text[start:m.start()])
                or _ABBREVIATION.search(text[max(start, m.start() - 8):m.start()])
                or (_CLOCK_BEFORE_PAREN.search(text[max(start, m.start() - 5):m.start()])
                    and text.startswith("(", m.end()))):
            continue
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def sentence_of(sents: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence of ``sents`` (sorted, disjoint) holding offset ``pos``, if any."""
    i = bisect_right(sents, (pos, float("inf"))) - 1
    return sents[i] if i >= 0 and sents[i][0] <= pos < sents[i][1] else None


def within(spans: list, starts: list[int], s: int, e: int) -> list:
    """The items of ``spans`` (sorted by start, ``starts`` their starts) that start in
    [s, e) and end by ``e``."""
    lo, hi = bisect_left(starts, s), bisect_left(starts, e)
    return [x for x in spans[lo:hi] if x.end <= e]


def is_statement(text: str, s: int, e: int) -> bool:
    """A sentence that states something: it ends with . ! ? (or a closing quote) and has a
    few words; titles, headings and datelines do not."""
    body = text[s:e].rstrip()
    return bool(body) and body[-1] in ".!?\"”’" and len(re.findall(r"\w+", body)) >= 3


def find_phrases(text: str, phrases: dict[str, str], ignore_case: bool = False) -> list[Span]:
    """Every word-bounded occurrence of each phrase (phrase -> key), overlapping allowed:
    what ``(?<!\\w)PHRASE(?!\\w)`` finds, in text order.

    One pass over the text's words: the phrases are indexed by their first word (or first
    sign), and each word of the text is checked against the phrases that begin with it, so
    the time grows with the text and the candidates per word, not with text times lexicon."""
    hay = text.lower() if ignore_case else text
    if len(hay) != len(text):  # a case fold that changes lengths: one regex per phrase
        return _find_phrases_scan(text, phrases, ignore_case)
    index: dict[str, list[tuple[str, str]]] = {}
    for phrase, key in phrases.items():
        folded = phrase.lower() if ignore_case else phrase
        head = _HEAD.match(folded)
        if head is not None and len(folded) == len(phrase):
            index.setdefault(head.group(), []).append((folded, key))
        elif phrase:
            return _find_phrases_scan(text, phrases, ignore_case)
    out: list[Span] = []
    for m in _HEAD.finditer(hay):
        start = m.start()
        if start and _WORD.match(hay, start - 1):
            continue  # after a word character: (?<!\w) fails
        for phrase, key in index.get(m.group(), ()):
            end = start + len(phrase)
            if hay.startswith(phrase, start) and not _WORD.match(hay, end):
                out.append(Span(start, end, key))
    return sorted(out, key=lambda sp: (sp.start, sp.end, sp.key))


_HEAD = re.compile(r"\w+|\S")
_WORD = re.compile(r"\w")


def _find_phrases_scan(text: str, phrases: dict[str, str], ignore_case: bool) -> list[Span]:
    out: list[Span] = []
    flags = re.IGNORECASE if ignore_case else 0
    for phrase, key in phrases.items():
        pat = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", flags)
        out.extend(Span(m.start(), m.end(), key) for m in pat.finditer(text))
    return out


def longest_first(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping matches (then the leftmost); result in text order."""
    starts: list[int] = []  # the chosen spans, disjoint, kept sorted: check two neighbours
    chosen: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.key)):
        i = bisect_left(starts, s.start)
        if i < len(chosen) and chosen[i].start < s.end:
            continue
        if i > 0 and chosen[i - 1].end > s.start:
            continue
        starts.insert(i, s.start)
        chosen.insert(i, s)
    return chosen


def quote_spec(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """Native anchors resolving to exactly ``spans``, as the loader resolves them: a bare
    quote when it occurs once, ``occurrence: all`` when the spans are its whole-word
    occurrences (the loader skips those inside longer words), else ``occurrence: N`` (which
    counts every occurrence, inside words too)."""
    out: list[dict[str, object]] = []
    by_quote: dict[str, list[int]] = {}
    for s, e in spans:
        by_quote.setdefault(text[s:e], []).append(s)
    for quote, starts in by_quote.items():
        hits = _hits(text, quote)
        wanted = sorted(set(starts))
        if wanted == hits and len(hits) == 1:
            out.append({"quote": quote})
        elif wanted == _whole_hits(text, quote):
            # the loader anchors every whole-word occurrence ("Korea" not in "Koreans")
            out.append({"quote": quote, "occurrence": "all"})
        else:
            out.extend({"quote": quote, "occurrence": bisect_left(hits, s) + 1}
                       for s in sorted(starts))
    return out


@lru_cache(maxsize=4096)
def _hits(text: str, quote: str) -> list[int]:
    """Every start of ``quote`` in ``text`` (cached: a text's hash is computed once)."""
    hits, i = [], text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    return hits


@lru_cache(maxsize=4096)
def _whole_hits(text: str, quote: str) -> list[int]:
    """The starts of ``quote`` in ``text`` that are not inside a longer word (cached, as
    :func:`_hits`: a quote repeated thousands of times is filtered once, not once per item
    anchored on it)."""
    return [h for h in _hits(text, quote) if whole_word(text, h, h + len(quote))]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"
