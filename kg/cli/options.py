"""The options every command shares, spelt one way (docs/cli.md, "Common options").

A command adds a shared option through these functions, never with its own spelling:

==========================  ==================================================
``--build DIR``             a build folder (holds ``store/``, ``graph.nq``...)
``--endpoint URL``          a remote SPARQL store (instead of ``--build``)
``-o/--output PATH``        every file or folder a command writes
``--timeout SECONDS``       how long to wait
``--format NAME``           the form of the output
``--limit N``               at most N rows (paged questions: N facts)
``--include-nonfactual``    also count what the sources deny, doubt or suppose
``--ontology DIR``          your own ontology folder instead of the shipped one
==========================  ==================================================

Old spellings (``--store``, ``--out``, ``--timeout-s``...) stay accepted for one release
through :func:`add_deprecated`: they work, and print a one-line note on stderr naming the
new spelling. ``tests/cli/test_cli_options.py`` walks every command's parser and fails on
any other spelling of these concepts, so options added later are held to the same names.

This module imports only the standard library (``kg --help`` stays fast).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["CANONICAL", "DeprecatedOption", "deprecated_options", "add_build", "add_endpoint",
           "add_source", "add_output", "add_timeout", "add_format", "add_limit",
           "add_include_nonfactual", "add_ontology", "use_ontology", "add_deprecated",
           "store_location", "seconds", "count", "positive_count", "port", "megabytes",
           "endpoint_url"]

# concept (the argparse dest) -> its one spelling; the option test holds every parser to it.
CANONICAL: dict[str, str] = {
    "build": "--build",
    "endpoint": "--endpoint",
    "output": "--output",
    "timeout": "--timeout",
    "format": "--format",
    "limit": "--limit",
    "include_nonfactual": "--include-nonfactual",
    "ontology": "--ontology",
}


# -- value types: a value out of range is an argparse error naming the option, not a crash
# (``--timeout inf`` overflowed the clock, ``--port 99999`` the socket, ``--endpoint
# http://[::1`` the URL parser) nor a silent surprise (``--timeout -1``: every query timed out).


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def seconds(text: str) -> float:
    """A positive, finite number of seconds (``--timeout``)."""
    value = _number(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def megabytes(text: str) -> float:
    """A positive, finite size in MB."""
    value = _number(text)
    if not (math.isfinite(value) and 0 < value < 1 << 40):
        raise argparse.ArgumentTypeError(f"must be a positive number of MB, not {text!r}")
    return value


# The largest count an option takes: a signed 64-bit integer, what SPARQL stores read a
# LIMIT or OFFSET into (Oxigraph refused a larger --limit as a malformed query).
_LARGEST = (1 << 63) - 1


def _integer(text: str, minimum: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}")
    if value > _LARGEST:
        raise argparse.ArgumentTypeError(f"must be at most {_LARGEST}, not {text!r}")
    return value


def count(text: str) -> int:
    """A whole number, 0 or more."""
    return _integer(text, 0, "0 or more")


def positive_count(text: str) -> int:
    """A whole number, 1 or more."""
    return _integer(text, 1, "1 or more")


def share(text: str) -> float:
    """A share: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:  # NaN is no share either
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text!r}")
    return value


def port(text: str) -> int:
    """A TCP port, 0 (any free port) to 65535."""
    value = _integer(text, 0, "a port from 0 to 65535")
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be a port from 0 to 65535, not {text!r}")
    return value


def endpoint_url(text: str) -> str:
    """An ``http(s)://host...`` URL, parsed as the clients will parse it."""
    import urllib.parse

    why = None
    if not text.startswith(("http://", "https://")):
        why = "is not an http(s) URL"
    elif any(c.isspace() or not c.isprintable() for c in text):
        why = "holds a space or a control character"
    else:
        try:
            parts = urllib.parse.urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError for a bad port
        except ValueError as exc:
            why = f"is no valid URL ({exc})"
        else:
            if not parts.hostname:
                why = "names no host"
    if why:
        raise argparse.ArgumentTypeError(f"{text!r} {why}")
    return text


class DeprecatedOption(argparse.Action):
    """An old spelling that still works for one release and says what replaced it."""

    def __init__(self, option_strings: Sequence[str], dest: str, *, new: str,
                 url_dest: str | None = None, **kwargs: Any) -> None:
        kwargs["help"] = argparse.SUPPRESS
        super().__init__(option_strings, dest, **kwargs)
        self.new = new
        self.url_dest = url_dest

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"{parser.prog}: {option_string} is deprecated and goes in the next release; "
              f"use {self.new}", file=sys.stderr)
        if self.url_dest and isinstance(values, str) and values.startswith(("http://",
                                                                            "https://")):
            try:
                setattr(namespace, self.url_dest, endpoint_url(values))
            except argparse.ArgumentTypeError as exc:
                raise argparse.ArgumentError(self, str(exc)) from None
        elif self.nargs == 0:
            setattr(namespace, self.dest, self.const)
        else:
            setattr(namespace, self.dest, values)


