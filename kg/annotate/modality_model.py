"""A learned typer of the modality of the claims the rules draft (``kg annotate``).

The rules give a claim its modality from the cue lexicon (:mod:`kg.annotate.claims`: "likely"
a prediction, "in our assessment" an assessment, no cue a reported fact, a present-tense
statement with no cue the author's assessment). On unseen text their largest error is the
line between a reported fact and an assessment ("He raised the stakes.", "Washington answered
in kind.": the writer's reading, told in the past tense) and what a quoted speaker says. This
module re-types each claim the rules draft with a linear model (multinomial logistic
regression over sparse features, the fit of :func:`kg.annotate.speech_model.fit`, trained by
:mod:`kg.annotate.train_modality` from the annotated documents of ``data/`` and shipped as
data in ``kg/annotate/models/modality.json``): the rules' modality and certainty, the cues
found in the claim (their kind and key, and their words), its tense, whether it reports a
speaker or is what one says, whether it is quoted, the lemmas of its words, its first words,
first-person words, the classes of the events it asserts, and its length. Inference is pure
Python.

A claim is re-typed only where the most probable modality beats the rules' by the typer's
``margin`` (:data:`MARGIN`), never a report's ("X said": a reported fact whose words the
claim it reports holds too) and never a hedged one to a reported fact ("could have been a
failure": the codebook's "a hedged statement is no plain fact"); a re-typed claim's events
take the status of its new modality (a prediction's events are hypothetical).

Measured by document-grouped 5-fold cross-validation over the 149 DEV documents (session
26, ``benchmarks/annotate_eval.py --cv-modality``: per fold the typer trained on the other
folds; the shipped event model and speech-act typer in both arms), claims with modality:
the rules' 4333 right of 5637 drafted, 4684 found of 6145 gold (P 0.77, R 0.76); with the
typer 4492 right, 4838 found (P 0.80, R 0.79). Tried by a quicker harness (the rules'
drafts cached once): labels by the majority of all the gold claims a claim overlaps (R 0.778
against 0.790 with the labels of :mod:`kg.annotate.train_modality`); margins 0.2-0.7 (0.5
best); re-typing reports too (recall down 0.03: a report and what it reports each find a
gold claim); the document's genre as a feature (no change; digits, names and a paragraph's
first or last sentence, kept, changed nothing either); never re-typing a claim with a
modality cue (-0.01 R).

Which typer: ``modality`` of :func:`kg.annotate.draft.draft`; when None, none where the draft
is the rules' alone (``model`` "none" or ``KG_ANNOTATE_MODEL=none``), else the environment
variable ``KG_ANNOTATE_MODALITY`` (a path to a typer file, or ``none``: the rules'
modalities), else the shipped file, where it exists (without it, the rules' modalities).
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.annotate.speech_model import LinearTyper, choose_typer, load_typer

__all__ = ["DEFAULT_MODALITY_MODEL", "MODALITY_FORMAT", "MARGIN", "ModalityRecorder",
           "features", "load_modality_typer", "modality_typer_from_env"]

DEFAULT_MODALITY_MODEL = Path(__file__).with_name("models") / "modality.json"
MODALITY_FORMAT = "kg-modality-typer/1"
MARGIN = 0.5  # how much more probable than the rules' modality one must be to replace it

_WORD = re.compile(r"n't|[A-Za-z][\w'’-]*|[\"“”:?]")
_STOP = frozenset("""a an the this these those of in on at by for to and or its their his
her it they he she is are was were be been being has have had as with from that which
who""".split())
_FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me", "ours"})
_SECOND_PERSON = frozenset({"you", "your"})


def _lemma(morph, w: str) -> str:
    low = w.lower()
    lem = sorted(morph.lemmas(w)) if w[0].isalpha() else []
    return lem[0] if lem and lem[0] else low


def features(text: str, s: int, e: int, *, rule: str, certainty: str, tense: str,
             found, inside: list[dict], flags: dict[str, bool], morph) -> tuple[str, ...]:
    """The features of the claim [s, e) the rules typed ``rule``: ``found`` its cues
    (``key_kind``, ``key``, span), ``inside`` the events it asserts, ``flags`` what the
    rules know of it (a report, a speaker's words, a statement, a heading, dated, future,
    a speaker named, negated)."""
    f = ["b", f"rule={rule}", f"cert={certainty}", f"tense={tense or 'none'}",
         f"rt={rule}_{tense or 'none'}"]
    f += [f"flag={k}" for k, v in sorted(flags.items()) if v]
    f += [f"rf={rule}_{k}" for k, v in sorted(flags.items()) if v]
    for c in found:
        f.append(f"cue={c.key_kind}:{c.key}")
        f.append(f"cw={text[c.start:c.end].lower()}")
    words = _WORD.findall(text[s:e])
    lem = [_lemma(morph, w) if w[0].isalpha() else w for w in words]
    for k, x in enumerate(lem[:2]):
        f.append(f"w{k}={x}")
    if len(lem) >= 2:
        f.append(f"w01={lem[0]}_{lem[1]}")
    for x in sorted(set(lem) - _STOP):
        if x and x[0].isalpha():
            f.append(f"w={x}")
    low = {w.lower() for w in words}
    if low & _FIRST_PERSON:
        f.append("first_person")
    if low & _SECOND_PERSON:
        f.append("second_person")
    if any(x in '"“”' for x in words):
        f.append("quoted")
        f.append(f"rq={rule}")
    if words and words[0] in '"“':
        f.append("quote_open")
    if "?" in words:
        f.append("question")
    n = len(words)
    f.append("len=" + ("1-4" if n < 5 else "5-9" if n < 10 else "10-19" if n < 20 else "20+"))
    for ev in inside:
        f.append(f"ev={ev['type']}")
    if not inside:
        f.append("no_event")
    return tuple(dict.fromkeys(f))


class ModalityRecorder:
    """Stands in for a typer in :func:`kg.annotate.claims.draft_claims`: keeps each
    claim's span, the rules' modality and its features (None for a report, which no typer
    re-types), re-types nothing (kg.annotate.train_modality, the cross-validation)."""

    def __init__(self) -> None:
        self.claims: list[tuple[int, int, str, tuple[str, ...] | None]] = []

    def choose(self, feats, rule_class: str) -> str:
        return rule_class


def load_modality_typer(path: str | Path | None = None) -> LinearTyper:
    """The typer in ``path`` (default: the shipped one); a file that is not one raises a
    one-line :class:`kg.errors.UsageError` naming it."""
    return load_typer(path or DEFAULT_MODALITY_MODEL, fmt=MODALITY_FORMAT,
                      what="modality typer")


def modality_typer_from_env(modality, rules_alone: bool):
    """The typer to use (:func:`kg.annotate.speech_model.choose_typer`): ``modality`` as
    given (a typer or recorder, a path, "none", "default"); when None, none where the draft is
    the rules' alone, else by ``KG_ANNOTATE_MODALITY`` (a path, or "none"), else the shipped
    file where it exists."""
    return choose_typer(modality, rules_alone, env="KG_ANNOTATE_MODALITY",
                        default=DEFAULT_MODALITY_MODEL, load=load_modality_typer)
