"""Helpers shared by the tests (importable as ``kgtest``; fixtures live in conftest.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kg.resources import data_dir

SEED_ID = "cfr-2022-north-korea-provocations"
# The seed alone (data/ also holds the briefs written about the same events): the seed's
# tests build this file, the tests of the multi-source corpus build the whole folder.
SEED_FILE = data_dir() / f"{SEED_ID}.yaml"

TINY_TEXT = ("North Korea tested missiles in September 2022. China and Russia blocked a UN "
             "resolution. The tests would likely continue.\n")

TINY_YAML = """\
document:
  id: tiny
  text: tiny.txt
  title: A tiny brief
  publisher: pub
  author: unknown
  date: 2022-11-01
  annotator: tests
annotations:
  - id: pub
    type: Organization
    label: Tiny Publisher
  - id: nk
    type: State
    label: North Korea
    quote: North Korea
  - id: china
    type: State
    label: China
    quote: China
  - id: russia
    type: State
    label: Russia
    quote: Russia
  - id: t1
    type: TimeSpan
    quote: September 2022
    begin: 2022-09
    end: 2022-09
    precision: Month
  - id: ev1
    type: MissileTest
    quote: tested missiles
    agent: nk
    time: t1
    status: Occurred
  - id: ev2
    type: ResolutionBlocking
    quote: blocked a UN resolution
    agent: [china, russia]
  - id: r1
    type: Alignment
    quote: China and Russia
    subject: china
    object: russia
  - id: c1
    type: Claim
    quote: The tests would likely continue.
    asserts: ev1
    modality: Prediction
    certainty: Likely
    hedge: would likely
"""


def write_corpus(folder: Path, yaml_text: str = TINY_YAML, text: str = TINY_TEXT,
                 name: str = "tiny") -> Path:
    """Write a one-document corpus into ``folder`` and return the annotation file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    ann = folder / f"{name}.yaml"
    ann.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return ann


def paths_of(node, prefix=()):
    """Every path (tuple of keys and indexes) into a nest of dicts and lists, the root first."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths_of(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths_of(v, (*prefix, i))


def rows(store, query: str) -> list[tuple]:
    """A query's rows as sorted tuples of plain values (None when unbound), over the union
    of a pyoxigraph store's graphs, with the project's prefixes predefined."""
    from kg import iris

    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in iris.PREFIXES.items())
    out = store.query(prefixes + query, use_default_graph_as_union=True)
    return sorted(tuple(t.value if t is not None else None for t in r) for r in out)


# -- waiting without racing the machine ------------------------------------------------------
# No test races a timeout, a size cap or a sleep against the machine's speed (README,
# "Running the tests"). A test waits for the condition it needs, not for a time; the only
# clock left is HANG_S, a bound for a hang: what takes a fraction of a second alone can
# take tens of seconds on a machine at load 10, never ten minutes.
HANG_S = 600.0


def wait_until(condition, what: str, *, proc=None, hang_s: float = HANG_S,
               poll_s: float = 0.02):
    """Poll ``condition()`` until it returns something true, and return that.

    Fails at once if ``proc`` (a ``subprocess.Popen``) exits first, and otherwise only
    after ``hang_s`` (a hang, not a slow machine).
    """
    import time

    deadline = time.monotonic() + hang_s
    while True:
        got = condition()
        if got:
            return got
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {proc.returncode} first")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still not true after {hang_s:g} s (hung?)")
        time.sleep(poll_s)


def wait_listening(port: int, *, proc=None, host: str = "127.0.0.1",
                   hang_s: float = HANG_S) -> None:
    """Return once ``host:port`` accepts a TCP connection (see :func:`wait_until`)."""
    import socket

    def accepts() -> bool:
        try:
            socket.create_connection((host, port), timeout=hang_s).close()
            return True
        except OSError:
            return False

    wait_until(accepts, f"listening on {host}:{port}", proc=proc, hang_s=hang_s)


def corpus_rule_input(nquads: Path, rule: str):
    """The store corpus rule ``rule`` sees in a build of ``nquads`` (a built graph.nq):
    without any corpus rule's output and the rules' provenance, then with what the corpus
    rules before it derive (in a build they run in order, each seeing the earlier ones')."""
    import pyoxigraph as ox

    from kg import iris
    from kg.build.rules import load_rules, run_rule
    from kg.resources import ontology_dir

    corpus = [r for r in load_rules(ontology_dir()) if r.scope == "corpus"]
    graphs = {iris.derived_graph(r.name) for r in corpus}
    made_by_rules = (iris.BASE + "rule/", iris.BASE + "graph/derived/")
    store = ox.Store()
    store.extend(q for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
                 if q.graph_name.value not in graphs
                 and not (q.graph_name.value == iris.PROVENANCE_GRAPH
                          and q.subject.value.startswith(made_by_rules)))
    for r in corpus[:[r.name for r in corpus].index(rule)]:
        store.extend(run_rule(store, r))
    return store
