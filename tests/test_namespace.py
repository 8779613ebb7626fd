"""The generated closed namespaces (kg.namespace): closed, complete, and the one definition."""

from __future__ import annotations

import re

import pytest

from kg import iris, namespace
from kg.closed_namespace import ClosedNamespace, ClosedNamespaceMeta
from kg.namespace import KG, OA, PROV, SCHEMA, SEM, SH, WD, XSD
from kg.resources import ontology_dir, repo_root

CLOSED = {p: getattr(namespace, name) for name in namespace.__all__
          if isinstance(getattr(namespace, name), ClosedNamespaceMeta)
          for p in [next(k for k, v in {**namespace.PREFIXES, "sh": str(namespace.SH),
                                         "as": str(namespace.AS),
                                         "wikibase": str(namespace.WIKIBASE)}.items()
                         if v == str(getattr(namespace, name)))]}


def test_a_known_term_is_its_iri():
    assert KG.MissileTest == "https://w3id.org/kg-toolkit/ontology#MissileTest"
    assert PROV.wasAttributedTo == "http://www.w3.org/ns/prov#wasAttributedTo"
    assert XSD.gYear == "http://www.w3.org/2001/XMLSchema#gYear"
    assert SH["or"] == "http://www.w3.org/ns/shacl#or"  # a Python keyword: by item only
    assert type(KG.agent) is str


@pytest.mark.parametrize("ns, misspelt", [(KG, "MisileTest"), (PROV, "wasAttributeTo"),
                                          (OA, "hasTargt"), (SEM, "hasTme"),
                                          (SCHEMA, "publisherr"), (XSD, "gyear")])
def test_a_closed_namespace_refuses_an_unknown_term(ns, misspelt):
    with pytest.raises(AttributeError, match=f"'{misspelt}' is not a term of {ns}"):
        getattr(ns, misspelt)
    with pytest.raises(KeyError):
        ns[misspelt]
    assert ns.iri(misspelt) not in ns


def test_the_refusal_suggests_the_nearest_term():
    with pytest.raises(AttributeError, match=r"did you mean MissileTest\?"):
        _ = KG.MisileTest


def test_names_read_from_data_get_iris_without_the_check():
    assert KG.iri("MyOwnClass") == str(KG) + "MyOwnClass"
    assert KG.local(KG.State) == "State" and KG.local(str(PROV) + "x") is None
    assert WD["Q423"] == "http://www.wikidata.org/entity/Q423" and WD.local(WD["Q1"]) == "Q1"


def test_a_subclass_without_a_namespace_stays_abstract():
    class Half(ClosedNamespace):
        x: str

    with pytest.raises(AttributeError):
        _ = Half.x


def test_the_prefix_table_is_built_from_the_namespaces():
    assert iris.PREFIXES["kg"] == str(KG) == iris.KG_NS
    assert iris.PREFIXES["kgd"] == iris.BASE
    assert list(iris.PREFIXES) == ["kg", "kgd", "rdf", "rdfs", "owl", "xsd", "skos", "prov",
                                   "oa", "sem", "time", "schema", "dct", "wd"]
    assert iris.ONTOLOGY == namespace.ONTOLOGY and iris.KG_NS.startswith(iris.ONTOLOGY)


_PNAME = re.compile(r"(?<![\w:/<#.-])([a-z]+):([A-Za-z_][\w-]*)")


def _turtle_and_sparql_files():
    roots = [ontology_dir(), repo_root() / "queries", repo_root() / "kg" / "web" / "queries"]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".ttl", ".rq"))


def _used_terms(text: str) -> set[tuple[str, str]]:
    text = re.sub(r"(?m)#.*$", "", re.sub(r"<[^>\s]*>", "<>", text))  # IRIs, then comments
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)  # strings
    return {(p, t.rstrip(".")) for p, t in _PNAME.findall(text)}


def test_every_term_the_ontology_and_queries_use_is_known():
    """A term that the Turtle or a query writes in a closed vocabulary must exist in it."""
    unknown = []
    for path in _turtle_and_sparql_files():
        for prefix, term in sorted(_used_terms(path.read_text(encoding="utf-8"))):
            ns = CLOSED.get(prefix)
            if ns is not None and term not in ns._TERMS:
                unknown.append(f"{path.relative_to(repo_root())}: {prefix}:{term}")
    assert unknown == [], unknown


@pytest.mark.parametrize("module", ["kg.closed_namespace", "kg.namespace", "kg.iris",
                                    "kg.prefixes", "kg.query.prefixes"])
def test_the_examples_in_the_namespace_modules_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), verbose=False)
    assert result.failed == 0 and result.attempted > 0, result
