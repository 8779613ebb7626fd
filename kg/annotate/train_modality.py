"""Train the learned modality typer of ``kg annotate``'s claims from annotated documents.

Run:  python -m kg.annotate.train_modality          (from the repository root: every
annotated document of ``data/``, written to ``kg/annotate/models/modality.json``; the same
data gives the same bytes)
      python -m kg.annotate.train_modality --check  (exit 1 when the shipped file is not
what the data make)

Each document is drafted by the rules alone (no event model, no typer) with the generic list
of names; every claim the rules draft, but a report's ("X said", a reported fact whose words
the claim it reports also holds), is labelled with the modality most of the gold claims it
overlaps have (by count, then by the characters they share, then the first by name), among
those no other drafted claim already finds (overlaps with their modality) where there are
such; it is left out where it overlaps none. The label is so the modality that would find a
gold claim no other drafted claim finds, as ``benchmarks/annotate_eval.py`` counts them
(5-fold cross-validation over the 149 DEV documents: recall 0.790 against 0.778 with the
majority of all the gold claims overlapped, precision 0.802 and 0.800). The fit is
:func:`kg.annotate.speech_model.fit`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.annotate.modality_model import (
    DEFAULT_MODALITY_MODEL,
    MARGIN,
    MODALITY_FORMAT,
    ModalityRecorder,
    load_modality_typer,
)
from kg.annotate.speech_model import LinearTyper, typer_json

__all__ = ["label_claim", "examples", "train", "main"]


def _shared(start: int, end: int, anchors) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in anchors)


def label_claim(start: int, end: int, gold, others=()) -> str | None:
    """The modality most of the gold claims (``gold``: (anchors, modality) of each, anchors as
    (start, end)) overlapping ``start``-``end`` have: by count, then by the characters they
    share, then the first by name; among those none of the ``others`` ((start, end, modality)
    of the other drafted claims) finds, where there are such; None where none overlaps."""
    over = [(anchors, m) for anchors, m in gold if m and _shared(start, end, anchors) > 0]
    unfound = [(anchors, m) for anchors, m in over
               if not any(m == om and _shared(os_, oe, anchors) > 0 for os_, oe, om in others)]
    votes: dict[str, list[int]] = {}
    for anchors, modality in unfound or over:
        shared = _shared(start, end, anchors)
        if shared > 0 and modality:
            v = votes.setdefault(modality, [0, 0])
            v[0] += 1
            v[1] += shared
    if not votes:
        return None
    return max(sorted(votes), key=lambda m: (votes[m][0], votes[m][1]))


def examples(doc, onto, gazetteer, morphology=None) -> list[tuple[str, tuple[str, ...], str]]:
    """(key, features, label) of the labelled claims of one annotated document."""
    from kg.annotate.draft import draft

    text = Path(doc.text_path).read_text(encoding="utf-8")
    rec = ModalityRecorder()
    draft(text, doc_id="draft", text_name=Path(doc.text_path).name, gazetteer=gazetteer,
          onto=onto, date=doc.meta.date, morphology=morphology, parser="none", model="none",
          modality=rec)
    gold = []
    for it in doc.items:
        if it.type == "Claim" and it.anchors:
            vals = it.values.get("modality") or []
            v = vals[0] if vals else None
            gold.append(([(a.start, a.end) for a in it.anchors], getattr(v, "id", v)))
    out = []
    for k, (start, end, _rule, feats) in enumerate(rec.claims):
        if feats is None:  # a report: never re-typed
            continue
        others = [(s, e, m) for j, (s, e, m, _f) in enumerate(rec.claims) if j != k]
        lab = label_claim(start, end, gold, others)
        if lab is not None:
            out.append((f"{doc.id}:{start}:{end}", feats, lab))
    return out


def train(paths, documents: list[str] | None = None, **kw) -> LinearTyper:
    """The typer fitted on the annotated documents under ``paths``."""
    from kg.annotate.train import fit_typer

    kw.setdefault("margin", MARGIN)
    return fit_typer(paths, documents, examples,
                     trained_by="python -m kg.annotate.train_modality",
                     labels="per claim the rules draft (not a report's): the modality most of "
                            "the gold claims it overlaps have, among those no other drafted "
                            "claim finds where there are such", **kw)


def _json(typer: LinearTyper) -> str:
    return typer_json(typer, MODALITY_FORMAT)


def main(argv: list[str] | None = None) -> int:
    from kg.annotate.train import model_cli

    return model_cli(argv, description=__doc__.splitlines()[0],
                     default_out=DEFAULT_MODALITY_MODEL, load=load_modality_typer,
                     train=train, to_json=_json)


if __name__ == "__main__":
    sys.exit(main())
