"""A gazetteer of names -> items, from the corpus, linked Wikidata labels, or shipped data.

Sources, each optional: the annotated corpus (labels, aliases and the exact words of
every mention of actors, places, weapons and objectives), the Wikidata labels and
aliases of the items it links (``build/wikidata.nq``), the generic list of states,
capitals and organizations shipped in ``kg/annotate/gazetteer.yaml``, and a Wikidata
slice in Turtle (items typed through ``kg:wikidataClass``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.namespace import KG, RDFS, SKOS, WD, WDT

__all__ = ["Entry", "Gazetteer", "GENERIC"]

GENERIC = Path(__file__).with_name("gazetteer.yaml")
RDFS_LABEL = RDFS.label
SKOS_ALT = SKOS.altLabel
P31 = WDT["P31"]


@dataclass
class Entry:
    id: str
    type: str
    label: str
    names: set[str] = field(default_factory=set)
    wikidata: str | None = None
    # the entry it belongs to (``of`` in a gazetteer list): a ministry's state, a leader's
    owner: str | None = None


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry, defer: bool = False) -> None:
        """Add or merge ``entry``; with ``defer`` (generic sources) the entries already known
        win: an entry with a known Wikidata ID joins that entry, and names another entry
        already has are left out."""
        if defer:
            same = next((e for e in self.entries.values()
                         if entry.wikidata and e.wikidata == entry.wikidata), None)
            target = same or self.entries.get(entry.id)
            taken = {n for e in self.entries.values() if e is not target for n in e.names}
            entry.names = (entry.names | {entry.label}) - taken
            if target is not None:
                target.names |= entry.names
                target.owner = target.owner or entry.owner
                return
            if entry.label in taken:
                return
        known = self.entries.get(entry.id)
        if known is None:
            entry.names.add(entry.label)
            self.entries[entry.id] = entry
        else:
            known.names |= entry.names | {entry.label}
            known.wikidata = known.wikidata or entry.wikidata
            known.owner = known.owner or entry.owner

    def names(self) -> dict[str, str]:
        """Surface form -> entry id; a name two entries share is dropped (ambiguous)."""
        seen: dict[str, set[str]] = {}
        for e in self.entries.values():
            for n in e.names:
                if len(n) > 1:
                    seen.setdefault(n, set()).add(e.id)
        return {n: next(iter(ids)) for n, ids in seen.items() if len(ids) == 1}

    # -- sources ---------------------------------------------------------------
    def add_corpus(self, corpus, onto, exclude_doc: str | None = None) -> None:
        """Corpus-scoped items of every document (but ``exclude_doc``)."""
        for doc in corpus:
            if doc.id == exclude_doc:
                continue
            for it in doc.items:
                if not onto.has_class(it.type) or onto.scope(it.type) != "corpus":
                    continue
                names = {a.exact for a in it.anchors}
                names |= {v for v in it.values.get("aliases", []) if isinstance(v, str)}
                qid = next((v for v in it.values.get("wikidata", []) if isinstance(v, str)), None)
                self.add(Entry(it.id, it.type, it.label or it.id, names, qid))

    def add_wikidata_labels(self, path: Path) -> int:
        """Labels and aliases of already linked entries from N-Quads/Turtle; returns how many."""
        g = _graph(path)
        by_qid = {e.wikidata: e for e in self.entries.values() if e.wikidata}
        n = 0
        for s, p, o in g:
            qid = WD.local(str(s))
            if qid in by_qid and str(p) in (RDFS_LABEL, SKOS_ALT) \
                    and getattr(o, "language", "en") in (None, "en"):
                by_qid[qid].names.add(str(o))
                n += 1
        return n

    def add_yaml(self, path: Path = GENERIC) -> None:
        """The entries of a gazetteer list. Besides ``aliases``, an entry may give ``forms``
        and ``of`` (the id of an earlier entry, its owner, kept as :attr:`Entry.owner`: the
        side an actor speaks for; a person's ``of`` alone, with no forms, gives their state):
        each form is written after every name of the owner and its possessive, and after the
        owner's ``demonyms`` ("Defense Ministry" of south-korea: "South Korea's Defense
        Ministry", "South Korean Defense Ministry", "Seoul's Defense Ministry"). A name
        opening with "the" is also written with "The" (a sentence's first word)."""
        import yaml

        owners: dict[str, dict] = {}
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            owners[raw["id"]] = raw
            names = set(raw.get("aliases", [])) | set(raw.get("demonyms", []))
            owner = owners.get(raw.get("of", ""))
            if owner is not None:
                for form in raw.get("forms", []):
                    names |= _owned(owner, form)
            names |= {"The" + n[3:] for n in names | {raw["label"]} if n.startswith("the ")}
            self.add(Entry(raw["id"], raw["type"], raw["label"], names, raw.get("wikidata"),
                           raw.get("of")), defer=True)

    def add_wikidata_slice(self, path: Path, onto) -> None:
        """Typed items of a Wikidata slice: P31 fitting a class's ``kg:wikidataClass``."""
        from kg.annotate.text import _slug

        g = _graph(path)
        fits: dict[str, str] = {}
        for cls in onto.classes.values():
            for wd_class in cls.props.get(KG.wikidataClass, []):
                fits[wd_class] = cls.local
        classes = {str(o) for _s, p, o in g if str(p) == P31}
        for s in sorted({str(s) for s, p, _o in g if str(p) == RDFS_LABEL}):
            if WD.local(s) is None or s in classes:
                continue
            types = [fits[str(o)] for o in g.objects(_ref(s), _ref(P31)) if str(o) in fits]
            if not types:
                continue
            label = str(g.value(_ref(s), _ref(RDFS_LABEL)))
            alts = {str(o) for o in g.objects(_ref(s), _ref(SKOS_ALT))}
            self.add(Entry(_slug(label), sorted(types)[0], label, alts, WD.local(s)), defer=True)


def _owned(owner: dict, form: str) -> set[str]:
    """``form`` written as owned by the ``owner`` entry: after each of its names (but its
    demonyms) with "'s", and after each of its demonyms."""
    out = set()
    for name in [owner["label"], *owner.get("aliases", [])]:
        if name in owner.get("demonyms", []):
            continue
        out.add(f"{name}'s {form}")
        out.add(f"{name}’s {form}")
    for dem in owner.get("demonyms", []):
        out.add(f"{dem} {form}")
    return out


def _ref(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def _graph(path: Path):
    """The union of the file's graphs as an rdflib Graph, read safely (:mod:`kg.rdfio`:
    size limit, no DTDs, no remote contexts); N-Quads, TriG or (else) Turtle."""
    from kg.rdfio import safe_parse, to_rdflib

    fmt = {".nq": "nquads", ".trig": "trig"}.get(Path(path).suffix, "turtle")
    return to_rdflib(safe_parse(path, fmt))
