"""The benchmark's reports as plain text."""

from __future__ import annotations

from typing import Any

__all__ = ["format_report", "format_pack_report"]


def format_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`kg.bench.run.run_bench`'s report."""
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
            f"  rebuild after one edit {s['rebuild_one_seconds']:.2f} s "
            f"({s['rebuild_one_vs_build']:.3f} of the build; "
            f"{'in place' if s['rebuild_one']['incremental'] else 'whole'})",
        ]
        lines += _time_lines(s)
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


def format_pack_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`kg.bench.run.run_pack_bench`'s report."""
    s = report["pack_only"]
    lines = [f"{s['build_dir']}: {s['docs']} documents, {s['triples']:,} quads"]
    lines += _query_lines(s)
    slowest = max((q.get("oxigraph_ms") or 0.0 for q in s["queries"].values()), default=0.0)
    lines.append(f"slowest pack query median: {slowest:,.1f} ms")
    return "\n".join(lines)


def _time_lines(s: dict[str, Any]) -> list[str]:
    """Where the build's and the rebuild's time went: stages, then each corpus rule."""
    lines = []
    for name, phase in (("build", s["build"]), ("rebuild", s["rebuild_one"])):
        for key, what in (("stages", "stages"), ("rules", "corpus rules")):
            if phase.get(key):
                parts = ", ".join(f"{k} {v:.2f} s" for k, v in phase[key].items())
                lines.append(f"  {name} {what}: {parts}")
    return lines


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
