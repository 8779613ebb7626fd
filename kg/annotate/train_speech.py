"""Train the learned speech-act typer of ``kg annotate`` from annotated documents.

Run:  python -m kg.annotate.train_speech          (from the repository root: every annotated
document of ``data/``, written to ``kg/annotate/models/speech.json``; the same data gives
the same bytes)
      python -m kg.annotate.train_speech --check  (exit 1 when the shipped file is not what
the data make)

Each document is drafted by the rules alone (no event model, no typer) with the generic list
of names; every speech act the rules draft (a class of kg:neutralSpeech's or
kg:speechRank's, :func:`kg.annotate.speech_model.speech_classes`) is labelled with the
class of the gold event whose quote holds its trigger (else overlaps it; the shortest), where
that class is one of them; the others are left out. The fit is :func:`kg.annotate.speech_model.fit`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.annotate.speech_model import (
    DEFAULT_SPEECH_MODEL,
    LinearTyper,
    SpeechRecorder,
    load_typer,
    speech_classes,
    typer_json,
)

__all__ = ["label_act", "examples", "train", "main"]


def label_act(start: int, end: int, quotes, speech: frozenset[str]) -> str | None:
    """The class of the gold event (``quotes``: (start, end, class) of each anchor) whose
    quote holds ``start``-``end`` (else overlaps it), the shortest, when one of
    ``speech``."""
    best = None
    for a, b, kind in quotes:
        if a <= start and end <= b:
            key = (0, b - a, a, kind)
        elif a < end and start < b:
            key = (1, b - a, a, kind)
        else:
            continue
        if best is None or key < best:
            best = key
    return best[3] if best is not None and best[3] in speech else None


def examples(doc, onto, gazetteer, morphology=None) -> list[tuple[str, tuple[str, ...], str]]:
    """(key, features, label) of the labelled speech acts of one annotated document."""
    from kg.annotate.draft import draft
    from kg.annotate.triggers import load_rules

    speech, _neutral = speech_classes(load_rules(onto))
    text = Path(doc.text_path).read_text(encoding="utf-8")
    rec = SpeechRecorder()
    draft(text, doc_id="draft", text_name=Path(doc.text_path).name, gazetteer=gazetteer,
          onto=onto, date=doc.meta.date, morphology=morphology, parser="none", model="none",
          speech=rec)
    quotes = [(a.start, a.end, it.type) for it in doc.items
              if onto.has_class(it.type) and onto.class_(it.type).is_a("Event")
              for a in it.anchors]
    out = []
    for start, end, _rule, feats, _ev in rec.acts:
        lab = label_act(start, end, quotes, speech)
        if lab is not None:
            out.append((f"{doc.id}:{start}", feats, lab))
    return out


def train(paths, documents: list[str] | None = None, **kw) -> LinearTyper:
    """The typer fitted on the annotated documents under ``paths``."""
    from kg.annotate.train import fit_typer

    return fit_typer(paths, documents, examples, trained_by="python -m kg.annotate.train_speech",
                     labels="per speech act the rules draft: the class of the gold event whose "
                            "quote holds (else overlaps) its trigger, when a speech class", **kw)


def main(argv: list[str] | None = None) -> int:
    from kg.annotate.train import model_cli

    return model_cli(argv, description=__doc__.splitlines()[0],
                     default_out=DEFAULT_SPEECH_MODEL, load=load_typer, train=train,
                     to_json=typer_json)


if __name__ == "__main__":
    sys.exit(main())
