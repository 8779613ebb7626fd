"""One test per loader error kind: each message names the file, the line and the annotation id."""

from __future__ import annotations

import re

import pytest
from kgtest import TINY_TEXT, TINY_YAML, write_corpus

from kg.cli import main
from kg.errors import AnnotationError
from kg.loaders import load_corpus


def problems_for(tmp_path, yaml_text, text=None):
    kwargs = {"text": text} if text is not None else {}
    ann = write_corpus(tmp_path / "c", yaml_text, **kwargs)
    with pytest.raises(AnnotationError) as info:
        load_corpus(ann)
    return ann, info.value.problems


def line_of(yaml_text: str, needle: str) -> int:
    for n, line in enumerate(yaml_text.splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in the fixture")


def assert_one(problems, ann, line, ann_id, pattern):
    texts = [str(p) for p in problems]
    hits = [p for p in problems if re.search(pattern, p.message)]
    assert hits, texts
    p = hits[0]
    assert p.path == str(ann), texts
    assert p.line == line, texts
    assert p.ann_id == ann_id, texts
    assert str(p).startswith(f"{ann}:{line} [{ann_id}]: "), str(p)


def test_quote_not_found_names_file_line_id(tmp_path):
    y = TINY_YAML.replace("quote: tested missiles", "quote: launched rockets")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "launched rockets"), "ev1", r"not found in the text")


def test_typographic_apostrophe_hint(tmp_path):
    text = "Kim Jong-un’s plan.\n"
    y = TINY_YAML.replace("quote: North Korea", "quote: \"Kim Jong-un's plan\"")
    ann, problems = problems_for(tmp_path, y, text=text)
    assert any("typographic" in p.message for p in problems), [str(p) for p in problems]


def test_quote_ambiguous_counts_occurrences(tmp_path):
    text = "North Korea tested. North Korea tested again. China and Russia blocked a UN " \
           "resolution. The tests would likely continue. September 2022 tested missiles\n"
    y = TINY_YAML.replace("quote: North Korea", "quote: North Korea tested")
    ann, problems = problems_for(tmp_path, y, text=text)
    assert_one(problems, ann, line_of(y, "quote: North Korea tested"), "nk",
               r"ambiguous: 2 occurrences")


def test_occurrence_all_inside_longer_words_only_names_file_line_id(tmp_path):
    text = ("North Korean media. China and Russia blocked a UN resolution. The tests would "
            "likely continue. September 2022 tested missiles\n")
    y = TINY_YAML.replace("quote: North Korea", "mentions: [{quote: North Korea, occurrence: all}]")
    ann, problems = problems_for(tmp_path, y, text=text)
    assert_one(problems, ann, line_of(y, "occurrence: all"), "nk",
               r"^quote 'North Korea' occurs only inside longer words \(1 time\(s\), e\.g\. in "
               r"'North Korean'\); occurrence: all anchors whole words only: quote the word$")


def test_a_quote_inside_a_longer_word_names_file_line_id(tmp_path):
    """Regression: "Nov. 1" with occurrence: 1 anchored inside the dateline's "Nov. 10,
    2023" (a gold date put on the wrong words, silently)."""
    text = ("Nov. 10, 2023. North Korea tested missiles in September 2022; published on Nov. 1. "
            "China and Russia blocked a UN resolution. The tests would likely continue.\n")
    y = TINY_YAML.replace("quote: North Korea", "mentions: [{quote: Nov. 1, occurrence: 1}]")
    ann, problems = problems_for(tmp_path, y, text=text)
    assert_one(problems, ann, line_of(y, "occurrence: 1"), "nk",
               r"^quote 'Nov\. 1' is anchored inside the longer word 'Nov\. 10': quote the "
               r"whole word, or choose the match")
    fixed = y.replace("occurrence: 1", "occurrence: 2")
    assert load_corpus(write_corpus(tmp_path / "ok", fixed, text=text))


