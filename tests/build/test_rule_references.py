"""Corpus rules shaped for speed derive what their plain reference forms derive.

``ontology/rules/factuality.rq`` and ``membership.rq`` are written so that Oxigraph runs them
in proportion to the data (their headers say how); the plain forms they were first written
in are kept beside this file. Both forms run on the same input, the store a build's corpus
rules see, for the shipped corpus and for a synthetic one with memberships: same
statements, whole and, for a rule with a focus, for the nodes of one document.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from kgtest import corpus_rule_input

from kg import iris
from kg.build import build
from kg.build.incremental import _run_focused
from kg.build.rules import load_rules, quad_line, run_rule
from kg.resources import ontology_dir
from kg.synth import write_corpus as write_synth

HERE = Path(__file__).parent
RULES = ("factuality", "membership")


def write_memberships(corpus: Path) -> int:
    """A document of the synthetic corpus ``corpus`` stating memberships of its actors: every
    state in an alliance (in turn), one alliance in another, one organization an organ of
    an alliance. Returns the number of memberships."""
    kinds: dict[str, dict[str, str]] = {"State": {}, "Alliance": {}, "Organization": {}}
    for f in sorted(corpus.glob("*.yaml")):
        for a in yaml.safe_load(f.read_text(encoding="utf-8"))["annotations"]:
            if a.get("type") in kinds and a.get("label"):
                kinds[a["type"]][a["id"]] = a["label"]
    states, alliances = sorted(kinds["State"]), sorted(kinds["Alliance"])
    organ = sorted(kinds["Organization"])[0]
    assert len(alliances) >= 2 and states, kinds
    links = [(s, "memberOf", alliances[i % len(alliances)]) for i, s in enumerate(states)]
    links += [(alliances[0], "memberOf", alliances[1]), (organ, "organOf", alliances[1])]
    labels = {k: v for kind in kinds.values() for k, v in kind.items()}
    said = {x: (key, y) for x, key, y in links}
    text, anns = [], []
    for x in sorted({n for a, _k, b in links for n in (a, b)}):
        kind = next(k for k, ids in kinds.items() if x in ids)
        text.append(f"{labels[x]} is named here.")
        link = f", {said[x][0]}: \"{said[x][1]}\"" if x in said else ""
        anns.append(f"  - {{id: \"{x}\", type: {kind}, label: \"{labels[x]}\"{link}, "
                    f"quote: \"{labels[x]} is named here\"}}")
    (corpus / "members.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    (corpus / "members.yaml").write_text("""document:
  id: members
  text: members.txt
  type: AnalysisNewsArticle
  title: memberships
  publisher: unknown
  author: unknown
  date: unknown
  language: en
  annotator: kg tests
annotations:
""" + "\n".join(anns) + "\n", encoding="utf-8")
    return len(links)


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus_build) -> dict[str, Path]:
    """The shipped corpus (the session's one build of data/) and a synthetic one."""
    root = tmp_path_factory.mktemp("rule-references")
    synth = root / "synth"
    write_synth(synth, docs=30, seed=5)
    assert write_memberships(synth) > 10
    return {"seed": corpus_build.nquads,
            "synth": build(synth, out=root / "synth-out", trig=False).nquads}


@pytest.mark.parametrize("corpus", ["seed", "synth"])
@pytest.mark.parametrize("name", RULES)
def test_the_shipped_rule_derives_what_its_reference_derives(built, corpus, name):
    nquads = built[corpus]
    store = corpus_rule_input(nquads, name)
    shipped = next(r for r in load_rules(ontology_dir()) if r.name == name)
    path = HERE / f"{name}_reference.rq"
    reference = dataclasses.replace(shipped, path=path, text=path.read_text(encoding="utf-8"))
    mine = sorted(quad_line(q) for q in run_rule(store, shipped))
    theirs = sorted(quad_line(q) for q in run_rule(store, reference))
    assert len(theirs) > 10, theirs
    assert mine == theirs
    graph = f"<{iris.derived_graph(name)}> .\n"
    assert sorted(ln for ln in nquads.read_text(encoding="utf-8").splitlines(keepends=True)
                  if ln.endswith(graph)) == mine, "the build wrote the same"
    if shipped.focus:
        docs = sorted((g for g in store.named_graphs() if "/graph/doc/" in g.value), key=str)
        for doc in docs[:3]:
            nodes = sorted({t for q in store.quads_for_pattern(None, None, None, doc)
                            for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)},
                           key=str)
            focused = sorted(quad_line(q) for q in _run_focused(store, shipped, nodes))
            assert focused == [ln for ln in theirs
                               if ox.NamedNode(ln[1:ln.index(">")]) in nodes], doc


def test_the_synthetic_memberships_reach_events(built):
    lines = [ln for ln in built["synth"].read_text(encoding="utf-8").splitlines()
             if ln.endswith(f"<{iris.derived_graph('membership')}> .")]
    assert sum("indirectParty" in ln for ln in lines) > 10, lines[:5]
    assert sum("actsThrough" in ln for ln in lines) > 10, lines[:5]
