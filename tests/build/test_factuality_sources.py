"""The factuality rule across sources: one item reported by several documents (``same-as``).

Each case is an item of document ``a`` that documents ``b`` and ``c`` may also report, each
with its own status and claims. The verdicts are the rule's (ontology/rules/factuality.rq,
docs/sources.md "Factuality"): an item happened when one source reports it as having
happened (its status, if any, happened; none of its claims about the item denies it; one of
them is factive, or none asserts it); otherwise it is denied when a source's claim denies it,
else not happened when a source's status has not happened, else not asserted as fact. They
were checked against the rule as it was before it was rewritten to run in proportion to the
data, and :func:`test_the_rule_agrees_with_its_reference_form` keeps checking the rule against
that form (``factuality_reference.rq``, beside this file) on these cases.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
from kgtest import corpus_rule_input

from kg import iris
from kg.build import build
from kg.build.rules import load_rules, quad_line, run_rule
from kg.resources import ontology_dir

KG = "https://w3id.org/kg-toolkit/ontology#"
REFERENCE = Path(__file__).with_name("factuality_reference.rq")

# A claim: (modality, certainty, polarity), and "if" for a claim under a condition (that the
# item of case "narrated", in the same document, happens).
FACT = ("ReportedFact", "Certain", "Affirmative")
LIKELY = ("Assessment", "Likely", "Affirmative")
DENIAL = ("ReportedFact", "Certain", "Negative")
PREDICTION = ("Prediction", "Likely", "Affirmative")
POSSIBLE_FACT = ("ReportedFact", "Possible", "Affirmative")
UNLIKELY = ("Assessment", "Unlikely", "Affirmative")
RECOMMENDATION = ("Recommendation", "Certain", "Affirmative")
CONDITIONAL = ("Conditional", "Likely", "Affirmative")
FACT_IF = ("ReportedFact", "Certain", "Affirmative", "if")


@dataclasses.dataclass(frozen=True)
class Source:
    """What one document says of the case's item: its status (or none) and its claims."""

    status: str | None = None
    claims: tuple[tuple[str, ...], ...] = ()


