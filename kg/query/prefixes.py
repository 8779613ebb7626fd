"""The prefixes every query may use without declaring them (``kg query --prefixes``).

One table, built from the project's namespace table (:data:`kg.iris.PREFIXES`) plus the
Wikidata prefixes of the fetched graph and the derived graphs' folder. A query's own
``PREFIX`` declarations win; the ones it leaves out are added before it runs.

>>> "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#>" in prefix_block()
True
>>> with_prefixes("PREFIX kg: <urn:x#>\\nASK {}").count("PREFIX kg:")
1
"""

from __future__ import annotations

from kg.iris import BASE
from kg.iris import PREFIXES as PROJECT_PREFIXES

__all__ = ["PREFIXES", "prefix_block", "declared_prefixes", "with_prefixes"]

PREFIXES: dict[str, str] = {
    **PROJECT_PREFIXES,
    "derived": BASE + "graph/derived/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
}


def prefix_block(prefixes: dict[str, str] | None = None) -> str:
    """The ``PREFIX`` lines of ``prefixes`` (default: all of :data:`PREFIXES`)."""
    table = PREFIXES if prefixes is None else prefixes
    width = max((len(p) for p in table), default=0) + 1
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
