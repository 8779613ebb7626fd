"""Nodes fetch only their first anchor (``Facts.load_first_anchors``): the same support,
quote and document as with every anchor loaded, for every item of the shipped corpus (many
sources, shared items), with far fewer anchors read."""

from __future__ import annotations

from itertools import islice

import pytest

from kg.network.facts import Facts
from kg.network.source import reader


@pytest.fixture(scope="module")
def corpus_store(corpus_build):
    from kg.store import open_store

    store = open_store(corpus_build.out / "store")
    yield store
    store.close()


def _counting(select):
    rows = {"n": 0}

    def counted(query):
        found = select(query)
        rows["n"] += len(found) if "oa:hasBody" in query else 0
        return found
    return counted, rows


def test_first_anchors_give_the_same_provenance_as_all_anchors(corpus_store):
    with reader(corpus_store) as select:
        first_select, first_rows = _counting(select)
        all_select, all_rows = _counting(select)
        first, every = Facts(first_select), Facts(all_select)
        items = sorted(first.types)
        first.load_first_anchors(items)
        every.load_anchors(items)
        differ = [x for x in items if first.provenance(x) != every.provenance(x)]
        assert not differ, differ[:5]
        assert sum(first.support(x) is not None for x in items) > 300
        # Shared actors are named in several documents: one document's anchors are read.
        assert first_rows["n"] < all_rows["n"], (first_rows, all_rows)


def test_items_no_document_mentions_fall_back_to_all_their_anchors(corpus_store):
    with reader(corpus_store) as select:
        def no_mentions(query):
            return [] if "schema:mentions" in query else select(query)

        facts, every = Facts(no_mentions), Facts(select)
        # The first 50 items with anchors: asked lazily, item by item, until 50 are found (a
        # list of every item first asked the store once per item, some 15 000 queries).
        items = list(islice((x for x in sorted(facts.types) if every.anchors(x)), 50))
        facts.load_first_anchors(items)
        assert all(x in facts._anchors for x in items)  # every anchor, as before
        assert [facts.support(x) for x in items] == [every.support(x) for x in items]