# case -> (kind of item, {document: what it says}, expected verdict)
CASES: dict[str, tuple[str, dict[str, Source], str]] = {
    # one source
    "narrated": ("event", {"a": Source()}, "Factual"),
    "occurred": ("event", {"a": Source("Occurred", (FACT,))}, "Factual"),
    "hypothetical": ("event", {"a": Source("Hypothetical")}, "Unrealized"),
    "hypothetical-told-as-fact": ("event", {"a": Source("Hypothetical", (FACT,))},
                                  "Unrealized"),
    "denied": ("event", {"a": Source(None, (DENIAL,))}, "Denied"),
    "denied-and-affirmed": ("event", {"a": Source("Occurred", (FACT, DENIAL))}, "Denied"),
    "hypothetical-and-denied": ("event", {"a": Source("Hypothetical", (DENIAL,))}, "Denied"),
    "predicted": ("event", {"a": Source(None, (PREDICTION,))}, "Unasserted"),
    "possible-fact": ("event", {"a": Source("Occurred", (POSSIBLE_FACT,))}, "Unasserted"),
    "unlikely": ("event", {"a": Source(None, (UNLIKELY,))}, "Unasserted"),
    "recommended": ("event", {"a": Source("Occurred", (RECOMMENDATION,))}, "Unasserted"),
    "conditional-modality": ("event", {"a": Source(None, (CONDITIONAL,))}, "Unasserted"),
    "fact-under-condition": ("event", {"a": Source(None, (FACT_IF,))}, "Unasserted"),
    "one-factive-among-predictions": ("event", {"a": Source(None, (PREDICTION, LIKELY))},
                                      "Factual"),
    # several sources: one that reports it is enough
    "hypothetical-here-occurred-there": (
        "event", {"a": Source("Hypothetical"), "b": Source("Occurred")}, "Factual"),
    "denied-here-narrated-there": (
        "event", {"a": Source(None, (DENIAL,)), "b": Source()}, "Factual"),
    "predicted-here-fact-there": (
        "event", {"a": Source(None, (PREDICTION,)), "b": Source(None, (FACT,))}, "Factual"),
    "conditional-here-likely-there": (
        "event", {"a": Source(None, (FACT_IF,)), "b": Source(None, (LIKELY,))}, "Factual"),
    # several sources, none reports it: a denial first, then a status, else not asserted
    "predicted-here-denied-there": (
        "event", {"a": Source(None, (PREDICTION,)), "b": Source(None, (DENIAL,))}, "Denied"),
    "hypothetical-here-predicted-there": (
        "event", {"a": Source("Hypothetical"), "b": Source(None, (PREDICTION,))},
        "Unrealized"),
    "hypothetical-here-denied-there": (
        "event", {"a": Source("Hypothetical"), "b": Source(None, (DENIAL,))}, "Denied"),
    "possible-here-unlikely-there": (
        "event", {"a": Source(None, (POSSIBLE_FACT,)), "b": Source(None, (UNLIKELY,))},
        "Unasserted"),
    "three-sources-none-reports": (
        "event", {"a": Source("Hypothetical"), "b": Source(None, (DENIAL,)),
                  "c": Source("Occurred", (PREDICTION,))}, "Denied"),
    "three-sources-the-last-reports": (
        "event", {"a": Source("Hypothetical"), "b": Source(None, (DENIAL,)),
                  "c": Source("Ongoing", (LIKELY,))}, "Factual"),
    # relations and motives are decided the same way
    "relation-narrated": ("relation", {"a": Source()}, "Factual"),
    "relation-denied": ("relation", {"a": Source(None, (DENIAL,))}, "Denied"),
    "relation-predicted-here-likely-there": (
        "relation", {"a": Source(None, (PREDICTION,)), "b": Source(None, (LIKELY,))},
        "Factual"),
    "motive-narrated": ("motive", {"a": Source()}, "Factual"),
    "motive-unlikely": ("motive", {"a": Source(None, (UNLIKELY,))}, "Unasserted"),
    "motive-denied-here-fact-there": (
        "motive", {"a": Source(None, (DENIAL,)), "b": Source(None, (FACT,))}, "Factual"),
}

HEADER = """document:
  id: {doc}
  text: {doc}.txt
  type: AnalysisNewsArticle
  title: factuality across sources, document {doc}
  publisher: unknown
  author: Writer {doc}
  date: unknown
  language: en
  annotator: kg tests
annotations:
  - {{id: aland, type: State, label: Aland, mentions: [{{quote: Aland, occurrence: all}}]}}
  - {{id: bland, type: State, label: Bland, mentions: [{{quote: Bland, occurrence: all}}]}}
"""


def _item(kind: str, ident: str, quote: str) -> list[str]:
    if kind == "event":
        return [f"  - {{id: {ident}, type: NuclearThreat, quote: {quote}, agent: aland, "
                f"target: bland"]
    if kind == "relation":
        return [f"  - {{id: {ident}, type: Hostility, quote: {quote}, subject: aland, "
                f"object: bland"]
    return [f"  - {{id: {ident}, type: StrengthenCapabilities, quote: {quote}, "
            f"holder: aland"]