def test_unknown_type_suggests_closest(tmp_path):
    y = TINY_YAML.replace("type: MissileTest", "type: MisileTest")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "type: MisileTest"), "ev1",
               r"unknown type 'MisileTest' \(did you mean MissileTest")


def test_unknown_key_suggests_closest(tmp_path):
    y = TINY_YAML.replace("    agent: nk", "    agnet: nk")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "agnet: nk"), "ev1", r"unknown key 'agnet'.*agent")


def test_dangling_reference(tmp_path):
    y = TINY_YAML.replace("    agent: nk", "    agent: north-korea")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "agent: north-korea"), "ev1",
               r"dangling reference 'north-korea'")


def test_unknown_concept_lists_the_scheme(tmp_path):
    y = TINY_YAML.replace("modality: Prediction", "modality: Guess")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "modality: Guess"), "c1",
               r"'Guess' is not a known value for 'modality'.*Prediction")


@pytest.mark.parametrize("old,new,ann_id,options", [
    ("precision: Month", "precision: Occurred", "t1", "Day, Interval, Month"),
    ("status: Occurred", "status: Day", "ev1", "Attempted, Hypothetical, Occurred"),
    ("modality: Prediction", "modality: Negative", "c1", "Assessment, Conditional"),
    ("certainty: Likely", "certainty: Deter", "c1", "AlmostCertain, Certain, Likely"),
])
def test_a_concept_of_another_scheme_is_refused_and_the_scheme_listed(tmp_path, old, new,
                                                                     ann_id, options):
    """Regression: any concept of the ontology passed the build ('precision: Occurred', a
    status), and the options listed for 'precision' and 'status' were empty: their schemes
    (kg:TimePrecisionScheme, kg:EventStatusScheme) are not named '<Key>Scheme'."""
    y = TINY_YAML.replace(old, new)
    ann, problems = problems_for(tmp_path, y)
    value = new.split(": ")[1]
    assert_one(problems, ann, line_of(y, new), ann_id,
               rf"^'{value}' is not a known value for '{old.split(':')[0]}'; use one of: "
               rf"{options}")


def test_duplicate_id_names_first_line(tmp_path):
    y = TINY_YAML.replace("  - id: china", "  - id: russia", 1)
    ann, problems = problems_for(tmp_path, y)
    second = [n for n, ln in enumerate(y.splitlines(), 1) if ln == "  - id: russia"][1]
    first = line_of(y, "  - id: russia")
    assert_one(problems, ann, second, "russia", rf"duplicate id 'russia' \(first defined at line "
                                                rf"{first}\)")


@pytest.mark.parametrize("bad,why", [("2022-13", "month 13"), ("2022-02-30", "day 30"),
                                     ("Sept 2022", "write YYYY")])
def test_invalid_date(tmp_path, bad, why):
    y = TINY_YAML.replace("    begin: 2022-09", f"    begin: {bad}")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, f"begin: {bad}"), "t1", rf"invalid date.*{why}")


@pytest.mark.parametrize("bad", ["2022-0\u0669", "\u0662022", "2022-\uff10\uff19"])
def test_a_date_or_wikidata_id_in_other_digits_is_refused(tmp_path, bad):
    """Regression: re's \\d matched Arabic-Indic and full-width digits, so 'begin: 2022-0٩'
    and 'wikidata: Q4٢3' were built into an xsd:date literal and a Wikidata IRI no one
    can read."""
    y = TINY_YAML.replace("    begin: 2022-09", f"    begin: '{bad}'")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, f"begin: '{bad}'"), "t1", r"invalid date.*write YYYY")
    y = TINY_YAML.replace("    label: China", "    label: China\n    wikidata: Q4\u06623")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "wikidata: Q4"), "china", r"invalid Wikidata ID")


def test_yaml_syntax_error_has_line(tmp_path):
    y = TINY_YAML.replace("    label: China", "    label: [China")
    ann, problems = problems_for(tmp_path, y)
    assert problems[0].path == str(ann) and problems[0].line is not None, problems
    assert "YAML syntax" in problems[0].message, problems


