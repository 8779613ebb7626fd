"""Issue 13, item 5: small files that took gigabytes or minutes.

The probe: a 680-byte YAML alias bomb grew to 4 GB; a one-letter quote with
``occurrence: 1`` in a 3 MB text took 47 s; 20,000 brat mentions of one entity took 31 s;
100,000 Web Annotation items took 22 s; texts over 16 MB failed with a bare MemoryError.
Here each limit is checked by what it refuses (never by a clock), and the linear
algorithms by their answers against the obvious ones; ``benchmarks/loader_scaling.py``
measures the growth.
"""

from __future__ import annotations

import json
import random

import pytest
from hardeningkit import assert_clean_error
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import AnnotationError, UsageError
from kg.loaders import anchors as anchors_mod
from kg.loaders import load_corpus, load_document
from kg.loaders.anchors import QuoteSpec, TextIndex, resolve_quote

HEAD = "document:\n  id: d\n  text: d.txt\n  publisher: unknown\n  author: unknown\n"


def _native(folder, body: str, text: str = "North Korea tested missiles.\n"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d.txt").write_text(text, encoding="utf-8")
    (folder / "d.yaml").write_text(HEAD + body, encoding="utf-8")
    return folder / "d.yaml"


def _laughs(levels: int = 9, width: int = 9) -> str:
    names = "abcdefghijklmnop"
    out = "annotations:\n  - &a [" + ",".join(['"lol"'] * width) + "]\n"
    for i in range(1, levels):
        out += f"  - &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * width) + "]\n"
    return out


