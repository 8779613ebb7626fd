"""The runner: limits, comment stripping, timing, headlines for kg demo."""

from __future__ import annotations

import pytest

from kg.query import run_query, run_spec
from kg.query.headlines import headlines, join_names
from kg.query.run import strip_comments, with_limit


@pytest.mark.parametrize("text, want", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }\nLIMIT 5\n"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 100", "SELECT * WHERE { ?s ?p ?o } LIMIT 5"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 2", "SELECT * WHERE { ?s ?p ?o } LIMIT 2"),
    ("SELECT * WHERE { ?s ?p ?o } # trailing comment", "SELECT * WHERE { ?s ?p ?o } # trailing "
     "comment\nLIMIT 5\n"),
    ("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <x:a> }",
     "SELECT * WHERE { ?s ?p ?o } LIMIT 5\nVALUES ?s { <x:a> }"),
    ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o }"),
])
def test_with_limit(text, want):
    assert with_limit(text, 5) == want


def test_strip_comments_keeps_lines_strings_and_iris():
    text = '# title: x\nSELECT ?s WHERE { ?s <http://e/#frag> "# not a comment" } # end\n'
    assert strip_comments(text) == ('\nSELECT ?s WHERE { ?s <http://e/#frag> '
                                    '"# not a comment" } \n')


def test_limit_caps_the_rows(seed_store):
    assert len(run_query("claims-by-modality", seed_store, limit=4)) == 4


def test_run_spec_reports_bindings_and_time(seed_store):
    answer = run_spec("provenance", seed_store, params={"node": "Ulleung Island"})
    assert answer.bindings["node"].value.endswith("/ulleung-island"), answer.bindings
    assert answer.seconds > 0 and len(answer.result) > 0


def test_join_names():
    assert join_names(["China", "Russia"]) == "China and Russia"
    assert join_names(["a", "b", "c", "a"]) == "a, b and c"


def test_headlines_come_from_the_answers(seed_store):
    lines = headlines(seed_store)
    text = "\n".join(lines)
    # "In the summer of 2022, China and Russia blocked a UN resolution ... thwarting U.S.-led
    # efforts": the facts, not a template copy
    assert any(line.startswith("China and Russia blocked the UN resolution")
               and "(the summer of 2022)" in line and "thwarting U.S.-led efforts" in line
               for line in lines), text
    # "enhanced its alignment with both Moscow and Beijing by pledging closer “strategic and
    # tactical” cooperation"
    assert any(line.startswith("North Korea aligned with China and Russia")
               and "strategic and tactical" in line for line in lines), text
    assert any("dozens" in line and "missile test" in line for line in lines), text
    modality = [line for line in lines if "claims by modality" in line]
    assert modality and "reported fact" in modality[0] and "prediction" in modality[0], text


def test_no_headlines_from_an_empty_store():
    from kg.store import open_store

    with open_store() as store:
        assert headlines(store) == []
