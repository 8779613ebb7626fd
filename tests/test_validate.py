"""kg validate: the seed conforms; broken graphs are caught by the shapes and the anchor checks."""

from __future__ import annotations

import shutil

import pytest
from kgtest import TINY_YAML, write_corpus

from kg.build import build
from kg.cli import main
from kg.errors import AnnotationError, UsageError
from kg.validation import validate


def test_seed_graph_conforms(seed_build):
    report = validate(seed_build.out)
    assert report.conforms, report.text()
    assert report.checked_anchors > 50, report.checked_anchors


def _built(tmp_path, yaml_text=TINY_YAML):
    return build(write_corpus(tmp_path / "c", yaml_text), out=tmp_path / "o", store=False)


def _messages(report):
    return [f.message for f in report.findings]


def test_claim_without_modality_fails(tmp_path):
    res = _built(tmp_path, TINY_YAML.replace("    modality: Prediction\n", ""))
    report = validate(res.out)
    assert not report.conforms
    assert any("modality" in m for m in _messages(report)), report.text()


def test_claim_without_anchor_fails(tmp_path):
    res = _built(tmp_path, TINY_YAML.replace("    quote: The tests would likely continue.\n", ""))
    report = validate(res.out)
    assert any("no text anchor" in m for m in _messages(report)), report.text()


def test_event_with_only_the_generic_type_fails(tmp_path):
    # kg:Event is kg:abstract: the loader refuses it at once, naming the item and the type
    # (the shapes' "no specific type" stays for graphs written by other means).
    with pytest.raises(AnnotationError, match="type 'Event' is too general"):
        _built(tmp_path, TINY_YAML.replace("type: MissileTest", "type: Event"))


def test_motive_with_only_the_generic_type_fails(tmp_path):
    # kg:Motive is kg:abstract too: one line naming the file, line, item and its specific types.
    motive = TINY_YAML + "  - {id: m1, type: Motive, quote: tested missiles, of: ev1, holder: nk}\n"
    located = (r"tiny\.yaml:\d+ \[m1\]: type 'Motive' is too general: "
               r"name one of its specific types \(.*StrengthenCapabilities")
    with pytest.raises(AnnotationError, match=located) as err:
        _built(tmp_path, motive)
    assert "\n" not in str(err.value), str(err.value)
    # a specific motive type builds
    _built(tmp_path / "ok", motive.replace("type: Motive", "type: StrengthenCapabilities"))


def test_actor_as_time_fails(tmp_path):
    # In the document that defines the actor, the loader refuses it (the key's range class);
    with pytest.raises(AnnotationError, match="'time' takes a time span, but 'nk' is of type"):
        _built(tmp_path / "one", TINY_YAML.replace("    time: t1", "    time: nk"))
    # from another document, where the loader cannot see its type, the shapes catch it.
    folder = write_corpus(tmp_path / "two").parent
    write_corpus(folder, "document: {id: other, text: other.txt, author: unknown, "
                         "date: unknown}\nannotations:\n"
                         "  - {id: ev9, type: MissileTest, quote: fired, agent: nk, time: nk}\n",
                 "It fired.\n", name="other")
    res = build(folder, out=tmp_path / "o", store=False)
    report = validate(res.out)
    assert any("time span" in m for m in _messages(report)), report.text()


def test_anchor_offsets_that_do_not_give_the_quote_fail(tmp_path):
    res = _built(tmp_path)
    nq = res.out / "graph.nq"
    text = nq.read_text()
    # Shift one position selector by one character: the quote no longer matches the text.
    i = text.index("oa#start> \"0\"")
    nq.write_text(text[:i] + "oa#start> \"1\"" + text[i + len("oa#start> \"0\""):])
    report = validate(nq)
    assert any("not the quote" in m for m in _messages(report)), report.text()


OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _edited(tmp_path, edit):
    """The tiny corpus's graph.nq with ``edit`` (lines -> lines) applied, validated."""
    res = _built(tmp_path)
    nq = res.out / "graph.nq"
    lines = nq.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = edit(lines)
    assert edited != lines, "the edit changed nothing"
    nq.write_text("".join(edited), encoding="utf-8")
    return validate(nq)


def _first_selector(lines, kind):
    """The subject of the first selector of ``kind`` (TextQuoteSelector...)."""
    line = next(x for x in lines if f"{RDF_TYPE} <{OA}{kind}>" in x)
    return line.split(" ", 1)[0]