# -- YAML aliases ---------------------------------------------------------------------------
BOMBS = {
    "the-probe-lists": _laughs(),
    "mappings": "annotations: []\nx0: &a {k: lol}\n" + "".join(
        f"x{i}: &{c} {{" + ", ".join(f"k{j}: *{p}" for j in range(10)) + "}\n"
        for i, (p, c) in enumerate(zip("abcdefgh", "bcdefghi", strict=True), 1)),
    "merge-keys": "annotations: []\nx0: &a {k0: 1, k1: 2, k2: 3, k3: 4}\n" + "".join(
        f"x{i}: &{c} {{<<: [*{p}], " + ", ".join(f"n{j}: *{p}" for j in range(8)) + "}\n"
        for i, (p, c) in enumerate(zip("abcdefgh", "bcdefghi", strict=True), 1)),
    "wide-not-deep": "annotations: []\nx: &a [" + ",".join(["lol"] * 2000) + "]\n"
                     "y: [*a, *a]\n",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_alias_bombs_are_refused_with_one_line(tmp_path, name):
    path = _native(tmp_path, BOMBS[name])
    assert path.stat().st_size < 10_000
    with pytest.raises(AnnotationError) as exc:
        load_corpus(path)
    assert_clean_error(exc.value, str(path))
    assert "KG_MAX_YAML_ALIASES" in str(exc.value)


@pytest.mark.parametrize("body", ["annotations: &x\n  - *x\n", "annotations: []\nx: &a {k: *a}\n",
                                  "annotations: []\nx: &a [[[*a]]]\n"])
def test_a_recursive_alias_is_refused(tmp_path, body):
    with pytest.raises(AnnotationError, match="recursive alias") as exc:
        load_corpus(_native(tmp_path, body))
    assert_clean_error(exc.value)


def test_a_few_aliases_load_and_the_limit_is_configurable(tmp_path, monkeypatch):
    body = ("annotations:\n  - id: nk\n    type: State\n    quote: &q North Korea\n"
            "  - id: nk2\n    type: State\n    label: *q\n")
    path = _native(tmp_path, body)
    doc, problems = load_document(path)
    assert problems == [] and doc.items[1].label == "North Korea"
    monkeypatch.setenv("KG_MAX_YAML_ALIASES", "0")  # refuse every alias
    with pytest.raises(AnnotationError,
                       match=r"more than 0 nodes, over the limit of 0 \(KG_MAX_YAML_ALIASES\)"):
        load_document(path)
    monkeypatch.setenv("KG_MAX_YAML_ALIASES", "lots")
    with pytest.raises(UsageError, match="KG_MAX_YAML_ALIASES='lots' is not a number"):
        load_document(path)


# -- size limits ----------------------------------------------------------------------------
def test_a_text_over_the_limit_is_one_line_naming_file_and_variable(tmp_path, monkeypatch):
    path = _native(tmp_path, "annotations: []\n", text="x" * 5000)
    monkeypatch.setenv("KG_MAX_TEXT_BYTES", "4K")
    with pytest.raises(AnnotationError) as exc:
        load_corpus(path)
    assert_clean_error(exc.value, str(tmp_path / "d.txt"))
    assert "5000 bytes, over the limit of 4 KiB (KG_MAX_TEXT_BYTES)" in str(exc.value)
    monkeypatch.setenv("KG_MAX_TEXT_BYTES", "5000")  # exactly at the limit is fine
    assert load_corpus(path).documents[0].text == "x" * 5000


@pytest.mark.parametrize("fmt", ["native", "brat", "webanno"])
def test_an_annotation_file_over_the_limit_is_refused(tmp_path, monkeypatch, fmt):
    if fmt == "native":
        path = _native(tmp_path, "annotations: []\n# " + "pad " * 600 + "\n")
    elif fmt == "brat":
        (tmp_path / "d.txt").write_text("North Korea\n", encoding="utf-8")
        path = tmp_path / "d.ann"
        path.write_text("T1\tState 0 11\tNorth Korea\n" * 200, encoding="utf-8")
    else:
        path = tmp_path / "d.jsonld"
        path.write_text(json.dumps({"kg:document": {"id": "kgd:doc/d", "kg:text": "x" * 3000}}),
                        encoding="utf-8")
    monkeypatch.setenv("KG_MAX_ANNOTATION_BYTES", "2048")
    with pytest.raises(AnnotationError) as exc:
        load_corpus(path)
    assert_clean_error(exc.value, str(path))
    assert "(KG_MAX_ANNOTATION_BYTES)" in str(exc.value)


def test_an_inline_web_annotation_text_over_the_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "d.jsonld"
    path.write_text(json.dumps({"type": "AnnotationCollection", "kg:document": {
        "id": "kgd:doc/d", "kg:text": "\u00e9" * 3000}, "first": {"items": []}}),
        encoding="utf-8")
    monkeypatch.setenv("KG_MAX_TEXT_BYTES", "4K")  # 3000 characters, 6000 bytes
    with pytest.raises(AnnotationError, match=r"inline kg:text is over the limit of 4 KiB"):
        load_corpus(path)
    monkeypatch.setenv("KG_MAX_TEXT_BYTES", "6000")
    assert load_corpus(path).documents[0].text == "\u00e9" * 3000


def test_a_bad_limit_value_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_TEXT_BYTES", "-1")
    with pytest.raises(UsageError, match=r"KG_MAX_TEXT_BYTES='-1' is not a size"):
        load_document(_native(tmp_path, "annotations: []\n"))


# -- linear quote resolution ------------------------------------------------------------------
def _naive(text: str, spec: QuoteSpec) -> list[int]:
    """Every hit with its prefix and suffix; with ``occurrence: all``, whole words only (not
    preceded or followed by a letter or digit where the quote has one at that edge)."""
    hits, i = [], text.find(spec.exact)
    while i >= 0:
        end = i + len(spec.exact)
        inside = spec.occurrence == "all" and (
            (i > 0 and text[i - 1].isalnum() and text[i].isalnum())
            or (end < len(text) and text[end].isalnum() and text[end - 1].isalnum()))
        if text[:i].endswith(spec.prefix) and text[end:].startswith(spec.suffix) and not inside:
            hits.append(i)
        i = text.find(spec.exact, i + 1)
    return hits


def test_the_probe_one_letter_quote_in_a_3mb_text(tmp_path):
    rng = random.Random(7)
    text = "".join(rng.choice("ab \n") for _ in range(3_000_000))
    body = "annotations:\n  - id: x\n    type: State\n    quote: b\n    occurrence: 1\n"
    doc, problems = load_document(_native(tmp_path, body, text=text))
    assert problems == []
    assert [(a.start, a.end) for a in doc.items[0].anchors] == [(text.index("b"),) * 1 + (
        text.index("b") + 1,)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab c\n", max_size=400),
       quotes=st.lists(st.text(alphabet="ab c", min_size=1, max_size=6), min_size=1,
                       max_size=20),
       prefix=st.text(alphabet="ab", max_size=2), suffix=st.text(alphabet="ab", max_size=2),
       chunk=st.sampled_from([1, 3, 7, 64, 1 << 18]))
def test_the_index_finds_what_the_obvious_search_finds(text, quotes, prefix, suffix, chunk):
    """Every quote, overlapping hits, prefixes/suffixes, and pass boundaries anywhere."""
    saved = anchors_mod._CHUNK
    anchors_mod._CHUNK = chunk
    try:
        index = TextIndex(text, quotes * 3 + [q + "x" for q in quotes])  # enough to scan
    finally:
        anchors_mod._CHUNK = saved
    for q in quotes:
        spec = QuoteSpec(q, prefix, suffix, occurrence="all")
        want = _naive(text, spec)
        try:
            got = [a.start for a in resolve_quote(index, spec)]
        except anchors_mod.AnchorProblem:
            got = []
        assert got == want, (q, prefix, suffix)
        assert list(index.hits(q)) == _naive(text, QuoteSpec(q)), q


def test_many_quotes_are_resolved_from_one_index(tmp_path):
    words = [f"w{i:05d}" for i in range(3000)]
    text = " ".join(words) + "\n"
    body = "annotations:\n" + "".join(
        f"  - id: i{i}\n    type: State\n    quote: {w}\n" for i, w in enumerate(words))
    doc, problems = load_document(_native(tmp_path, body, text=text))
    assert problems == []
    assert [it.anchors[0].start for it in doc.items] == [text.index(w) for w in words]


def test_errors_about_many_quotes_stay_located(tmp_path):
    text = "North Korea tested missiles.\n"
    body = "annotations:\n" + "".join(
        f"  - id: i{i}\n    type: State\n    quote: \"north korea {i}\"\n" for i in range(50))
    with pytest.raises(AnnotationError) as exc:
        load_corpus(_native(tmp_path, body, text=text))
    assert len(exc.value.problems) == 50
    assert_clean_error(exc.value, str(tmp_path / "d.yaml"))


# -- brat: many mentions of one entity ----------------------------------------------------------
def test_the_probe_twenty_thousand_brat_mentions_merge_into_one_item(tmp_path):
    n = 20_000
    text = "Korea " * n
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    order = list(range(n))
    random.Random(3).shuffle(order)  # out of text order: the merge must sort once, right
    lines = [f"T{k + 1}\tState {6 * i} {6 * i + 5}\tKorea" for k, i in enumerate(order)]
    (tmp_path / "d.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc, problems = load_document(tmp_path / "d.ann")
    assert problems == []
    (item,) = doc.items
    assert [a.start for a in item.anchors] == [6 * i for i in range(n)]


# -- Web Annotation: line numbers, counted once ----------------------------------------------
def test_web_annotation_lines_are_right_for_many_objects():
    from kg.loaders.webanno import read_json

    items = [{"n": i, "inner": {"m": i}} for i in range(2000)]
    text = "[\n" + ",\n".join(json.dumps(x) for x in items) + "\n]"
    data = read_json(text)
    assert [(o.line, o["inner"].line) for o in data] == [(i + 2, i + 2) for i in range(2000)]
    spread = json.dumps({"a": {"b": {"c": 1}}}, indent=1)
    top = read_json(spread)
    assert (top.line, top["a"].line, top["a"]["b"].line) == (1, 2, 3)
