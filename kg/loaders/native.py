"""The native annotation format: one YAML file beside each document's text.

See ``docs/annotation-format.md`` and the JSON Schema
``ontology/annotation.schema.json``. Anchors are quotes (TextQuoteSelector
semantics); types and keys are ontology terms, so a new class needs no change here.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import Problem
from kg.iris import is_valid_id
from kg.limits import TEXT_BYTES
from kg.loaders.anchors import AnchorProblem, QuoteSpec, TextIndex, quotes_in, resolve_quote
from kg.loaders.check import RESERVED_KEYS
from kg.loaders.inputfile import FileRefused, read_input
from kg.loaders.yamlfile import LineDict, read_yaml
from kg.model import Anchor, Document, DocumentMeta, Item, Ref

__all__ = ["load", "SUFFIXES", "read_text"]

SUFFIXES = (".yaml", ".yml")
UNKNOWN = "unknown"
DOC_KEYS = {"id", "text", "title", "url", "publisher", "author", "date", "language", "type",
            "annotator", "exclude", "reliability", "credibility"}


def read_text(path: Path, problems: list[Problem], owner: str,
              within: Path | None = None) -> str | None:
    """Read a document text as UTF-8 (a BOM is dropped); report problems against ``owner``.

    Only a regular file within ``KG_MAX_TEXT_BYTES`` is read, and with ``within`` only one
    that resolves inside that folder (:func:`kg.loaders.inputfile.read_input`).
    """
    try:
        raw = read_input(path, TEXT_BYTES, what="text file", within=within)
    except FileRefused as exc:
        problems.append(Problem(owner, None, None, exc.reason))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(str(path), line, None, "text is not valid UTF-8"))
        return None


def load(path: str | Path) -> tuple[Document | None, list[Problem]]:
    """Read one annotation file; return the document (raw values) and the problems found."""
    p = Path(path)
    problems: list[Problem] = []
    data = read_yaml(p)
    where = str(p)
    problems.extend(schema_problems(data, where))
    if problems:
        return None, problems
    if not isinstance(data, dict) or "document" not in data or "annotations" not in data:
        problems.append(Problem(where, 1, None, "expected top-level keys 'document' and "
                                                "'annotations'"))
        return None, problems
    meta_raw = data["document"]
    if not isinstance(meta_raw, dict):
        problems.append(Problem(where, _line(data, "document"), None,
                                "'document' must be a mapping"))
        return None, problems
    for key in sorted(set(data) - {"document", "annotations"}):
        problems.append(Problem(where, _line(data, key), None, f"unknown top-level key {key!r}"))
    doc_id = meta_raw.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        problems.append(Problem(where, _line(meta_raw), None, "document needs an 'id'"))
        return None, problems
    if not is_valid_id(doc_id):  # it becomes IRIs and, in exports, file names
        problems.append(Problem(where, _line(meta_raw, "id"), None, invalid_id(doc_id)))
        return None, problems
    text_name = str(meta_raw.get("text") or f"{p.stem}.txt")
    if Path(text_name).is_absolute() or ".." in Path(text_name).parts or "\x00" in text_name:
        # An annotation file from elsewhere must not pull any file of this machine into the
        # graph (and so into kg serve): the text sits in the annotation's folder or below.
        problems.append(Problem(where, _line(meta_raw, "text"), doc_id,
                                f"text {text_name!r} must be a path relative to this file's "
                                "folder, without '..'"))
        return None, problems
    text = read_text(p.parent / text_name, problems, where, within=p.parent)
    if text is None:
        return None, problems
    text_path = (p.parent / text_name).resolve()
    doc = Document(id=doc_id, text=text, meta=_meta(meta_raw, where, problems),
                   text_path=str(text_path), annotation_path=where,
                   inputs=[where, str(text_path)])
    for key in sorted(set(meta_raw) - DOC_KEYS):
        problems.append(Problem(where, _line(meta_raw, key), doc_id,
                                f"unknown document key {key!r} "
                                f"(known: {', '.join(sorted(DOC_KEYS))})"))
    index = TextIndex(text, quotes_in(data))  # every quote found in one pass over the text
    for spec in _list(meta_raw.get("exclude"), where, meta_raw, "exclude", problems):
        doc.excluded.extend(_anchors_of(index, spec, where, doc_id, problems, allow_all=True))
    items = data["annotations"]
    if not isinstance(items, list):
        problems.append(Problem(where, _line(data, "annotations"), None,
                                "'annotations' must be a list"))
        return doc, problems
    for raw in items:
        item = _item(raw, index, where, problems)
        if item is not None:
            doc.items.append(item)
    return doc, problems


def invalid_id(value: str, what: str = "document id") -> str:
    """The message for an id that breaks the id rules (:data:`kg.iris.ID_PATTERN`)."""
    return (f"invalid {what} {value!r}: use ASCII letters, digits, '.', '_' or '-', starting "
            "with a letter or digit (at most 128)")


def schema_problems(data: Any, where: str) -> list[Problem]:
    """Structural problems against ``ontology/annotation.schema.json``, located by line.

    A compiled Rust validator (jsonschema-rs) answers "valid?" in microseconds; only a
    document it rejects goes through ``jsonschema``, whose errors carry the paths used to
    name the line.
    """
    fast = _fast_validator()
    if fast is not None and _fast_valid(fast, data):
        return []
    out = []
    for err in sorted(_validator().iter_errors(data),
                      key=lambda e: list(map(str, e.absolute_path))):
        node, line, ann_id = data, _line(data), None
        for step in err.absolute_path:
            if isinstance(node, LineDict) and isinstance(step, str):
                line = node.key_lines.get(step, line)
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, LineDict):
                line = node.line
                ann_id = node.get("id") if isinstance(node.get("id"), str) else ann_id
        at = "/".join(map(str, err.absolute_path))
        out.append(Problem(where, line, ann_id,
                           f"schema{' at ' + at if at else ''}: {_schema_message(err)}"))
    return out


def _fast_valid(fast: Any, data: Any) -> bool:
    try:
        return bool(fast.is_valid(data))
    except Exception:  # noqa: BLE001 - a value it cannot read (bytes from !!binary...): ask jsonschema
        return False


@lru_cache(maxsize=1)
def _schema() -> Any:
    import json

    from kg.resources import ontology_dir

    return json.loads((ontology_dir() / "annotation.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """The jsonschema-rs validator of the shipped schema, or None without jsonschema-rs."""
    try:
        import jsonschema_rs
    except ImportError:  # the fast path is an optimisation, never a requirement
        return None
    return jsonschema_rs.Draft202012Validator(_schema())


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The jsonschema validator of the shipped schema: imported (50 ms) only for a document
    the fast one rejects, or without jsonschema-rs."""
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