def test_invalid_utf8_text_names_line(tmp_path):
    ann = write_corpus(tmp_path / "c")
    (tmp_path / "c" / "tiny.txt").write_bytes(b"North Korea\nbad \xff byte\n")
    with pytest.raises(AnnotationError) as info:
        load_corpus(ann)
    p = info.value.problems[0]
    assert p.path.endswith("tiny.txt") and p.line == 2 and "UTF-8" in p.message, str(p)


def test_all_errors_of_a_run_are_collected(tmp_path):
    y = (TINY_YAML.replace("type: MissileTest", "type: MisileTest")
         .replace("    agent: [china, russia]", "    agent: [china, rusia]")
         .replace("quote: China\n", "quote: Chinaa\n"))
    _, problems = problems_for(tmp_path, y)
    kinds = {re.sub(r"'.*", "", p.message) for p in problems}
    assert len(problems) >= 3, [str(p) for p in problems]
    assert {"unknown type ", "dangling reference ", "quote "} <= kinds, kinds


def test_cli_reports_every_problem_and_writes_nothing(tmp_path, capsys):
    y = TINY_YAML.replace("type: MissileTest", "type: MisileTest").replace(
        "    agent: nk", "    agent: nobody")
    ann = write_corpus(tmp_path / "c", y)
    out = tmp_path / "out"
    code = main(["build", str(ann), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err, err
    assert f"{ann}:" in err and "MisileTest" in err and "nobody" in err, err
    assert "2 problems in the input; nothing written" in err, err
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())


def test_missing_source_is_a_clean_error(tmp_path, capsys):
    code = main(["build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "no such file or folder" in err and "Traceback" not in err, err


def test_structure_is_checked_against_the_json_schema(tmp_path):
    y = TINY_YAML.replace("    quote: tested missiles",
                          "    quote: tested missiles\n    occurrence: 0")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "occurrence: 0"), "ev1", r"schema at annotations/\d+/"
                                                                  r"occurrence")


def test_shipped_corpus_matches_the_schema():
    import json

    import jsonschema

    from kg.loaders.yamlfile import read_yaml
    from kg.resources import data_dir, ontology_dir

    schema = json.loads((ontology_dir() / "annotation.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for f in sorted(data_dir().glob("*.yaml")):
        jsonschema.validate(read_yaml(f), schema)


def test_a_concept_name_is_not_an_item_reference(tmp_path):
    # Regression: 'agent: MissileTest' used to load, pointing the agent at an ontology term.
    y = TINY_YAML.replace("    agent: nk", "    agent: MissileTest")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "agent: MissileTest"), "ev1",
               r"dangling reference 'MissileTest'")


def test_the_garbage_collector_is_resumed_after_a_load_even_a_failed_one(tmp_path):
    import gc

    from kg.loaders import load_document

    bad = tmp_path / "bad.yaml"
    bad.write_text("document: [unclosed\n", encoding="utf-8")
    assert gc.isenabled()
    try:
        load_document(bad)
    except Exception:  # noqa: BLE001 - whatever the loader says, the collector must be back
        pass
    assert gc.isenabled()


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "//evil.example/x",
                                 "http://a b/", "https://a/\x00", "https://"])
def test_a_document_url_that_is_no_web_url_is_refused(tmp_path, url):
    """Regression: any text was written as the document's xsd:anyURI (a link in exports and
    pages): 'javascript:', 'data:', spaces, control characters."""
    import json

    y = TINY_YAML.replace("  date: 2022-11-01\n", f"  date: 2022-11-01\n  url: {json.dumps(url)}\n")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "  id: tiny"), "tiny",
               r"^invalid document url .*: an http\(s\) URL without spaces or control "
               r"characters")


