"""Derivation rules kept as data: ``ontology/rules/*.rq`` SPARQL CONSTRUCT files.

Each rule's output goes into its own named graph ``kgd:graph/derived/{rule}``,
described in the provenance graph as "derived by rule X", so derived
statements are never mixed silently with what a source asserted.

A rule's header says its scope. ``# scope: document`` declares that its WHERE
clause only joins statements of one document's graphs with the ontology (a
superclass type, an inverse statement): the build then runs it per document,
in the worker that writes the document, and caches the result with it. Any
other rule is a corpus rule (``display-labels`` chooses one label among all
documents) and runs once on the whole store. Document rules run first, in name
order, each seeing the document, the ontology and the earlier document rules'
output; then corpus rules in name order, seeing everything before them.
``tests/build/test_rules.py`` checks that each document rule gives the same
statements when run on the whole corpus.

A corpus rule may say ``# focus: ?x``: every statement it constructs has ``?x`` as
subject, and what it derives about one ``?x`` depends only on statements that mention
``?x`` and on statements of documents that mention ``?x``, never on what a later
corpus rule derives. A rebuild after an edit then runs it only for the nodes the edit
touched instead of on the whole store (:mod:`kg.build.incremental`): where the rule has
``VALUES ?x { UNDEF }`` lines (which change nothing in a full build) the nodes are put
there, some hundreds per query, so the rule's author decides where the restriction
applies; otherwise the rule runs once per node (``substitutions``). A corpus rule
without a focus runs whole. The
incremental and full builds are compared byte for byte by ``tests/build/test_incremental.py``.

A corpus rule runs on the whole store, so its shape matters: Oxigraph 0.5 evaluates both
sides of a join inside ``EXISTS`` on their own for each row (a pattern that does not use the
row's variables is read whole, once per row), and a focus list joined with the instances of
a class hierarchy may come after reading every instance. ``factuality.rq`` and
``membership.rq`` say in their headers how they keep to one keyed look-up per step; their
plain forms are the tests' references (``tests/build/test_rule_references.py``), and
``BuildResult.rule_seconds`` says what each rule cost.

A focused rule may also say ``# context: p1 p2 ...`` (prefixed names of its own ``PREFIX``
lines, or ``<iri>``): the only predicates it reads in statements about other nodes than
``?x`` (every other pattern of the rule has ``?x`` as subject and a constant predicate;
``tests/build/test_rules.py`` checks the declaration against the rule's algebra). Then what
it derives about a node can only change when a statement about that node changed, or a
statement with one of those predicates: a rebuild whose changed statements have none of
them runs the rule only for the nodes of the changed statements, not for every node the
edited documents mention (``display-labels``: a label edited, not the document's grade).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.errors import BuildError

__all__ = ["Rule", "load_rules", "rule_files", "apply_rules", "run_rule", "quad_line",
           "DocumentRules"]

_SCOPE = re.compile(r"^#\s*scope:\s*([^\s(]+)", re.MULTILINE)
_FOCUS = re.compile(r"^#\s*focus:\s*\?([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
_CONTEXT = re.compile(r"^#\s*context:\s*([^(\n]*)", re.MULTILINE)
_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>",
                     re.MULTILINE | re.IGNORECASE)
SCOPES = ("document", "corpus")


@dataclass(frozen=True)
class Rule:
    name: str
    path: Path
    text: str
    scope: str  # "document" or "corpus"
    focus: str | None = None  # a corpus rule's focus variable (without "?"), if it has one
    # a focused rule's ``# context:`` predicates (IRIs), if it declares them
    context: frozenset[str] | None = None

    @property
    def graph(self) -> str:
        return iris.derived_graph(self.name)

    @property
    def focus_placeholder(self) -> re.Pattern[str] | None:
        """The pattern of the rule's ``VALUES ?focus { UNDEF }`` lines, if it has any."""
        if not self.focus:
            return None
        pattern = re.compile(r"VALUES\s+\?" + self.focus + r"\s*\{\s*UNDEF\s*\}")
        return pattern if pattern.search(self.text) else None


def rule_files(ontology_dir: Path) -> list[Path]:
    return sorted((ontology_dir / "rules").glob("*.rq"))


