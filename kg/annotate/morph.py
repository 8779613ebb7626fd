"""Word morphology for drafting: the lemmas a word form may have, and whether it can be a verb.

Two back ends give the same interface:

- ``lemminflect`` (the ``nlp`` extra: ``pip install 'anchored-kg[nlp]'``; MIT licence, its
  English lemma and inflection tables ship inside the wheel, nothing is downloaded): real
  lemmas, irregular forms included ("struck" -> strike, "flew" -> fly, "came" -> come), the
  parts of speech a form can take, and nominalizations checked against its verb table
  ("escalation" -> escalate, "interception" -> intercept, "withdrawal" -> withdraw);
- ``rules`` (always available): suffix stripping (-s, -es, -ies, -ed, -ing, -ings, -ation,
  -ion, -ment, -al), which over-generates candidate lemmas; that is harmless because a
  candidate only counts when it equals a lemma of the trigger lexicon.

:func:`load_morphology` picks lemminflect when it is installed, unless told otherwise
(``KG_ANNOTATE_MORPHOLOGY=rules`` or ``name="rules"``).
"""

from __future__ import annotations

import os
from functools import lru_cache

from kg.errors import UsageError

__all__ = ["Morphology", "RuleMorphology", "LemmInflectMorphology", "load_morphology",
           "available"]

# nominal and adjectival suffixes -> verb endings they may come from
_DERIVATIONS = [("isation", "ise"), ("ization", "ize"), ("ation", "ate"), ("ation", ""),
                ("ation", "e"), ("ition", "e"), ("ition", ""), ("ution", "ute"), ("sion", "de"),
                ("ssion", "ss"), ("tion", "t"), ("tion", "te"), ("ion", ""), ("ion", "e"),
                ("atory", "ate"), ("ment", ""), ("al", ""), ("ance", ""), ("ence", "")]


# words whose ending only looks like a derivation: "station" is no statement of "state",
# "several" no severing, "department" no departure, "signal" no signing
_NOT_DERIVED = frozenset("""station several department signal billion million importance
mission basement coastal portal""".split())

# words of closed classes that lemminflect's tables (open classes) leave out
_CLOSED_CLASS = frozenset("""a an the and but nor for if because although unless until whereas
of at from with into onto upon against among during every""".split())

_PRESENT = frozenset("is are am has have does do remains remain stays".split())
# frequent irregular past forms, for the rule back end (lemminflect knows them all)
_IRREGULAR_PAST = frozenset("""was were had did said told met went came flew fell drew kept held
made took gave began ran saw struck shot sent led left brought thought found spoke wrote rose
threw won lost""".split())


class Morphology:
    """Lemmas of word forms (lower case); subclasses fill :meth:`_lemmas`."""

    name = "base"

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma ``word`` may have, the word itself (lower-cased) included."""
        return self._cached(word.lower())

    def can_be_verb(self, word: str) -> bool:
        """Whether ``word`` may be a verb form (unknown words: True)."""
        return True

    def can_be_noun(self, word: str) -> bool:
        """Whether ``word`` may be a noun (unknown words: True; -ed forms: False)."""
        return not word.lower().endswith("ed")

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is an English word, not only a name ("Koizumi", "Lavrov"); with
        no tables to tell, every word may be one (True)."""
        return True

    def is_past(self, word: str) -> bool:
        """Whether ``word`` is a past-tense verb form ("fired", "met")."""
        low = word.lower()
        return low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 4)

    def is_present(self, word: str) -> bool:
        """Whether ``word`` is a finite present-tense verb that cannot be a noun ("is",
        "has", "brings"): plural nouns ("tests") are left out."""
        return word.lower() in _PRESENT

    def can_be_present(self, word: str) -> bool:
        """Whether ``word`` may be a finite present-tense verb, plural nouns included
        ("fires", "lands": a headline's verbs)."""
        low = word.lower()
        return self.is_present(low) or (low.endswith("s") and not low.endswith("ss")
                                        and self.can_be_verb(low))

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per back end, kept for the process
    def _cached(self, word: str) -> frozenset[str]:
        if "-" in word:  # "air-raid", "tit-for-tat": inflect the last part only
            head, _, last = word.rpartition("-")
            return frozenset({word} | {f"{head}-{x}" for x in self._lemmas(last)})
        return frozenset({word} | self._lemmas(word))

    def _lemmas(self, word: str) -> set[str]:
        raise NotImplementedError


