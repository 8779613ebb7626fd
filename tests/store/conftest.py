"""Fixtures of the store tests: sample data, built stores, and real Oxigraph servers on loopback."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from kgtest import HANG_S, listening_port

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
SAMPLE = FIXTURES / "sample.nq"


def start_oxigraph(*args: str, timeout_s: float = HANG_S) -> tuple[subprocess.Popen, str]:
    """Start `oxigraph serve ARGS` on a loopback port of its choosing (port 0); return
    (process, base URL).

    Its query timeout is a hang guard unless a test asks for a short one (and then gives
    that test a query that cannot finish before it).
    """
    from kg.server.launch import oxigraph_binary

    proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", "127.0.0.1:0",
                             "--timeout-s", f"{timeout_s:g}", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = listening_port(proc)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, f"http://127.0.0.1:{port}"


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(HANG_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def oxigraph_union() -> Iterator[str]:
    """A read-write in-memory Oxigraph server whose default graph is the union of named graphs."""
    proc, url = start_oxigraph("--union-default-graph")
    yield url
    stop(proc)


@pytest.fixture
def oxigraph_union_2s() -> Iterator[str]:
    """``oxigraph_union`` that cancels every query after 2 s (its own ``--timeout-s``)."""
    proc, url = start_oxigraph("--union-default-graph", timeout_s=2)
    yield url
    stop(proc)


@pytest.fixture
def oxigraph_plain() -> Iterator[str]:
    """The same server without --union-default-graph (SPARQL's own default-graph semantics)."""
    proc, url = start_oxigraph()
    yield url
    stop(proc)


@pytest.fixture
def sample_nq() -> Path:
    return SAMPLE


@pytest.fixture
def sample_store(tmp_path: Path) -> Path:
    """build/ layout: graph.nq, store/ (written by write_store) and a page."""
    from kg.store import write_store

    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(SAMPLE, build / "graph.nq")
    shutil.copy(FIXTURES / "page.html", build / "graph.html")
    write_store(build / "graph.nq", build / "store")
    return build / "store"


def write_grid(path: Path, n: int = 3000) -> Path:
    """N triples in 3 graphs: a cross join of three patterns over them never ends in time."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f'<http://example.org/s{i}> <http://example.org/p> "{i}" '
                    f"<http://example.org/g{i % 3}> .\n")
    return path


@pytest.fixture
def grid_store(tmp_path: Path) -> Path:
    from kg.store import write_store

    build = tmp_path / "grid"
    build.mkdir()
    write_grid(build / "graph.nq")
    write_store(build / "graph.nq", build / "store")
    return build / "store"


@pytest.fixture
def grid_writer():
    """``write_grid(path, n)``: N-Quads for long cross joins."""
    return write_grid


CROSS_JOIN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?p2 ?o2 . ?c ?p3 ?o3 . "
              "FILTER(STR(?o) < STR(?o2)) }")
CROSS_JOIN_STREAMING = "SELECT * WHERE { ?a ?p ?o . ?b ?p2 ?o2 . ?c ?p3 ?o3 }"


@pytest.fixture(params=["aggregate", "streaming"])
def long_query(request) -> str:
    """A query that runs for ages: an aggregate (no output until done) or a streaming SELECT."""
    return CROSS_JOIN if request.param == "aggregate" else CROSS_JOIN_STREAMING


@pytest.fixture
def cross_join() -> str:
    return CROSS_JOIN