def _validators() -> tuple[Any, Any]:
    """(jsonschema-rs validator or None, jsonschema validator) of the shipped schema."""
    return _fast_validator(), _validator()


def _schema_message(err) -> str:
    msg = " ".join(err.message.split())
    return msg if len(msg) <= 160 else msg[:159] + "…"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _meta(raw: dict, where: str, problems: list[Problem]) -> DocumentMeta:
    def known(key: str) -> str | None:
        v = raw.get(key)
        if v is None or (isinstance(v, str) and v.strip().lower() == UNKNOWN):
            return None
        return str(v)

    pub = known("publisher")
    date = known("date")
    if date is not None:
        from kg.loaders.check import parse_partial_date

        try:
            parse_partial_date(date)
        except ValueError as exc:
            problems.append(Problem(where, _line(raw, "date"), raw.get("id"), str(exc)))
            date = None
    return DocumentMeta(title=known("title"), url=known("url"),
                        publisher=Ref(pub) if pub else None, author=known("author"), date=date,
                        language=known("language"), doc_type=known("type") or "AnalysisNewsArticle",
                        annotator=known("annotator"), reliability=known("reliability"),
                        credibility=known("credibility"), line=_line(raw))


def _item(raw: Any, text: str | TextIndex, where: str, problems: list[Problem]) -> Item | None:
    if not isinstance(raw, dict):
        problems.append(Problem(where, None, None, "each annotation must be a mapping"))
        return None
    line = _line(raw)
    item_id, type_ = raw.get("id"), raw.get("type")
    if not isinstance(item_id, str) or not item_id:
        problems.append(Problem(where, line, None, "annotation needs an 'id'"))
        return None
    if not isinstance(type_, str) or not type_:
        problems.append(Problem(where, line, item_id, "annotation needs a 'type'"))
        return None
    label = raw.get("label")
    item = Item(id=item_id, type=type_, label=str(label) if label is not None else None,
                line=line, key_lines=dict(getattr(raw, "key_lines", {})),
                annotator=str(raw["annotator"]) if raw.get("annotator") else None,
                machine=bool(raw.get("machine", False)),
                same_as=str(raw["same-as"]) if raw.get("same-as") is not None else None)
    if "quote" in raw:
        item.anchors.extend(_anchors_of(text, raw, where, item_id, problems, allow_all=True))
    for spec in _list(raw.get("mentions"), where, raw, "mentions", problems):
        item.anchors.extend(_anchors_of(text, spec, where, item_id, problems, allow_all=True))
    for key in raw:
        if key in RESERVED_KEYS:
            continue
        vals = raw[key] if isinstance(raw[key], list) else [raw[key]]
        if any(isinstance(v, float) and not math.isfinite(v) for v in vals):
            # YAML reads 1e400 as infinity and .nan as not a number: str() would store 'inf'
            problems.append(Problem(where, item.key_lines.get(key, line), item_id,
                                    f"'{key}' is not a finite number (YAML read it as infinite "
                                    "or not-a-number); quote it to keep it as text"))
            continue
        item.values[key] = [v if isinstance(v, str) else _scalar(v) for v in vals]
    item.anchors = sorted(set(item.anchors), key=lambda a: (a.start, a.end))
    return item


def _scalar(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, dict | list):
        return v  # rejected by the checker with a clear message
    return str(v)


def _anchors_of(text: str | TextIndex, spec: Any, where: str, item_id: str | None,
                problems: list[Problem], allow_all: bool) -> list[Anchor]:
    if isinstance(spec, str):
        spec = {"quote": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("quote"), str):
        problems.append(Problem(where, _line(spec) if isinstance(spec, dict) else None, item_id,
                                "an anchor needs a 'quote' (text)"))
        return []
    occ = spec.get("occurrence")
    q = QuoteSpec(exact=spec["quote"], prefix=str(spec.get("prefix") or ""),
                  suffix=str(spec.get("suffix") or ""),
                  occurrence=occ if (occ == "all" and allow_all) or isinstance(occ, int)
                  or occ is None else str(occ),
                  line=_line(spec, "quote"))
    try:
        return resolve_quote(text, q, whole_words=True)
    except AnchorProblem as exc:
        problems.append(Problem(where, q.line, item_id, str(exc)))
        return []


def _list(value: Any, where: str, owner: dict, key: str, problems: list[Problem]) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(where, _line(owner, key), owner.get("id"),
                                f"{key!r} must be a list"))
        return []
    return value


def _line(d: Any, key: str | None = None) -> int | None:
    if not isinstance(d, LineDict):
        return None
    return d.key_lines.get(key, d.line) if key else d.line
