"""kg.atomic: a file is its old content or the new one; failures leave no temporary file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from kgtest import HANG_S

from kg.atomic import WriteError, open_atomic, temp_path, write_bytes, write_text
from kg.errors import BuildError


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_text_and_bytes_replace_the_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    assert write_text(target, "néw\r\nline\n") == target
    assert target.read_bytes() == "néw\r\nline\n".encode(), "newlines must be written as given"
    assert write_bytes(target, b"\x00\xff") == target
    assert target.read_bytes() == b"\x00\xff"
    assert names(tmp_path) == ["out.txt"], "a temporary file was left behind"


def test_parent_folders_are_created(tmp_path):
    target = tmp_path / "a" / "b" / "c.json"
    write_text(target, "{}\n", durable=False)
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_open_atomic_renames_into_place_only_at_the_end(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    with open_atomic(target) as fh:
        fh.write("new ")
        fh.flush()
        assert target.read_text(encoding="utf-8") == "old", "replaced before the block ended"
        [tmp] = [p for p in tmp_path.iterdir() if p != target]
        assert tmp.name.startswith(f".page.html.{os.getpid()}.") and tmp.name.endswith(".tmp")
        fh.write("content\n")
    assert target.read_text(encoding="utf-8") == "new content\n"
    assert names(tmp_path) == ["page.html"]
    with open_atomic(target, "wb") as fh:
        fh.write(b"bytes")
    assert target.read_bytes() == b"bytes"


def test_an_error_in_the_block_keeps_the_old_content_and_no_temporary(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_bytes(b"old version")

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with open_atomic(target, "wb") as fh:
            fh.write(b"half a new vers")
            raise Boom("the writer failed half-way")
    assert target.read_bytes() == b"old version"
    assert names(tmp_path) == ["graph.graphml"], "the temporary file was not removed"


def test_an_error_without_an_old_file_leaves_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with open_atomic(tmp_path / "new.txt") as fh:
            fh.write("partial")
            raise KeyboardInterrupt
    assert names(tmp_path) == []


def test_a_failing_write_is_a_one_line_write_error(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate cannot be UTF-8
        write_text(target, "bad \ud800")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError) as info:  # its parent folder is a file
        write_text(blocker / "out.txt", "new")
    err = info.value
    assert isinstance(err, OSError) and isinstance(err, BuildError), type(err).__mro__
    assert str(err).startswith(f"cannot write {blocker / 'out.txt'}: "), str(err)
    assert "\n" not in str(err) and err.errno is not None, (str(err), err.errno)
    assert target.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["file", "out.txt"]


@pytest.mark.parametrize("below", ["out.txt", "sub/out.txt"])
def test_a_file_where_a_folder_should_be_is_named(tmp_path, below):
    """Regression: 'kg export -o afile/x.csv' (afile a file) said 'cannot write afile/x.csv:
    File exists', which x.csv does not."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError) as info:
        write_text(blocker / below, "new")
    assert str(info.value) == f"cannot write {blocker / below}: {blocker} is not a folder"
    assert blocker.read_text(encoding="utf-8") == "x" and names(tmp_path) == ["file"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores folder permissions")
def test_a_read_only_folder_keeps_the_old_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "out.txt"
    target.write_text("old", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="cannot write"):
            write_text(target, "new")
    finally:
        folder.chmod(0o755)
    assert target.read_text(encoding="utf-8") == "old" and names(folder) == ["out.txt"]


def test_a_failing_rename_removes_the_temporary(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # os.replace cannot put a file over a non-empty folder
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(WriteError):
        write_bytes(target, b"new")
    assert names(tmp_path) == ["taken"] and names(target) == ["inside"]


def test_permissions_follow_the_umask_unless_given(tmp_path):
    old = os.umask(0o027)
    try:
        plain = write_text(tmp_path / "plain.txt", "x")
        page = write_text(tmp_path / "page.html", "x", perms=0o644)
    finally:
        os.umask(old)
    assert mode(plain) == 0o640, oct(mode(plain))
    assert mode(page) == 0o644, oct(mode(page))


def test_temporary_names_are_unique_and_hidden(tmp_path):
    seen = {temp_path(tmp_path / "x.nq").name for _ in range(200)}
    assert len(seen) == 200
    assert all(n.startswith(f".x.nq.{os.getpid()}.") and n.endswith(".tmp") for n in seen)


def test_concurrent_writers_each_leave_a_complete_file(tmp_path):
    target = tmp_path / "shared.txt"
    versions = [f"{i}\n" * 5000 for i in range(8)]
    errors: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(5):
                write_text(target, text, durable=False)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(v,)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert target.read_text(encoding="utf-8") in versions
    assert names(tmp_path) == ["shared.txt"]


def test_a_killed_writer_leaves_the_old_file(tmp_path):
    """SIGKILL in the middle of a block: the target is untouched, only a temporary remains."""
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    code = (
        "import os, signal, sys\n"
        "from kg.atomic import open_atomic\n"
        "with open_atomic(sys.argv[1]) as fh:\n"
        "    fh.write('new' * 100000)\n"
        "    fh.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(target)], timeout=HANG_S)
    assert proc.returncode != 0
    assert target.read_text(encoding="utf-8") == "old\n"
    left = [n for n in names(tmp_path) if n != "out.txt"]
    assert len(left) == 1 and left[0].startswith(".out.txt.") and left[0].endswith(".tmp"), left


def test_bad_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        with open_atomic(tmp_path / "x", "a"):
            pass
    assert names(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-to-fifo", "socket"])
def test_a_target_that_is_no_regular_file_is_refused_and_kept(tmp_path, kind):
    """Regression: the rename put a regular file in the place of any target: as root,
    ``kg viz -o /dev/null`` replaced the machine's /dev/null (and ``-o /dev/stdout`` its
    link) with a regular file, breaking every later ``> /dev/null``."""
    target = tmp_path / "out.html"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "link-to-fifo":
        os.mkfifo(tmp_path / "pipe")
        target.symlink_to(tmp_path / "pipe")
    else:  # a device would do as well, but a test must never risk the machine's /dev/null
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    before = os.lstat(target)
    what = {"fifo": "a FIFO (named pipe)", "folder": "a directory",
            "link-to-fifo": "a FIFO (named pipe) (through a link)", "socket": "a socket"}[kind]
    try:
        with pytest.raises(WriteError) as info:
            write_text(target, "x")
    finally:
        if kind == "socket":
            sock.close()
    assert str(info.value) == f"cannot write {target}: it is {what}, not a regular file"
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind
    assert not list(target.parent.glob(f".{target.name}.*.tmp"))


def test_a_broken_link_as_the_target_is_replaced_as_before(tmp_path):
    target = tmp_path / "out.html"
    target.symlink_to(tmp_path / "missing")
    write_text(target, "x")
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "x"
