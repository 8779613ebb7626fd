"""kg annotate: a machine draft of a new text in the native format, for human review."""

from __future__ import annotations

import argparse

from kg.cli.options import add_build, add_output

HELP = "draft an annotation of a new text (gazetteer, event triggers, dates) for review"
DESCRIPTION = """\
Draft the native YAML annotation of a plain-text document: actors, places and weapons
found by a gazetteer built from the annotated corpus (and the Wikidata labels of the items
it links, when build/wikidata.nq exists), events from the trigger lemmas of
ontology/triggers.ttl with agents, targets, instruments, places and times read from the
structure of their clause, response links, claims with their modality, and time
expressions normalized against --date (relative ones counted from the nearest dated
event). Every drafted item is marked machine: true with a confidence; review it before
adding it to data/. Lemmas come from lemminflect when the nlp extra is installed
(pip install 'anchored-kg[nlp]'), else from suffix rules; KG_ANNOTATE_MORPHOLOGY=rules
or =lemminflect chooses. With --parser spacy (the parse extra: pip install
'anchored-kg[parse]'; or KG_ANNOTATE_PARSER=spacy) a dependency parse gives the doer and the
object of each event, and people's names the gazetteer does not list are drafted too.
A learned event model (kg/annotate/models/events.json, trained on the annotated corpus by
python -m kg.annotate.train) adds events no trigger word signals, and gives every event
its probability of the event's type as its confidence (0.6 with the rules alone); a
learned speech-act typer (kg/annotate/models/speech.json, python -m
kg.annotate.train_speech) retypes plain statements as threats, accusations or denials by
what they say (opt-in: KG_ANNOTATE_SPEECH=default; on unseen briefs it gained nothing),
and a learned modality typer (kg/annotate/models/modality.json, python -m
kg.annotate.train_modality) re-types the modality of claims the cues misread, such as a
writer's judgement told in the past tense (KG_ANNOTATE_MODALITY=none: off); --model none
(or KG_ANNOTATE_MODEL=none) drafts with the rules alone, --model FILE with another event model.

With --merge, the draft goes into an existing annotation of the text: only what it does
not already cover is appended, marked machine: true; every item and comment already there
stays byte for byte (docs/annotation-workflow.md).

Example:
  kg annotate new-article.txt -o new-article.yaml --date 2022-11-20
  kg annotate data/brief.txt --merge data/brief.yaml
  kg annotate new-article.txt --parser spacy    # roles from a dependency parse
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", metavar="FILE.txt", help="the document's text (UTF-8)")
    add_output(p, default="-", metavar="FILE.yaml",
               help="where to write the draft ('-': standard output, the default)")
    p.add_argument("--doc-id", metavar="ID", help="document id (default: the file's stem)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the document's date (YYYY, YYYY-MM or YYYY-MM-DD), for relative dates")
    p.add_argument("--data", action="append", metavar="DIR",
                   help="annotated corpus for the gazetteer (default: data/; repeatable)")
    add_build(p, help="build folder whose wikidata.nq (labels of linked items) is used "
                      "when present (default: build/)")
    p.add_argument("--wikidata", default=None, metavar="FILE",
                   help="Wikidata labels of linked items, used when present "
                        "(default: BUILD/wikidata.nq)")
    p.add_argument("--no-generic", action="store_true",
                   help="leave out the shipped list of states, capitals and organizations")
    p.add_argument("--merge", metavar="FILE.yaml", default=None,
                   help="append the draft to this existing annotation of the text, leaving "
                        "every item already there unchanged")
    p.add_argument("--parser", choices=("none", "spacy"), default=None,
                   help="dependency parser for roles and people's names: spacy (the parse "
                        "extra) or none (default: KG_ANNOTATE_PARSER, else none)")
    p.add_argument("--model", default=None, metavar="FILE|none",
                   help="learned event model: a model file, or none for the rules alone "
                        "(default: KG_ANNOTATE_MODEL, else the shipped model)")
    p.add_argument("--force", action="store_true",
                   help="overwrite FILE.yaml if it exists (never done silently: it may be a "
                        "reviewed annotation)")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from kg.annotate import default_gazetteer, draft_file, merge_file
    from kg.errors import UsageError
    from kg.ontology import load_ontology

    if args.output != "-" and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} exists: choose another -o, or --force to overwrite it")
    if args.output != "-" and _same_file(args.output, args.text):
        # --force or not: the draft would replace the text it quotes, and point at itself
        raise UsageError(f"-o {args.output} is the text being drafted, {args.text}: choose "
                         "another -o")

    onto = load_ontology()
    wikidata = args.wikidata or args.build / "wikidata.nq"
    gaz = default_gazetteer(args.data or (), wikidata=wikidata, onto=onto,
                            generic=not args.no_generic)
    if args.merge:
        added = merge_file(args.text, args.merge, date=args.date, gazetteer=gaz, onto=onto,
                           parser=args.parser, model=args.model)
        print(f"kg annotate: added {added} drafted item(s) to {args.merge} (machine: true; "
              "review them)", file=sys.stderr)
        return 0
    out = None if args.output == "-" else args.output
    body = draft_file(args.text, out, doc_id=args.doc_id, date=args.date, gazetteer=gaz,
                      onto=onto, parser=args.parser, model=args.model)
    if out is None:
        sys.stdout.write(body)
    else:
        print(f"kg annotate: wrote {out} (machine draft: review every item)", file=sys.stderr)
    return 0


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one existing file (also through a link)."""
    import os

    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # either is missing (the text's own error says so)
        return False
