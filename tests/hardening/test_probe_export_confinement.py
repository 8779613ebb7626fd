"""Issue 13, item 1: ids become file names and IRIs, so no id may lead a writer out of its
folder. The probe: a brat ``NAME.meta.yaml`` whose ``id`` held ``../`` segments made
``kg export --format brat|webanno -o DIR`` overwrite a file next to the corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardeningkit import assert_clean_error, tree_state

from kg.atomic import WriteError, check_within, file_in, write_text
from kg.errors import AnnotationError
from kg.loaders import load_corpus
from kg.model import Corpus, Document, DocumentMeta

TEXT = "North Korea tested missiles in September 2022.\n"
ANN = "T1\tState 0 11\tNorth Korea\nT2\tMissileTest 12 18\ttested\nE1\tMissileTest:T2 agent:T1\n"

# ids that must never become a file name or an IRI: traversal, absolute paths, percent
# escapes, separators, hidden names, look-alike letters, NUL, line breaks, too long
BAD_IDS = ["../../requirements", "../x", "..", ".", "/etc/passwd", "sub/doc", "a\\b",
           "%2e%2e", "%2e%2e%2fx", ".hidden", "-rf", "\uff2eorth-korea", "nul\x00byte",
           "id\n", "id\r\n", "x" * 129, "caf\u00e9", "\u202eevil", " space", "a b", "a:b",
           "kgd:doc/x"]


def _kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def _brat(folder: Path, meta_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text(ANN, encoding="utf-8")
    (folder / "doc.meta.yaml").write_text(f"id: {json.dumps(meta_id)}\n", encoding="utf-8")
    return folder / "doc.ann"


def test_the_probe_brat_meta_id_with_dotdot_is_refused_and_nothing_is_written(tmp_path):
    corpus = tmp_path / "corpus"
    _brat(corpus, "../../requirements")
    victim = tmp_path / "requirements.txt"
    victim.write_text("pytest\n", encoding="utf-8")
    before = tree_state(tmp_path)
    r = _kg("build", str(corpus), "-o", str(tmp_path / "out" / "x" / "build"))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "invalid document id '../../requirements'" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    from kg.export import brat, webanno

    for module in (brat, webanno):  # export straight from the sources (the Python API)
        with pytest.raises(AnnotationError, match="invalid document id"):
            module.export([corpus], tmp_path / "out" / "x" / module.__name__)
    assert victim.read_text(encoding="utf-8") == "pytest\n"
    assert tree_state(tmp_path) == before


@pytest.mark.parametrize("bad", BAD_IDS, ids=lambda s: repr(s)[:30])
def test_every_loader_checks_the_document_id(tmp_path, bad):
    # brat: the sidecar's id
    with pytest.raises(AnnotationError) as exc:
        load_corpus(_brat(tmp_path / "brat", bad))
    assert_clean_error(exc.value, str(tmp_path / "brat" / "doc.meta.yaml"))
    assert "invalid document id" in str(exc.value)
    # native: document.id
    native = tmp_path / "native"
    native.mkdir()
    (native / "d.txt").write_text(TEXT, encoding="utf-8")
    (native / "d.yaml").write_text(
        f"document:\n  id: {json.dumps(bad)}\n  text: d.txt\nannotations: []\n",
        encoding="utf-8")
    with pytest.raises(AnnotationError) as exc:
        load_corpus(native / "d.yaml")
    assert_clean_error(exc.value, str(native / "d.yaml"))
    # Web Annotation: kgd:doc/ID
    web = tmp_path / "web"
    web.mkdir()
    (web / "d.jsonld").write_text(json.dumps({
        "type": "AnnotationCollection",
        "kg:document": {"id": "kgd:doc/" + bad, "kg:text": TEXT},
        "first": {"items": []}}), encoding="utf-8")
    with pytest.raises(AnnotationError) as exc:
        load_corpus(web / "d.jsonld")
    assert_clean_error(exc.value, str(web / "d.jsonld"))


def test_a_brat_file_name_that_is_no_id_is_refused_without_a_sidecar(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "my doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "my doc.ann").write_text(ANN, encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"invalid document id \(the file name\) 'my doc'"):
        load_corpus(folder / "my doc.ann")


@pytest.mark.parametrize("bad", ["../x", "a/../../x", "id\n", "x%2f..", "\uff21"])
def test_a_brat_item_id_from_a_note_is_checked(tmp_path, bad):
    path = _brat(tmp_path / "c", "doc")
    path.write_text(ANN + f"#1\tAnnotatorNotes T1\tid: {json.dumps(bad)}\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="invalid id"):
        load_corpus(path)


@pytest.mark.parametrize("fmt", ["brat", "webanno"])
@pytest.mark.parametrize("bad", BAD_IDS, ids=lambda s: repr(s)[:30])
def test_the_exporters_refuse_an_id_that_would_leave_the_folder(tmp_path, fmt, bad):
    """The writers check on their own: a corpus from any source (a store built by another
    version, the Python API) cannot write outside the export folder."""
    from kg.export import brat, webanno

    good = Document(id="good", text=TEXT, meta=DocumentMeta())
    evil = Document(id=bad, text=TEXT, meta=DocumentMeta())
    out = tmp_path / "a" / "b" / "out"
    out.mkdir(parents=True)
    before = tree_state(tmp_path)
    writer = brat.export_corpus if fmt == "brat" else webanno.export_corpus
    with pytest.raises(WriteError) as exc:
        writer(Corpus([good, evil]), out)
    assert_clean_error(exc.value)
    assert tree_state(tmp_path) == before  # not even the good document: checked first


def test_check_within_follows_links_at_every_level(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    with pytest.raises(WriteError, match="outside the output folder"):
        write_text(out / "sub" / "x.txt", "no", within=out)
    assert list(elsewhere.iterdir()) == []
    for target in (out / ".." / "x.txt", Path("/tmp/kg-never.txt"), out / "..", out / "a\x00b"):
        with pytest.raises(WriteError):
            check_within(target, out)
    with pytest.raises(WriteError, match="not a valid id"):
        file_in(out, "../x", ".ann")
    assert file_in(out, "doc-1", ".ann") == out / "doc-1.ann"


def test_a_link_as_the_final_name_is_replaced_not_followed(tmp_path):
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    out.mkdir()
    victim.write_text("keep\n", encoding="utf-8")
    (out / "doc.txt").symlink_to(victim)
    write_text(file_in(out, "doc", ".txt"), "new\n", within=out)
    assert victim.read_text(encoding="utf-8") == "keep\n"
    assert not (out / "doc.txt").is_symlink()
    assert (out / "doc.txt").read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("args", [["export", "--format", "graphml", "-o", ".."],
                                  ["export", "--format", "events-csv", "-o", "."]])
def test_single_file_writers_refuse_a_folder_name_as_the_file(tmp_path, tiny_build, args):
    r = _kg(*args, "--build", str(tiny_build), cwd=tmp_path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_the_id_rule_does_not_accept_a_final_newline():
    from kg.iris import is_valid_id

    assert is_valid_id("north-korea") and not is_valid_id("north-korea\n")
    assert not any(is_valid_id(b) for b in BAD_IDS), [b for b in BAD_IDS if is_valid_id(b)]
    assert os.sep not in "".join(b for b in BAD_IDS if is_valid_id(b))
