"""Synthetic corpora in the native annotation format, for benchmarks and load tests.

>>> from kg.synth import generate_corpus
>>> docs = list(generate_corpus(2, seed=1))
>>> [d.id for d in docs]
['synth-1-000000', 'synth-1-000001']

Types and concepts come from the ontology; wording and naming from
``templates.yaml``. The output is deterministic for a seed and a size, and every
document loads and builds (``tests/synth`` checks that with the real loader).
Text and names are invented: this is not reporting.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.synth.document import SynthDocument, generate_document
from kg.synth.pools import Pools

__all__ = ["generate_corpus", "corpus_pools", "write_corpus", "to_yaml", "SynthDocument",
           "templates", "RETELL", "MAX_DOCS", "MAX_ACTORS", "MAX_SEED"]

_TEMPLATES = Path(__file__).with_name("templates.yaml")


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(_TEMPLATES.read_text(encoding="utf-8"))


# A share of documents retelling earlier ones like the shipped corpus's many sources
# (kg synth --retell 0.3); the default, 0, gives each document its own events only.
RETELL = 0.3

# Bounds on the sizes (kg synth --docs, --actors, --seed): a larger value is a mistake (a
# typo, a wrong unit), refused at once rather than run until the disk or the memory is full.
#: Documents: 100 times the largest corpus a benchmark makes (kg bench --docs 10000, about
#: 10 M quads). Documents are written one at a time, so the bound is on disk and time: about
#: 8.6 KB in two files each, so 8.6 GB and 2 M files, a billion quads to build.
MAX_DOCS = 1_000_000
#: Actors: over 12 times the largest pool a benchmark draws (8,000, benchmarks/viz_bench.py
#: at 5,000 nodes; the default pool stops at 5,000). The pool is made whole in memory before
#: the first document, about 1.2 KB an actor with the pieces of its unique name, and each new
#: name takes longer to find (100,000 took 12 s and 120 MB on one core, 10,000 0.5 s).
MAX_ACTORS = 100_000
#: Seeds: a signed 64-bit whole number. The seed is written into every document id and file
#: name (synth-SEED-000000.yaml), which a longer one would push past the file system's limit.
MAX_SEED = (1 << 63) - 1


def _check_sizes(docs: int, actors: int | None, seed: int) -> None:
    """:raises UsageError: a size below 0 (1 for ``actors``) or above its bound."""
    if docs < 0:
        raise UsageError(f"--docs must be 0 or more, not {docs}")
    if docs > MAX_DOCS:
        raise UsageError(f"--docs must be at most {MAX_DOCS:,} (about 8.6 KB of files each), "
                         f"not {docs}")
    if actors is not None and actors < 1:
        raise UsageError(f"--actors must be 1 or more, not {actors}")
    if actors is not None and actors > MAX_ACTORS:
        raise UsageError(f"--actors must be at most {MAX_ACTORS:,} (the pool is made in memory "
                         f"before the first document), not {actors}")
    if not -MAX_SEED <= seed <= MAX_SEED:
        raise UsageError(f"--seed must be a 64-bit whole number, from -{MAX_SEED} to "
                         f"{MAX_SEED} (it names every file), not {seed}")


def generate_corpus(docs: int, *, seed: int = 0, actors: int | None = None,
                    ontology: Any = None, retell: float = 0.0) -> Iterator[SynthDocument]:
    """Yield ``docs`` synthetic documents; pool sizes grow with the corpus.

    ``retell``: the share of documents (0 to 1) that also tell one to three events of earlier
    documents again, with ``same-as``, and now and then differently (another type, status or
    date, or a denial), so that the corpus has what many sources make: nodes told by several
    documents, and disagreements between them. 0 gives each document its own events only.

    :raises UsageError: a size out of its bounds (:data:`MAX_DOCS`, :data:`MAX_ACTORS`,
        :data:`MAX_SEED`) or a share outside 0 to 1, before any work.
    """
    from kg.ontology import load_ontology

    _check_sizes(docs, actors, seed)
    if not 0 <= retell <= 1:
        raise UsageError(f"--retell must be a share from 0 to 1, not {retell}")
    onto = ontology or load_ontology()
    t = templates()
    pools = corpus_pools(docs, seed=seed, actors=actors, ontology=onto)
    for i in range(docs):
        yield generate_document(i, seed=seed, t=t, onto=onto, pools=pools, retell=retell)


def corpus_pools(docs: int, *, seed: int = 0, actors: int | None = None,
                 ontology: Any = None) -> Pools:
    """The pools (actors, places, weapons...) of the corpus of ``docs`` documents for
    ``seed``, as :func:`generate_corpus` draws them: their sizes grow with the corpus.

    :raises UsageError: a size out of its bounds, as :func:`generate_corpus`.
    """
    from kg.ontology import load_ontology
    from kg.synth.pools import build_pools

    _check_sizes(docs, actors, seed)
    return build_pools(
        ontology or load_ontology(), templates(), random.Random(f"kg-synth/{seed}/pools"),
        actors=actors or min(5000, 30 + docs // 2), places=max(10, min(2000, docs // 10)),
        weapons=max(8, min(1000, docs // 20)), objectives=max(5, min(500, docs // 50)),
        publishers=max(3, min(200, docs // 500)))


def write_corpus(out: str | Path, *, docs: int, seed: int = 0, actors: int | None = None,
                 retell: float = 0.0) -> int:
    """Write ``NAME.txt`` and ``NAME.yaml`` per document into ``out``; return the count.

    Each file is written whole or not at all (:mod:`kg.atomic`).

    :raises WriteError: ``out`` is a file, or cannot be written.
    """
    from kg.atomic import WriteError, write_bytes

    out = Path(out)
    if out.exists() and not out.is_dir():
        err = WriteError(f"cannot write {out}: it is a file, not a folder")
        err.filename = str(out)
        raise err
    n = 0
    for doc in generate_corpus(docs, seed=seed, actors=actors, retell=retell):
        write_bytes(out / f"{doc.id}.txt", doc.text.encode("utf-8"), durable=False)
        write_bytes(out / f"{doc.id}.yaml", to_yaml(doc, seed=seed).encode("utf-8"),
                    durable=False)
        n += 1
    return n


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # JSON strings are YAML double-quoted


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def to_yaml(doc: SynthDocument, *, seed: int = 0) -> str:
    """The native annotation file of ``doc`` (written directly: fast and byte-stable)."""
    lines = [f"# Synthetic document from 'kg synth --seed {seed}': invented text, not reporting.",
             "document:"]
    lines += [f"  {k}: {_scalar(v)}" for k, v in doc.meta.items()]
    lines.append("annotations:")
    for item in doc.items:
        lead = "  - "
        for key, value in item.items():
            if isinstance(value, list):
                if value and isinstance(value[0], dict):
                    lines.append(f"{lead}{key}:")
                    lines += [f"      - {_flow(v)}" for v in value]
                else:
                    lines.append(f"{lead}{key}: [" + ", ".join(_scalar(v) for v in value) + "]")
            else:
                lines.append(f"{lead}{key}: {_scalar(value)}")
            lead = "    "
    return "\n".join(lines) + "\n"
