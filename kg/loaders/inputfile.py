"""Reading one input file safely: a regular file, inside its folder, under a size limit.

A text or annotation file may come from anywhere, and so may the folder it sits in. Before
a byte is read:

- ``within``: the file must resolve (symbolic links followed, at every level) inside that
  folder, so that ``doc.txt -> /proc/self/environ`` or ``sub -> /etc`` cannot pull another
  file of the machine into the graph; the check is made again on the opened file
  (``/proc/self/fd``, where there is one), so swapping a link in between does not help;
- only a regular file is opened (``os.stat`` first): a FIFO would hang the build,
  ``/dev/zero`` or ``/dev/urandom`` would never end, a directory or socket is no text; the
  open itself is non-blocking and the descriptor checked again;
- its size must be within ``limit`` (:mod:`kg.limits`), read no further than that.

Every refusal is a :class:`FileRefused` whose ``reason`` is one line (the caller puts it
into a :class:`~kg.errors.Problem` naming the file).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kg.errors import InputError
from kg.limits import Limit

__all__ = ["FileRefused", "read_input", "inside"]

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class FileRefused(InputError):
    """An input file that is not read: ``path`` and a one-line ``reason``."""

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """True when ``path`` (resolved, links followed) is ``folder`` or below it."""
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_input(path: str | os.PathLike[str], limit: Limit, *, what: str = "file",
               within: str | os.PathLike[str] | None = None) -> bytes:
    """The bytes of ``path``, or :class:`FileRefused` (see the module's rules).

    :raises FileRefused: outside ``within``, not a regular file, over ``limit``, unreadable.
    """
    p = Path(path)
    if within is not None and not inside(p, within):
        raise FileRefused(p, f"{what} {p} is a link to {os.path.realpath(p)}, outside "
                             f"{os.path.realpath(within)}: refused")
    try:
        st = os.stat(p)
    except OSError as exc:
        raise FileRefused(p, f"cannot read {what} {p}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(p, f"{what} {p} is {_kind(st.st_mode)}, not a regular file: refused")
    max_bytes = limit.value()
    if st.st_size > max_bytes:
        raise FileRefused(p, f"{what} {p} is {st.st_size} bytes, over {limit.describe(max_bytes)}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise FileRefused(p, f"cannot read {what} {p}: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped since the check above
            raise FileRefused(p, f"{what} {p} is {_kind(st.st_mode)}, not a regular file: "
                                 "refused")
        opened = f"/proc/self/fd/{fd}"
        if within is not None and os.path.exists(opened) and not inside(opened, within):
            raise FileRefused(p, f"{what} {p} resolves outside {os.path.realpath(within)}: "
                                 "refused")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FileRefused(p, f"{what} {p} grew past {limit.describe(max_bytes)} while "
                                     "being read")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(p, f"cannot read {what} {p}: {exc.strerror}") from None
    finally:
        os.close(fd)
