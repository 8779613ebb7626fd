"""The workbench routes in-process (Starlette's test client) over the seed and hostile stores:
status codes, JSON twins, downloads, headers, and hostile labels escaped in every page."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pytest
from hardeningkit import IMG, SCRIPT
from kgtest import SEED_ID

pytest.importorskip("httpx")
from starlette.testclient import TestClient  # noqa: E402

from kg.web.routes import app  # noqa: E402


@pytest.fixture(scope="module")
def client(seed_store, seed_build):
    return TestClient(app(seed_store, pages_dir=seed_build.out))


@pytest.fixture(scope="module")
def hostile_client(hostile_store):
    return TestClient(app(hostile_store))


@pytest.mark.parametrize("path", ["/", "/sparql", "/entity/north-korea", f"/doc/{SEED_ID}",
                                  f"/entity/{SEED_ID}/c-alignment"])
def test_pages_answer_with_csp_and_no_inline_script(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    csp = r.headers["content-security-policy"]
    script_src = csp.split("script-src")[1].split(";")[0]
    assert script_src.strip() == "'self'", csp
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.text
    assert "<script>" not in body and "<script >" not in body
    assert "http://" not in body.split("<main>")[0], "the page head loads nothing remote"


@pytest.mark.parametrize("path, key", [("/index.json", "counts"),
                                       ("/entity/north-korea.json", "ties"),
                                       (f"/doc/{SEED_ID}.json", "anchors")])
def test_every_page_has_a_json_twin(client, path, key):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert key in r.json()


def test_missing_and_malformed_ids(client):
    assert client.get("/entity/no-such-item").status_code == 404
    assert client.get("/doc/no-such-doc.json").status_code == 404
    assert client.get("/entity/a/b/c").status_code == 400
    assert client.get("/static/web/../render.py").status_code == 404
    assert client.get("/static/web/nothing.js").status_code == 404


def test_query_in_the_url_runs_and_downloads(client):
    q = "SELECT ?d WHERE { ?d a kg:Document }"
    r = client.get("/sparql?" + urllib.parse.urlencode({"query": q}))
    assert r.status_code == 200 and f'href="/doc/{SEED_ID}"' in r.text
    rows = list(csv.reader(io.StringIO(client.get(
        "/sparql.csv?" + urllib.parse.urlencode({"query": q})).text)))
    assert rows == [["d"], [f"https://w3id.org/kg-toolkit/id/doc/{SEED_ID}"]]
    data = client.get("/sparql.json?" + urllib.parse.urlencode({"query": q})).json()
    assert data["head"]["vars"] == ["d"] and len(data["results"]["bindings"]) == 1


def test_query_errors_are_shown_not_raised(client):
    r = client.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p }"}))
    assert r.status_code == 200 and 'data-kind="syntax"' in r.text and 'data-line="1"' in r.text
    r = client.get("/sparql.csv?" + urllib.parse.urlencode({"query": "DROP ALL"}))
    assert r.status_code == 400 and "refused" in r.json()["error"]


def test_pack_question_runs_from_its_form_parameters(client):
    r = client.get("/sparql?pack=actor-profile&actor=north-korea")
    assert r.status_code == 200 and 'id="kg-results"' in r.text
    r = client.get("/sparql.csv?pack=actor-profile&actor=north-korea")
    assert r.status_code == 200 and r.text.startswith("actor,")


def test_hostile_labels_are_escaped_everywhere(hostile_client):
    pages = ["/", "/entity/nk", "/entity/china", "/doc/hostile", "/entity/hostile/c1",
             "/sparql?" + urllib.parse.urlencode(
                 {"query": "SELECT ?l WHERE { ?x rdfs:label ?l }"})]
    seen = ""
    for path in pages:
        r = hostile_client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert IMG not in r.text and SCRIPT not in r.text, path
        assert "<img" not in r.text and "<script>" not in r.text, path
        seen += r.text
    assert "&lt;img src=x onerror=alert(1);window.__pwned=1&gt;" in seen
    twin = hostile_client.get("/doc/hostile.json")
    assert IMG in json.dumps(twin.json(), ensure_ascii=False)


def test_pages_carry_no_control_character_and_isolate_bidi_overrides(hostile_client):
    """Regression: a label's ESC, BEL and C1 controls went raw into every page (the <title>
    too), and its unclosed U+202E reversed the text after it (' — kg' in the title)."""
    import re

    bad = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
    for path in ("/", "/entity/russia", "/doc/hostile"):
        body = hostile_client.get(path).text
        assert not bad.search(body), (path, bad.findall(body)[:5])
    body = hostile_client.get("/entity/russia").text
    assert "\u202e" in body and "\u2068\u202eevil.exe" in body, body[:500]


def test_every_page_links_the_view_pages_of_the_build_folder(seed_store, tmp_path):
    (tmp_path / "network-actors.html").write_text("x", encoding="utf-8")
    (tmp_path / "timeline.html").write_text("x", encoding="utf-8")
    (tmp_path / "<img onerror=x>.html").write_text("x", encoding="utf-8")
    c = TestClient(app(seed_store, pages_dir=tmp_path))
    for path in ("/", "/sparql", "/entity/north-korea", f"/doc/{SEED_ID}", "/entity/nope"):
        body = c.get(path).text
        assert 'href="/network-actors.html"' in body and 'href="/timeline.html"' in body, path
        assert "onerror" not in body, path


def test_entity_page_includes_what_did_not_happen_on_request(client):
    default = client.get("/entity/north-korea.json").json()
    everything = client.get("/entity/north-korea.json?include-nonfactual=true").json()
    assert default["hidden_nonfactual"] > 0 and everything["hidden_nonfactual"] == 0
    page = client.get("/entity/north-korea").text
    assert 'href="?include-nonfactual=true"' in page
    assert "did not happen" in client.get("/entity/north-korea?include-nonfactual=true").text
