"""``kg bench``: build, bulk load, memory and the query pack, measured side by side in one run.

Each phase runs in its own Python process so its peak RSS is its own
(``ru_maxrss`` of that process). Per corpus size:

1. ``synth``: ``kg synth`` writes N documents;
2. ``build``: ``kg.build.build`` on them (what ``kg build`` does, store included);
3. ``bulk_load``: raw pyoxigraph ``bulk_load`` of the same ``graph.nq`` into an on-disk
   store: the ceiling the build is compared with;
4. ``oxigraph``: every query of the pack on the built store, each in its own process,
   a warm-up then k timed runs (median), a run past the cap kills it;
5. ``rdflib``: the same query texts on an rdflib ``Dataset`` (union default graph) of
   the same N-Quads; each run in a forked child killed at the cap (rdflib has no timeout).

Plus ``kg --help`` wall time (median of 5) and the machine. JSON keys: docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.store.child import write_message

__all__ = ["run_bench", "run_pack_bench", "format_report", "format_pack_report", "machine_info",
           "TARGETS"]

TARGETS = {
    "build_vs_bulk_load_min": 0.5,      # build throughput / raw bulk-load throughput
    "peak_rss_mb_max": 1536,            # at 1 M triples
    "query_median_ms_max": 100,         # every pack query, at 1 M triples
    "query_speedup_vs_rdflib_min": 10,
    "kg_help_s_max": 0.3,
}


# -- the parent: orchestration ---------------------------------------------------------------

def run_bench(*, docs: int | list[int] = 200, runs: int = 5, rdflib_cap_s: float = 10.0,
              rdflib: bool = True, seed: int = 0, workdir: str | Path | None = None,
              memory_mb: int | None = None, query_budget_s: float | None = None,
              progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the benchmark for each corpus size in ``docs``; return the report (a JSON dict).

    Every phase runs with its address space capped at ``memory_mb`` (default: 60 % of
    RAM) so a runaway query dies alone; a query stops after ``query_budget_s`` (default:
    three caps) once it has at least one timed run.
    """
    global _MEMORY_MB
    _MEMORY_MB = memory_mb or _default_memory_mb()
    budget = query_budget_s or 3 * rdflib_cap_s
    say = progress or (lambda msg: None)
    sizes = [docs] if isinstance(docs, int) else list(docs)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="kg-bench-")
        root = Path(tmp.name)
    else:
        root = Path(workdir)
        root.mkdir(parents=True, exist_ok=True)
    try:
        report: dict[str, Any] = {"machine": machine_info(), "targets": TARGETS,
                                  "kg_help_s": _kg_help_seconds(), "sizes": []}
        say(f"kg --help: {report['kg_help_s']['median']:.3f} s")
        for n in sizes:
            report["sizes"].append(_one_size(root / f"docs-{n}", n, runs=runs, seed=seed,
                                             rdflib=rdflib, cap=rdflib_cap_s, budget=budget,
                                             say=say))
        report["memory_cap_mb"] = _MEMORY_MB
        report["evaluation"] = _evaluate(report)
        return report
    finally:
        if tmp is not None:
            tmp.cleanup()


