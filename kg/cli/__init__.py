"""The ``kg`` command line: a thin layer over the library.

Each command lives in ``kg/cli/<name>.py`` and defines ``HELP`` (one line),
``DESCRIPTION`` (with an ``Example:``), ``add_arguments(parser)`` and
``run(args) -> int``. Command modules import only the standard library at the
top so that ``kg --help`` stays fast; the library is imported inside ``run``.

Errors from the library (``kg.errors.KGError``) become one-line messages here,
in one place: exit 0 ok, 1 check failed, 2 error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

__all__ = ["main", "build_parser", "COMMANDS"]

# name -> module; the order is the order of ``kg --help``.
COMMANDS: dict[str, str] = {
    "demo": "kg.cli.demo",
    "build": "kg.cli.build",
    "validate": "kg.cli.validate",
    "stats": "kg.cli.stats",
    "analyze": "kg.cli.analyze",
    "query": "kg.cli.query",
    "serve": "kg.cli.serve",
    "synth": "kg.cli.synth",
    "bench": "kg.cli.bench",
    "link": "kg.cli.link",
    "enrich": "kg.cli.enrich",
    "export": "kg.cli.export",
    "annotate": "kg.cli.annotate",
    "viz": "kg.cli.viz",
    "timeline": "kg.cli.timeline",
}


def build_parser() -> argparse.ArgumentParser:
    """The ``kg`` parser with every command (used by :mod:`kg.codegen` for docs/cli.md)."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build, question and explore knowledge graphs of actors, events, motives "
        "and claims from annotated text.",
        epilog="Run 'kg COMMAND --help' for a command's options and an example.\n"
        "Example: kg demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from kg import __version__
    from kg.cli.options import add_ontology

    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(cmd)
        add_ontology(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from kg.cli.options import use_ontology
    from kg.errors import AnnotationError, KGError, QueryError, printable

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        with use_ontology(args):
            code = args._run(args)
        sys.stdout.flush()  # a full disk shows here, not as a traceback at exit
    except AnnotationError as exc:
        print(exc.report(), file=sys.stderr)
        n = len(exc.problems)
        print(f"kg {args.command}: {n} problem{'s' * (n != 1)} in the input; nothing written",
              file=sys.stderr)
        return exc.exit_code
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        caret = exc.caret() if isinstance(exc, QueryError) else ""
        if caret:
            print(caret, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`: quietly stop, as Unix tools do.
        _drop_stdout()
        return 0
    except OSError as exc:
        # The machine, not the input: a full disk or a file size limit while writing the
        # standard output or a file (writers of kg.atomic say so themselves, as KGError).
        _drop_stdout()
        where = f"{exc.filename}: " if exc.filename else "writing the output: "
        print(f"kg {args.command}: error: {printable(where + (exc.strerror or str(exc)))}",
              file=sys.stderr)
        return 2
    except Exception as exc:  # a bug in kg, not in the input: one line, unless asked
        if os.environ.get("KG_TRACEBACK"):
            raise
        print(f"kg {args.command}: internal error: {type(exc).__name__}: "
              f"{printable(str(exc))[:300]} (a bug in kg, not in the input; "
              "KG_TRACEBACK=1 shows the traceback to report)", file=sys.stderr)
        return 2
    return int(code or 0)


def _drop_stdout() -> None:
    """Point the standard output at the null device: what is still buffered for it is
    dropped, so the interpreter's flush at exit cannot fail again (and print a traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's captured output)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
