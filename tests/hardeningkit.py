"""Hostile inputs and shared checks of the hardening suite (importable as ``hardeningkit``)."""

from __future__ import annotations

import json
import os
import sys
import textwrap
import unicodedata
from pathlib import Path
from types import SimpleNamespace

from kg.errors import AnnotationError, KGError

# -- hostile strings ---------------------------------------------------------------------
IMG = "<img src=x onerror=alert(1);window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=1;alert(1)</script>"
SPARQL = ('"} ; DROP ALL ; SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } # \\ \'\'\' > <x y> '
          "__LANG__ __VALUES__")
CONTROL = "\x1b[2J\x1b[H\x1b]0;pwned\x07fake $ prompt\x08\x08\x9b31m\x7f"
RTL = "\u202eevil.exe\u202c txt"
NUL = "nul\x00byte"
LONG = "L" * 100_000
HOSTILE = SimpleNamespace(IMG=IMG, SCRIPT=SCRIPT, SPARQL=SPARQL, CONTROL=CONTROL, RTL=RTL,
                          NUL=NUL, LONG=LONG)

# Characters that must never reach a terminal raw from a table or an error message.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}

# The text of the hostile document: BOM, CRLF line ends, markup, SPARQL metacharacters,
# control characters, a bidi override and a 100k-character line.
HOSTILE_TEXT = (
    "\ufeffNorth Korea " + IMG + " tested missiles in September 2022.\r\n"
    "China and Russia blocked a UN resolution " + SCRIPT + ".\r\n"
    "Analysts wrote " + SPARQL + " and " + CONTROL + " and " + RTL + ".\r\n"
    + LONG + "\r\n"
    "The tests would likely continue.\r\n"
)


def _yq(text: str) -> str:
    """A YAML double-quoted scalar for any text (JSON escapes are valid YAML escapes)."""
    return json.dumps(text, ensure_ascii=True)


_Q = {
    "title": "Brief " + SCRIPT + RTL, "url": "https://example.org/a?b=<c>&d=\"",
    "author": CONTROL, "pub": IMG + " Press", "nk": "North Korea " + IMG, "china": SCRIPT,
    "russia": RTL + " " + CONTROL + " " + NUL, "long": LONG, "analysts": SPARQL,
    "ev1": "tested missiles in September 2022.\r\nChina",
    "ev2": "blocked a UN resolution " + SCRIPT, "hedge": "would likely " + CONTROL,
}
HOSTILE_YAML = """\
document:
  id: hostile
  text: hostile.txt
  title: {title}
  url: {url}
  publisher: pub
  author: {author}
  date: 2022-11-01
  annotator: tests
annotations:
  - id: pub
    type: Organization
    label: {pub}
  - id: nk
    type: State
    label: {nk}
    quote: North Korea
  - id: china
    type: State
    label: {china}
    quote: China
  - id: russia
    type: State
    label: {russia}
    quote: Russia
  - id: long-actor
    type: Organization
    label: {long}
    quote: {long}
  - id: analysts
    type: Organization
    label: {analysts}
    quote: Analysts
  - id: t1
    type: TimeSpan
    quote: September 2022
    begin: 2022-09
    end: 2022-09
    precision: Month
  - id: ev1
    type: MissileTest
    quote: {ev1}
    agent: nk
    time: t1
    status: Occurred
  - id: ev2
    type: ResolutionBlocking
    quote: {ev2}
    agent: [china, russia]
  - id: r1
    type: Alignment
    quote: China and Russia
    subject: china
    object: russia
  - id: c0
    type: Claim
    quote: {ev1}
    asserts: ev1
    modality: ReportedFact
    certainty: Certain
  - id: c1
    type: Claim
    quote: The tests would likely continue.
    asserts: ev1
    modality: Prediction
    certainty: Likely
    hedge: {hedge}
""".format(**{k: _yq(v) for k, v in _Q.items()})


