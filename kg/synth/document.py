"""One synthetic document: a text and its native annotations, built together.

Sentences are assembled from pieces whose offsets are known, so every anchor is
exact by construction; after the text is complete each quote gets an
``occurrence`` number if (and only if) it occurs more than once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from kg import iris
from kg.ontology import Ontology
from kg.synth.pools import Entity, Pools

__all__ = ["SynthDocument", "generate_document", "lead_event", "RETELL_WINDOW"]

# How far back a retelling looks for the event it tells again (documents).
RETELL_WINDOW = 50


@dataclass
class SynthDocument:
    id: str
    text: str
    meta: dict[str, Any]
    items: list[dict[str, Any]]


class _Sentence:
    """A sentence under construction that remembers where each tagged piece starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.marks: dict[str, tuple[int, int]] = {}

    def add(self, text: str, tag: str | None = None) -> _Sentence:
        if tag:
            self.marks[tag] = (self.length, self.length + len(text))
        self.parts.append(text)
        self.length += len(text)
        return self

    def fill(self, template: str, entity: Entity, doc: _Builder) -> _Sentence:
        before, _, after = template.partition("{x}")
        doc.use(entity)
        return self.add(before).add(entity.label).add(after)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Builder:
    doc_id: str
    rng: random.Random
    t: dict[str, Any]
    onto: Ontology
    pools: Pools
    chunks: list[str] = field(default_factory=list)
    length: int = 0
    entities: dict[str, Entity] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)
    anchors: list[tuple[dict[str, Any], str, int]] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)  # (id, label)
    claims: list[str] = field(default_factory=list)

    def use(self, entity: Entity) -> Entity:
        self.entities.setdefault(entity.id, entity)
        return entity

    def write(self, text: str) -> int:
        start = self.length
        self.chunks.append(text)
        self.length += len(text)
        return start

    def place(self, sentence: _Sentence, quotes: dict[str, dict[str, Any]]) -> None:
        """Write a sentence and anchor the items of ``quotes`` (tag -> item) in it."""
        if self.chunks and not self.chunks[-1].endswith((" ", "\n")):
            self.write(" ")
        base = self.write(sentence.text)
        for tag, item in quotes.items():
            start, end = sentence.marks[tag]
            self.anchors.append((item, sentence.text[start:end], base + start))

    def concepts(self, key: str) -> list[str]:
        return self.onto.concepts_in(self.t["schemes"][key])


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _time(b: _Builder, n: int | str, year: int,
          rng: random.Random | None = None) -> tuple[dict[str, Any], str]:
    t, rng = b.t, rng or b.rng
    kinds = [k for k in t["times"] if b.onto.concept(k) is not None]
    kind = rng.choice(kinds)
    spec = t["times"][kind]
    m = rng.randint(1, 10)
    m2 = rng.randint(m + 1, 12)
    d = rng.randint(1, 28)
    values = {"y": year, "mm": f"{m:02d}", "mm2": f"{m2:02d}", "dd": f"{d:02d}", "d": d,
              "Month": t["months"][m - 1], "Month2": t["months"][m2 - 1]}
    item = {"id": f"t{n}", "type": t["roots"]["time"], "begin": spec["begin"].format(**values),
            "end": spec["end"].format(**values), "precision": kind}
    return item, spec["phrase"].format(**values)


