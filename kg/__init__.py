"""kg: knowledge graphs of actors, events, motives and claims from annotated text.

The public API is small and lazily imported so that ``import kg`` is cheap::

    import kg
    from kg.build import build

    corpus = kg.load()                         # the shipped corpus -> format-neutral model
    result = build("data/", out="build/")      # model -> RDF with provenance
    report = kg.validate("build/")             # SHACL shapes + anchor checks
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.model import Corpus
    from kg.ontology import Ontology
    from kg.validation import ValidationReport

__version__ = "0.1.0"

__all__ = ["__version__", "load", "validate"]


def load(*sources: str | Path, ontology: Ontology | None = None,
         progress: Callable[[Path], object] | None = None) -> Corpus:
    """Load and check annotated documents: files or folders (none: the shipped corpus).

    See :func:`kg.loaders.load_corpus`.

    :raises kg.errors.AnnotationError: listing every problem when any input is bad.
    """
    from kg.loaders import load_corpus

    return load_corpus(*sources, ontology=ontology, progress=progress)


def validate(target: str | Path = "build", *, shapes: str | Path | None = None
             ) -> ValidationReport:
    """Validate the graph in ``target`` (a build folder or an N-Quads file).

    See :func:`kg.validation.validate`.
    """
    from kg.validation import validate as _validate

    return _validate(target, shapes=shapes)
