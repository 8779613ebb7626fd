"""Property tests: random valid documents load; random corruption gives only clean errors."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from kgtest import TINY_TEXT, TINY_YAML, write_corpus

from kg.errors import KGError
from kg.loaders import load_corpus

WORDS = st.text(alphabet=string.ascii_letters + "’é", min_size=3, max_size=10)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@st.composite
def documents(draw):
    """A text of unique words and an annotation anchoring some of them as actors and events."""
    words = draw(st.lists(WORDS, min_size=4, max_size=25, unique=True))
    # A word inside another ("AAA" in "AAAA") would make its quote ambiguous.
    assume(not any(a != b and a in b for a in words for b in words))
    text = " ".join(words) + ".\n"
    n_actors = draw(st.integers(1, min(3, len(words) - 1)))
    actors = [{"id": f"a{i}", "type": draw(st.sampled_from(["State", "Person", "Organization"])),
               "label": words[i], "quote": words[i]} for i in range(n_actors)]
    events = []
    for j, w in enumerate(words[n_actors:n_actors + 3]):
        ev = {"id": f"e{j}", "type": draw(st.sampled_from(["MissileTest", "MilitaryExercise",
                                                           "ResolutionBlocking"])),
              "quote": w, "agent": draw(st.sampled_from([a["id"] for a in actors]))}
        events.append(ev)
    claims = [{"id": "c0", "type": "Claim", "quote": words[-1], "modality":
               draw(st.sampled_from(["ReportedFact", "Assessment", "Prediction"])),
               "asserts": [e["id"] for e in events] or [actors[0]["id"]]}]
    doc = {"document": {"id": "gen", "text": "gen.txt", "publisher": "a0", "author": "unknown",
                        "date": "unknown"},
           "annotations": actors + events + claims}
    return text, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(documents())
def test_random_valid_documents_load(tmp_path, doc):
    text, y = doc
    ann = write_corpus(tmp_path / "gen", y, text, name="gen")
    corpus = load_corpus(ann)
    d = corpus.documents[0]
    for item in d.items:
        for a in item.anchors:
            assert d.text[a.start:a.end] == a.exact, (item.id, a)


@st.composite
def corruptions(draw):
    data = bytearray(TINY_YAML.encode())
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "insert"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 20))]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


@SETTINGS
@given(corruptions())
def test_corrupted_annotations_fail_cleanly(tmp_path, raw):
    folder = tmp_path / "bad"
    write_corpus(folder)
    (folder / "tiny.yaml").write_bytes(raw)
    try:
        load_corpus(folder / "tiny.yaml")
    except KGError as exc:
        msg = str(exc)
        assert "\n" not in msg.split(" (and ")[0], msg
        assert "tiny" in msg, msg  # names the file
    # Loading successfully is fine too: some corruptions keep the document valid.


@SETTINGS
@given(st.binary(max_size=200))
def test_corrupted_text_fails_cleanly(tmp_path, raw):
    folder = tmp_path / "badtext"
    write_corpus(folder)
    (folder / "tiny.txt").write_bytes(raw + TINY_TEXT.encode()[: len(raw) % 7])
    try:
        load_corpus(folder / "tiny.yaml")
    except KGError as exc:
        assert "tiny" in str(exc), str(exc)
