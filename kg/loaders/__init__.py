"""Loaders: annotation formats in, one format-neutral model (:mod:`kg.model`) out.

Each format is one module with ``SUFFIXES`` and ``load(path) -> (Document | None,
problems)``; :data:`LOADERS` maps a file suffix to its module. Shared checks
against the ontology live in :mod:`kg.loaders.check`. All problems of a run are
collected and raised together as one :class:`~kg.errors.AnnotationError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.collector import collector_paused
from kg.errors import AnnotationError, Problem
from kg.model import Corpus, Document

if TYPE_CHECKING:
    from kg.ontology import Ontology

__all__ = ["LOADERS", "COMPANIONS", "load_corpus", "load_document", "annotation_files"]

# suffix -> module; a new format is one module and one line here.
LOADERS: dict[str, str] = {
    ".yaml": "kg.loaders.native",
    ".yml": "kg.loaders.native",
    ".ann": "kg.loaders.brat",
    ".jsonld": "kg.loaders.webanno",
}


# module -> the file-name patterns of the files read with its documents, never documents
# of their own (brat's sidecars), as the module's COMPANIONS says: kept here so that listing
# the files imports no loader (tests/loaders/test_init.py checks that both agree).
COMPANIONS: dict[str, tuple[str, ...]] = {
    "kg.loaders.brat": ("*.meta.yaml", "kg-mapping.yaml"),
}


def _companions() -> tuple[str, ...]:
    """File-name patterns that belong to another format's documents (e.g. brat sidecars)."""
    return tuple(p for module_name in sorted(set(LOADERS.values()))
                 for p in COMPANIONS.get(module_name, ()))


def annotation_files(sources: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the annotation files they hold, in a stable order.

    A folder's entry that is a link to a file outside the folder is refused, as a text
    outside it is (:mod:`kg.loaders.inputfile`): its content would reach the graph or, in
    an error message, the terminal. Any other entry that is no folder is listed, so that
    the loader refuses a FIFO or a broken link by name rather than skipping it unsaid.

    :raises AnnotationError: for a source that does not exist, or links out of a folder.
    """
    import os
    from fnmatch import fnmatch

    from kg.loaders.inputfile import inside

    out: list[Path] = []
    refused: list[Problem] = []
    companions = _companions()
    for src in sources:
        p = Path(src)
        if p.is_dir():
            for f in sorted(f for f in p.iterdir() if f.suffix in LOADERS and not f.is_dir()
                            and not any(fnmatch(f.name, pat) for pat in companions)):
                if os.path.exists(f) and not inside(f, p):
                    refused.append(Problem(str(f), None, None,
                                           f"file {f} is a link to {os.path.realpath(f)}, "
                                           f"outside {os.path.realpath(p)}: refused"))
                else:
                    out.append(f)
        elif p.exists():
            out.append(p)
        else:
            raise AnnotationError.one(p, None, None, "no such file or folder")
    if refused:
        raise AnnotationError(refused)
    # A file named twice (``kg build data data/a.yaml``) is one document, not a duplicate id.
    unique: dict[str, Path] = {}
    for f in out:
        unique.setdefault(os.path.realpath(f), f)
    return list(unique.values())


def load_document(path: str | Path) -> tuple[Document | None, list[Problem]]:
    p = Path(path)
    module_name = LOADERS.get(p.suffix)
    if module_name is None:
        known = ", ".join(sorted(LOADERS))
        return None, [Problem(str(p), None, None, f"unknown annotation format {p.suffix!r} "
                                                  f"(known: {known})")]
    with collector_paused():
        loaded: tuple[Document | None, list[Problem]] = \
            importlib.import_module(module_name).load(p)
    return loaded


def load_corpus(*sources: str | Path, ontology: Ontology | None = None,
                progress: Callable[[Path], object] | None = None) -> Corpus:
    """Load and check every document under ``sources`` (files or folders; default ``data/``).

    Raises :class:`AnnotationError` listing every problem when any input is bad.
    """
    from kg.loaders.check import check_corpus, check_document
    from kg.ontology import load_ontology
    from kg.resources import data_dir

    onto = ontology or load_ontology()
    files = annotation_files(sources or [data_dir()])
    docs: list[Document] = []
    problems: list[Problem] = []
    for f in files:
        try:
            doc, found = load_document(f)
        except AnnotationError as exc:  # a file that cannot be read or parsed at all: its
            doc, found = None, exc.problems  # problems join those of the other files
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
        if progress:
            progress(f)
    corpus_ids = {it.id for d in docs for it in d.items if not it.same_as
                  and onto.has_class(it.type) and onto.scope(it.type) == "corpus"}
    for doc in docs:
        problems.extend(check_document(doc, onto, known_ids=corpus_ids))
        if doc.meta.publisher and doc.meta.publisher.id not in corpus_ids | {
                it.id for it in doc.items}:
            problems.append(Problem(doc.annotation_path or doc.id, None, doc.id,
                                    f"publisher {doc.meta.publisher.id!r} is not an annotated "
                                    "actor"))
    problems.extend(check_corpus(docs, onto))
    if problems:
        raise AnnotationError(_dedupe(problems))
    return Corpus(sorted(docs, key=lambda d: d.id))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
