"""kg.store.lifeline: children die with their parent, even one killed with SIGKILL (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kgtest import HANG_S, wait_until

from kg.store import lifeline

pytestmark = pytest.mark.skipif(not lifeline.SUPPORTED, reason="needs Linux prctl")


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def sigkill_pending(pid: int) -> bool:
    """SIGKILL sent but perhaps not acted on yet (a loaded machine may not have run the
    process since), or already dead."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    pending = int(fields["SigPnd"], 16) | int(fields["ShdPnd"], 16)
    return bool(pending >> (signal.SIGKILL - 1) & 1) or not alive(pid)


# A parent that starts `sleep` from a short-lived thread, with a memory limit as its own
# preexec work, waits until the kernel has let that thread go (its task entry is gone:
# any parent-death signal tied to it has been sent), prints the child's pid and its
# RLIMIT_AS, then waits to be killed.
PARENT = textwrap.dedent("""
    import os, subprocess, sys, threading, time
    from kg.store.lifeline import spawn
    from kg.store.worker import memory_limiter

    box = []
    def start():
        box.append(threading.get_native_id())
        box.append(spawn(["sleep", "600"], preexec_fn=memory_limiter(512)))
    t = threading.Thread(target=start)
    t.start()
    t.join()
    while os.path.exists(f"/proc/self/task/{box[0]}"):
        time.sleep(0.01)
    box.pop(0)
    pid = box[0].pid
    limit = open(f"/proc/{pid}/limits").read()
    line = next(l for l in limit.splitlines() if l.startswith("Max address space"))
    print(pid, line.split()[3], flush=True)
    sys.stdin.read()
""")


def test_child_outlives_the_thread_that_started_it_and_dies_with_a_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        pid_text, limit = parent.stdout.readline().split()
        child = int(pid_text)
        assert limit == str(512 << 20), f"the memory limit (other preexec work) was lost: {limit}"
        assert not sigkill_pending(child), "the child died with the thread that started it"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(HANG_S)
        # the parent's death signals the child (no clock: a kernel that did not would
        # leave it running for ten minutes and fail here)
        wait_until(lambda: sigkill_pending(child), f"child {child} killed with its parent")
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child and alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_whose_parent_died_before_prctl_exits_at_once():
    # The preexec function records this process as the parent; run from a forked process,
    # the child sees another parent: the case of a parent that died before prctl ran.
    preexec = lifeline.die_with_parent()
    pid = os.fork()
    if pid == 0:
        try:
            child = subprocess.Popen(["sleep", "30"], preexec_fn=preexec)
            os._exit(10 + child.wait())  # "sleep 30" bounds it, had the child run
        except BaseException:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 11, (
        "the child ran (or failed) instead of exiting with 1: "
        f"{os.waitstatus_to_exitcode(status)}")


def test_spawn_passes_popen_errors_to_the_caller(tmp_path):
    with pytest.raises(FileNotFoundError):
        lifeline.spawn([str(tmp_path / "no-such-program")])
