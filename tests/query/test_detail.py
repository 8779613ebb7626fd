"""One row per fact by default, the full rows in a companion question (``# detail:``), and
``--limit``/``--offset`` counting facts on a paged question (docs/cli.md, kg query)."""

from __future__ import annotations

import csv
import io
import json

from kg.cli import main


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_limit_sets_the_page_in_facts_and_the_note_counts_them(capsys, seed_build):
    _, out, _ = run_cli(capsys, "alignment", "--limit", "0", "--format", "csv",
                        "--build", str(seed_build))
    pairs = [(r["actor"], r["other"]) for r in _csv(out)]
    assert len(pairs) == len(set(pairs)) == 3, pairs
    code, out, err = run_cli(capsys, "alignment", "--limit", "1", "--offset", "1",
                             "--format", "csv", "--build", str(seed_build))
    assert code == 0, err
    assert [(r["actor"], r["other"]) for r in _csv(out)] == pairs[1:2], out
    assert "1 row of the 3 of the whole answer (a page: --offset 1 --limit 1)" in err, err
    assert "the next page with --offset 2" in err, err


def test_a_detail_page_holds_every_row_of_its_facts(capsys, seed_build):
    _, out, _ = run_cli(capsys, "alignment-detail", "--limit", "0", "--format", "csv",
                        "--build", str(seed_build))
    every = _csv(out)
    assert len(every) > len({r["relation"] for r in every}), "some tie has several rows"
    for limit in range(1, 5):
        _, out, _ = run_cli(capsys, "alignment-detail", "--limit", str(limit), "--format", "csv",
                            "--build", str(seed_build))
        page = _csv(out)
        ties = {r["relation"] for r in page}
        assert len(ties) == limit, page
        assert len(page) == sum(r["relation"] in ties for r in every), page


def test_list_names_the_full_rows(capsys):
    _, out, _ = run_cli(capsys, "--list")
    line = next(x for x in out.splitlines() if x.startswith("alignment "))
    assert line.endswith("(full rows: kg query alignment-detail)"), line
    _, out, _ = run_cli(capsys, "--list", "--format", "json")
    details = {q["name"]: q["detail"] for q in json.loads(out)}
    assert details["alignment"] == "alignment-detail" and details["wikidata-links"] is None, details


def test_the_limit_of_a_query_that_is_not_paged_caps_its_rows(capsys, seed_build):
    code, out, _ = run_cli(capsys, "-e", "SELECT ?s WHERE { ?s a kg:State }", "--limit", "2",
                           "--format", "csv", "--build", str(seed_build))
    assert code == 0 and len(_csv(out)) == 2, out


def test_an_offset_past_the_end_counts_the_whole_answer_not_the_offset(capsys, seed_build):
    """Regression: 'kg query alignment --offset 10' on an answer of 3 rows printed
    '(0 of 10 rows)', the offset taken for the size of the answer."""
    for limit in ("1", "0"):
        code, out, err = run_cli(capsys, "alignment", "--offset", "10", "--limit", limit,
                                 "--format", "table", "--build", str(seed_build))
        assert code == 0, err
        assert out.rstrip().endswith("(0 of 3 rows)"), out
