"""Safe YAML reading that remembers the line of every mapping and key.

Dates stay strings (``2022-09`` and ``2022-09-01`` alike) so the loader, not
YAML, decides what a valid date is; no tags beyond safe YAML, and aliases may copy at
most ``KG_MAX_YAML_ALIASES`` nodes (:mod:`kg.limits`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kg.errors import AnnotationError
from kg.limits import ANNOTATION_BYTES, YAML_ALIASES
from kg.loaders.inputfile import FileRefused, read_input

__all__ = ["LineDict", "read_yaml", "AliasBomb"]


class LineDict(dict):
    """A dict that knows the 1-based line it started on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser (PyYAML's C extension) when it is there: about 10x faster than the pure
# Python one, with the same marks (lines) and the same safe constructors.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type, misc]
    """Safe YAML that refuses alias bombs before building anything.

    PyYAML builds an anchored node once and shares it, but everything after the parser
    (the schema validators, the loaders) walks the expanded tree: a 680-byte file with
    nested anchors expands to billions of nodes. Before construction, the composed node
    graph is walked once (memoized: linear in the file) to count the nodes that aliases
    copy; past ``KG_MAX_YAML_ALIASES`` (or on a recursive alias) the file is refused.
    """

    check_aliases = True

    def construct_document(self, node):  # type: ignore[override]
        if self.check_aliases:
            _check_aliases(node, YAML_ALIASES.value())
        return super().construct_document(node)


class _NoAnchorLoader(_Loader):
    """For a text without ``&``: no anchor, so no alias (the walk is skipped)."""

    check_aliases = False


class AliasBomb(yaml.YAMLError):
    """Aliases that would copy too many nodes, or refer to themselves."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message, self.line = message, line


def _check_aliases(root: yaml.Node, limit: int) -> None:
    """Count the nodes aliases copy (the expanded tree's size minus the file's)."""
    size: dict[int, int] = {}  # id(node) -> nodes in its expanded subtree
    seen: set[int] = set()
    copied = 0
    # iterative post-order walk; a node met again is an alias (PyYAML shares the node)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            continue
        if key in seen:
            if key in on_path:
                raise AliasBomb("YAML: an alias refers to a node that contains it "
                                "(a recursive alias): refused", node.start_mark.line + 1)
            copied += size.get(key, 0)
            if copied > limit:
                raise AliasBomb(f"YAML aliases would copy more than {limit} nodes, over "
                                f"{YAML_ALIASES.describe(limit)}: refused (an alias bomb?)",
                                node.start_mark.line + 1)
            continue
        seen.add(key)
        on_path.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


# Plain scalars are read as YAML 1.2's core schema reads them, not as YAML 1.1 does:
# - timestamps stay strings: partial dates are validated by the loader;
# - only true/false are booleans (YAML 1.1 also reads yes/no/on/off, so a label "no" or
#   the country code NO would become False);
# - only plain decimals are integers and only plain decimals or exponents are floats
#   (YAML 1.1 reads 013 as octal 11, 0x1f as 31, 1_000 as 1000 and 1:20 as 80): an id
#   such as 013 keeps its zero, and a number written another way is a string the loader
#   reports where it wants a number.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?[0-9]+[eE][-+]?[0-9]+"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_CORE = {"tag:yaml.org,2002:bool": _BOOL, "tag:yaml.org,2002:int": _INT,
         "tag:yaml.org,2002:float": _FLOAT}
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, _CORE.get(tag, rx)) for tag, rx in resolvers
         if tag != "tag:yaml.org,2002:timestamp"]
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


def read_yaml(path: str | Path, within: str | Path | None = None) -> Any:
    """Parse a YAML file; syntax errors become an :class:`AnnotationError` with the line.

    Only a regular file within ``KG_MAX_ANNOTATION_BYTES`` (and, with ``within``, inside that
    folder) is read; aliases may copy at most ``KG_MAX_YAML_ALIASES`` nodes.
    """
    p = Path(path)
    try:
        raw = read_input(p, ANNOTATION_BYTES, what="file", within=within)
    except FileRefused as exc:
        raise AnnotationError.one(p, None, None, exc.reason) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnnotationError.one(p, line, None, "file is not valid UTF-8") from None
    try:
        loader = _Loader if "&" in text else _NoAnchorLoader  # an alias needs an anchor
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclass
    except AliasBomb as exc:
        raise AnnotationError.one(p, exc.line, None, exc.message) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, the Python reader in characters.
        if _Base is not yaml.SafeLoader:
            line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
        else:
            line = text[: exc.position].count("\n") + 1
        raise AnnotationError.one(p, line, None, f"YAML: character {exc.character!r} is not "
                                                 "allowed in YAML") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise AnnotationError.one(p, at, None, f"YAML syntax: {what}") from None
    except yaml.YAMLError as exc:
        raise AnnotationError.one(p, None, None, "YAML: " + " ".join(str(exc).split())) from None
