"""kg/loaders/anchors.py: `occurrence: all` anchors whole words (docs/annotation-format.md)."""

from __future__ import annotations

import pytest

from kg.loaders.anchors import AnchorProblem, QuoteSpec, resolve_quote, whole_word


def _all(text: str, quote: str) -> list[str]:
    """Each anchored hit with the character after it, to show where it stopped."""
    return [text[a.start:a.end + 1] for a in resolve_quote(text, QuoteSpec(quote,
                                                                           occurrence="all"))]


@pytest.mark.parametrize(("text", "quote", "want"), [
    ("North Korea fired. North Korean media said so. North Korea's envoy left.\n",
     "North Korea", ["North Korea ", "North Korea'"]),
    ("She said no; he said yes.\n", "he said", ["he said "]),
    ("Japan and Japanese forces; Japan.\n", "Japan", ["Japan ", "Japan."]),
    ("The U.S.-led drills; the U.S. said.\n", "U.S.", ["U.S.-", "U.S. "]),
    ("More on: x. More on: y\n", "More on:", ["More on: ", "More on: "]),
    ("a 2022-10 date and 2022\n", "2022", ["2022-", "2022\n"]),
])
def test_occurrence_all_skips_hits_inside_longer_words(text, quote, want):
    assert _all(text, quote) == want, (text, quote)


def test_a_quote_found_only_inside_longer_words_is_an_error_saying_so():
    with pytest.raises(AnchorProblem, match=r"quote 'North Korea' occurs only inside longer "
                       r"words \(2 time\(s\), e\.g\. in 'North Korean'\); occurrence: all "
                       r"anchors whole words only"):
        resolve_quote("North Korean media. North Koreans.\n",
                      QuoteSpec("North Korea", occurrence="all"))


def test_a_numbered_occurrence_still_counts_every_hit():
    """occurrence: N is unchanged: N counts every hit, inside words too (files rely on it)."""
    text = "ab ab abc ab"
    got = [(a.start, a.end) for a in resolve_quote(text, QuoteSpec("ab", occurrence=3))]
    assert got == [(6, 8)], got


def test_whole_words_refuses_an_anchor_inside_a_longer_word():
    text = "ab abc ab"
    with pytest.raises(AnchorProblem, match=r"quote 'ab' is anchored inside the longer word "
                       r"'abc'"):
        resolve_quote(text, QuoteSpec("ab", occurrence=2), whole_words=True)
    got = resolve_quote(text, QuoteSpec("ab", occurrence=3), whole_words=True)
    assert [(a.start, a.end) for a in got] == [(7, 9)]


def test_whole_word_looks_at_letters_and_digits_on_both_sides():
    text = "xNorth Korea1 North Korea"
    assert not whole_word(text, 1, 12)
    assert whole_word(text, 14, 25)
    assert whole_word("é-é", 0, 1) and not whole_word("éé", 0, 1)