def load_rules(ontology_dir: Path) -> list[Rule]:
    """The rules in the order they run: document rules, then corpus rules (each by name).

    :raises BuildError: for an unreadable rule or an unknown scope.
    """
    rules = []
    for path in rule_files(ontology_dir):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BuildError(f"{path}: cannot read the rule: {exc}") from None
        m = _SCOPE.search(text)
        scope = m.group(1) if m else "corpus"
        if scope not in SCOPES:
            line = text[: m.start()].count("\n") + 1 if m else None
            raise BuildError(f"{path}:{line}: unknown rule scope {scope!r} "
                             f"(use one of: {', '.join(SCOPES)})")
        focus = _FOCUS.search(text)
        context = _context(path, text) if focus else None
        rules.append(Rule(path.stem, path, text, scope, focus.group(1) if focus else None,
                          context))
    return sorted(rules, key=lambda r: (SCOPES.index(r.scope), r.name))


def _context(path: Path, text: str) -> frozenset[str] | None:
    """The IRIs of a rule's ``# context:`` header (None without one).

    :raises BuildError: for a name whose prefix the rule does not declare.
    """
    m = _CONTEXT.search(text)
    if m is None:
        return None
    prefixes = {p or "": ns for p, ns in _PREFIX.findall(text)}
    out = set()
    for name in m.group(1).split():
        if name.startswith("<") and name.endswith(">"):
            out.add(name[1:-1])
            continue
        prefix, _, local = name.partition(":")
        if not _ or prefix not in prefixes:
            line = text[: m.start()].count("\n") + 1
            raise BuildError(f"{path}:{line}: context predicate {name!r} is not a prefixed "
                             "name of the rule's PREFIX lines nor an <iri>")
        out.add(prefixes[prefix] + local)
    return frozenset(out)


def run_rule(store: ox.Store, rule: Rule, focus: ox.NamedNode | None = None
             ) -> list[ox.Quad]:
    """The quads ``rule`` derives from ``store`` (for one ``focus`` node, if given)."""
    g = ox.NamedNode(rule.graph)
    bind: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = (
        {ox.Variable(rule.focus): focus} if focus is not None and rule.focus else None)
    try:
        triples = store.query(rule.text, use_default_graph_as_union=True, substitutions=bind)
    except SyntaxError as exc:
        raise BuildError(f"{rule.path}: invalid rule: {exc}") from None
    if not isinstance(triples, ox.QueryTriples):
        raise BuildError(f"{rule.path}: a rule must be a CONSTRUCT query")
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]


def apply_rules(store: ox.Store, rules: list[Rule],
                seconds: dict[str, float] | None = None) -> dict[str, list[str]]:
    """Run ``rules`` in order against ``store`` (union of graphs), adding each one's output
    to the store for the next; return the N-Quads lines per rule. ``seconds``, if given,
    receives the time each rule took (its query and adding its output)."""
    out: dict[str, list[str]] = {}
    for rule in rules:
        start = time.perf_counter()
        quads = run_rule(store, rule)
        store.extend(quads)
        if seconds is not None:
            seconds[rule.name] = time.perf_counter() - start
        out[rule.name] = [quad_line(q) for q in quads]
    return out


def quad_line(q: ox.Quad) -> str:
    """The N-Quads line the build writes for ``q``."""
    return f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n"


class DocumentRules:
    """Runs the document rules on one document at a time, beside the ontology graph."""

    # Oxigraph's in-memory store keeps what was removed from it: a store that saw many
    # documents come and go gets slower, so a fresh one is started every so often.
    RENEW_EVERY = 32

    def __init__(self, rules: list[Rule], ontology_nquads: bytes):
        self.rules = [r for r in rules if r.scope == "document"]
        self._ontology = ontology_nquads
        self._renew()

    def _renew(self) -> None:
        self.store = ox.Store()
        if self.rules:
            self.store.bulk_load(input=self._ontology, format=ox.RdfFormat.N_QUADS)
        self.keep = set(self.store.named_graphs())
        self._uses = 0

    def derive(self, nquads: str) -> list[str]:
        """The lines the document rules derive from one document's N-Quads."""
        if not self.rules:
            return []
        self._uses += 1
        if self._uses > self.RENEW_EVERY:
            self._renew()
        # Lenient: the build wrote these lines from terms pyoxigraph already checked.
        self.store.load(input=nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
        try:
            return [line for lines in apply_rules(self.store, self.rules).values()
                    for line in lines]
        finally:
            for g in list(self.store.named_graphs()):
                if g not in self.keep:
                    self.store.remove_graph(g)
