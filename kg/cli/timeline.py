"""``kg timeline``: the events of the built graph on a timeline (HTML, SVG or PNG)."""

from __future__ import annotations

import argparse
import sys

from kg.cli.options import (
    add_format,
    add_include_nonfactual,
    add_output,
    add_source,
    store_location,
)

HELP = "write the events of the built graph as a timeline (offline HTML, SVG or PNG)"
DESCRIPTION = """\
Place every event of the built graph on a timeline, in lanes by actor (or document or
type), coloured by event class: spans as bars, single days as dots, the parts the source
leaves uncertain (a span given to the month, a season, a year, a relative time) hatched,
open intervals fading out, and events without a date folded into one "undated in the
source" list. Large timelines start with each lane as one strip; filters by actor, type,
source and factuality. Each keeps the source's own words for its time, the
supporting quote and the source. html is interactive (tooltips, zoom) and offline; svg
is static, for reports; png renders the svg with the system Chromium, if installed.

Example:
  kg timeline
  kg timeline --format svg -o build/timeline.svg
"""

SUFFIX = {"html": ".html", "svg": ".svg", "png": ".png"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output(parser, metavar="FILE", old_out=False,
               help="file to write (default: BUILD/timeline.html, .svg or .png)")
    add_format(parser, tuple(SUFFIX), default=None,
               help="html (default), svg or png; guessed from -o's suffix if omitted")
    add_source(parser)
    parser.add_argument("--title", default="kg: timeline of events", metavar="TEXT",
                        help="title shown on the timeline")
    add_include_nonfactual(parser, help="also place events that did not happen by the "
                                        "factuality rule, as outlined bars (default: only what "
                                        "happened)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.errors import UsageError
    from kg.network.projection import timeline_events
    from kg.viz import timeline

    suffix = Path(args.output).suffix.lower() if args.output else ""
    if not args.format and suffix and suffix not in SUFFIX.values():
        # "-o t.pdf" would write a page under a name that says PDF
        raise UsageError(f"-o {args.output}: no format writes {suffix!r}; name the file "
                         ".html, .svg or .png, or give --format")
    fmt = args.format or next((f for f, s in SUFFIX.items() if suffix == s), "html")
    output = args.output or Path(args.build) / f"timeline{SUFFIX[fmt]}"
    writer = {"html": timeline.write_timeline_html, "svg": timeline.write_timeline_svg,
              "png": timeline.write_timeline_png}[fmt]
    events = timeline_events(store_location(args), include_nonfactual=args.include_nonfactual)
    path = writer(events, output, title=args.title)
    print(f"kg timeline: wrote {path}", file=sys.stderr)
    return 0
