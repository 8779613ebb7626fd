"""kg build: annotations -> RDF graph (TriG, N-Quads, embedded store)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from kg.cli.options import add_deprecated, add_endpoint, add_output, positive_count
from kg.sparqlclient import redact

HELP = "build the graph from annotated documents"
DESCRIPTION = """\
Load and check the annotated documents, then write the graph: one named graph per
document (what that source asserts, with its anchors), the ontology, the graphs derived
by the rules in ontology/rules/, and the curated links. Output (same input, same bytes):
  DIR/graph.nq  DIR/graph.trig  DIR/manifest.json  DIR/store/ (Oxigraph)
Documents go through worker processes one at a time (memory does not grow with the
corpus) and are cached: an unchanged document is not even read again. Nothing is
written when any input is invalid.

Example:
  kg build                          # data/ -> build/
  kg build data/ more/brief.yaml -o out/
  kg build --endpoint http://127.0.0.1:7878   # also push the named graphs to a server
  kg build big-corpus/ -o big/ -j 4          # four worker processes
  kg build --watch                  # rebuild on every save until Ctrl-C
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="annotation files or folders (default: data/)")
    add_output(p, default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--no-trig", action="store_true", help="skip graph.trig")
    p.add_argument("--no-store", action="store_true", help="skip the embedded store")
    add_endpoint(p, help="also push the named graphs to this SPARQL store "
                         "(Graph Store Protocol)")
    add_deprecated(p, "--store", new="--endpoint URL", dest="endpoint", metavar="URL")
    p.add_argument("-j", "--jobs", type=positive_count, metavar="N",
                   help="worker processes for the documents (default: KG_BUILD_JOBS, "
                        "else the CPUs)")
    p.add_argument("--allow-empty", action="store_true",
                   help="build even when the sources hold no annotation file (an empty "
                        "graph); without it that is refused and nothing is touched")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--watch", action="store_true",
                   help="after building, rebuild whenever a source, text or the ontology "
                        "changes (debounced); errors are printed and the last good build "
                        "stays; Ctrl-C stops after the build under way (twice: at once)")


def run(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.cli.progress import Progress

    if args.watch:
        return _watch(args)
    progress = None if args.quiet else Progress()
    if args.jobs is not None and args.jobs < 1:
        from kg.errors import UsageError

        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    result = build(*args.sources, out=args.output, trig=not args.no_trig,
                   store=not args.no_store, jobs=args.jobs, progress=progress,
                   allow_empty=args.allow_empty)
    if progress:
        progress.done()
    if args.endpoint:
        from kg.store.remote import push_graphs

        push_graphs(result.nquads, args.endpoint)
    if not args.quiet:
        print(f"built {result.documents} document(s), {result.quads} quads "
              f"({len(result.rebuilt)} rebuilt, {len(result.reused)} unchanged"
              f"{'; updated in place' if result.incremental else ''})")
        for path in (result.nquads, result.trig, result.store):
            if path:
                print(f"  {path}")
        if args.endpoint:
            print(f"  pushed to {redact(args.endpoint)}")
    return 0


def _watch(args: argparse.Namespace) -> int:
    from kg.build.watch import watch
    from kg.errors import AnnotationError

    def built(result) -> None:
        print(f"built {result.documents} document(s), {result.quads} quads "
              f"({len(result.rebuilt)} rebuilt, {len(result.reused)} unchanged"
              f"{'; updated in place' if result.incremental else ''}); watching "
              "(Ctrl-C to stop)", flush=True)

    def failed(exc) -> None:
        if isinstance(exc, AnnotationError):
            print(exc.report(), file=sys.stderr)
            n = len(exc.problems)
            print(f"kg build: {n} problem{'s' * (n != 1)} in the input; the previous build "
                  "stays; watching", file=sys.stderr, flush=True)
        else:
            print(f"kg build: error: {exc}; watching", file=sys.stderr, flush=True)

    # Ctrl-C stops the watcher between builds: a build under way is finished (its output is
    # whole either way), then the loop ends. A second Ctrl-C interrupts at once. Before, the
    # interrupt could land anywhere in the build or in the file watcher's own code, and once,
    # on a loaded machine, the watcher never exited.
    stop = threading.Event()

    def on_interrupt(_signum, _frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("kg build: stopping (Ctrl-C again to stop at once)", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        watch(*args.sources, out=args.output, on_build=built, on_error=failed, stop=stop,
              trig=not args.no_trig, store=not args.no_store, jobs=args.jobs)
    finally:
        signal.signal(signal.SIGINT, previous)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(argparse.Namespace()))
