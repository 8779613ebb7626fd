"""``kg link``: propose Wikidata links for actors, places and weapons; apply accepted ones."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import add_build, add_endpoint, add_timeout
from kg.sparqlclient import redact

__all__ = ["HELP", "DESCRIPTION", "add_arguments", "run", "add_client_arguments",
           "config_from_args"]

HELP = "reconcile actors, places and weapons with Wikidata (proposals, then accepted links)"
DESCRIPTION = """\
Look up every actor, place and weapon system of the built graph on Wikidata by
label and alias (batched SPARQL, cached on disk), score the candidates with the
type constraints of ontology/wikidata-mapping.ttl, and write a proposals file
(TSV) with a decision column to review. Accepted rows become skos:exactMatch
links with provenance in the graph kgd:graph/links/reconciled
(build/links-reconciled.nq and build/store). Curated links from the annotation
files are never overwritten. See docs/linking.md.

Example: kg link --accept-above 0.9
Example: kg link --apply build/link-proposals.tsv     (after editing decisions)
Example: kg link --endpoint http://127.0.0.1:7878/query --offline"""


def add_client_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``kg link`` and ``kg enrich``."""
    add_build(parser, help="build folder holding store/ (default: build/)")
    add_endpoint(parser, help="Wikidata's SPARQL endpoint (default: $KG_WIKIDATA_ENDPOINT or "
                              "https://query.wikidata.org/sparql)")
    parser.add_argument("--offline", action="store_true",
                        help="use only the on-disk cache; fail if something is not cached")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="cache folder (default: BUILD/cache/wikidata)")
    add_timeout(parser, default=None, help="seconds to wait for each request (default: 60)")
    parser.add_argument("--user-agent", metavar="UA",
                        help="User-Agent header (default: kg-toolkit/VERSION (...); "
                             "set KG_CONTACT to add your e-mail)")


def config_from_args(args: argparse.Namespace):  # -> kg.link.config.LinkConfig
    from kg.link.config import LinkConfig

    return LinkConfig.from_env(endpoint=args.endpoint, offline=args.offline or None,
                               cache_dir=args.cache or args.build / "cache" / "wikidata",
                               timeout_s=args.timeout, user_agent=args.user_agent)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_client_arguments(parser)
    parser.add_argument("--proposals", type=Path, metavar="FILE",
                        help="proposals file to write and keep decisions of "
                             "(default: BUILD/link-proposals.tsv)")
    parser.add_argument("--accept-above", type=float, metavar="SCORE",
                        help="accept each entity's unique best candidate scoring at least "
                             "SCORE, then write the links")
    parser.add_argument("--apply", type=Path, metavar="FILE",
                        help="write the links accepted in FILE (no requests are sent)")


def run(args: argparse.Namespace) -> int:
    from kg.build.lock import build_lock

    # It writes the proposals, links-reconciled.nq and the store's links graph of the build
    # folder: no build or enrich may write the folder meanwhile (nor another kg link).
    with build_lock(args.build, command="link"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from kg.errors import UsageError
    from kg.link import proposals as pp
    from kg.link.apply import apply_links

    store_path = args.build / "store"
    nq_path = args.build / "links-reconciled.nq"
    if args.apply is not None:
        if args.accept_above is not None:
            raise UsageError("--apply and --accept-above do not go together")
        rows = pp.accepted(pp.read_proposals(args.apply), source=str(args.apply))
        _report_apply(apply_links(rows, store_path=store_path, nq_path=nq_path), nq_path)
        return 0
    if args.accept_above is not None and not 0.0 <= args.accept_above <= 1.0:
        raise UsageError(f"--accept-above {args.accept_above:g} is outside [0, 1]")

    from kg.link.reconcile import propose
    from kg.store import open_store

    config = config_from_args(args)
    path = args.proposals or args.build / "link-proposals.tsv"
    with open_store(store_path) as store:
        result = propose(store, config=config)
    rows = result.proposals
    if path.exists():
        rows = pp.merge_decisions(rows, pp.read_proposals(path))
    accepted_now = 0
    if args.accept_above is not None:
        rows, accepted_now = pp.accept_above(rows, args.accept_above)
    pp.write_proposals(path, rows)
    found = len({r.id for r in result.proposals if r.candidate})
    todo = len({r.id for r in result.proposals})
    print(f"kg link: {result.entities} entities ({len(result.curated)} with a curated link, "
          f"kept); {found} of {todo} have candidates; {result.strings} label strings, "
          f"{result.requests} request(s) to {redact(config.endpoint)}, "
          f"{result.cache_hits} from cache")
    print(f"kg link: proposals in {path}")
    if args.accept_above is not None:
        print(f"kg link: accepted {accepted_now} new (score >= {args.accept_above:g})")
        chosen = pp.accepted(rows, source=str(path))
        _report_apply(apply_links(chosen, store_path=store_path, nq_path=nq_path), nq_path)
    else:
        print("kg link: review the decision column, then run: "
              f"kg link --apply {path}   (or rerun with --accept-above 0.9)")
    return 0


def _report_apply(result, nq_path: Path) -> None:  # result: kg.link.apply.ApplyResult
    print(f"kg link: {len(result.linked)} link(s) written to {nq_path} and the store")
    if result.skipped_curated:
        print(f"kg link: kept the curated link of {', '.join(result.skipped_curated)} "
              "(accepted rows ignored)")
    if result.skipped_unknown:
        print(f"kg link: not in the graph, ignored: {', '.join(result.skipped_unknown)}")
