"""Files the pages inline: vis-network from the installed pyvis, our own JS and CSS.

pyvis 0.3.2 ships vis-network 9.1.2 as ``pyvis/lib/vis-9.1.2/``. We find it
through the installed package at run time and inline it, so a page needs
nothing from the network. The Jinja environment autoescapes everything; only
these trusted files and :func:`kg.viz.escape.script_json` output are marked safe.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from kg.errors import KGError
from kg.viz.escape import script_json

__all__ = ["VIS_VERSION", "PAGE_PERMS", "vis_file", "static_text", "template", "BoundTemplate"]

VIS_VERSION = "9.1.2"
# Pages and images are written readable by all (whatever the umask): they are for others
# to open, or for a web server to serve.
PAGE_PERMS = 0o644


@lru_cache(maxsize=4)
def vis_file(name: str) -> str:
    """Text of ``vis-network.min.js`` or ``vis-network.css`` bundled with pyvis.

    Found without importing pyvis (which imports IPython).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.origin:
        raise KGError("pyvis is not installed: pip install pyvis==0.3.2")
    base = Path(spec.origin).resolve().parent
    for folder in (base / "lib", base / "templates" / "lib"):
        path = folder / f"vis-{VIS_VERSION}" / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise KGError(f"vis-network {VIS_VERSION} file {name} not found under {base} "
                  "(is pyvis 0.3.2 installed?)")


@lru_cache(maxsize=16)
def static_text(name: str) -> str:
    """Text of one of our own files in ``kg/viz/static/``."""
    return resources.files("kg.viz").joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kg.viz", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["script_json"] = script_json
    return env


class BoundTemplate:
    """A template with some variables bound; ``render(**more)`` adds the rest.

    pyvis' ``Network.generate_html`` calls ``template.render(nodes=..., edges=...,
    heading=..., ...)`` with a fixed set of names; this lets us add our own.
    """

    def __init__(self, template: Template, bound: dict[str, object]):
        self._template = template
        self._bound = bound

    def render(self, **more: object) -> str:
        return self._template.render({**self._bound, **more})


def template(name: str, **bound: object) -> BoundTemplate:
    """Our autoescaping template ``name`` with ``bound`` variables."""
    return BoundTemplate(_environment().get_template(name), bound)
