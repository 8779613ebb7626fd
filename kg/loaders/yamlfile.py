"""Safe YAML reading that remembers the line of every mapping and key.

Dates stay strings (``2022-09`` and ``2022-09-01`` alike) so the loader, not
YAML, decides what a valid date is; no tags or anchors beyond safe YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import AnnotationError

__all__ = ["LineDict", "read_yaml"]


class LineDict(dict):
    """A dict that knows the 1-based line it started on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser (PyYAML's C extension) when it is there: about 10x faster than the pure
# Python one, with the same marks (lines) and the same safe constructors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type, misc]
    pass


# Keep timestamps as plain strings: partial dates are validated by the loader.
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain strings", key_node.start_mark)
        key = str(key)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: str | Path) -> Any:
    """Parse a YAML file; syntax errors become an :class:`AnnotationError` with the line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise AnnotationError.one(p, None, None, f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnnotationError.one(p, line, None, "file is not valid UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, the Python reader in characters.
        before = (text.encode("utf-8", "surrogatepass")[: exc.position] if _Base is not
                  yaml.SafeLoader else text[: exc.position])
        line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1
        raise AnnotationError.one(p, line, None, f"YAML: character {exc.character!r} is not "
                                                 "allowed in YAML") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise AnnotationError.one(p, line, None, f"YAML syntax: {what}") from None
    except yaml.YAMLError as exc:
        raise AnnotationError.one(p, None, None, "YAML: " + " ".join(str(exc).split())) from None