def write_hostile_corpus(folder: Path) -> Path:
    """The hostile document (text with BOM and CRLF written as bytes) and its annotation."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_bytes(HOSTILE_TEXT.encode("utf-8"))
    ann = folder / "hostile.yaml"
    ann.write_text(textwrap.dedent(HOSTILE_YAML), encoding="utf-8")
    return ann


# -- checks shared by the tests ----------------------------------------------------------
def unsafe_chars(text: str) -> list[str]:
    """Characters that could move a terminal's cursor, reorder or hide text."""
    return sorted({f"U+{ord(c):04X}" for c in text
                   if unicodedata.category(c) in _UNSAFE_CATEGORIES and c not in "\n"})


def assert_clean_error(exc: BaseException, where: str | None = None) -> None:
    """A KGError whose message is one printable line naming ``where`` (a file or parameter)."""
    assert isinstance(exc, KGError), f"not a KGError: {type(exc).__name__}: {exc!r}"
    messages = [str(p) for p in exc.problems] if isinstance(exc, AnnotationError) else []
    messages.append(str(exc))
    for msg in messages:
        assert msg and "\n" not in msg and "\r" not in msg, repr(msg)
        assert unsafe_chars(msg) == [], (unsafe_chars(msg), msg[:300])
        if where is not None:
            assert where in msg, (where, msg[:300])


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and mtime (ns): to prove nothing changed."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return out


FIGURES: dict[str, object] = {}


def bump(key: str, n: int = 1) -> None:
    """Add ``n`` to one figure of the closing report."""
    FIGURES[key] = int(FIGURES.get(key, 0)) + n  # type: ignore[arg-type]


def put(key: str, value: object) -> None:
    FIGURES[key] = value


# -- kill tests: a zygote that forks writer loops to be killed --------------------------------
# Every output the loop writes, by the writer that writes it (files; folders end in "/").
KILL_OUTPUTS = {"viz": "network.html", "timeline-html": "timeline.html",
                "timeline-svg": "timeline.svg", "events-csv": "events.csv",
                "graphml": "net.graphml", "json": "net.json", "brat": "brat/",
                "webanno": "webanno/", "link": "links.nq"}
LINK_GRAPH = "https://w3id.org/kg-toolkit/id/graph/links/reconciled"


def link_quads_for(variant: int) -> list:
    """Two different versions of one named graph: 20 quads, or 3000 (a longer write)."""
    import pyoxigraph as ox

    g = ox.NamedNode(LINK_GRAPH)
    n = 20 if variant == 0 else 3000
    return [ox.Quad(ox.NamedNode(f"https://w3id.org/kg-toolkit/id/x{i}"),
                    ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch"),
                    ox.NamedNode(f"http://www.wikidata.org/entity/Q{i + 1 + variant * 7}"), g)
            for i in range(n)]


def _write_all(cfg: dict, variant: int, out: Path, cache: dict) -> None:
    """One pass of every writer, for one variant (store A or B)."""
    from kg.export import brat, events_csv, network, webanno
    from kg.link.graphs import publish_graph
    from kg.network.projection import project, timeline_events
    from kg.store import open_store
    from kg.viz.html import write_network_html
    from kg.viz.timeline import write_timeline_html, write_timeline_svg

    store_dir = cfg["stores"][variant]
    if variant not in cache:
        with open_store(store_dir) as store:
            cache[variant] = (project(store, "actors"), timeline_events(store))
    graph, events = cache[variant]
    write_network_html(graph, out / KILL_OUTPUTS["viz"], title=f"variant {variant}")
    write_timeline_html(events, out / KILL_OUTPUTS["timeline-html"], title=f"v{variant}")
    write_timeline_svg(events, out / KILL_OUTPUTS["timeline-svg"], title=f"v{variant}")
    with open_store(store_dir) as store:
        events_csv.export(store, out / KILL_OUTPUTS["events-csv"])
        network.export(store, out / KILL_OUTPUTS["graphml"])
        network.export(store, out / KILL_OUTPUTS["json"])
        brat.export(store, out / "brat")
        webanno.export(store, out / "webanno")
    publish_graph(link_quads_for(variant), graph=LINK_GRAPH, nq_path=out / "links.nq",
                  store_path=cfg["link_store"] if out == Path(cfg["out"]) else None)


