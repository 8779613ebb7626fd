"""kg.store.child: the child processes' memory cap."""

from __future__ import annotations

import subprocess
import sys

from kg.store.child import memory_limiter


def test_a_memory_cap_beyond_any_address_space_is_no_cap_not_a_failed_start():
    """Regression: 'kg serve --memory-mb 99999999999999999' was a traceback ('Exception
    occurred in preexec_fn': setrlimit takes at most 2**63 - 1 bytes)."""
    for mb in (1 << 43, 99999999999999999):
        done = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=memory_limiter(mb),
                              check=False)
        assert done.returncode == 0
    assert memory_limiter((1 << 43) - 1) is not None  # the largest cap setrlimit takes
