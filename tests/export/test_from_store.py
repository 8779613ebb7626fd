"""Exporting a built store back to annotations keeps shared nodes, speakers and grades.

``kg export --format brat|webanno`` rebuilds the model from the graph; a node that several
documents describe (``same-as``) must come back as each document's own item with its
``same-as``, so that the exported files build the same graph again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.store import open_store

SOURCES = Path(__file__).parents[1] / "fixtures" / "sources"


def _content(nq: Path) -> set[str]:
    # The provenance graph says which documents fed the curated links graph; an export gives
    # every document that mentions a linked item its link, so only that entry may differ.
    return {ln for ln in nq.read_text(encoding="utf-8").splitlines()
            if not ln.endswith("<https://w3id.org/kg-toolkit/id/graph/provenance> .")}


@pytest.mark.parametrize("fmt", ["brat", "webanno"])
def test_store_export_rebuilds_the_same_graph(tmp_path, fmt):
    from kg.export.webanno import corpus_from_store

    first = build(SOURCES, out=tmp_path / "first")
    with open_store(first.out / "store") as store:
        corpus = corpus_from_store(store)
    veto = next(it for d in corpus if d.id == "brief-b" for it in d.items if it.id == "ev-veto")
    assert veto.same_as == "brief-a/ev-block", veto
    if fmt == "brat":
        from kg.export.brat import export_corpus
    else:
        from kg.export.webanno import export_corpus
    export_corpus(corpus, tmp_path / fmt)
    files = sorted((tmp_path / fmt).glob("*.ann" if fmt == "brat" else "*.jsonld"))
    again = build(*files, out=tmp_path / "again")
    a, b = _content(first.nquads), _content(again.nquads)
    assert a == b, sorted(a ^ b)[:5]


@pytest.mark.parametrize("fmt", ["brat", "webanno"])
def test_a_folder_export_to_a_device_is_a_usage_error(fmt):
    """Regression: ``kg export --format brat -o /dev/null`` ended in a FileExistsError
    traceback (the check looked for a regular file only)."""
    from kg.errors import UsageError
    from kg.export.webanno import folder_target

    with pytest.raises(UsageError, match=f"the {fmt} export writes a folder of files"):
        folder_target("/dev/null", fmt)


@pytest.mark.parametrize("fmt,own", [("brat", ["a.txt", "a.ann", "a.meta.yaml", "annotation.conf"]),
                                     ("webanno", ["a.jsonld"])])
def test_a_folder_export_writes_only_into_an_empty_folder_or_an_earlier_export(tmp_path, fmt,
                                                                               own):
    """Regression: ``kg export --format brat -o ~/notes`` wrote its files among the user's."""
    from kg.errors import UsageError
    from kg.export.webanno import folder_target

    assert folder_target(tmp_path / "new", fmt) == tmp_path / "new"
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    for name in own:
        (earlier / name).write_text("x", encoding="utf-8")
    assert folder_target(earlier, fmt) == earlier
    for foreign in ("notes.md", "sub"):
        theirs = tmp_path / f"theirs-{foreign}"
        theirs.mkdir()
        (theirs / own[0]).write_text("x", encoding="utf-8")
        (theirs / foreign).mkdir() if foreign == "sub" else (theirs / foreign).write_text("x")
        with pytest.raises(UsageError, match=f"does not write \\(first: '{foreign}'\\)"):
            folder_target(theirs, fmt)
        assert sorted(p.name for p in theirs.iterdir()) == sorted([own[0], foreign])
