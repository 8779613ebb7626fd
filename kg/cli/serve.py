"""kg serve: the built store over the SPARQL 1.1 Protocol, with the visualization pages."""

from __future__ import annotations

import argparse

from kg.cli.options import (
    add_build,
    add_deprecated,
    add_timeout,
    count,
    megabytes,
    port,
    positive_count,
    seconds,
    store_location,
)

HELP = "serve the built store read-only over SPARQL (/query) with the pages of build/"
DESCRIPTION = """\
Serve the embedded store read-only over the SPARQL 1.1 Protocol at /query (GET and POST),
with the workbench (/ the corpus, /sparql the query page, /entity/ID and /doc/ID: see
docs/workbench.md) and the visualization pages of the build folder. Queries see the union
of all named graphs and run in a pool of worker processes (no SPARQL engine listens on any port).
Updates, LOAD and SERVICE are refused (SERVICE only with --allow-service); results are
capped in size, time and memory; with --public, one client address may run at most half
the workers' queries at once (--per-client). A rebuilt store (kg build) is answered from at once.

Binds 127.0.0.1 and answers only requests addressed to localhost/127.0.0.1/::1 (the Host
header; --allow-host adds a name). The server has no authentication: binding any other
address needs --public and prints a warning.

Example:
  kg serve
  kg serve --port 8080 --timeout 10
  kg serve --host 0.0.0.0 --public --allow-host kg.lan --per-client 2
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=port, default=7878, help="port (default: 7878; 0 picks one)")
    add_build(p, help="build folder whose store/ is served (default: build/)")
    p.set_defaults(store_dir=None)
    add_deprecated(p, "--store", new="--build DIR", dest="store_dir")
    p.add_argument("--pages", default=None, metavar="DIR",
                   help="folder of pages to serve at / (default: the build folder)")
    add_timeout(p, default=30.0, help="per-query time limit in seconds (default: 30)")
    add_deprecated(p, "--timeout-s", new="--timeout", dest="timeout", type=seconds)
    p.add_argument("--max-result-mb", type=megabytes, default=64.0, metavar="MB",
                   help="largest result sent, in MB (default: 64)")
    p.add_argument("--memory-mb", type=count, default=4096, metavar="MB",
                   help="memory cap (resident) of each query process; a query past it is "
                        "stopped and the process restarted (default: 4096; 0: no cap)")
    p.add_argument("--workers", type=positive_count, default=None, metavar="N",
                   help="query processes, i.e. queries run at once (default: the CPUs, "
                        "at least 2)")
    p.add_argument("--per-client", type=count, default=None, metavar="N",
                   help="requests with queries one client address may have running at once; "
                        "more get 429 with Retry-After (0: no limit; default: none on a "
                        "loopback address, half the workers, at least 1, on any other)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests whose Host header names NAME (repeatable)")
    p.add_argument("--public", action="store_true",
                   help="allow binding a non-loopback address (no authentication!)")
    p.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE (federated queries reach other servers)")


def run(args: argparse.Namespace) -> int:
    import signal
    import sys

    from kg.server.hosts import is_loopback
    from kg.server.launch import serve

    if not is_loopback(args.host) and args.public:
        print(f"kg serve: WARNING: binding {args.host}: anyone who can reach it reads the "
              "whole graph (no authentication)", file=sys.stderr, flush=True)
    server = serve(store_location(args), host=args.host, port=args.port, pages_dir=args.pages,
                   timeout_s=args.timeout, allow_service=args.allow_service,
                   max_result_bytes=int(args.max_result_mb * (1 << 20)),
                   memory_mb=args.memory_mb or None, workers=args.workers,
                   allow_hosts=tuple(args.allow_host), public=args.public,
                   per_client=args.per_client)
    print(f"kg serve: SPARQL endpoint {server.query_url} ; pages {server.url}/ "
          "(Ctrl-C to stop)", file=sys.stderr, flush=True)

    def _stop(signum, frame):  # SIGTERM stops the server as Ctrl-C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()  # never leave a query process running behind us
    return 0
