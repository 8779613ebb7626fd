"""kg/bench/pack.py: the bench measures the questions as ``kg query`` asks them.

On tests/fixtures/factuality (items of every status and polarity): each text the bench
sends binds ``?includeNonfactual`` as ``kg query`` does (false unless asked), and answers
with the rows ``kg query`` gives for the same parameters.
"""

from __future__ import annotations

from kgtest import HANG_S

from kg.bench.pack import pack_texts
from kg.query import list_queries, run_query
from kg.query.run import NONFACTUAL_VARIABLE
from kg.resources import repo_root
from kg.store.bind import term_sparql


def _bound(text: str, variable: str) -> set[str]:
    """The values ``text``'s VALUES blocks give ``variable`` (one row each, as bound)."""
    import re

    out = set()
    for names, values in re.findall(r"VALUES \(([^)]*)\) \{ \((.*?)\) \}", text):
        names_list, values_list = names.split(), values.split()
        if f"?{variable}" in names_list:
            out.add(values_list[names_list.index(f"?{variable}")])
    return out


def test_the_bench_sends_each_question_as_kg_query_runs_it(tmp_path):
    from kg.build import build
    from kg.store import open_store

    build(repo_root() / "tests" / "fixtures" / "factuality", out=tmp_path / "b")
    store = tmp_path / "b" / "store"
    texts = dict(pack_texts(store))
    specs = {s.name: s for s in list_queries()}
    assert set(texts) == set(specs), sorted(set(texts) ^ set(specs))
    filtering = [n for n, s in specs.items() if f"?{NONFACTUAL_VARIABLE}" in s.text]
    assert filtering, "no question of the pack filters by factuality"
    for name in filtering:
        assert _bound(texts[name], NONFACTUAL_VARIABLE) == {term_sparql(False)}, (
            name, texts[name][:2000])
    with open_store(store) as live:
        top = live.query("SELECT ?a (COUNT(*) AS ?n) WHERE { ?e "
                         "<https://w3id.org/kg-toolkit/ontology#agent> ?a } GROUP BY ?a "
                         "ORDER BY DESC(?n) LIMIT 1").values()
        sample = f"<{top[0][0]}>"
        for name, text in sorted(texts.items()):
            given = {p.name: sample for p in specs[name].params if p.required}
            want = run_query(name, live, params=given, timeout_s=HANG_S)
            got = live.query(text, timeout_s=HANG_S)
            assert len(got.rows) == len(want.rows), (name, len(got.rows), len(want.rows))
