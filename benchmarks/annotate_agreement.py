"""How far two people annotating the same brief agree: the ceiling for `kg annotate`.

Run:  python benchmarks/annotate_agreement.py   (from the repository root)

Each ``benchmarks/agreement/NAME.yaml`` is a second, independent annotation of the brief
``data/NAME.txt`` (made by the codebook, docs/codebook.md, by someone who had not seen the
first one, ``data/NAME.yaml``). The script scores the second annotation against the first
with the measures of benchmarks/annotate_eval.py (P: the share of the second person's items
the first also has; R: the share of the first person's items the second also has; F1 is
symmetric), and, on the same briefs, the drafter against each person, so the machine's
figures sit beside the people's. As ACE and TimeML report inter-annotator agreement: a
machine scored against one person cannot be expected to beat the agreement of two.

Between people, an event is matched when its anchor overlaps the other's anchor (with the
same class for "same type"), and role fillers are compared through the items their anchors
overlap (two people may give one weapon different ids); the drafter is scored the same way
here (its anchors are trigger words, so overlap and "inside" coincide for events), so its
figures on these briefs can differ slightly from annotate_eval.py's.

``--pair FIRST.yaml SECOND.yaml`` scores any two annotations of one text (both are loaded
with the rest of data/ so that corpus-wide actors resolve).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

AGREEMENT = ROOT / "benchmarks" / "agreement"


def _load(path: Path, onto):
    """The document annotated by ``path``, loaded with the other annotations of data/ (not
    the one of the same name, whose document id it shares). A second annotation need not use
    the first's item ids, so when the briefs whose ``same-as`` links name them (and, in turn,
    those linking into these) fail to resolve, it is loaded without them."""
    from kg.errors import AnnotationError
    from kg.loaders import load_corpus

    others = [p for p in sorted((ROOT / "data").glob("*.yaml")) if p.name != path.name]
    try:
        corpus = load_corpus(*others, path, ontology=onto)
    except AnnotationError:
        if path.parent == ROOT / "data":
            raise
        texts = {p: p.read_text(encoding="utf-8") for p in others}
        left_out, new = set(), {path.stem}
        while new:  # the briefs linking into a left-out one, to a fixed point
            left_out |= new
            new = {p.stem for p, t in texts.items() if p.stem not in left_out
                   and any(f"{stem}/" in t for stem in new)}
        corpus = load_corpus(*(p for p in others if p.stem not in left_out), path,
                             ontology=onto)
    return next(d for d in corpus.documents
                if d.annotation_path and Path(d.annotation_path).resolve() == path.resolve())


def _add(totals: dict, row: str, res: dict) -> None:
    for measure, (p, r, _f, nd, ng) in res.items():
        t = totals.setdefault((row, measure), [0, 0, 0, 0])
        for i, c in enumerate((round(p * nd), nd, round(r * ng), ng)):
            t[i] += c


def pairs_in(folder: Path) -> list[tuple[Path, Path]]:
    """(first, second) annotation paths: each ``folder/NAME.yaml`` with ``data/NAME.yaml``."""
    out = []
    for second in sorted(folder.glob("*.yaml")):
        first = ROOT / "data" / second.name
        if not first.is_file():
            raise SystemExit(f"{second}: no first annotation {first}")
        out.append((first, second))
    return out


def main(argv: list[str] | None = None) -> int:
    from annotate_eval import _prf, draft_of, evaluate

    from kg.annotate.gazetteer import Gazetteer
    from kg.errors import KGError
    from kg.ontology import load_ontology

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="examples:\n  python benchmarks/annotate_agreement.py\n"
                                        "  python benchmarks/annotate_agreement.py --pair "
                                        "data/X.yaml other/X.yaml --no-drafter")
    ap.add_argument("--pair", nargs=2, type=Path, metavar=("FIRST", "SECOND"),
                    help="score these two annotations of one text instead of "
                         "benchmarks/agreement/")
    ap.add_argument("--no-drafter", action="store_true",
                    help="leave out the drafter's rows (people only)")
    args = ap.parse_args(argv)
    pairs = [tuple(args.pair)] if args.pair else pairs_in(AGREEMENT)
    if not pairs:
        print(f"no second annotations in {AGREEMENT}", file=sys.stderr)
        return 1
    onto = load_ontology()
    gaz = Gazetteer()
    gaz.add_yaml()
    totals: dict[tuple[str, str], list[int]] = {}
    for first_path, second_path in pairs:
        try:
            first, second = _load(first_path, onto), _load(second_path, onto)
        except KGError as exc:
            print(str(exc).splitlines()[0], file=sys.stderr)
            return 1
        if Path(first.text_path).read_bytes() != Path(second.text_path).read_bytes():
            print(f"{second_path}: its text differs from {first_path}'s", file=sys.stderr)
            return 1
        _add(totals, "second vs first", evaluate(first, second, onto, between_people=True))
        if not args.no_drafter:
            draft = draft_of(first, gaz, onto, parser="none")
            _add(totals, "drafter vs first", evaluate(first, draft, onto, between_people=True))
            _add(totals, "drafter vs second",
                 evaluate(second, draft, onto, between_people=True))
        print(f"  {first_path.name}: done", file=sys.stderr)
    print(f"{len(pairs)} brief(s): " + ", ".join(p[0].stem for p in pairs))
    print(f"{'who':18} {'measure':22} {'P':>6} {'R':>6} {'F1':>6} {'scored':>7} {'ref':>5}")
    measures = list(dict.fromkeys(m for _w, m in totals))
    rows = list(dict.fromkeys(w for w, _m in totals))
    for measure in measures:
        for row in rows:
            tp_d, n_d, tp_g, n_g = totals[(row, measure)]
            p, r, f = _prf(tp_d, n_d, tp_g, n_g)
            print(f"{row:18} {measure:22} {p:6.2f} {r:6.2f} {f:6.2f} {n_d:7d} {n_g:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
