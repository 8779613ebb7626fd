"""Shared fixtures: the shipped ontology, the seed corpus built once per session, tiny corpora."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from kgtest import HANG_S, SEED_FILE, SEED_ID, write_corpus  # noqa: F401 - re-exported

from kg.resources import data_dir, repo_root

ROOT = repo_root()

# Hypothesis times each example (200 ms by default) and the data generation ("too slow"):
# both race the machine's speed, so neither is checked here. A test's own settings keep
# these unless they name them (then they must say the same).
settings.register_profile("kg", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kg")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto`` (pyproject.toml): one worker per CPU this process may run on, by its CPU
    affinity, so ``taskset -c 0 pytest`` runs one worker (pytest-xdist counts the machine's
    cores when psutil is installed)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pytest_collection_modifyitems(config, items) -> None:
    """The test files longest first (``tests/durations.json``; see ``tests/durations.py``):
    pytest-xdist hands out whole files in this order, so the long ones start early and the
    run does not end on one worker finishing a long file alone. Files keep their tests'
    order; a file not listed keeps its place after the listed ones."""
    from durations import load

    seconds = load()  # by file, as the node ids name it (relative to the repository)
    items.sort(key=lambda item: -seconds.get(item.nodeid.split("::", 1)[0], 0))  # stable


@pytest.fixture(scope="session")
def onto():
    from kg.ontology import load_ontology

    return load_ontology()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed document alone built once: a :class:`kg.build.BuildResult`."""
    from kg.build import build

    return build(SEED_FILE, out=tmp_path_factory.mktemp("seed-build"))


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The whole shipped corpus (the seed and the briefs of data/) built once."""
    from kg.build import build

    return build(data_dir(), out=tmp_path_factory.mktemp("corpus-build"))


@pytest.fixture(scope="session")
def seed_store(seed_build):
    """The seed store opened read-only through the store layer."""
    from kg.store import open_store

    store = open_store(seed_build.out / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_doc():
    from kg.loaders import load_corpus

    return next(d for d in load_corpus(SEED_FILE) if d.id == SEED_ID)


# The items of tests/fixtures/factuality/statuses.yaml by the factuality rule's verdict
# (docs/sources.md, "Factuality"): written from the fixture's text, one per status and polarity.
STATUSES_VERDICTS = {
    "ev-launch": "happened", "ev-drills": "happened", "ev-block": "happened",
    "ev-joint-drills": "happened", "r-align": "happened", "r-rivals": "happened",
    "ev-nuclear": "not happened", "ev-air-drills": "not happened",
    "ev-threat": "denied", "r-oppose": "denied",
    "ev-pledge": "not asserted as fact", "ev-threat-if": "not asserted as fact",
    "r-coord": "not asserted as fact",
}


@pytest.fixture(scope="session")
def statuses_build(tmp_path_factory) -> Path:
    """tests/fixtures/factuality built once: items of every status and polarity."""
    from kg.build import build

    out = tmp_path_factory.mktemp("statuses-build")
    build(ROOT / "tests" / "fixtures" / "factuality", out=out)
    return out


@pytest.fixture(scope="session")
def statuses_store(statuses_build):
    from kg.store import open_store

    store = open_store(statuses_build / "store")
    yield store
    store.close()


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A private copy of the seed (its .yaml and .txt) that a test may change."""
    dst = tmp_path / "data"
    dst.mkdir()
    for suffix in (".yaml", ".txt"):
        shutil.copy2(SEED_FILE.with_suffix(suffix), dst)
    return dst


# -- Chromium: one Playwright instance per test module ----------------------------------------
# Playwright's sync API runs an asyncio event loop on the main thread from start to stop, so
# a session-wide instance left that loop running under every later test (anyio.run and
# asyncio.run failed with "Already running asyncio in this thread"). Each module that uses
# the browser starts its own and stops it at the module's end (two at once cannot coexist:
# the second fails with "using Playwright Sync API inside the asyncio loop");
# pytest_runtest_setup below fails the first test of a module that finds a loop running.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def running_event_loop() -> object | None:
    """The asyncio event loop running on this thread, if any."""
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


_last_module: list[object] = [None]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test module must not leave an asyncio loop running on the main thread for the
    modules after it (a later ``asyncio.run``/``anyio.run`` would fail): checked once per
    module, at its first test, since a module-scoped fixture (``browser``) may hold one
    while the module runs."""
    module = getattr(item, "module", None)
    if module is _last_module[0]:
        return
    previous, _last_module[0] = _last_module[0], module
    loop = running_event_loop()
    if loop is not None:
        name = getattr(previous, "__name__", "an earlier test module")
        pytest.fail(f"{name} left an asyncio event loop running on the main thread "
                    f"({loop!r}): stop it in that module's teardown", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need the system Chromium at {CHROMIUM} "
                    "(apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright (pip install -e '.[test]')")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class PageLog:
    """What a page did: requests that were not file:, console errors, page errors, dialogs."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"non-file requests: {self.blocked}"
        assert self.errors == [], f"console errors / page errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened (script ran): {self.dialogs}"


@pytest.fixture
def page(browser):
    """A fresh page with every request routed and every error and dialog logged.

    ``page.kg_log`` is the :class:`PageLog`; ``page.kg_open(path)`` loads a local file.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # Playwright's 30 s default for every wait is a race on a loaded machine; tests wait
    # for conditions in the page, with this bound for a hang only.
    context.set_default_timeout(HANG_S * 1000)
    pg = context.new_page()
    log = PageLog()

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
    pg.kg_log = log
    pg.kg_open = lambda path: pg.goto(Path(path).resolve().as_uri())
    yield pg
    context.close()