def run_pack_bench(build_dir: str | Path, *, runs: int = 5, rdflib_cap_s: float = 10.0,
                   rdflib: bool = False, memory_mb: int | None = None,
                   query_budget_s: float | None = None,
                   progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Only the query pack, on an existing build folder (``DIR/store``, ``DIR/graph.nq``):
    the same measurements as in :func:`run_bench`, without generating or building."""
    global _MEMORY_MB
    _MEMORY_MB = memory_mb or _default_memory_mb()
    say = progress or (lambda msg: None)
    build_dir = Path(build_dir)
    store = build_dir / "store"
    if not store.is_dir():
        from kg.errors import UsageError

        raise UsageError(f"{build_dir}: no store here (run 'kg build' first)")
    budget = query_budget_s or 3 * rdflib_cap_s
    manifest = json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))
    texts = _phase("pack_texts", {"store": str(store)})["texts"]
    say(f"{manifest['quads']:,} quads: pack on the embedded store (cap {rdflib_cap_s:g} s)")
    ox = _oxigraph_pack(store, texts, runs=runs, cap_s=rdflib_cap_s, budget_s=budget)
    size: dict[str, Any] = {"build_dir": str(build_dir), "triples": manifest["quads"],
                            "docs": len(manifest["documents"]), "oxigraph": ox}
    queries = {q["name"]: {"oxigraph_ms": q["median_ms"], "rows": q["rows"],
                           "oxigraph_capped": q["capped"]} for q in ox["queries"]}
    if rdflib:
        say("pack on rdflib")
        rd = _phase("rdflib", {"nquads": str(build_dir / "graph.nq"), "texts": texts,
                               "memory_mb": _MEMORY_MB, "runs": min(runs, 3),
                               "cap_s": rdflib_cap_s, "budget_s": budget})
        size["rdflib"] = rd
        _merge_rdflib(queries, rd)
    size["queries"] = queries
    return {"machine": machine_info(), "targets": TARGETS, "memory_cap_mb": _MEMORY_MB,
            "pack_only": size}


def format_pack_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`run_pack_bench`'s report."""
    s = report["pack_only"]
    lines = [f"{s['build_dir']}: {s['docs']} documents, {s['triples']:,} quads"]
    lines += _query_lines(s)
    slowest = max((q.get("oxigraph_ms") or 0.0 for q in s["queries"].values()), default=0.0)
    lines.append(f"slowest pack query median: {slowest:,.1f} ms")
    return "\n".join(lines)


def _merge_rdflib(queries: dict[str, Any], rd: dict[str, Any]) -> None:
    for q in rd["queries"]:
        entry = queries.setdefault(q["name"], {})
        entry["rdflib_ms"] = q["median_ms"]
        entry["rdflib_capped"] = q["capped"]
        entry["rdflib_rows"] = q["rows"]
        if q.get("error"):
            entry["rdflib_error"] = q["error"]
        if (entry.get("oxigraph_ms") and q["median_ms"] is not None
                and not entry.get("oxigraph_capped")):
            entry["speedup"] = q["median_ms"] / entry["oxigraph_ms"]


def _one_size(work: Path, docs: int, *, runs: int, seed: int, rdflib: bool, cap: float,
              budget: float, say: Callable[[str], None]) -> dict[str, Any]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    corpus, out = work / "corpus", work / "build"
    say(f"{docs} docs: synth")
    synth = _phase("synth", {"out": str(corpus), "docs": docs, "seed": seed})
    say(f"{docs} docs: build")
    build = _phase("build", {"corpus": str(corpus), "out": str(out)})
    triples = build["quads"]
    say(f"{docs} docs: {triples} quads built in {build['seconds']:.1f} s; raw bulk load")
    # The ceiling: the faster of a checked and a lenient raw bulk load (the build loads its
    # own cache leniently), so the ratio below is never flattered.
    bulks = {}
    for lenient in (False, True):
        bulks[lenient] = _phase("bulk_load", {"nquads": str(out / "graph.nq"),
                                              "dir": str(work / "raw"), "lenient": lenient})
        shutil.rmtree(work / "raw", ignore_errors=True)
    bulk = min(bulks.values(), key=lambda b: b["seconds"])
    bulk["checked_seconds"] = bulks[False]["seconds"]
    bulk["lenient_seconds"] = bulks[True]["seconds"]
    say(f"{docs} docs: pack on the embedded store (cap {cap:g} s per run)")
    texts = _phase("pack_texts", {"store": str(out / "store")})["texts"]
    ox = _oxigraph_pack(out / "store", texts, runs=runs, cap_s=cap, budget_s=budget)
    result: dict[str, Any] = {
        "docs": docs, "triples": triples, "synth": synth, "build": build, "bulk_load": bulk,
        "build_triples_per_s": triples / build["seconds"],
        "bulk_load_triples_per_s": triples / bulk["seconds"],
        "oxigraph": ox,
    }
    result["build_vs_bulk_load"] = result["build_triples_per_s"] / result["bulk_load_triples_per_s"]
    queries = {q["name"]: {"oxigraph_ms": q["median_ms"], "rows": q["rows"],
                           "oxigraph_capped": q["capped"]} for q in ox["queries"]}
    if rdflib:
        say(f"{docs} docs: pack on rdflib (cap {cap:g} s per run)")
        rd = _phase("rdflib", {"nquads": str(out / "graph.nq"), "texts": texts,
                               "memory_mb": _MEMORY_MB,
                               "runs": min(runs, 3), "cap_s": cap, "budget_s": budget})
        result["rdflib"] = rd
        _merge_rdflib(queries, rd)
    result["queries"] = queries
    # The build's memory is its whole process tree (workers included), as sampled PSS;
    # the main process's own peak RSS when sampling was not possible.
    build_mb = build.get("tree_peak_pss_mb") or build["peak_rss_mb"]
    result["build_memory_mb"] = build_mb
    result["peak_rss_mb"] = max(build_mb, build["peak_rss_mb"], ox["peak_rss_mb"])
    return result


def _phase(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one phase in a fresh interpreter (:mod:`kg.store.child`); its answer is the result.

    While it runs, the memory of its whole process tree (the build's worker processes
    included) is sampled as PSS, which counts pages shared by forked workers once:
    ``tree_peak_pss_mb``.
    """
    import threading

    from kg.errors import KGError
    from kg.store.child import Child, ChildDied

    child = Child("kg.store.bench:_phase_child", memory_mb=_MEMORY_MB).start()
    peak = [0.0]
    done = threading.Event()
    pid = child.pid or 0

    def sample() -> None:
        while not done.wait(0.25):  # reading smaps_rollup is not free: sample 4 times a second
            peak[0] = max(peak[0], _tree_pss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        header, payload = child.request({"phase": name, "args": args})
    except ChildDied as exc:
        raise KGError(f"bench phase {name!r} failed (exit {exc.returncode}; memory cap "
                      f"{_MEMORY_MB} MB?)") from None
    finally:
        done.set()
        sampler.join()
        child.kill()
    if not header.get("ok"):
        raise KGError(f"bench phase {name!r} failed: {header.get('type')}: "
                      f"{header.get('error')}")
    result = json.loads(payload)
    if peak[0]:
        result["tree_peak_pss_mb"] = peak[0]
    return result


def _tree_pss_mb(pid: int) -> float:
    """PSS of ``pid`` and all its descendants, in MB (0 where /proc cannot tell)."""
    total, todo, seen = 0.0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


_MEMORY_MB: int | None = None


def _default_memory_mb() -> int:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return int(pages * size * 0.6) >> 20
    except (ValueError, OSError):
        return 8192


def _kg_help_seconds(n: int = 5) -> dict[str, Any]:
    script = Path(sys.executable).with_name("kg")
    cmd = [str(script), "--help"] if script.is_file() else [sys.executable, "-m", "kg", "--help"]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "runs": times, "command": " ".join(cmd)}


def machine_info() -> dict[str, Any]:
    from importlib import metadata

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_mb": ram_mb,
        "os": platform.platform(), "python": platform.python_version(),
        "versions": {d: version(d) for d in ("kg", "pyoxigraph", "oxigraph", "rdflib",
                                             "SPARQLWrapper", "PyYAML")},
    }


def _evaluate(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target against the largest size measured (targets are stated at 1 M triples)."""
    if not report["sizes"]:
        return []
    big = max(report["sizes"], key=lambda s: s["triples"])
    out = [
        _check("build at least 0.5x raw bulk-load throughput", big["build_vs_bulk_load"],
               ">=", TARGETS["build_vs_bulk_load_min"]),
        _check("peak RSS (MB)", big["peak_rss_mb"], "<=", TARGETS["peak_rss_mb_max"]),
        _check("kg --help (s)", report["kg_help_s"]["median"], "<=", TARGETS["kg_help_s_max"]),
    ]
    slowest = max((q.get("oxigraph_ms") or 0.0 for q in big["queries"].values()), default=0.0)
    out.append(_check("slowest pack query median (ms)", slowest, "<=",
                      TARGETS["query_median_ms_max"]))
    speedups = [q["speedup"] for q in big["queries"].values() if "speedup" in q]
    if speedups:
        out.append(_check("smallest speedup over rdflib (x, capped runs count as the cap)",
                          min(speedups), ">=", TARGETS["query_speedup_vs_rdflib_min"]))
    small = min(report["sizes"], key=lambda s: s["triples"])
    if big is not small and small["peak_rss_mb"]:
        growth = (big["peak_rss_mb"] / small["peak_rss_mb"]) / (big["triples"] / small["triples"])
        out.append(_check("RSS growth relative to data growth (sublinear < 1)", growth, "<", 1.0))
    for item in out:
        item["at_triples"] = big["triples"]
    return out


def _check(what: str, value: float, op: str, target: float) -> dict[str, Any]:
    ok = {">=": value >= target, "<=": value <= target, "<": value < target}[op]
    return {"target": what, "value": round(value, 4), "op": op, "threshold": target, "met": ok}


def format_report(report: dict[str, Any]) -> str:
    """A plain-text summary of the JSON report."""
    m = report["machine"]
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['ram_mb']} MB RAM, "
             f"Python {m['python']}, pyoxigraph {m['versions']['pyoxigraph']}, "
             f"rdflib {m['versions']['rdflib']}",
             f"kg --help: {report['kg_help_s']['median'] * 1000:.0f} ms (median of 5)"]
    for s in report["sizes"]:
        lines += [
            "",
            f"{s['docs']} documents, {s['triples']:,} quads",
            f"  build      {s['build']['seconds']:8.2f} s  {s['build_triples_per_s']:>10,.0f} "
            f"quads/s  peak RSS {s['build']['peak_rss_mb']:,.0f} MB (main process), "
            f"{s.get('build_memory_mb', 0):,.0f} MB (all its processes, PSS)",
            f"  bulk_load  {s['bulk_load']['seconds']:8.2f} s  "
            f"{s['bulk_load_triples_per_s']:>10,.0f} quads/s  peak RSS "
            f"{s['bulk_load']['peak_rss_mb']:,.0f} MB",
            f"  build / bulk_load throughput: {s['build_vs_bulk_load']:.2f}x",
        ]
        lines += _query_lines(s)
        if "rdflib" in s:
            lines.append(f"  rdflib load {s['rdflib']['load_seconds']:.1f} s, peak RSS "
                         f"{s['rdflib']['peak_rss_mb']:,.0f} MB")
    lines.append("")
    for e in report.get("evaluation", []):
        mark = "met" if e["met"] else "NOT met"
        lines.append(f"target {e['target']}: {e['value']} {e['op']} {e['threshold']} -> {mark} "
                     f"(at {e['at_triples']:,} quads)")
    return "\n".join(lines)


