"""Rules the code keeps, checked on its syntax tree (``kg/**/*.py``).

- No Python names a concrete type: which types exist is the ontology's business.
- IRIs come from the generated namespaces (:mod:`kg.namespace`) and the instance-IRI module
  (:mod:`kg.iris`): no other module writes a vocabulary's IRI, redefines a namespace, or
  builds an IRI by string concatenation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg
from kg import iris, namespace
from kg.closed_namespace import ClosedNamespaceMeta
from kg.namespace import KG
from kg.ontology import load_ontology

PACKAGE = Path(kg.__file__).parent
# kg/ top level: the generated namespaces, their generator (which holds the standard
# vocabularies' IRIs) and the instance IRIs.
NAMESPACE_MODULES = {"namespace.py", "closed_namespace.py", "codegen.py", "iris.py"}
SOURCES = sorted(p for p in PACKAGE.rglob("*.py")
                 if not (p.parent == PACKAGE and p.name in NAMESPACE_MODULES))

# Every namespace IRI the toolkit knows, longest first.
NAMESPACE_IRIS = sorted({*namespace.PREFIXES.values(), *namespace.QUERY_PREFIXES.values(),
                         *(str(getattr(namespace, n)) for n in namespace.__all__
                           if isinstance(getattr(namespace, n), ClosedNamespaceMeta)),
                         iris.PROJECT}, key=len, reverse=True)
# Names that hold a namespace IRI (or a prefix table of them) wherever they are imported.
NAMESPACE_NAMES = {*namespace.__all__, "BASE", "KG_NS", "PROJECT"} - {"PREFIXES", "QUERY_PREFIXES"}
PREFIX_TABLES = {"PREFIXES", "QUERY_PREFIXES", "NS"}  # prefix -> namespace: PREFIXES["xsd"]
IRIS_FUNCTIONS = {n for n in iris.__all__ if callable(getattr(iris, n))}


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)}


def _is_iri_text(node: ast.AST) -> bool:
    """A string constant that is a namespace-like IRI base (``http://host/path/`` or ``...#``):
    not a bare scheme (``f"http://{host}"``), not a web address in a sentence."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.startswith(("http://", "https://"))
            and node.value not in ("http://", "https://") and node.value.endswith(("/", "#")))


def _is_namespace(node: ast.AST) -> bool:
    """A name that holds a namespace: ``BASE``, ``iris.KG_NS``, ``PREFIXES["xsd"]``, or a call
    to kg.iris (``iris.doc(d) + "/"``)."""
    if isinstance(node, ast.Subscript):
        table = node.value
        name = table.id if isinstance(table, ast.Name) else getattr(table, "attr", None)
        return name in PREFIX_TABLES or _is_namespace(table)
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id == "iris" and func.attr in IRIS_FUNCTIONS)
    name = node.id if isinstance(node, ast.Name) else (
        node.attr if isinstance(node, ast.Attribute) else None)
    return name in NAMESPACE_NAMES


def iri_violations(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """Where ``path`` writes a namespace IRI or builds an IRI by concatenation."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            known = next((ns for ns in NAMESPACE_IRIS if ns in node.value), None)
            if known:
                out.append(f"{where}: writes the namespace <{known}> (use kg.namespace/kg.iris)")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if _is_iri_text(node.left) or _is_namespace(node.left):
                out.append(f"{where}: builds an IRI with + ({ast.unparse(node)[:60]})")
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if _is_iri_text(first) or (isinstance(first, ast.FormattedValue)
                                       and _is_namespace(first.value)):
                out.append(f"{where}: builds an IRI in an f-string ({ast.unparse(node)[:60]})")
    return out


def test_no_iri_is_written_or_concatenated_outside_the_namespace_modules():
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        if v := iri_violations(path):
            found[str(path.relative_to(PACKAGE.parent))] = v
    assert found == {}, "\n".join(x for v in found.values() for x in v)


@pytest.mark.parametrize("source, bad", [
    ('RDFS = "http://www.w3.org/2000/01/rdf-schema#"\n', True),
    ('x = KG_NS + "partialDate"\n', True),
    ('x = f"{BASE}doc/{d}"\n', True),
    ('x = PREFIXES["xsd"] + "string"\n', True),
    ('x = iris.doc(d) + "/"\n', True),
    ('q = "SELECT * { ?s <https://w3id.org/kg-toolkit/ontology#agent> ?o }"\n', True),
    ('x = "http://example.org/" + name\n', True),
    ('x = KG.partialDate\n', False),
    ('x = f"http://{host}:{port}"\n', False),  # a server URL, not an IRI of the graph
    ('ua = "https://w3id.org/kg-toolkit" + "; contact"\n', False),  # a user agent
    ('q = PREFIXES + "SELECT * { ?s kg:agent ?o }"\n', False),  # a prefix block
    ('"""A docstring may show https://w3id.org/kg-toolkit/id/north-korea."""\n', False),
])
def test_the_iri_rule_tells_concatenation_from_the_rest(tmp_path, source, bad):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    got = iri_violations(path, root=tmp_path)
    assert bool(got) is bad, got


def _kinds_and_concrete_types() -> tuple[set[str], set[str]]:
    """The item kinds (the classes declaring kg:annotatable: Actor, Event, Place...) and the
    concrete types below them (MissileTest, State, Alignment...)."""
    onto = load_ontology()
    own = [c for c in onto.classes.values() if KG.local(c.iri)]
    kinds = {c.local for c in own if c.props.get(KG.annotatable)}
    return kinds, {c.local for c in own if c.annotatable} - kinds


def _names(path: Path) -> set[str]:
    """String constants (docstrings left out) and attribute names (``KG.MissileTest``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return ({n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
             and isinstance(n.value, str) and id(n) not in docs}
            | {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)})


def test_no_concrete_type_is_named_in_the_code():
    kinds, concrete = _kinds_and_concrete_types()
    assert {"Actor", "Event", "Claim"} <= kinds and "MissileTest" in concrete, (kinds, concrete)
    named = sorted(f"{path.relative_to(PACKAGE.parent)}: {c}" for path in SOURCES
                   for s in _names(path) for c in concrete
                   if s == c or s.endswith(("#" + c, ":" + c)))
    assert named == [], named


def test_every_test_folder_is_collected(pytestconfig):
    """pytest skips folders matching ``norecursedirs`` (its default has "build"): no folder of
    tests/ may match, or its tests never run (tests/build was silently skipped once)."""
    from fnmatch import fnmatch

    patterns = pytestconfig.getini("norecursedirs")
    tests = Path(__file__).resolve().parent
    folders = sorted(p for p in tests.rglob("*") if p.is_dir() and any(p.glob("test_*.py")))
    assert folders, tests
    skipped = [str(f.relative_to(tests)) for f in folders
               for part in f.relative_to(tests).parts
               if any(fnmatch(part, pat) for pat in patterns)]
    assert not skipped, (skipped, patterns)
