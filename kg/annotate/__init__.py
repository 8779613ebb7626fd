"""Machine drafts of new texts in the native format, for human review (``kg annotate``).

>>> from kg.annotate import draft_file  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["draft_file", "merge_file", "default_gazetteer"]


def default_gazetteer(sources=(), wikidata: str | Path | None = None, onto=None,
                      exclude_doc: str | None = None, generic: bool = True):
    """Gazetteer from the corpus under ``sources`` (default ``data/``), linked Wikidata
    labels (``wikidata``, e.g. ``build/wikidata.nq``) and the shipped generic list."""
    from kg.annotate.gazetteer import Gazetteer
    from kg.loaders import load_corpus
    from kg.ontology import load_ontology

    onto = onto or load_ontology()
    gaz = Gazetteer()
    gaz.add_corpus(load_corpus(*sources, ontology=onto), onto, exclude_doc=exclude_doc)
    if generic:
        gaz.add_yaml()
    if wikidata and Path(wikidata).is_file():
        gaz.add_wikidata_labels(Path(wikidata))
    return gaz


def draft_file(text_path: str | Path, out: str | Path | None = None, *,
               doc_id: str | None = None, date: str | None = None, gazetteer=None,
               onto=None, parser=None, model=None, speech=None, modality=None) -> str:
    """Draft ``text_path``; return the YAML (also written to ``out`` when given).
    ``parser``: "spacy", "none" or None (``KG_ANNOTATE_PARSER``, else none); ``model``: the
    learned event model, a path to one, "none" or None (``KG_ANNOTATE_MODEL``, else the
    shipped one); ``speech``: the learned speech-act typer, a path, "default" (the shipped
    one) or "none" (``KG_ANNOTATE_SPEECH``, else none: opt-in); ``modality``: the learned
    typer of claims' modality, a path or "none" (``KG_ANNOTATE_MODALITY``, else the shipped
    one), as for :func:`kg.annotate.draft.draft`."""
    import os

    import yaml

    from kg.annotate.draft import draft
    from kg.errors import UsageError
    from kg.iris import is_valid_id
    from kg.limits import TEXT_BYTES
    from kg.loaders.inputfile import FileRefused, read_input
    from kg.ontology import load_ontology

    src = Path(text_path)
    try:  # a regular file under the size limit: a FIFO or /dev/zero would never end
        text = read_input(src, TEXT_BYTES, what="text").decode("utf-8-sig")
    except FileRefused as exc:
        raise UsageError(f"{src}: {exc.reason}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{src}: text is not valid UTF-8") from None
    doc_id = doc_id or src.stem
    if not is_valid_id(doc_id):
        raise UsageError(f"invalid document id {doc_id!r}: use letters, digits, '.', '_', '-'")
    onto = onto or load_ontology()
    gaz = gazetteer if gazetteer is not None else default_gazetteer(onto=onto)
    base = Path(out).parent if out else Path.cwd()
    name = os.path.relpath(src.resolve(), base.resolve())
    if out and (".." in Path(name).parts or Path(name).is_absolute()):
        # The loader only reads texts beside their annotation (no '..': see SECURITY.md), so
        # the verbatim text is copied next to the draft.
        import shutil

        # beside the draft: the text's own name, else the document id's, else a numbered
        # one; a file there already is used only when it holds the same text
        names = [src.name, f"{doc_id}.txt"] + [f"{doc_id}-{k}.txt" for k in range(1, 100)]
        free = next((n for n in names if not (base / n).exists()
                     or _same_bytes(base / n, src)), None)
        if free is None:
            raise UsageError(f"{base}: no free name beside the draft for a copy of {src}")
        name = free
        if not (base / name).exists():
            shutil.copyfile(src, base / name)
    data = draft(text, doc_id=doc_id, text_name=name, gazetteer=gaz, onto=onto, date=date,
                 parser=parser, model=model, speech=speech, modality=modality)
    head = (f"# Machine draft of {src.name} by kg annotate: every item is machine: true and\n"
            "# needs review (docs/annotation-format.md). Check each quote, type and role.\n")
    body = head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if out:
        from kg.atomic import write_text

        # a reviewed file is never left half overwritten
        write_text(out, body, within=Path(out).parent)
    return body


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.is_file() and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def merge_file(text_path: str | Path, annotation: str | Path, *, date: str | None = None,
               gazetteer=None, onto=None, parser=None, model=None) -> int:
    """Draft ``text_path`` into the existing ``annotation`` of it, in place and atomically,
    keeping every byte the file has (:mod:`kg.annotate.merge`); return how many drafted
    items were added."""
    import yaml

    from kg.annotate.merge import merge_draft
    from kg.atomic import write_text
    from kg.errors import UsageError
    from kg.loaders.native import load
    from kg.ontology import load_ontology

    onto = onto or load_ontology()
    doc, _problems = load(annotation)
    if doc is not None and doc.text_path and Path(doc.text_path).exists() \
            and Path(text_path).exists() \
            and not Path(doc.text_path).samefile(text_path):
        # its quotes would be looked for in the other text
        raise UsageError(f"{annotation} annotates {doc.text_path}, not {text_path}: "
                         "merge a draft of its own text")
    data = yaml.safe_load(draft_file(text_path, doc_id=doc.id if doc else None, date=date,
                                     gazetteer=gazetteer, onto=onto, parser=parser,
                                     model=model))
    body, added = merge_draft(annotation, data["annotations"], onto)
    if added:
        try:  # the merged file must read back with every item: never write a broken one
            merged = yaml.safe_load(body)
            count = len(merged["annotations"])
        except (yaml.YAMLError, TypeError, KeyError):
            count = -1
        if doc is None or count != len(doc.items) + added:
            raise UsageError(f"{annotation}: cannot append to its 'annotations:' list as it is "
                             "written (inline, '[...]'?): write it as a block list, one "
                             "'- id:' item per entry")
        write_text(annotation, body)
    return added
