"""``kg link`` and ``kg enrich`` end to end: the review workflow and one-line errors."""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.link.proposals import read_proposals, write_proposals

pytestmark = pytest.mark.server


def kg(*argv: str) -> int:
    return main(list(argv))


def test_propose_review_apply_enrich(built_store, proxy, capsys, monkeypatch):
    monkeypatch.setenv("KG_HTTP_TIMEOUT", "10")
    build = str(built_store)
    assert kg("link", "--build", build, "--endpoint", proxy.url) == 0
    out = capsys.readouterr().out
    assert "20 entities (1 with a curated link, kept); 14 of 19 have candidates" in out, out
    assert "1 request(s)" in out and "kg link --apply" in out, out
    proposals = built_store / "link-proposals.tsv"
    rows = read_proposals(proposals)
    assert not any(r.decision for r in rows), "nothing is accepted without being asked"
    assert not (built_store / "links-reconciled.nq").exists()

    # a reviewer accepts the person and rejects nothing else, then applies the file
    edited = [r.__class__(**{**r.__dict__, "decision": "accept"})
              if (r.id, r.candidate) == ("kim-jong-un", "Q56226") else r for r in rows]
    write_proposals(proposals, edited)
    assert kg("link", "--build", build, "--apply", str(proposals)) == 0
    assert "1 link(s) written" in capsys.readouterr().out

    # auto-accept the rest; the reviewer's decision survives the rerun; no new requests
    assert kg("link", "--build", build, "--endpoint", proxy.url, "--accept-above", "0.9") == 0
    out = capsys.readouterr().out
    assert "0 request(s)" in out and "accepted 5 new" in out and "6 link(s) written" in out, out
    decided = {r.id: r.candidate for r in read_proposals(proposals) if r.decision == "accept"}
    assert decided["kim-jong-un"] == "Q56226" and decided["north-korea"] == "Q423", decided

    assert kg("enrich", "--build", build, "--endpoint", proxy.url) == 0
    out = capsys.readouterr().out
    assert "7 linked item(s)" in out and "2 request(s)" in out, out
    assert (built_store / "wikidata.nq").stat().st_size > 0
    assert proxy.count == 3, proxy.count

    assert kg("enrich", "--build", build, "--endpoint", proxy.url, "--offline") == 0
    assert "0 request(s)" in capsys.readouterr().out
    assert proxy.count == 3, proxy.count


def test_errors_are_one_line_naming_the_culprit(built_store, stub_server, capsys):
    server = stub_server(status=503, headers={"Retry-After": "0"})
    code = kg("link", "--build", str(built_store), "--endpoint", server.url)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"kg link: error: SPARQL endpoint {server.url} answered HTTP 503"), err
    assert err.count("\n") == 1, err
    assert not (built_store / "link-proposals.tsv").exists(), "nothing half-written"


def test_offline_on_a_cold_cache_and_a_missing_store_are_clear(built_store, tmp_path, capsys):
    assert kg("link", "--build", str(built_store), "--offline") == 2
    err = capsys.readouterr().err
    assert "offline:" in err and "not in the cache" in err and err.count("\n") == 1, err
    assert kg("link", "--build", str(tmp_path / "nowhere"), "--offline") == 2
    err = capsys.readouterr().err
    assert "no store here" in err and err.count("\n") == 1, err


def test_a_bad_proposals_file_names_file_and_line(built_store, tmp_path, capsys):
    bad = tmp_path / "p.tsv"
    bad.write_text("id\ttype\tlabel\tcandidate\tcandidate_label\tscore\tmethod\tdecision\n"
                   "japan\tState\tJapan\tQ17\tJapan\t1.0\tm\tmaybe\n", encoding="utf-8")
    assert kg("link", "--build", str(built_store), "--apply", str(bad)) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: decision 'maybe'" in err and err.count("\n") == 1, err


@pytest.mark.parametrize("command", [["link", "--offline"], ["enrich", "--offline"],
                                     ["link", "--apply", "PROPOSALS"]])
def test_link_and_enrich_wait_for_no_build_they_refuse_a_locked_folder(
        built_store, tmp_path, capsys, command):
    """Regression: kg link and kg enrich wrote the store and their N-Quads file while a build
    could be writing the same folder; they take the build folder's lock now."""
    import fcntl
    import os

    from kg.build.lock import LOCK_NAME

    proposals = tmp_path / "p.tsv"
    write_proposals(proposals, [])
    argv = [str(proposals) if a == "PROPOSALS" else a for a in command]
    fd = os.open(built_store / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    before = sorted(p.name for p in built_store.iterdir())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # this process plays the build
        assert kg(*argv, "--build", str(built_store)) == 2
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert err == (f"kg {command[0]}: error: another kg build, link or enrich is writing "
                   f"{built_store} (pid {os.getpid()}): wait for it to end, then run "
                   f"kg {command[0]} again\n"), err
    assert sorted(p.name for p in built_store.iterdir()) == before  # nothing written
