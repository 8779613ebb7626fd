"""Pools of corpus-scoped things (actors, places, weapons, objectives, publishers).

Types come from the ontology (subclasses of the roots named in ``templates.yaml``);
names are generated from syllables, unique, and never a substring of one another
or of the sentence wording, so ``occurrence: all`` mentions find only their own.
Popularity follows a Zipf-like law: a few actors appear in many documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from kg.ontology import Ontology

__all__ = ["Entity", "Pool", "Pools", "build_pools", "subtypes"]


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    label: str


@dataclass
class Pool:
    """Entities with cumulative Zipf weights for fast weighted picks."""

    entities: list[Entity]
    cumulative: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(self.entities))]
        self.cumulative = list(accumulate(weights))

    def pick(self, rng: random.Random, k: int = 1) -> list[Entity]:
        """``k`` distinct entities (fewer if the pool is smaller)."""
        k = min(k, len(self.entities))
        chosen: dict[str, Entity] = {}
        while len(chosen) < k:
            for e in rng.choices(self.entities, cum_weights=self.cumulative, k=k):
                chosen.setdefault(e.id, e)
        return list(chosen.values())[:k]


@dataclass
class Pools:
    actors: Pool
    places: Pool
    weapons: Pool
    objectives: Pool
    publishers: Pool
    event_types: list[str]
    relation_types: list[str]
    motive_types: list[str]


def subtypes(onto: Ontology, root: str) -> list[str]:
    """Annotatable subclasses of ``root`` (the root itself when it has none)."""
    found = sorted(c.local for c in onto.classes.values()
                   if c.annotatable and c.is_a(root) and c.local != root)
    return found or ([root] if onto.has_class(root) else [])


class _Names:
    """Unique capitalized roots that do not contain, or hide inside, one another."""

    def __init__(self, rng: random.Random, syllables: list[str], reserved_text: str):
        self.rng, self.syllables = rng, syllables
        self.reserved = reserved_text
        self.used: set[str] = set()
        self.pieces: set[str] = set()  # every substring (len >= 3) of used roots

    def root(self) -> str:
        for _ in range(10_000):
            n = self.rng.choice((2, 2, 3, 3, 4))
            name = "".join(self.rng.choice(self.syllables) for _ in range(n)).capitalize()
            if self._ok(name):
                self._add(name)
                return name
        raise RuntimeError("name space exhausted; add syllables to templates.yaml")

    def _ok(self, name: str) -> bool:
        if len(name) < 4 or name in self.pieces or name in self.reserved:
            return False
        subs = {name[i:j] for i in range(len(name)) for j in range(i + 4, len(name) + 1)}
        return not (subs & self.used)

    def _add(self, name: str) -> None:
        self.used.add(name)
        self.pieces.update(name[i:j] for i in range(len(name))
                           for j in range(i + 4, len(name) + 1))


def _title(label: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in label.split())


def build_pools(onto: Ontology, t: dict[str, Any], rng: random.Random, *, actors: int,
                places: int, weapons: int, objectives: int, publishers: int) -> Pools:
    roots = t["roots"]
    labels = [_title(c.label) for c in onto.classes.values()]
    labels += [c.label for c in onto.classes.values()]
    reserved = " ".join(_strings(t) + labels)
    names = _Names(rng, t["syllables"], reserved)

    def label_of(type_: str) -> str:
        return _title(onto.class_(type_).label)

    actor_types = subtypes(onto, roots["actor"])
    weights = [t["actor_weights"].get(a, t["actor_weights"]["default"]) for a in actor_types]
    pool_actors = []
    for i in range(actors):
        type_ = rng.choices(actor_types, weights=weights)[0]
        pattern = t["actor_names"].get(type_, t["actor_names"]["default"])
        root = names.root()
        label = pattern.format(root=root, first=rng.choice(t["first_names"]),
                               label=label_of(type_))
        pool_actors.append(Entity(f"{root.lower()}-{i}", type_, label))

    def simple(root_key: str, count: int, pattern: Any, prefix: str) -> Pool:
        types = subtypes(onto, roots[root_key])
        out = []
        for i in range(count):
            type_ = rng.choice(types)
            if isinstance(pattern, dict):
                fmt = str(pattern[type_] if type_ in pattern else pattern["default"])
            else:
                fmt = str(pattern)
            root = names.root()
            label = fmt.format(root=root, ROOT=root.upper()[:3], n=rng.randint(2, 29),
                               label=label_of(type_))
            out.append(Entity(f"{prefix}-{root.lower()}-{i}", type_, label))
        return Pool(out)

    pub_type = t["publisher_type"] if onto.has_class(t["publisher_type"]) else actor_types[0]
    pubs = []
    for i in range(publishers):
        root = names.root()
        pubs.append(Entity(f"pub-{root.lower()}-{i}", pub_type,
                           t["publisher_names"].format(root=root)))
    return Pools(
        actors=Pool(pool_actors),
        places=simple("place", places, t["place_names"], "place"),
        weapons=simple("weapon", weapons, t["weapon_names"], "weapon"),
        objectives=simple("objective", objectives, t["objective_names"], "objective"),
        publishers=Pool(pubs),
        event_types=subtypes(onto, roots["event"]),
        relation_types=subtypes(onto, roots["relation"]),
        motive_types=subtypes(onto, roots["motive"]),
    )


def _strings(value: Any) -> list[str]:
    """Every string in the templates (names must not hide inside the wording)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
