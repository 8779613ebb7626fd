"""Checks every loader shares: types, keys, references and literals against the ontology.

Loaders turn a file into :class:`~kg.model.Document` objects whose item values
are raw strings; :func:`check_document` resolves them into :class:`~kg.model.Ref`
(items or ontology concepts) or validated literals, and returns every problem
found, each naming the file, line and annotation id.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata

from kg.errors import Problem
from kg.iris import is_valid_id
from kg.model import Document, Item, Ref, Value
from kg.namespace import KG, SKOS, XSD
from kg.ontology import Ontology

__all__ = ["check_document", "check_corpus", "parse_partial_date", "partial_date_datatype",
           "PARTIAL_DATE_DATATYPES", "parse_duration", "parse_offset", "offset_literal",
           "shift_day", "add_offset",
           "canonical_duration", "canonical_decimal",
           "RESERVED_KEYS"]

RESERVED_KEYS = {"id", "type", "label", "quote", "prefix", "suffix", "occurrence", "mentions",
                 "machine", "annotator", "same-as"}
SKOS_CONCEPT = SKOS.Concept
# ASCII digits only, to the very end: re's \d also matches other scripts' digits ("٢"),
# which int() reads but no XSD literal or Wikidata ID allows; $ lets a final newline through
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_QID = re.compile(r"Q[1-9][0-9]*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DOC_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,99}$")
_WEB_URL = re.compile(r"(?i)https?://[^/?#\s]")


def _is_web_url(url: str) -> bool:
    """An http(s) URL with a host and no space or control character: the document's url
    becomes an xsd:anyURI and a link in the pages ('javascript:...' is none)."""
    return bool(_WEB_URL.match(url)) and not any(
        c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in url)


_DECIMAL = re.compile(r"^-?\d{1,30}(\.\d{1,30})?$")
_DURATION = re.compile(r"^(-)?P(?:(\d{1,6})D)?"
                       r"(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?$")


def parse_duration(value: str) -> int | None:
    """An ``xsd:dayTimeDuration`` of whole days, hours, minutes, seconds -> seconds; None if
    invalid.

    >>> parse_duration("P1DT12H"), parse_duration("-P1D"), parse_duration("P1M")
    (129600, -86400, None)
    """
    m = _DURATION.match(value)
    if not m or value.endswith(("P", "T")) or all(g is None for g in m.groups()[1:]):
        return None
    days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups()[1:])
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    return -total if m.group(1) else total


_CALENDAR = re.compile(r"^(-)?P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(.*)$")


def parse_offset(value: str) -> tuple[int, int] | None:
    """An ``xsd:duration`` offset -> (calendar months, seconds); None if invalid.

    Months and years are calendar units ("three months later": ``P3M``, counted by the
    calendar from the reference day); days, hours, minutes and seconds are exact
    (``xsd:dayTimeDuration``). Both parts may be written together (``P1M15D``).

    >>> parse_offset("P3M"), parse_offset("-P1Y2M"), parse_offset("P1DT12H"), parse_offset("P1M2D")
    ((3, 0), (-14, 0), (0, 129600), (1, 172800))
    >>> parse_offset("P"), parse_offset("P1MT"), parse_offset("3M")
    (None, None, None)
    """
    m = _CALENDAR.match(value)
    if not m:
        return None
    sign, years, months, rest = m.groups()
    cal = int(years or 0) * 12 + int(months or 0)
    if rest:
        seconds = parse_duration("P" + rest)
        if seconds is None or seconds < 0:
            return None
    elif years is None and months is None:
        return None  # "P", "-P": nothing written
    else:
        seconds = 0
    return (-cal, -seconds) if sign else (cal, seconds)


def offset_literal(value: str) -> tuple[str, str]:
    """(canonical lexical form, XSD datatype local name) of a checked offset: an
    ``xsd:dayTimeDuration`` when no calendar unit is written, an ``xsd:yearMonthDuration``
    when only calendar units are, else an ``xsd:duration``; in the form RDF stores write back.

    >>> offset_literal("P1440M"), offset_literal("PT1440M"), offset_literal("P1M2D")
    (('P120Y', 'yearMonthDuration'), ('P1D', 'dayTimeDuration'), ('P1M2D', 'duration'))
    >>> offset_literal("-P0Y"), offset_literal("-P14M"), offset_literal("-P1MT6H")
    (('P0M', 'yearMonthDuration'), ('-P1Y2M', 'yearMonthDuration'), ('-P1MT6H', 'duration'))
    """
    parsed, m = parse_offset(value), _CALENDAR.match(value)
    if parsed is None or m is None:
        raise ValueError(f"not a duration: {value!r}")
    months, seconds = parsed
    if m.group(2) is None and m.group(3) is None:
        return canonical_duration(seconds), "dayTimeDuration"
    sign = "-" if months < 0 or seconds < 0 else ""
    years, rest = divmod(abs(months), 12)
    cal = (f"{years}Y" if years else "") + (f"{rest}M" if rest else "")
    if not seconds:
        return (f"{sign}P{cal}" if cal else "P0M"), "yearMonthDuration"
    return f"{sign}P{cal}{canonical_duration(abs(seconds))[1:]}", "duration"


def canonical_duration(seconds: int) -> str:
    """The canonical ``xsd:dayTimeDuration`` lexical form (the one RDF stores write back).

    >>> canonical_duration(86400), canonical_duration(0), canonical_duration(-5400)
    ('P1D', 'PT0S', '-PT1H30M')
    """
    if seconds == 0:
        return "PT0S"
    sign, rest = ("-" if seconds < 0 else ""), abs(seconds)
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    return f"{sign}P{f'{days}D' if days else ''}{'T' + time if time else ''}"


def canonical_decimal(value: str) -> str:
    """The canonical ``xsd:decimal`` lexical form of a checked decimal.

    >>> canonical_decimal("1.50"), canonical_decimal("007"), canonical_decimal("-0.0")
    ('1.5', '7', '0')
    """
    whole, _, frac = value.lstrip("-").partition(".")
    out = (whole.lstrip("0") or "0") + (f".{frac.rstrip('0')}" if frac.rstrip("0") else "")
    return f"-{out}" if value.startswith("-") and out != "0" else out


# The XSD datatype a partial date is written with, by its precision (kg:partialDate in the
# ontology is the union of the three).
PARTIAL_DATE_DATATYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


def partial_date_datatype(value: str) -> str:
    """The XSD datatype IRI of a partial date at its precision; ValueError if invalid.

    >>> partial_date_datatype("2022"), partial_date_datatype("2022-05-26")
    ('http://www.w3.org/2001/XMLSchema#gYear', 'http://www.w3.org/2001/XMLSchema#date')
    """
    return PARTIAL_DATE_DATATYPES[parse_partial_date(value)[0]]


def parse_partial_date(value: str) -> tuple[str, str, str]:
    """``YYYY[-MM[-DD]]`` -> (precision, first day, last day); ValueError if invalid.

    >>> parse_partial_date("2022-09")
    ('month', '2022-09-01', '2022-09-30')
    """
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"invalid date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return "year", f"{y:04d}-01-01", f"{y:04d}-12-31"
    month = int(mo)
    if not 1 <= month <= 12:
        raise ValueError(f"invalid date {value!r}: month {mo} does not exist")
    last = calendar.monthrange(y, month)[1]
    if d is None:
        return "month", f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}"
    if not 1 <= int(d) <= last:
        raise ValueError(f"invalid date {value!r}: day {d} does not exist in that month")
    return "day", value, value


def _specific_types(onto: Ontology, abstract: str, shown: int = 12) -> str:
    """The annotatable subclasses of an abstract class, for its error: all of them, or the
    first ``shown`` and where the rest are listed."""
    names = [t for t in onto.annotatable_types() if onto.class_(t).is_a(abstract)]
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} ... {len(names)} in all: docs/ontology.md lists them"


def check_document(doc: Document, onto: Ontology, known_ids: set[str] | None = None,
                   external: set[str] | None = None) -> list[Problem]:
    """Validate and resolve ``doc`` in place.

    ``known_ids`` are the corpus-scoped ids of other documents, which references may use.
    With ``external`` (a set), a reference to an id that neither this document nor
    ``known_ids`` defines is not reported: it is resolved as a corpus-scoped item and added
    to ``external``, for the caller to look up among the other documents (the build checks
    one document at a time that way).
    """
    path = doc.annotation_path or doc.text_path or doc.id
    problems: list[Problem] = []

    def bad(item: Item | None, message: str, key: str | None = None) -> None:
        line = item.key_lines.get(key, item.line) if item and key else (item.line if item else None)
        problems.append(Problem(path, line, item.id if item else None, message))

    problems.extend(_text_problems(doc, path))
    if doc.meta.date is not None:  # the native loader checks it too, with its line
        try:
            parse_partial_date(doc.meta.date)
        except ValueError as exc:
            problems.append(Problem(path, None, doc.id, f"document date: {exc}"))
    if not _DOC_TYPE.match(doc.meta.doc_type or ""):
        problems.append(Problem(path, None, doc.id, f"invalid document type "
                                                    f"{doc.meta.doc_type!r}: a schema.org "
                                                    "CreativeWork type name, e.g. "
                                                    "AnalysisNewsArticle"))
    if doc.meta.url is not None and not _is_web_url(doc.meta.url):
        problems.append(Problem(path, doc.meta.line, doc.id,
                                f"invalid document url {doc.meta.url!r}: an http(s) URL "
                                "without spaces or control characters, e.g. "
                                "https://example.org/brief"))
    first_line: dict[str, int | None] = {}
    for item in doc.items:
        if not is_valid_id(item.id):
            bad(item, f"invalid id {item.id!r}: use letters, digits, '.', '_' or '-' "
                      "(starting with a letter or digit)")
        elif item.id in first_line:
            bad(item, f"duplicate id {item.id!r} (first defined at line {first_line[item.id]})")
        else:
            first_line[item.id] = item.line
    ids = set(first_line) | (known_ids or set())
    problems.extend(_grading_problems(doc, onto, path))
    types = {it.id: it.type for it in doc.items}

    for item in doc.items:
        cls = None
        if onto.has_class(item.type) and onto.value(onto.class_(item.type), "annotatable") \
                and not onto.class_(item.type).annotatable:
            bad(item, f"type {item.type!r} is too general: name one of its specific types "
                      f"({_specific_types(onto, item.type)})", "type")
        elif not onto.has_class(item.type) or not onto.class_(item.type).annotatable:
            hint = onto.closest_types(item.type)
            bad(item, f"unknown type {item.type!r}"
                      + (f" (did you mean {' or '.join(hint)}?)" if hint else ""), "type")
        else:
            cls = onto.class_(item.type)
        if item.same_as is not None:
            _check_same_as(doc, item, bad)
        for key in sorted(item.values):  # checked even when the type is unknown
            _check_values(item, key, cls, onto, ids, bad, external, types)
        clash = _dated_and_relative(item, onto)
        if clash:
            bad(item, f"a time is either dated ({clash}) or relative to an event "
                      "('relativeTo'), not both", "relativeTo")
        for backwards, key in ((_offsets_backwards(item, onto), "offsetUpTo"),
                               (_dates_backwards(item, onto), "end")):
            if backwards:
                bad(item, backwards, key)
        one_bound = _one_bound(item, onto)
        if one_bound:
            bad(item, *one_bound)
        for why, key in _self_references(item, onto):
            bad(item, why, key)
        if item.label is None and item.anchors:
            item.label = item.anchors[0].exact
    for item, why, key in _link_cycles(doc, onto):
        bad(item, why, key)
    return problems


def _check_same_as(doc: Document, item: Item, bad) -> None:
    from kg.loaders.identity import parse_same_as

    try:
        target_doc, _ = parse_same_as(item.same_as or "")
    except ValueError as exc:
        bad(item, str(exc), "same-as")
        return
    if target_doc == doc.id:
        bad(item, f"same-as {item.same_as!r} points into this document: annotate the item once "
                  "and give it several mentions instead", "same-as")


def _grading_problems(doc: Document, onto: Ontology, path: str) -> list[Problem]:
    """The document's grading keys resolve to concepts (by local name or notation)."""
    out = []
    for key in ("reliability", "credibility"):
        value = getattr(doc.meta, key)
        if value is None or key not in onto.properties:
            continue
        ref = _resolve_ref(value, onto.properties[key], onto, set())
        if ref is None:
            out.append(Problem(path, doc.meta.line, doc.id,
                               _dangling(value, onto.properties[key], onto, set())))
        else:
            setattr(doc.meta, key, ref.id)
    return out


