"""Helpers shared by the tests (importable as ``kgtest``; fixtures live in conftest.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
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


def listening_port(proc, *, hang_s: float = HANG_S) -> int:
    """The TCP port ``proc`` (a ``subprocess.Popen``) listens on, once it listens.

    Start the server on port 0 and ask this: a port picked free beforehand and passed to
    the server can be taken by another process in between (a shared machine runs many).
    Read from Linux's ``/proc`` (the process's sockets, the listening ones among them), so
    it works for a server that does not print its port (``oxigraph serve`` prints ``:0``).
    """
    import os

    def port() -> int | None:
        try:
            fds = os.listdir(f"/proc/{proc.pid}/fd")
        except OSError:
            return None
        inodes = set()
        for fd in fds:
            try:
                link = os.readlink(f"/proc/{proc.pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[len("socket:["):-1])
        for table in ("tcp", "tcp6"):
            try:
                with open(f"/proc/{proc.pid}/net/{table}", encoding="ascii") as fh:
                    rows = fh.read().splitlines()[1:]
            except OSError:
                continue
            for row in rows:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    return int(fields[1].rsplit(":", 1)[1], 16)
        return None

    return int(wait_until(port, f"process {proc.pid} listening", proc=proc, hang_s=hang_s))


@contextmanager
def refused_port(host: str = "127.0.0.1") -> Iterator[int]:
    """A port on ``host`` that refuses connections while the block runs: bound by this
    process and never listened on, so no other process can take it meanwhile (a port
    found free and let go could be taken before the test uses it)."""
    import socket

    with socket.socket() as sock:
        sock.bind((host, 0))
        yield int(sock.getsockname()[1])


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


# -- killing a writer at each of its commit points, not at a random time ------------------------
# A child that runs ``code`` with os.rename, os.replace and the store's directory exchange
# wrapped: before and after each
# call it says "pause N" on stdout and waits for a line on stdin. The test kills it at the
# pause it chooses, so every moment that matters (just before and just after each swap) is
# hit whatever the machine's speed; a sleep of chance hits them only on some machines.
_PAUSING = """
import os, sys, threading
_me, _n, _one = os.getpid(), [0], threading.Lock()
def _pause():
    if os.getpid() != _me:  # a forked worker: not the writer under test
        return
    with _one:  # the writer's threads (graph.nq and graph.trig are written at once) pause in turn
        sys.stdout.write(f"pause {_n[0]}\\n")
        sys.stdout.flush()
        _n[0] += 1
        if not sys.stdin.readline():
            os._exit(3)
def _pausing(real):
    def call(*args, **kwargs):
        _pause()
        out = real(*args, **kwargs)
        _pause()
        return out
    return call
os.rename, os.replace = _pausing(os.rename), _pausing(os.replace)
import kg.store.embedded as _embedded  # the store's swap is one renameat2 exchange
_embedded._exchange = _pausing(_embedded._exchange)
"""


def run_killed_at(code: str, args: list[str], pause: int | None) -> int:
    """Run ``code`` (with ``sys.argv[1:] == args``) in a child and SIGKILL it at its
    ``pause``-th pause (``None``: never); return how many pauses it reached."""
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _PAUSING + code, *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    seen = 0
    try:
        for line in proc.stdout:
            if not line.startswith("pause "):
                continue
            if seen == pause:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return seen + 1
            seen += 1
            proc.stdin.write("go\n")
            proc.stdin.flush()
        code_ = proc.wait()
        assert code_ == 0, f"the writer failed with {code_}"
        return seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def drafted_events(text: str, gazetteer, *, date: str = "2022-11-10", model=None,
                   onto=None) -> list[dict]:
    """The items ``kg annotate`` drafts for ``text`` (one document dated ``date``) that are
    neither claims nor times: the events, plus any other quoted item."""
    from kg.annotate.draft import draft
    from kg.ontology import load_ontology

    items = draft(text + "\n", doc_id="t", text_name="t.txt", gazetteer=gazetteer,
                  onto=onto or load_ontology(), date=date, model=model)["annotations"]
    return [it for it in items if "quote" in it and it["type"] not in ("Claim", "TimeSpan")]