def write_cases(root: Path) -> Path:
    """Documents a, b and c holding every case; returns the corpus folder."""
    texts: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    anns: dict[str, list[str]] = {"a": [], "b": [], "c": []}
    for n, (case, (kind, sources, _verdict)) in enumerate(CASES.items()):
        for doc, said in sources.items():
            quote = f"Aland and Bland case {n} {doc}"
            texts[doc].append(f"{quote}.")
            line = _item(kind, case, quote)
            if doc != "a":
                line[-1] += f", same-as: a/{case}"
            if said.status:
                line[-1] += f", status: {said.status}"
            anns[doc].append(line[-1] + "}")
            for k, claim in enumerate(said.claims):
                cq = f"claim {k} of case {n} {doc}"
                texts[doc].append(f"{cq}.")
                modality, certainty, polarity = claim[:3]
                extra = ", if: narrated" if claim[3:] == ("if",) else ""
                anns[doc].append(
                    f"  - {{id: c-{case}-{k}, type: Claim, quote: {cq}, asserts: [{case}], "
                    f"modality: {modality}, certainty: {certainty}, polarity: {polarity}"
                    f"{extra}}}")
    corpus = root / "cases"
    corpus.mkdir()
    for doc in texts:
        (corpus / f"{doc}.txt").write_text("\n".join(texts[doc]) + "\n", encoding="utf-8")
        (corpus / f"{doc}.yaml").write_text(HEADER.format(doc=doc) + "\n".join(anns[doc])
                                            + "\n", encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def cases_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("factuality-sources")
    return build(write_cases(root), out=root / "out").out


def _verdicts(store: ox.Store) -> dict[str, tuple[str, str]]:
    graph = iris.derived_graph("factuality")
    rows = store.query(f"""SELECT ?x ?happened ?f WHERE {{ GRAPH <{graph}> {{
      ?x <{KG}happened> ?happened ; <{KG}factuality> ?f }} }}""")
    return {r["x"].value.rsplit("/", 1)[-1]: (r["happened"].value,
                                              r["f"].value.removeprefix(KG))
            for r in rows}


def test_each_case_gets_its_verdict(cases_build):
    store = ox.Store.read_only(str(cases_build / "store"))
    got = _verdicts(store)
    want = {case: ("true" if verdict == "Factual" else "false", verdict)
            for case, (_kind, _sources, verdict) in CASES.items()}
    assert {k: v for k, v in got.items() if k in want} == want, \
        sorted(set(want.items()) ^ {(k, v) for k, v in got.items() if k in want})
    assert set(got) == set(want), "only the cases' items are decided"


def test_the_cases_reach_every_verdict():
    assert {verdict for _k, _s, verdict in CASES.values()} == {
        "Factual", "Denied", "Unrealized", "Unasserted"}


def test_the_rule_agrees_with_its_reference_form(cases_build):
    """The rule as shipped (shaped to run in proportion to the data) derives the same
    statements as its reference form, the rule written plainly as it is documented
    (tests/build/test_rule_references.py does the same on other corpora)."""
    built = cases_build
    store = corpus_rule_input(built / "graph.nq", "factuality")
    shipped = next(r for r in load_rules(ontology_dir()) if r.name == "factuality")
    reference = dataclasses.replace(shipped, path=REFERENCE,
                                    text=REFERENCE.read_text(encoding="utf-8"))
    mine = sorted(quad_line(q) for q in run_rule(store, shipped))
    theirs = sorted(quad_line(q) for q in run_rule(store, reference))
    assert len(theirs) > 10
    assert mine == theirs
    # As a rebuild runs it: for the nodes an edit touched (here one document's), the same.
    from kg.build.incremental import _run_focused

    doc = sorted((g for g in store.named_graphs() if "/graph/doc/" in g.value), key=str)[1]
    nodes = sorted({t for q in store.quads_for_pattern(None, None, None, doc)
                    for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}, key=str)
    focused = sorted(quad_line(q) for q in _run_focused(store, shipped, nodes))
    assert focused, "the document's items are decided"
    assert focused == [ln for ln in theirs if ox.NamedNode(ln[1:ln.index(">")]) in nodes]
    graph = iris.derived_graph("factuality")
    in_build = sorted(ln + "\n" for ln in (built / "graph.nq").read_text(
        encoding="utf-8").splitlines() if ln.endswith(f"<{graph}> ."))
    assert in_build == mine
