"""kg: knowledge graphs of actors, events, motives and claims from annotated text.

The public API is small and lazily imported so that ``import kg`` is cheap::

    import kg
    from kg.build import build

    corpus = kg.load("data/")                  # annotations -> format-neutral model
    result = build("data/", out="build/")      # model -> RDF with provenance
    report = kg.validate("build/")             # SHACL shapes + anchor checks
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load", "validate"]


def load(*sources: Any, **kwargs: Any) -> Any:
    """Load annotated documents (see :func:`kg.loaders.load_corpus`)."""
    from kg.loaders import load_corpus

    return load_corpus(*sources, **kwargs)


def validate(*args: Any, **kwargs: Any) -> Any:
    """Validate a built graph (see :func:`kg.validation.validate`)."""
    from kg.validation import validate as _validate

    return _validate(*args, **kwargs)
