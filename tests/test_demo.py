"""kg/demo.py: the validation summary the demo prints (the rest of the demo runs in
tests/cli and tests/test_wheel.py)."""

from __future__ import annotations

from pathlib import Path

from kg.demo import _validation_summary
from kg.validation import Finding, ValidationReport


def _disagreement(aspect: str, n: int) -> Finding:
    return Finding(focus=f"https://w3id.org/kg-toolkit/id/doc/d/ev-{n}", path=aspect,
                   message=f"sources disagree on its {aspect}", source="sources")


def test_the_summary_shows_the_telling_disagreements_first_and_says_how_many_more():
    found = [_disagreement("label", n) for n in range(10)] + [_disagreement("time", 10),
                                                            _disagreement("polarity", 11)]
    report = ValidationReport(conforms=True, checked_quads=5, checked_anchors=1,
                              disagreements=found)
    lines = _validation_summary(report, Path("my build"), shown=3)
    assert lines[0] == "Validation: conforms: 5 quads, 1 anchors checked"
    assert lines[1] == ("12 disagreement(s) between sources (kept in the graph; not errors), "
                        "the first 3:")
    assert "(polarity)" in lines[2] and "(time)" in lines[3] and "(label)" in lines[4]
    assert lines[5] == "  ... and 9 more (kg validate --build 'my build' lists them all)"
    assert len(lines) == 6


def test_a_short_report_is_shown_whole_and_problems_come_before_disagreements():
    problems = [Finding(focus="https://w3id.org/kg-toolkit/id/x", path="", message="bad\x1b[31m",
                        source="shacl")]
    report = ValidationReport(conforms=False, findings=problems,
                              disagreements=[_disagreement("agent", 1)])
    lines = _validation_summary(report, Path("build"))
    assert lines[0] == "Validation: does not conform: 1 problem(s)"
    assert "\x1b" not in lines[1] and lines[1].startswith("  kgd:x: bad")
    assert lines[2].endswith("(kept in the graph; not errors):") and "(agent)" in lines[3]
    assert len(lines) == 4


def test_the_summary_counts_the_notes_apart_and_says_how_to_list_them():
    notes = [Finding(focus=f"https://w3id.org/kg-toolkit/id/n-{n}", path="label",
                     message="sources caption it differently", source="notes") for n in range(4)]
    report = ValidationReport(conforms=True, disagreements=[_disagreement("time", 1)],
                              notes=notes)
    lines = _validation_summary(report, Path("build"))
    assert lines[-1] == ("4 note(s): sources caption one node differently (labels only; "
                         "kg validate --build build lists them all with --notes)"), lines
    assert not [line for line in lines if "caption it differently" in line], lines
