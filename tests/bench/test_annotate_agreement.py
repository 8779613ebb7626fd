"""benchmarks/annotate_agreement.py: two people's annotations of one brief scored against each
other with annotate_eval's measures."""

import importlib.util
import shutil

import pytest

from kg.resources import repo_root

NAME = "wire-2022-07-28-victory-day-speech"


def _script():
    path = repo_root() / "benchmarks" / "annotate_agreement.py"
    spec = importlib.util.spec_from_file_location("annotate_agreement", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _rows(out: str) -> dict[tuple[str, str], tuple[float, float]]:
    rows = {}
    for line in out.splitlines():
        if line.startswith("second vs first"):
            parts = line[18:].split()
            measure = " ".join(parts[:-5])
            rows[("second", measure)] = (float(parts[-5]), float(parts[-4]))
    return rows


def _second(tmp_path, edit=None):
    src = repo_root() / "data"
    shutil.copy(src / f"{NAME}.txt", tmp_path / f"{NAME}.txt")
    text = (src / f"{NAME}.yaml").read_text(encoding="utf-8")
    if edit:
        text = edit(text)
    (tmp_path / f"{NAME}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / f"{NAME}.yaml"


def _run(capsys, second) -> dict:
    mod = _script()
    assert mod.main(["--pair", str(repo_root() / "data" / f"{NAME}.yaml"), str(second),
                     "--no-drafter"]) == 0
    return _rows(capsys.readouterr().out)


def test_an_annotation_agrees_with_itself_on_every_measure(tmp_path, capsys):
    rows = _run(capsys, _second(tmp_path))
    assert rows and all(pr == (1.0, 1.0) for pr in rows.values()), rows


def test_a_retyped_event_costs_same_type_agreement_but_not_any_type(tmp_path, capsys):
    def retype(text: str) -> str:
        old = "  - id: ev-ceremony\n    type: Ceremony\n"
        assert old in text
        return text.replace(old, "  - id: ev-ceremony\n    type: PublicStatement\n")

    rows = _run(capsys, _second(tmp_path, retype))
    same_p, same_r = rows[("second", "events (same type)")]
    assert same_p < 1.0 and same_r < 1.0
    assert rows[("second", "events (any type)")] == (1.0, 1.0)


def test_a_second_annotation_of_another_text_is_refused(tmp_path, capsys):
    second = _second(tmp_path)
    text = (tmp_path / f"{NAME}.txt").read_text(encoding="utf-8")
    (tmp_path / f"{NAME}.txt").write_text(text + "A sentence more.\n", encoding="utf-8")
    mod = _script()
    assert mod.main(["--pair", str(repo_root() / "data" / f"{NAME}.yaml"), str(second),
                     "--no-drafter"]) == 1
    assert "its text differs" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["benchmarks/agreement"])
def test_every_shipped_second_annotation_has_its_first(folder):
    for second in sorted((repo_root() / folder).glob("*.yaml")):
        assert (repo_root() / "data" / second.name).is_file(), second
