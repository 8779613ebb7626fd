"""kg.store.child: the child processes' memory cap; a kill from another thread."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kgtest import HANG_S, wait_until

from kg.store.child import Child, ChildDied, memory_limiter, write_message

HERE = (Path(__file__).parent, Path(__file__).parent.parent)  # this module, kgtest


def test_a_memory_cap_beyond_any_address_space_is_no_cap_not_a_failed_start():
    """Regression: 'kg serve --memory-mb 99999999999999999' was a traceback ('Exception
    occurred in preexec_fn': setrlimit takes at most 2**63 - 1 bytes)."""
    for mb in (1 << 43, 99999999999999999):
        done = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=memory_limiter(mb),
                              check=False)
        assert done.returncode == 0
    assert memory_limiter((1 << 43) - 1) is not None  # the largest cap setrlimit takes


def child_whose_grandchild_holds_its_stdout() -> None:
    """Child side: start a grandchild that shares this process's stdout (so this process's
    death brings its parent no end of file), say its pid, then wait for ever."""
    grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"],
                                  stdin=subprocess.DEVNULL)
    write_message(sys.stdout.buffer, {"grandchild": grandchild.pid})
    sys.stdin.buffer.read()


def test_a_kill_from_another_thread_ends_a_receive_waiting_there():
    """Regression: ``kg serve`` stopping killed a worker whose request waited for its answer,
    and the request waited on until its deadline (an hour; CI failed on it): the kill closed
    the pipe under the waiting epoll, which dropped the end of file it had queued. Here no
    end of file comes at all (a grandchild holds the pipe): only the kill can end the wait."""
    child = Child(f"{Path(__file__).stem}:child_whose_grandchild_holds_its_stdout",
                  env={"PYTHONPATH": os.pathsep.join(map(str, HERE))}).start()
    header, _ = child.receive(time.monotonic() + HANG_S)
    try:
        ended: list[BaseException] = []

        def wait() -> None:
            try:
                child.receive(None)
            except BaseException as exc:  # noqa: BLE001 -- the test reads what it was
                ended.append(exc)

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        wait_until(lambda: child._receiving, "the receive is waiting")
        assert child.kill() == -signal.SIGKILL
        waiter.join(HANG_S)
        assert not waiter.is_alive(), "the receive still waits after the kill"
        assert len(ended) == 1 and isinstance(ended[0], ChildDied), ended
        assert child._leftover == []  # the receive closed the pipes the kill left it
    finally:
        os.kill(header["grandchild"], signal.SIGKILL)
