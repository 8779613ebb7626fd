"""The package's layers: each part of ``kg`` imports only the parts below it.

Every module and subpackage of ``kg`` has a level in :data:`LAYERS`; an import (at the
top of a module, inside a function, or for type checking only) may reach only a part of
a strictly lower level. So the store knows nothing of the build, the query pack, the
benchmark or the command line, and the command line sits on top of everything. A new
module or subpackage must be given its level here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

#: level of each top-level part of ``kg``: a part imports only parts of lower levels.
LAYERS: dict[str, int] = {
    # foundations: no dependency but the exception tree
    "errors": 0,
    "closed_namespace": 0, "collector": 0,
    "namespace": 1, "limits": 1, "resources": 1, "csvcell": 1, "cycles": 1,
    "model": 1,
    "iris": 2,  # instance IRIs, built on the generated namespaces
    "rdfio": 2,  # safe reading of RDF files, its size limit one of kg.limits
    "atomic": 3, "ontology": 3, "sparqlclient": 3, "prefixes": 3,
    # reading annotations, storing and querying graphs
    "loaders": 4, "store": 4,
    # what the library does with a corpus or a store
    "annotate": 5, "synth": 5, "build": 5, "query": 5, "network": 5, "stats": 5,
    "link": 5, "server": 5, "disagreements": 5,
    "validation": 6, "export": 6, "viz": 6,
    # tools built from the above
    "web": 7, "bench": 7, "demo": 7,
    # the command line, and what is generated from it
    "cli": 8,
    "codegen": 9, "__main__": 9,
}

#: ``kg`` itself (the facade: ``kg.load``, ``kg.validate``) is the top of the library; any
#: part may read its ``__version__`` (``import kg``, ``from kg import __version__``).
FACADE = "__init__"


def _part(path: Path) -> str:
    rel = path.relative_to(KG)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem != "__init__" \
        else FACADE


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, part of kg) for every absolute import of ``kg.PART`` in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = ([f"kg.{a.name}" for a in node.names] if node.module == "kg"
                     else [node.module])
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "kg":
                found.append((node.lineno, parts[1] if len(parts) > 1 else FACADE))
    return found


def _violations() -> list[str]:
    bad = []
    for path in sorted(KG.rglob("*.py")):
        part = _part(path)
        if part == FACADE:
            continue  # the facade may use anything below it
        if part not in LAYERS:
            bad.append(f"{path.relative_to(KG.parent)}: kg.{part} has no level in "
                       f"tests/test_layers.py LAYERS: give it one")
            continue
        for line, target in _imports(path):
            if target in (part, FACADE, "__version__"):
                continue
            if target not in LAYERS:
                continue  # reported for its own files (or not a module: checked by Python)
            if LAYERS[target] >= LAYERS[part]:
                bad.append(f"{path.relative_to(KG.parent)}:{line}: kg.{part} (level "
                           f"{LAYERS[part]}) imports kg.{target} (level {LAYERS[target]})")
    return bad


def test_every_part_imports_only_the_layers_below_it():
    bad = _violations()
    assert not bad, "\n".join(bad)


def test_every_part_has_a_level():
    parts = {_part(p) for p in KG.rglob("*.py")} - {FACADE}
    # parts of the table that no longer exist would hide a renamed module's new name
    gone = sorted(set(LAYERS) - parts)
    assert not gone, f"LAYERS names parts that do not exist: {gone}"


@pytest.mark.parametrize("lower, upper", [
    ("store", "build"), ("store", "query"), ("store", "synth"), ("store", "cli"),
    ("store", "bench"), ("store", "server"), ("store", "link"), ("loaders", "build"),
    ("query", "cli"), ("build", "cli"), ("bench", "cli"), ("sparqlclient", "store"),
])
def test_the_table_puts_the_store_below_its_users(lower, upper):
    # the ordering the issue asks for, stated once more so editing the table cannot drop it
    assert LAYERS[lower] < LAYERS[upper]


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    # the check itself: a store module importing the build must be reported
    fake = tmp_path / "kg"
    (fake / "store").mkdir(parents=True)
    (fake / "build").mkdir()
    (fake / "store" / "x.py").write_text("def f():\n    from kg.build import build\n")
    (fake / "build" / "y.py").write_text("from kg.store import open_store\n")
    monkeypatch.setitem(globals(), "KG", fake)
    assert _violations() == ["kg/store/x.py:2: kg.store (level 4) imports kg.build (level 5)"]
