"""Fuzzing every loader: generated and mutated inputs give a clean error or a writable graph.

For each input the loader (through :func:`kg.loaders.load_corpus`, with the shared
checks) either raises a :class:`~kg.errors.KGError` whose message is one printable
line naming the file, or returns documents whose RDF (the build's own
``document_lines``) is valid N-Quads: what the build writes next. Never a traceback.
A second set of tests runs the whole ``build`` on mutated inputs over a previous
build and checks that a failed build writes nothing and leaves that build as it was.

Inputs: the native YAML (generated from the ontology's own types, keys and
concepts, plus byte- and line-level mutations of a valid file), brat standoff and
Web Annotation (mutations of files exported from the valid corpus). Example counts
are set per test; the total is printed as ``fuzz.inputs`` at the end of the run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hardeningkit import (
    CONTROL,
    IMG,
    LONG,
    NUL,
    RTL,
    SCRIPT,
    SPARQL,
    assert_clean_error,
    bump,
    tree_state,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kgtest import TINY_TEXT, TINY_YAML, paths_of

from kg.errors import KGError

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Tokens a mutation splices in: markup, SPARQL and YAML/JSON/brat metacharacters, controls.
TOKENS = [IMG, SCRIPT, SPARQL, CONTROL, RTL, NUL, "\r\n", "\n", "\t", "\r", "\ufeff", "\x00",
          ": ", "- ", "#", "&a", "*a", "!!python/object:os.system", "!!binary", "{", "}", "[",
          "]", '"', "'", "\\", "\\ud800", "\\U0010ffff", "%", "@", "|", ">", "---", "...",
          "\u2028", "\u202e", "\udcff", "Q1", "T1", "E1", "R1", "A1", "N1", "#1", "*\tEquiv",
          "0 5", "3 1", "99999 100000", ";", "@context", "@id", "http://127.0.0.1:9/ctx",
          "oa:start", "kgd:doc/tiny/x", "L" * 5000]


# -- the harness -----------------------------------------------------------------------
def attempt(files: dict[str, bytes], entry: str) -> str:
    """Write ``files`` into a fresh folder, load ``entry``; 'ok' or 'error' (clean ones only).

    A loaded corpus is turned into N-Quads exactly as the build does and parsed back.
    """
    from kg.build.rdf import document_lines
    from kg.loaders import load_corpus
    from kg.ontology import load_ontology

    onto = load_ontology()
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        bump("fuzz.inputs")
        try:
            corpus = load_corpus(folder / entry, ontology=onto)
        except KGError as exc:
            assert_clean_error(exc, where=tmp)
            bump("fuzz.clean_errors")
            return "error"
        for doc in corpus:
            text = "".join(document_lines(doc, onto))
            quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
            assert quads, "a loaded document gave no quads"
        bump("fuzz.loaded_ok")
        return "ok"


def mutate(data: str, ops: list[tuple[int, int, int, str]]) -> str:
    """Apply (kind, position, length, token) edits: replace, insert, delete, duplicate a line."""
    for kind, pos, length, token in ops:
        if not data:
            data = token
            continue
        i = pos % (len(data) + 1)
        if kind == 0:
            data = data[:i] + token + data[i + length % 8:]
        elif kind == 1:
            data = data[:i] + token + data[i:]
        elif kind == 2:
            data = data[:i] + data[i + length % 40:]
        elif kind == 3:
            lines = data.split("\n")
            j = pos % len(lines)
            lines.insert(j, lines[(j + length) % len(lines)])
            data = "\n".join(lines)
        else:
            data = data[:i]  # truncation
    return data


OPS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 10**6), st.integers(0, 10**3),
                         st.sampled_from(TOKENS) | st.text(max_size=12)),
               min_size=1, max_size=4)


def encode(text: str) -> bytes:
    """UTF-8, lone surrogates written as the bytes they stand for (invalid UTF-8 on purpose)."""
    return text.encode("utf-8", "surrogateescape" if _only_escapes(text) else "surrogatepass")


def _only_escapes(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


# -- native YAML: generated from the ontology ----------------------------------------------
def _ontology_pools():
    from kg.ontology import load_ontology

    onto = load_ontology()
    types = sorted(onto.annotatable_types())
    keys = sorted(onto.properties)
    concepts = sorted(onto.concepts)
    return types, keys, concepts


TYPES, KEYS, CONCEPTS = _ontology_pools()
HOSTILE_TEXT = st.sampled_from([IMG, SCRIPT, SPARQL, CONTROL, RTL, NUL, LONG[:2000], "",
                                "\\ud800", "unknown", "2022-13", "2022-02-30", "Q0", "Q42"])
QUOTES = st.sampled_from(["North Korea", "China", "Russia", "tested missiles", "September 2022",
                          "blocked a UN resolution", "The tests would likely continue.", "e",
                          "nowhere in the text", "north korea", "China  and", "\r\n", ""])
IDS = st.sampled_from(["nk", "china", "russia", "t1", "ev1", "ev2", "c1", "pub", "x",
                       "bad id", "../x", "a>b", "é", "-x", "n" * 130])
SCALARS = st.one_of(IDS, st.sampled_from(CONCEPTS), HOSTILE_TEXT, st.integers(-5, 5),
                    st.booleans(), st.none(), st.text(max_size=20))
ITEM = st.builds(
    lambda base, keys: {**base, **keys},
    st.fixed_dictionaries(
        {"id": IDS, "type": st.sampled_from(TYPES) | HOSTILE_TEXT},
        optional={"label": SCALARS, "quote": QUOTES | HOSTILE_TEXT, "prefix": QUOTES,
                  "occurrence": st.sampled_from([1, 2, "all", 0, -1, "x"]),
                  "mentions": st.lists(QUOTES | st.fixed_dictionaries({"quote": QUOTES}),
                                       max_size=2),
                  "machine": st.booleans() | HOSTILE_TEXT, "annotator": SCALARS}),
    # a few of the ontology's keys per item, any of them: cheaper to draw than all optional
    st.dictionaries(st.sampled_from(KEYS), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
                    max_size=4),
)
DOCUMENT = st.fixed_dictionaries(
    {"id": st.sampled_from(["tiny", "doc-1", "bad id", "", "a/b"])},
    optional={"text": st.sampled_from(["tiny.txt", "missing.txt", "/etc/hostname",
                                       "../tiny.txt", "sub/../tiny.txt"]),
              "title": SCALARS, "url": SCALARS, "publisher": IDS, "author": SCALARS,
              "date": st.sampled_from(["2022", "2022-09", "2022-11-01", "unknown", "2022-13",
                                       "x"]) | SCALARS,
              "language": SCALARS, "type": st.sampled_from(["AnalysisNewsArticle", "Report",
                                                            "Bad Type", "<x>"]),
              "annotator": SCALARS, "exclude": st.lists(QUOTES, max_size=2), "extra": SCALARS})
TEXTS = st.sampled_from([TINY_TEXT, TINY_TEXT.replace("\n", "\r\n"), "\ufeff" + TINY_TEXT,
                         TINY_TEXT + IMG + SCRIPT + CONTROL + RTL + NUL, ""])


@settings(max_examples=200, **SETTINGS)
@given(doc=DOCUMENT, items=st.lists(ITEM, max_size=8), text=TEXTS,
       top=st.sampled_from(["both", "no-annotations", "extra-key", "list"]))
def test_native_generated(doc, items, text, top):
    import yaml

    data: object = {"document": doc, "annotations": items}
    if top == "no-annotations":
        data = {"document": doc}
    elif top == "extra-key":
        data = {"document": doc, "annotations": items, "extra": 1}
    elif top == "list":
        data = [doc, items]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    attempt({"tiny.yaml": encode(body), "tiny.txt": encode(text)}, "tiny.yaml")


@settings(max_examples=400, **SETTINGS)
@given(ops=OPS, text_ops=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 10**6),
                                            st.integers(0, 10**3), st.sampled_from(TOKENS)),
                                  max_size=1))
def test_native_mutated(ops, text_ops):
    attempt({"tiny.yaml": encode(mutate(TINY_YAML, ops)),
             "tiny.txt": encode(mutate(TINY_TEXT, text_ops))}, "tiny.yaml")


def test_native_mutation_seed_is_valid():
    """Control: the unmutated seed loads, so mutations test the loader, not a broken seed."""
    assert attempt({"tiny.yaml": TINY_YAML.encode(), "tiny.txt": TINY_TEXT.encode()},
                   "tiny.yaml") == "ok"


# -- brat and Web Annotation: mutations of exported files -----------------------------------
def _exported(fmt: str) -> dict[str, str]:
    """The tiny corpus exported to brat or Web Annotation: {file name: text}."""
    from kg.export import brat, webanno
    from kg.loaders import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "tiny.txt").write_text(TINY_TEXT, encoding="utf-8")
        (src / "tiny.yaml").write_text(TINY_YAML, encoding="utf-8")
        corpus = load_corpus(src / "tiny.yaml")
        out = Path(tmp) / "out"
        (brat if fmt == "brat" else webanno).export_corpus(corpus, out)
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


BRAT = _exported("brat")
WEBANNO = _exported("webanno")


def test_exported_seeds_are_valid():
    assert attempt({k: v.encode() for k, v in BRAT.items()}, "tiny.ann") == "ok"
    assert attempt({k: v.encode() for k, v in WEBANNO.items()}, "tiny.jsonld") == "ok"


BRAT_TARGETS = st.sampled_from(["tiny.ann", "tiny.ann", "tiny.ann", "tiny.meta.yaml",
                                "annotation.conf", "tiny.txt"])


@settings(max_examples=250, **SETTINGS)
@given(target=BRAT_TARGETS, ops=OPS)
def test_brat_mutated(target, ops):
    files = {k: v.encode() for k, v in BRAT.items()}
    files[target] = encode(mutate(BRAT[target], ops))
    attempt(files, "tiny.ann")


BRAT_LINE = st.one_of(
    st.builds(lambda i, t, s, e, txt: f"T{i}\t{t} {s} {e}\t{txt}", st.integers(0, 30),
              st.sampled_from(TYPES[:20] + ["Nope", IMG]), st.integers(-2, 140),
              st.integers(-2, 140), st.sampled_from(["North Korea", "China", "", SCRIPT])),
    st.builds(lambda i, t, a: f"E{i}\t{t}:T{a} agent:T{a + 1}", st.integers(0, 9),
              st.sampled_from(TYPES[:20]), st.integers(0, 9)),
    st.builds(lambda i, k, a, b: f"R{i}\t{k} Arg1:T{a} Arg2:T{b}", st.integers(0, 9),
              st.sampled_from(KEYS[:20] + ["Alignment", "x"]), st.integers(0, 9),
              st.integers(0, 9)),
    st.builds(lambda i, k, a, v: f"A{i}\t{k} T{a} {v}", st.integers(0, 9),
              st.sampled_from(KEYS[:30] + ["machine"]), st.integers(0, 9),
              st.sampled_from(CONCEPTS[:20] + ["", "x y", IMG])),
    st.builds(lambda i, a, q: f"N{i}\tReference T{a} Wikidata:{q}\tx", st.integers(0, 9),
              st.integers(0, 9), st.sampled_from(["Q423", "Q0", "", "x>y", SCRIPT])),
    st.builds(lambda i, a, k, v: f"#{i}\tAnnotatorNotes T{a}\t{k}: {v}", st.integers(0, 9),
              st.integers(0, 9), st.sampled_from(["id", "label", "hedge", "note", "machine"]),
              st.sampled_from(['"\\ud800"', '"x', '"ok"', IMG, CONTROL, "bad id"])),
    st.builds(lambda a, b: f"*\tEquiv T{a} T{b}", st.integers(0, 9), st.integers(0, 9)),
    st.sampled_from(TOKENS),
)


@settings(max_examples=200, **SETTINGS)
@given(lines=st.lists(BRAT_LINE, max_size=12), crlf=st.booleans())
def test_brat_generated(lines, crlf):
    files = {k: v.encode() for k, v in BRAT.items()}
    body = ("\r\n" if crlf else "\n").join(BRAT["tiny.ann"].splitlines() + lines) + "\n"
    files["tiny.ann"] = encode(body)
    attempt(files, "tiny.ann")


@settings(max_examples=250, **SETTINGS)
@given(ops=OPS)
def test_webanno_mutated_bytes(ops):
    files = {"tiny.jsonld": encode(mutate(WEBANNO["tiny.jsonld"], ops))}
    attempt(files, "tiny.jsonld")


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), HOSTILE_TEXT,
              st.sampled_from(["kgd:nk", "kgd:doc/tiny/ev1", "kg:State", "kg:agent",
                               "TextPositionSelector", "TextQuoteSelector", "Annotation",
                               "http://127.0.0.1:9/context.jsonld"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "type", "exact", "start", "end", "@context", "@import",
                         "selector", "source", "body", "target", "kg:text"]), inner, max_size=3),
    max_leaves=6)


def _set(doc, path, value):
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        node = node[step]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


_DELETE = object()
WEBANNO_DOC = json.loads(WEBANNO["tiny.jsonld"])
WEBANNO_PATHS = list(paths_of(WEBANNO_DOC))


@settings(max_examples=250, **SETTINGS)
@given(edits=st.lists(st.tuples(st.integers(0, len(WEBANNO_PATHS) - 1),
                                JSON_VALUES | st.just(_DELETE)), min_size=1, max_size=3))
def test_webanno_mutated_structure(edits):
    doc = json.loads(WEBANNO["tiny.jsonld"])
    for index, value in edits:
        path = WEBANNO_PATHS[index]
        try:
            doc = _set(doc, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    if isinstance(doc, str) and doc.startswith("http"):
        doc = {"@context": doc}
    body = json.dumps(doc, ensure_ascii=False) if doc is not _DELETE else ""
    attempt({"tiny.jsonld": encode(body)}, "tiny.jsonld")


def test_webanno_never_fetches_a_remote_context(tmp_path):
    """A ``@context`` IRI is not dereferenced: a loopback server sees no request."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        doc = json.loads(WEBANNO["tiny.jsonld"])
        url = f"http://127.0.0.1:{srv.server_address[1]}/ctx.jsonld"
        doc["@context"] = [url, {"@import": url}]
        assert attempt({"tiny.jsonld": json.dumps(doc).encode()}, "tiny.jsonld") in ("ok",
                                                                                     "error")
    finally:
        srv.shutdown()
        srv.server_close()
    assert hits == [], hits


