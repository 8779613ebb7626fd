"""Fuzzing the reviewed proposals file that ``kg link --apply FILE`` reads.

The file is edited by hand (or arrives from a colleague): a mutated file gives a clean
one-line :class:`~kg.errors.KGError` naming ``FILE:LINE``, or accepted rows whose links
are valid RDF. Never a traceback, never a half-written store graph.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hardeningkit import CONTROL, IMG, NUL, RTL, SCRIPT, SPARQL, assert_clean_error, bump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
SEED = ("id\ttype\tlabel\tcandidate\tcandidate_label\tscore\tmethod\tdecision\tendpoint\t"
        "retrieved\n"
        "nk\tState\tNorth Korea\tQ423\tNorth Korea\t1.000\tlabel = label\taccept\t"
        "http://127.0.0.1:9/q\t2026-11-01\n"
        "china\tState\tChina\tQ148\tChina\t0.900\tlabel = alias\t\t\t\n")
CELLS = [IMG, SCRIPT, SPARQL, CONTROL, RTL, NUL, "", " ", "accept", "reject", "ACCEPT", "maybe",
         "Q0", "Q1", "Q1 ", "q5", "Q99999999999999999999", "nan", "inf", "-1", "1e309", "0.5",
         "a b", "http://e/x>y", "https://w3id.org/kg-toolkit/id/nk", "urn:x", "nk", '"',
         '"quoted\ttab"', "\r", "2026-13-45", "x" * 5000]


@pytest.fixture(scope="module")
def memory_store(tiny_build):
    from kg.store import open_store

    store = open_store(None)
    store.load_nquads(tiny_build / "graph.nq")
    yield store
    store.close()


def _apply_in_memory(store, rows) -> None:
    """What ``apply_links`` does before writing: known entities, the link quads (parsed)."""
    from kg.link.apply import _entity_iri, _known, link_quads
    from kg.link.graphs import nquads_text

    _known(store, [_entity_iri(r.id) for r in rows])
    text = nquads_text(link_quads(rows, today="2026-11-25"))
    list(ox.parse(text, format=ox.RdfFormat.N_QUADS))


@settings(max_examples=250, **SETTINGS)
@given(edits=st.lists(st.tuples(st.integers(1, 3), st.integers(0, 9),
                                st.sampled_from(CELLS) | st.text(max_size=10)),
                      min_size=1, max_size=4))
def test_proposals_files(memory_store, edits):
    from kg.link import proposals as pp

    lines = [line.split("\t") for line in SEED.rstrip("\n").split("\n")]
    for row, col, value in edits:
        while len(lines) <= row:
            lines.append(list(lines[-1]))
        cells = lines[row]
        cells[col % len(cells)] = value
    body = "\n".join("\t".join(cells) for cells in lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "proposals.tsv"
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
        bump("fuzz.inputs")
        bump("fuzz.link_files")
        try:
            rows = pp.accepted(pp.read_proposals(path), source=str(path))
            _apply_in_memory(memory_store, rows)
        except KGError as exc:
            assert_clean_error(exc, where=str(path))
            bump("fuzz.clean_errors")


def test_an_id_that_is_no_iri_is_a_located_error(tiny_build, tmp_path):
    """Regression: an accepted row whose id was neither a kg id nor an IRI crashed
    ``kg link --apply`` with a traceback."""
    import shutil

    from kg.link import proposals as pp
    from kg.link.apply import apply_links

    build = tmp_path / "build"
    shutil.copytree(tiny_build / "store", build / "store")
    path = tmp_path / "p.tsv"
    path.write_text(SEED.replace("nk\tState", "http://e/x>y\tState"), encoding="utf-8")
    with pytest.raises(KGError) as info:
        rows = pp.accepted(pp.read_proposals(path), source=str(path))
        apply_links(rows, store_path=build / "store", nq_path=build / "links.nq")
    assert_clean_error(info.value, where=f"{path}:2")
