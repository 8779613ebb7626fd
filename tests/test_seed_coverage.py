"""Coverage of the seed annotation: every sentence that names an actor carries an annotation."""

from __future__ import annotations

import re

from kg.ontology import load_ontology

_ABBREV = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "U.S." does not end a sentence


def sentences(text: str) -> list[tuple[int, int]]:
    """Split into sentences (and heading lines) as (start, end) offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start = m.start()
        for end_m in re.finditer(r"[.!?](?=\s+[A-Z“\"]|\s*$)", m.group()):
            cut = m.start() + end_m.end()
            if _ABBREV.search(text[start:cut]):
                continue
            out.append((start, cut))
            start = cut
            while start < m.end() and text[start] == " ":
                start += 1
        if start < m.end():
            out.append((start, m.end()))
    return out


def test_splitter_keeps_abbreviations_together():
    s = "U.S. and South Korean deterrence. Next one? Yes.\nHeading"
    got = [s[a:b] for a, b in sentences(s)]
    assert got == ["U.S. and South Korean deterrence.", "Next one?", "Yes.", "Heading"], got


def test_every_sentence_naming_an_actor_is_annotated(seed_doc):
    onto = load_ontology()
    text = seed_doc.text
    actor_items = [it for it in seed_doc.items if onto.class_(it.type).is_a("Actor")]
    names = {it.label for it in actor_items if it.label}
    names |= {str(v) for it in actor_items for v in it.values.get("aliases", [])}
    names |= {a.exact for it in actor_items for a in it.anchors}
    names = {n for n in names if len(n) > 2}
    annotated = [(a.start, a.end) for it in seed_doc.items
                 if not onto.class_(it.type).is_a("Actor")
                 and not onto.class_(it.type).is_a("Place")
                 and not onto.class_(it.type).is_a("WeaponSystem")
                 for a in it.anchors]
    excluded = [(a.start, a.end) for a in seed_doc.excluded]
    missing, checked = [], 0
    for start, end in sentences(text):
        if any(s <= start and end <= e for s, e in excluded):
            continue
        sent = text[start:end]
        named = sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sent))
        if not named:
            continue
        checked += 1
        if not any(s < end and start < e for s, e in annotated):
            missing.append(f"{start}-{end} names {named}: {sent!r}")
    assert checked >= 20, f"only {checked} sentences name an actor: is the annotation complete?"
    assert not missing, "sentences naming an actor with no annotation:\n" + "\n".join(missing)
