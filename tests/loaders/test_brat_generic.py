"""brat in, for a generic schema: roles per brat type, defaults per type, corpus items by name.

A collection annotated with a schema of its own (Country, Veto, Assessment, Prediction; the
roles Agent and Theme) is built together with a native document that defines the corpus's
actors: "U.S." in the brat file is the corpus's united-states, a Theme is 'affects' for a veto
and 'asserts' for an assessment, a Prediction has that modality without saying so, and a
Wikidata normalization that contradicts the corpus is an error naming both places.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import iris
from kg.build import build
from kg.errors import AnnotationError
from kg.loaders import load_corpus

TEXT = "The U.S. said China vetoed the draft. It expects more launches.\n"
CONF = """[entities]
Country
Draft
[relations]
[events]
Veto\tAgent:Country, Theme:Draft
Assessment\tTheme:Veto
Prediction\tTheme:Veto
[attributes]
"""
MAPPING = """types:
  Country: State
  Draft: Resolution
  Veto: ResolutionBlocking
  Assessment: Claim
  Prediction: Claim
keys:
  Agent: agent
roles:
  Veto: {Theme: affects}
  Assessment: {Theme: asserts}
  Prediction: {Theme: asserts}
defaults:
  Assessment: {modality: Assessment, certainty: Certain, polarity: Affirmative}
  Prediction: {modality: Prediction, polarity: Affirmative}
  Veto: {status: Occurred}
items:
  U.S.: united-states
"""


def _spans(text: str, words: list[str]) -> dict[str, tuple[int, int]]:
    out = {}
    for w in words:
        s = text.index(w)
        out[w] = (s, s + len(w))
    return out


def _ann(norm: str = "") -> str:
    sp = _spans(TEXT, ["U.S.", "China", "vetoed", "the draft", "The U.S. said China vetoed "
                       "the draft.", "It expects more launches."])
    rows = [("T1", "Country", "U.S."), ("T2", "Country", "China"), ("T3", "Veto", "vetoed"),
            ("T4", "Draft", "the draft"),
            ("T5", "Assessment", "The U.S. said China vetoed the draft."),
            ("T6", "Prediction", "It expects more launches.")]
    lines = [f"{t}\t{typ} {sp[w][0]} {sp[w][1]}\t{w}" for t, typ, w in rows]
    lines += ["E1\tVeto:T3 Agent:T2 Theme:T4", "E2\tAssessment:T5 Theme:E1",
              "E3\tPrediction:T6 Theme:E1"]
    return "\n".join(lines) + "\n" + norm


NATIVE = """document:
  id: corpus-actors
  text: corpus-actors.txt
annotations:
  - id: united-states
    type: State
    label: United States
    wikidata: Q30
    quote: United States
  - id: china
    type: State
    label: China
    wikidata: Q148
    quote: China
"""


def _collection(tmp_path: Path, norm: str = "") -> Path:
    src = tmp_path / "corpus"
    src.mkdir()
    (src / "annotation.conf").write_text(CONF)
    (src / "kg-mapping.yaml").write_text(MAPPING)
    (src / "veto.txt").write_text(TEXT)
    (src / "veto.ann").write_text(_ann(norm))
    (src / "corpus-actors.txt").write_text("United States and China.\n")
    (src / "corpus-actors.yaml").write_text(NATIVE)
    return src


def test_generic_schema_maps_roles_defaults_and_corpus_items(tmp_path):
    out = build(_collection(tmp_path), out=tmp_path / "out")
    store = ox.Store.read_only(str(out.out / "store"))
    pre = "".join(f"PREFIX {k}: <{v}>\n" for k, v in iris.PREFIXES.items())

    def ask(q: str) -> list[tuple]:
        return sorted(tuple(t.value for t in r)
                      for r in store.query(pre + q, use_default_graph_as_union=True))

    g = f"<{iris.doc_graph('veto')}>"
    # "U.S." is the corpus's united-states: no new actor named after the mention.
    actors = ask(f"SELECT ?a WHERE {{ GRAPH {g} {{ ?a a kg:State }} }}")
    assert actors == [(iris.corpus_item("china"),), (iris.corpus_item("united-states"),)], actors
    veto = iris.doc_item("veto", "E1")
    assert ask(f"SELECT ?o WHERE {{ <{veto}> kg:object ?o }}") == [(iris.doc_item("veto", "T4"),)]
    assert ask(f"SELECT ?s WHERE {{ <{veto}> kg:status ?s }}") == [(iris.KG_NS + "Occurred",)]
    claims = ask("SELECT ?c ?m ?x WHERE { ?c kg:modality ?m ; kg:asserts ?x }")
    assert claims == [(iris.doc_item("veto", "E2"), iris.KG_NS + "Assessment", veto),
                      (iris.doc_item("veto", "E3"), iris.KG_NS + "Prediction", veto)], claims


def test_a_wikidata_normalization_that_contradicts_the_corpus_is_an_error(tmp_path):
    src = _collection(tmp_path, "N1\tReference T1 Wikidata:Q148\tU.S.\n")
    with pytest.raises(AnnotationError) as err:
        load_corpus(src)
    msgs = [str(p) for p in err.value.problems]
    hit = [m for m in msgs if "Wikidata ID" in m]
    assert hit and "veto.ann:" in hit[0] and "corpus-actors.yaml:" in hit[0], msgs
    assert "Q148" in hit[0] and "Q30" in hit[0], hit


def test_a_mapping_section_that_is_not_a_mapping_is_a_located_error(tmp_path):
    src = _collection(tmp_path)
    (src / "kg-mapping.yaml").write_text(MAPPING.replace("  Veto: {Theme: affects}",
                                                         "  Veto: affects"))
    with pytest.raises(AnnotationError) as err:
        load_corpus(src)
    assert "'roles: Veto' must be a mapping" in str(err.value), err.value
