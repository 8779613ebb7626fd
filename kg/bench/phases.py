"""One benchmark phase per fresh Python process, so each peak RSS is the phase's own.

The parent side is :func:`run_phase`; the child side (:func:`phase_child`) runs one of
:data:`PHASES` and answers its result as JSON over :mod:`kg.store.child`'s protocol.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.bench.machine import children_peak_rss_mb, peak_rss_mb, tree_pss_mb

__all__ = ["run_phase", "phase_child", "PHASES"]


def run_phase(name: str, args: dict[str, Any], *, memory_mb: int) -> dict[str, Any]:
    """Run phase ``name`` with ``args`` in a fresh interpreter capped at ``memory_mb``.

    While it runs, the memory of its whole process tree (the build's worker processes
    included) is sampled as PSS, which counts pages shared by forked workers once:
    ``tree_peak_pss_mb``.
    """
    from kg.errors import KGError
    from kg.store.child import Child, ChildDied

    child = Child("kg.bench.phases:phase_child", memory_mb=memory_mb).start()
    peak = [0.0]
    done = threading.Event()
    pid = child.pid or 0

    def sample() -> None:
        while not done.wait(0.25):  # reading smaps_rollup is not free: sample 4 times a second
            peak[0] = max(peak[0], tree_pss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        header, payload = child.request({"phase": name, "args": args})
    except ChildDied as exc:
        raise KGError(f"bench phase {name!r} failed (exit {exc.returncode}; memory cap "
                      f"{memory_mb} MB?)") from None
    finally:
        done.set()
        sampler.join()
        child.kill()
    if not header.get("ok"):
        raise KGError(f"bench phase {name!r} failed: {header.get('type')}: "
                      f"{header.get('error')}")
    result: dict[str, Any] = json.loads(payload)
    if peak[0]:
        result["tree_peak_pss_mb"] = peak[0]
    return result


def phase_child() -> None:
    """Child side of :func:`run_phase`: run the phase named in the request, answer its result."""
    from kg.store.child import serve_messages

    serve_messages(lambda header, _payload: ({"ok": True}, json.dumps(
        _run(header["phase"], header["args"])).encode()))


def _run(name: str, args: dict[str, Any]) -> dict[str, Any]:
    result = PHASES[name](**args)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _synth(out: str, docs: int, seed: int, retell: float = 0.0) -> dict[str, Any]:
    from kg.synth import write_corpus

    start = time.perf_counter()
    write_corpus(out, docs=docs, seed=seed, retell=retell)
    # the corpus's shape beside the figures: its seed and share of retelling documents
    return {"seconds": time.perf_counter() - start, "seed": seed, "retell": retell}


class _Stages:
    """A build's ``progress`` callback that keeps when each stage first and last reported."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.seen: dict[str, list[float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - self.start
        self.seen.setdefault(stage, [now, now])[1] = now

    def seconds(self) -> dict[str, float]:
        return {stage: last - first for stage, (first, last) in self.seen.items()}


def _build(corpus: str, out: str) -> dict[str, Any]:
    from kg.build import build

    stages = _Stages()
    start = time.perf_counter()
    result = build(corpus, out=out, progress=stages)
    return {"seconds": time.perf_counter() - start, "quads": result.quads,
            "documents": result.documents, "workers_peak_rss_mb": children_peak_rss_mb(),
            "stages": stages.seconds(), "rules": result.rule_seconds}


def _rebuild_one(corpus: str, out: str) -> dict[str, Any]:
    """Edit one document (the middle one's first label, a shared item's as often as not)
    and build again into the same folder: what an annotator's save costs."""
    import re

    from kg.build import build

    docs = sorted(Path(corpus).glob("*.yaml"))
    doc = docs[len(docs) // 2]
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r'label: "([^"]*)"', r'label: "\1 (edited)"', text, count=1)
    doc.write_text(text, encoding="utf-8")
    stages = _Stages()
    start = time.perf_counter()
    result = build(corpus, out=out, progress=stages)
    return {"seconds": time.perf_counter() - start, "quads": result.quads,
            "rebuilt": len(result.rebuilt), "incremental": result.incremental,
            "stages": stages.seconds(), "rules": result.rule_seconds}


def _bulk_load(nquads: str, dir: str, lenient: bool = False) -> dict[str, Any]:  # noqa: A002
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(dir)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS, lenient=lenient)
    store.flush()
    return {"seconds": time.perf_counter() - start}


def _pack_texts(store: str) -> dict[str, Any]:
    from kg.bench.pack import pack_texts

    return {"texts": pack_texts(store)}


def _rdflib(**args: Any) -> dict[str, Any]:
    from kg.bench.pack import rdflib_pack

    return rdflib_pack(**args)


PHASES: dict[str, Callable[..., dict[str, Any]]] = {
    "synth": _synth, "build": _build, "rebuild_one": _rebuild_one, "bulk_load": _bulk_load,
    "pack_texts": _pack_texts, "rdflib": _rdflib}
