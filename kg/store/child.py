"""Child processes that answer framed messages over pipes: the one protocol of the project.

Used by the embedded store's timed queries (:mod:`kg.store.worker`), ``kg serve``'s pool
of query processes (:mod:`kg.store.querypool`) and the benchmark's phases
(:mod:`kg.bench`). A child runs ``FUNCTION()`` of a ``kg`` module in a
fresh interpreter, dies with its parent (:func:`kg.store.lifeline.spawn`) and may have
its address space capped.

A message is one JSON line (the header), followed by ``header["size"]`` bytes of payload
when the header has a ``size``. The parent sends a request and reads the answer before a
deadline; past it the child is killed (pyoxigraph cannot cancel a query, a process can be
killed). A child that dies mid-answer (a crash, a memory cap) raises :class:`ChildDied`
with its exit status, so the caller can tell a signal from an error. Another thread may
kill a child while a request waits for its answer (``kg serve`` stopping): the wait ends at
once with :class:`ChildDied`, and the pipes it reads stay open until it has ended.

Child side::

    def main() -> None:
        serve_messages(lambda header, payload: ({"ok": True, "size": 3}, b"abc"))
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from typing import IO, Any, BinaryIO

__all__ = ["Child", "ChildDied", "ChildFailed", "ChildTimeout", "MessageReader", "serve_messages",
           "refuse_start", "write_message", "read_message", "memory_limiter"]

Handler = Callable[[dict[str, Any], bytes], tuple[dict[str, Any], bytes]]


class ChildTimeout(Exception):
    """The child did not answer before the deadline (it has been killed)."""


class ChildFailed(Exception):
    """The child could not start (its first message was an error, or none came)."""


class ChildDied(Exception):
    """The child's pipe closed before a whole answer: it exited or was killed."""

    def __init__(self, returncode: int | None):
        super().__init__(f"child process ended (status {returncode})")
        self.returncode = returncode


class MessageReader:
    """Messages from a file descriptor (a child's stdout, a pipe), each before a deadline.

    Anything readable on ``wake_fd`` ends a wait with :class:`ChildDied`: another thread
    killed the child (its pipe's end of file alone may never come: a grandchild may hold it).
    """

    def __init__(self, fd: int, wake_fd: int | None = None):
        self.fd, self.wake_fd = fd, wake_fd
        self._buf = bytearray()

    def receive(self, deadline: float | None = None) -> tuple[dict[str, Any], bytes]:
        """The next message, read before ``deadline`` (``time.monotonic()``; ``None``: wait).

        :raises ChildTimeout: past the deadline.
        :raises ChildDied: (status ``None``) if the input ends before a whole message.
        """
        while (end := self._buf.find(b"\n")) < 0:
            self._fill(deadline)
        header = json.loads(bytes(self._buf[:end]))
        del self._buf[:end + 1]
        size = int(header.get("size", 0))
        while len(self._buf) < size:
            self._fill(deadline)
        payload = bytes(self._buf[:size])
        del self._buf[:size]
        return header, payload

    def _fill(self, deadline: float | None) -> None:
        if deadline is not None or self.wake_fd is not None:
            remaining = None if deadline is None else deadline - time.monotonic()
            with selectors.DefaultSelector() as sel:
                sel.register(self.fd, selectors.EVENT_READ)
                if self.wake_fd is not None:
                    sel.register(self.wake_fd, selectors.EVENT_READ, "wake")
                ready = sel.select(remaining) if remaining is None or remaining > 0 else []
            if not ready:
                raise ChildTimeout("no answer before the deadline")
            if any(key.data == "wake" for key, _ in ready):
                raise ChildDied(None)
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise ChildDied(None)
        self._buf += chunk


def memory_limiter(limit_mb: int | None) -> Any:
    """A ``preexec_fn`` capping the child's address space (``None``: no cap): a query
    that would eat the machine's memory makes its own process fail instead."""
    if not limit_mb:
        return None
    import resource  # imported here, in the parent, not between fork and exec

    cap = int(limit_mb) << 20
    if cap >= 1 << 63:  # more than setrlimit takes (and any address space): no cap
        return None

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return limit


