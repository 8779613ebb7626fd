"""The Wikidata slice and the class mapping use only verified IDs, each cited in the README."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kg.resources import ontology_dir, repo_root

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "link"
REFERENCE = repo_root().parent / "shared" / "reference" / "wikidata-ids.tsv"
ID = re.compile(r"(?:entity/|prop/(?:direct/|statement/)?|wd:|wdt:|p:|ps:)([QP][1-9][0-9]*)\b")


def ids_in(path: Path) -> set[str]:
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("#"))
    text = re.sub(r"wds:\S+", "", text)  # made-up statement node names
    return set(ID.findall(text))


def test_every_id_of_the_slice_and_mapping_is_cited_in_the_readme():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"^\| ([QP][1-9][0-9]*) ", readme, flags=re.M))
    used = ids_in(FIXTURES / "wikidata-slice.ttl") | ids_in(ontology_dir() /
                                                            "wikidata-mapping.ttl")
    assert used, "no IDs found: the pattern is wrong"
    assert used <= cited, sorted(used - cited)


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"reference list not present at {REFERENCE}")
def test_every_id_used_is_marked_verified_in_the_reference():
    with REFERENCE.open(encoding="utf-8", newline="") as fh:
        verified = {row["qid"] for row in csv.DictReader(fh, delimiter="\t")
                    if row["status"] == "verified"}
    used = ids_in(FIXTURES / "wikidata-slice.ttl") | ids_in(ontology_dir() /
                                                            "wikidata-mapping.ttl")
    assert used <= verified, sorted(used - verified)
