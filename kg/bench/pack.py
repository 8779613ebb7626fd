"""The query pack measured on the embedded store and on rdflib, each run killable at a cap."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from kg.bench.machine import peak_rss_mb
from kg.namespace import KG
from kg.store.child import write_message

__all__ = ["pack_texts", "oxigraph_pack", "oxigraph_child", "rdflib_pack", "collect_runs"]


def pack_texts(store: str | Path) -> list[list[str]]:
    """[name, query text with its parameters bound] for every query of the pack.

    Each text is what ``kg query NAME`` sends to the store (:func:`kg.query.run.prepare`:
    comments stripped, first page, ``?includeNonfactual`` bound to false, prefixes), with
    its bindings written in. Required parameters get the most active agent of the data;
    the others their defaults.
    """
    from kg.query.pack import list_queries
    from kg.query.run import prepare
    from kg.store import open_store

    with open_store(store) as live:
        top = live.query(
            f"SELECT ?a (COUNT(*) AS ?n) WHERE {{ ?e <{KG.agent}> ?a }} "
            "GROUP BY ?a ORDER BY DESC(?n) LIMIT 1").values()
        sample = f"<{top[0][0]}>" if top and top[0][0] is not None else ""
        texts = []
        for spec in list_queries():
            given = {p.name: sample for p in spec.params if p.required}
            texts.append([spec.name, prepare(spec, live, given).bound_text()])
    return texts


def oxigraph_pack(store: Path, texts: list[list[str]], *, runs: int, cap_s: float,
                  budget_s: float, memory_mb: int) -> dict[str, Any]:
    """Each query in its own process (killed at the cap): warm-up, then ``runs`` timed runs."""
    from kg.store.child import Child

    results, peak = [], 0.0
    for name, text in texts:
        child = Child("kg.bench.pack:oxigraph_child", memory_mb=memory_mb)
        child.send({"store": str(store), "text": text, "runs": runs + 1})
        times, rows, capped, error, extra = collect_runs(child.receive, runs + 1, cap_s,
                                                         budget_s, memory_mb=memory_mb)
        child.kill()  # done, capped or over budget
        peak = max(peak, extra.get("peak_rss_mb", 0.0))
        timed = times[1:] if len(times) > 1 else times  # the first run warms the caches
        results.append(_summary(name, timed, rows, capped, error, cap_s))
    return {"queries": results, "peak_rss_mb": peak}


def oxigraph_child() -> None:
    """Child side of :func:`oxigraph_pack`: run one query the number of times asked."""
    from kg.store import open_store
    from kg.store.child import read_message

    message = read_message(sys.stdin.buffer)
    if message is None:
        return
    job = message[0]
    out = sys.stdout.buffer
    with open_store(job["store"]) as live:
        _report_runs(lambda: len(live.query(job["text"])), job["runs"], out)
    write_message(out, {"peak_rss_mb": peak_rss_mb()})


def _report_runs(run: Callable[[], int], runs: int, out: BinaryIO) -> None:
    """Run ``run`` up to ``runs`` times, answering one message per run (or the error)."""
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = run()
            ms = (time.perf_counter() - t0) * 1000
            write_message(out, {"ms": ms, "rows": rows, "peak_rss_mb": peak_rss_mb()})
    except Exception as exc:  # reported to the parent as this query's result
        error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        write_message(out, {"error": error})


def collect_runs(receive: Callable[[float | None], tuple[dict[str, Any], bytes]], runs: int,
                 cap_s: float, budget_s: float, *, memory_mb: int | None
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
            error = f"query process died (status {exc.returncode}; memory cap {memory_mb} MB?)"
    return times, rows, capped, error, extra


def _summary(name: str, times: list[float], rows: int | None, capped: bool,
             error: str | None, cap_s: float) -> dict[str, Any]:
    if times:
        median: float | None = statistics.median(times)
    else:
        median = cap_s * 1000 if capped else None
    return {"name": name, "median_ms": median, "runs_ms": times, "rows": rows,
            "capped": capped and not times, "error": error}


def rdflib_pack(nquads: str, texts: list[list[str]], runs: int, cap_s: float,
                budget_s: float, memory_mb: int | None = None) -> dict[str, Any]:
    """The same query texts on an rdflib ``Dataset`` (union default graph) of ``nquads``."""
    import rdflib
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    start = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    load = time.perf_counter() - start
    results = [_rdflib_query(ds, name, text, runs, cap_s, budget_s, memory_mb)
               for name, text in texts]
    return {"load_seconds": load, "queries": results}


def _rdflib_query(ds: Any, name: str, text: str, runs: int, cap_s: float,
                  budget_s: float, memory_mb: int | None) -> dict[str, Any]:
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
    times, rows, capped, error, _ = collect_runs(reader.receive, runs, cap_s, budget_s,
                                                 memory_mb=memory_mb)
    os.kill(pid, 9)  # done, capped or over budget
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) != 9 and not times and error is None:
        error = f"rdflib process died (memory cap {memory_mb} MB?)"
    os.close(read_fd)
    return _summary(name, times, rows, capped, error, cap_s)
