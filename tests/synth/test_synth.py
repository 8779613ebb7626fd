"""kg synth: deterministic, valid native documents that load, build and validate."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from kgtest import HANG_S

from kg.synth import generate_corpus, to_yaml


def _find_all(text: str, quote: str) -> list[int]:
    hits, i = [], text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    return hits


def test_same_seed_same_bytes_other_seed_other_bytes():
    a = [(d.text, to_yaml(d)) for d in generate_corpus(5, seed=3)]
    b = [(d.text, to_yaml(d)) for d in generate_corpus(5, seed=3)]
    c = [(d.text, to_yaml(d)) for d in generate_corpus(5, seed=4)]
    assert a == b
    assert a != c


def test_every_quote_is_unique_or_numbered():
    for doc in generate_corpus(40, seed=5):
        for item in doc.items:
            anchors = item.get("mentions", []) + ([item] if "quote" in item else [])
            for anchor in anchors:
                hits = _find_all(doc.text, anchor["quote"])
                occurrence = anchor.get("occurrence")
                assert hits, (doc.id, item["id"], anchor)
                if occurrence is None:
                    assert len(hits) == 1, (doc.id, item["id"], anchor)
                elif occurrence != "all":
                    assert 1 <= occurrence <= len(hits), (doc.id, item["id"], anchor)


def test_yaml_round_trips_and_names_ontology_types():
    from kg.ontology import load_ontology

    onto = load_ontology()
    for doc in generate_corpus(10, seed=9):
        data = yaml.safe_load(to_yaml(doc))
        assert data["document"]["id"] == doc.id
        types = {a["type"] for a in data["annotations"]}
        unknown = [t for t in types if not onto.has_class(t) or not onto.class_(t).annotatable]
        assert unknown == [], unknown


def test_shapes_are_realistic():
    """Roles, dates, relations, motives and claims all occur; actors recur across documents."""
    docs = list(generate_corpus(60, seed=2))
    keys = {k for d in docs for item in d.items for k in item}
    for key in ("agent", "target", "instrument", "place", "time", "begin", "end", "subject",
                "object", "via", "of", "holder", "aimsAt", "asserts", "modality", "certainty",
                "polarity", "hedge", "if", "respondsTo"):
        assert key in keys, key
    actor_docs: dict[str, int] = {}
    for d in docs:
        for item in d.items:
            if "mentions" in item:
                actor_docs[item["id"]] = actor_docs.get(item["id"], 0) + 1
    assert max(actor_docs.values()) >= 10, sorted(actor_docs.values())[-5:]


def test_corpus_loads_with_the_real_loader(corpus_dir):
    import kg

    corpus = kg.load(corpus_dir)
    assert len(corpus) == 25


def test_corpus_builds_and_validates(corpus_dir, tmp_path):
    from kg.build import build
    from kg.validation import validate

    result = build(corpus_dir, out=tmp_path / "out", trig=False)
    assert result.documents == 25 and result.quads > 10_000, result
    report = validate(tmp_path / "out")
    assert report.conforms, report.text() if hasattr(report, "text") else report


def test_cli_writes_the_files(tmp_path):
    out = tmp_path / "corpus"
    proc = subprocess.run([sys.executable, "-m", "kg", "synth", "--docs", "3", "-o", str(out),
                           "--seed", "1"], capture_output=True, text=True, timeout=HANG_S)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"synth-1-00000{i}.{ext}" for i in range(3) for ext in ("txt", "yaml")]


def test_negative_size_is_a_usage_error():
    from kg.errors import UsageError

    with pytest.raises(UsageError):
        list(generate_corpus(-1))


def test_an_actor_pool_of_no_actors_is_a_usage_error():
    """Regression: ``actors=-5`` ended in an IndexError deep in a document's events."""
    from kg.errors import UsageError

    with pytest.raises(UsageError, match="--actors must be 1 or more, not -5"):
        list(generate_corpus(2, actors=-5))