def _surrogate(value: object) -> str | None:
    """The first lone surrogate in ``value`` (text that cannot be written as UTF-8), if any."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        return f"U+{ord(m.group()):04X}" if m else None
    if isinstance(value, Ref):
        return _surrogate(value.id)
    return None


def _text_problems(doc: Document, path: str) -> list[Problem]:
    """Strings that cannot be written as UTF-8: lone surrogates, from ``\\ud800``-style
    escapes in YAML or JSON. They would stop the build half-way; report them here instead."""
    out: list[Problem] = []

    def check(value: object, line: int | None, ann_id: str | None, what: str) -> None:
        bad = _surrogate(value)
        if bad:
            out.append(Problem(path, line, ann_id, f"{what} holds {bad}, a lone surrogate (an "
                                                   "escape that is not a character): remove it"))

    check(doc.text, None, doc.id, "the document text")
    m = doc.meta
    for name in ("title", "url", "author", "date", "language", "doc_type", "annotator"):
        check(getattr(m, name), None, doc.id, f"document {name}")
    check(m.publisher, None, doc.id, "document publisher")
    for a in doc.excluded:
        check(a.exact + a.prefix + a.suffix, a.line, doc.id, "an excluded quote")
    for item in doc.items:
        check(item.id, item.line, None, "an id")
        check(item.type, item.line, item.id, "the type")
        check(item.label, item.key_lines.get("label", item.line), item.id, "the label")
        check(item.annotator, item.key_lines.get("annotator", item.line), item.id,
              "the annotator")
        for a in item.anchors:
            check(a.exact + a.prefix + a.suffix, a.line or item.line, item.id, "a quote")
        for key, values in item.values.items():
            for v in values:
                check(v, item.key_lines.get(key, item.line), item.id, f"a value of {key!r}")
    return out


def _check_values(item, key, cls, onto: Ontology, ids, bad, external=None,
                  types: dict[str, str] | None = None) -> None:
    if key not in onto.properties:
        hint = onto.closest_keys(key)
        bad(item, f"unknown key {key!r}" + (f" (did you mean {' or '.join(hint)}?)" if hint
                                             else ""), key)
        item.values.pop(key)
        return
    prop = onto.properties[key]
    if cls and prop.domain and prop.domain in onto.classes and not cls.is_a(prop.domain):
        dom = onto.classes[prop.domain].local
        bad(item, f"key {key!r} does not apply to type {item.type} (it applies to {dom})", key)
        return
    resolved: list[Value] = []
    for raw in item.values[key]:
        value = raw.id if isinstance(raw, Ref) else raw
        if not isinstance(value, str):
            bad(item, f"value of {key!r} must be text, not {type(value).__name__}", key)
            continue
        if prop.kind == "object":
            ref = _resolve_ref(value, prop, onto, ids)
            if ref is None and external is not None and prop.range != SKOS_CONCEPT:
                external.add(value)
                resolved.append(Ref(value))
            elif ref is None:
                bad(item, _dangling(value, prop, onto, ids), key)
            elif prop.range and (wrong := _out_of_range(ref, prop, onto, types or {})):
                bad(item, f"{key!r} takes {_a(onto.classes[prop.range].label)}, but "
                          f"{value!r} is of type {wrong}", key)
            else:
                resolved.append(ref)
        else:
            err = _check_literal(value, prop)
            if err:
                bad(item, err, key)
            else:
                resolved.append(value)
    item.values[key] = resolved


def _resolve_ref(value: str, prop, onto: Ontology, ids: set[str]) -> Ref | None:
    if prop.range == SKOS_CONCEPT:
        # A concept of another scheme ('precision: Occurred') is no value of this key; a
        # key whose scheme the ontology does not name takes any concept.
        if onto.concept(value) and (_concept_fits(onto, value, prop)
                                    or not _concepts_for(onto, prop)):
            return Ref(value)
        # A concept may also be written by its notation within the property's scheme
        # ("B" for kg:ReliabilityB, "2" for kg:Credibility2).
        info = onto.concept_by_notation(value, KG.iri(_scheme_stem(prop)))
        return Ref(info.local) if info else None
    # Other object properties point to annotated items only (not to ontology terms).
    return Ref(value) if value in ids else None


def _dated_and_relative(item: Item, onto: Ontology) -> str | None:
    """The dating keys an item gives beside ``kg:relativeTo`` (which computes its dates)."""
    iri_of = {key: p.iri for key, p in onto.properties.items() if key in item.values}
    if KG.relativeTo not in iri_of.values():
        return None
    dated = sorted(k for k, iri in iri_of.items() if iri in (KG.begin, KG.end))
    return ", ".join(repr(k) for k in dated) or None


def _offsets_backwards(item: Item, onto: Ontology) -> str | None:
    """Why ``offsetUpTo`` ends the span before ``offset`` begins it, if it surely does (a
    span that ends before it begins); None when they fit or cannot be compared (P1M and
    P40D: months are not a fixed number of days)."""
    key_of = {p.iri: key for key, p in onto.properties.items() if key in item.values}
    lo_key, hi_key = key_of.get(KG.offset), key_of.get(KG.offsetUpTo)
    if lo_key is None or hi_key is None:
        return None
    lo, hi = item.values[lo_key], item.values[hi_key]
    if len(lo) != 1 or len(hi) != 1 or not isinstance(lo[0], str) \
            or not isinstance(hi[0], str):
        return None
    a, b = parse_offset(lo[0]), parse_offset(hi[0])
    if a is None or b is None or not (b[0] <= a[0] and b[1] <= a[1]) or a == b:
        return None
    return (f"{hi_key!r} {hi[0]} ends the span before {lo_key!r} {lo[0]} begins it: "
            f"'{hi_key}' is the later end")


# The precisions whose span may have one bound: "since X" (only 'begin'), "by X" (only
# 'end'), and a relative time (dated by its event, with neither).
_ONE_BOUND_PRECISIONS = frozenset({"OpenInterval", "Relative"})


def _span_keys(item: Item, onto: Ontology) -> dict[str, str]:
    """The item's keys that kept a value (one the loader refused is emptied), by property IRI
    (kg:begin -> 'begin'): what the span checks below read."""
    return {p.iri: key for key, p in onto.properties.items() if item.values.get(key)}


def _one_bound(item: Item, onto: Ontology) -> tuple[str, str] | None:
    """(why, key) when a span of a closed precision (Day, Month, Season, Year, Interval) gives
    'begin' without 'end' or the reverse: the build would read it as open-ended ("from that
    day on"), which is not what 'precision: Day' says; None when it fits."""
    key_of = _span_keys(item, onto)
    p_key = key_of.get(KG.precision)
    b_key, e_key = key_of.get(KG.begin), key_of.get(KG.end)
    if p_key is None or (b_key is None) == (e_key is None):
        return None
    precision = [getattr(v, "id", v) for v in item.values[p_key]]  # a concept: Ref("Day")
    if len(precision) != 1 or not isinstance(precision[0], str) \
            or precision[0] in _ONE_BOUND_PRECISIONS:
        return None
    given, missing = (b_key, "end") if b_key is not None else (e_key or "", "begin")
    name, value = precision[0], item.values[given][0]
    hint = (f" (one {name.lower()}: '{missing}: {value}' as well)"
            if name in ("Day", "Month", "Year") and isinstance(value, str) else "")
    return (f"'precision: {name}' needs both 'begin' and 'end'{hint}; only an OpenInterval "
            "(\"since X\", \"by X\") has one bound", given)


def _dates_backwards(item: Item, onto: Ontology) -> str | None:
    """Why a dated span ends before it begins (its ``end``'s last day before its ``begin``'s
    first day, as ``kg validate`` compares kg:earliest and kg:latest); None when it fits."""
    key_of = _span_keys(item, onto)
    b_key, e_key = key_of.get(KG.begin), key_of.get(KG.end)
    if b_key is None or e_key is None:
        return None
    b, e = item.values[b_key], item.values[e_key]
    if len(b) != 1 or len(e) != 1 or not isinstance(b[0], str) or not isinstance(e[0], str):
        return None
    try:
        first, last = parse_partial_date(b[0])[1], parse_partial_date(e[0])[2]
    except ValueError:
        return None  # said on its own
    if first <= last:
        return None
    return f"the span ends ({e_key!r} {e[0]}) before it begins ({b_key!r} {b[0]})"


def _self_references(item: Item, onto: Ontology) -> list[tuple[str, str]]:
    """(why, key) for each key of ``item`` that names the item itself (a claim asserting
    itself, an event responding to itself), and for a relation whose two parties are one
    item (an actor aligned with itself): nothing the build should draw as a tie."""
    out = []
    for key, values in item.values.items():
        prop = onto.properties.get(key)
        if prop is not None and prop.kind == "object" and prop.range != SKOS_CONCEPT \
                and any(isinstance(v, Ref) and v.id == item.id for v in values):
            out.append((f"{key!r} names the item itself ({item.id!r})", key))
    key_of = _span_keys(item, onto)
    s_key, o_key = key_of.get(KG.subject), key_of.get(KG.relObject)
    if s_key is not None and o_key is not None:
        both = {getattr(v, "id", v) for v in item.values[s_key]} \
            & {getattr(v, "id", v) for v in item.values[o_key]}
        if both:
            out.append((f"the relation's {s_key!r} and {o_key!r} are the same item "
                        f"({', '.join(repr(b) for b in sorted(map(str, both)))}): a relation "
                        "ties two parties", o_key))
    return out


# links no chain of which may come back to where it started: (property, what the links
# are, the verb, why not)
_ACYCLIC = ((KG.respondsTo, "responses", "responds to",
             "a response cannot come before what it answers"),
            (KG.partOf, "parts", "is part of", "an event cannot be part of what it holds"))


def _link_cycles(doc: Document, onto: Ontology) -> list[tuple[Item, str, str]]:
    """(item, why, key) for each cycle of responses or of parts the document tells (A
    responds to B, B to A, or longer; A part of B, B part of A): a response cannot come
    before what it answers, an event cannot be part of what it holds. One per tangle of
    links (:func:`kg.cycles.cycles`), at its least item (one naming itself is
    :func:`_self_references`')."""
    from kg.cycles import cycles

    first: dict[str, Item] = {}
    for item in doc.items:
        first.setdefault(item.id, item)
    out = []
    for iri, links, verb, why in _ACYCLIC:
        keys = [key for key, p in onto.properties.items() if p.iri == iri]
        key_of = {(item.id, v.id): key for item in doc.items for key in keys
                  for v in item.values.get(key, ()) if isinstance(v, Ref) and v.id != item.id}
        if len(key_of) < 2:
            continue
        for _, cycle in cycles(key_of):
            told = f", which {verb} ".join(repr(x) for x in cycle[1:] + cycle[:1])
            out.append((first[cycle[0]], f"{links} make a cycle: {cycle[0]!r} {verb} {told}; "
                                         f"{why}", key_of[(cycle[0], cycle[1])]))
    return out


def _out_of_range(ref: Ref, prop, onto: Ontology, types: dict[str, str]) -> str | None:
    """The type of the item ``ref`` names when this document defines it with a type outside
    the property's range class (its ``rdfs:range`` in the ontology); None when it fits or
    cannot be told here (a concept, an id of another document, an unknown type)."""
    if not prop.range or prop.range not in onto.classes or ref.id not in types:
        return None
    t = types[ref.id]
    if not onto.has_class(t) or onto.class_(t).is_a(prop.range):
        return None
    return t


def _a(label: str) -> str:
    return ("an " if label[:1].lower() in "aeiou" else "a ") + label


def _dangling(value: str, prop, onto: Ontology, ids: set[str]) -> str:
    import difflib

    if prop.range == SKOS_CONCEPT:
        options = sorted({(onto.concepts[c].notation or c) for c in _concepts_for(onto, prop)})
        return (f"{value!r} is not a known value for {prop.key!r}; "
                f"use one of: {', '.join(options)}")
    hint = difflib.get_close_matches(value, sorted(ids), n=2, cutoff=0.6)
    return (f"dangling reference {value!r} in {prop.key!r}: no annotation has this id"
            + (f" (did you mean {' or '.join(hint)}?)" if hint else ""))


def _scheme_stem(prop) -> str:
    return prop.local[:1].upper() + prop.local[1:]


def _concept_fits(onto: Ontology, concept: str, prop) -> bool:
    # A concept fits a property when it is in a scheme named after the property:
    # kg:ReliabilityScheme for 'reliability', kg:TimePrecisionScheme for 'precision'.
    info = onto.concept(concept)
    stem = _scheme_stem(prop)
    locals_ = [KG.local(s) or "" for s in info.schemes] if info else []
    return any(n.startswith(stem) or n.endswith(f"{stem}Scheme") for n in locals_)


def _concepts_for(onto: Ontology, prop) -> list[str]:
    """The concepts that are values of the concept-valued property ``prop``."""
    return [c for c in onto.concepts if _concept_fits(onto, c, prop)]


def _check_literal(value: str, prop) -> str | None:
    rng = prop.range or ""
    if rng == KG.partialDate:
        try:
            parse_partial_date(value)
        except ValueError as exc:
            return str(exc)
    elif rng == XSD.integer:
        if not re.fullmatch(r"-?\d+", value):
            return f"{prop.key!r} must be a whole number, not {value!r}"
    elif rng == XSD.decimal:
        if not _DECIMAL.match(value):
            return f"{prop.key!r} must be a number (e.g. 240 or 1.5), not {value!r}"
    elif rng == XSD.dayTimeDuration:
        if parse_duration(value) is None:
            return (f"{prop.key!r} must be a duration in days and hours (P1D, PT6H, P1DT12H, "
                    f"-P1D), not {value!r}")
    elif rng == XSD.duration:
        if parse_offset(value) is None:
            return (f"{prop.key!r} must be a duration in months or days and hours (P3M, P1Y, "
                    f"P1D, PT6H, P1DT12H, -P1D), not {value!r}")
    elif prop.key == "wikidata" and not _QID.match(value):
        return f"invalid Wikidata ID {value!r}: write Q followed by digits (e.g. Q423)"
    return None


def check_corpus(docs: list[Document], onto: Ontology) -> list[Problem]:
    """Checks across documents: unique document ids, and identity (``same-as`` targets, no
    node with disjoint types or two Wikidata IDs: :mod:`kg.loaders.identity`)."""
    from kg.loaders.identity import identity_problems, records_of

    problems: list[Problem] = []
    seen_docs: dict[str, str] = {}
    for doc in docs:
        path = doc.annotation_path or doc.text_path or doc.id
        if doc.id in seen_docs:
            problems.append(Problem(path, None, doc.id,
                                    f"duplicate document id (also used by {seen_docs[doc.id]})"))
        seen_docs.setdefault(doc.id, path)
    problems.extend(identity_problems((r for d in docs for r in records_of(d, onto)), onto))
    return problems


def shift_day(day: str, offset: str, latest: bool = False) -> str | None:
    """The ISO ``day`` plus an offset (``P1D``, ``-PT12H``, ``P3M``), rounded out to a whole
    day as a span's bounds are: down for its earliest day, up for its ``latest``; None when
    the offset is no duration or the day falls outside the calendar.

    >>> shift_day("2022-11-30", "P3M"), shift_day("2022-05-26", "-PT12H")
    ('2023-02-28', '2022-05-25')
    >>> shift_day("2022-05-26", "-PT12H", latest=True)
    '2022-05-26'
    """
    parsed = parse_offset(offset)
    if parsed is None:
        return None
    months, seconds = parsed
    return add_offset(day, months, -(-seconds // 86400) if latest else seconds // 86400)


def add_offset(day: str, months: int, days: int) -> str | None:
    """``day`` plus calendar ``months`` (the day of the month kept, else the month's last)
    and then ``days``; None past the calendar's years 1-9999 (left undated).

    >>> add_offset("2022-11-30", 3, 0), add_offset("2022-03-31", -1, 1)
    ('2023-02-28', '2022-03-01')
    """
    d = datetime.date.fromisoformat(day)
    try:
        if months:
            year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
            d = d.replace(year=year, month=month + 1,
                          day=min(d.day, calendar.monthrange(year, month + 1)[1]))
        return (d + datetime.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):  # before year 1 or after 9999
        return None
