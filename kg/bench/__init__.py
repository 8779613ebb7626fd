"""``kg bench``: build, bulk load, memory and the query pack, measured side by side in one run.

A layer above the store, the build and the query pack: it drives them, nothing below
imports it. Each phase runs in its own Python process so its peak RSS is its own
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

Modules: :mod:`kg.bench.run` (the orchestration and the targets), :mod:`kg.bench.phases`
(one phase per child process), :mod:`kg.bench.pack` (the query pack on both engines),
:mod:`kg.bench.machine` (the machine and memory figures), :mod:`kg.bench.report` (text).
"""

from __future__ import annotations

from kg.bench.machine import machine_info
from kg.bench.report import format_pack_report, format_report
from kg.bench.run import TARGETS, run_bench, run_pack_bench

__all__ = ["run_bench", "run_pack_bench", "format_report", "format_pack_report", "machine_info",
           "TARGETS"]
