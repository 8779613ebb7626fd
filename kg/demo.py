"""The main job, end to end on a corpus: build, validate, summarize, answer, draw.

Used by ``kg demo``; every step is a library call, so the same run is one
function call from Python: ``run_demo(out="build")``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.validation import ValidationReport

__all__ = ["run_demo"]


def run_demo(*sources, out: str | Path = "build", echo: Callable[[str], None] = print) -> int:
    """Run the demo; return 0 when the graph conforms, 1 when it does not."""
    from kg.build import build
    from kg.stats import graph_stats, open_oxigraph
    from kg.validation import validate

    out = Path(out)
    result = build(*sources, out=out)
    echo(f"Built {result.documents} document(s): {result.quads} quads in "
         f"{len(result.graphs)} named graphs.")
    report = validate(out)
    for line in _validation_summary(report, out):
        echo(line)
    store = open_oxigraph(out / "store")
    stats = graph_stats(store)
    echo("")
    echo(stats.text(limit=12))
    del store
    written = [result.nquads, result.trig, result.store]
    echo("")
    echo("Headline answers (kg query --list shows the whole pack):")
    for line in _headlines(out):
        echo(f"  - {line}")
    written += _pictures(out)
    echo("")
    echo("Wrote:")
    for path in written:
        if path:
            echo(f"  {path}")
    return 0 if report.conforms else 1


# Which disagreements the demo shows first: what a source says happened (whether, when, who,
# to whom, where, what kind) before the labels annotators gave one item in two documents.
_ASPECT_ORDER = ("polarity", "time", "agent", "target", "place", "type", "label")


def _validation_summary(report: ValidationReport, out: Path, *, shown: int = 8) -> list[str]:
    """The report's first line, at most ``shown`` problems and ``shown`` disagreements (the
    most telling first), and how to see the rest."""
    import shlex

    from kg.errors import printable

    lines = [f"Validation: {report.text().splitlines()[0]}"]
    everything = f"kg validate --build {shlex.quote(str(out))} lists them all"
    lines += [f"  {printable(str(f))}" for f in report.findings[:shown]]
    if len(report.findings) > shown:
        lines.append(f"  ... and {len(report.findings) - shown} more problems ({everything})")
    if report.disagreements:
        rank = {aspect: n for n, aspect in enumerate(_ASPECT_ORDER)}
        ranked = sorted(report.disagreements,
                        key=lambda f: rank.get(f.path, len(rank)))  # stable: report order
        lines.append(f"{len(ranked)} disagreement(s) between sources (kept in the graph; "
                     f"not errors){', the first ' + str(shown) if len(ranked) > shown else ''}:")
        lines += [f"  {printable(str(f))}" for f in ranked[:shown]]
        if len(ranked) > shown:
            lines.append(f"  ... and {len(ranked) - shown} more ({everything})")
    if report.notes:
        lines.append(f"{len(report.notes)} note(s): sources caption one node differently "
                     f"(labels only; {everything} with --notes)")
    return lines


def _headlines(out: Path) -> list[str]:
    from kg.query.headlines import headlines
    from kg.store import open_store

    with open_store(out / "store") as store:
        return headlines(store)


def _pictures(out: Path) -> list[Path]:
    from kg.network.projection import project, timeline_events
    from kg.viz.html import write_network_html
    from kg.viz.timeline import write_timeline_html, write_timeline_svg

    store = out / "store"
    network = write_network_html(project(store, view="actors"), out / "network-actors.html",
                                 title="Actor network")
    events = timeline_events(store)
    return [network, write_timeline_html(events, out / "timeline.html"),
            write_timeline_svg(events, out / "timeline.svg")]
