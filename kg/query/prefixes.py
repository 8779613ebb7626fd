"""The prefixes every query may use without declaring them (``kg query --prefixes``).

One table for every query, :mod:`kg.prefixes` (built from the generated namespaces), whose
``PREFIX`` block every SPARQL text the toolkit writes starts with. A query's own
``PREFIX`` declarations win; the ones it leaves out are added before it runs.

>>> prefix_block().splitlines()[0]
'PREFIX kg:      <https://w3id.org/kg-toolkit/ontology#>'
>>> with_prefixes("PREFIX kg: <urn:x#>\\nASK {}").count("PREFIX kg:")
1
"""

from __future__ import annotations

from kg.prefixes import PREFIXES, prefix_block

__all__ = ["PREFIXES", "prefix_block", "declared_prefixes", "with_prefixes"]


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
