"""``kg analyze``: text for reading, JSON with the documented keys, clean errors."""

from __future__ import annotations

import json

from kg.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["analyze", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_has_every_section(fixture_store, capsys):
    code, out, err = run(capsys, "--build", str(fixture_store.parent), "--between", "eastland",
                         "Isleland")
    assert code == 0, err
    for heading in ("Actor network (1 document): 5 actors, 6 ties", "Centrality", "Blocs",
                    "Structural balance", "frustration index: 1 of 6 signed ties",
                    "Paths from Eastland to Isleland"):
        assert heading in out, (heading, out)
    assert "\u201cWestland and Isleland remain treaty allies\u201d" in out, out


def test_json_report_keys(fixture_store, capsys):
    code, out, err = run(capsys, "--build", str(fixture_store.parent), "--format", "json",
                         "--between", "northland", "https://w3id.org/kg-toolkit/id/isleland")
    assert code == 0, err
    report = json.loads(out)
    assert set(report) == {"network", "centrality", "blocs", "balance", "paths"}, report.keys()
    assert report["balance"]["frustration"] == 1 and report["balance"]["exact"] is True
    camps = [sorted(r["id"] for r in camp) for camp in report["balance"]["factions"][0]]
    assert camps == [["eastland", "northland", "southland"], ["isleland", "westland"]], camps
    assert report["paths"]["from"] == {"id": "northland", "label": "Northland"}
    first = report["paths"]["paths"][0]
    assert [n["id"] for n in first["nodes"]] == ["northland", "westland", "isleland"], first
    assert all(e["quote"] for s in first["steps"] for e in s["edges"]), first


def test_json_report_shows_control_and_bidi_characters_as_escapes(fixture_store, capsys,
                                                                  monkeypatch):
    """Regression: a label's U+0085 (a C1 control a terminal obeys), U+2028 and U+202E went
    raw into 'kg analyze --format json' (json.dumps escapes only C0 controls)."""
    import kg.network.report

    label = "Kil\x1b[31m\x85\u2028\u202eEVIL\x9b2J"
    monkeypatch.setattr(kg.network.report, "analyze", lambda *a, **k: {"label": label})
    code, out, err = run(capsys, "--build", str(fixture_store.parent), "--format", "json")
    assert code == 0, err
    assert json.loads(out) == {"label": label}
    assert not any(c in out for c in "\x1b\x85\u2028\u202e\x9b"), out


def test_unknown_actor_lists_close_matches(fixture_store, capsys):
    code, out, err = run(capsys, "--build", str(fixture_store.parent), "--between", "westlnd",
                         "eastland")
    assert code == 2 and out == "", (code, out)
    assert err.startswith("kg analyze: error: no actor 'westlnd'") and "westland" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_missing_store_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "--build", str(tmp_path / "nowhere"))
    assert code == 2 and "no store here" in err and len(err.strip().splitlines()) == 1, err


def test_help_has_an_example(capsys):
    from kg.cli import analyze

    assert "Example: kg analyze" in analyze.DESCRIPTION and analyze.HELP