def test_a_web_url_with_markup_characters_is_kept(tmp_path):
    y = TINY_YAML.replace("  date: 2022-11-01\n",
                          "  date: 2022-11-01\n  url: 'https://example.org/a?b=<c>&d=\"'\n")
    ann = write_corpus(tmp_path / "c", y)
    assert load_corpus(ann).documents[0].meta.url == 'https://example.org/a?b=<c>&d="'


RELATIVE = TINY_YAML + """  - id: t2
    type: TimeSpan
    quote: would likely
    relativeTo: ev1
    offset: {lo}
    offsetUpTo: {hi}
    precision: Relative
"""


def test_an_offset_span_that_ends_before_it_begins_is_refused(tmp_path):
    """Regression: 'offset: P5D, offsetUpTo: P1D' was built (a span ending before it begins)
    and only kg validate failed."""
    y = RELATIVE.format(lo="P5D", hi="P1D")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "offsetUpTo: P1D"), "t2",
               r"^'offsetUpTo' P1D ends the span before 'offset' P5D begins it")


@pytest.mark.parametrize("lo,hi", [("P1D", "P5D"), ("P1D", "P1D"), ("-P9D", "PT0S"),
                                   ("P40D", "P1M"), ("P1M", "P20D")])
def test_offset_spans_that_may_fit_are_kept(tmp_path, lo, hi):
    """P1M and P20D cannot be compared without the reference day: left to the build."""
    ann = write_corpus(tmp_path / "c", RELATIVE.format(lo=lo, hi=hi))
    assert load_corpus(ann).documents[0].items


def test_a_dated_span_that_ends_before_it_begins_is_refused(tmp_path):
    """Regression: 'begin: 2022-09, end: 2021-09' was built and only kg validate failed."""
    y = TINY_YAML.replace("    end: 2022-09\n", "    end: 2021-09\n")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "end: 2021-09"), "t1",
               r"^the span ends \('end' 2021-09\) before it begins \('begin' 2022-09\)$")
    ok = TINY_YAML.replace("    end: 2022-09\n", "    end: 2022-09-01\n")  # same first day
    assert load_corpus(write_corpus(tmp_path / "ok", ok)).documents


@pytest.mark.parametrize("number", ["1e400", "-1e400", ".inf", ".nan"])
def test_a_number_yaml_reads_as_infinite_is_refused_not_stored_as_inf(tmp_path, number):
    y = TINY_YAML.replace("  - id: ev1\n    type: MissileTest\n",
                          f"  - id: ev1\n    type: MissileTest\n    count: {number}\n")
    assert f"count: {number}" in y
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, f"count: {number}"), "ev1", r"'count' is not a finite")


def test_a_quoted_large_number_stays_text(tmp_path):
    y = TINY_YAML.replace("  - id: ev1\n    type: MissileTest\n",
                          "  - id: ev1\n    type: MissileTest\n    count: \"1e400\"\n")
    corpus = load_corpus(write_corpus(tmp_path / "c", y))
    (doc,) = corpus.documents
    (event,) = [it for it in doc.items if it.id == "ev1"]
    assert event.values["count"] == ["1e400"]


@pytest.mark.parametrize("drop,given,why", [
    ("    end: 2022-09\n", "begin: 2022-09",
     r"^'precision: Month' needs both 'begin' and 'end' \(one month: 'end: 2022-09' as well\); "
     r"only an OpenInterval \(\"since X\", \"by X\"\) has one bound$"),
    ("    begin: 2022-09\n", "end: 2022-09", r"^'precision: Month' needs both 'begin' and 'end'"),
])
def test_a_closed_span_with_one_bound_is_refused(tmp_path, drop, given, why):
    """Regression: 'begin: 2017-04-01, precision: Day' without 'end' was built as open-ended
    (kg:earliest with no kg:latest: "from that day on"), and kg validate passed it."""
    y = TINY_YAML.replace(drop, "")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, given), "t1", why)


