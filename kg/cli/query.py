"""kg query: answer a question of the pack (or any .rq file) on the built graph or an endpoint."""

from __future__ import annotations

import argparse

from kg.cli.options import (
    add_format,
    add_include_nonfactual,
    add_limit,
    add_source,
    add_timeout,
    count,
    store_location,
)

HELP = "answer a question of the pack or any SPARQL query; --list shows the pack"
DESCRIPTION = """\
Run a query of the pack (queries/NAME.rq), any SPARQL file (with or without the pack's
header), a query from standard input (-) or given inline (-e) on the built graph or a
remote SPARQL endpoint. The usual prefixes (kg:, rdfs:, skos:, prov:, ... listed by
--prefixes) are predefined. Parameters are bound safely; a node may be given as an IRI,
a corpus id (north-korea), a Wikidata ID (Q423) or a label ("North Korea").
Formats: table (fitted to the terminal; --wide for whole cells), csv and json (W3C SPARQL
1.1 results), markdown. The pack's questions give one row per fact, with the repeated parts
gathered into list cells and counts (alignment: one row per pair of actors, with its ties,
claim and source counts and first quote; timeline: one row per event, with its times);
--list names the companion question that gives the full rows (alignment-detail: each tie
with each claim and anchor; timeline-detail: each event with each time), and --list
--format json says what a row is (key, rows). Questions whose answers run long are paged
(--list shows the page size): --limit N sets the page size in facts (one row each; a -detail
question gives each fact's rows together), --offset N skips N facts, --limit 0 gives every
row. For any other query, --limit N keeps at most N rows (0: every row).
Answers hold what happened by the factuality rule (docs/sources.md); --include-nonfactual
(or --param include-nonfactual=true) adds the rest, marked in the factuality columns.

Example:
  kg query --list
  kg query blocked-resolutions
  kg query provenance --param node="North Korea" --format markdown
  kg query timeline --offset 100                # the second page of a paged query
  kg query timeline --limit 0 --format csv      # every row
  kg query alignment-detail --limit 0           # every tie with each claim and anchor
  kg query timeline-detail                      # each event with each of its times
  kg query -e 'SELECT DISTINCT ?s WHERE { ?s a kg:State }'
  printf 'SELECT DISTINCT ?s WHERE { ?s a kg:State }' | kg query -
  kg query alignment --include-nonfactual       # also recommended or denied ties
  kg query alignment --endpoint http://127.0.0.1:7878/query --format json
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", metavar="NAME|FILE|-",
                   help="a query of the pack, a SPARQL file, or - for standard input")
    p.add_argument("-e", "--expression", metavar="QUERY", help="the SPARQL query itself")
    p.add_argument("--list", action="store_true", help="list the pack's queries and exit")
    p.add_argument("--prefixes", action="store_true",
                   help="print the predefined prefixes (as a PREFIX block) and exit")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME (repeatable)")
    add_format(p, ("table", "csv", "json", "markdown"), default="table")
    add_source(p)
    add_limit(p, help="at most N rows; on a paged question the page size, in the facts it "
                      "pages (0: every row)")
    p.add_argument("--offset", type=count, default=None, metavar="N",
                   help="a paged question: skip the first N facts it pages")
    add_timeout(p, default=60.0, help="give up after SECONDS (default: 60)")
    p.add_argument("--wide", action="store_true",
                   help="table: whole cells, whatever the terminal's width")
    add_include_nonfactual(p, help="also answer with what did not happen by the factuality "
                                   "rule, marked (default: only what happened)")
    p.add_argument("--iris", action="store_true",
                   help="table/markdown: show IRI columns beside their labels")


def run(args: argparse.Namespace) -> int:
    import sys

    from kg.errors import UsageError
    from kg.query import list_queries, parse_params
    from kg.query.prefixes import prefix_block

    if args.prefixes:
        sys.stdout.write(prefix_block())
        return 0
    if args.list:
        if args.format not in ("table", "json"):
            raise UsageError("--list prints a table or, with --format json, JSON")
        specs = list_queries()
        sys.stdout.write(_pack_json(specs) if args.format == "json" else _pack_listing(specs))
        return 0
    spec = _spec(args)
    params = parse_params(args.param)
    if spec.page is not None:
        for name in ("limit", "offset"):
            if getattr(args, name) is not None:
                params[name] = str(getattr(args, name))
        limit = None
    else:
        if args.offset is not None:
            raise UsageError(f"{spec.name} is not paged: --offset applies to paged queries "
                             "(write OFFSET in your own query)")
        limit = args.limit
    answer = _answer(args, spec, params, limit)
    sys.stdout.write(_render(args, answer))
    for note in _notes(answer):
        print(f"kg query: {note}", file=sys.stderr)
    return 0


def _spec(args: argparse.Namespace):  # -> kg.query.QuerySpec
    import sys

    from kg.errors import UsageError
    from kg.query import load_query
    from kg.query.pack import query_from_text

    if args.expression is not None:
        if args.query:
            raise UsageError("give a query name or file, or -e QUERY, not both")
        return query_from_text(args.expression, "<-e>")
    if args.query == "-":
        return query_from_text(sys.stdin.read(), "<stdin>")
    if not args.query:
        raise UsageError("name a query (kg query --list shows them), give a SPARQL file, "
                         "- for standard input, or -e QUERY")
    return load_query(args.query)


def _answer(args: argparse.Namespace, spec, params, limit):  # -> kg.query.Answer
    from kg.query import run_spec
    from kg.query.run import count_rows

    store = _store(args)
    try:
        answer = run_spec(spec, store, params=params, limit=limit, timeout_s=args.timeout,
                          include_nonfactual=args.include_nonfactual)
        if answer.page is not None and (
                (answer.page[0] and len(answer.result) >= answer.page[0])
                or (answer.page[1] and not answer.result)):  # an --offset past the end
            answer.total = count_rows(answer, store, timeout_s=args.timeout)
        elif answer.page is not None:
            answer.total = answer.page[1] + len(answer.result)
    finally:
        store.close()
    return answer


def _render(args: argparse.Namespace, answer) -> str:
    import shutil
    import sys

    from kg.query import render

    if answer.result.kind == "graph":  # N-Triples in every format: escaped for a terminal
        return render(answer.result, args.format, terminal=sys.stdout.isatty())
    if args.format == "table":
        width = None if args.wide else shutil.get_terminal_size().columns
        return render(answer.result, "table", total_width=width, iris=args.iris,
                      max_width=None if args.wide else 40, total=answer.total)
    if args.format == "markdown":
        return render(answer.result, "markdown", iris=args.iris)
    if args.format in ("csv", "json") and sys.stdout.isatty():  # no escape sequence
        return render(answer.result, args.format, terminal=True)  # reaches a terminal
    return render(answer.result, args.format)


def _notes(answer) -> list[str]:
    """What the reader needs to know beside the rows: the page, the step an empty answer needs."""
    notes = []
    n = len(answer.result)
    if answer.page is not None and n and (answer.page[1] or answer.total != n):
        limit, offset = answer.page
        whole = "" if answer.total is None else f" of the {answer.total} of the whole answer"
        note = f"{n} row{'s' * (n != 1)}{whole} (a page: --offset {offset} --limit {limit})"
        if limit and n >= limit and (answer.total is None or n < answer.total):
            note += f"; the next page with --offset {offset + limit}, every row with --limit 0"
        notes.append(note)
    if n == 0 and answer.spec.empty_hint:
        notes.append(f"no rows: {answer.spec.empty_hint}")
    return notes


def _store(args: argparse.Namespace):
    from kg.store import open_store

    where = store_location(args)
    if isinstance(where, str):
        return open_store(where, timeout_s=args.timeout)
    return open_store(where)


def _pack_json(specs) -> str:
    import json

    return json.dumps([{"name": s.name, "title": s.title, "question": s.question,
                        "params": [{"name": p.name, "default": p.default,
                                    "description": p.description} for p in s.params],
                        "page": s.page, "key": list(s.key), "rows": s.key_description or None,
                        "detail": s.detail or None} for s in specs],
                      indent=2, ensure_ascii=False) + "\n"


def _pack_listing(specs) -> str:
    width = max((len(s.name) for s in specs), default=0)
    lines = []
    for s in specs:
        params = " ".join(f"--param {p.name}=…" + ("" if p.required else f" (default {p.default})")
                          for p in s.params)
        if s.page is not None:
            params = (params + f" --limit … (default {s.page}; 0: all) --offset …").strip()
        lines.append(f"{s.name.ljust(width)}  {s.title}" + (f"  [{params}]" if params else "")
                     + (f"  (full rows: kg query {s.detail})" if s.detail else ""))
    return "\n".join(lines) + "\n"