def test_an_anchor_without_a_quote_selector_fails(tmp_path):
    def untype(lines):
        sel = _first_selector(lines, "TextQuoteSelector")
        return [x for x in lines if not x.startswith(f"{sel} {RDF_TYPE}")]
    report = _edited(tmp_path, untype)
    assert "anchor has no TextQuoteSelector" in _messages(report), report.text()


def test_an_anchor_without_a_position_selector_fails(tmp_path):
    def unlink(lines):
        sel = _first_selector(lines, "TextPositionSelector")
        return [x for x in lines if f"<{OA}hasSelector> {sel}" not in x]
    report = _edited(tmp_path, unlink)
    assert "anchor has no TextPositionSelector" in _messages(report), report.text()


def test_a_selector_of_a_subclass_counts_as_its_class(tmp_path):
    # the shapes test an anchor's selectors by class with its superclasses (sh:class's meaning)
    sub = "<https://example.org/MyQuoteSelector>"
    subclass_of = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
    subclass = f"{sub} {subclass_of} <{OA}TextQuoteSelector> .\n"

    def retype(lines):
        out = [x.replace(f"{RDF_TYPE} <{OA}TextQuoteSelector>", f"{RDF_TYPE} {sub}")
               for x in lines]
        return out + [subclass]
    report = _edited(tmp_path, retype)
    assert not any("TextQuoteSelector" in m for m in _messages(report)), report.text()


def test_an_empty_quote_fails(tmp_path):
    def empty(lines):
        return [x.split(f"<{OA}exact> ")[0] + f'<{OA}exact> "" ' + x.rsplit(" ", 2)[-2] + " .\n"
                if f"<{OA}exact> " in x else x for x in lines]
    report = _edited(tmp_path, empty)
    assert "a quote selector needs exactly one non-empty quote (oa:exact)" in _messages(report), \
        report.text()


def test_a_position_that_ends_where_it_starts_fails(tmp_path):
    def collapse(lines):
        sel = _first_selector(lines, "TextPositionSelector")
        start = next(x for x in lines if x.startswith(f"{sel} <{OA}start> "))
        value = start.split(" ")[2]
        return [f"{sel} <{OA}end> {value} " + x.rsplit(" ", 2)[-2] + " .\n"
                if x.startswith(f"{sel} <{OA}end> ") else x for x in lines]
    report = _edited(tmp_path, collapse)
    assert "a position selector needs one start, before its end" in _messages(report), \
        report.text()


def test_an_event_typed_outside_the_scheme_fails(tmp_path):
    # a graph written by other means: the loader never lets kg:Event alone through
    def generic(lines):
        return [x.replace(f"{RDF_TYPE} <https://w3id.org/kg-toolkit/ontology#MissileTest>",
                          f"{RDF_TYPE} <https://w3id.org/kg-toolkit/ontology#Event>")
                for x in lines]
    report = _edited(tmp_path, generic)
    assert any("event has no specific type" in m for m in _messages(report)), report.text()


@pytest.mark.parametrize("link, kind, says, why", [
    ("respondsTo", "responses", "responds to", "a response cannot come before what it answers"),
    ("partOf", "parts", "is part of", "an event cannot be part of what it holds"),
])
def test_a_cycle_one_graph_tells_fails_naming_its_events(tmp_path, capsys, link, kind, says,
                                                         why):
    """Regression: ev1 responding to ev2 and ev2 to ev1 (or part of it) validated silently.
    kg build refuses such a document (tests/loaders); a graph written by other means fails
    validation, naming the events, the file and what each says."""
    doc = "https://w3id.org/kg-toolkit/id/doc/tiny/"
    prop = f"<https://w3id.org/kg-toolkit/ontology#{link}>"
    graph = "<https://w3id.org/kg-toolkit/id/graph/doc/tiny>"

    def cycle(lines):
        return lines + [f"<{doc}ev1> {prop} <{doc}ev2> {graph} .\n",
                        f"<{doc}ev2> {prop} <{doc}ev1> {graph} .\n"]
    report = _edited(tmp_path, cycle)
    assert not report.conforms
    found = [f for f in report.findings if f.source == "cycles"]
    assert [str(f) for f in found] == [
        f"kgd:doc/tiny/ev1 ({link}): {kind} make a cycle in tiny.yaml: ev1 {says} ev2, which "
        f"{says} ev1; {why}"], report.text()
    assert [(p["event"], p["file"], p["item"], p["says"]) for p in found[0].places] == [
        (f"{doc}ev1", "tiny.yaml", "ev1", f"{says} ev2"),
        (f"{doc}ev2", "tiny.yaml", "ev2", f"{says} ev1")], found[0].places
    assert main(["validate", "--build", str(tmp_path / "o")]) == 1
    assert str(found[0]) in capsys.readouterr().out


