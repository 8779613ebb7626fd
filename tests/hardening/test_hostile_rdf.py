"""Hostile RDF: entity bombs, external entities, remote contexts, SERVICE and oversized files.

Everything the tool parses that a user hands it goes through :mod:`kg.rdfio`: DTDs are
refused before an XML parser sees them, remote JSON-LD contexts are refused (never
fetched), files over the (configurable) limit are refused with one clear line, and
rdflib's SPARQL engine (run by pySHACL in ``kg validate``) cannot reach the network.
A loopback server counts requests: it must see none.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hardeningkit import assert_clean_error, bump, unsafe_chars
from kgtest import HANG_S

from kg.errors import InputError, KGError
from kg.rdfio import ENV_MAX_BYTES, harden_rdflib, max_bytes_limit, safe_parse

LOL = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
  <rdf:Description rdf:about="http://ex/s"><ex:p>&e;&e;&e;&e;&e;&e;&e;&e;</ex:p></rdf:Description>
</rdf:RDF>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
  <rdf:Description rdf:about="http://ex/s"><ex:p>&x;</ex:p></rdf:Description>
</rdf:RDF>
"""
PLAIN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
  <rdf:Description rdf:about="http://ex/s"><ex:p>o</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.fixture
def loopback():
    """A loopback HTTP server recording every request (and answering 500)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _hit(self):
            hits.append(f"{self.command} {self.path}")
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _hit  # noqa: N815

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    srv.hits = hits
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.shutdown()
    srv.server_close()


def refused(path, *args, parsed: bool = False, **kwargs) -> InputError:
    """Refused with one clean line; unless ``parsed``, before any parser saw the file (the
    proof that a bomb was not expanded: no clock involved)."""
    import pyoxigraph

    bump("rdf.hostile_inputs")
    calls: list[str] = []
    real = pyoxigraph.parse

    def spy(*a, **kw):
        calls.append(str(kw.get("path", "<bytes>")))
        return real(*a, **kw)

    pyoxigraph.parse, saved = spy, pyoxigraph.parse
    try:
        with pytest.raises(InputError) as info:
            safe_parse(path, *args, **kwargs)
    finally:
        pyoxigraph.parse = saved
    assert calls == ([str(path)] if parsed else []), f"parser calls: {calls}"
    assert_clean_error(info.value, where=str(path))
    bump("rdf.refused_cleanly")
    return info.value


@pytest.mark.parametrize("name, body, why", [
    ("lol.rdf", LOL, "document type declaration"),
    ("xxe.rdf", XXE, "document type declaration"),
    ("lol.owl", LOL.replace("DOCTYPE", "doctype"), "document type declaration"),
])
def test_dtds_are_refused_before_parsing(tmp_path, name, body, why):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    assert why in str(refused(path))


def test_xml_in_other_encodings_is_refused(tmp_path):
    path = tmp_path / "x.rdf"
    path.write_bytes(LOL.encode("utf-16"))
    assert "UTF-8" in str(refused(path))
    path.write_bytes(LOL.replace('version="1.0"', 'version="1.0" encoding="UTF-7"').encode())
    assert "UTF-8" in str(refused(path))


def test_plain_rdf_xml_is_read(tmp_path):
    path = tmp_path / "ok.rdf"
    path.write_text(PLAIN_XML, encoding="utf-8")
    assert [q.object.value for q in safe_parse(path)] == ["o"]


@pytest.mark.parametrize("context", [
    "URL/ctx.jsonld", ["URL/ctx.jsonld"], [{"ex": "http://ex/"}, "URL/c"],
    {"@import": "URL/ctx.jsonld"}, {"nested": {"@context": "URL/x"}},
])
def test_remote_jsonld_contexts_are_refused_and_never_fetched(tmp_path, loopback, context):
    text = json.dumps({"@context": context, "@id": "http://ex/s", "http://ex/p": "v"})
    path = tmp_path / "x.jsonld"
    path.write_text(text.replace("URL", loopback.url), encoding="utf-8")
    refused(path)
    assert loopback.hits == [], loopback.hits


def test_inline_jsonld_is_read(tmp_path):
    path = tmp_path / "ok.jsonld"
    path.write_text(json.dumps({"@context": {"p": "http://ex/p"}, "@id": "http://ex/s",
                                "p": "v"}), encoding="utf-8")
    assert [q.object.value for q in safe_parse(path)] == ["v"]


def test_size_limit_is_clear_and_configurable(tmp_path, monkeypatch):
    path = tmp_path / "big.nt"
    path.write_text('<http://e/s> <http://e/p> "x" .\n' * 1000, encoding="utf-8")
    assert "limit" in str(refused(path, max_bytes=1000))
    monkeypatch.setenv(ENV_MAX_BYTES, "10K")
    assert max_bytes_limit() == 10 * 1024
    assert "KG_MAX_RDF_BYTES" in str(refused(path))
    monkeypatch.setenv(ENV_MAX_BYTES, "1M")
    assert len(safe_parse(path)) == 1000
    monkeypatch.setenv(ENV_MAX_BYTES, "lots")
    with pytest.raises(InputError, match=ENV_MAX_BYTES):
        safe_parse(path)


def test_syntax_errors_are_one_line_with_the_file(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix ex: <http://ex/> .\nex:s ex:p \"unterminated\n ex:o .\n")
    refused(path, parsed=True)


def test_rdflib_sparql_engine_never_reaches_the_network(loopback):
    import rdflib

    harden_rdflib()
    g = rdflib.Graph()
    g.add((rdflib.URIRef("http://ex/s"), rdflib.URIRef("http://ex/p"), rdflib.Literal("o")))
    with pytest.raises(KGError):
        list(g.query(f"SELECT * WHERE {{ SERVICE <{loopback.url}/sparql> {{ ?s ?p ?o }} }}"))
    list(g.query(f"SELECT * FROM <{loopback.url}/data.ttl> WHERE {{ ?s ?p ?o }}"))
    assert loopback.hits == [], loopback.hits


def _kg(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=HANG_S, env={**os.environ, **(env or {})}, cwd=cwd)


def _one_clean_line(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-1500:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-1500:]
    assert unsafe_chars(lines[0]) == [], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    bump("rdf.refused_cleanly")


def test_kg_validate_refuses_an_oversized_graph(tiny_build, tmp_path):
    bump("rdf.hostile_inputs")
    proc = _kg("validate", "--build", str(tiny_build), env={ENV_MAX_BYTES: "1K"}, cwd=tmp_path)
    _one_clean_line(proc, "graph.nq", "limit")


def test_kg_validate_refuses_shapes_that_reach_the_network(tiny_build, tmp_path, loopback):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/kg-toolkit/ontology#> .
<urn:x:shape> a sh:NodeShape ; sh:targetClass kg:Claim ;
  sh:sparql [ sh:message "x" ;
    sh:select "SELECT $this WHERE {{ SERVICE <{loopback.url}/sparql> {{ $this ?p ?o }} }}" ] .
""", encoding="utf-8")
    bump("rdf.hostile_inputs")
    _one_clean_line(_kg("validate", "--build", str(tiny_build), "--shapes", str(shapes),
                        cwd=tmp_path),
                    "shapes.ttl", "SERVICE")
    lol = tmp_path / "shapes.rdf"
    lol.write_text(LOL, encoding="utf-8")
    bump("rdf.hostile_inputs")
    _one_clean_line(_kg("validate", "--build", str(tiny_build), "--shapes", str(lol), cwd=tmp_path),
                    "shapes.rdf", "document type declaration")
    assert loopback.hits == [], loopback.hits


