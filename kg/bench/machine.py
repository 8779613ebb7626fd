"""Where the benchmark ran, and how much memory its processes took."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["machine_info", "tree_pss_mb", "default_memory_mb", "kg_help_seconds", "peak_rss_mb",
           "children_peak_rss_mb"]


def machine_info() -> dict[str, Any]:
    """CPU, cores, RAM, OS, Python and the versions of the engines measured."""
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
                                             "httpx", "PyYAML")},
    }


def tree_pss_mb(pid: int) -> float:
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


def default_memory_mb() -> int:
    """The default address-space cap of a phase: 60 % of RAM."""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return int(pages * size * 0.6) >> 20
    except (ValueError, OSError):
        return 8192


def kg_help_seconds(n: int = 5) -> dict[str, Any]:
    """Wall time of ``kg --help``: the median of ``n`` runs."""
    script = Path(sys.executable).with_name("kg")
    cmd = [str(script), "--help"] if script.is_file() else [sys.executable, "-m", "kg", "--help"]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "runs": times, "command": " ".join(cmd)}


def peak_rss_mb() -> float:
    """This process's peak RSS in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def children_peak_rss_mb() -> float:
    """The largest peak RSS of this process's finished children (the build's workers)."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
