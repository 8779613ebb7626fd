"""brat standoff: round trips, the fixture collection, one test per error kind, properties."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import AnnotationError, KGError
from kg.loaders import load_corpus
from kg.resources import data_dir, repo_root

FIXTURE = repo_root() / "tests" / "fixtures" / "brat"
NETWORK = repo_root() / "tests" / "fixtures" / "network" / "corpus"
SOURCES = repo_root() / "tests" / "fixtures" / "sources"  # shared nodes, speakers, grades
TEXT = "North Korea tested missiles in September 2022. China and Russia blocked it.\n"


def anns(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ann"))


def export_brat(sources, out: Path) -> list[Path]:
    from kg.export.brat import export_corpus

    export_corpus(load_corpus(*sources), out)
    return anns(out)


# The shipped corpus (data/, over a hundred documents) takes seconds to load, export or build:
# the tests below that only read it share one load and one brat export of it per module, and
# the session's one build of it (conftest.py) as its native build.
@pytest.fixture(scope="module")
def shipped():
    """data/ loaded once."""
    return load_corpus(data_dir())


@pytest.fixture(scope="module")
def shipped_brat(tmp_path_factory, shipped) -> list[Path]:
    """data/ exported to brat once: the .ann files (with their .txt and sidecars)."""
    from kg.export.brat import export_corpus

    out = tmp_path_factory.mktemp("shipped-brat")
    export_corpus(shipped, out)
    return anns(out)


@pytest.mark.parametrize("source", [data_dir(), NETWORK, SOURCES],
                         ids=["seed", "two-blocs", "same-as"])
def test_native_to_brat_to_native_builds_identical_nquads(tmp_path, source, request):
    from kg.build import build

    if source == data_dir():
        want = request.getfixturevalue("corpus_build")  # the session's one build of data/
        exported = request.getfixturevalue("shipped_brat")
    else:
        want = build(source, out=tmp_path / "native", trig=False, store=False)
        exported = export_brat([source], tmp_path / "brat")
    got = build(*exported, out=tmp_path / "via-brat", trig=False, store=False)
    a, b = want.nquads.read_bytes(), got.nquads.read_bytes()
    diff = sorted(set(a.splitlines()) ^ set(b.splitlines()))[:5]
    assert a == b, diff


def test_round_trip_keeps_the_model(shipped, shipped_brat):
    before = shipped
    after = load_corpus(*shipped_brat)

    def model(c):
        return {(d.id, it.id): (it.type, it.label, it.annotator, it.machine,
                                [(a.start, a.end) for a in it.anchors],
                                {k: sorted(map(repr, v)) for k, v in it.values.items()})
                for d in c for it in d.items}

    assert model(after) == model(before)
    assert [d.meta for d in after] == [d.meta for d in before]


def test_exported_ann_uses_standoff_lines(tmp_path):
    (ann,) = export_brat([NETWORK], tmp_path)
    lines = ann.read_text(encoding="utf-8").splitlines()
    kinds = {line.split("\t")[0].rstrip("0123456789") for line in lines}
    assert {"T", "E", "A", "#", "*"} <= kinds, kinds
    assert "T1\tState 0 9\tNorthland" in lines, lines[:3]
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert "[events]" in conf and "\nMissileTest\t" in conf, conf[:200]


def load_fixture():
    return load_corpus(FIXTURE / "provocations.ann").documents[0]


def test_fixture_collection_loads_with_mapping_and_sidecar():
    doc = load_fixture()
    assert doc.id == "brat-provocations" and doc.meta.date == "2022-11", doc.meta
    assert doc.meta.publisher.id == "example-press", doc.meta
    items = {it.id: it for it in doc.items}
    assert items["example-press"].type == "Organization", items["example-press"]
    launch = items["E1"]
    assert launch.type == "MissileLaunch", launch  # Missile_test -> MissileLaunch
    assert [r.id for r in launch.values["agent"]] == ["north-korea"], launch.values
    assert [r.id for r in launch.values["status"]] == ["Occurred"], launch.values


def test_fixture_discontinuous_span_is_one_item_with_an_anchor_per_fragment():
    icbm = next(it for it in load_fixture().items if it.type == "MissileClass"
                and len(it.anchors) == 2)
    assert [(a.start, a.end) for a in icbm.anchors] == [(21, 37), (54, 72)], icbm.anchors
    assert icbm.label == "intercontinental ballistic missiles", icbm.label
    assert icbm.id == "intercontinental-ballistic-missiles", icbm.id


def test_fixture_equivalence_merges_mentions_and_normalization_links_wikidata():
    items = {it.id: it for it in load_fixture().items}
    nk = items["north-korea"]
    assert [a.exact for a in nk.anchors] == ["North Korea", "Pyongyang"], nk.anchors
    assert nk.values["wikidata"] == ["Q423"], nk.values
    assert [a.exact for a in items["united-states"].anchors] == ["United States", "U.S."]


def test_fixture_attributes_notes_relations_and_binary_mapping():
    items = {it.id: it for it in load_fixture().items}
    t = items["T5"]
    assert t.values["begin"] == ["2022-09"] and [r.id for r in t.values["precision"]] == ["Month"]
    response = items["E2"]
    assert [r.id for r in response.values["status"]] == ["Hypothetical"], response.values
    assert [r.id for r in response.values["respondsTo"]] == ["E3"], response.values
    assert response.values["note"] == ['The source only says Pyongyang "called" it a response.']
    rel = items["r-china-russia"]
    assert rel.type == "Alignment" and not rel.anchors, rel
    assert ([r.id for r in rel.values["subject"]], [r.id for r in rel.values["object"]]) == (
        ["china"], ["russia"]), rel.values


def test_fixture_round_trips_through_brat_export(tmp_path):
    from kg.build import build

    src = tmp_path / "src"
    shutil.copytree(FIXTURE, src)
    want = build(src / "provocations.ann", out=tmp_path / "a", trig=False, store=False)
    got = build(*export_brat([src / "provocations.ann"], tmp_path / "out"), out=tmp_path / "b",
                trig=False, store=False)
    assert want.nquads.read_bytes() == got.nquads.read_bytes()


def test_brat_folder_with_sidecars_loads_as_a_folder(tmp_path):
    export_brat([NETWORK], tmp_path)
    assert len(load_corpus(tmp_path)) == 1


# -- errors: one per kind, each naming the file and the line ---------------------------
def write_brat(folder: Path, ann: str, text: str = TEXT, conf: str | None = None,
               mapping: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    if conf is not None:
        (folder / "annotation.conf").write_text(conf, encoding="utf-8")
    if mapping is not None:
        (folder / "kg-mapping.yaml").write_text(mapping, encoding="utf-8")
    return folder / "doc.ann"


GOOD = "T1\tState 0 11\tNorth Korea\nT2\tMissileTest 12 18\ttested\nE1\tMissileTest:T2 agent:T1\n"
ERRORS = {
    "malformed-T": ("T1\tState 0-11\tNorth Korea\n", 1, r"text-bound annotation is"),
    # Regression: Arabic-Indic (or any Unicode) digits were read as offsets (int() takes them)
    "non-ascii-digits": ("T1\tState \u0660 11\tNorth Korea\n", 1, r"text-bound annotation is"),
    "text-mismatch": ("T1\tState 0 11\tSouth Korea\n", 1, r"does not match span 0 11"),
    "span-outside": ("T1\tState 70 99\tx\n", 1, r"outside the text"),
    "unknown-id": ("X1\tState 0 11\tNorth Korea\n", 1, r"unknown annotation id 'X1'"),
    "no-tab": ("T1 State 0 11 North Korea\n", 1, r"expected an id, a tab"),
    "unknown-type": ("T1\tCountry 0 11\tNorth Korea\n", 1, r"brat type 'Country' is no ontology"),
    "bad-event-arg": (GOOD.replace("agent:T1", "agentT1"), 3, r"is not 'Role:ID'"),
    "dangling-arg": (GOOD.replace("agent:T1", "agent:T9"), 3, r"T9 is not an annotation"),
    "unknown-role": (GOOD.replace("agent:T1", "Theme:T1"), 3, r"event role 'Theme' is no"),
    "duplicate-id": (GOOD + "T1\tState 0 5\tNorth\n", 4, r"duplicate id T1"),
    "bad-equiv": (GOOD + "*\tEquiv T1 T7\n", 4, r"equivalence names T7"),
    "equiv-types": (GOOD + "*\tEquiv T1 T2\n", 2, r"different types"),
    "trigger-type": (GOOD.replace("E1\tMissileTest", "E1\tMissileLaunch"), 3,
                     r"differs from its trigger"),
    "bad-attribute": (GOOD + "A1\tstatus E1\n", 4, r"binary attribute 'status' needs a value"),
    "unknown-attribute": (GOOD + "A1\tcolour E1 red\n", 4, r"attribute 'colour' is no"),
    "bad-normalization": (GOOD + "N1\tReference T1 Q423\tNK\n", 4, r"normalization is"),
    "bad-note-json": (GOOD + '#1\tAnnotatorNotes T1\tlabel: "unclosed\n', 4, r"not a JSON"),
    "bad-concept": (GOOD + "A1\tstatus E1 Happened\n", 4, r"'Happened' is not a known value"),
    "bad-date": (GOOD + "T3\tTimeSpan 31 45\tSeptember 2022\n#1\tAnnotatorNotes T3\t"
                 "begin: 2022-13\n", 5, r"month 13 does not exist"),
}


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_error_names_file_and_line(tmp_path, kind):
    ann, line, pattern = ERRORS[kind]
    path = write_brat(tmp_path / kind, ann)
    with pytest.raises(AnnotationError) as info:
        load_corpus(path)
    hits = [p for p in info.value.problems if re.search(pattern, p.message)]
    assert hits, info.value.report()
    assert hits[0].path == str(path) and hits[0].line == line, str(hits[0])
    assert str(hits[0]).startswith(f"{path}:{line}"), str(hits[0])


def test_undeclared_type_in_annotation_conf_is_an_error(tmp_path):
    conf = "[entities]\nState\n[events]\n[relations]\n[attributes]\n"
    path = write_brat(tmp_path, GOOD, conf=conf)
    with pytest.raises(AnnotationError) as info:
        load_corpus(path)
    msgs = [str(p) for p in info.value.problems]
    assert any(f"{path}:3 [E1]" in m and "'MissileTest' is not declared" in m for m in msgs), msgs


def test_mapping_file_maps_names(tmp_path):
    ann = GOOD.replace("State", "Country").replace("agent:", "Actor:")
    path = write_brat(tmp_path, ann, mapping="types: {Country: State}\nkeys: {Actor: agent}\n")
    doc = load_corpus(path).documents[0]
    assert {it.type for it in doc.items} == {"State", "MissileTest"}, doc.items


def test_missing_text_file_is_an_error(tmp_path):
    path = write_brat(tmp_path, GOOD)
    (tmp_path / "doc.txt").unlink()
    with pytest.raises(AnnotationError, match="cannot read text file"):
        load_corpus(path)


# -- properties ----------------------------------------------------------------------
WORDS = st.text(alphabet=string.ascii_letters + "é’", min_size=2, max_size=9)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@st.composite
def brat_documents(draw):
    """A text of unique words and a valid .ann over some of them."""
    words = draw(st.lists(WORDS, min_size=6, max_size=20, unique=True))
    text = " ".join(words) + ".\n"
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    span = [(s, s + len(w)) for s, w in zip(starts, words, strict=True)]
    lines, n_t = [], 0
    actors = []
    for i in range(draw(st.integers(1, 3))):
        n_t += 1
        t = draw(st.sampled_from(["State", "Person", "Organization"]))
        if draw(st.booleans()) and i + 1 < len(words):  # a discontinuous span
            (s1, e1), (s2, e2) = span[i], span[len(words) - 1 - i]
            lines.append(f"T{n_t}\t{t} {s1} {e1};{s2} {e2}\t{text[s1:e1]} {text[s2:e2]}")
        else:
            lines.append(f"T{n_t}\t{t} {span[i][0]} {span[i][1]}\t{words[i]}")
        actors.append((f"T{n_t}", t))
        if draw(st.booleans()):
            # One Wikidata ID per type: the Equiv line below makes same-type mentions one
            # item, and one item has one Wikidata ID.
            qid = {"State": 423, "Person": 56226, "Organization": 1065}[t]
            lines.append(f"N{n_t}\tReference T{n_t} Wikidata:Q{qid}\tx")
        if draw(st.booleans()):
            lines.append(f"#{n_t}\tAnnotatorNotes T{n_t}\t{draw(WORDS)}")
    same = [a for a, t in actors if t == actors[0][1]]
    if len(same) > 1:
        lines.append("*\tEquiv " + " ".join(same))
    for j in range(draw(st.integers(0, 2))):
        i = 4 + j
        n_t += 1
        ev = draw(st.sampled_from(["MissileTest", "MilitaryExercise"]))
        lines.append(f"T{n_t}\t{ev} {span[i][0]} {span[i][1]}\t{words[i]}")
        lines.append(f"E{j + 1}\t{ev}:T{n_t} agent:{draw(st.sampled_from(actors))[0]}")
        lines.append(f"A{j + 1}\tstatus E{j + 1} {draw(st.sampled_from(['Occurred', 'Ongoing']))}")
    return text, "\n".join(lines) + "\n"


@SETTINGS
@given(brat_documents())
def test_random_valid_brat_documents_load(tmp_path, doc):
    text, ann = doc
    path = write_brat(tmp_path / "gen", ann, text=text)
    loaded = load_corpus(path).documents[0]
    for item in loaded.items:
        for a in item.anchors:
            assert loaded.text[a.start:a.end] == a.exact, (item.id, a)


@st.composite
def corruptions(draw):
    data = bytearray(GOOD.encode() + b"A1\tstatus E1 Occurred\n#1\tAnnotatorNotes T1\tid: nk\n"
                     b"N1\tReference T1 Wikidata:Q423\tNK\n*\tEquiv T1 T1\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "insert"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i]
        else:
            data.insert(i, draw(st.sampled_from(list(b"\t\n :;*#TERAN0123456789\"'"))))
    return bytes(data)


@SETTINGS
@given(corruptions())
def test_corrupted_ann_gives_only_clean_errors(tmp_path, data):
    path = write_brat(tmp_path / "bad", "")
    path.write_bytes(data)
    try:
        load_corpus(path)
    except KGError as exc:
        assert str(exc).strip(), exc


def test_kg_export_brat_from_the_built_store_builds_identical_nquads(tmp_path):
    from kg.build import build
    from kg.cli import main

    want = build(NETWORK, out=tmp_path / "a", trig=False)
    code = main(["export", "--format", "brat", "-o", str(tmp_path / "brat"),
                 "--build", str(want.store.parent)])
    assert code == 0
    got = build(*anns(tmp_path / "brat"), out=tmp_path / "b", trig=False, store=False)
    assert want.nquads.read_bytes() == got.nquads.read_bytes()


def test_kg_export_brat_to_standard_output_is_refused_cleanly(tmp_path, capsys):
    from kg.build import build
    from kg.cli import main

    built = build(NETWORK, out=tmp_path / "a", trig=False)
    assert main(["export", "--format", "brat", "--build", str(built.store.parent)]) == 2
    assert "writes a folder" in capsys.readouterr().err


def test_reference_between_two_entities_is_an_r_line_both_ways(tmp_path):
    from kg.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "obj.txt").write_text("North Korea rejects denuclearization.\n", encoding="utf-8")
    (src / "obj.yaml").write_text(
        "document: {id: obj, text: obj.txt, author: unknown, date: unknown}\n"
        "annotations:\n"
        "  - {id: north-korea, type: State, quote: North Korea}\n"
        "  - {id: denuclearization, type: PolicyObjective, quote: denuclearization,\n"
        "     holder: north-korea, note: 'tab\there'}\n", encoding="utf-8")
    (ann,) = export_brat([src], tmp_path / "brat")
    lines = ann.read_text(encoding="utf-8").splitlines()
    assert "R1\tholder Arg1:T2 Arg2:T1" in lines, lines
    assert '#3\tAnnotatorNotes T2\tnote: "tab\\there"' in lines, lines
    a = build(src, out=tmp_path / "a", trig=False, store=False)
    b = build(ann, out=tmp_path / "b", trig=False, store=False)
    assert a.nquads.read_bytes() == b.nquads.read_bytes()


def test_actors_with_ties_of_their_own_stay_entities(shipped, shipped_brat):
    """An actor with memberOf/organOf (properties whose domain is Actor) is a text-bound
    entity with R lines for its ties, as the ontology's kg:bratKind says, not an E line."""
    from kg.ontology import load_ontology

    onto = load_ontology()
    members = {(d.id, it.id) for d in shipped for it in d.items
               if it.anchors and ("memberOf" in it.values or "organOf" in it.values)}
    assert members, "the shipped corpus has actors with memberOf/organOf"
    event_types = set()
    rel_types = set()
    for ann in shipped_brat:
        for line in ann.read_text(encoding="utf-8").splitlines():
            head, _, body = line.partition("\t")
            if head.startswith("E"):
                event_types.add(body.split(":", 1)[0])
            elif head.startswith("R"):
                rel_types.add(body.split(" ", 1)[0])
    assert not [t for t in event_types if onto.class_(t).is_a("Actor")], event_types
    assert {"memberOf", "organOf"} & rel_types, rel_types