def add_deprecated(parser: argparse.ArgumentParser, old: str, *, new: str, dest: str,
                   url_dest: str | None = None, **kwargs: Any) -> None:
    """Accept the old spelling ``old`` of ``new`` (hidden from --help) for one release.

    ``url_dest``: a value that is an http(s) URL goes there instead (``--store`` took a
    folder or a URL; the folder is now ``--build`` and the URL ``--endpoint``).
    """
    parser.add_argument(old, action=DeprecatedOption, dest=dest, new=new, url_dest=url_dest,
                        **kwargs)


def deprecated_options(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """``(old, new)`` for every old spelling ``parser`` still accepts (docs/cli.md lists them)."""
    return [(opt, action.new) for action in parser._actions
            if isinstance(action, DeprecatedOption) for opt in action.option_strings]


def add_build(parser: argparse.ArgumentParser, *, default: str = "build",
              help: str | None = None) -> None:
    """``--build DIR``: the build folder a command reads (``kg build`` writes it)."""
    parser.add_argument("--build", type=Path, default=Path(default), metavar="DIR",
                        help=help or f"build folder to read (default: {default}/)")


def add_endpoint(parser: argparse.ArgumentParser | Any, *, help: str | None = None,
                 default: str | None = None) -> None:
    """``--endpoint URL``: a remote SPARQL store."""
    parser.add_argument("--endpoint", metavar="URL", default=default, type=endpoint_url,
                        help=help or "a SPARQL 1.1 query endpoint to read instead of the "
                                     "build folder")


def add_source(parser: argparse.ArgumentParser, *, endpoint: bool = True) -> None:
    """Where a command reads the graph: ``--build DIR`` (default build/) or ``--endpoint URL``.

    Registers the old ``--store DIR|URL`` too; read the choice with :func:`store_location`.
    """
    group = parser.add_mutually_exclusive_group() if endpoint else parser
    add_build(group)  # type: ignore[arg-type]
    if endpoint:
        add_endpoint(group)
    parser.set_defaults(store_dir=None, endpoint=None)
    add_deprecated(parser, "--store", new="--build DIR"
                   + (" or --endpoint URL" if endpoint else ""), dest="store_dir",
                   url_dest="endpoint" if endpoint else None, metavar="DIR")


def store_location(args: argparse.Namespace) -> str | Path:
    """The store a command reads: the endpoint URL, or the build folder's ``store/``."""
    if getattr(args, "endpoint", None):
        return str(args.endpoint)
    if getattr(args, "store_dir", None):  # the deprecated --store DIR named the store itself
        return Path(args.store_dir)
    return Path(args.build) / "store"


def add_output(parser: argparse.ArgumentParser, *, metavar: str = "PATH",
               help: str, default: str | None = None, required: bool = False,
               old_out: bool = True) -> None:
    """``-o/--output PATH``: what a command writes (``old_out``: it was ``--out``, which
    still works)."""
    parser.add_argument("-o", "--output", metavar=metavar, default=default, required=required,
                        help=help)
    if old_out:
        add_deprecated(parser, "--out", new="-o/--output", dest="output")


def add_timeout(parser: argparse.ArgumentParser, *, default: float | None,
                help: str) -> None:
    """``--timeout SECONDS``."""
    parser.add_argument("--timeout", type=seconds, default=default, metavar="SECONDS", help=help)


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], *,
               default: str | None, help: str | None = None) -> None:
    """``--format NAME`` among ``choices``."""
    parser.add_argument("--format", choices=list(choices), default=default,
                        help=help or ", ".join(choices)
                        + (f" (default: {default})" if default else ""))


def add_limit(parser: argparse.ArgumentParser, *, help: str, default: int | None = None) -> None:
    """``--limit N``."""
    parser.add_argument("--limit", type=count, default=default, metavar="N", help=help)


def add_ontology(parser: argparse.ArgumentParser) -> None:
    """``--ontology DIR``: your own ontology folder instead of the shipped one (every command)."""
    parser.add_argument("--ontology", type=Path, default=None, metavar="DIR",
                        help="your own ontology folder (a copy of the shipped one, edited) "
                             "instead of the shipped one (default: $KG_ONTOLOGY, else shipped)")


@contextmanager
def use_ontology(args: argparse.Namespace) -> Iterator[None]:
    """While the command runs, ``--ontology DIR`` is the ontology of this process and of the
    worker processes it starts (``$KG_ONTOLOGY``); the environment is restored after.

    :raises UsageError: when DIR holds no ``kg.ttl``.
    """
    import os

    from kg.errors import UsageError
    from kg.resources import ONTOLOGY_ENV

    own = getattr(args, "ontology", None)
    if own is None:
        yield
        return
    if not (Path(own) / "kg.ttl").is_file():
        raise UsageError(f"--ontology {own}: no kg.ttl there (start from a copy of the shipped "
                         "ontology folder)")
    before = os.environ.get(ONTOLOGY_ENV)
    os.environ[ONTOLOGY_ENV] = str(Path(own).resolve())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ONTOLOGY_ENV, None)
        else:
            os.environ[ONTOLOGY_ENV] = before


def add_include_nonfactual(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """``--include-nonfactual``: also count events and claims the sources do not assert."""
    parser.add_argument("--include-nonfactual", action="store_true",
                        help=help or "also count what the sources deny, doubt or only suppose "
                                     "(default: asserted facts only)")
