"""Event triggers and role rules read from the ontology (``ontology/triggers.ttl``).

A trigger lemma matches its inflected forms: every word of the phrase may take
-s, -es, -ed, -ing (dropping a final e, or y -> i) and -ings ("firings").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from kg.iris import KG_NS

__all__ = ["Rules", "load_rules", "inflections"]


def _forms(word: str) -> set[str]:
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ings"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing", word[:-1] + "ings"}
    if word.endswith("y") and len(word) > 2:
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    return out


def inflections(phrase: str) -> set[str]:
    """'missile test' -> {'missile test', 'missiles tests', 'missile testing', ...}."""
    words = phrase.split()
    if len(words) > 4:
        return {phrase}
    return {" ".join(combo) for combo in product(*(_forms(w) for w in words))}


@dataclass
class Rules:
    triggers: dict[str, str] = field(default_factory=dict)  # surface form -> event type
    roles: dict[str, str] = field(default_factory=dict)  # key -> before | after | sentence
    ranges: dict[str, str] = field(default_factory=dict)  # key -> class IRI of its fillers
    after: dict[str, str] = field(default_factory=dict)  # event type -> key after trigger


def load_rules(onto) -> Rules:
    """The trigger table and role rules of the ontology."""
    from rdflib import URIRef

    rules = Rules()
    lemmas: list[tuple[str, str]] = []
    for cls in onto.classes.values():
        for lemma in cls.props.get(KG_NS + "trigger", []):
            lemmas.append((lemma.lower(), cls.local))
        after = cls.props.get(KG_NS + "draftAfter")
        if after:
            key = _key_of(onto, after[0])
            if key:
                rules.after[cls.local] = key
    # longer lemmas first so that their forms win over a shorter lemma's identical form
    for lemma, type_ in sorted(lemmas, key=lambda x: (-len(x[0]), x)):
        for form in inflections(lemma):
            rules.triggers.setdefault(form, type_)
    g = onto.graph
    for key, prop in onto.properties.items():
        pos = g.value(URIRef(prop.iri), URIRef(KG_NS + "draftRole"))
        if pos is None:
            continue
        rules.roles[key] = str(pos)
        rng = g.value(URIRef(prop.iri), URIRef(KG_NS + "draftRange")) or prop.range
        if rng:
            rules.ranges[key] = str(rng)
    return rules


def _key_of(onto, prop_iri: str) -> str | None:
    return next((k for k, p in onto.properties.items() if p.iri == prop_iri), None)
