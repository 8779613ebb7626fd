"""One build per output folder at a time: an advisory lock file in the folder.

``build/.kg-build.lock`` is locked (``fcntl.flock``, exclusive, non-blocking) for the
whole build; the file itself is never written (a build with nothing to do writes
nothing). A second build into the same folder stops at once with one line naming the
process that holds the lock (from ``/proc/locks`` on Linux), before it touches anything;
the lock goes with the process, so a killed build never leaves the folder locked. Where ``fcntl``
does not exist (Windows) builds are not serialized.

``kg link`` and ``kg enrich``, which write their graph into a build folder's store and an
N-Quads file beside it, hold the same lock (``command="link"``/``"enrich"``): none of the
three writes a folder another one is writing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BuildError

__all__ = ["LOCK_NAME", "build_lock"]

LOCK_NAME = ".kg-build.lock"


@contextmanager
def build_lock(out: Path, *, command: str = "build") -> Iterator[Path]:
    """Hold the lock of the output folder ``out`` (created if needed) for the block.

    ``command`` names what takes it: a build creates the folder; another command (``link``,
    ``enrich``) writes into an existing build folder, and where there is none it goes on
    unlocked (it fails on the missing store with its own message).

    :raises BuildError: another build holds it ("another kg build is writing OUT (pid N)"),
        or the folder cannot be created.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield out / LOCK_NAME
        return
    if command != "build" and not out.is_dir():
        yield out / LOCK_NAME
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise BuildError(f"{out}: cannot create output folder: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            who = f" (pid {holder})" if holder else ""
            if command == "build":
                raise BuildError(f"another kg build is writing {out}{who}: wait for it to "
                                 "end, or build into another folder") from None
            raise BuildError(f"another kg build, link or enrich is writing {out}{who}: wait "
                             f"for it to end, then run kg {command} again") from None
        yield out / LOCK_NAME
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str | None:
    """The process id holding the flock on ``fd``'s file, from ``/proc/locks`` (Linux)."""
    try:
        inode = os.fstat(fd).st_ino
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if "->" in parts or len(parts) < 6 or parts[1] != "FLOCK":
                    continue
                if parts[5].rsplit(":", 1)[-1] == str(inode) and parts[4].isdigit():
                    return parts[4]
    except OSError:
        pass
    return None
