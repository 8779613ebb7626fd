"""Issue 13, items 8 (build half) and 9: the output folder.

The probe: two builds into one folder gave raw tracebacks, interleaved corrupt chunks or a
deleted output folder; an empty or mistaken source folder replaced the graph with an empty
one and pruned the cache, with exit 0. Now one build holds the folder's lock at a time and
the second stops with one line; an empty source is refused unless asked for.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardeningkit import tree_state
from kgtest import write_corpus

from kg.build import build
from kg.build.lock import LOCK_NAME
from kg.errors import BuildError, UsageError


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL)


@pytest.fixture()
def built(tmp_path):
    corpus = write_corpus(tmp_path / "corpus").parent
    out = tmp_path / "build"
    build(corpus, out=out)
    return corpus, out


def test_a_second_build_into_a_locked_folder_stops_with_one_line(built):
    corpus, out = built
    before = tree_state(out)
    fd = os.open(out / LOCK_NAME, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # this process plays the first build
        r = _kg("build", str(corpus), "-o", str(out))
        with pytest.raises(BuildError, match="another kg build is writing"):
            build(corpus, out=out)
    finally:
        os.close(fd)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.strip() == (f"kg build: error: another kg build is writing {out} "
                                f"(pid {os.getpid()}): wait for it to end, or build into "
                                "another folder"), r.stderr
    assert tree_state(out) == before  # not a byte touched, not the staging, not the cache
    assert _kg("build", str(corpus), "-o", str(out)).returncode == 0  # free again


def test_a_locked_fresh_folder_is_left_alone(tmp_path):
    corpus = write_corpus(tmp_path / "corpus").parent
    out = tmp_path / "fresh"
    out.mkdir()
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        r = _kg("build", str(corpus), "-o", str(out))
        assert r.returncode == 2 and "another kg build" in r.stderr, r.stderr
        assert (out / LOCK_NAME).exists()  # the first build's folder was not deleted
    finally:
        os.close(fd)


def test_builds_started_together_never_corrupt_the_folder(built, tmp_path):
    """Whatever the interleaving, each build either runs alone or stops with the one line,
    and the folder ends as a solo build leaves it."""
    corpus, out = built
    solo = (out / "graph.nq").read_bytes()
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o",
                               str(out), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, stdin=subprocess.DEVNULL) for _ in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode in (0, 2), err
        if p.returncode == 2:
            assert err.startswith("kg build: error: another kg build is writing"), err
        assert "Traceback" not in err
    assert (out / "graph.nq").read_bytes() == solo
    assert not (out / ".staging").exists() or not any((out / ".staging").iterdir())


def test_a_build_with_nothing_to_do_does_not_write_the_lock(built):
    corpus, out = built
    before = tree_state(out)
    build(corpus, out=out)
    assert tree_state(out) == before


@pytest.mark.parametrize("layout", ["empty", "texts-only", "wrong-suffix"])
def test_the_probe_an_empty_source_is_refused_and_nothing_is_touched(built, tmp_path, layout):
    _, out = built
    source = tmp_path / f"src-{layout}"
    source.mkdir()
    if layout == "texts-only":
        (source / "a.txt").write_text("North Korea\n", encoding="utf-8")
    elif layout == "wrong-suffix":
        (source / "a.yaml.bak").write_text("document: {}\n", encoding="utf-8")
    before = tree_state(out)
    r = _kg("build", str(source), "-o", str(out))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.strip() == (f"kg build: error: no annotation files (.ann, .jsonld, .yaml, "
                                f".yml) in {source}: nothing to build (--allow-empty builds an "
                                "empty graph)"), r.stderr
    assert tree_state(out) == before  # the graph and the cache as they were
    with pytest.raises(UsageError, match="no annotation files"):
        build(source, out=out)
    fresh = tmp_path / f"never-{layout}"
    assert _kg("build", str(source), "-o", str(fresh)).returncode == 2
    assert not fresh.exists()


def test_allow_empty_builds_an_empty_graph_on_request(built, tmp_path):
    _, out = built
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _kg("build", str(empty), "-o", str(out), "--allow-empty")
    assert r.returncode == 0, r.stderr
    assert "built 0 document(s)" in r.stdout
    assert "graph/doc/" not in (out / "graph.nq").read_text(encoding="utf-8")


def test_the_lock_file_is_no_page_of_the_build(built):
    _, out = built
    assert LOCK_NAME.startswith(".")  # dotfiles are never served by kg serve
    assert Path(out / LOCK_NAME).stat().st_size == 0