# -- the whole build: a failing build writes nothing --------------------------------------
@pytest.fixture(scope="module")
def previous_build(tmp_path_factory):
    """A complete build of the valid tiny corpus, to run failing builds over."""
    from kgtest import write_corpus

    from kg.build import build

    root = tmp_path_factory.mktemp("prev")
    build(write_corpus(root / "corpus"), out=root / "build")
    return root / "build"


def _build_over(previous: Path, files: dict[str, bytes], entry: str) -> str:
    from kg.build import build

    with tempfile.TemporaryDirectory(prefix="kg-fuzz-build-") as tmp:
        out = Path(tmp) / "build"
        shutil.copytree(previous, out)
        before = tree_state(out)
        src = Path(tmp) / "src"
        src.mkdir()
        for name, data in files.items():
            (src / name).write_bytes(data)
        fresh = Path(tmp) / "fresh"
        bump("fuzz.build_inputs")
        try:
            build(src / entry, out=out, store=False)
        except KGError as exc:
            assert_clean_error(exc)
            after = tree_state(out)
            assert after == before, "a failed build changed the previous build"
            bump("fuzz.build_clean_failures")
            with pytest.raises(KGError):
                build(src / entry, out=fresh, store=False)
            assert not fresh.exists(), "a failed build created its output folder"
            return "error"
        assert (out / "graph.nq").stat().st_size > 0
        return "ok"