def _child(cfg: dict, mode: str) -> None:
    cache: dict = {}
    if mode == "ref":
        for v in (0, 1):
            _write_all(cfg, v, Path(cfg["ref"]) / f"v{v}", cache)
        return
    out = Path(cfg["out"])
    v = 0
    if mode == "store":  # only the named-graph replacement of kg link / kg enrich
        from kg.link.graphs import publish_graph

        quads = [link_quads_for(0), link_quads_for(1)]
        (out / f".started-{os.getpid()}").touch()
        while True:  # until killed
            publish_graph(quads[v], graph=LINK_GRAPH, nq_path=out / "links.nq",
                          store_path=cfg["link_store"])
            v = 1 - v
    _write_all(cfg, 1, Path(cfg["scratch"]), cache)  # warm: both projections cached
    (out / f".started-{os.getpid()}").touch()
    while True:  # until killed
        _write_all(cfg, v, out, cache)
        v = 1 - v


def zygote_main() -> None:
    """Import everything once, then fork a writer child per request (JSON lines on stdin)."""
    import kg.export.brat  # noqa: F401 - imported here so children start fast
    import kg.export.events_csv  # noqa: F401
    import kg.export.network  # noqa: F401
    import kg.export.webanno  # noqa: F401
    import kg.link.graphs  # noqa: F401
    import kg.network.projection  # noqa: F401
    import kg.viz.html  # noqa: F401
    import kg.viz.timeline  # noqa: F401

    cfg = json.loads(sys.argv[1])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if req["cmd"] == "fork":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    _child(cfg, req["mode"])
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    code = 1
                os._exit(code)
            print(json.dumps({"pid": pid}), flush=True)
        elif req["cmd"] == "wait":
            _, status = os.waitpid(req["pid"], 0)
            print(json.dumps({"status": status}), flush=True)


def verify_outputs(cfg: dict) -> dict[str, int]:
    """Every output is one variant's complete version (or not written yet); the store's
    graph is one variant's, whole. Returns counts: files checked, leftover temporaries."""
    out, ref = Path(cfg["out"]), Path(cfg["ref"])
    checked = leftovers = 0
    for name in KILL_OUTPUTS.values():
        paths = sorted((out / name).iterdir()) if name.endswith("/") and (out / name).is_dir() \
            else [out / name]
        for p in paths:
            if p.name.endswith(".tmp") or ".tmp-" in p.name:
                leftovers += 1
                continue
            if not p.exists():
                continue
            rel = p.relative_to(out)
            wanted = [(ref / f"v{v}" / rel).read_bytes() for v in (0, 1)
                      if (ref / f"v{v}" / rel).exists()]
            assert p.read_bytes() in wanted, f"{rel} is neither complete version"
            checked += 1
    leftovers += len([p for p in out.glob(".*.tmp")])
    from kg.store import open_store

    with open_store(cfg["link_store"]) as store:
        rows = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{LINK_GRAPH}> {{ ?s ?p ?o }} }}").rows
        assert store.query("ASK { ?s a ?t }").boolean, "the store lost its build graph"
    got = {(s.value, o.value) for s, o in rows}
    versions = [{(q.subject.value, q.object.value) for q in link_quads_for(v)} for v in (0, 1)]
    assert got in versions, f"store graph has {len(got)} links: a mix, a cut or nothing"
    checked += 1
    return {"checked": checked, "leftovers": leftovers}


def zygote_env() -> dict[str, str]:
    tests = str(Path(__file__).resolve().parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [tests, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
