"""An unexpected exception (a bug in kg, not in the input) is one line on stderr and exit
status 2, unless KG_TRACEBACK asks for the traceback."""

from __future__ import annotations

import pytest

import kg.annotate
from kg.cli import main


def _broken(*_args, **_kwargs):
    raise ValueError("year 10000 is out of range")


@pytest.fixture
def text(tmp_path, monkeypatch):
    """A brief whose drafting raises an exception kg does not expect (a bug)."""
    path = tmp_path / "brief.txt"
    path.write_text("North Korea fired a missile on Monday.\n", encoding="utf-8")
    monkeypatch.setattr(kg.annotate, "draft_file", _broken)
    return path


def test_an_internal_error_is_one_line_and_status_2(tmp_path, text, monkeypatch, capsys):
    monkeypatch.delenv("KG_TRACEBACK", raising=False)
    assert main(["annotate", str(text), "-o", str(tmp_path / "brief.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("kg annotate: internal error: ValueError: year 10000 is out of "
                          "range (a bug in kg"), err
    assert "Traceback" not in err
    assert not (tmp_path / "brief.yaml").exists()


def test_kg_traceback_shows_it(tmp_path, text, monkeypatch):
    monkeypatch.setenv("KG_TRACEBACK", "1")
    with pytest.raises(ValueError, match="year 10000"):
        main(["annotate", str(text), "-o", str(tmp_path / "brief.yaml")])
