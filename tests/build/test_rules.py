"""Derivation rules: a document rule's output is the same per document as on the whole corpus."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import TINY_YAML, write_corpus

from kg import iris
from kg.build import build
from kg.build.rules import apply_rules, load_rules
from kg.errors import BuildError
from kg.resources import ontology_dir
from kg.synth import write_corpus as write_synth


def _derived(nquads, rule_names):
    """{rule: set of lines} in the built graph, for the named derived graphs."""
    out = {name: set() for name in rule_names}
    for line in nquads.read_text(encoding="utf-8").splitlines(keepends=True):
        for name in rule_names:
            if line.endswith(f" <{iris.derived_graph(name)}> .\n"):
                out[name].add(line)
    return out


@pytest.mark.parametrize("corpus", ["seed", "synth"])
def test_document_rules_give_what_they_give_on_the_whole_corpus(tmp_path, corpus, request):
    # The build runs document rules per document; run them again on everything the
    # sources assert (all document graphs and the ontology at once): same statements.
    if corpus == "seed":
        res = request.getfixturevalue("corpus_build")  # the session's one build of data/
    else:
        src = tmp_path / "c"
        write_synth(src, docs=12, seed=3)
        write_corpus(src)  # one more document sharing nothing with the synthetic ones
        res = build(src, out=tmp_path / "o", store=False, trig=False)
    rules = load_rules(ontology_dir())
    local = [r for r in rules if r.scope == "document"]
    assert local, "no document rule: the test checks nothing"
    asserted = ox.Store()
    made_by_rules = (iris.BASE + "graph/derived/", iris.BASE + "rule/")
    for q in ox.parse(path=str(res.nquads), format=ox.RdfFormat.N_QUADS):
        if q.graph_name.value.startswith(made_by_rules[0]):
            continue  # derived statements
        if q.graph_name.value == iris.PROVENANCE_GRAPH and \
                q.subject.value.startswith(made_by_rules):
            continue  # the rules' own provenance, written after they ran
        asserted.add(q)
    whole = apply_rules(asserted, local)
    built = _derived(res.nquads, [r.name for r in local])
    for rule in local:
        assert set(whole[rule.name]) == built[rule.name], rule.name


def test_rules_run_document_rules_first_then_corpus_rules():
    rules = load_rules(ontology_dir())
    scopes = [r.scope for r in rules]
    assert scopes == sorted(scopes, key=["document", "corpus"].index), scopes
    assert "display-labels" in {r.name for r in rules if r.scope == "corpus"}


def test_unknown_rule_scope_is_a_located_error(tmp_path):
    onto = tmp_path / "onto"
    import shutil

    shutil.copytree(ontology_dir(), onto)
    (onto / "rules" / "zz-bad.rq").write_text("# rule: zz-bad\n# scope: galaxy\n"
                                              "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }\n")
    with pytest.raises(BuildError, match=r"zz-bad\.rq:2: unknown rule scope 'galaxy'"):
        build(write_corpus(tmp_path / "c", TINY_YAML), out=tmp_path / "o", ontology_dir=onto)
    assert not (tmp_path / "o").exists()


def test_a_build_says_how_long_each_corpus_rule_took(tmp_path):
    src = tmp_path / "c"
    write_synth(src, docs=3, seed=5)
    corpus = [r.name for r in load_rules(ontology_dir()) if r.scope == "corpus"]
    full = build(src, out=tmp_path / "o")
    assert list(full.rule_seconds) == corpus, full.rule_seconds
    assert all(s >= 0 for s in full.rule_seconds.values())
    doc = sorted(src.glob("*.yaml"))[0]
    doc.write_text(doc.read_text(encoding="utf-8").replace("label: ", "label: x", 1),
                   encoding="utf-8")
    update = build(src, out=tmp_path / "o")
    assert update.incremental and list(update.rule_seconds) == corpus, update.rule_seconds


def _patterns(node):
    """The triple patterns (s, p, o) of an rdflib SPARQL algebra tree."""
    from rdflib.plugins.sparql.algebra import triples
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "BGP":
            yield from node.triples
        elif node.name == "TriplesBlock":  # inside [NOT] EXISTS, still as parsed
            yield from triples(node.triples)
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _patterns(value)


def test_a_declared_context_is_every_predicate_read_about_other_nodes():
    # "# context:" lets a rebuild skip the nodes whose statements did not change, as long
    # as every pattern not mentioning the focus reads one of those predicates (a constant).
    from rdflib import URIRef, Variable
    from rdflib.plugins.sparql import prepareQuery

    declared = [r for r in load_rules(ontology_dir()) if r.context is not None]
    assert declared, "no rule declares its context: the test checks nothing"
    for rule in declared:
        focus = Variable(rule.focus)
        patterns = list(_patterns(prepareQuery(rule.text).algebra))
        assert patterns, rule.name
        other = [(s, p, o) for s, p, o in patterns if focus not in (s, o)]
        assert other, f"{rule.name}: declares a context but reads nothing about other nodes"
        for s, p, _o in other:
            assert isinstance(p, URIRef) and str(p) in rule.context, \
                f"{rule.name}: reads {p} about {s} (not its focus), not in its context"
        assert {str(p) for _, p, _ in other} == rule.context, rule.name


def test_a_context_name_must_be_declared(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.rq").write_text("# scope: corpus\n# focus: ?x\n# context: ex:p\n"
                                "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }\n",
                                encoding="utf-8")
    with pytest.raises(BuildError, match=r"r\.rq:3: context predicate 'ex:p'"):
        load_rules(tmp_path)