def test_kg_validate_still_runs_local_shacl_sparql(tiny_build, tmp_path):
    """Control: a SHACL-SPARQL constraint without SERVICE still runs (and finds claims)."""
    from kg.validation import validate

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/kg-toolkit/ontology#> .
<urn:x:shape> a sh:NodeShape ; sh:targetClass kg:Claim ;
  sh:sparql [ sh:message "every claim is flagged" ;
    sh:select "SELECT $this WHERE { $this a ?t }" ] .
""", encoding="utf-8")
    report = validate(tiny_build, shapes=shapes)
    assert not report.conforms and any("flagged" in f.message for f in report.findings)


def test_kg_annotate_reads_the_wikidata_file_safely(tmp_path):
    (tmp_path / "doc.txt").write_text("North Korea tested missiles.\n", encoding="utf-8")
    big = tmp_path / "wikidata.nq"
    big.write_text('<http://www.wikidata.org/entity/Q423> '
                   '<http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n' * 200,
                   encoding="utf-8")
    bump("rdf.hostile_inputs")
    proc = _kg("annotate", str(tmp_path / "doc.txt"), "--wikidata", str(big),
               env={ENV_MAX_BYTES: "1K"}, cwd=tmp_path)
    _one_clean_line(proc, "wikidata.nq", "limit")
