"""A learned typer of the speech acts the rules draft (``kg annotate``).

The rules type a speech act by its verb ("accused", "denied") or, for a neutral one ("said",
"warned", "a statement"), by the acts the drafter finds in what it says
(:mod:`kg.annotate.speech`); on unseen text their largest error is a neutral act left a
kg:PublicStatement that the annotators read as a threat or an accusation. This module types
each speech act the rules draft (a class of kg:neutralSpeech's or kg:speechRank's) with a
linear model (multinomial logistic regression over sparse features, trained by
:mod:`kg.annotate.train_speech` from the annotated documents of ``data/`` and shipped as
data in ``kg/annotate/models/speech.json``): the rules' class, the trigger's words, the
lemmas of what it says (up to the next speech act or the sentence's end, at most
:data:`COMPLEMENT_WORDS` words: "would", "nuclear", "provocation", "violation", "condemn"),
the words before it ("in a statement"), who speaks (the outermost owner of its agent in the
gazetteer), the classes, status and side of the acts the rules drafted in what it says,
negation, modals and quotes. Inference is pure Python; the features read the rules' draft
alone (not the event model's added events), so the typer is the same with or without it.

Only an act the rules left of a neutral class (kg:neutralSpeech's: kg:PublicStatement) is
retyped (:func:`speech_classes`), and only where the most probable class beats the rules'
by the typer's ``margin`` (:data:`MARGIN`).

Measured (session 17) by document-grouped 5-fold cross-validation over the 93 DEV documents
(folds by a hash of the file name; per fold the typer trained on the other folds,
``benchmarks/annotate_eval.py --cv-speech``, the shipped event model in both), events (same
type) summed over the folds: the rules' typing right 3234 of 4096 drafted, found 2347 of
2976 gold; with the typer right 3242, found 2349 (P 0.790 -> 0.792, R 0.789 -> 0.789). A
small gain, some 40 acts retyped. On drafts by the rules alone (no event model), right 2116
-> 2121 of 2821, found 1854 -> 1858 of 2976; with five other fold assignments (5 and 10
folds) the change was -1 to +3 right and -2 to +2 found (one assignment lost 1 right and 2
found): the gain is near the noise. Tried and dropped (with kg:DefenseCommitment among the
labels, an earlier version): retyping every speech class (margin 0.2: +2 right; 0.1: -4),
without the rules' class as a feature while retyping every class (far worse: -66 to -35
right), a typer trained on the rules' kg:PublicStatement acts alone (-4 to +5 right by the
fold assignment), margins 0.0-0.5 (0.2 and 0.3 best).

Which typer: ``speech`` of :func:`kg.annotate.draft.draft`; when None, none where the draft
is the rules' alone (``model`` "none" or ``KG_ANNOTATE_MODEL=none``), else the environment
variable ``KG_ANNOTATE_SPEECH`` (a path to a typer file, or ``default``: the shipped file),
else none: the rules' types. The typer is opt-in since session 37: on the unseen briefs of
the eight held-out sets 29-37 it gained 5 right events (sets 29, 34 and 37) and lost 7 (sets
30, 32, 33 and 35), where its cross-validation promised a gain within noise
(docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.annotate.text import MODAL_VERBS
from kg.errors import UsageError

__all__ = ["LinearTyper", "SpeechTyper", "SpeechRecorder", "speech_classes", "DEFAULT_SPEECH_MODEL",
           "SPEECH_FORMAT", "features", "retype", "fit", "typer_json", "load_typer",
           "choose_typer", "typer_from_env"]

DEFAULT_SPEECH_MODEL = Path(__file__).with_name("models") / "speech.json"
SPEECH_FORMAT = "kg-speech-typer/1"
MARGIN = 0.2  # how much more probable than the rules' class a class must be to replace it
COMPLEMENT_WORDS = 20  # the words after a trigger read as what it says
BEFORE_WORDS = 5  # the words before a trigger read (in its sentence)

_WORD = re.compile(r"n't|[A-Za-z][\w'’-]*|[\"“”:]")
_NEG = frozenset({"not", "n't", "never", "no", "nor", "neither", "without"})
_MODAL = MODAL_VERBS
_STOP = frozenset("""a an the this these those of in on at by for to and or its their his
her it they he she we is are was were be been being has have had as with from that which
who""".split())


def _lemma(morph, w: str) -> str:
    low = w.lower()
    lem = sorted(morph.lemmas(w)) if w[0].isalpha() else []
    return lem[0] if lem and lem[0] else low


def _side_top(ids, owner: dict[str, str | None]) -> str | None:
    """The outermost owner of the first actor of ``ids`` (a ministry's state)."""
    if not ids:
        return None
    a = ids[0]
    seen = set()
    while owner.get(a) and a not in seen:
        seen.add(a)
        a = owner[a] or a
    return a


def _ids(value) -> list[str]:
    return [] if not value else [value] if isinstance(value, str) else list(value)


def speech_classes(rules) -> tuple[frozenset[str], frozenset[str]]:
    """The classes of the speech acts the rules draft (kg:neutralSpeech's and
    kg:speechRank's: the typer's labels) and those of them it may replace: the neutral ones
    alone (retyping the specific acts too, "accused", "denied", lost right events by
    cross-validation)."""
    neutral = frozenset(rules.speech_classes)
    return neutral | frozenset(rules.speech_rank), neutral


def features(text: str, trig, ev: dict, order: list[tuple], sent: tuple[int, int], *,
             speech: frozenset[str], owner: dict[str, str | None], types: dict[str, str],
             morph) -> tuple[str, ...]:
    """The features of the speech act ``ev`` (its trigger ``trig``) in its sentence
    ``sent``: the rules' class, the trigger's words, the words of what it says (up to the
    next speech act or the end of the sentence, at most :data:`COMPLEMENT_WORDS`), the
    words before it, the classes and status of the acts the rules drafted in what it says
    and whose side does them, who speaks (the outermost owner of its agent), negation,
    modals and quotes. ``order``: (trigger, event) of the whole text by start."""
    f = ["b", f"rule={ev['type']}"]
    tw = _WORD.findall(text[trig.start:trig.end])
    if tw:
        f += [f"t0={_lemma(morph, tw[0])}", f"tw={tw[0].lower()}",
              f"t1={_lemma(morph, tw[-1])}"]
        f.append(f"rt={ev['type']}_{_lemma(morph, tw[0])}")
    stop = next((t.start for t, e in order if trig.end <= t.start < sent[1]
                 and e["type"] in speech and t is not trig), sent[1])
    comp = _WORD.findall(text[trig.end:stop])[:COMPLEMENT_WORDS]
    lem = [_lemma(morph, w) if w[0].isalpha() else w for w in comp]
    for k, x in enumerate(lem[:2]):
        f.append(f"c{k + 1}={x}")
    if len(lem) >= 2:
        f.append(f"c12={lem[0]}_{lem[1]}")
    for x in sorted(set(lem) - _STOP):
        if x and x[0].isalpha():
            f.append(f"c={x}")
    if any(x in _NEG for x in lem):
        f.append("neg")
    if any(x in _MODAL for x in lem):
        f.append("modal")
    if any(x in '"“”:' for x in comp[:3]):
        f.append("q_open")
    if re.search(r"[\"“”]", text[sent[0]:sent[1]]):
        f.append("q_sent")
    before = _WORD.findall(text[sent[0]:trig.start])[-BEFORE_WORDS:]
    blem = [_lemma(morph, w) if w[0].isalpha() else w for w in before]
    if blem:
        f.append(f"b1={blem[-1]}")
    for x in sorted(set(blem) - _STOP):
        if x and x[0].isalpha():
            f.append(f"bw={x}")
    speaker = _ids(ev.get("agent"))
    top = _side_top(speaker, owner)
    f.append(f"spk={top}" if top else "spk=none")
    if speaker:
        f.append(f"spkt={types.get(speaker[0], '?')}")
    for t, e in order:
        if not trig.end <= t.start < stop or t is trig:
            continue
        f.append(f"ce={e['type']}")
        status = e.get("status")
        if status:
            f.append(f"ce={e['type']}/{status}")
        agents = _ids(e.get("agent"))
        if agents and top:
            mine = _side_top(agents, owner) == top
            f.append(f"cs={'own' if mine else 'other'}")
            f.append(f"cs={e['type']}/{'own' if mine else 'other'}")
    return tuple(dict.fromkeys(f))


@dataclass
class LinearTyper:
    """Class weights per feature (multinomial logistic regression) and the margin by which
    a class must beat the rules' to replace it: the speech-act typer of this module and the
    claims' modality typer (:mod:`kg.annotate.modality_model`) alike."""

    labels: list[str]
    weights: dict[str, dict[str, float]]
    margin: float = MARGIN
    header: dict = field(default_factory=dict)

    def probabilities(self, feats) -> dict[str, float]:
        score = dict.fromkeys(self.labels, 0.0)
        for f in feats:
            for label, w in self.weights.get(f, {}).items():
                score[label] += w
        top = max(score.values())
        exp = {k: math.exp(v - top) for k, v in score.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def choose(self, feats, rule_class: str) -> str:
        """The class of a speech act the rules typed ``rule_class``: the most probable one
        where it beats the rules' by :attr:`margin`, else the rules'."""
        probs = self.probabilities(feats)
        best = max(self.labels, key=lambda k: (probs[k], -self.labels.index(k)))
        if best != rule_class and probs[best] - probs.get(rule_class, 0.0) >= self.margin:
            return best
        return rule_class


SpeechTyper = LinearTyper  # the name before the modality typer shared it


class SpeechRecorder:
    """Stands in for a typer in :func:`retype`: keeps each speech act's features, retypes
    nothing (kg.annotate.train_speech, the cross-validation)."""

    def __init__(self) -> None:
        self.acts: list[tuple[int, int, str, tuple[str, ...], dict]] = []
        self.events: list[tuple[int, int, dict]] = []

    def choose(self, feats, rule_class: str) -> str:
        return rule_class


def retype(typer, text: str, events: list[dict], triggers, sents, *, skip,
           speech: frozenset[str], neutral: frozenset[str], owner: dict[str, str | None],
           types: dict[str, str], morph) -> None:
    """Retype in place by ``typer`` each speech act the rules drafted as a class of
    ``neutral`` (its trigger not in ``skip``; ``speech``: the classes of speech acts, whose
    features a recorder keeps, :func:`speech_classes`)."""
    from kg.annotate.text import sentence_of

    every = sorted(zip(triggers, events, strict=True), key=lambda te: te[0].start)
    # the learned model's events are left out: the typer reads the rules' draft alone
    order = [(t, e) for t, e in every if (t.start, t.end, t.key) not in skip]
    rec = typer if isinstance(typer, SpeechRecorder) else None
    if rec is not None:
        rec.events += [(t.start, t.end, e) for t, e in every]
    acts = []  # all read before any is retyped: the features are the rules' draft's
    for trig, ev in order:
        if ev["type"] not in speech:
            continue
        sent = sentence_of(sents, trig.start) or (0, len(text))
        acts.append((trig, ev, features(text, trig, ev, order, sent, speech=speech, owner=owner,
                                        types=types, morph=morph)))
    for trig, ev, feats in acts:
        if rec is not None:
            rec.acts.append((trig.start, trig.end, ev["type"], feats, ev))
        if ev["type"] in neutral:
            ev["type"] = typer.choose(feats, ev["type"])


def _order(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


EPOCHS = 8
LEARNING_RATE = 0.2
MIN_COUNT = 2
PRUNE = 0.05


def fit(data: list[tuple[str, tuple[str, ...], str]], *, epochs: int = EPOCHS,
        rate: float = LEARNING_RATE, min_count: int = MIN_COUNT, margin: float = MARGIN,
        header: dict | None = None) -> LinearTyper:
    """Multinomial logistic regression over ``data`` ((key, features, label); the key, a
    document and an offset, orders the examples), deterministic: the same data give the
    same weights."""
    counts: dict[str, int] = {}
    for _k, feats, _l in data:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, n in counts.items() if n >= min_count}
    labels = sorted({lab for _k, _f, lab in data})
    index = {lab: k for k, lab in enumerate(labels)}
    rows = sorted(((_order(k), [f for f in feats if f in keep], index[lab])
                   for k, feats, lab in data), key=lambda r: r[0])
    n = len(labels)
    weights: dict[str, list[float]] = {f: [0.0] * n for f in sorted(keep)}
    for epoch in range(epochs):
        lr = rate / (1 + epoch)
        for _key, row_feats, y in rows:
            vecs = [weights[f] for f in row_feats]
            score = [sum(col) for col in zip(*vecs, strict=True)] if vecs else [0.0] * n
            top = max(score)
            exp = [math.exp(s - top) for s in score]
            total = sum(exp)
            grad = [e / total for e in exp]
            grad[y] -= 1.0
            for k, g in enumerate(grad):
                step = lr * g
                for v in vecs:
                    v[k] -= step
    from kg.annotate.train import DIGITS, weight_table

    table = weight_table(weights, labels, PRUNE)
    head = dict(header or {})
    head.update({"epochs": epochs, "learning_rate": rate, "min_count": min_count,
                 "examples": len(rows), "digits": DIGITS, "prune": PRUNE})
    return LinearTyper(labels, table, margin, head)


def typer_json(typer: LinearTyper, fmt: str = SPEECH_FORMAT) -> str:
    """The typer file's text (of format ``fmt``): sorted keys, weights as label indexes, one
    feature a line."""
    index = {lab: k for k, lab in enumerate(typer.labels)}
    lines = ["{", f'"format": {json.dumps(fmt)},',
             f'"header": {json.dumps(typer.header, sort_keys=True)},',
             f'"labels": {json.dumps(typer.labels)},',
             f'"margin": {json.dumps(typer.margin)},', '"weights": {']
    feats = sorted(typer.weights)
    for k, f in enumerate(feats):
        row = {str(index[lab]): w for lab, w in sorted(typer.weights[f].items(),
                                                         key=lambda kv: index[kv[0]])}
        lines.append(f"{json.dumps(f)}: {json.dumps(row)}" + ("," if k + 1 < len(feats)
                                                              else ""))
    lines += ["}", "}"]
    return "\n".join(lines) + "\n"


def load_typer(path: str | Path | None = None, fmt: str = SPEECH_FORMAT,
               what: str = "speech typer") -> LinearTyper:
    """The typer in ``path`` (default: the shipped one), of format ``fmt``; a file that is
    not one raises a one-line :class:`kg.errors.UsageError` naming it (a ``what``)."""
    p = Path(path) if path else DEFAULT_SPEECH_MODEL
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{p}: cannot read the {what}: {exc.strerror}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{p}: not a {what} (invalid JSON: {exc})".replace("\n", " ")) \
            from None
    try:
        if data["format"] != fmt:
            raise UsageError(f"{p}: {what} format {data['format']!r}, expected {fmt!r}")
        labels = [str(x) for x in data["labels"]]
        weights = {str(f): {labels[int(i)]: float(w) for i, w in row.items()}
                   for f, row in data["weights"].items()}
        margin = float(data["margin"])
    except UsageError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise UsageError(f"{p}: not a {what} ({type(exc).__name__}: {exc})"
                         .replace("\n", " ")) from None
    header = data.get("header", {})
    return LinearTyper(labels, weights, margin, header if isinstance(header, dict) else {})


_CACHE: dict[tuple[str, str | None], LinearTyper] = {}


def choose_typer(given, rules_alone: bool, *, env: str, default: Path, load,
                 unset: str = "default"):
    """A learned typer of the drafter: ``given`` as given (a typer or recorder, a path,
    "none", "default"); when None, none where the draft is the rules' alone, else by the
    environment variable ``env`` (a path, "none", or "default": the file ``default``), else
    as ``unset`` says ("default": the file ``default`` where it exists, without it none;
    "none": none). ``load(path)`` reads one (None: the default); each is read once."""
    if given is not None and hasattr(given, "choose"):
        return given
    if given is None and rules_alone:
        return None
    choice = given if given is not None else os.environ.get(env, unset)
    if str(choice).lower() == "none":
        return None
    path = None if str(choice).lower() == "default" else str(choice)
    if path is None and not default.exists():
        return None
    if (env, path) not in _CACHE:
        _CACHE[(env, path)] = load(path)
    return _CACHE[(env, path)]


def typer_from_env(speech, rules_alone: bool):
    """The speech-act typer to use (:func:`choose_typer`): ``speech`` as given; when None,
    none where the draft is the rules' alone (``model`` "none" or ``KG_ANNOTATE_MODEL=none``),
    else by ``KG_ANNOTATE_SPEECH`` (a path, or "default": the shipped file), else none: the
    typer is opt-in (the rules' types): on unseen text it lost 2 right events net over the
    held-out sets 29-37 (docs/benchmarks.md)."""
    return choose_typer(speech, rules_alone, env="KG_ANNOTATE_SPEECH",
                        default=DEFAULT_SPEECH_MODEL, load=load_typer, unset="none")