@settings(max_examples=25, **SETTINGS)
@given(ops=OPS)
def test_failed_builds_leave_the_previous_build_untouched(previous_build, ops):
    _build_over(previous_build, {"tiny.yaml": encode(mutate(TINY_YAML, ops)),
                                 "tiny.txt": TINY_TEXT.encode()}, "tiny.yaml")


@pytest.mark.parametrize("label", ['"\\ud800"', '"\\udfff tail"'])
def test_lone_surrogates_are_a_located_error_not_a_crash(previous_build, label):
    """Regression: a YAML escape for a lone surrogate crashed the build half-way."""
    body = TINY_YAML.replace("label: North Korea", f"label: {label}")
    got = _build_over(previous_build, {"tiny.yaml": body.encode(),
                                       "tiny.txt": TINY_TEXT.encode()}, "tiny.yaml")
    assert got == "error"


def test_text_outside_the_annotation_folder_is_refused(tmp_path):
    """Regression: ``text: /etc/hostname`` pulled any file of the machine into the graph."""
    for name in ("/etc/hostname", "../secret.txt", "a/../../secret.txt"):
        body = TINY_YAML.replace("text: tiny.txt", f"text: {name}")
        files = {"tiny.yaml": body.encode(), "tiny.txt": TINY_TEXT.encode()}
        assert attempt(files, "tiny.yaml") == "error", name
