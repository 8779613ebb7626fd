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
