"""docs/api.md promises typed public signatures that name no ``Any``: checked here on the
resolved type hints (``typing.get_type_hints``), so an alias that hides ``Any``
(``JSON = dict[str, Any]``) is caught as well as a bare ``Any``.

The API is what docs/api.md names (``kg.load``, ``from kg.query import run_query``...), the
public methods and fields of the classes it names, and, one step on, of the toolkit's
classes those signatures take or return (``QueryResult``, ``BuildResult``...).
"""

from __future__ import annotations

import ast
import collections.abc
import functools
import importlib
import inspect
import re
import sys
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kg.resources import repo_root

DOC = repo_root() / "docs" / "api.md"


def documented_names() -> list[str]:
    """``kg.x.y`` in backticks, and ``from kg.x import y`` in the examples."""
    text = DOC.read_text(encoding="utf-8")
    names = set(re.findall(r"`(kg(?:\.\w+)+)(?:\(\))?`", text))
    imports = re.findall(r"from (kg(?:\.\w+)*) import ([\w, ]+)", text)
    names |= {f"{module}.{n.strip()}" for module, ns in imports for n in ns.split(",")}
    return sorted(names)


def _resolve(name: str) -> object | None:
    """The object ``name`` stands for, or None for a module (or no such name)."""
    module, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        importlib.import_module(name)  # a module: fails the test when it is not one
        return None


def _is_alias(module_name: str, name: str) -> bool:
    kind = vars(sys.modules[module_name]).get("__annotations__", {}).get(name)
    return kind in ("TypeAlias", typing.TypeAlias)


@functools.cache
def _namespace(module_name: str) -> dict[str, Any]:
    """A module's globals with the names it imports only for type checking, and the type
    aliases written as strings (``Term: TypeAlias = "ox.NamedNode | ..."``) evaluated: its
    own, and those it imports from other kg modules."""
    module = sys.modules[module_name]
    ns = dict(vars(module))
    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            exec(compile(ast.Module(body=node.body, type_ignores=[]), module.__file__, "exec"),
                 ns)
    for name, value in list(ns.items()):
        if not isinstance(value, str) or not name[:1].isupper():
            continue
        if _is_alias(module_name, name):
            ns[name] = eval(value, ns)  # noqa: S307 - the toolkit's own source
            continue
        home = next((m for m in list(sys.modules) if m.startswith("kg") and m != module_name
                     and getattr(sys.modules[m], name, None) is value and _is_alias(m, name)),
                    None)
        if home is not None:
            ns[name] = _namespace(home)[name]
    return ns


def _hints(obj: Callable[..., object] | type) -> dict[str, Any]:
    """The resolved hints of ``obj``."""
    return typing.get_type_hints(obj, globalns=_namespace(obj.__module__))


# Containers that, written bare (``dict``, ``list``), stand for ``dict[Any, Any]``...
_GENERIC = (dict, list, set, frozenset, tuple, type, collections.abc.Mapping,
            collections.abc.Sequence, collections.abc.Iterable, collections.abc.Iterator,
            collections.abc.Callable)


def _mentions_any(hint: object) -> bool:
    """``Any`` anywhere in ``hint``, a bare container (``dict``) counting as one."""
    if hint is Any or hint in _GENERIC:
        return True
    return any(_mentions_any(a) for a in typing.get_args(hint))


def _toolkit_classes(hint: object) -> Iterator[type]:
    if inspect.isclass(hint) and hint.__module__.startswith("kg"):
        yield hint
    for arg in typing.get_args(hint):
        yield from _toolkit_classes(arg)


def _members(obj: object) -> list[tuple[str, Callable[..., object] | type]]:
    """A function itself; a class's public methods (``__iter__``, ``__init__`` too) and
    fields."""
    if inspect.isfunction(obj):
        return [(obj.__qualname__, obj)]
    assert inspect.isclass(obj), obj
    out: list[tuple[str, Callable[..., object] | type]] = [(obj.__qualname__, obj)]
    for key, value in vars(obj).items():
        if isinstance(value, property) and value.fget is not None:
            value = value.fget
        dunder = key.startswith("__") and key.endswith("__")
        if inspect.isfunction(value) and (dunder or not key.startswith("_")):
            out.append((value.__qualname__, value))
    return out


def public_signatures() -> dict[str, dict[str, Any]]:
    """qualified name -> resolved hints, for every function and class the API reaches."""
    todo = [obj for obj in map(_resolve, documented_names())
            if inspect.isfunction(obj) or inspect.isclass(obj)]
    todo += [getattr(importlib.import_module("kg"), n) for n in ("load", "validate")]
    found: dict[str, dict[str, Any]] = {}
    seen: set[int] = set()
    depth = {id(o): 0 for o in todo}
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        for name, member in _members(obj):
            if not member.__module__.startswith("kg"):  # typing's own (Protocol)
                continue
            hints = _hints(member)
            found[f"{member.__module__}.{name}"] = hints
            if depth[id(obj)] == 0:  # one step on: the classes these take and return
                for cls in (c for h in hints.values() for c in _toolkit_classes(h)):
                    depth.setdefault(id(cls), 1)
                    todo.append(cls)
    return found


def test_the_api_is_what_the_page_names():
    names = documented_names()
    for name in ("kg.build.build", "kg.query.run_query", "kg.store.open_store",
                 "kg.network.projection.project", "kg.link.apply.apply_links"):
        assert name in names, names
    signatures = public_signatures()
    for name in ("kg.load", "kg.build.build", "kg.store.result.QueryResult.records",
                 "kg.build.BuildResult"):
        assert name in signatures, sorted(signatures)


def test_public_signatures_name_no_any():
    bad = {name: sorted(k for k, h in hints.items() if _mentions_any(h))
           for name, hints in public_signatures().items()}
    bad = {name: keys for name, keys in bad.items() if keys}
    assert bad == {}, bad


@pytest.mark.parametrize("source, bad", [
    ("def f(x: int) -> str: ...", False),
    ("def f(x: Any) -> str: ...", True),
    ("def f(x: dict[str, Any]) -> str: ...", True),
    ("JSON = dict[str, Any]\ndef f() -> JSON | None: ...", True),
    ("def f(x: list[tuple[str | None, ...]]) -> None: ...", False),
    ("def f() -> dict: ...", True),
    ("def f(x: Callable[[int], str]) -> None: ...", False),
])
def test_the_check_sees_any_behind_aliases(source, bad):
    namespace: dict[str, Any] = {"Any": Any, "Callable": collections.abc.Callable}
    exec(compile("from __future__ import annotations\n" + source, "<probe>", "exec"), namespace)
    hints = typing.get_type_hints(namespace["f"], globalns=namespace)
    assert any(_mentions_any(h) for h in hints.values()) is bad
