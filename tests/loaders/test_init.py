"""kg.loaders: the table of formats, and listing the annotation files of a folder."""

from __future__ import annotations

import importlib
import subprocess
import sys

from kg.loaders import COMPANIONS, LOADERS, annotation_files


def test_the_companions_table_is_what_each_loader_says():
    for module_name in sorted(set(LOADERS.values())):
        declared = tuple(getattr(importlib.import_module(module_name), "COMPANIONS", ()))
        assert COMPANIONS.get(module_name, ()) == declared, module_name


def test_companions_are_not_documents(tmp_path):
    for name in ("a.yaml", "b.ann", "b.meta.yaml", "kg-mapping.yaml", "c.jsonld", "d.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in annotation_files([tmp_path])] == ["a.yaml", "b.ann", "c.jsonld"]


def test_listing_files_imports_no_loader(tmp_path):
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    code = ("import sys; from kg.loaders import annotation_files, LOADERS; "
            f"annotation_files([{str(tmp_path)!r}]); "
            "print(sorted(m for m in set(LOADERS.values()) if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]", f"listing the files imported {out}"


def test_a_folder_entry_linking_out_of_the_folder_is_refused_not_read(tmp_path):
    """Regression: ``evil.yaml -> /etc/shadow`` in a folder was read, and a schema error
    quoted its first line on stderr (texts linking out were refused, annotation files not)."""
    import pytest

    from kg.errors import AnnotationError

    corpus, elsewhere = tmp_path / "c", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("root:SECRET-HASH\n", encoding="utf-8")
    (corpus / "evil.yaml").symlink_to(elsewhere / "secret.yaml")
    (corpus / "a.yaml").write_text("", encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        annotation_files([corpus])
    (problem,) = info.value.problems
    assert problem.path == str(corpus / "evil.yaml"), str(problem)
    assert str(problem).endswith(f"is a link to {elsewhere / 'secret.yaml'}, outside "
                                 f"{corpus}: refused"), str(problem)
    assert "SECRET" not in str(problem), str(problem)
    (corpus / "evil.yaml").unlink()
    (corpus / "sub").mkdir()  # a link to a file inside the folder is fine
    (corpus / "sub" / "real.yaml").write_text("", encoding="utf-8")
    (corpus / "inner.yaml").symlink_to(corpus / "sub" / "real.yaml")
    assert [p.name for p in annotation_files([corpus])] == ["a.yaml", "inner.yaml"]


def test_a_fifo_or_broken_link_in_a_folder_is_listed_for_the_loader_to_refuse(tmp_path):
    """Regression: they were skipped without a word, the document silently missing; the
    loaders refuse them by name without opening a FIFO (kg.loaders.inputfile)."""
    import os

    import pytest

    from kg.errors import AnnotationError
    from kg.loaders import load_corpus

    os.mkfifo(tmp_path / "x.yaml")
    (tmp_path / "y.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "z.yaml").mkdir()  # a folder named like a file is no document
    assert [p.name for p in annotation_files([tmp_path])] == ["x.yaml", "y.yaml"]
    with pytest.raises(AnnotationError) as info:
        load_corpus(tmp_path)
    texts = [str(p) for p in info.value.problems]
    assert any(t.startswith(f"{tmp_path / 'x.yaml'}: ") and "FIFO" in t for t in texts), texts
    assert any(t.startswith(f"{tmp_path / 'y.yaml'}: ") and "No such file" in t
               for t in texts), texts


def test_files_that_cannot_be_parsed_are_all_reported_in_one_run(tmp_path):
    """Regression: the first file with a YAML syntax error (or unreadable) stopped the run,
    so the next one's problem came only after a fix and a rebuild (the README promises all
    problems of a run at once)."""
    import pytest

    from kg.errors import AnnotationError
    from kg.loaders import load_corpus

    (tmp_path / "a.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("document: {id: b}\nannotations: [\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        load_corpus(tmp_path)
    texts = [str(p) for p in info.value.problems]
    assert [t.split(": ")[0] for t in texts] == [f"{tmp_path / 'a.yaml'}:2",
                                                 f"{tmp_path / 'b.yaml'}:3"], texts
    assert all("YAML syntax" in t for t in texts), texts


def test_a_file_named_twice_is_one_document(tmp_path):
    """Regression: ``kg build DIR DIR/a.yaml`` said 'duplicate document id (also used by
    DIR/a.yaml)' of the file itself."""
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    assert annotation_files([tmp_path, tmp_path / "a.yaml", tmp_path]) == [
        tmp_path / "a.yaml", tmp_path / "b.yaml"]
