"""``kg validate`` lists disagreements between sources as findings, not errors.

tests/fixtures/disagreements: wire-a and wire-c put the launch on 3 May over Isleland as a
missile test; wire-b on 3 June at Westland as a missile launch, and it denies the alignment
wire-a reports. tests/fixtures/sources: "the summer of 2022" against "26 May 2022".
"""

from __future__ import annotations

import contextlib
import io

import pytest

import kg
from kg.resources import repo_root

FIXTURES = repo_root() / "tests" / "fixtures"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build

    out = {}
    for name in ("disagreements", "sources"):
        out[name] = tmp_path_factory.mktemp(name)
        build(FIXTURES / name, out=out[name])
    return out


def _messages(report) -> list[str]:
    return [f.message for f in report.disagreements]


def test_each_kind_of_disagreement_names_both_documents(built):
    report = kg.validate(built["disagreements"])
    assert report.conforms, report.text()
    got = _messages(report)
    for want in [
        "sources disagree on its time: wire-a.yaml [ev-launch] says '3 May 2022 (2022-05-03 to "
        "2022-05-03)'; wire-b.yaml [ev-launch] says '3 June 2022 (2022-06-03 to 2022-06-03)'",
        "sources disagree on its target: wire-a.yaml [ev-launch] says 'isleland'; "
        "wire-b.yaml [ev-launch] says 'westland'",
        "sources disagree on its type: wire-a.yaml [ev-launch] says 'MissileTest'; "
        "wire-b.yaml [ev-launch] says 'MissileLaunch'",
        "sources disagree on its polarity: wire-a.yaml [r-align] says 'affirms'; "
        "wire-b.yaml [r-align] says 'denies'",
    ]:
        assert want in got, (want, got)
    assert not [m for m in got if "wire-a.yaml" in m and "wire-c.yaml" in m
                and ("time" in m or "target" in m or "type" in m)], got  # they agree


def test_the_summer_against_26_may_and_the_two_labels(built):
    got = _messages(kg.validate(built["sources"]))
    assert ("sources disagree on its time: brief-a.yaml [ev-block] says 'the summer of 2022 "
            "(2022-06-01 to 2022-08-31)'; brief-b.yaml [ev-veto] says '26 May 2022 (2022-05-26 "
            "to 2022-05-26)'") in got, got
    assert ("sources disagree on its label: brief-a.yaml [north-korea] says 'North Korea'; "
            "brief-b.yaml [north-korea] says 'DPRK'") in got, got


def test_disagreements_do_not_fail_validation(built):
    from kg.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["validate", "--build", str(built["disagreements"])])
    assert code == 0, out.getvalue()
    assert "disagreement(s) between sources" in out.getvalue()
    assert "wire-b.yaml [ev-launch]" in out.getvalue()
