"""kg.cli.main: how failures of the machine (not of the input) reach the user."""

from __future__ import annotations

import subprocess
import sys

import pytest
from kgtest import HANG_S


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/full is Linux's")
@pytest.mark.parametrize("args", [["query", "--list"], ["query", "--prefixes"]])
def test_a_full_disk_on_the_standard_output_is_one_line(args):
    """Regression: writing the answer to a full disk (here /dev/full) was a traceback."""
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "kg", *args], stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=HANG_S)
    assert r.returncode == 2, r.stderr
    assert r.stderr == f"kg {args[0]}: error: writing the output: No space left on device\n"
