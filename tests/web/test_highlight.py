"""Overlapping anchors become properly nested marks: one ``mark[data-item]`` per anchor,
the text unchanged, every anchor's pieces covering exactly its span."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.web.highlight import marked


class _Marks(HTMLParser):
    """Text, and for each anchor the offsets its pieces cover; fails on bad nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.covered, self.firsts = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        assert tag == "mark", tag
        a = dict(attrs)
        n = int(a["data-anchor"] if "data-item" in a else a["data-part"])
        if "data-item" in a:
            self.firsts.append((n, a["data-item"]))
        self.stack.append(n)

    def handle_endtag(self, tag):
        assert tag == "mark" and self.stack, "closing a mark that is not open"
        self.stack.pop()

    def handle_data(self, data):
        at = sum(len(t) for t in self.text)
        for n in self.stack:
            self.covered.setdefault(n, set()).update(range(at, at + len(data)))
        self.text.append(data)


def _parse(html):
    p = _Marks()
    p.feed(html)
    p.close()
    assert p.stack == [], "marks left open"
    return p


def test_crossing_anchors_split_the_later_one_into_a_continuation():
    html = str(marked("abcdef", [(0, 4, "x"), (2, 6, "y")]))
    assert html.count("data-item=") == 2 and html.count("data-part=") == 1, html
    p = _parse(html)
    assert p.covered == {0: {0, 1, 2, 3}, 1: {2, 3, 4, 5}}


def test_text_is_escaped_and_keys_are_attribute_safe():
    html = str(marked('<img src=x onerror="a">', [(0, 4, '"><script>')]))
    assert "<img" not in html and "<script>" not in html, html
    p = _parse(html)
    assert "".join(p.text) == '<img src=x onerror="a">'
    assert p.firsts == [(0, '"><script>')]


_text = st.text(alphabet="ab <&>\"'\n\u00e9", max_size=40)


@settings(max_examples=200, deadline=None)
@given(_text.flatmap(lambda t: st.tuples(st.just(t), st.lists(st.tuples(
    st.integers(0, len(t)), st.integers(0, len(t)), st.sampled_from(["x", "y", "z"])),
    max_size=8))))
def test_any_anchors_nest_and_cover_their_span(case):
    text, spans = case
    anchors = [(min(a, b), max(a, b), k) for a, b, k in spans]
    p = _parse(str(marked(text, anchors)))
    assert "".join(p.text) == text
    assert sorted(n for n, _ in p.firsts) == list(range(len(anchors)))
    for n, (start, end, key) in enumerate(anchors):
        assert dict(p.firsts)[n] == key
        assert p.covered.get(n, set()) == set(range(start, end)), (n, anchors)


def test_same_input_same_bytes():
    anchors = [(0, 3, "b"), (0, 3, "a"), (1, 2, "c")]
    assert str(marked("abcd", anchors)) == str(marked("abcd", list(anchors)))
