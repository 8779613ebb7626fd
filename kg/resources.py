"""Where the shipped ontology, query pack and corpus live.

Installed from a wheel they sit in ``kg/_resources``; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["resource_dir", "ontology_dir", "queries_dir", "data_dir", "repo_root", "ONTOLOGY_ENV"]

_PACKAGE = Path(__file__).resolve().parent


def repo_root() -> Path:
    return _PACKAGE.parent


def resource_dir(name: str) -> Path:
    packaged = _PACKAGE / "_resources" / name
    if packaged.is_dir():
        return packaged
    return repo_root() / name


# A folder holding the user's own ontology (a copy of the shipped one, edited): every
# command's --ontology DIR sets it, so worker processes see it too.
ONTOLOGY_ENV = "KG_ONTOLOGY"


def ontology_dir() -> Path:
    """The ontology folder: ``$KG_ONTOLOGY`` when set, else the shipped one."""
    own = os.environ.get(ONTOLOGY_ENV)
    return Path(own) if own else resource_dir("ontology")


def queries_dir() -> Path:
    return resource_dir("queries")


def data_dir() -> Path:
    return resource_dir("data")