def _event(b: _Builder, n: int, year: int) -> tuple[dict[str, Any], Entity, Entity | None]:
    t, rng, pools = b.t, b.rng, b.pools
    picked = pools.actors.pick(rng, 2)
    agent, target = picked[0], (picked[1] if len(picked) > 1 and rng.random() < 0.7 else None)
    etype = rng.choice(pools.event_types)
    label = b.onto.class_(etype).label
    item: dict[str, Any] = {"id": f"ev{n}", "type": etype, "agent": agent.id}
    s = _Sentence().add(b.use(agent).label)
    s.add(f" {rng.choice(t['verbs'])} {_article(label)} {label}")
    if target:
        s.fill(rng.choice(t["target_phrases"]), target, b)
        item["target"] = target.id
    if rng.random() < 0.4:
        weapon = pools.weapons.pick(rng)[0]
        s.fill(rng.choice(t["instrument_phrases"]), weapon, b)
        item["instrument"] = weapon.id
    if rng.random() < 0.5:
        place = pools.places.pick(rng)[0]
        s.fill(rng.choice(t["place_phrases"]), place, b)
        item["place"] = place.id
    if rng.random() < 0.15:
        count = rng.choice(t["counts"])
        s.add(t["count_phrase"].format(x=count))
        item["count"] = count
    elif rng.random() < 0.1:
        k = rng.choice(sorted(t["ordinal_words"]))
        s.add(t["ordinal_phrase"].format(x=t["ordinal_words"][k]))
        item["ordinal"] = int(k)
    if b.events and rng.random() < 0.25:
        prev_id, prev_label = rng.choice(b.events)
        s.add(t["response_phrase"].format(x=prev_label))
        item["respondsTo"] = prev_id
    time_item, phrase = _time(b, n, year)
    item["time"] = time_item["id"]
    statuses = b.concepts("status")
    if statuses:
        item["status"] = statuses[0] if rng.random() < 0.6 else rng.choice(statuses)
    s.add(" ").add(phrase, "time")
    s.marks["event"] = (0, s.length)
    s.add(".")
    b.place(s, {"event": item, "time": time_item})
    b.items += [item, time_item]
    b.events.append((item["id"], label))
    return item, agent, target


def _motive_claim(b: _Builder, n: int, event: dict[str, Any], agent: Entity,
                  target: Entity | None) -> None:
    t, rng = b.t, b.rng
    mtype = rng.choice(b.pools.motive_types)
    polarities = {k: w for k, w in t["polarities"].items() if b.onto.concept(k)}
    polarity = rng.choices(list(polarities), weights=list(polarities.values()))[0]
    negative = polarity != next(iter(polarities))
    certainties = [c for c in t["hedges"] if b.onto.concept(c)]
    certainty = rng.choice(certainties)
    hedge = rng.choice(t["hedges"][certainty])
    motive = {"id": f"m{n}", "type": mtype, "of": event["id"], "holder": agent.id}
    claim: dict[str, Any] = {"id": f"c{n}", "type": b.t["roots"]["claim"],
                             "asserts": [motive["id"], event["id"]]}
    s = _Sentence().add(f"{rng.choice(t['sources'])} {rng.choice(t['judges'])} ")
    s.add(agent.label + (f" {hedge} " if hedge else " "))
    clause_start = s.length
    template = t["negative_clause" if negative else "motive_clause"]
    head, _, rest = template.partition("{aim}")
    s.add(head.format(label=b.onto.class_(mtype).label))
    if target is not None and rng.random() < 0.6:
        s.fill(rng.choice(t["aim_phrases"]), target, b)
        motive["aimsAt"] = target.id
    s.add(rest.format(event=b.onto.class_(event["type"]).label))
    s.marks["motive"] = (clause_start, s.length)
    s.marks["claim"] = (0, s.length)
    s.add(".")
    modalities = [m for m in t["modalities"] if b.onto.concept(m)]
    claim.update({"modality": rng.choice(modalities), "certainty": certainty,
                  "polarity": polarity, "about": agent.id})
    if hedge:
        claim["hedge"] = hedge
    b.place(s, {"motive": motive, "claim": claim})
    b.items += [motive, claim]
    cond = t["conditional"]
    if b.claims and rng.random() < 0.15 and b.onto.concept(cond["modality"]):
        who = target or agent
        c = _Sentence().add(cond["phrase"].format(x=who.label))
        c.marks["claim"] = (0, c.length)
        c.add(".")
        conditional = {"id": f"c{n}b", "type": claim["type"], "modality": cond["modality"],
                       "if": rng.choice(b.claims), "about": who.id}
        b.place(c, {"claim": conditional})
        b.items.append(conditional)
    b.claims.append(claim["id"])


