"""The test files' durations, for the order in which pytest-xdist hands them out.

pyproject.toml runs the suite with ``--dist loadfile --no-loadscope-reorder``: each test file
goes whole to one worker, in collection order. ``tests/conftest.py`` collects the files
longest first, by ``tests/durations.json`` (seconds per file; a file not listed goes last,
in its usual place), so that no long file starts while the other workers are finishing: on
two cores the last file handed out used to be the wheel test, about 2.5 min run alone at
the end. Only the order of the files changes, never what runs.

Refresh the list after adding or changing a long test (the figures need only be roughly
right; a machine under load scales them all alike)::

    pytest --junitxml=/tmp/junit.xml && python tests/durations.py /tmp/junit.xml
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILE = HERE / "durations.json"


def from_junit(path: str | Path) -> dict[str, int]:
    """Seconds per test file (relative to the repository), from a JUnit XML report."""
    seconds: dict[str, float] = defaultdict(float)
    for case in ET.parse(path).getroot().iter("testcase"):  # noqa: S314 - our own report
        parts = case.get("classname", "").split(".")
        while parts and not (HERE.parent / ("/".join(parts) + ".py")).is_file():
            parts.pop()  # a test class's name after its module's
        if parts:
            seconds["/".join(parts) + ".py"] += float(case.get("time") or 0)
    return {f: round(s) for f, s in sorted(seconds.items()) if round(s) >= 1}


def load() -> dict[str, int]:
    """``tests/durations.json``, or nothing if it is missing or unreadable."""
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/durations.py JUNIT.xml")
    FILE.write_text(json.dumps(from_junit(sys.argv[1]), indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    print(f"wrote {FILE}")
