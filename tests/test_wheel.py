"""The distribution as a user gets it: a wheel built from the repository, installed (not
editable) into a fresh virtual environment, runs ``kg demo`` in an empty folder.

Offline: the wheel is built without build isolation (hatchling comes with the test extra)
and installed with ``--no-index --no-deps``; its dependencies are the ones already installed
here, made visible to the new environment by a ``.pth`` line (they are not the package
under test). The package itself must come from the new environment, with the ontology,
the query pack and the corpus inside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from kg.resources import repo_root

pytestmark = pytest.mark.slow


def _run(argv: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, **kw)
    assert proc.returncode == 0, (argv, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


def test_wheel_installs_into_a_fresh_venv_and_runs_the_demo(tmp_path):
    pytest.importorskip("hatchling", reason="the build backend comes with the test extra")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "-q", "-w", str(dist), str(repo_root())])
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith("anchored_kg-"), wheel.name

    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-index",
          "--no-deps", str(wheel)])
    # Run from an empty folder: `python -c` puts the working directory first on sys.path.
    empty = tmp_path / "empty"
    empty.mkdir()
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     cwd=empty).stdout.strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")

    where = _run([str(python), "-c", "import kg, kg.resources as r; print(kg.__file__); "
                  "print(r.ontology_dir()); print(r.queries_dir()); print(r.data_dir())"],
                 cwd=empty, env={**os.environ, "PYTHONPATH": "", "KG_ONTOLOGY": ""})
    for line in where.stdout.split():
        assert line.startswith(str(env)), f"not from the installed wheel: {line}"

    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_ONTOLOGY")}
    clean["PATH"] = f"{env / 'bin'}{os.pathsep}{clean.get('PATH', '')}"
    demo = _run([str(env / "bin" / "kg"), "demo"], cwd=empty, env=clean)
    assert (empty / "build" / "graph.nq").stat().st_size > 0, demo.stdout
    answer = _run([str(env / "bin" / "kg"), "query", "-e", "ASK { ?s a kg:State }"],
                  cwd=empty, env=clean)
    assert answer.stdout == "true\n", answer.stdout
