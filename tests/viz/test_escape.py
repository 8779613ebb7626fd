"""Escaping of untrusted text for script blocks, XML and CSS values."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from kg.viz.escape import (
    csp_hash,
    inline_code,
    isolate,
    safe_color,
    safe_shape,
    safe_sign,
    script_json,
    shorten,
    text_of,
    xml_text,
)


def test_script_json_cannot_close_the_script_element():
    got = str(script_json({"label": "</script><script>alert(1)</script><!-- & \u2028\u2029"}))
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in got, got
    assert json.loads(got) == {"label": "</script><script>alert(1)</script><!-- & \u2028\u2029"}


@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids), max_leaves=20))
def test_script_json_round_trips_and_is_inert(value):
    got = str(script_json(value))
    assert not set(got) & {"<", ">", "&", "\u2028", "\u2029"}, got
    assert got.isascii(), got
    assert json.loads(got) == value


def test_script_json_is_stable_and_sorted():
    assert str(script_json({"b": 1, "a": [2, 1]})) == '{"a":[2,1],"b":1}'


def test_inline_code_defuses_early_close_and_comments():
    js = inline_code('var s = "</SCRIPT><!--";')
    assert "</" not in js.lower().replace("<\\/", ""), js
    assert "<!--" not in js, js
    css = inline_code("a::after { content: '</style>' }", "style")
    assert "</style" not in css, css


def test_csp_hash_is_the_base64_sha256():
    assert csp_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


@given(st.text())
def test_xml_text_parses_back_to_the_text_minus_forbidden_characters(value):
    root = ET.fromstring(f'<t a="{xml_text(value)}">{xml_text(value)}</t>')
    want = text_of(value).translate({c: None for c in [*range(9), 11, 12, *range(14, 32),
                                                        *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]})
    assert (root.text or "") == root.get("a") == want


def test_xml_text_escapes_markup_and_drops_what_xml_forbids():
    assert xml_text("<img src=x onerror='a'>&\x00\ud800") == \
        "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"


def test_bidi_overrides_are_isolated():
    assert isolate("plain") == "plain"
    got = isolate("a\u2069\u202eb")
    assert got == "\u2068a\u202eb\u2069", repr(got)
    assert text_of("\u202eabc") == "\u2068\u202eabc\u2069"
    cut = shorten("\u2068\u202e" + "x" * 50 + "\u2069", 10)
    assert cut.startswith("\u2068") and cut.endswith("\u2069") and len(cut) <= 12, repr(cut)


def test_colours_shapes_and_signs_are_whitelisted():
    assert safe_color("#1f77b4") == "#1f77b4"
    for bad in ("red", "#12345", "url(http://x)", "#fff;background:red", None, 3):
        assert safe_color(bad, "#000000") == "#000000", bad
    assert safe_shape("diamond") == "diamond"
    for bad in ("image", "circularImage", "icon", "<b>", None):
        assert safe_shape(bad) == "dot", bad
    assert [safe_sign(v) for v in (1, -1, 0, "+1", "-1", 2.5, True, "x", None, float("nan"))] \
        == [1, -1, 0, 1, -1, 1, 0, 0, 0, 0]


def test_long_text_is_cut_with_an_ellipsis():
    assert shorten("abcdef", 4) == "abc\u2026"
    assert text_of(None) == "" and text_of(3) == "3" and text_of("x" * 10, 5) == "xxxx\u2026"