def _query_lines(s: dict[str, Any]) -> list[str]:
    lines = [f"  {'query':<24}{'oxigraph ms':>12}{'rdflib ms':>12}{'speedup':>10}{'rows':>8}"]
    for name, q in sorted(s["queries"].items()):
        rd = q.get("rdflib_ms")
        rd_txt = "-" if rd is None else (f">{rd:,.0f}" if q.get("rdflib_capped")
                                         else f"{rd:,.1f}")
        sp = q.get("speedup")
        sp_txt = "-" if sp is None else (f">{sp:,.0f}x" if q.get("rdflib_capped")
                                         else f"{sp:,.1f}x")
        ox = q.get("oxigraph_ms")
        ox_txt = "-" if ox is None else (f">{ox:,.0f}" if q.get("oxigraph_capped")
                                         else f"{ox:,.1f}")
        rows = "-" if q.get("rows") is None else str(q["rows"])
        lines.append(f"  {name:<24}{ox_txt:>12}{rd_txt:>12}{sp_txt:>10}{rows:>8}")
    return lines


# -- the children: one phase each -------------------------------------------------------------

def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _children_peak_rss_mb() -> float:
    """The largest peak RSS of this process's finished children (the build's workers)."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _phase_child() -> None:
    """Child side of :func:`_phase`: run the phase named in the request, answer its result."""
    from kg.store.child import serve_messages

    serve_messages(lambda header, _payload: ({"ok": True}, json.dumps(
        _run_phase(header["phase"], header["args"])).encode()))


def _run_phase(name: str, args: dict[str, Any]) -> dict[str, Any]:
    global _MEMORY_MB
    _MEMORY_MB = args.pop("memory_mb", None)
    phases: dict[str, Callable[..., dict[str, Any]]] = {
        "synth": _synth, "build": _build, "bulk_load": _bulk_load,
        "pack_texts": _pack_texts, "rdflib": _rdflib}
    result = phases[name](**args)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _synth(out: str, docs: int, seed: int) -> dict[str, Any]:
    from kg.synth import write_corpus

    start = time.perf_counter()
    write_corpus(out, docs=docs, seed=seed)
    return {"seconds": time.perf_counter() - start}


def _build(corpus: str, out: str) -> dict[str, Any]:
    from kg.build import build

    start = time.perf_counter()
    result = build(corpus, out=out)
    return {"seconds": time.perf_counter() - start, "quads": result.quads,
            "documents": result.documents, "workers_peak_rss_mb": _children_peak_rss_mb()}


def _bulk_load(nquads: str, dir: str, lenient: bool = False) -> dict[str, Any]:  # noqa: A002
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(dir)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS, lenient=lenient)
    store.flush()
    return {"seconds": time.perf_counter() - start}


def _pack_texts(store: str) -> dict[str, Any]:
    """(name, query text with its parameters bound) for every query of the pack.

    Required parameters get the most active agent of the data; the others their defaults.
    """
    from kg.query.pack import list_queries
    from kg.query.params import resolve_params
    from kg.store import open_store
    from kg.store.bind import bind_values

    with open_store(store) as live:
        top = live.query(
            "SELECT ?a (COUNT(*) AS ?n) WHERE { ?e <https://w3id.org/kg-toolkit/ontology#agent> "
            "?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1").rows
        sample = f"<{top[0][0].value}>" if top else ""
        texts = []
        for spec in list_queries():
            given = {p.name: sample for p in spec.params if p.required}
            bindings = resolve_params(spec, live, given)
            texts.append([spec.name, bind_values(spec.text, bindings) if bindings else spec.text])
    return {"texts": texts}


def _oxigraph_pack(store: Path, texts: list[list[str]], *, runs: int, cap_s: float,
                   budget_s: float) -> dict[str, Any]:
    """Each query in its own process (killed at the cap): warm-up, then ``runs`` timed runs."""
    from kg.store.child import Child

    results, peak = [], 0.0
    for name, text in texts:
        child = Child("kg.store.bench:_oxigraph_child", memory_mb=_MEMORY_MB)
        child.send({"store": str(store), "text": text, "runs": runs + 1})
        times, rows, capped, error, extra = _collect_runs(child.receive, runs + 1, cap_s,
                                                          budget_s)
        child.kill()  # done, capped or over budget
        peak = max(peak, extra.get("peak_rss_mb", 0.0))
        timed = times[1:] if len(times) > 1 else times  # the first run warms the caches
        results.append(_summary(name, timed, rows, capped, error, cap_s))
    return {"queries": results, "peak_rss_mb": peak}


def _oxigraph_child() -> None:
    from kg.store import open_store
    from kg.store.child import read_message

    message = read_message(sys.stdin.buffer)
    if message is None:
        return
    job = message[0]
    out = sys.stdout.buffer
    with open_store(job["store"]) as live:
        _report_runs(lambda: len(live.query(job["text"])), job["runs"], out)
    write_message(out, {"peak_rss_mb": _peak_rss_mb()})


def _report_runs(run: Callable[[], int], runs: int, out: Any) -> None:
    """Run ``run`` up to ``runs`` times, answering one message per run (or the error)."""
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = run()
            ms = (time.perf_counter() - t0) * 1000
            write_message(out, {"ms": ms, "rows": rows, "peak_rss_mb": _peak_rss_mb()})
    except Exception as exc:  # reported to the parent as this query's result
        error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        write_message(out, {"error": error})


def _collect_runs(receive: Callable[[float | None], tuple[dict[str, Any], bytes]], runs: int,
                  cap_s: float, budget_s: float
                  ) -> tuple[list[float], int | None, bool, str | None, dict[str, Any]]:
    """Read run messages with ``receive(deadline)``; a run longer than ``cap_s`` stops the
    reading, and so does a total past ``budget_s`` once one run is in."""
    from kg.store.child import ChildDied, ChildTimeout

    times: list[float] = []
    rows, capped, error = None, False, None
    extra: dict[str, Any] = {}
    started = time.monotonic()
    try:
        while len(times) < runs and error is None:
            if times and time.monotonic() - started > budget_s:
                return times, rows, capped, error, extra
            run, _ = receive(time.monotonic() + cap_s)
            if "error" in run:
                error = run["error"]
            else:
                times.append(run["ms"])
                rows = run["rows"]
                extra["peak_rss_mb"] = max(extra.get("peak_rss_mb", 0.0), run["peak_rss_mb"])
        if error is None:
            extra.update(receive(time.monotonic() + 5)[0])  # the trailing peak RSS
    except ChildTimeout:
        capped = not times or len(times) < runs
    except ChildDied as exc:
        if not times and error is None:
            error = f"query process died (status {exc.returncode}; memory cap {_MEMORY_MB} MB?)"
    return times, rows, capped, error, extra


def _summary(name: str, times: list[float], rows: int | None, capped: bool,
             error: str | None, cap_s: float) -> dict[str, Any]:
    if times:
        median: float | None = statistics.median(times)
    else:
        median = cap_s * 1000 if capped else None
    return {"name": name, "median_ms": median, "runs_ms": times, "rows": rows,
            "capped": capped and not times, "error": error}


def _rdflib(nquads: str, texts: list[list[str]], runs: int, cap_s: float,
            budget_s: float) -> dict[str, Any]:
    import rdflib
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    start = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    load = time.perf_counter() - start
    results = [_rdflib_query(ds, name, text, runs, cap_s, budget_s) for name, text in texts]
    return {"load_seconds": load, "queries": results}


def _rdflib_query(ds: Any, name: str, text: str, runs: int, cap_s: float,
                  budget_s: float) -> dict[str, Any]:
    """Run ``text`` ``runs`` times in a forked child (copy-on-write data); kill it at the cap."""
    from kg.store.child import MessageReader

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            with os.fdopen(write_fd, "wb") as out:
                _report_runs(lambda: len(list(ds.query(text))), runs, out)
        finally:
            os._exit(0)
    os.close(write_fd)
    reader = MessageReader(read_fd)
    times, rows, capped, error, _ = _collect_runs(reader.receive, runs, cap_s, budget_s)
    os.kill(pid, 9)  # done, capped or over budget
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) != 9 and not times and error is None:
        error = f"rdflib process died (memory cap {_MEMORY_MB} MB?)"
    os.close(read_fd)
    return _summary(name, times, rows, capped, error, cap_s)
