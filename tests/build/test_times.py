"""Dates of relative time spans (kg/build/times.py)."""

from __future__ import annotations

from kgtest import write_corpus

from kg.build.times import relative_bounds
from kg.loaders import load_corpus
from kg.ontology import load_ontology

TEXT = ("The ministry spoke. On 14 January, hours after it spoke, the North fired. Three days "
        "later it fired again.\n")

YAML = """\
document:
  id: rel
  text: rel.txt
  author: unknown
  date: 2022-02-01
annotations:
  - {id: t-jan14, type: TimeSpan, quote: 14 January, begin: 2022-01-14, end: 2022-01-14,
     precision: Day}
  - {id: ev-speech, type: PublicStatement, quote: The ministry spoke}
  - {id: t-hours, type: TimeSpan, quote: hours after it spoke, relativeTo: ev-speech,
     offset: PT1H, offsetUpTo: P1D, precision: Relative}
  - {id: ev-first, type: MissileLaunch, quote: the North fired, time: [t-jan14, t-hours]}
  - {id: t-later, type: TimeSpan, quote: Three days later, relativeTo: ev-first, offset: P3D,
     precision: Relative}
  - {id: ev-second, type: MissileLaunch, quote: it fired again, time: t-later}
"""


def test_an_event_dated_by_one_of_its_spans_dates_a_span_relative_to_it(tmp_path):
    write_corpus(tmp_path, YAML, TEXT, name="rel")
    doc = load_corpus(tmp_path).documents[0]
    items = {it.id: it for it in doc.items}
    onto = load_ontology()
    # "hours after" an undated statement stays undated ...
    assert relative_bounds(doc, items["t-hours"], onto) == (None, None)
    # ... but the launch is dated by its other span, so "three days later" is dated too.
    assert relative_bounds(doc, items["t-later"], onto) == ("2022-01-17", "2022-01-17")


def test_a_cache_written_before_the_fix_is_rebuilt_not_reused(tmp_path, monkeypatch):
    """Build format 4 left "three days later" undated (the span's event is dated by its other
    span only); a cache entry it wrote must not outlive it: FORMAT_VERSION, part of every
    entry's context, was bumped with the fix."""
    import kg.build
    import kg.build.rdf
    from kg.build import build

    corpus = tmp_path / "corpus"
    write_corpus(corpus, YAML, TEXT, name="rel")
    out = tmp_path / "out"
    real = kg.build.rdf.relative_bounds

    def before_the_fix(doc, item, onto):  # what format 4 wrote for the span
        return (None, None) if item.id == "t-later" else real(doc, item, onto)

    with monkeypatch.context() as old:
        old.setattr(kg.build, "FORMAT_VERSION", "4")
        old.setattr(kg.build.rdf, "relative_bounds", before_the_fix)
        build(corpus, out=out, jobs=1, store=False)
    assert "2022-01-17" not in (out / "graph.nq").read_text(encoding="utf-8")
    assert kg.build.FORMAT_VERSION != "4", "bump FORMAT_VERSION with a change to the RDF"
    result = build(corpus, out=out, jobs=1, store=False)
    assert result.rebuilt == ["rel"] and not result.reused, (result.rebuilt, result.reused)
    assert '"2022-01-17"' in (out / "graph.nq").read_text(encoding="utf-8")


MONTHS_TEXT = ("The talks ended on 30 November. Three months later the North fired. Within a year "
               "it fired again.\n")
MONTHS_YAML = """\
document:
  id: months
  text: months.txt
  author: unknown
  date: 2023-06-01
annotations:
  - {id: t-nov30, type: TimeSpan, quote: 30 November, begin: 2022-11-30, end: 2022-11-30,
     precision: Day}
  - {id: ev-talks, type: Negotiation, quote: The talks ended, time: t-nov30}
  - {id: t-months, type: TimeSpan, quote: Three months later, relativeTo: ev-talks, offset: P3M,
     precision: Relative}
  - {id: ev-first, type: MissileLaunch, quote: the North fired, time: t-months}
  - {id: t-year, type: TimeSpan, quote: Within a year, relativeTo: ev-first, offset: PT0S,
     offsetUpTo: P1Y, precision: Relative}
  - {id: ev-second, type: MissileLaunch, quote: it fired again, time: t-year}
"""


def test_months_and_years_are_calendar_units(tmp_path):
    """"Three months later" from 30 November is 28 February (no 30th in February); "within a
    year" of that runs to the same day a year on."""
    write_corpus(tmp_path, MONTHS_YAML, MONTHS_TEXT, name="months")
    doc = load_corpus(tmp_path).documents[0]
    items = {it.id: it for it in doc.items}
    onto = load_ontology()
    assert relative_bounds(doc, items["t-months"], onto) == ("2023-02-28", "2023-02-28")
    assert relative_bounds(doc, items["t-year"], onto) == ("2023-02-28", "2024-02-28")


def test_an_offset_past_the_calendar_leaves_the_span_undated(tmp_path):
    write_corpus(tmp_path, MONTHS_YAML.replace("offset: P3M", "offset: P9999Y"), MONTHS_TEXT,
                 name="months")
    doc = load_corpus(tmp_path).documents[0]
    items = {it.id: it for it in doc.items}
    assert relative_bounds(doc, items["t-months"], load_ontology()) == (None, None)
