"""The factuality rule (ontology/rules/factuality.rq) on items of every status and polarity.

Expected verdicts are written from the fixture's text (tests/fixtures/factuality/statuses.txt):
"launched" happened, "could conduct" did not, "did not threaten" is denied, "possibly pledged"
and "will threaten ... if talks fail" are not asserted as fact.
"""

from __future__ import annotations

import pyoxigraph as ox
from conftest import STATUSES_VERDICTS

KG = "https://w3id.org/kg-toolkit/ontology#"
DOC = "https://w3id.org/kg-toolkit/id/doc/statuses/"
GRAPH = "https://w3id.org/kg-toolkit/id/graph/derived/factuality"
LABEL = "https://w3id.org/kg-toolkit/id/graph/derived/display-labels"


def _verdicts(store) -> dict[str, tuple[str, str]]:
    rows = store.query(f"""SELECT ?x ?happened ?label WHERE {{
      GRAPH <{GRAPH}> {{ ?x <{KG}happened> ?happened ; <{KG}factuality> ?f }}
      GRAPH <{LABEL}> {{ ?f <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }}""")
    return {r["x"].value.removeprefix(DOC): (r["happened"].value, r["label"].value)
            for r in rows.dicts()}


def test_every_event_relation_and_motive_gets_one_verdict(statuses_store):
    got = _verdicts(statuses_store)
    want = {item: ("true" if verdict == "happened" else "false", verdict)
            for item, verdict in STATUSES_VERDICTS.items()}
    assert got == want, sorted(set(got.items()) ^ set(want.items()))


def test_actors_claims_and_times_are_not_decided(statuses_store):
    got = _verdicts(statuses_store)
    assert [x for x in got if not x.startswith(("ev-", "r-", "m-"))] == [], sorted(got)


def test_the_derived_graph_is_described_in_the_provenance_graph(statuses_store):
    rows = statuses_store.query(f"""ASK {{ GRAPH <https://w3id.org/kg-toolkit/id/graph/provenance>
      {{ <{GRAPH}> a <{KG}DerivedGraph> ; <{KG}rule> ?rule }} }}""")
    assert rows.boolean, "the factuality graph is described like every derived graph"


def _verdict_of(tmp_path, text: str, annotations: str) -> str:
    """Build a one-document corpus and return the verdict on its item ``x``."""
    from kg.build import build

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.txt").write_text(text, encoding="utf-8")
    (corpus / "d.yaml").write_text(f"""document:
  id: d
  text: d.txt
  type: AnalysisNewsArticle
  title: t
  publisher: unknown
  author: A. Writer
  date: unknown
  language: en
  annotator: kg tests
annotations:
  - {{id: aland, type: State, label: Aland, quote: Aland}}
  - {{id: bland, type: State, label: Bland, quote: Bland}}
{annotations}""", encoding="utf-8")
    result = build(corpus, out=tmp_path / "out")
    store = ox.Store.read_only(str(result.store))
    return _verdicts_of(store)["x"]


def _verdicts_of(store) -> dict[str, str]:
    rows = store.query(f"SELECT ?x ?f WHERE {{ GRAPH <{GRAPH}> {{ ?x <{KG}factuality> ?f }} }}")
    return {r["x"].value.rsplit("/", 1)[-1]: r["f"].value.removeprefix(KG) for r in rows}


def test_a_denial_in_one_claim_outweighs_an_affirmation_in_the_same_source(tmp_path):
    ann = """  - {id: x, type: NuclearThreat, quote: Aland threatened Bland, agent: aland,
     target: bland, status: Occurred}
  - {id: c1, type: Claim, quote: Aland threatened Bland, asserts: [x], modality: ReportedFact,
     certainty: Certain, polarity: Affirmative}
  - {id: c2, type: Claim, quote: it did not, asserts: [x], modality: Assessment,
     certainty: Certain, polarity: Negative}
"""
    assert _verdict_of(tmp_path, "Aland threatened Bland; it did not.", ann) == "Denied"


def test_one_factive_claim_among_predictions_is_enough(tmp_path):
    ann = """  - {id: x, type: NuclearThreat, quote: Aland threatened Bland, agent: aland,
     target: bland}
  - {id: c1, type: Claim, quote: Aland threatened Bland, asserts: [x], modality: Prediction,
     certainty: Likely, polarity: Affirmative}
  - {id: c2, type: Claim, quote: it did, asserts: [x], modality: Assessment,
     certainty: Likely, polarity: Affirmative}
"""
    assert _verdict_of(tmp_path, "Aland threatened Bland; it did.", ann) == "Factual"


def test_an_unlikely_reported_fact_is_not_asserted_as_fact(tmp_path):
    ann = """  - {id: x, type: NuclearThreat, quote: Aland threatened Bland, agent: aland,
     target: bland}
  - {id: c1, type: Claim, quote: Aland threatened Bland, asserts: [x], modality: ReportedFact,
     certainty: Unlikely, polarity: Affirmative}
"""
    assert _verdict_of(tmp_path, "Aland threatened Bland.", ann) == "Unasserted"


def test_every_concept_the_rule_reads_is_flagged_in_the_ontology(onto):
    """A status, modality, certainty or polarity added to the ontology must say how it counts."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    flags = {"EventStatusScheme": "happened", "ModalityScheme": "factive",
             "CertaintyScheme": "factive", "PolarityScheme": "denies"}
    missing = sorted(str(c) for scheme, flag in flags.items()
                     for c in onto.graph.subjects(SKOS.inScheme, URIRef(KG + scheme))
                     if onto.graph.value(c, URIRef(KG + flag)) is None)
    assert missing == [], missing
