"""Reconcile the graph's actors, places and weapon systems with Wikidata items.

Every label and alias of every candidate entity is looked up, in batches of
``config.batch_labels`` strings per request (a ``VALUES`` block), against
``rdfs:label`` and ``skos:altLabel`` of Wikidata items, fetching each match's
English label and ``wdt:P31`` classes. The query uses nothing but those
properties (no ``SERVICE wikibase:label``), so the same code talks to WDQS and
to the local Oxigraph server the tests run. Answers are cached per string.

Scores (in [0, 1]) multiply how the strings matched by how the type fits:

- our label = their label 1.0; label = alias or alias = label 0.9; alias = alias 0.8;
- P31 is one of the classes ``ontology/wikidata-mapping.ttl`` accepts: x 1.0;
  the class has no constraint (persons, cities, seas, weapons: no verified
  Wikidata class): x 0.85; the item states no P31: x 0.75; P31 does not fit: x 0.4.

Persons are therefore matched by label and alias alone and never score above
0.85: ``--accept-above 0.9`` leaves them to a reviewer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kg.errors import LinkError
from kg.link.cache import Cache, string_rows
from kg.link.client import client_for
from kg.link.config import LinkConfig
from kg.link.entities import Entity, read_entities, read_links
from kg.link.proposals import Proposal
from kg.link.terms import RDFS, SKOS, WD, WDT, literal_sparql, qid_of
from kg.prefixes import prefix_block
from kg.sparqlclient import SparqlClient, redact

if TYPE_CHECKING:
    from kg.ontology import Ontology
    from kg.store import Store

__all__ = ["propose", "ReconcileResult", "match_query", "lookup_strings", "score_entity",
           "LABEL_SCORES", "TYPE_FACTORS", "MATCH_KIND"]

LABEL_SCORES = {("label", "label"): 1.0, ("label", "alias"): 0.9, ("alias", "label"): 0.9,
                ("alias", "alias"): 0.8}
TYPE_FACTORS = {"fits": 1.0, "unconstrained": 0.85, "unknown": 0.75, "mismatch": 0.4}

_PREFIXES = prefix_block({"rdfs": str(RDFS), "skos": str(SKOS), "wdt": str(WDT)}, align=False)
_MATCH_TEMPLATE = _PREFIXES + f"""\
SELECT ?label ?item ?via ?itemLabel ?class WHERE {{
  VALUES ?via {{ rdfs:label skos:altLabel }}
  VALUES ?label {{ __VALUES__ }}
  ?item ?via ?label .
  FILTER(STRSTARTS(STR(?item), "{WD}Q"))
  OPTIONAL {{ ?item rdfs:label ?itemLabel . FILTER(LANG(?itemLabel) = __LANG__) }}
  OPTIONAL {{ ?item wdt:P31 ?class }}
}}"""
_VIA = {RDFS.label: "label", SKOS.altLabel: "alias"}
# Cache entries are tied to the query text: editing the query invalidates them.
MATCH_KIND = "match-" + hashlib.sha256(_MATCH_TEMPLATE.encode()).hexdigest()[:12]


def match_query(strings: list[str], language: str) -> str:
    """The lookup query for ``strings`` as ``@language`` literals, escaped by pyoxigraph."""
    values = " ".join(literal_sparql(s, language) for s in strings)
    # The labels go in last: a label holding "__LANG__" must stay inside its literal.
    return (_MATCH_TEMPLATE.replace("__LANG__", literal_sparql(language))
            .replace("__VALUES__", values))


@dataclass
class ReconcileResult:
    proposals: list[Proposal]
    entities: int
    curated: list[str] = field(default_factory=list)  # ids left alone (curated link)
    strings: int = 0  # distinct label strings looked up
    requests: int = 0  # HTTP requests sent (retries included)
    cache_hits: int = 0


def lookup_strings(strings: list[str], *, client: SparqlClient, cache: Cache,
                   config: LinkConfig, today: str) -> dict[str, tuple[list[dict[str, str]], str]]:
    """Matches per string: ``{string: (rows, retrieved)}``, from the cache or in batches.

    :raises LinkError: offline with strings missing from the cache.
    :raises EndpointError: if a request fails.
    """
    lang = config.match_language
    found: dict[str, tuple[list[dict[str, str]], str]] = {}
    missing = []
    for s in strings:
        entry = cache.get(MATCH_KIND, f"{lang}\n{s}")
        matches = string_rows(entry.value) if entry is not None else None
        if entry is None or matches is None:
            missing.append(s)
        else:
            found[s] = (matches, entry.retrieved)
    if missing and config.offline:
        raise LinkError(f"offline: {len(missing)} label(s) are not in the cache "
                        f"{config.cache_dir} for {redact(config.endpoint)} "
                        f"(first: {missing[0]!r}); "
                        "run once without --offline")
    for start in range(0, len(missing), config.batch_labels):
        batch = missing[start:start + config.batch_labels]
        rows = client.select(match_query(batch, lang))
        per: dict[str, list[dict[str, str]]] = {s: [] for s in batch}
        for row in rows:
            label = row.get("label", {}).get("value")
            via = _VIA.get(row.get("via", {}).get("value", ""))
            if label in per and via and "item" in row:
                match: dict[str, str] = {k: row[k]["value"] for k in ("item", "itemLabel", "class")
                                         if k in row}
                per[label].append({**match, "via": via})
        for s in batch:
            cache.put(MATCH_KIND, f"{lang}\n{s}", per[s], today)
            found[s] = (per[s], today)
    return found


@dataclass
class _Candidate:
    qid: str
    label: str = ""
    classes: set[str] = field(default_factory=set)
    evidence: set[tuple[str, str]] = field(default_factory=set)  # (our role, their via)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _type_fit(entity: Entity, classes: set[str]) -> tuple[str, str]:
    """(verdict, explanation) of a candidate's P31 classes against the entity's constraint."""
    kind = "+".join(_local(t) for t in entity.types)
    if not entity.accepted:
        return "unconstrained", f"no type constraint for {kind}"
    expected = ", ".join(sorted(_local(c) for c in entity.accepted))
    fitting = sorted(_local(c) for c in classes & entity.accepted)
    if fitting:
        return "fits", f"P31 {', '.join(fitting)} fits {kind}"
    if not classes:
        return "unknown", f"P31 not stated ({kind} expects {expected})"
    shown = ", ".join(sorted(_local(c) for c in classes)[:3])
    return "mismatch", f"P31 {shown} does not fit {kind} (expects {expected})"


def score_entity(entity: Entity, answers: dict[str, tuple[list[dict[str, str]], str]], *,
                 config: LinkConfig) -> list[Proposal]:
    """Scored proposals for one entity, best first (one empty row when nothing matched)."""
    cands: dict[str, _Candidate] = {}
    dates = []
    for text, role in entity.strings():
        rows, retrieved = answers.get(text, ([], ""))
        dates.append(retrieved)
        for row in rows:
            qid = qid_of(row.get("item", ""))
            if qid is None:
                continue
            c = cands.setdefault(qid, _Candidate(qid))
            c.label = c.label or row.get("itemLabel", "")
            c.evidence.add((role, row.get("via", "label")))
            if row.get("class"):
                c.classes.add(row["class"])
    kind = "+".join(_local(t) for t in entity.types)
    retrieved = max(dates, default="")

    def proposal(candidate: str, label: str, score: float | None, method: str) -> Proposal:
        return Proposal(id=entity.id, type=kind, label=entity.label, candidate=candidate,
                        candidate_label=label, score=score, method=method,
                        endpoint=config.endpoint, retrieved=retrieved)

    if not cands:
        why = ("no label to match" if not entity.strings() else
               f"no Wikidata item has this label or alias (@{config.match_language})")
        return [proposal("", "", None, why)]
    out = []
    for c in cands.values():
        best = max(c.evidence, key=lambda e: (LABEL_SCORES[e], e))  # ties: stable text
        verdict, why = _type_fit(entity, c.classes)
        score = round(LABEL_SCORES[best] * TYPE_FACTORS[verdict], 3)
        how = f"{best[0]} = Wikidata {best[1]}; {why}"
        if len(cands) > 1:
            how += f"; {len(cands)} candidates"
        out.append(proposal(c.qid, c.label, score, how))
    out.sort(key=lambda p: (-(p.score or 0.0), int(p.candidate[1:])))
    return out[:config.max_candidates]


def propose(store: Store, *, config: LinkConfig, ontology: Ontology | None = None,
            client: SparqlClient | None = None, cache: Cache | None = None,
            today: str | None = None, include_curated: bool = False) -> ReconcileResult:
    """Proposals for every linkable entity of ``store`` that has no curated link.

    ``store`` is a :mod:`kg.store` store of the built graph (e.g.
    ``open_store("build/store")``). ``include_curated`` also proposes for entities
    with a curated link, to audit those links (applying never overrides them).

    :raises EndpointError: if the endpoint fails (one line naming it).
    :raises LinkError: offline with labels missing from the cache.
    """
    from kg import iris

    if ontology is None:
        from kg.ontology import load_ontology

        ontology = load_ontology()
    cache = cache or Cache(config.cache_dir, config.endpoint)
    today = today or datetime.now(UTC).date().isoformat()
    entities = read_entities(store, ontology)
    curated = read_links(store, iris.CURATED_LINKS_GRAPH)
    todo = [e for e in entities if include_curated or e.iri not in curated]
    strings = sorted({text for e in todo for text, _ in e.strings()})
    own = client is None
    client = client or client_for(config)
    before = client.requests
    try:
        answers = lookup_strings(strings, client=client, cache=cache, config=config,
                                 today=today)
    finally:
        if own:
            client.close()
    proposals = [p for e in todo for p in score_entity(e, answers, config=config)]
    return ReconcileResult(proposals=proposals, entities=len(entities),
                           curated=sorted(e.id for e in entities if e.iri in curated),
                           strings=len(strings), requests=client.requests - before,
                           cache_hits=cache.hits)
