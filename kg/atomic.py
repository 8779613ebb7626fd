"""Atomic file writes: a file is either its old version or the new one, never half written.

The data goes to a temporary file in the same folder (``.NAME.PID.RANDOM.tmp``: hidden,
so ``kg serve`` never serves it, and named after the writing process), which is renamed
over the target with :func:`os.replace` only once it is complete; on any error it is
removed and the old file stays as it was. A process killed mid-write leaves at most the
temporary file behind, never a cut target.

- :func:`write_bytes` and :func:`write_text` write a whole value (text is UTF-8, newlines
  written as given);
- :func:`open_atomic` is a context manager yielding a file object, for writers that want
  a file (``networkx``, ``csv``, streaming); the rename happens when the block ends
  without an exception.

``durable`` (default) syncs the data to disk before the rename, so a power cut cannot
leave an empty file under the new name; skip it for caches and outputs that can be
regenerated (one fsync per small file costs seconds under heavy disk load).

The new file gets the permissions a plain ``open()`` would give it (``0o666`` minus the
umask) unless ``perms`` says otherwise; parent folders are created.

``within`` (a folder) makes every function refuse a target outside that folder: the
target's parent is resolved (symbolic links followed at every level) and must be the
folder or below it, and its name must be a plain file name. A final component that is a
symbolic link is itself replaced, never followed (:func:`os.replace`); a target that is
(or links to) a folder, device, FIFO or socket is refused, never replaced. Writers whose file
names come from data (export folders) pass their target folder; :func:`file_in` builds and
checks such a path from an id.

Errors from these functions' own steps are :class:`WriteError`, which is both an
:class:`OSError` and a :class:`~kg.errors.BuildError` (one line: "cannot write PATH:
reason"). An exception raised inside an :func:`open_atomic` block propagates unchanged.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kg.errors import BuildError, printable

__all__ = ["write_bytes", "write_text", "open_atomic", "WriteError", "temp_path", "file_in",
           "check_within"]


class WriteError(BuildError, OSError):
    """A file could not be written (it keeps its old content); ``errno`` and ``filename``
    are those of the failure."""

    def __str__(self) -> str:  # the message, not OSError's "[Errno N] ..." form
        return printable(str(self.args[0])) if self.args else ""


def _error(path: Path, exc: OSError) -> WriteError:
    err = WriteError(f"cannot write {path}: {exc.strerror or exc}")
    err.errno, err.strerror, err.filename = exc.errno, exc.strerror, str(path)
    return err


def check_within(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    """``path`` if writing it stays inside ``folder`` (see the module's rules).

    :raises WriteError: for a target outside ``folder`` (``..``, an absolute path, a link
        out of it) or a name that is no file name.
    """
    target = Path(path)
    base = os.path.realpath(folder)
    parent = os.path.realpath(target.parent)
    if target.name in ("", ".", "..") or "\x00" in str(target) or not (
            parent == base or parent.startswith(base.rstrip(os.sep) + os.sep)):
        err = WriteError(f"refusing to write {target}: it is outside the output folder {folder}")
        err.filename = str(target)
        raise err
    return target


def file_in(folder: str | os.PathLike[str], name_id: str, suffix: str = "") -> Path:
    """``folder/ID+suffix`` for an id that must follow the id rules (:mod:`kg.iris`).

    :raises WriteError: for an id that breaks them (``../x``, ``a/b``, ``%2e%2e``, NUL...)
        or a path that would leave ``folder``.
    """
    from kg.iris import is_valid_id

    if not is_valid_id(name_id):
        err = WriteError(f"refusing to write a file named after the id {name_id!r} in "
                         f"{folder}: not a valid id (letters, digits, '.', '_', '-')")
        err.filename = str(folder)
        raise err
    return check_within(Path(folder) / f"{name_id}{suffix}", folder)


def temp_path(path: str | os.PathLike[str]) -> Path:
    """A fresh temporary name beside ``path``: ``.NAME.PID.RANDOM.tmp``."""
    target = Path(path)
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _create(target: Path) -> tuple[int, Path]:
    """Create and open the temporary file (exclusively: never someone else's file)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder should be
        blocker = next((p for p in reversed(target.parents)
                        if (p.is_symlink() or p.exists()) and not p.is_dir()), None)
        if blocker is None:
            raise
        raise NotADirectoryError(errno.ENOTDIR, f"{blocker} is not a folder") from exc
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = temp_path(target)
        try:
            return os.open(tmp, flags, 0o666), tmp  # the umask applies, as for open()
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"))


def _refuse_special(target: Path) -> None:
    """Refuse a target that exists and is no regular file, itself or through a link.

    The rename would put a regular file in the place of a device, FIFO or socket (as
    root, ``-o /dev/null`` replaced the machine's /dev/null, ``-o /dev/stdout`` its link);
    a folder cannot be replaced at all. A missing target or a broken link is fine.
    """
    try:
        mode = os.stat(target).st_mode  # links followed
    except OSError:
        return
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "no regular file")
        link = " (through a link)" if target.is_symlink() else ""
        err = WriteError(f"cannot write {target}: it is {kind}{link}, not a regular file")
        err.filename = str(target)
        raise err


def _commit(handle: IO[Any], tmp: Path, target: Path, *, durable: bool,
            perms: int | None) -> None:
    handle.flush()
    if durable:
        os.fsync(handle.fileno())
    handle.close()
    if perms is not None:
        os.chmod(tmp, perms)
    os.replace(tmp, target)


@contextmanager
def open_atomic(path: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8",
                newline: str | None = "\n", durable: bool = True,
                perms: int | None = None,
                within: str | os.PathLike[str] | None = None) -> Iterator[IO[Any]]:
    """Yield a file object (``mode`` ``"w"``/``"wt"`` text, ``"wb"`` binary) whose content
    replaces ``path`` when the block ends normally; on an exception the temporary file is
    removed, ``path`` is left as it was and the exception propagates.

    Text is ``encoding`` (UTF-8) with newlines written as given (``newline="\\n"``).
    """
    if mode not in ("w", "wt", "wb"):
        raise ValueError(f"open_atomic: mode must be 'w', 'wt' or 'wb', not {mode!r}")
    target = Path(path) if within is None else check_within(path, within)
    _refuse_special(target)
    try:
        fd, tmp = _create(target)
    except OSError as exc:
        raise _error(target, exc) from exc
    try:
        try:
            if mode == "wb":
                handle: IO[Any] = os.fdopen(fd, "wb")
            else:
                handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle
            try:
                _commit(handle, tmp, target, durable=durable, perms=perms)
            except OSError as exc:
                raise _error(target, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True,
                perms: int | None = None,
                within: str | os.PathLike[str] | None = None) -> Path:
    """Write ``data`` to ``path`` atomically; return the path.

    :raises WriteError: if it cannot be written (``path`` keeps its old content), or is
        outside ``within``.
    """
    target = Path(path)
    with open_atomic(target, "wb", durable=durable, perms=perms, within=within) as handle:
        try:
            handle.write(data)
        except OSError as exc:
            raise _error(target, exc) from exc
    return target


def write_text(path: str | os.PathLike[str], text: str, *, durable: bool = True,
               perms: int | None = None,
               within: str | os.PathLike[str] | None = None) -> Path:
    """Write ``text`` as UTF-8 (newlines as given) to ``path`` atomically; return the path.

    :raises WriteError: if it cannot be written (``path`` keeps its old content), or is
        outside ``within``.
    """
    return write_bytes(path, text.encode("utf-8"), durable=durable, perms=perms,
                       within=within)
