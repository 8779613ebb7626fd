"""The build: deterministic bytes, standard formats read by an independent parser, graph layout."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from kgtest import HANG_S, SEED_ID, TINY_YAML, write_corpus

from kg import iris
from kg.build import build
from kg.resources import data_dir

BUILD_SNIPPET = "import sys; from kg.build import build; build(sys.argv[1], out=sys.argv[2])"


def run_build_process(src, out, seed):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    subprocess.run([sys.executable, "-c", BUILD_SNIPPET, str(src), str(out)], check=True,
                   env=env, timeout=HANG_S)


def test_two_builds_are_byte_identical(tmp_path, corpus_build):
    """A build in another process, with another hash seed, writes the same bytes as the
    session's build of the whole corpus (this process's own random hash seed)."""
    a = tmp_path / "a"
    run_build_process(data_dir(), a, 1)
    b = corpus_build.out
    for name in ("graph.nq", "graph.trig", "manifest.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_output_parses_in_an_independent_parser(seed_build):
    # pyoxigraph wrote the TriG; rdflib reads it back, and the N-Quads, to the same dataset.
    trig = rdflib.Dataset()
    trig.parse(seed_build.trig, format="trig")
    nq = rdflib.Dataset()
    nq.parse(seed_build.nquads, format="nquads")
    quads_trig = set(trig.quads((None, None, None, None)))
    quads_nq = set(nq.quads((None, None, None, None)))
    assert len(quads_nq) == seed_build.quads, (len(quads_nq), seed_build.quads)
    assert quads_trig == quads_nq


def test_rapper_reads_the_trig_when_installed(seed_build):
    import shutil

    import pytest

    rapper = shutil.which("rapper")
    if not rapper:
        pytest.skip("raptor2-utils (rapper) not installed; rdflib is the independent parser")
    out = subprocess.run([rapper, "-i", "trig", "-c", str(seed_build.trig)],
                         capture_output=True, text=True, timeout=HANG_S)
    assert out.returncode == 0, out.stderr


def test_no_blank_nodes_and_every_quad_is_named(seed_build):
    for q in ox.parse(path=str(seed_build.nquads), format=ox.RdfFormat.N_QUADS):
        assert not isinstance(q.subject, ox.BlankNode), q
        assert not isinstance(q.object, ox.BlankNode), q
        assert isinstance(q.graph_name, ox.NamedNode), q


def test_graph_layout(seed_build):
    graphs = set(seed_build.graphs)
    assert iris.doc_graph(SEED_ID) in graphs
    assert iris.ONTOLOGY_GRAPH in graphs
    assert iris.PROVENANCE_GRAPH in graphs
    assert iris.CURATED_LINKS_GRAPH in graphs
    derived = {g for g in graphs if g.startswith(iris.BASE + "graph/derived/")}
    assert iris.derived_graph("class-hierarchy") in derived, derived


def test_derived_graphs_say_which_rule_made_them(seed_build):
    store = ox.Store()
    store.bulk_load(path=str(seed_build.nquads), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query(
        "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> SELECT ?g ?rule WHERE { GRAPH ?pg "
        "{ ?g a kg:DerivedGraph ; kg:rule ?rule } }"))
    described = {r["g"].value for r in rows}
    derived = {g for g in seed_build.graphs if "/graph/derived/" in g}
    assert derived <= described, derived - described


def test_derived_statements_never_land_in_a_document_graph(tmp_path):
    ann = write_corpus(tmp_path / "c")
    res = build(ann, out=tmp_path / "o")
    store = ox.Store()
    store.bulk_load(path=str(res.nquads), format=ox.RdfFormat.N_QUADS)
    # kg:alignedWith only comes from the relation-shortcuts rule.
    rows = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?a "
                            "<https://w3id.org/kg-toolkit/ontology#alignedWith> ?b } }"))
    assert rows and {r["g"].value for r in rows} == {iris.derived_graph("relation-shortcuts")}


def test_symmetric_relations_are_mirrored(tmp_path):
    res = build(write_corpus(tmp_path / "c"), out=tmp_path / "o")
    text = res.nquads.read_text()
    fwd = f"<{iris.corpus_item('china')}> <{iris.KG_NS}alignedWith> <{iris.corpus_item('russia')}>"
    back = f"<{iris.corpus_item('russia')}> <{iris.KG_NS}alignedWith> <{iris.corpus_item('china')}>"
    assert fwd in text and back in text


def test_unchanged_documents_are_not_rebuilt(tmp_path):
    ann = write_corpus(tmp_path / "c")
    first = build(ann, out=tmp_path / "o", store=False)
    second = build(ann, out=tmp_path / "o", store=False)
    assert first.rebuilt == ["tiny"] and second.reused == ["tiny"], (first, second)
    ann.write_text(TINY_YAML.replace("Tiny Publisher", "Tiny Press"), encoding="utf-8")
    third = build(ann, out=tmp_path / "o", store=False)
    assert third.rebuilt == ["tiny"], third
    assert "Tiny Press" in (tmp_path / "o" / "graph.nq").read_text()


def test_bad_input_leaves_the_previous_build_untouched(tmp_path):
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(ann, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    ann.write_text(TINY_YAML.replace("type: MissileTest", "type: Nonsense"), encoding="utf-8")
    try:
        build(ann, out=out)
    except Exception as exc:  # noqa: BLE001 - we check the type below
        from kg.errors import AnnotationError

        assert isinstance(exc, AnnotationError), exc
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert before == after


def test_unknown_author_and_date_are_recorded_not_guessed(seed_build):
    text = seed_build.nquads.read_text()
    doc = f"<{iris.doc(SEED_ID)}>"
    assert f"{doc} <{iris.KG_NS}authorStatus> <{iris.KG_NS}Unknown>" in text
    assert f"{doc} <{iris.KG_NS}dateStatus> <{iris.KG_NS}Unknown>" in text
    assert f"{doc} <http://purl.org/dc/terms/creator>" not in text


def test_link_and_fetched_graphs_survive_a_rebuild(tmp_path):
    ann = write_corpus(tmp_path / "c")
    out = tmp_path / "o"
    build(ann, out=out)
    fetched = (f"<{iris.corpus_item('nk')}> <http://www.w3.org/2004/02/skos/core#exactMatch> "
               f"<http://www.wikidata.org/entity/Q423> <{iris.RECONCILED_LINKS_GRAPH}> .\n")
    (out / "links-reconciled.nq").write_text(fetched, encoding="utf-8")
    res = build(ann, out=out)
    assert fetched in res.nquads.read_text(), "reconciled links were dropped by the rebuild"
    assert res.graphs[iris.RECONCILED_LINKS_GRAPH] == 1


def test_a_folder_of_other_files_is_refused_as_output_and_left_untouched(tmp_path):
    """Regression: ``kg build -o ~`` pruned ``~/.cache`` (files deleted, then a traceback on
    its first subfolder), emptied ``.staging/`` and replaced ``store/``."""
    import pytest

    from kg.errors import BuildError

    src = write_corpus(tmp_path / "src").parent
    home = tmp_path / "home"
    (home / ".cache" / "pip").mkdir(parents=True)
    (home / ".cache" / "precious.db").write_text("keep", encoding="utf-8")
    (home / "store").mkdir()
    (home / "store" / "mine.txt").write_text("keep", encoding="utf-8")
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    with pytest.raises(BuildError, match="refusing to build into a folder that holds other "
                                         "files and no kg build"):
        build(src, out=home)
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before
    with pytest.raises(BuildError, match="it is a file"):
        build(src, out=home / "store" / "mine.txt")
    # An empty folder, and a build folder built again, are fine.
    (tmp_path / "empty").mkdir()
    build(src, out=tmp_path / "empty")
    assert build(src, out=tmp_path / "empty").quads > 0


def test_a_build_past_the_file_size_limit_is_one_line_and_writes_nothing(tmp_path):
    """Regression: a full disk (here a file size limit, RLIMIT_FSIZE) while the build wrote
    its staging files was an OSError traceback; the previous build stays as it was."""
    import resource
    import signal

    src = write_corpus(tmp_path / "src").parent
    out = tmp_path / "out"
    build(src, out=out)
    before = (out / "graph.nq").read_bytes()
    (src / "tiny.yaml").write_text(TINY_YAML.replace("label: China", "label: Sina"),
                                   encoding="utf-8")

    def limit() -> None:  # writes past 64 KB fail with EFBIG instead of killing the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))

    for target in (out, tmp_path / "fresh"):
        r = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(target)],
                           capture_output=True, text=True, timeout=HANG_S, preexec_fn=limit)
        assert r.returncode == 2, r.stderr
        # where it fails first decides the words (the staging files, the store's copy)
        assert r.stderr.startswith(f"kg build: error: {target}") and \
            "File too large" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert (out / "graph.nq").read_bytes() == before
    assert not (tmp_path / "fresh").exists()


@pytest.mark.parametrize("raw", ["abc", "0", "-2", "1.5"])
def test_a_bad_kg_build_jobs_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch, raw):
    from kg.build.documents import default_jobs
    from kg.errors import UsageError

    monkeypatch.setenv("KG_BUILD_JOBS", raw)
    with pytest.raises(UsageError, match="KG_BUILD_JOBS"):
        default_jobs()
    out = tmp_path / "out"
    with pytest.raises(UsageError):
        build(data_dir() / "cfr-2022-north-korea-provocations.yaml", out=out)
    assert not out.exists() or not any(out.iterdir())
