"""``--ontology DIR``: a user's own ontology (a copy of the shipped one, edited) drives every
command, including the build's worker processes."""

from __future__ import annotations

import shutil

from kg.cli import main
from kg.resources import ontology_dir
from kg.synth import write_corpus as write_synth


def test_own_ontology_drives_the_build(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KG_ONTOLOGY", raising=False)
    own = tmp_path / "my-ontology"
    shutil.copytree(ontology_dir(), own)
    kg_ttl = own / "kg.ttl"
    text = kg_ttl.read_text(encoding="utf-8")
    assert 'rdfs:label "state"@en' in text
    kg_ttl.write_text(text.replace('rdfs:label "state"@en', 'rdfs:label "sovereign polity"@en',
                                   1), encoding="utf-8")
    out = tmp_path / "build"
    # A synthetic corpus of eight documents, enough for two worker processes (not the whole
    # shipped corpus: what is tested is that the ontology given drives the build and its
    # workers, on any input).
    corpus = tmp_path / "corpus"
    write_synth(corpus, docs=8, seed=3)
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "2",
                 "--ontology", str(own)]) == 0
    assert main(["stats", "--build", str(out), "--all"]) == 0
    stats = capsys.readouterr().out
    assert "sovereign polity" in stats, stats
    import os

    assert "KG_ONTOLOGY" not in os.environ, "--ontology leaked into the process after the command"


def test_an_ontology_folder_without_kg_ttl_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KG_ONTOLOGY", raising=False)
    assert main(["build", "-o", str(tmp_path / "b"), "--ontology", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no kg.ttl" in err, err
    assert not (tmp_path / "b").exists()
