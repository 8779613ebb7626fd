"""Hostile content end to end: annotation -> graph -> queries -> pages -> Wikidata requests.

One document (``hardeningkit.HOSTILE_TEXT``/``HOSTILE_YAML``) carries markup that
would run script (``<img onerror>``, ``</script>``), SPARQL metacharacters, terminal
escape sequences, a right-to-left override, a NUL, a 100k-character label, CRLF line
ends and a byte-order mark. It must build and validate (anchors resolve against the
verbatim text), survive export to brat and Web Annotation and back, come out of every
query format parseable and inert, draw pages in Chromium where nothing runs, and
reach a (loopback) Wikidata endpoint only as escaped literals.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from hardeningkit import (
    CONTROL,
    HOSTILE_TEXT,
    IMG,
    LONG,
    RTL,
    SCRIPT,
    SPARQL,
    assert_clean_error,
    bump,
    unsafe_chars,
)
from kgtest import HANG_S

from kg.errors import KGError

KG = "https://w3id.org/kg-toolkit/ontology#"


def kg(*args: str, cwd: Path) -> SimpleNamespace:
    """``kg ARGS`` run in this process (``kg.cli.main``), from ``cwd``; stdout and stderr
    as UTF-8 text with line ends kept (CR inside CSV fields must survive)."""
    from kg.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    err_text = io.TextIOWrapper(err, encoding="utf-8", newline="", write_through=True)
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
            code = main(list(args))
    finally:
        os.chdir(here)
    return SimpleNamespace(returncode=code, stdout=out.getvalue().decode("utf-8"),
                           stderr=err.getvalue().decode("utf-8", "replace"))


# -- graph -------------------------------------------------------------------------------------
def test_hostile_document_builds_and_validates(hostile_build):
    import kg as kglib

    report = kglib.validate(hostile_build)
    assert report.conforms, report.text()[:3000]
    assert report.checked_anchors >= 10


def test_anchors_resolve_against_the_verbatim_text(hostile_build):
    """CRLF kept, BOM dropped, offsets in code points: text[start:end] is each quote."""
    store = ox.Store()
    store.bulk_load(path=str(hostile_build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    (text,) = [q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode(KG + "text"), None, None)]
    assert text == HOSTILE_TEXT.removeprefix("\ufeff")
    rows = list(store.query("""PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?exact ?start ?end WHERE { ?span oa:hasSelector ?q, ?p .
        ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }""",
                            use_default_graph_as_union=True))
    exacts = set()
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        assert text[start:end] == r["exact"].value, (start, end)
        exacts.add(r["exact"].value)
    assert "tested missiles in September 2022.\r\nChina" in exacts
    assert LONG in exacts


@pytest.mark.parametrize("fmt, entry", [("brat", "hostile.ann"), ("webanno", "hostile.jsonld")])
def test_export_and_reload_keep_every_hostile_string(hostile_build, tmp_path, fmt, entry):
    """kg export to brat / Web Annotation, then build from the export: same document graph."""
    out = tmp_path / fmt
    proc = kg("export", "--format", fmt, "--build", str(hostile_build), "-o",
              str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    from kg.build import build

    again = build(out / entry, out=tmp_path / "again", store=False, trig=False)
    g = "<https://w3id.org/kg-toolkit/id/graph/doc/hostile>"

    def doc_graph(path: Path) -> set[str]:
        return {line for line in path.read_text(encoding="utf-8").splitlines()
                if line.endswith(f"{g} .") and "kg-toolkit/id/activity" not in line}

    first, second = doc_graph(hostile_build / "graph.nq"), doc_graph(again.nquads)
    for needle in (IMG, SCRIPT, RTL, LONG):
        assert any(needle in line for line in second), needle[:40]
    assert str(ox.Literal(CONTROL)) in "".join(second)
    assert first == second, (sorted(first - second)[:3], sorted(second - first)[:3])


def test_invalid_utf8_gives_one_located_line_and_writes_nothing(tmp_path):
    from hardeningkit import write_hostile_corpus

    from kg.loaders import load_corpus

    ann = write_hostile_corpus(tmp_path / "c")
    text = tmp_path / "c" / "hostile.txt"
    good_text, good_ann = text.read_bytes(), ann.read_bytes()
    cases = [(text, good_text.replace(b"tested", b"te\xffsted"), f"{text}:1"),
             (ann, good_ann.replace(b"id: ev1", b"id: ev\xc31"), f"{ann}:")]
    for target, data, where in cases:
        text.write_bytes(good_text)
        ann.write_bytes(good_ann)
        target.write_bytes(data)
        bump("e2e.hostile_inputs")
        with pytest.raises(KGError) as info:
            load_corpus(ann)
        assert_clean_error(info.value, where=where)
        assert "UTF-8" in str(info.value), str(info.value)
        proc = kg("build", str(ann), "-o", str(tmp_path / "out"), cwd=tmp_path)
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 2, proc.stderr[-2000:]
        assert lines[0].startswith(where) and "nothing written" in lines[1], lines
        assert not (tmp_path / "out").exists()


# -- query output --------------------------------------------------------------------------
QUERY = """SELECT ?x ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(STRSTARTS(STR(?x), "https://w3id.org/kg-toolkit/id/") && ?x != ?label) }
  ORDER BY ?x ?label"""


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_kg_query_writes_hostile_labels_safely(hostile_build, tmp_path, fmt):
    rq = tmp_path / "labels.rq"
    rq.write_text("# title: Labels\n# question: Which labels?\n# params: none\n" + QUERY,
                  encoding="utf-8")
    proc = kg("query", str(rq), "--build", str(hostile_build), "--format", fmt,
              cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    store = ox.Store()
    store.bulk_load(path=str(hostile_build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    want = [(r["x"].value, r["label"].value)
            for r in store.query(QUERY, use_default_graph_as_union=True)]
    assert any(CONTROL in lb for _, lb in want) and any(SCRIPT in lb for _, lb in want)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert rows[0] == ["x", "label"] and [tuple(r) for r in rows[1:]] == want
    elif fmt == "json":
        got = [(b["x"]["value"], b["label"]["value"])
               for b in json.loads(out)["results"]["bindings"]]
        assert got == want
    else:
        assert unsafe_chars(out) == [], unsafe_chars(out)
        assert len(out.splitlines()) == len(want) + (3 if fmt == "table" else 2)
        if fmt == "markdown":
            assert "<img" not in out and "</script" not in out and "&lt;img" in out
            assert all(line.count("|") - line.count("\\|") == 3 for line in out.splitlines())
        else:
            assert "\\x1b[2J" in out  # the escape is shown, not performed


def test_kg_stats_and_analyze_print_no_control_characters(hostile_build, tmp_path):
    for args in (["stats", "--build", str(hostile_build)],
                 ["analyze", "--build", str(hostile_build)]):
        proc = kg(*args, cwd=tmp_path)
        assert proc.returncode == 0, (args, proc.stderr[-2000:])
        assert unsafe_chars(proc.stdout + proc.stderr) == [], (args, proc.stdout[:2000])


# -- pages in Chromium ----------------------------------------------------------------------
INERT = ("[window.__pwned === undefined, "
         "document.querySelectorAll('img, iframe, object, embed').length, "
         "document.scripts.length]")


@pytest.fixture(scope="module")
def pages(hostile_build, tmp_path_factory):
    """``kg viz`` (every view) and ``kg timeline`` (html, svg) of the hostile build."""
    out = tmp_path_factory.mktemp("pages")
    store = str(hostile_build / "store")
    made = {}
    for view in ("actors", "all"):
        proc = kg("viz", "--store", store, "--view", view, "-o", str(out / f"{view}.html"),
                  cwd=out)
        assert proc.returncode == 0, proc.stderr[-2000:]
        made[view] = out / f"{view}.html"
    for fmt in ("html", "svg"):
        proc = kg("timeline", "--store", store, "--format", fmt, "-o",
                  str(out / f"timeline.{fmt}"), "--title", SCRIPT, cwd=out)
        assert proc.returncode == 0, proc.stderr[-2000:]
        made[f"timeline-{fmt}"] = out / f"timeline.{fmt}"
    return made


def _open_clean(page, path: Path) -> None:
    page.goto(path.resolve().as_uri())  # returns once the page's load event has fired
    if path.suffix == ".html":  # the views say when their scripts have drawn everything
        page.wait_for_function("document.body.dataset.ready === '1'")
    log = page.kg_log
    assert log.blocked == [] and log.dialogs == [] and log.errors == [], vars(log)
    bump("e2e.pages_checked_in_chromium")


@pytest.mark.browser
@pytest.mark.parametrize("view", ["actors", "all"])
def test_network_pages_run_nothing_hostile(page, pages, view):
    _open_clean(page, pages[view])
    page.evaluate("window.kgView.ready")
    before = page.evaluate(INERT)
    labels = page.evaluate("kgView.nodes.get().map(n => n.label || '')")
    text = " ".join(labels)
    assert SCRIPT[:20] in text or IMG[:20] in text, labels[:5]
    page.fill("#kg-search", "</script")
    results = page.eval_on_selector_all("#kg-results li", "els => els.map(e => e.textContent)")
    assert any(SCRIPT in r for r in results), results
    for node in page.evaluate("kgView.nodes.getIds()"):
        page.evaluate("id => kgView.showTooltip('node', id)", node)
    assert before[:2] == [True, 0] and page.evaluate(INERT) == before, page.evaluate(INERT)
    assert page.kg_log.dialogs == [] and page.kg_log.errors == [], vars(page.kg_log)


@pytest.mark.browser
def test_timeline_page_runs_nothing_hostile(page, pages):
    _open_clean(page, pages["timeline-html"])
    before = page.evaluate(INERT)
    assert page.text_content("#tl-title") == SCRIPT
    labels = page.text_content("#tl-labels") + page.text_content("#tl-undated")
    assert "</script><script>" in labels and "\r\nChina" in labels, labels[:300]
    for row in page.locator("#tl-labels > *").all():
        row.hover()  # tooltips show the hostile labels, as text
    assert before[:2] == [True, 0] and page.evaluate(INERT) == before, page.evaluate(INERT)
    assert page.kg_log.dialogs == [] and page.kg_log.errors == [], vars(page.kg_log)


@pytest.mark.browser
def test_timeline_svg_runs_nothing_hostile(page, pages):
    _open_clean(page, pages["timeline-svg"])
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('script, foreignObject').length") == 0
    assert SCRIPT in page.evaluate("document.documentElement.textContent")


# -- requests to Wikidata ---------------------------------------------------------------------
@pytest.fixture
def recorder():
    """A loopback SPARQL endpoint that records each query and answers with no results."""
    queries: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            queries.append(urllib.parse.parse_qs(body.decode("utf-8"))["query"][0])
            data = b'{"head": {"vars": []}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    srv.queries = queries
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    yield srv
    srv.shutdown()
    srv.server_close()


def _shape(query: str) -> list[str]:
    """The query's tokens with every string literal replaced by one placeholder."""
    from kg.store.guard import tokenize

    return [t.text if t.kind != "string" else "STRING" for t in tokenize(query)]


def test_hostile_labels_cannot_change_the_sparql_sent(hostile_build, recorder, tmp_path):
    from kg.link.config import LinkConfig
    from kg.link.reconcile import match_query, propose
    from kg.store import open_store
    from kg.store.guard import tokenize

    config = LinkConfig(endpoint=recorder.url, timeout_s=HANG_S, retries=0,
                        cache_dir=tmp_path / "cache")
    with open_store(hostile_build / "store") as store:
        propose(store, config=config)
    assert recorder.queries, "no query reached the endpoint"
    sent = set()
    for q in recorder.queries:
        ox.Store().query(q)  # valid SPARQL
        shape = _shape(q)
        n = shape.count("STRING") - _shape(match_query(["x"], "en")).count("STRING") + 1
        assert shape == _shape(match_query(["x"] * n, "en")), "the query's shape changed"
        for t in (t for t in tokenize(q) if t.kind == "string"):
            (triple,) = ox.parse(f"<http://x/s> <http://x/p> {t.text} .",
                                 format=ox.RdfFormat.N_TRIPLES)
            sent.add(triple.object.value)
        bump("e2e.wikidata_queries_checked")
    for label in (SPARQL, LONG):
        assert label in sent, label[:40]
