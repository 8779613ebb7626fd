"""The generic gazetteer shipped with kg annotate: its names, the forms written after an
owner, and what the drafter finds with it in generic sentences."""

from __future__ import annotations

import pytest

from kg.annotate.gazetteer import GENERIC, Gazetteer
from kg.annotate.text import find_phrases, longest_first


@pytest.fixture(scope="module")
def generic():
    gaz = Gazetteer()
    gaz.add_yaml()
    return gaz


def _found(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.key)
            for s in longest_first(find_phrases(text, gaz.names()))]


def test_every_generic_entry_has_a_class_of_the_ontology_and_no_shared_name(generic):
    from kg.ontology import load_ontology

    onto = load_ontology()
    bad = [e.id for e in generic.entries.values() if not onto.has_class(e.type)]
    assert not bad, f"{GENERIC}: entries of unknown classes: {bad}"
    owners: dict[str, list[str]] = {}
    for e in generic.entries.values():
        for n in e.names:
            owners.setdefault(n, []).append(e.id)
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1}
    assert not shared, f"{GENERIC}: names of two entries (dropped as ambiguous): {shared}"


@pytest.mark.parametrize("text,want", [
    ("The North fired a missile and the South answered.",
     [("The North", "north-korea"), ("the South", "south-korea")]),
    ("Pyongyang warned Washington, Seoul and Tokyo.",
     [("Pyongyang", "north-korea"), ("Washington", "united-states"), ("Seoul", "south-korea"),
      ("Tokyo", "japan")]),
    ("Japan's Defense Ministry and South Korea's Joint Chiefs of Staff said so.",
     [("Japan's Defense Ministry", "japan-defense-ministry"),
      ("South Korea's Joint Chiefs of Staff", "rok-jcs")]),
    ("North Korean state media and the Chinese Foreign Ministry said so.",
     [("North Korean state media", "nk-state-media"),
      ("Chinese Foreign Ministry", "china-foreign-ministry")]),
    ("U.S. Forces Korea and Indo-Pacific Command briefed the Self-Defense Forces.",
     [("U.S. Forces Korea", "usfk"), ("Indo-Pacific Command", "us-indo-pacific-command"),
      ("Self-Defense Forces", "japan-self-defense-forces")]),
    ("The allies told the UN Security Council, the IAEA, the G7, NATO and ASEAN.",
     [("The allies", "us-rok-alliance"), ("UN Security Council", "un-security-council"),
      ("IAEA", "iaea"), ("G7", "g7"), ("NATO", "nato"), ("ASEAN", "asean")]),
    ("Kim Jong Un met Yoon Suk Yeol.",
     [("Kim Jong Un", "kim-jong-un"), ("Yoon Suk Yeol", "yoon-suk-yeol")]),
])
def test_the_generic_list_names_states_metonyms_bodies_and_leaders(generic, text, want):
    assert _found(generic, text) == want


def test_a_bare_military_or_ministry_names_no_owner(generic):
    # whose military or ministry it is, the sentence must say
    assert _found(generic, "The military said the ministry had no comment.") == []


def test_forms_are_written_after_the_owners_names_and_demonyms(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- {id: a, type: State, label: Avaria, aliases: [Avar City], "
                    "demonyms: [Avarian]}\n"
                    "- {id: a-navy, type: ArmedForces, label: Avarian Navy, of: a, "
                    "forms: [navy]}\n", encoding="utf-8")
    gaz = Gazetteer()
    gaz.add_yaml(path)
    assert {"Avaria's navy", "Avar City's navy", "Avarian navy", "Avarian Navy"} <= \
        gaz.entries["a-navy"].names
    assert "navy" not in gaz.names() and "Avarian's navy" not in gaz.names()


@pytest.mark.parametrize("sentence,weapon", [
    ("North Korea fired hundreds of shells into the buffer zone.", "artillery"),
    ("The army fired artillery rounds in answer.", "artillery"),
    ("It fired about 130 rounds from multiple rocket launchers.", "multiple-rocket-launcher"),
    ("The North fired 10 multiple-rocket rounds.", "multiple-rocket-launcher"),
    ("Dozens of rocket-launcher shells were fired.", "multiple-rocket-launcher"),
])
def test_shells_rounds_and_rocket_launchers_are_weapons(generic, sentence, weapon):
    # what is fired in a shelling is named by its rounds as often as by its guns: the
    # instrument of the firing (tests/annotate/test_structure.py reads it into the role)
    assert weapon in {key for _, key in _found(generic, sentence)}, _found(generic, sentence)


@pytest.mark.parametrize("entry, owner", [
    ("kim-yo-jong", "north-korea"),  # a person's "of" alone: the state they speak for
    ("white-house", "united-states"),
    ("korean-peoples-army", "north-korea"),  # "of" with forms
    ("north-korea", None),
])
def test_an_entrys_of_is_kept_as_its_owner(generic, entry, owner):
    assert generic.entries[entry].owner == owner
    # a person's "of" with no forms adds no name of its own
    assert not any("Kim Yo" in n and "North Korea" in n for n in generic.entries[entry].names)
