"""One row per fact: every question of the pack names its fact (``# key: ?a ?b — ...``), and
on the shipped corpus no default question gives two rows for one fact, while a ``-detail``
question keeps the rows of each fact together; the page note counts facts ("N of M")."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.query.pack import list_queries
from kg.query.run import ALL_ROWS, count_rows, run_spec

SPECS = list_queries()
DETAILS = {s.detail for s in SPECS if s.detail}
NODE = "north-korea"  # the shipped corpus's busiest node


# The whole answer (every row) of each paged one-row-per-fact question on the shipped corpus, as
# the default questions answer it: test_a_default_question_gives_one_row_per_fact asks it, and
# test_the_page_note_counts_facts needs the very same answer (same store, parameters and
# factuality), so the first test keeps it for the second instead of asking it again (a few
# seconds each on data/). Taken out when used; a test run alone asks the store itself.
PAGE_NOTED = {s.name for s in SPECS if s.page and s.name not in DETAILS}
_WHOLE: dict[str, object] = {}


def _keys(answer) -> list[tuple]:
    variables = answer.result.variables
    missing = [k for k in answer.spec.key if k not in variables]
    assert not missing, f"{answer.spec.name}: # key: names unprojected {missing}"
    where = [variables.index(k) for k in answer.spec.key]
    return [tuple(row[i] for i in where) for row in answer.result.rows]


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_question_names_its_fact(spec):
    assert spec.key and spec.key_description, f"{spec.name}: no '# key: ?VAR — ...' line"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_the_key_names_projected_variables(spec):
    from kg.store import open_store

    with open_store() as empty:
        answer = run_spec(spec, empty, params={p.name: "<urn:x>" for p in spec.params
                                               if p.required})
    assert set(spec.key) <= set(answer.result.variables), (spec.name, answer.result.variables)


def test_a_malformed_key_line_names_file_and_line():
    from kg.errors import QueryError
    from kg.query.pack import parse_header

    with pytest.raises(QueryError, match=r"x\.rq:4: malformed key line"):
        parse_header("# title: T\n# question: Q?\n# params: none\n# key: event — x\nSELECT * {}",
                     "x.rq")
    spec = parse_header("# title: T\n# question: Q?\n# params: none\n# key: ?a ?b — pairs\n"
                        "SELECT * {}", "x.rq")
    assert (spec.key, spec.key_description) == (("a", "b"), "pairs")


# The shipped corpus as the default questions answer it and with include-nonfactual, and the
# fixture of every status and polarity (tests/fixtures/factuality) with include-nonfactual;
# a question about one node is asked about each corpus's busiest node.
CASES = [("corpus_store", False, "north-korea"), ("corpus_store", True, "north-korea"),
         ("statuses_store", True, "northland")]


@pytest.mark.parametrize("store_name, nonfactual, node", CASES,
                         ids=["corpus", "corpus-include-nonfactual", "statuses"])
@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_a_default_question_gives_one_row_per_fact(spec, store_name, nonfactual, node, request):
    store = request.getfixturevalue(store_name)
    params = {**{p.name: node for p in spec.params if p.required},
              **(ALL_ROWS if spec.page else {})}
    answer = run_spec(spec, store, params=params, include_nonfactual=nonfactual)
    if store_name == "corpus_store" and not nonfactual and node == NODE and spec.name in PAGE_NOTED:
        _WHOLE[spec.name] = answer
    keys = _keys(answer)
    if spec.name in DETAILS:  # the rows of one fact stay together (a page holds them all)
        runs = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
        assert len(runs) == len(set(runs)), f"{spec.name}: a fact's rows are apart"
        return
    twice = [k for k, n in Counter(keys).items() if n > 1]
    assert not twice, f"{spec.name}: {len(twice)} facts with several rows, e.g. {twice[0]}"


@pytest.mark.parametrize("spec", [s for s in SPECS if s.page and s.name not in DETAILS],
                         ids=[s.name for s in SPECS if s.page and s.name not in DETAILS])
def test_the_page_note_counts_facts(spec, corpus_store):
    """The whole answer's count (the "of M" of a page note) is its number of facts, each a
    row; a page's facts are facts of the whole answer."""
    params = {p.name: NODE for p in spec.params if p.required}
    whole = _WHOLE.pop(spec.name, None)
    if whole is None:  # not kept by the test above (this test run alone)
        whole = run_spec(spec, corpus_store, params={**params, **ALL_ROWS})
    offset = "1" if len(whole.result) > 1 else "0"
    page = run_spec(spec, corpus_store, params={**params, "limit": "3", "offset": offset})
    assert count_rows(page, corpus_store) == len(set(_keys(whole))) == len(whole.result)
    assert page.result.rows and set(_keys(page)) <= set(_keys(whole)), spec.name


def test_the_count_of_a_one_row_per_fact_question_counts_its_page_sub_select():
    """The "of M" of a page note counts the page sub-select's distinct keys when the question
    gives one row per fact (no labels, lists or quotes for every row); a -detail question,
    or one whose page picks something else than its facts, counts its rows."""
    from kg.query.pack import load_query
    from kg.query.run import _facts_count, strip_comments

    def fast(name: str) -> bool:
        spec = load_query(name)
        return _facts_count(spec, strip_comments(spec.text)) is not None

    assert fast("alignment") and fast("timeline") and fast("contradictions")
    assert not fast("alignment-detail"), "a detail question counts its rows"
    assert not fast("provenance"), "its page picks supports, its rows are anchors"
