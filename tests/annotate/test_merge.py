"""kg annotate --merge: a draft added to a reviewed annotation never changes what is there."""

from __future__ import annotations

import shutil

import pytest
import yaml

from kg.annotate import merge_file
from kg.annotate.gazetteer import Gazetteer
from kg.errors import UsageError
from kg.loaders import load_corpus
from kg.resources import data_dir

SEED = "cfr-2022-north-korea-provocations"


@pytest.fixture
def merged(tmp_path):
    for suffix in (".txt", ".yaml"):
        shutil.copy(data_dir() / f"{SEED}{suffix}", tmp_path / f"{SEED}{suffix}")
    # a sentence the reviewer has not annotated, about actors the annotation already names
    with (tmp_path / f"{SEED}.txt").open("a", encoding="utf-8") as f:
        f.write("\nNorth Korea fired a ballistic missile toward Japan on 3 December 2022.\n")
    ann = tmp_path / f"{SEED}.yaml"
    before = ann.read_bytes()
    gaz = Gazetteer()
    gaz.add_yaml()
    added = merge_file(tmp_path / f"{SEED}.txt", ann, gazetteer=gaz)
    return tmp_path, ann, before, added, gaz


def test_merge_keeps_every_byte_and_adds_machine_items(merged):
    _folder, ann, before, added, _gaz = merged
    after = ann.read_bytes()
    assert added > 0
    assert after.startswith(before), "the reviewed annotation was changed"
    new = yaml.safe_load(after[len(before):].decode("utf-8").replace("\n  ", "\n"))
    assert len(new) == added and all(it["machine"] is True for it in new), new


def test_merged_items_point_at_the_humans_items_and_the_file_builds(merged, tmp_path):
    from kg.build import build
    from kg.validation import validate

    folder, ann, before, _added, _gaz = merged
    from kg.ontology import load_ontology

    onto = load_ontology()
    human = {it.id for d in load_corpus(data_dir()) if d.id == SEED for it in d.items}
    doc = load_corpus(folder).documents[0]
    drafted = [it for it in doc.items if it.machine]
    refs = {r.id for it in drafted for _k, r in it.refs() if onto.concept(r.id) is None}
    assert refs and refs <= human | {it.id for it in drafted}, refs - human
    assert all(it.id not in human for it in drafted)
    report = validate(build(folder, out=tmp_path / "b").out)
    assert report.conforms, report.text()


def test_merging_twice_adds_nothing(merged):
    folder, ann, _before, _added, gaz = merged
    once = ann.read_bytes()
    assert merge_file(folder / f"{SEED}.txt", ann, gazetteer=gaz) == 0
    assert ann.read_bytes() == once


def test_merge_refuses_a_file_whose_annotations_are_not_last(tmp_path):
    text = tmp_path / "d.txt"
    text.write_text("North Korea fired a missile.\n")
    ann = tmp_path / "d.yaml"
    ann.write_text("annotations: []\ndocument:\n  id: d\n  text: d.txt\n")
    gaz = Gazetteer()
    gaz.add_yaml()
    with pytest.raises(UsageError, match="last top-level key"):
        merge_file(text, ann, gazetteer=gaz)
    assert ann.read_text() == "annotations: []\ndocument:\n  id: d\n  text: d.txt\n"


def _gaz():
    gaz = Gazetteer()
    gaz.add_yaml()
    return gaz


HEAD = "document:\n  id: d\n  text: d.txt\n"


def test_merge_refuses_an_inline_list_it_cannot_append_to(tmp_path):
    (tmp_path / "d.txt").write_text("North Korea fired a missile toward Japan.\n")
    ann = tmp_path / "d.yaml"
    for tail in ("annotations: []\n", "annotations: []  # none yet\n"):
        ann.write_text(HEAD + tail)
        with pytest.raises(UsageError, match="block list"):
            merge_file(tmp_path / "d.txt", ann, gazetteer=_gaz())
        assert ann.read_text() == HEAD + tail  # nothing half-written


def test_merge_refuses_a_text_the_annotation_does_not_annotate(tmp_path):
    (tmp_path / "d.txt").write_text("North Korea fired a missile toward Japan.\n")
    (tmp_path / "other.txt").write_text("Japan protested to China.\n")
    ann = tmp_path / "d.yaml"
    ann.write_text(HEAD + "annotations:\n  - id: north-korea\n    type: State\n"
                   "    quote: North Korea\n")
    before = ann.read_bytes()
    with pytest.raises(UsageError, match="annotates"):
        merge_file(tmp_path / "other.txt", ann, gazetteer=_gaz())
    assert ann.read_bytes() == before


def test_merge_keeps_crlf_line_ends_and_ids_of_other_kinds_apart(tmp_path):
    (tmp_path / "d.txt").write_text("North Korea fired a missile toward Japan on 3 May 2024.\n")
    ann = tmp_path / "d.yaml"
    # the reviewer's item "japan" is an event: the drafted State Japan is another item
    body = (HEAD + "annotations:\n  - id: japan\n    type: MissileLaunch\n"
            "    quote: fired\n").replace("\n", "\r\n")
    ann.write_bytes(body.encode())
    assert merge_file(tmp_path / "d.txt", ann, gazetteer=_gaz()) > 0
    after = ann.read_bytes()
    assert after.startswith(body.encode()) and b"\n" not in after.replace(b"\r\n", b"")
    items = {it["id"]: it for it in yaml.safe_load(after.decode())["annotations"]}
    assert items["japan"]["type"] == "MissileLaunch"
    assert items["japan-draft"]["type"] == "State", sorted(items)
    assert all(it.get("target") != "japan" for it in items.values()), items