class Child:
    """``python -c "from MODULE import FUNCTION; FUNCTION()" ARGS...`` speaking messages.

    ``entry`` is ``"module:function"``. With ``ready_timeout_s``, :meth:`start` waits that
    long for the child's first message, ``{"ready": true}`` (see :func:`serve_messages`),
    so that starting up never eats into a request's deadline. One request at a time;
    :meth:`kill` may come from any thread, and ends a :meth:`receive` waiting in another.
    """

    def __init__(self, entry: str, args: tuple[str, ...] = (), *,
                 memory_mb: int | None = None, env: Mapping[str, str] | None = None,
                 stderr: int | None = subprocess.DEVNULL, ready_timeout_s: float | None = None):
        module, _, function = entry.partition(":")
        self.command = [sys.executable, "-c", f"from {module} import {function}; {function}()",
                        *args]
        self.memory_mb, self.env, self.stderr = memory_mb, env, stderr
        self.ready_timeout_s = ready_timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self._reader: MessageReader | None = None
        # A kill from another thread writes to the wake pipe, which the reader watches. It
        # leaves the pipes a waiting receive reads for that receive to close: a descriptor
        # closed under a waiting epoll is dropped from it silently (so an end of file
        # already queued is never seen and the wait lasts to its deadline), and its number
        # may be reused by the next file opened.
        self._lock = threading.Lock()
        self._wake: tuple[BinaryIO, BinaryIO] | None = None
        self._receiving = False
        self._leftover: list[IO[bytes]] = []

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, *, wait: bool = True) -> Child:
        """Start the process if it is not running; returns ``self``. With ``wait=False``
        the caller calls :meth:`await_ready` itself (to start several children at once)."""
        from kg.store.lifeline import spawn

        if not self.alive():
            self.kill()
            env = None if self.env is None else {**os.environ, **self.env}
            if self.memory_mb:
                # RLIMIT_AS counts address space reserved, not memory used: glibc reserves
                # 64 MB per malloc arena, up to eight arenas a core, so a capped child could
                # die while starting (SIGABRT) on a busy or many-core machine. Two arenas
                # keep its start near 270 MB instead of 470 MB (measured with an 800 MB cap).
                base = env if env is not None else os.environ
                env = {**base, "MALLOC_ARENA_MAX": base.get("MALLOC_ARENA_MAX", "2")}
            self.proc = spawn(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=self.stderr, env=env,
                              preexec_fn=memory_limiter(self.memory_mb))
            weakref.finalize(self, _kill, self.proc)  # no orphan if the owner forgets
            assert self.proc.stdout is not None
            wake_r, wake_w = os.pipe()
            self._wake = (open(wake_r, "rb", buffering=0), open(wake_w, "wb", buffering=0))
            self._reader = MessageReader(self.proc.stdout.fileno(), wake_fd=wake_r)
            self._unready = self.ready_timeout_s is not None
        if wait:
            self.await_ready()
        return self

    def await_ready(self) -> None:
        """Wait for the child's ``{"ready": true}`` (if it has not come yet).

        :raises ChildFailed: if it reports an error, dies or is late.
        """
        if not getattr(self, "_unready", False):
            return
        self._unready = False
        timeout_s = self.ready_timeout_s or 0.0
        try:
            header, _ = self.receive(time.monotonic() + timeout_s)
        except ChildTimeout:
            raise ChildFailed(f"did not start within {timeout_s:g} s") from None
        except ChildDied as exc:
            raise ChildFailed(str(exc)) from None
        if not header.get("ready"):
            self.kill()
            raise ChildFailed(str(header.get("error", "did not start")))

    def kill(self) -> int | None:
        """Kill the process (if running) and reap it; its exit status (``-9`` if killed).

        A :meth:`receive` waiting in another thread ends with :class:`ChildDied`.
        """
        with self._lock:
            proc, self.proc, self._reader = self.proc, None, None
            wake, self._wake = self._wake, None
            if wake is not None:
                wake[1].write(b"x")
        if proc is None:
            return None
        code = _kill(proc)
        _close(proc.stdin, proc.stderr)
        later = [pipe for pipe in (proc.stdout, *(wake or ())) if pipe is not None]
        with self._lock:
            if self._receiving:  # the waiting receive closes them when it ends
                self._leftover += later
                later = []
        _close(*later)
        return code

    def send(self, header: Mapping[str, Any], payload: bytes = b"") -> None:
        proc = self.start().proc
        assert proc is not None and proc.stdin is not None
        try:
            write_message(proc.stdin, header, payload)
        except (BrokenPipeError, ValueError) as exc:  # ValueError: the pipe was closed
            raise ChildDied(self._status()) from exc

    def receive(self, deadline: float | None = None) -> tuple[dict[str, Any], bytes]:
        """The next answer, read before ``deadline`` (``time.monotonic()``; ``None``: wait).

        :raises ChildTimeout: past the deadline (the child is killed first).
        :raises ChildDied: if the child's output ends before a whole answer.
        """
        with self._lock:
            reader = self._reader
            if reader is None:
                raise ChildDied(None)
            self._receiving = True
        try:
            return reader.receive(deadline)
        except ChildTimeout:
            self.kill()
            raise
        except ChildDied:
            raise ChildDied(self._status()) from None
        finally:
            with self._lock:
                self._receiving = False
                leftover, self._leftover = self._leftover, []
            _close(*leftover)

    def request(self, header: Mapping[str, Any], payload: bytes = b"",
                timeout_s: float | None = None) -> tuple[dict[str, Any], bytes]:
        """Send one message and read the answer within ``timeout_s``."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        self.send(header, payload)
        return self.receive(deadline)

    def _status(self) -> int | None:
        proc = self.proc
        if proc is None:
            return None
        try:
            return proc.wait(2)
        except subprocess.TimeoutExpired:
            return None
        finally:
            self.kill()


def _close(*files: IO[bytes] | None) -> None:
    for file in files:
        if file is not None:
            try:
                file.close()
            except OSError:
                pass


def _kill(proc: subprocess.Popen[bytes]) -> int | None:
    if proc.poll() is None:
        proc.kill()
    try:
        return proc.wait(10)
    except subprocess.TimeoutExpired:
        return None


def refuse_start(error: str) -> None:
    """Child side: tell a parent waiting for ``ready`` why this child cannot start."""
    write_message(sys.stdout.buffer, {"ready": False, "error": " ".join(error.split())[:2000]})


def write_message(stream: IO[bytes], header: Mapping[str, Any], payload: bytes = b"") -> None:
    head = dict(header)
    if payload or "size" in head:
        head["size"] = len(payload)
    stream.write(json.dumps(head).encode() + b"\n" + payload)
    stream.flush()


def read_message(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """The next message on ``stream``, or ``None`` at its end."""
    line = stream.readline()
    if not line:
        return None
    header = json.loads(line)
    size = int(header.get("size", 0))
    payload = stream.read(size) if size else b""
    return header, payload


def serve_messages(handler: Handler, *, ready: bool = False) -> None:
    """Child side: answer each message on stdin with ``handler(header, payload)`` until
    stdin closes. An exception becomes ``{"ok": false, "type": ..., "error": ...}``.
    With ``ready``, first say ``{"ready": true}`` (for a parent with ``ready_timeout_s``).
    """
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the messages
    if ready:
        write_message(stdout, {"ready": True})
    while (message := read_message(stdin)) is not None:
        try:
            header, payload = handler(*message)
        except Exception as exc:  # reported to the parent, which decides what it means
            header, payload = {"ok": False, "type": type(exc).__name__,
                               "error": " ".join(str(exc).split())[:2000]}, b""
        write_message(stdout, header, payload)