def _relation(b: _Builder, n: int, event: dict[str, Any], agent: Entity) -> None:
    t, rng, pools = b.t, b.rng, b.pools
    rtype = rng.choice(pools.relation_types)
    cls = b.onto.class_(rtype)
    pool = {"objective": pools.objectives, "place": pools.places}.get(
        t["relation_objects"].get(rtype, ""), pools.actors)
    others = [e for e in pool.pick(rng, 2) if e.id != agent.id]
    if not others:
        return
    other = others[0]
    symmetric = str(b.onto.value(cls, "symmetric")).lower() == "true"
    template = t["symmetric_relation" if symmetric else "directed_relation"]
    s = _Sentence()
    a_head, _, a_rest = template.partition("{a}")
    b_head, _, b_rest = a_rest.partition("{b}")
    s.add(a_head).add(b.use(agent).label).add(b_head.format(label=cls.label))
    s.add(b.use(other).label).add(b_rest.format(label=cls.label))
    item: dict[str, Any] = {"id": f"r{n}", "type": rtype, "subject": agent.id, "object": other.id}
    if rng.random() < 0.5:
        s.add(t["relation_via"].format(event=b.onto.class_(event["type"]).label))
        item["via"] = event["id"]
    s.marks["relation"] = (0, s.length)
    s.add(".")
    b.place(s, {"relation": item})
    b.items.append(item)


def _find_all(text: str, quote: str) -> list[int]:
    hits, i = [], text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    return hits


def _finish_anchors(b: _Builder, text: str) -> None:
    for item, quote, start in b.anchors:
        hits = _find_all(text, quote)
        anchor: dict[str, Any] = {"quote": quote}
        if len(hits) > 1:
            anchor["occurrence"] = hits.index(start) + 1
        item.setdefault("_anchors", []).append(anchor)
    for item in b.items:
        anchors = item.pop("_anchors", [])
        if len(anchors) == 1:
            item["quote"] = anchors[0]["quote"]
            if "occurrence" in anchors[0]:
                item["occurrence"] = anchors[0]["occurrence"]
        elif anchors:
            item["mentions"] = anchors


def _opening(index: int, seed: int, t: dict[str, Any], onto: Ontology,
             pools: Pools) -> tuple[_Builder, int, Entity, int]:
    """Document ``index``'s builder, year, publisher and number of events: the draws every
    document starts with (shared by :func:`generate_document` and :func:`lead_event`)."""
    rng = random.Random(f"kg-synth/{seed}/{index}")
    b = _Builder(f"synth-{seed}-{index:06d}", rng, t, onto, pools)
    year = rng.randint(2012, 2024)
    publisher = pools.publishers.pick(rng)[0]
    return b, year, publisher, rng.randint(3, 8)


def lead_event(index: int, *, seed: int, t: dict[str, Any], onto: Ontology,
               pools: Pools) -> tuple[dict[str, Any], dict[str, Any], Entity, Entity | None]:
    """The first event of document ``index`` (its item and time item, agent and target),
    exactly as :func:`generate_document` makes it, without the rest of that document."""
    b, year, _, _ = _opening(index, seed, t, onto, pools)
    event, agent, target = _event(b, 1, year)
    return event, b.items[1], agent, target


def _phrase(t: dict[str, Any], span: dict[str, Any]) -> str:
    """The words of ``templates.yaml`` for a time item's precision, begin and end."""
    y, m, d = (str(span["begin"]).split("-") + ["01", "01"])[:3]
    m2 = (str(span["end"]).split("-") + ["01"])[1]
    values = {"y": y, "mm": m, "mm2": m2, "dd": d, "d": int(d),
              "Month": t["months"][int(m) - 1], "Month2": t["months"][int(m2) - 1]}
    return str(t["times"][span["precision"]]["phrase"]).format(**values)


