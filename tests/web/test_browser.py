"""The workbench in the system Chromium, served by the real ``kg serve`` on loopback.

Every request the pages make is routed: those to the server go through, anything else
is aborted and recorded (``page.kg_log.blocked``), so each test also proves that nothing
leaves the machine; console errors, page errors and dialogs are recorded too.
"""

from __future__ import annotations

import urllib.parse

import pytest
from hardeningkit import IMG, SCRIPT
from kgtest import HANG_S, SEED_ID

pytestmark = [pytest.mark.browser, pytest.mark.server]

INERT = ("[window.__pwned === undefined, "
         "document.querySelectorAll('img, iframe, object, embed, a[href^=javascript]').length]")


def _serve(store_dir, pages_dir=None):
    from kg.server.launch import serve

    return serve(store_dir, port=0, workers=1, pages_dir=pages_dir)


@pytest.fixture(scope="module")
def seed_server(seed_build, tmp_path_factory):
    """``kg serve`` on the seed, its pages folder holding the actor network page."""
    from kg.cli import main

    pages = tmp_path_factory.mktemp("web-pages")
    assert main(["viz", "--build", str(seed_build.out), "-o",
                 str(pages / "network-actors.html")]) == 0
    server = _serve(seed_build.out / "store", pages)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hostile_server(hostile_web_build):
    server = _serve(hostile_web_build / "store")
    yield server
    server.stop()


def _web_page(browser, origin):
    """A page whose requests may reach ``origin`` only (see the module docstring)."""
    from conftest import PageLog

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # Playwright's 30 s default for every wait is a race on a loaded machine; tests wait
    # for conditions in the page, with this bound for a hang only.
    context.set_default_timeout(HANG_S * 1000)
    pg = context.new_page()
    log = PageLog()

    def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    pg.kg_log = log
    return context, pg


@pytest.fixture
def page(browser, seed_server):
    context, pg = _web_page(browser, seed_server.url)
    pg.kg_url = seed_server.url
    yield pg
    context.close()


@pytest.fixture
def hostile_page(browser, hostile_server):
    context, pg = _web_page(browser, hostile_server.url)
    pg.kg_url = hostile_server.url
    yield pg
    context.close()


def _rows(page):
    return page.locator("#kg-results tbody tr").count()


def test_a_query_typed_in_the_editor_shows_a_results_table(page):
    page.goto(page.kg_url + "/sparql")
    page.wait_for_selector(".cm-editor .cm-content")
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("SELECT ?doc ?title WHERE { ?doc a kg:Document ; dct:title ?title }")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#kg-results")
    assert _rows(page) == 1
    assert page.get_attribute("#kg-results tbody a", "href") == f"/doc/{SEED_ID}"
    assert "query=" in page.url, "the query is kept in the URL"
    # the highlighter's spans: waited for in the page (the editor draws them when it gets
    # to it), not counted at once
    page.wait_for_selector(".cm-content span", state="attached")
    page.kg_log.assert_clean()


def test_a_query_in_the_url_shows_its_results_and_sorts(page, seed_store):
    q = ("SELECT ?actor (COUNT(?a) AS ?n) WHERE { ?a oa:hasBody ?actor . ?actor a kg:Actor } "
         "GROUP BY ?actor")
    want = len(seed_store.query("PREFIX oa: <http://www.w3.org/ns/oa#> "
                                "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> " + q))
    page.goto(page.kg_url + "/sparql?" + urllib.parse.urlencode({"query": q}))
    assert _rows(page) == want > 3
    assert page.input_value("#kg-query") == q
    page.click("#kg-results th[data-col='1'] button")
    page.click("#kg-results th[data-col='1'] button")
    cells = page.locator("#kg-results tbody tr td:nth-child(2)").all_inner_texts()
    counts = [int(t) for t in cells]
    assert counts == sorted(counts, reverse=True), counts
    assert page.get_attribute("#kg-csv", "href").startswith("/sparql.csv?query=")
    page.kg_log.assert_clean()


def test_a_syntax_error_is_shown_with_its_position(page):
    page.goto(page.kg_url + "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE {\n  ?s ?p \n}"}))
    error = page.locator("#kg-error")
    assert error.get_attribute("data-kind") == "syntax"
    assert error.get_attribute("data-line") in ("2", "3"), error.text_content()
    assert "line" in error.text_content()
    page.kg_log.assert_clean()


def test_a_pack_question_with_a_parameter_runs_from_its_form(page):
    page.goto(page.kg_url + "/sparql")
    form = page.locator("#q-actor-profile form")
    form.locator("input[name=actor]").fill("North Korea")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#kg-results")
    assert _rows(page) > 5
    assert "pack=actor-profile" in page.url and "actor=North+Korea" in page.url
    assert "North Korea" in page.text_content("#kg-results")
    page.kg_log.assert_clean()


def test_the_entity_page_lists_ties_with_quotes(page):
    page.goto(page.kg_url + "/entity/north-korea")
    assert page.text_content("#kg-label") == "North Korea"
    ties = page.locator("#kg-ties .kg-tie")
    assert ties.count() >= 3
    assert page.locator("#kg-ties .kg-tie.kg-pos").count() >= 2
    assert page.locator("#kg-ties .kg-tie.kg-neg").count() >= 1
    assert page.locator("#kg-ties .kg-quote").count() >= ties.count()
    assert "It has enhanced its alignment with both Moscow and Beijing" in page.text_content(
        "#kg-ties")
    page.click("#kg-ties a[href='/entity/russia']")
    page.wait_for_url("**/entity/russia")
    assert page.text_content("#kg-label") == "Russia"
    page.kg_log.assert_clean()


