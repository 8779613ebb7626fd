"""Rebuild on save: ``kg build --watch``.

:func:`watch` builds once, then waits for files under the sources (and the ontology
folder) to change, and builds again — debounced, so an editor's save of several files is
one rebuild. Each rebuild reads only the documents that changed (the build's cache); a bad
input does not stop the loop: its located problems are handed to ``on_error`` and the
previous build stays in place, complete. File events come from watchfiles (a maintained
wrapper of the operating system's notifications, polling where there are none).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from kg.errors import KGError

__all__ = ["watch", "WATCHED_SUFFIXES"]

# What can change a build: annotation formats, texts, brat sidecars, the ontology and rules.
WATCHED_SUFFIXES = {".yaml", ".yml", ".txt", ".ann", ".jsonld", ".conf", ".ttl", ".rq",
                    ".json"}


def watch(*sources, out: str | Path, on_build: Callable[[object], None],
          on_error: Callable[[KGError], None], stop: threading.Event | None = None,
          debounce_ms: int = 400, ontology_dir: str | Path | None = None,
          **build_options) -> None:
    """Build ``sources`` into ``out``, then again after every change, until ``stop`` is set
    (or KeyboardInterrupt). ``on_build`` gets each :class:`~kg.build.BuildResult`,
    ``on_error`` each :class:`~kg.errors.KGError` (nothing of that run is written)."""
    from watchfiles import watch as file_events

    from kg.build import build
    from kg.resources import data_dir
    from kg.resources import ontology_dir as default_ontology_dir

    paths = [Path(s) for s in sources] or [data_dir()]
    onto = Path(ontology_dir) if ontology_dir else default_ontology_dir()
    roots = sorted({str(p if p.is_dir() else p.parent) for p in paths} | {str(onto)})
    output = Path(out).resolve()

    def relevant(_change, path: str) -> bool:
        p = Path(path)
        return (p.suffix in WATCHED_SUFFIXES and not p.name.startswith(".")
                and output not in p.resolve().parents)

    def once() -> None:
        try:
            on_build(build(*paths, out=out, ontology_dir=ontology_dir, **build_options))
        except KGError as exc:
            on_error(exc)

    # The first build runs at the watcher's first (empty) yield, once it is listening: an
    # edit saved right after that build's message is never missed.
    started = False
    for changes in file_events(*roots, watch_filter=relevant, debounce=debounce_ms,
                               stop_event=stop, raise_interrupt=False, yield_on_timeout=True,
                               rust_timeout=200):
        if changes or not started:
            started = True
            once()