class RuleMorphology(Morphology):
    """Suffix stripping, no data: the fallback when lemminflect is not installed."""

    name = "rules"

    def _lemmas(self, word: str) -> set[str]:
        out = set()
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                             ("ed", "e"), ("d", ""), ("ings", ""), ("ings", "e"), ("ing", ""),
                             ("ing", "e")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: len(word) - len(suffix)] + repl
                out.add(stem)
                if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
                    out.add(stem[:-1])  # "planned" -> plan
        for base in ({word} | out) - _NOT_DERIVED:
            for suffix, repl in _DERIVATIONS:
                if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                    out.add(base[: len(base) - len(suffix)] + repl)
        return out


class LemmInflectMorphology(Morphology):
    """Lemmas from lemminflect's tables (``pip install 'anchored-kg[nlp]'``)."""

    name = "lemminflect"

    def __init__(self) -> None:
        import lemminflect

        self._lx = lemminflect

    def can_be_verb(self, word: str) -> bool:
        found = self._pos(word.lower())
        return not found or "VERB" in found or "AUX" in found

    def can_be_noun(self, word: str) -> bool:
        found = self._pos(word.lower())
        return not found or bool({"NOUN", "PROPN", "ADJ", "NUM"} & found)

    def is_word(self, word: str) -> bool:
        low = word.lower()
        return bool(self._pos(low)) or low in _CLOSED_CLASS

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per back end, kept for the process
    def is_past(self, word: str) -> bool:
        low = word.lower()
        return any(low in self._lx.getInflection(lemma, "VBD")
                   for lemma in self._verb_lemmas(low)) or super().is_past(low)

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per back end, kept for the process
    def is_present(self, word: str) -> bool:
        low = word.lower()
        if low in _PRESENT:
            return True
        return not self.can_be_noun(low) and any(
            low in self._lx.getInflection(lemma, "VBZ") for lemma in self._verb_lemmas(low))

    def can_be_present(self, word: str) -> bool:
        low = word.lower()
        return low in _PRESENT or any(low in self._lx.getInflection(lemma, "VBZ")
                                      for lemma in self._verb_lemmas(low))

    def _verb_lemmas(self, low: str) -> tuple[str, ...]:
        return tuple(self._lx.getAllLemmas(low).get("VERB", ()))

    @lru_cache(maxsize=65536)  # noqa: B019 - one instance per back end, kept for the process
    def _pos(self, word: str) -> frozenset[str]:
        return frozenset(self._lx.getAllLemmas(word))

    def _lemmas(self, word: str) -> set[str]:
        lx = self._lx
        found = lx.getAllLemmas(word)
        out = {lemma for lemmas in found.values() for lemma in lemmas}
        if not found:  # not in the tables: the rules for unknown words, as noun and verb
            for upos in ("NOUN", "VERB"):
                out |= set(lx.getAllLemmasOOV(word, upos).get(upos, ()))
        for base in (set(out) | {word}) - _NOT_DERIVED:
            for suffix, repl in _DERIVATIONS:
                if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                    verb = base[: len(base) - len(suffix)] + repl
                    if lx.getAllInflections(verb, upos="VERB"):
                        out.add(verb)
        return out


def available() -> list[str]:
    """The back ends usable here, best first."""
    names = []
    try:
        import lemminflect  # noqa: F401

        names.append("lemminflect")
    except ImportError:
        pass
    return names + ["rules"]


@lru_cache(maxsize=4)
def load_morphology(name: str | None = None) -> Morphology:
    """The named back end; by default ``KG_ANNOTATE_MORPHOLOGY`` or the best available.

    :raises UsageError: an unknown name, or lemminflect asked for but not installed.
    """
    name = name or os.environ.get("KG_ANNOTATE_MORPHOLOGY") or available()[0]
    if name == "rules":
        return RuleMorphology()
    if name == "lemminflect":
        if "lemminflect" not in available():
            raise UsageError("morphology 'lemminflect' is not installed: "
                             "pip install 'anchored-kg[nlp]' (or use 'rules')")
        return LemmInflectMorphology()
    raise UsageError(f"unknown morphology {name!r}: use 'lemminflect' or 'rules'")
