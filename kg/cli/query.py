"""kg query: answer a question of the pack (or any .rq file) on the built graph or an endpoint."""

from __future__ import annotations

import argparse

from kg.cli.options import add_format, add_limit, add_source, add_timeout, store_location

HELP = "answer a question of the query pack (or a .rq file); --list shows the pack"
DESCRIPTION = """\
Run a query of the pack (queries/NAME.rq) or any SPARQL file on the embedded store
(build/store) or a remote SPARQL endpoint. Parameters are bound safely; a node may be
given as an IRI, a corpus id (north-korea), a Wikidata ID (Q423) or a label ("North Korea").
Formats: table (terminal), csv and json (W3C SPARQL 1.1 results), markdown.
Queries whose answers run long are paged (kg query --list shows the page size):
--param limit=N sets the page size (0: every row), --param offset=N skips N rows.

Example:
  kg query --list
  kg query blocked-resolutions
  kg query provenance --param node="North Korea" --format markdown
  kg query timeline --param offset=100          # the second page of a paged query
  kg query timeline --param limit=0 --format csv   # every row
  kg query alignment --endpoint http://127.0.0.1:7878/query --format json
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", metavar="NAME|FILE",
                   help="a query of the pack, or a path to a .rq file")
    p.add_argument("--list", action="store_true", help="list the pack's queries and exit")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable)")
    add_format(p, ("table", "csv", "json", "markdown"), default="table")
    add_source(p)
    add_limit(p, help="at most N rows")
    add_timeout(p, default=60.0, help="give up after SECONDS (default: 60)")
    p.add_argument("--iris", action="store_true",
                   help="table/markdown: show IRI columns beside their labels")


def run(args: argparse.Namespace) -> int:
    import shutil
    import sys

    from kg.errors import UsageError
    from kg.query import list_queries, parse_params, render, run_spec

    if args.list:
        print(_pack_listing(list_queries()), end="")
        return 0
    if not args.query:
        raise UsageError("name a query (kg query --list shows them) or give a .rq file")
    params = parse_params(args.param)
    store = _store(args)
    try:
        answer = run_spec(args.query, store, params=params, limit=args.limit,
                          timeout_s=args.timeout)
    finally:
        store.close()
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    options = {"total_width": width, "iris": args.iris} if args.format == "table" else {}
    if args.format == "markdown":
        options = {"iris": args.iris}
    sys.stdout.write(render(answer.result, args.format, **options))
    if answer.page is not None and answer.page[0] and len(answer.result) >= answer.page[0]:
        limit, offset = answer.page
        print(f"kg query: a page of {limit} rows from row {offset + 1}; the next with "
              f"--param offset={offset + limit}, every row with --param limit=0",
              file=sys.stderr)
    return 0


def _store(args: argparse.Namespace):
    from kg.store import open_store

    where = store_location(args)
    if isinstance(where, str):
        return open_store(where, timeout_s=args.timeout)
    return open_store(where)


def _pack_listing(specs) -> str:
    width = max((len(s.name) for s in specs), default=0)
    lines = []
    for s in specs:
        params = " ".join(f"--param {p.name}=…" + ("" if p.required else f" (default {p.default})")
                          for p in s.params)
        if s.page is not None:
            params = (params + f" --param limit=… (default {s.page}; 0: all) "
                      "--param offset=… (default 0)").strip()
        lines.append(f"{s.name.ljust(width)}  {s.title}" + (f"  [{params}]" if params else ""))
    return "\n".join(lines) + "\n"
