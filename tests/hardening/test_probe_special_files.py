"""Issue 13, item 7: special files as text.

The probe: a ``doc.txt`` that was a link to ``/proc/self/environ`` went into the graph (and
so to ``kg serve``); a link to ``/dev/zero`` exhausted memory; a FIFO hung the build. Now
every input is a regular file that resolves inside its folder, or a one-line refusal;
nothing is read from it. Each build runs in a child process with a generous timeout, only
so that a regression hangs one test instead of the suite.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hardeningkit import assert_clean_error

from kg.errors import AnnotationError
from kg.loaders import load_corpus

TEXT = "North Korea tested missiles.\n"
YAML = ("document:\n  id: d\n  text: d.txt\n  publisher: unknown\n  author: unknown\n"
        "annotations:\n  - id: nk\n    type: State\n    quote: North Korea\n")


def _build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "build", *args], capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL)


def _make(kind: str, path: Path, outside: Path) -> None:
    """Put a special file of ``kind`` at ``path``."""
    if kind == "link-outside":
        outside.write_text("SECRET=1\n" + TEXT, encoding="utf-8")
        path.symlink_to(outside)
    elif kind == "link-relative-outside":
        outside.write_text("SECRET=1\n" + TEXT, encoding="utf-8")
        path.symlink_to(os.path.relpath(outside, path.parent))
    elif kind in ("proc-environ", "dev-zero", "dev-urandom", "dev-null", "etc-passwd"):
        path.symlink_to({"proc-environ": "/proc/self/environ", "dev-zero": "/dev/zero",
                         "dev-urandom": "/dev/urandom", "dev-null": "/dev/null",
                         "etc-passwd": "/etc/passwd"}[kind])
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(path.parent / "nowhere.txt")
    elif kind == "link-loop":
        path.symlink_to(path)
    else:
        raise AssertionError(kind)


KINDS = ["link-outside", "link-relative-outside", "proc-environ", "dev-zero", "dev-urandom",
         "dev-null", "etc-passwd", "fifo", "directory", "dangling-link", "link-loop"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_probe_a_special_text_is_refused_and_never_read(tmp_path, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d.yaml").write_text(YAML, encoding="utf-8")
    _make(kind, corpus / "d.txt", tmp_path / "secret.txt")
    r = _build(str(corpus), "-o", str(tmp_path / "out"))
    assert r.returncode == 2, (kind, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "SECRET" not in r.stderr + r.stdout
    assert str(corpus / "d.yaml") in r.stderr.splitlines()[0], r.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["link-outside", "proc-environ", "dev-zero", "fifo"])
def test_brat_and_web_annotation_texts_too(tmp_path, kind):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "d.ann").write_text("T1\tState 0 11\tNorth Korea\n", encoding="utf-8")
    _make(kind, brat / "d.txt", tmp_path / "secret-brat.txt")
    web = tmp_path / "web"
    web.mkdir()
    (web / "d.jsonld").write_text(json.dumps({
        "type": "AnnotationCollection", "kg:document": {"id": "kgd:doc/d"},
        "first": {"items": []}}), encoding="utf-8")
    _make(kind, web / "d.txt", tmp_path / "secret-web.txt")
    for folder, ann in ((brat, brat / "d.ann"), (web, web / "d.jsonld")):
        with pytest.raises(AnnotationError) as exc:
            load_corpus(folder)
        assert_clean_error(exc.value, str(ann))
        assert "refused" in str(exc.value) or "cannot read" in str(exc.value)


@pytest.mark.parametrize("kind", ["link-outside", "proc-environ", "fifo", "dev-zero"])
def test_a_brat_sidecar_that_is_special_is_refused(tmp_path, kind):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "d.txt").write_text(TEXT, encoding="utf-8")
    (brat / "d.ann").write_text("T1\tState 0 11\tNorth Korea\n", encoding="utf-8")
    _make(kind, brat / "d.meta.yaml", tmp_path / "secret.yaml")
    with pytest.raises(AnnotationError) as exc:
        load_corpus(brat / "d.ann")
    assert_clean_error(exc.value, str(brat / "d.meta.yaml"))


@pytest.mark.parametrize("suffix", [".yaml", ".ann", ".jsonld"])
def test_an_annotation_file_that_is_a_fifo_or_device_is_refused(tmp_path, suffix):
    fifo = tmp_path / f"d{suffix}"
    os.mkfifo(fifo)
    r = _build(str(fifo), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "FIFO" in r.stderr and "Traceback" not in r.stderr, r.stderr
    zero = tmp_path / f"z{suffix}"
    zero.symlink_to("/dev/zero")
    r = _build(str(zero), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "character device" in r.stderr, r.stderr


def test_a_socket_as_text_is_refused(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.yaml").write_text(YAML, encoding="utf-8")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(corpus / "d.txt"))
        with pytest.raises(AnnotationError, match="is a socket, not a regular file"):
            load_corpus(corpus)
    finally:
        sock.close()


def test_links_inside_the_folder_still_work(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "texts").mkdir(parents=True)
    (corpus / "texts" / "real.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "d.txt").symlink_to(Path("texts") / "real.txt")
    (corpus / "d.yaml").write_text(YAML, encoding="utf-8")
    assert load_corpus(corpus).documents[0].text == TEXT


def test_a_linked_subfolder_pointing_outside_is_refused(tmp_path):
    corpus, elsewhere = tmp_path / "c", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (elsewhere / "d.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "sub").symlink_to(elsewhere)
    (corpus / "d.yaml").write_text(YAML.replace("text: d.txt", "text: sub/d.txt"),
                                   encoding="utf-8")
    with pytest.raises(AnnotationError, match="outside") as exc:
        load_corpus(corpus)
    assert_clean_error(exc.value, str(corpus / "d.yaml"))


def test_a_fifo_left_in_a_cached_build_does_not_hang_the_next_build(tmp_path):
    """The cache hashes the previous inputs first: a text swapped for a FIFO is not opened."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.yaml").write_text(YAML, encoding="utf-8")
    (corpus / "d.txt").write_text(TEXT, encoding="utf-8")
    assert _build(str(corpus), "-o", str(tmp_path / "out")).returncode == 0
    (corpus / "d.txt").unlink()
    os.mkfifo(corpus / "d.txt")
    r = _build(str(corpus), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "FIFO" in r.stderr, r.stderr
    assert (tmp_path / "out" / "graph.nq").is_file()  # the previous build is untouched
