"""The prefixes every query may use without declaring them (``kg query --prefixes``).

One table, built from the generated namespaces (:mod:`kg.namespace`): the project's
prefix table (:data:`kg.iris.PREFIXES`), the derived graphs' folder and the Wikidata
prefixes of the fetched graph. Every SPARQL text the toolkit writes starts with
:func:`prefix_block`; no module writes its own ``PREFIX`` lines. A query's own
``PREFIX`` declarations win; the ones it leaves out are added before it runs.

>>> "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#>" in prefix_block()
True
>>> with_prefixes("PREFIX kg: <urn:x#>\\nASK {}").count("PREFIX kg:")
1
"""

from __future__ import annotations

from kg.iris import PREFIXES as PROJECT_PREFIXES
from kg.iris import derived_graph
from kg.namespace import QUERY_PREFIXES

__all__ = ["PREFIXES", "prefix_block", "declared_prefixes", "with_prefixes"]

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


def declared_prefixes(text: str) -> set[str]:
    """The prefix names ``text`` declares itself (comments and strings skipped)."""
    from kg.store.guard import tokenize

    tokens = tokenize(text)
    return {nxt.text[:-1] for tok, nxt in zip(tokens, tokens[1:], strict=False)
            if tok.kind == "word" and tok.text.upper() == "PREFIX" and nxt.kind == "pname"
            and nxt.text.endswith(":")}


def with_prefixes(text: str) -> str:
    """``text`` preceded, on one line, by the predefined prefixes it does not declare.

    One line, so an engine's error position moves by exactly one line.
    """
    missing = {p: ns for p, ns in PREFIXES.items() if p not in declared_prefixes(text)}
    if not missing:
        return text
    return " ".join(f"PREFIX {p}: <{ns}>" for p, ns in missing.items()) + "\n" + text
