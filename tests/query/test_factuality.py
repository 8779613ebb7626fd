"""Every question of the pack answers with what happened, unless include-nonfactual.

On tests/fixtures/factuality (items of every status and polarity): by default no row names
an item that did not happen by the rule; with ``include-nonfactual=true`` (or the library
keyword) those rows are back, each marked in its factuality column.
"""

from __future__ import annotations

import pytest
from conftest import STATUSES_VERDICTS
from kgtest import HANG_S

from kg.errors import QueryError
from kg.query import list_queries, run_query
from kg.query.run import NONFACTUAL_VARIABLE

DOC = "https://w3id.org/kg-toolkit/id/doc/statuses/"
NONFACTUAL = {DOC + x for x, v in STATUSES_VERDICTS.items() if v != "happened"}
PARAMS = {"actor-profile": {"actor": "northland"}, "provenance": {"node": "northland"}}
MARKED_BY = {"responses": ("action", "response"), "nll-challenges": ("action", "response")}


PAGED = {s.name for s in list_queries() if s.page}


def _ask(store, name, **kw):
    params = {**({"limit": "0"} if name in PAGED else {}),
              **PARAMS.get(name.removesuffix("-detail"), {}),
              **kw.pop("params", {})}
    return [{k: v.value for k, v in r.items()} for r in
            run_query(name, store, params=params, timeout_s=HANG_S, **kw).dicts()]


def _named(rows) -> set[str]:
    return {v for r in rows for v in r.values() if v in NONFACTUAL}


FILTERING = sorted(s.name for s in list_queries() if f"?{NONFACTUAL_VARIABLE}" in s.text)


def test_every_question_about_events_relations_or_motives_filters():
    exempt = {"claims-by-modality", "heads-of-state", "wikidata-links"}
    assert set(FILTERING) == {s.name for s in list_queries()} - exempt, FILTERING


@pytest.mark.parametrize("name", FILTERING)
def test_by_default_no_row_names_what_did_not_happen(statuses_store, name):
    rows = _ask(statuses_store, name)
    assert not _named(rows), (name, sorted(_named(rows)))
    marks = {r[k] for r in rows for k in r if k.endswith("actuality") and k != "factuality" or
             k == "factuality"}
    assert marks <= {"happened"}, (name, marks)


@pytest.mark.parametrize("name", FILTERING)
def test_the_parameter_and_the_keyword_give_the_same_answer(statuses_store, name):
    by_param = _ask(statuses_store, name, params={"include-nonfactual": "true"})
    by_keyword = _ask(statuses_store, name, include_nonfactual=True)
    assert by_param == by_keyword, name


def _marked(rows, item_key, mark_key):
    return {(r[item_key].removeprefix(DOC), r.get(mark_key)) for r in rows
            if r.get(item_key, "").startswith(DOC)}


def test_responses_hide_the_hypothetical_answer_unless_asked(statuses_store):
    # "Isleland may stage air drills ... in answer to the launch": hypothetical
    default = _marked(_ask(statuses_store, "responses"), "response", "responseFactuality")
    assert default == {("ev-joint-drills", "happened")}, default
    every = _marked(_ask(statuses_store, "responses", include_nonfactual=True),
                    "response", "responseFactuality")
    assert every == {("ev-joint-drills", "happened"), ("ev-air-drills", "not happened")}, every


def test_opposition_hides_the_denied_threat_and_hostility_unless_asked(statuses_store):
    default = _marked(_ask(statuses_store, "opposition"), "item", "factuality")
    assert ("ev-threat", "happened") not in default and not {i for i, _ in default} & {
        "ev-threat", "r-oppose", "ev-threat-if", "ev-nuclear", "ev-air-drills"}, default
    assert {("r-rivals", "happened"), ("ev-block", "happened")} \
        <= default, default
    every = _marked(_ask(statuses_store, "opposition", include_nonfactual=True),
                    "item", "factuality")
    assert {("ev-threat", "denied"), ("r-oppose", "denied"),
            ("ev-threat-if", "not asserted as fact")} <= every, every


def test_alignment_hides_the_predicted_coordination_unless_asked(statuses_store):
    default = _marked(_ask(statuses_store, "alignment-detail"), "relation", "factuality")
    assert default == {("r-align", "happened")}, default
    every = _marked(_ask(statuses_store, "alignment-detail", include_nonfactual=True),
                    "relation", "factuality")
    assert every == {("r-align", "happened"), ("r-coord", "not asserted as fact")}, every


def test_timeline_places_only_what_happened_unless_asked(statuses_store):
    default = _marked(_ask(statuses_store, "timeline"), "event", "factuality")
    assert {i for i, _ in default} == {"ev-launch", "ev-drills", "ev-block",
                                       "ev-joint-drills"}, default
    every = _marked(_ask(statuses_store, "timeline", include_nonfactual=True),
                    "event", "factuality")
    assert every == {(x, v) for x, v in STATUSES_VERDICTS.items() if x.startswith("ev-")}, every


def test_the_text_run_as_written_answers_like_the_default(statuses_store):
    from kg.query import load_query
    from kg.query.lists import list_columns, sort_list_cells
    from kg.query.run import strip_comments

    for name in ("timeline", "opposition", "alignment", "alignment-detail"):
        text = strip_comments(load_query(name).text).replace("LIMIT 50", "")
        answer = sort_list_cells(statuses_store.query(text), list_columns(text))
        raw = {tuple(sorted((k, v.value) for k, v in r.items())) for r in answer.dicts()}
        ran = {tuple(sorted(r.items())) for r in _ask(statuses_store, name)}
        assert raw == ran, name


def test_a_question_without_such_items_takes_the_parameter(statuses_store):
    assert _ask(statuses_store, "wikidata-links", params={"include-nonfactual": "yes"}) == \
        _ask(statuses_store, "wikidata-links")


def test_a_value_that_is_not_a_boolean_is_refused(statuses_store):
    with pytest.raises(QueryError, match="include-nonfactual='maybe': expected true or false"):
        _ask(statuses_store, "timeline", params={"include-nonfactual": "maybe"})