@pytest.mark.parametrize("keep", ["    begin: 2022-09\n", "    end: 2022-09\n"])
def test_an_open_interval_keeps_its_one_bound(tmp_path, keep):
    drop = "    end: 2022-09\n" if keep.startswith("    begin") else "    begin: 2022-09\n"
    y = TINY_YAML.replace(drop, "").replace("precision: Month", "precision: OpenInterval")
    assert load_corpus(write_corpus(tmp_path / "c", y)).documents[0].items


def test_a_bad_date_left_without_its_other_bound_is_one_error_not_a_crash(tmp_path):
    """Regression (found by the brat fuzz test): a 'begin' refused as no date, with 'end'
    gone, crashed the one-bound check (IndexError on the emptied 'begin')."""
    y = TINY_YAML.replace("    begin: 2022-09\n    end: 2022-09\n", "    begin: 2<img src=x>\n")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "begin: 2<img"), "t1", r"^invalid date")
    assert not any("needs both" in p.message for p in problems), [str(p) for p in problems]


def test_an_item_that_names_itself_is_refused(tmp_path):
    """Regression: 'respondsTo: ev1' on ev1 (and a claim asserting itself) was built and
    validated: an event drawn as its own response."""
    y = TINY_YAML.replace("    time: t1\n    status: Occurred\n",
                          "    time: t1\n    status: Occurred\n    respondsTo: ev1\n")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "respondsTo: ev1"), "ev1",
               r"^'respondsTo' names the item itself \('ev1'\)$")


# each link that may not close a cycle: what one step says, and what the error adds
_CYCLES = {
    "respondsTo": ("responses", "responds to", "a response cannot come before what it answers"),
    "partOf": ("parts", "is part of", "an event cannot be part of what it holds"),
}


@pytest.mark.parametrize("link", sorted(_CYCLES))
@pytest.mark.parametrize("links", [
    {"ev1": "ev2", "ev2": "ev1"}, {"ev2": "ev3", "ev3": "ev1", "ev1": "ev2"},
], ids=["two", "three"])
def test_a_cycle_of_links_in_one_document_is_refused(tmp_path, link, links):
    """Regression: ev1 responding to ev2 and ev2 to ev1, or part of it (or a longer cycle),
    was built and validated, although a response cannot come before what it answers and an
    event cannot hold what holds it. One error per cycle, at the line of its least item's
    link."""
    kind, says, why = _CYCLES[link]
    # from the least item round: 'ev1' says 'ev2', which says ('ev3', which says) 'ev1'
    cycle = f"'ev1' {says} " + f", which {says} ".join(
        f"'{e}'" for e in [*sorted(links)[1:], "ev1"])
    text = TINY_TEXT + "Japan held drills.\n"
    y = TINY_YAML.replace("  - id: r1\n", "  - id: ev3\n    type: MilitaryExercise\n"
                                           "    quote: held drills\n  - id: r1\n")
    for source, target in links.items():
        y = y.replace(f"  - id: {source}\n", f"  - id: {source}\n    {link}: {target}\n")
    ann, problems = problems_for(tmp_path, y, text)
    assert_one(problems, ann, line_of(y, f"{link}: ev2"), "ev1",
               rf"^{kind} make a cycle: {re.escape(cycle)}; {why}$")
    assert len(problems) == 1, [str(p) for p in problems]
    # and without the link that closes it, the document loads
    load_corpus(write_corpus(tmp_path / "ok", y.replace(f"    {link}: ev2\n", ""), text))


def test_a_relation_of_an_actor_with_itself_is_refused(tmp_path):
    """Regression: 'subject: china, object: china' was built and validated, and kg query
    alignment answered China aligned with China."""
    y = TINY_YAML.replace("    object: russia\n", "    object: china\n")
    ann, problems = problems_for(tmp_path, y)
    assert_one(problems, ann, line_of(y, "object: china"), "r1",
               r"^the relation's 'subject' and 'object' are the same item \('china'\)")


