"""The compiled schema check (jsonschema-rs) says "valid" only where jsonschema does."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kgtest import SEED_FILE, paths_of

from kg.loaders.native import _validators
from kg.loaders.yamlfile import read_yaml

fast, slow = _validators()
pytestmark = pytest.mark.skipif(fast is None, reason="jsonschema-rs is not installed")

SEED = read_yaml(SEED_FILE)
JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats(
    allow_nan=False) | st.text(max_size=8), lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)


PATHS = [p for p in paths_of(SEED) if p][:4000]


def _edit(doc, path, value, drop):
    doc = copy.deepcopy(doc)
    node = doc
    for step in path[:-1]:
        node = node[step]
    if drop and isinstance(node, dict):
        del node[path[-1]]
    elif drop and isinstance(node, list):
        node.pop(path[-1])
    else:
        node[path[-1]] = value
    return doc


def test_the_shipped_seed_is_valid_for_both():
    assert fast.is_valid(SEED) and slow.is_valid(SEED)


@settings(max_examples=150, deadline=None)
@given(path=st.sampled_from(PATHS), value=JSON, drop=st.booleans())
def test_the_fast_path_never_accepts_what_jsonschema_rejects(path, value, drop):
    doc = _edit(SEED, path, value, drop)
    # The fast path may only ever say "valid" when jsonschema does; where it says "invalid"
    # (e.g. for an infinite float) jsonschema decides and reports, so that direction is safe.
    if fast.is_valid(doc):
        assert slow.is_valid(doc), (path, value, drop)
