"""The one prefix table and ``PREFIX`` block of every SPARQL text the toolkit writes.

Built from the generated namespaces (:mod:`kg.namespace`): the project's prefix table
(:data:`kg.iris.PREFIXES`), the derived graphs' folder and the Wikidata prefixes of the
fetched graph. Internal queries start with :func:`prefix_block`; ``kg query`` and the
workbench predefine the same table (:mod:`kg.query.prefixes`). No other module writes
``PREFIX`` lines.

>>> print(prefix_block({"kg": PREFIXES["kg"], "wdt": PREFIXES["wdt"]}), end="")
PREFIX kg:  <https://w3id.org/kg-toolkit/ontology#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
>>> prefix_block({"rdfs": PREFIXES["rdfs"]}, align=False)
'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\\n'
"""

from __future__ import annotations

from kg.iris import PREFIXES as PROJECT_PREFIXES
from kg.iris import derived_graph
from kg.namespace import QUERY_PREFIXES

__all__ = ["PREFIXES", "prefix_block"]

PREFIXES: dict[str, str] = {
    **PROJECT_PREFIXES,
    "derived": derived_graph(""),
    **QUERY_PREFIXES,
}


def prefix_block(prefixes: dict[str, str] | None = None, *, align: bool = True) -> str:
    """The ``PREFIX`` lines of ``prefixes`` (default: all of :data:`PREFIXES`), the IRIs
    aligned in one column unless ``align`` is false."""
    table = PREFIXES if prefixes is None else prefixes
    width = max((len(p) for p in table), default=0) + 1 if align else 0
    return "".join(f"PREFIX {(p + ':').ljust(width)} <{ns}>\n" for p, ns in table.items())
