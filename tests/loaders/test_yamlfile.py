"""Plain YAML scalars are read as YAML 1.2's core schema reads them (kg.loaders.yamlfile)."""

from __future__ import annotations

import pytest
from kgtest import TINY_YAML, write_corpus

from kg.loaders import load_corpus
from kg.loaders.yamlfile import read_yaml


@pytest.mark.parametrize("written, read", [
    ("013", "013"),          # YAML 1.1: octal 11
    ("0o17", "0o17"),
    ("0x1f", "0x1f"),        # YAML 1.1: 31
    ("0b101", "0b101"),      # YAML 1.1: 5
    ("1_000", "1_000"),      # YAML 1.1: 1000
    ("1:20", "1:20"),        # YAML 1.1: sexagesimal 80
    ("no", "no"),            # YAML 1.1: False (the "Norway problem")
    ("NO", "NO"),
    ("yes", "yes"),
    ("On", "On"),
    ("off", "off"),
    ("2022-05-26", "2022-05-26"),  # a timestamp stays a string: the loader checks dates
    ("true", True),
    ("False", False),
    ("0", 0),
    ("12", 12),
    ("-3", -3),
    ("+7", 7),
    ("2.5", 2.5),
    ("1e3", 1000.0),
    (".5", 0.5),
    ("'013'", "013"),
    ("~", None),
])
def test_plain_scalars_follow_the_core_schema(tmp_path, written, read):
    f = tmp_path / "a.yaml"
    f.write_text(f"key: {written}\n", encoding="utf-8")
    value = read_yaml(f)["key"]
    assert value == read and type(value) is type(read)


def test_an_id_with_a_leading_zero_keeps_it(tmp_path):
    text = TINY_YAML.replace("  - id: china\n", "  - id: 013\n")
    assert "id: 013" in text
    text = text.replace("china", "013")  # every reference to the item follows it
    corpus = load_corpus(write_corpus(tmp_path / "c", text))
    ids = {item.id for doc in corpus for item in doc.items}
    assert "013" in ids and "11" not in ids
