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
