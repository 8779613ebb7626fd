"""Child processes that die with their parent, even when the parent is killed with SIGKILL.

On Linux the child asks the kernel, before it runs the program, for ``SIGKILL`` when its
parent dies (``prctl(PR_SET_PDEATHSIG)``). Two details matter:

- the parent might die between the ``fork`` and the ``prctl``: the child then checks that
  its parent is still the process that started it, and exits otherwise;
- the kernel ties the signal to the parent *thread* that forked, not to the process: a
  child started from a short-lived thread (a request handler of ``kg serve`` restarting
  its engine) would be killed when that thread ends. :func:`spawn` therefore starts every
  child from one dedicated thread that lives as long as the process.

Elsewhere (macOS, Windows) :func:`spawn` is a plain :class:`subprocess.Popen`: a parent
killed with SIGKILL leaves the child running there.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["spawn", "die_with_parent", "SUPPORTED"]

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                      ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return prctl


# Resolved once in the parent: no dlopen/dlsym between fork and exec.
_PRCTL = _load_prctl()
SUPPORTED = _PRCTL is not None


def die_with_parent(then: Callable[[], None] | None = None) -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get ``SIGKILL`` when this process dies, then runs
    ``then`` (another ``preexec_fn``, e.g. a memory limit). ``then`` alone where unsupported.

    Build it in the parent that starts the child (it records this process's pid).
    """
    prctl = _PRCTL
    if prctl is None:
        return then
    parent = os.getpid()
    kill = int(signal.SIGKILL)

    def preexec() -> None:
        if prctl(_PR_SET_PDEATHSIG, kill, 0, 0, 0) != 0:
            raise OSError("prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before prctl: nobody would signal us
            os._exit(1)
        if then is not None:
            then()

    return preexec


class _Spawner:
    """One long-lived thread that runs every ``Popen`` (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], queue.SimpleQueue[Any]]] | None
        self._jobs = None
        self._pid = 0

    def run(self, job: Callable[[], Any]) -> Any:
        with self._lock:
            if self._jobs is None or self._pid != os.getpid():  # none yet, or we were forked
                self._jobs, self._pid = queue.SimpleQueue(), os.getpid()
                threading.Thread(target=self._loop, args=(self._jobs,), name="kg-spawner",
                                 daemon=True).start()
            jobs = self._jobs
        answer: queue.SimpleQueue[Any] = queue.SimpleQueue()
        jobs.put((job, answer))
        ok, value = answer.get()
        if not ok:
            raise value
        return value

    @staticmethod
    def _loop(jobs: queue.SimpleQueue[Any]) -> None:
        while True:
            job, answer = jobs.get()
            try:
                answer.put((True, job()))
            except BaseException as exc:  # handed to the caller, raised in its thread
                answer.put((False, exc))
            del job, answer


_SPAWNER = _Spawner()


def spawn(args: Any, *, preexec_fn: Callable[[], None] | None = None,
          **popen_kwargs: Any) -> subprocess.Popen[bytes]:
    """``subprocess.Popen(args, ...)`` for a child that dies with this process (Linux).

    ``preexec_fn`` still runs in the child, after the parent-death signal is set.
    """
    preexec = die_with_parent(preexec_fn)
    if preexec is preexec_fn:  # unsupported: nothing ties the child to a thread
        return subprocess.Popen(args, preexec_fn=preexec_fn, **popen_kwargs)
    return _SPAWNER.run(lambda: subprocess.Popen(args, preexec_fn=preexec, **popen_kwargs))
