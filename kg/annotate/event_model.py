"""A learned event detector and typer that adds to the rules' events (``kg annotate``).

The rules (:mod:`kg.annotate.triggers`) draft an event where a word of the trigger lexicon
stands; the annotated documents also tell events without one ("the first such flight in five
years", "a show of force") and type some by their context. This module scores every content
word of a text's sentences with a linear model (multinomial logistic regression over sparse
features, learned from the annotated documents of ``data/`` by :mod:`kg.annotate.train` and
shipped as data in ``kg/annotate/models/events.json``): the event class of the gold event
whose quote holds the word, or none. Inference is pure Python; the features come from kg's
own tokenizer and lemmas (:mod:`kg.annotate.morph`), the trigger lexicon and the rules'
draft (the class a lexicon word signals, the events and references the rules found, names
and times near the word), never from the optional parser, so a draft is the same with or
without spaCy.

How the predictions join the rules' events (:meth:`EventModel.apply`, measured by
leave-one-document-out cross-validation, ``benchmarks/annotate_eval.py --cv``): words
predicted as an event with a probability of at least the model's ``threshold`` form runs
(adjacent predicted words of one class in one clause); a run that holds or touches no
trigger or reference of the rules becomes an event anchored on its most probable word,
with that probability as its confidence. The rules' own events stay as they are: a model
may also drop the triggers it reads as no event (``veto_threshold``, :meth:`EventModel.
vetoed`), but the shipped one does not (measured: precision up 0.01, recall down as much);
nor does it re-type them (measured: the rules type better than the model; again in session
10 (at 09f750d) by ``--cv`` over 40 DEV documents, same-type F1 0.677 with the rules' types:
re-typing where another class beat the rule's by a margin of 0.2 gave 0.670 among the
classes the trigger word can signal and 0.650 among all; with the content words after a
trigger as features 0.671 without re-typing and 0.656-0.666 with it; a typer trained on the
rules' triggers alone (with those features) 0.657-0.671; the added events' threshold 0.6 or
0.8 instead of 0.7, 0.675 and 0.674).

Session 17 (at a1a9f94), by 5-fold cross-validation over the 93 DEV documents (the folds of
``--cv-folds 5``, by a hash of the file name; fold-summed same-type event counts
right/drafted, found/gold; measured by a quick harness that caches each document's
candidates, rule triggers and the drafter's filters of added events once and scores the
triggers and the model's events as this module and ``annotate_eval`` do, but before the
drafter's later steps, which re-type or add a few events: its counts are a little off
``--cv-folds 5``'s, the rules' part the same for every setting), the rules alone 2112/2821,
1850/2976 (F1 0.679), with the shipped settings 2248/3112, 1920/2976 (F1 0.682): the model
adds 291 events, 136 of them right, and 70 gold events found. Nothing tried raised F1
without losing recall: the threshold 0.8, 2203/2997, 1898/2976 (0.683); 0.6, 0.675; 0.5,
0.668; the veto at 0.8 or 0.9 (0.681, 0.682, recall down); weight decay (an L2 penalty per
SGD step on the example's features' weights; not kept) 0.01, 2187/2966, 1891/2976 (0.683),
with the threshold 0.5 to win the recall back 2274/3198, 1938/2976 (0.680); 0.03, 0.682;
generic instead of memorizing features (no word form ``w=`` or bigram ``bi=`` of the word;
its neighbours' words kept only when closed-class, names or times) 2223/3094, 1908/2976
(0.678); the neighbours' words so, the word's own kept, 2240/3123, 1918/2976 (0.679); no
word form ``w=`` alone (its lemmas and affixes kept) 2237/3084, 1917/2976 (0.682, 3 gold
events fewer found); ``MIN_COUNT`` 5, 2241/3100, 1916/2976 (0.681); 3 epochs, 2240/3099,
1917/2976 (0.681). All within a few events of each other: the model adds events at about
half the rules' precision, whatever its settings.

Session 24 (at 4f9090f), ``benchmarks/annotate_eval.py --cv-folds 5`` over the 141 DEV
documents (4,424 gold events; fold-summed right/drafted, found/gold, same type): the rules
alone 3404/4811, 2647/4424 (F1 0.648); with the shipped model 3911/5378, 2924/4424 (F1
0.692): with more documents the model is now worth 0.044 of F1. Dependency features from the
optional parser (the word's dependency label and tag, its head's lemma, label and lexicon
classes, a preposition's object, its children's labels and lemmas, an actor's name as one
symbol), trained and drafted with the parser: 3969/5565, 2961/4424 (F1 0.691): 37 more gold
events found, at the cost of as much precision; with a veto at 0.9 or the threshold 0.8
(a quicker harness) 0.693 and 0.694. Not kept: the parse changes the trade-off, not F1.

Which model drafts: ``model`` of :func:`kg.annotate.draft.draft`, else the environment
variable ``KG_ANNOTATE_MODEL`` (a path to a model file, or ``none`` for the rules alone),
else the shipped file.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError

__all__ = ["EventModel", "Candidate", "candidates", "load_model", "model_from_env",
           "DEFAULT_MODEL", "FORMAT"]

DEFAULT_MODEL = Path(__file__).with_name("models") / "events.json"
FORMAT = "kg-event-model/1"
NONE = "O"  # the label of a word that is in no event's quote
_STOP_TOKENS = frozenset(";:!?()[]\"“”")
# words no event is anchored on (closed-class, auxiliaries), whatever the model says
_CLOSED = frozenset("""a an the this that these those which who whom whose what it its itself
they them their he him his she her we us our you your i me my one there here then than and or
but nor so yet if as of at by for from in into on onto to with without about above after
against along among around before behind below beneath beside between beyond during except
inside near off out outside over past since through throughout toward towards under until up
upon within also only even just still not all any both each every either neither some such no
more most less least many much few other another be am is are was were been being have has had
having do does did will would shall should can could may might must ought s""".split())


@dataclass(frozen=True)
class Candidate:
    """A word the model scores: its offsets, sentence and features."""

    start: int
    end: int
    sentence: int  # index of its sentence
    clause: int  # index of its clause (a run never crosses a comma, colon or semicolon)
    features: tuple[str, ...]


def candidates(text: str, *, sents: list[tuple[int, int]], heads: list[tuple[int, int]],
               triggers, references, names, name_types: dict[str, str],
               times: list[tuple[int, int]], lexicon: dict[str, set[str]], morph,
               actor_classes: set[str]) -> list[Candidate]:
    """The content words of the statements of ``text`` with their features.

    ``triggers``/``references``: the rules' events and references back (spans with a class
    as ``key``); ``names``: gazetteer matches (spans with an entry id, ``name_types`` its
    class); ``times``: time expressions; ``lexicon``: one-word trigger lemma -> classes;
    ``actor_classes``: the classes of actors (who can act)."""
    from bisect import bisect_left, bisect_right

    from kg.annotate.triggers import tokens

    head_set = set(heads)
    name_spans = sorted((n.start, n.end, name_types.get(n.key, "")) for n in names)
    name_starts = [s for s, _e, _t in name_spans]
    time_spans = sorted(times)
    time_starts = [s for s, _e in time_spans]
    rule_spans = sorted([(t.start, t.end, t.key, "rule") for t in triggers]
                        + [(r.start, r.end, r.key, "ref") for r in references])
    trig_list = sorted((t.start, t.end, t.key) for t in triggers)
    trig_starts = [t[0] for t in trig_list]
    out: list[Candidate] = []
    for si, (s0, s1) in enumerate(sents):
        if (s0, s1) in head_set:
            continue
        toks = tokens(text[s0:s1])
        words = [t.text for t in toks]
        lows = [w.lower() for w in words]
        starts = [t.start + s0 for t in toks]
        ends = [t.end + s0 for t in toks]
        # what covers each token: a name (its class), a time, a rule trigger / reference
        cover: list[str | None] = []
        for a in starts:
            i = bisect_right(name_starts, a) - 1
            if i >= 0 and a < name_spans[i][1]:
                cover.append("N:" + name_spans[i][2])
                continue
            j = bisect_right(time_starts, a) - 1
            if j >= 0 and a < time_spans[j][1]:
                cover.append("T")
                continue
            cover.append(None)
        rule_at: list[list[str]] = [[] for _ in toks]
        sent_rules: set[str] = set()
        for rs, re_, key, kind in rule_spans:
            if re_ <= s0 or rs >= s1:
                continue
            sent_rules.add(f"{kind}:{key}")
            lo = bisect_left(ends, rs + 1)
            for k in range(lo, len(toks)):
                if starts[k] >= re_:
                    break
                rule_at[k].append(f"{kind}:{key}")
        has_time = any(c == "T" for c in cover)
        actors_at = [k for k, c in enumerate(cover)
                     if c and c.startswith("N:") and c[2:] in actor_classes]
        clause_rules: dict[int, list[str]] = {}
        for j in range(len(toks)):
            for r in rule_at[j]:
                clause_rules.setdefault(_clause_of(words, j), []).append(r)
        sent_lex = sorted({c for w in words if w[0].isalpha()
                           for x in morph.lemmas(w) for c in lexicon.get(x, ())})
        clause = 0
        quoted = False
        n_words = sum(1 for w in words if w[0].isalnum())
        for k, w in enumerate(words):
            if w in ",;:" or w in "\"“”":
                clause += 1
                if w in "\"“”":
                    quoted = not quoted if w == "\"" else w == "“"
                continue
            if not w[0].isalpha() or cover[k] is not None or lows[k] in _CLOSED:
                continue
            low = lows[k]
            lem = sorted(morph.lemmas(w))
            f = ["b", f"w={low}", f"s3={low[-3:]}", f"s4={low[-4:]}", f"p3={low[:3]}"]
            f += [f"l={x}" for x in lem]
            if w[0].isupper():
                f.append("cap" if k else "cap0")
            if "-" in w:
                f.append("hyph")
            if morph.is_past(w):
                f.append("past")
            if low.endswith("ing"):
                f.append("ing")
            if not morph.can_be_verb(w):
                f.append("noverb")
            if not morph.can_be_noun(w):
                f.append("nonoun")
            for x in lem:
                for c in sorted(lexicon.get(x, ())):
                    f.append(f"lex={c}")
            for r in rule_at[k]:
                f.append(f"at={r}")
            if not rule_at[k]:
                f += [f"sr={r}" for r in sorted(sent_rules)]
                if not sent_rules:
                    f.append("sr=none")
            for d in (-2, -1, 1, 2):
                j = k + d
                if 0 <= j < len(words):
                    near = cover[j]
                    tag = near[:1] + near[2:] if near else lows[j]
                    f.append(f"w{d:+d}={tag}")
                    if d in (-1, 1) and not near:
                        for x in sorted(morph.lemmas(words[j]))[:1]:
                            for cl in sorted(lexicon.get(x, ())):
                                f.append(f"lex{d:+d}={cl}")
                else:
                    f.append(f"w{d:+d}=<s>")
            f.append(f"bi={lows[k - 1] if k else '<s>'}_{low}")
            before = [a for a in actors_at if a < k]
            after = [a for a in actors_at if a > k]
            if before:
                f.append("act<" + ("3" if k - before[-1] <= 3 else "n"))
                f.append(f"actc<={cover[before[-1]]}")
            if after:
                f.append("act>" + ("3" if after[0] - k <= 3 else "n"))
            if has_time:
                f.append("time")
            # what the clause says of the word before it: negated, modal or future
            k0 = max((j for j in range(k) if words[j] in ",;:"), default=-1)
            for j in range(k0 + 1, k):
                if lows[j] in _NEGATION:
                    f.append("neg")
                elif lows[j] in _MODAL:
                    f.append(f"modal={lows[j]}")
            # the latest event the rules drafted before the word (the story's thread)
            n = bisect_left(trig_starts, starts[k]) - 1
            while n >= 0 and trig_list[n][1] > starts[k]:
                n -= 1
            if n >= 0:
                f.append(f"prev={trig_list[n][2]}")
            f += [f"slex={x}" for x in sent_lex]
            if any(r.startswith("rule:") for r in rule_at[k]):
                pass
            elif any(c for c in clause_rules.get(_clause_of(words, k), ())):
                f.append("clause_rule")
            if quoted:
                f.append("quoted")
            if si == 0 or (si > 0 and sents[si - 1] in head_set):
                f.append("first")
            f.append(f"len={min(n_words // 10, 4)}")
            out.append(Candidate(starts[k], ends[k], si, clause,
                                 tuple(dict.fromkeys(f))))
    return out


_NEGATION = frozenset({"no", "not", "never", "without", "n't", "nor", "neither"})
_MODAL = frozenset({"will", "would", "could", "may", "might", "should", "can", "must",
                    "expect", "expected", "likely", "possibly", "if", "whether", "any"})


def _clause_of(words: list[str], k: int) -> int:
    """How many clause marks (, ; : quotes) come before word ``k`` of its sentence."""
    return sum(1 for w in words[:k] if w in ",;:\"“”")


@dataclass
class EventModel:
    """Class weights per feature (multinomial logistic regression) and how runs are made."""

    labels: list[str]
    weights: dict[str, dict[str, float]]
    threshold: float = 0.5
    header: dict = field(default_factory=dict)
    veto_threshold: float | None = None  # None: the rules' events all stay

    def probabilities(self, features) -> dict[str, float]:
        """label -> probability for one candidate's features."""
        score = dict.fromkeys(self.labels, 0.0)
        for f in features:
            for label, w in self.weights.get(f, {}).items():
                score[label] += w
        top = max(score.values())
        exp = {k: math.exp(v - top) for k, v in score.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def predict(self, features) -> tuple[str, float]:
        """The most probable label and its probability (ties: the first label in order)."""
        probs = self.probabilities(features)
        best = max(self.labels, key=lambda k: (probs[k], -self.labels.index(k)))
        return best, probs[best]

    def apply(self, cands: list[Candidate], triggers, references) -> list[tuple]:
        """The events to add: ``(start, end, class, probability)`` of the most probable word
        of each run of words predicted as one class (at least ``threshold``) in one clause,
        where no trigger or reference of the rules lies in or next to the run."""
        ruled = sorted((t.start, t.end) for t in list(triggers) + list(references))
        runs: list[list] = []
        prev = None
        for c in cands:
            label, p = self.predict(c.features)
            if label == NONE or p < self.threshold:
                prev = None
                continue
            key = (c.sentence, c.clause, label)
            if prev is not None and prev[0] == key:
                runs[-1].append((c, p))
            else:
                runs.append([(c, p)])
            prev = (key,)
        out = []
        for run in runs:
            a, b = run[0][0].start, run[-1][0].end
            if any(s < b + 2 and a - 2 < e for s, e in ruled):
                continue
            best, p = max(run, key=lambda cp: (cp[1], -cp[0].start))
            out.append((best.start, best.end, self.predict(best.features)[0], p))
        return out

    def spans_scored(self, cands: list[Candidate], spans) -> dict[tuple[int, int], dict]:
        """(start, end) of each span holding a scored word -> class -> the highest
        probability of that class over the span's scored words (spans without one: none)."""
        starts = [c.start for c in cands]
        out: dict[tuple[int, int], dict[str, float]] = {}
        for t in spans:
            best: dict[str, float] = {}
            for c in _words_in(cands, starts, t):
                for label, p in self.probabilities(c.features).items():
                    if p > best.get(label, -1.0):
                        best[label] = p
            if best:
                out[(t.start, t.end)] = best
        return out

    def vetoed(self, cands: list[Candidate], triggers) -> list:
        """The rules' triggers every word of which the model reads as no event with a
        probability of at least ``veto_threshold`` (triggers without a scored word stay)."""
        if self.veto_threshold is None:
            return []
        starts = [c.start for c in cands]
        out = []
        for t in triggers:
            inside = list(_words_in(cands, starts, t))
            if inside and all(self.probabilities(c.features)[NONE] >= self.veto_threshold
                              for c in inside):
                out.append(t)
        return out


def _words_in(cands: list[Candidate], starts: list[int], span):
    """The candidates (sorted, ``starts`` their starts) that start inside ``span``."""
    from bisect import bisect_left

    for c in cands[bisect_left(starts, span.start):]:
        if c.start >= span.end:
            return
        yield c


def load_model(path: str | Path | None = None) -> EventModel:
    """The model in ``path`` (default: the shipped one); a file that is not one raises a
    one-line :class:`kg.errors.UsageError` naming it."""
    p = Path(path) if path else DEFAULT_MODEL
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{p}: cannot read the event model: {exc.strerror}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{p}: not an event model (invalid JSON: {exc})".replace("\n", " ")) \
            from None
    try:
        if data["format"] != FORMAT:
            raise UsageError(f"{p}: event model format {data['format']!r}, expected {FORMAT!r}")
        labels = [str(x) for x in data["labels"]]
        weights = {str(f): {labels[int(i)]: float(w) for i, w in row.items()}
                   for f, row in data["weights"].items()}
        threshold = float(data["threshold"])
        veto = data["veto_threshold"]
        veto = None if veto is None else float(veto)
    except UsageError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise UsageError(f"{p}: not an event model ({type(exc).__name__}: {exc})"
                         .replace("\n", " ")) from None
    if NONE not in labels:
        raise UsageError(f"{p}: not an event model (no label {NONE!r})")
    header = data.get("header", {})
    return EventModel(labels, weights, threshold, header if isinstance(header, dict) else {},
                      veto)


def model_from_env(model):
    """``model`` as given (an :class:`EventModel`, a path, "none", "default"), or by
    ``KG_ANNOTATE_MODEL`` when None, else the shipped model."""
    if model is not None and hasattr(model, "apply") and not isinstance(model, str | Path):
        return model  # an EventModel, or what records the candidates (kg.annotate.train)
    choice = model if model is not None else os.environ.get("KG_ANNOTATE_MODEL", "default")
    if str(choice).lower() == "none":
        return None
    return _cached(None if str(choice).lower() == "default" else str(choice))


_CACHE: dict[str | None, EventModel] = {}


def _cached(path: str | None) -> EventModel:
    if path not in _CACHE:
        _CACHE[path] = load_model(path)
    return _CACHE[path]