def test_a_file_as_the_output_folder_is_one_line(tmp_path, capsys):
    """Regression: ``kg synth -o FILE`` ended in a FileExistsError traceback; the files are
    written whole (kg.atomic), never cut by a killed run."""
    from kg.cli import main

    target = tmp_path / "existing.txt"
    target.write_text("keep\n", encoding="utf-8")
    assert main(["synth", "--docs", "1", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (f"kg synth: error: cannot write {target}: it is a file, "
                                       "not a folder\n")
    assert target.read_text(encoding="utf-8") == "keep\n"
    assert main(["synth", "--docs", "1", "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "synth-0-000000.txt", "synth-0-000000.yaml"]


def test_a_retold_event_is_the_earlier_documents_first_event():
    """``lead_event`` recomputes document j's first event exactly as the document has it,
    so a retelling's ``same-as`` points at the event it retells."""
    from kg.ontology import load_ontology
    from kg.synth import corpus_pools, templates
    from kg.synth.document import lead_event

    docs = list(generate_corpus(30, seed=4, retell=0.3))
    onto, t = load_ontology(), templates()
    pools = corpus_pools(30, seed=4, ontology=onto)

    def roles(item):
        return {k: v for k, v in item.items() if k not in ("quote", "occurrence")}

    for i, doc in enumerate(docs):
        ev1 = next(x for x in doc.items if x["id"] == "ev1")
        assert roles(ev1) == roles(lead_event(i, seed=4, t=t, onto=onto, pools=pools)[0]), i
    by_id = {d.id: {x["id"]: x for x in d.items} for d in docs}
    retold = [x for d in docs for x in d.items if "same-as" in x]
    assert retold
    for item in retold:
        doc_id, item_id = item["same-as"].split("/")
        assert by_id[doc_id][item_id]["agent"] == item["agent"], item


def test_retellings_only_add_to_a_document():
    """Without retellings (the default, retell=0) no document says same-as; with them, each
    document's text starts with the text it has without, and a document tells an event once."""
    plain = list(generate_corpus(40, seed=6))
    told = list(generate_corpus(40, seed=6, retell=1))
    assert not any("same-as" in x for d in plain for x in d.items)
    for a, b in zip(plain, told, strict=True):
        assert b.text.startswith(a.text.rstrip("\n")), a.id
        assert a.meta == b.meta, a.id
        targets = [x["same-as"] for x in b.items if "same-as" in x]
        assert len(targets) == len(set(targets)), b.id
    assert all(any("same-as" in x for x in d.items) for d in told[1:])


def test_sources_disagree_as_in_a_real_corpus(tmp_path):
    """With retellings the corpus has nodes told by several documents; it builds and
    validates, and the contradictions question finds their disagreements of type, time
    and polarity."""
    from kg.build import build
    from kg.query import run_query
    from kg.synth import RETELL, write_corpus
    from kg.validation import validate

    write_corpus(tmp_path / "corpus", docs=25, seed=11, retell=RETELL)
    build(tmp_path / "corpus", out=tmp_path / "out", trig=False)
    report = validate(tmp_path / "out")
    assert report.conforms, report.text() if hasattr(report, "text") else report
    rows = run_query("contradictions", tmp_path / "out" / "store", params={"limit": "0"},
                     timeout_s=HANG_S).dicts()
    aspects = {r["aspect"].value for r in rows}
    assert {"type", "time", "polarity"} <= aspects, aspects


@pytest.mark.parametrize("value", ["-0.1", "1.5", "nan", "x"])
def test_a_retell_share_outside_0_to_1_is_a_usage_error(value, capsys):
    from kg.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["synth", "--docs", "1", "-o", "unused", "--retell", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--retell" in err and "from 0 to 1" in err, err


@pytest.mark.parametrize("sizes,refused", [
    ({"docs": 1_000_001}, "--docs must be at most 1,000,000"),
    ({"docs": 1, "actors": 100_001}, "--actors must be at most 100,000"),
    ({"docs": 1, "seed": 1 << 63}, "--seed must be a 64-bit whole number"),
    ({"docs": 1, "seed": -(1 << 63)}, "--seed must be a 64-bit whole number"),
], ids=["docs", "actors", "seed", "negative-seed"])
def test_sizes_past_their_bound_are_refused_before_any_work(sizes, refused):
    """Regression: ``kg synth --actors 1000000000000`` made the actor list in memory until
    it was killed, and ``--docs`` had no end but the disk. Each size has a bound
    (kg.synth.MAX_DOCS, MAX_ACTORS, MAX_SEED: why each, beside them), refused before a pool
    or a document is made; the largest allowed values are still taken."""
    from kg.errors import UsageError
    from kg.synth import MAX_ACTORS, MAX_DOCS, MAX_SEED, corpus_pools

    assert (MAX_DOCS, MAX_ACTORS, MAX_SEED) == (1_000_000, 100_000, (1 << 63) - 1)
    with pytest.raises(UsageError, match=refused):
        next(generate_corpus(**sizes))
    with pytest.raises(UsageError, match=refused):
        corpus_pools(**sizes)
    assert next(generate_corpus(MAX_DOCS, seed=-MAX_SEED)).id == f"synth--{MAX_SEED}-000000"


@pytest.mark.parametrize("option,value,refused", [
    ("--actors", str(100_001), "--actors must be at most 100,000 (the pool is made in memory "
                               "before the first document), not 100001"),
    ("--seed", str(1 << 63), f"--seed must be a 64-bit whole number, from -{(1 << 63) - 1} "
                             f"to {(1 << 63) - 1} (it names every file), not {1 << 63}"),
], ids=["actors", "seed"])
def test_kg_synth_refuses_a_size_past_its_bound_in_one_line(tmp_path, capsys, option, value,
                                                            refused):
    from kg.cli import main

    out = tmp_path / "corpus"
    assert main(["synth", "--docs", "1", option, value, "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"kg synth: error: {refused}\n"
    assert not out.exists()


def test_a_huge_actor_pool_is_refused_at_once(tmp_path):
    """The reported case: the command returning at all is the proof (before, it made the
    actor list until it was killed; HANG_S only bounds a hang)."""
    out = tmp_path / "corpus"
    proc = subprocess.run([sys.executable, "-m", "kg", "synth", "--docs", "1", "--actors",
                           str(10**12), "-o", str(out)], capture_output=True, text=True,
                          timeout=HANG_S)
    assert (proc.returncode, proc.stdout) == (2, ""), proc
    assert proc.stderr == ("kg synth: error: --actors must be at most 100,000 (the pool is made "
                           "in memory before the first document), not 1000000000000\n"), proc
    assert not out.exists()


def test_the_help_states_the_bounds():
    from kg.cli.synth import DESCRIPTION
    from kg.synth import MAX_ACTORS, MAX_DOCS

    for bound in (f"--docs {MAX_DOCS:,}", f"--actors {MAX_ACTORS:,}"):
        assert bound in " ".join(DESCRIPTION.split()), bound
