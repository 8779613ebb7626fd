"""What to link: the graph's actors, places and weapon systems, read generically.

Which classes are linked, and which Wikidata classes (P31 values) fit each, is
data in ``ontology/wikidata-mapping.ttl``: ``kg:wikidataLinkable true`` on a
class makes it and all its subclasses candidates; ``kg:wikidataClass wd:Q...``
on a class is the type constraint of that class and of subclasses that declare
none. No class is named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg import iris
from kg.link.terms import RDFS, SKOS, iri_sparql
from kg.namespace import KG
from kg.store.result import lexical

if TYPE_CHECKING:
    from kg.ontology import Ontology
    from kg.store.protocol import Queryable

__all__ = ["TypeRule", "Entity", "type_rules", "read_entities", "read_links", "entity_id",
           "LINKABLE", "WIKIDATA_CLASS"]

LINKABLE = str(KG.wikidataLinkable)
WIKIDATA_CLASS = str(KG.wikidataClass)
EXACT_MATCH = SKOS.exactMatch


@dataclass(frozen=True)
class TypeRule:
    """The Wikidata classes an instance of ``cls`` may have (empty: no constraint)."""

    cls: str
    accepted: frozenset[str]
    declared_on: str | None  # the class whose kg:wikidataClass applies


@dataclass
class Entity:
    iri: str
    types: list[str]  # most specific linkable classes (IRIs), sorted
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    accepted: frozenset[str] = frozenset()
    constraint_from: str | None = None

    @property
    def id(self) -> str:
        return entity_id(self.iri)

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else (self.aliases[0] if self.aliases else self.id)

    def strings(self) -> list[tuple[str, str]]:
        """(text, role) pairs to match: role ``label`` or ``alias``; each text once."""
        seen: dict[str, str] = {}
        for role, values in (("label", self.labels), ("alias", self.aliases)):
            for v in values:
                seen.setdefault(v, role)
        return sorted(seen.items(), key=lambda kv: (kv[1] != "label", kv[0]))


def entity_id(iri: str) -> str:
    """The corpus id (``north-korea``) of an item IRI, or the IRI itself for other nodes."""
    if iri.startswith(iris.BASE):
        local = iri[len(iris.BASE):]
        if iris.is_valid_id(local):
            return local
    return iri


def type_rules(ontology: Any) -> dict[str, TypeRule]:
    """Linkable classes (IRI -> rule), from a :class:`kg.ontology.Ontology`."""
    rules: dict[str, TypeRule] = {}
    for info in ontology.classes.values():
        flags = [v for anc in info.ancestors if (c := ontology.classes.get(anc))
                 for v in c.props.get(LINKABLE, [])]
        if not any(str(v).lower() == "true" for v in flags):
            continue
        accepted: frozenset[str] = frozenset()
        declared_on = None
        for anc in info.ancestors:  # self first, nearest ancestors next
            c = ontology.classes.get(anc)
            if c and c.props.get(WIKIDATA_CLASS):
                accepted, declared_on = frozenset(c.props[WIKIDATA_CLASS]), anc
                break
        rules[info.iri] = TypeRule(info.iri, accepted, declared_on)
    return rules


def _most_specific(types: set[str], ontology: Any) -> list[str]:
    """Drop every type that is an ancestor of another type of the same node."""
    keep = []
    for t in types:
        others = (o for o in types if o != t)
        if not any(t in ontology.classes[o].ancestors for o in others if o in ontology.classes):
            keep.append(t)
    return sorted(keep)


def read_entities(store: Queryable, ontology: Ontology) -> list[Entity]:
    """Every node typed with a linkable class, with its labels and aliases, sorted by IRI."""
    rules = type_rules(ontology)
    if not rules:
        return []
    values = " ".join(iri_sparql(c) for c in sorted(rules))
    query = f"""
        SELECT ?e ?type ?p ?l WHERE {{
          VALUES ?type {{ {values} }}
          ?e a ?type .
          FILTER(isIRI(?e))
          OPTIONAL {{
            VALUES ?p {{ <{RDFS.label}> <{SKOS.altLabel}> }}
            ?e ?p ?l . FILTER(isLiteral(?l))
          }}
        }}"""
    types: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    for row in store.query(query).dicts():
        e = lexical(row["e"])
        types.setdefault(e, set()).add(lexical(row["type"]))
        if "l" in row and lexical(row["l"]).strip():
            bucket = labels if lexical(row["p"]) == RDFS.label else aliases
            bucket.setdefault(e, set()).add(lexical(row["l"]).strip())
    out = []
    for e in sorted(types):
        specific = _most_specific(types[e], ontology)
        accepted = frozenset().union(*(rules[t].accepted for t in specific))
        declared = sorted({d for t in specific if (d := rules[t].declared_on)})
        out.append(Entity(iri=e, types=specific, labels=sorted(labels.get(e, ())),
                          aliases=sorted(aliases.get(e, set()) - labels.get(e, set())),
                          accepted=accepted, constraint_from=declared[0] if declared else None))
    return out


def read_links(store: Queryable, graph: str) -> dict[str, list[str]]:
    """``skos:exactMatch`` targets per node in one named graph (e.g. the curated links)."""
    query = f"SELECT ?e ?t WHERE {{ GRAPH {iri_sparql(graph)} {{ ?e <{EXACT_MATCH}> ?t }} }}"
    links: dict[str, list[str]] = {}
    for row in store.query(query).dicts():
        links.setdefault(lexical(row["e"]), []).append(lexical(row["t"]))
    return {k: sorted(v) for k, v in links.items()}