def test_a_long_cycle_of_responses_is_named_by_its_first_links_in_one_line(tmp_path):
    """A cycle of 30 responses (here in the default graph of a graph written by other means)
    is one finding naming its first 12 links and how many more close it."""
    ev = "https://example.org/ev/{:02d}"
    responds = "<https://w3id.org/kg-toolkit/ontology#respondsTo>"

    def ring(lines):
        return lines + [f"<{ev.format(i)}> {responds} <{ev.format((i + 1) % 30)}> .\n"
                        for i in range(30)]
    report = _edited(tmp_path, ring)
    (found,) = [str(f) for f in report.findings if f.source == "cycles"]
    named = ", which responds to ".join(ev.format(i) for i in range(1, 13))
    assert found == (f"{ev.format(0)} (respondsTo): responses make a cycle in the default "
                     f"graph: {ev.format(0)} responds to {named}, ... (18 more links back to "
                     f"{ev.format(0)}); a response cannot come before what it answers"), found


def test_cli_exit_codes(tmp_path, capsys):
    res = _built(tmp_path)
    assert main(["validate", "--build", str(res.out)]) == 0
    assert "conforms" in capsys.readouterr().out
    bad = _built(tmp_path / "bad", TINY_YAML.replace("    modality: Prediction\n", ""))
    assert main(["validate", "--build", str(bad.out)]) == 1
    assert "does not conform" in capsys.readouterr().out
    assert main(["validate", "--build", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "no built graph here" in err and "Traceback" not in err, err


def test_a_graph_of_no_document_is_nothing_to_validate_not_a_conforming_graph(tmp_path,
                                                                             capsys):
    """Regression: an empty N-Quads file and a build of no annotation file (--allow-empty)
    printed "conforms: 0 quads": a vacuous pass, almost always a wrong path or a failed
    build. It is an error now (exit 2, one line naming the file), as a missing graph is."""
    empty = tmp_path / "empty.nq"
    empty.write_bytes(b"")
    (tmp_path / "none").mkdir()
    res = build(tmp_path / "none", out=tmp_path / "o", store=False, allow_empty=True)
    for target, held in ((empty, "the file holds no quad"),
                         (res.out / "graph.nq", f"its {res.quads} quads describe no document")):
        with pytest.raises(UsageError, match="nothing to validate") as info:
            validate(target)
        assert str(info.value).startswith(f"{target}: nothing to validate: {held}"), info.value
        args = ["validate", str(target)] if target == empty else ["validate", "--build",
                                                                  str(res.out)]
        for fmt in ("text", "json"):
            assert main([*args, "--format", fmt]) == 2, (target, fmt)
            out, err = capsys.readouterr()
            assert out == "" and err == f"kg validate: error: {info.value}\n", (out, err)


def test_missing_build_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        validate(tmp_path)


def test_invalid_nquads_is_a_clean_error(tmp_path):
    f = tmp_path / "graph.nq"
    f.write_text("<a> <b> \"unterminated .\n")
    with pytest.raises(UsageError) as info:
        validate(f)
    assert "not valid N-Quads" in str(info.value)
    shutil.rmtree(tmp_path)


def test_public_api_names_stay_callable(seed_build):
    # Regression: a submodule named like a top-level function replaced it on import.
    import kg
    import kg.validation  # noqa: F401 - importing the module must not shadow kg.validate

    assert callable(kg.validate) and callable(kg.load)
    assert kg.validate(seed_build.out).conforms


def test_validate_leaves_rdflib_as_it_found_it(tmp_path):
    # No process-wide patch: rdflib's settings are the same after kg.validate().
    import rdflib.plugins.sparql as rdflib_sparql
    import rdflib.plugins.sparql.evaluate as rdflib_evaluate

    import kg

    before = (rdflib_sparql.SPARQL_LOAD_GRAPHS, rdflib_evaluate.evalServiceQuery)
    res = _built(tmp_path)
    assert kg.validate(res.out).conforms
    assert (rdflib_sparql.SPARQL_LOAD_GRAPHS, rdflib_evaluate.evalServiceQuery) == before


def test_shapes_with_a_from_clause_are_refused(tmp_path):
    import pytest

    import kg
    from kg.errors import InputError

    res = _built(tmp_path)
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:shape> a sh:NodeShape ; sh:targetNode <urn:x:a> ;
  sh:sparql [ sh:select "SELECT $this FROM <http://127.0.0.1:9/g> WHERE { $this ?p ?o }" ] .
""", encoding="utf-8")
    with pytest.raises(InputError, match="FROM"):
        kg.validate(res.out, shapes=shapes)
