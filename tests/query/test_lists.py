"""List cells (GROUP_CONCAT with a separator) come out in one order on every store."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query.lists import list_columns, sort_list_cells, sorted_cell
from kg.store import QueryResult


def test_list_columns_reads_each_group_concat_with_its_separator():
    text = ('SELECT (GROUP_CONCAT(DISTINCT STR(?a); SEPARATOR="; ") AS ?as)\n'
            "       (group_concat(?b; separator=', ') AS ?bs)\n"
            "       (GROUP_CONCAT(?c) AS ?cs)  # no separator: items cannot be told apart\n"
            "       (COUNT(?d) AS ?n)\n"
            """ WHERE { BIND("GROUP_CONCAT(?x; SEPARATOR='|') AS ?y" AS ?z) }""")
    assert list_columns(text) == {"as": "; ", "bs": ", "}


def test_a_column_bound_from_a_list_column_is_a_list_column():
    text = ('SELECT ?shown { { SELECT (GROUP_CONCAT(?a; SEPARATOR="; ") AS ?list) {} }\n'
            '  BIND(IF(?list != "", ?list, ?none) AS ?shown) BIND(STRLEN(?other) AS ?n) }')
    assert list_columns(text) == {"list": "; ", "shown": "; "}


def test_sort_list_cells_sorts_items_and_keeps_the_term_kind():
    lang = ox.Literal("b; a", language="en")
    result = QueryResult("select", ["ties", "other"],
                         [(ox.Literal("Russia; China"), ox.Literal("z; y")), (lang, None),
                          (ox.NamedNode("https://example.org/x;%20y"), None)])
    sort_list_cells(result, {"ties": "; ", "missing": ", "})
    assert result.rows[0] == (ox.Literal("China; Russia"), ox.Literal("z; y")), result.rows
    assert result.rows[1][0] == ox.Literal("a; b", language="en"), result.rows
    assert result.rows[2][0] == ox.NamedNode("https://example.org/x;%20y"), result.rows
    assert sorted_cell("b", "; ") == "b"


def test_a_question_with_list_cells_answers_them_sorted(seed_store):
    from kg.query import run_query

    for row in run_query("alignment", seed_store).dicts():
        ties = row["ties"].value.split("; ")
        assert ties == sorted(ties), row
