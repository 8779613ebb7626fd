"""IRIs to pages and back; ids from URLs are checked before they reach a query."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.iris import BASE
from kg.web.links import doc_iri, entity_iri, item_key, page_of


@pytest.mark.parametrize("iri, page", [
    (BASE + "north-korea", "/entity/north-korea"),
    (BASE + "doc/d1/ev-1", "/entity/d1/ev-1"),
    (BASE + "doc/d1", "/doc/d1"),
    (BASE + "doc/d1/annotation/x/1", None),
    (BASE + "doc/d1/span/1-2", None),
    (BASE + "graph/provenance", None),
    ("https://w3id.org/kg-toolkit/ontology#Claim", None),
    ("http://www.wikidata.org/entity/Q423", None),
])
def test_page_of(iri, page):
    assert page_of(iri) == page


@pytest.mark.parametrize("key", ["north-korea", "d1/ev-1"])
def test_entity_round_trip(key):
    assert item_key(entity_iri(key)) == key


@pytest.mark.parametrize("bad", ["", "../x", "a/b/c", "x y", "doc", "<x>", "a/..", "é"])
def test_bad_ids_are_refused_with_one_line(bad):
    with pytest.raises(QueryError) as err:
        entity_iri(bad)
    assert "\n" not in str(err.value)


def test_bad_document_id_is_refused():
    with pytest.raises(QueryError):
        doc_iri("../../etc/passwd")
