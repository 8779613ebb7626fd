"""Precision and recall of `kg annotate` drafts against the seed annotation.

Run:  python benchmarks/annotate_eval.py   (from the repository root; prints a table)

Leave-one-out: the gazetteer never sees the seed annotation's own items. It is built
either from the Wikidata slice of the tests (tests/fixtures/link/wikidata-slice.ttl,
items typed through kg:wikidataClass) or from the generic list of states, capitals and
organizations shipped in kg/annotate/gazetteer.yaml; both are reported side by side.

- Actor mentions: a drafted mention of an actor is correct when it overlaps a gold
  mention of an actor (any actor); a gold mention is found when a drafted one overlaps it.
- Events: a drafted event (anchored on its trigger) is correct when its trigger lies
  inside an anchor of a gold event of the same type; a gold event is found when such a
  drafted event exists. "any type" relaxes the type condition.

Caveat: only the gazetteer is left out. The trigger lemmas of ontology/triggers.ttl were
written from the event classes' definitions by someone who had read the seed text, so the
event scores are in-sample and optimistic. ``--gold`` scores another annotated document
(e.g. tests/fixtures/network/corpus/two-blocs.yaml, whose made-up state names no gazetteer
knows).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "data" / "cfr-2022-north-korea-provocations.yaml"
SLICE = ROOT / "tests" / "fixtures" / "link" / "wikidata-slice.ttl"


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spans_of(doc, onto, base: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, item id) of every anchor of items of class ``base``."""
    return [(a.start, a.end, it.type, it.id) for it in doc.items
            if onto.has_class(it.type) and onto.class_(it.type).is_a(base) for a in it.anchors]


def evaluate(gold, draft, onto) -> dict[str, tuple]:
    g_act, d_act = spans_of(gold, onto, "Actor"), spans_of(draft, onto, "Actor")

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    actors = _prf(sum(any(overlaps(d, g) for g in g_act) for d in d_act), len(d_act),
                  sum(any(overlaps(g, d) for d in d_act) for g in g_act), len(g_act))
    g_ev = [it for it in gold.items
            if onto.has_class(it.type) and onto.class_(it.type).is_a("Event")]
    d_ev = spans_of(draft, onto, "Event")

    def inside(d, g_item, same_type):
        return (not same_type or d[2] == g_item.type) and any(
            a.start <= d[0] and d[1] <= a.end for a in g_item.anchors)

    out = {"actor mentions": (*actors, len(d_act), len(g_act))}
    for name, same in (("events (same type)", True), ("events (any type)", False)):
        prf = _prf(sum(any(inside(d, g, same) for g in g_ev) for d in d_ev), len(d_ev),
                   sum(any(inside(d, g, same) for d in d_ev) for g in g_ev), len(g_ev))
        out[name] = (*prf, len(d_ev), len(g_ev))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SEED)
    args = ap.parse_args(argv)

    from kg.annotate import draft_file
    from kg.annotate.gazetteer import Gazetteer
    from kg.loaders import load_corpus
    from kg.ontology import load_ontology

    onto = load_ontology()
    gold = load_corpus(args.gold, ontology=onto).documents[0]
    text = Path(gold.text_path)
    gazetteers = {}
    if SLICE.is_file():
        gazetteers["wikidata slice"] = Gazetteer()
        gazetteers["wikidata slice"].add_wikidata_slice(SLICE, onto)
    gazetteers["generic list"] = Gazetteer()
    gazetteers["generic list"].add_yaml()
    print(f"gold: {args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold}"
          f" ({len(gold.items)} items); leave-one-out gazetteers: {', '.join(gazetteers)}")
    print(f"{'gazetteer':16} {'measure':20} {'P':>6} {'R':>6} {'F1':>6} {'drafted':>8} {'gold':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, gaz in gazetteers.items():
            out = Path(tmp) / f"{name.replace(' ', '-')}.yaml"
            draft_file(text, out, doc_id="draft", date=gold.meta.date, gazetteer=gaz, onto=onto)
            draft = load_corpus(out, ontology=onto).documents[0]
            for measure, (p, r, f, nd, ng) in evaluate(gold, draft, onto).items():
                print(f"{name:16} {measure:20} {p:6.2f} {r:6.2f} {f:6.2f} {nd:8d} {ng:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
