"""kg/loaders/identity.py: ItemRecord, the public record of one item for the identity checks."""

from __future__ import annotations

import pytest

from kg.loaders.identity import ItemRecord


def test_an_item_record_cannot_be_changed_once_made():
    r = ItemRecord("wire-a", "ev-launch", "MissileLaunch", "wire-a.yaml", 21, "document",
                   same_as="wire-b/ev-launch", same_as_line=22, qids=("Q1",), qid_line=23)
    for field, value in (("id", "other"), ("same_as", None), ("qids", ())):
        with pytest.raises(AttributeError):
            setattr(r, field, value)
    assert r.id == "ev-launch" and r.same_as == "wire-b/ev-launch", r
    assert hash(r) == hash(ItemRecord.from_list("wire-a", "wire-a.yaml", r.as_list())), r


def test_an_item_record_round_trips_through_the_cache_row():
    r = ItemRecord("d", "north-korea", "State", "d.yaml", 7, "corpus", qids=("Q423",),
                   qid_line=8)
    row = r.as_list()
    assert row == ["north-korea", "State", 7, "corpus", None, None, ["Q423"], 8], row
    assert ItemRecord.from_list("d", "d.yaml", row) == r
    assert r.where == "d.yaml:7"
    assert ItemRecord("d", "x", "State", "d.yaml", None, "corpus").where == "d.yaml"
