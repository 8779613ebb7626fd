"""The paged opposition, motives and wikidata-links queries on the seed corpus.

The answers in test_answers.py are read from each query's default page: on the seed the page
must hold the whole answer, row for row, or those tests would check only part of it.
"""

from __future__ import annotations

import pytest

from kg.query import run_query
from kg.query.run import ALL_ROWS


def _key(row):
    return tuple("" if t is None else str(t) for t in row)


@pytest.mark.parametrize("name", ["opposition", "motives", "wikidata-links"])
def test_the_default_page_is_the_whole_seed_answer(seed_store, name):
    page = run_query(name, seed_store).rows
    whole = run_query(name, seed_store, params=ALL_ROWS).rows
    assert page, name
    assert sorted(page, key=_key) == sorted(whole, key=_key), name


@pytest.mark.parametrize("name", ["opposition", "motives", "wikidata-links"])
def test_a_page_of_one_unit_is_part_of_the_whole_answer(seed_store, name):
    """The page is cut in the sub-select (one edge, motive or item), before its rows are made."""
    whole = [_key(r) for r in run_query(name, seed_store, params=ALL_ROWS).rows]
    first = [_key(r) for r in run_query(name, seed_store, params={"limit": "1"}).rows]
    assert first and all(r in whole for r in first), name