def _retell(b: _Builder, k: int, index: int, rng: random.Random, seed: int) -> None:
    """Paragraph ``k`` of the retellings: document ``index``'s first event told again
    (``same-as``), as other sources do, now and then differently: another event type
    (two in ten), another status (one in ten), another date (three in ten) or a claim that
    denies it (one in five). Draws only from ``rng``, so the rest of the document is as it
    would be without its retellings."""
    t, onto = b.t, b.onto
    lead, span, agent, target = lead_event(index, seed=seed, t=t, onto=onto, pools=b.pools)
    etype = lead["type"] if rng.random() >= 0.2 else rng.choice(b.pools.event_types)
    label = onto.class_(etype).label
    item: dict[str, Any] = {"id": f"rt{k}", "type": etype,
                            "same-as": f"synth-{seed}-{index:06d}/{lead['id']}",
                            "agent": agent.id}
    s = _Sentence().add(b.use(agent).label)
    s.add(f" {rng.choice(t['verbs'])} {_article(label)} {label}")
    if target is not None:
        s.fill(rng.choice(t["target_phrases"]), target, b)
        item["target"] = target.id
    if rng.random() < 0.3:
        time_item, phrase = _time(b, f"rt{k}", int(str(span["begin"])[:4]), rng)
    else:
        time_item = {**span, "id": f"trt{k}"}
        phrase = _phrase(t, span)
    item["time"] = time_item["id"]
    statuses = b.concepts("status")
    if "status" in lead:
        item["status"] = lead["status"]
        if statuses and rng.random() < 0.1:
            item["status"] = rng.choice(statuses)
    s.add(" ").add(phrase, "time")
    s.marks["event"] = (0, s.length)
    s.add(t["retell_phrase"])
    s.add(".")
    b.place(s, {"event": item, "time": time_item})
    b.items += [item, time_item]
    polarities = [p for p in t["polarities"] if onto.concept(p)]
    if rng.random() < 0.2 and len(polarities) > 1:
        c = _Sentence().add(t["denial"].format(source=rng.choice(t["sources"]), event=label))
        c.marks["claim"] = (0, c.length)
        c.add(".")
        claim = {"id": f"crt{k}", "type": t["roots"]["claim"], "asserts": [item["id"]],
                 "modality": t["denial_modality"], "polarity": polarities[1],
                 "about": agent.id}
        b.place(c, {"claim": claim})
        b.items.append(claim)


def generate_document(index: int, *, seed: int, t: dict[str, Any], onto: Ontology,
                      pools: Pools, retell: float = 0.0) -> SynthDocument:
    """Document ``index`` of the corpus for ``seed``.

    With ``retell`` (0 to 1), that share of documents also tell again one to three events of
    earlier documents (:func:`_retell`): one node per event, told by several sources that
    sometimes disagree, as in a real corpus. Only that part depends on other documents (their
    first events, recomputed by :func:`lead_event`); the rest is the same whatever ``retell``.
    """
    b, year, publisher, events = _opening(index, seed, t, onto, pools)
    rng, doc_id = b.rng, b.doc_id
    title = f"Brief {index}: tensions in {year}"
    b.write(title + "\n\n")
    for n in range(1, events + 1):
        event, agent, target = _event(b, n, year)
        if rng.random() < 0.6:
            _motive_claim(b, n, event, agent, target)
        if rng.random() < 0.4:
            _relation(b, n, event, agent)
        b.write("\n\n")
    if index and retell > 0:
        r = random.Random(f"kg-synth/{seed}/{index}/retell")
        if r.random() < retell:
            told: set[int] = set()
            for _ in range(r.randint(1, 3)):
                # mostly a recent document (a story of these weeks), one time in four one of
                # the first hundred (the few stories every source comes back to)
                hot = r.random() < 0.25
                earlier = r.randrange(min(index, 100)) if hot else \
                    r.randrange(max(0, index - RETELL_WINDOW), index)
                if earlier not in told:  # an event told once per document
                    told.add(earlier)
                    _retell(b, len(told), earlier, r, seed)
                    b.write("\n\n")
    text = "".join(b.chunks).rstrip() + "\n"
    _finish_anchors(b, text)
    entity_items: list[dict[str, Any]] = [
        {"id": publisher.id, "type": publisher.type, "label": publisher.label}]
    for e in sorted(b.entities.values(), key=lambda e: e.id):
        if e.id != publisher.id:
            entity_items.append({"id": e.id, "type": e.type, "label": e.label,
                                 "mentions": [{"quote": e.label, "occurrence": "all"}]})
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    meta = {
        "id": doc_id, "text": f"{doc_id}.txt", "type": rng.choice(t["document_types"]),
        "title": title, "url": iris.synthetic_page(doc_id),
        "publisher": publisher.id,
        "author": (f"{rng.choice(t['first_names'])} "
                   + "".join(rng.choice(t["syllables"]) for _ in range(2)).capitalize()
                   if rng.random() < 0.7 else "unknown"),
        "date": f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.9 else "unknown",
        "language": rng.choice(t["languages"]),
        "annotator": "kg synth (synthetic)",
    }
    return SynthDocument(doc_id, text, meta, entity_items + b.items)
