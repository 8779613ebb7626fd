"""kg annotate's command line (kg/cli/annotate.py): what it refuses before drafting."""

from __future__ import annotations

import os

import pytest

from kg.cli import main

TEXT = "North Korea fired a missile on Monday.\n"


@pytest.mark.parametrize("how", ["same", "dot", "link"])
def test_output_over_the_text_being_drafted_is_refused_even_with_force(tmp_path, capsys,
                                                                        monkeypatch, how):
    """Regression: `kg annotate a.txt -o a.txt --force` replaced the text with its own
    draft (whose `text: a.txt` then named the YAML itself): the text was lost."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = {"same": "a.txt", "dot": "./sub/../a.txt", "link": "b.txt"}[how]
    (tmp_path / "sub").mkdir()
    if how == "link":
        os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    code = main(["annotate", "a.txt", "-o", out, "--force", "--model", "none"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "is the text being drafted, a.txt" in err, err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TEXT
