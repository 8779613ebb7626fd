"""The streaming build: documents one at a time in worker processes, cached, checked across."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kgtest import TINY_TEXT, TINY_YAML, write_corpus

from kg.build import build
from kg.errors import AnnotationError
from kg.loaders import load_corpus
from kg.synth import write_corpus as write_synth

FIXTURES = __import__("pathlib").Path(__file__).parents[1] / "fixtures"

OTHER_YAML = """\
document:
  id: other
  text: other.txt
  publisher: pub
annotations:
  - id: ev9
    type: MissileTest
    quote: tested missiles
    agent: nk
"""


def _outputs(out):
    return {n: (out / n).read_bytes() for n in ("graph.nq", "graph.trig", "manifest.json")}


def test_worker_processes_write_the_same_bytes_as_one_process(tmp_path):
    src = tmp_path / "c"
    write_synth(src, docs=24, seed=5)
    one = build(src, out=tmp_path / "one", jobs=1, store=False)
    two = build(src, out=tmp_path / "two", jobs=2, store=False)
    assert one.quads == two.quads and one.graphs == two.graphs
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")


def test_a_changed_text_is_seen_without_touching_the_annotation(tmp_path):
    ann = write_corpus(tmp_path / "c")
    build(ann, out=tmp_path / "o", store=False)
    (tmp_path / "c" / "tiny.txt").write_text(TINY_TEXT + "An added line.\n", encoding="utf-8")
    again = build(ann, out=tmp_path / "o", store=False)
    assert again.rebuilt == ["tiny"], again
    assert "An added line." in (tmp_path / "o" / "graph.nq").read_text(encoding="utf-8")


def test_only_the_changed_document_is_rebuilt(tmp_path):
    src = tmp_path / "c"
    write_synth(src, docs=6, seed=2)
    first = build(src, out=tmp_path / "o", store=False)
    assert len(first.rebuilt) == 6 and not first.reused
    yaml_file = sorted(src.glob("*.yaml"))[2]
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "title: \"", "title: \"Retitled: ", 1), encoding="utf-8")
    second = build(src, out=tmp_path / "o", store=False)
    assert len(second.rebuilt) == 1 and len(second.reused) == 5, second
    build(src, out=tmp_path / "fresh", store=False)
    assert _outputs(tmp_path / "o") == _outputs(tmp_path / "fresh")


def test_a_new_brat_configuration_rebuilds_its_documents(tmp_path):
    folder = tmp_path / "brat"
    shutil.copytree(FIXTURES / "brat", folder)
    ann = folder / "provocations.ann"
    build(ann, out=tmp_path / "o", store=False)
    assert build(ann, out=tmp_path / "o", store=False).reused
    mapping = folder / "kg-mapping.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(ann, out=tmp_path / "o", store=False).rebuilt


def test_references_across_documents_are_checked(tmp_path):
    src = tmp_path / "c"
    write_corpus(src)
    write_corpus(src, OTHER_YAML, TINY_TEXT, name="other")
    res = build(src, out=tmp_path / "o", store=False)  # nk and pub come from tiny.yaml
    assert res.documents == 2
    (src / "tiny.yaml").write_text(TINY_YAML.replace("id: nk", "id: nk2"), encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        build(src, out=tmp_path / "o2", store=False)
    assert "other.yaml:9 [ev9]: dangling reference 'nk' in 'agent'" in str(err.value), err.value
    assert not (tmp_path / "o2").exists()


def test_no_disjoint_types_for_one_corpus_item_across_documents(tmp_path):
    src = tmp_path / "c"
    write_corpus(src)
    clash = OTHER_YAML + "  - id: nk\n    type: Organization\n    label: North Korea\n"
    write_corpus(src, clash, TINY_TEXT, name="other")
    with pytest.raises(AnnotationError, match=r"type \w+ is incompatible with type \w+ given"):
        build(src, out=tmp_path / "o", store=False)


def test_duplicate_document_ids_are_refused(tmp_path):
    src = tmp_path / "c"
    write_corpus(src)
    write_corpus(src, name="copy")
    with pytest.raises(AnnotationError, match=r"duplicate document id"):
        build(src, out=tmp_path / "o", store=False)


# The build decides validity document by document, then across documents; the classic
# loader (kg.load) decides it on the whole corpus at once. They must always agree.
EDITS = st.lists(st.tuples(
    st.sampled_from(["tiny", "other"]),
    st.sampled_from(["agent: nk", "publisher: pub", "id: nk", "type: State", "id: pub",
                     "id: other", "id: tiny", "type: MissileTest", "quote: tested missiles"]),
    st.sampled_from(["agent: nkx", "publisher: nk", "id: pubx", "type: Organization",
                     "id: tiny", "id: other", "type: Nonsense", "agent: china",
                     "quote: North Korea", "id: ev1"])), max_size=3)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_the_build_and_the_classic_loader_agree_on_validity(tmp_path_factory, edits):
    src = tmp_path_factory.mktemp("corpus")
    texts = {"tiny": TINY_YAML, "other": OTHER_YAML}
    for which, old, new in edits:
        texts[which] = texts[which].replace(old, new, 1)
    for name, yaml_text in texts.items():
        write_corpus(src, textwrap.dedent(yaml_text), TINY_TEXT, name=name)
    try:
        load_corpus(src)
        classic = None
    except AnnotationError as exc:
        classic = str(exc)
    out = tmp_path_factory.mktemp("out") / "o"
    try:
        build(src, out=out, store=False, trig=False)
        streamed = None
    except AnnotationError as exc:
        streamed = str(exc)
    assert streamed == classic, (edits, streamed, classic)


def test_a_build_with_nothing_changed_writes_nothing(tmp_path):
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    first = build(ann, out=out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = build(ann, out=out)
    assert again.rebuilt == [] and again.reused == ["tiny"], again
    assert (again.quads, again.graphs) == (first.quads, first.graphs)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    # A graph carried over from kg link is an input too.
    (out / "links-reconciled.nq").write_text("", encoding="utf-8")
    assert build(ann, out=out).reused == ["tiny"]
    assert (out / "manifest.json").stat().st_mtime_ns != stamps[out / "manifest.json"]


@pytest.mark.parametrize("garbage", ["", "[1, 2]", "{\"context\": 1}", "{not json",
                                     "{\"context\": null, \"entry\": {\"bogus\": 1}}"])
def test_a_damaged_cache_entry_is_rebuilt_not_trusted(tmp_path, garbage):
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(ann, out=out, store=False)
    before = _outputs(out)
    (out / "manifest.json").unlink()  # so that the build looks at the entries
    for entry in (out / ".cache").glob("*.json"):
        entry.write_text(garbage, encoding="utf-8")
    again = build(ann, out=out, store=False)
    assert again.rebuilt == ["tiny"], again
    assert _outputs(out) == before


def _synth_corpus(root):
    write_synth(root, docs=4, seed=5)
    return root


def _relabel(doc, new):
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace('label: "', f'label: "{new} ', 1), encoding="utf-8")
    return text


def test_the_entries_pack_is_read_while_it_holds_the_entries(tmp_path, monkeypatch):
    from kg.build import documents
    from kg.build.documents import PACK_FILE, Pack

    corpus = _synth_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(corpus, out=out, jobs=1)
    assert (out / ".cache" / PACK_FILE).is_file()
    used = []
    real = Pack.get

    def spy(self, name):
        got = real(self, name)
        used.append(got is not None)
        return got

    monkeypatch.setattr(documents.Pack, "get", spy)
    _relabel(sorted(corpus.glob("*.yaml"))[1], "Edited")
    again = build(corpus, out=out, jobs=1)
    assert len(again.rebuilt) == 1, again
    # every entry read from the pack (the edited one's, then found out of date, rebuilt)
    assert used == [True] * 4, used
    build(corpus, out=tmp_path / "full", jobs=1)
    assert _outputs(out) == _outputs(tmp_path / "full")


def test_an_entry_rebuilt_since_it_was_packed_is_not_taken_from_the_pack(tmp_path):
    """A build that failed after rebuilding an entry leaves the pack as it was; when the
    document is then put back as it was packed, its entry (now of the failed build's
    version) is not read from the pack: rebuilt, the same bytes as a full build."""
    corpus = _synth_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(corpus, out=out, jobs=1)
    docs = sorted(corpus.glob("*.yaml"))
    was = _relabel(docs[0], "Changed")
    broken = docs[2].read_text(encoding="utf-8")
    docs[2].write_text(broken.replace("annotations:", "annotations: [", 1), encoding="utf-8")
    with pytest.raises(AnnotationError):
        build(corpus, out=out, jobs=1)
    docs[0].write_text(was, encoding="utf-8")
    docs[2].write_text(broken, encoding="utf-8")
    _relabel(docs[3], "Other")
    shutil.rmtree(out / ".base")  # no record: graph.nq is made from every cache entry
    assert not build(corpus, out=out, jobs=1).incremental
    build(corpus, out=tmp_path / "full", jobs=1)
    assert _outputs(out) == _outputs(tmp_path / "full")


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "digest-ok-wrong-shape",
                                    "edited"])
def test_a_damaged_entries_pack_is_ignored(tmp_path, damage):
    import hashlib
    import json

    from kg.build.documents import PACK_FILE

    corpus = _synth_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(corpus, out=out, jobs=1)
    pack = out / ".cache" / PACK_FILE
    good = pack.read_bytes()
    head, _, body = good.partition(b"\n")
    if damage == "empty":
        bad = b""
    elif damage == "garbage":
        bad = b"\xff\x00{"
    elif damage == "truncated":
        bad = good[:-100]
    elif damage == "digest-ok-wrong-shape":
        body = json.dumps({"x": 1}).encode()
        bad = json.dumps({"format": json.loads(head)["format"],
                          "digest": hashlib.sha256(body).hexdigest()}).encode() + b"\n" + body
    else:  # a quad count changed, the digest not: refused
        bad = head + b"\n" + body.replace(b'"quads": ', b'"quads": 1', 1)
    assert bad != good
    pack.write_bytes(bad)
    _relabel(sorted(corpus.glob("*.yaml"))[1], "Edited")
    build(corpus, out=out, jobs=1)
    build(corpus, out=tmp_path / "full", jobs=1)
    assert _outputs(out) == _outputs(tmp_path / "full")