def test_the_document_page_has_one_mark_per_anchor_of_the_graph(page, seed_store):
    want = int(seed_store.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE "
        f"{{ ?a oa:hasTarget/oa:hasSource <https://w3id.org/kg-toolkit/id/doc/{SEED_ID}> }}"
    ).rows[0][0].value)
    page.goto(page.kg_url + f"/doc/{SEED_ID}")
    assert page.locator("#kg-text mark[data-item]").count() == want > 100
    mark = page.locator("#kg-text mark[data-item='north-korea']").first
    mark.hover()
    assert "North Korea" in page.text_content("#kg-details h2")
    assert "state" in page.text_content("#kg-details")
    page.locator("#kg-claims button.kg-goto").first.click()
    assert page.locator("#kg-text mark.kg-active").count() >= 1
    page.kg_log.assert_clean()


def test_the_home_page_counts_and_links_everything(page, seed_store):
    items = seed_store.query("PREFIX oa: <http://www.w3.org/ns/oa#> SELECT (COUNT(DISTINCT ?x) "
                             "AS ?n) WHERE { ?a oa:hasBody ?x }").rows[0][0].value
    page.goto(page.kg_url + "/")
    assert page.text_content("#kg-count-items strong") == items
    assert page.text_content("#kg-count-documents strong") == "1"
    assert page.locator(f"a[href='/doc/{SEED_ID}']").count() >= 1
    assert page.locator("a[href='/entity/north-korea']").count() >= 1
    for href in ("/sparql", "/network-actors.html"):
        assert page.locator(f"nav a[href='{href}']").count() == 1
    assert page.locator("#kg-explore a[href='/network-actors.html']").count() == 1
    assert page.request.get(page.kg_url + "/network-actors.html").status == 200
    page.kg_log.assert_clean()


@pytest.mark.parametrize("path", ["/", "/entity/nk", "/entity/china", "/entity/hostile/c1",
                                  "/doc/hostile", "/sparql?query=SELECT%20%3Fl%20WHERE%20%7B"
                                  "%3Fx%20rdfs%3Alabel%20%3Fl%7D"])
def test_hostile_labels_run_no_script(hostile_page, path):
    hostile_page.goto(hostile_page.kg_url + path)
    hostile_page.wait_for_load_state("load")
    if path == "/doc/hostile":
        for mark in hostile_page.locator("#kg-text mark[data-item]").all()[:12]:
            mark.hover()
        hostile_page.locator("#kg-text mark[data-item]").first.click()
    assert hostile_page.evaluate(INERT) == [True, 0]
    text = hostile_page.evaluate("document.body.textContent")
    assert IMG in text or SCRIPT in text or path.startswith("/entity/hostile"), path
    hostile_page.kg_log.assert_clean()


def test_the_entity_page_links_the_network_centred_on_it_and_back(page, seed_build):
    from kg.network.projection import project

    nk = "https://w3id.org/kg-toolkit/id/north-korea"
    graph = project(str(seed_build.out / "store"), view="actors")
    ties = [d for u, v, d in graph.edges(data=True) if nk in (u, v)]
    page.goto(page.kg_url + "/entity/north-korea")
    page.click("a.kg-network-link[href='/network-actors.html#focus=north-korea']")
    page.wait_for_url("**/network-actors.html#focus=north-korea")
    page.evaluate("window.kgView.ready")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [nk]
    assert page.text_content("#kg-details .kg-name") == "North Korea"
    rows = page.locator("#kg-details li.kg-tie")
    assert rows.count() == len(ties) >= 3
    text = page.inner_text("#kg-details")
    for d in ties:  # every tie with its supporting words
        assert d["quote"] in text, d["quote"]
    centre = page.evaluate("""id => {
        const net = kgView.network, p = net.canvasToDOM(net.getPosition(id));
        return [p.x / net.body.container.clientWidth, p.y / net.body.container.clientHeight];
    }""", nk)
    assert all(abs(c - 0.5) < 0.05 for c in centre), centre
    page.click("#kg-details a[href='/entity/north-korea']")
    page.wait_for_url("**/entity/north-korea")
    assert page.text_content("#kg-label") == "North Korea"
    page.kg_log.assert_clean()


def test_entity_lists_page_through_shareable_links(page):
    page.goto(page.kg_url + "/entity/north-korea?size=2")
    total = int(page.text_content("#kg-summary a[href='#kg-ties'] strong"))
    assert total > 4 and page.locator("#kg-ties li.kg-tie").count() == 2
    assert page.text_content("#kg-ties-pages .kg-range") == f"ties 1\u20132 of {total}"
    first = page.locator("#kg-ties li.kg-tie").all_inner_texts()
    page.click("#kg-ties-pages a.kg-next")
    page.wait_for_url("**/entity/north-korea?ties=2&size=2#kg-ties")
    assert page.text_content("#kg-ties-pages .kg-range") == f"ties 3\u20134 of {total}"
    assert not set(first) & set(page.locator("#kg-ties li.kg-tie").all_inner_texts())
    page.click("#kg-ties-pages a.kg-prev")
    page.wait_for_url("**/entity/north-korea?size=2#kg-ties")
    assert page.locator("#kg-ties li.kg-tie").all_inner_texts() == first
    page.kg_log.assert_clean()
