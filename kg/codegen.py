"""Files generated from the ontology: the closed namespace, the ontology reference page and the
event classes of the annotation codebook (below the codebook's hand-written preamble).

Regenerate them after changing ``ontology/*.ttl``::

    python -m kg.codegen

Tests regenerate them in memory and fail on drift, so they never fall out of date.
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

from kg.errors import InputError
from kg.namespace import DCT, KG, OA, OWL, PROV, RDFS, SCHEMA, SEM, SKOS, TIME, XSD
from kg.ontology import Ontology, load_ontology
from kg.resources import repo_root

__all__ = ["namespace_source", "ontology_markdown", "codebook_markdown", "codebook_preamble",
           "cli_markdown", "NAMESPACE_FILE", "ONTOLOGY_DOC", "CODEBOOK_DOC", "CODEBOOK_MARKER",
           "CLI_DOC", "main"]

NAMESPACE_FILE = Path("kg") / "namespace.py"
ONTOLOGY_DOC = Path("docs") / "ontology.md"
CLI_DOC = Path("docs") / "cli.md"
CODEBOOK_DOC = Path("docs") / "codebook.md"
# The line between the codebook's hand-written preamble (kept as it is) and its generated part.
CODEBOOK_MARKER = ("<!-- Generated below from ontology/kg.ttl by `python -m kg.codegen`: edit the "
                   "ontology (rdfs:comment, skos:scopeNote, skos:example), not this part. -->")

RDF_TYPE_ORDER = ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")

# The standard vocabularies, in the order of the toolkit's prefix table (TriG headers, tables,
# ``kg query --prefixes``): (class name, prefix, namespace IRI, terms). ``None`` takes the terms
# of rdflib's own generated namespace of that name; the others list the terms the toolkit
# uses, each checked against the vocabulary (SEM: sem.rdf; OA: the Web Annotation
# Vocabulary; AS: Activity Streams 2.0; wikibase: the Wikibase RDF format).
_SEM_TERMS = (
    "Actor ActorType Authority Constraint Core Event EventType Object Place PlaceType Role "
    "RoleType Temporary Time TimeType Type View accordingTo actorType eventProperty eventType "
    "hasActor hasBeginTimeStamp hasEarliestBeginTimeStamp hasEarliestEndTimeStamp "
    "hasEndTimeStamp hasLatestBeginTimeStamp hasLatestEndTimeStamp hasPlace hasSubEvent "
    "hasSubType hasTime hasTimeStamp placeType roleType subEventOf subTypeOf timeType type")
_OA_TERMS = (
    "Annotation SpecificResource TextPositionSelector TextQuoteSelector describing end exact "
    "hasBody hasSelector hasSource hasTarget identifying motivatedBy prefix start suffix")
_AS_TERMS = "OrderedCollection OrderedCollectionPage first items totalItems"
_WIKIBASE_TERMS = "rank"
# schema.org has some 2,800 terms: only those the toolkit uses (checked against rdflib's SDO),
# so that every command does not compile them all.
_SCHEMA_TERMS = (
    "AnalysisNewsArticle Claim Country CreativeWork GovernmentOrganization Organization Person "
    "Place QuantitativeValue author memberOf mentions parentOrganization publisher unitText url "
    "value")
STANDARD: tuple[tuple[str, str, str, str | None], ...] = (
    ("RDF", "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", None),
    ("RDFS", "rdfs", "http://www.w3.org/2000/01/rdf-schema#", None),
    ("OWL", "owl", "http://www.w3.org/2002/07/owl#", None),
    ("XSD", "xsd", "http://www.w3.org/2001/XMLSchema#", None),
    ("SKOS", "skos", "http://www.w3.org/2004/02/skos/core#", None),
    ("PROV", "prov", "http://www.w3.org/ns/prov#", None),
    ("OA", "oa", "http://www.w3.org/ns/oa#", _OA_TERMS),
    ("SEM", "sem", "http://semanticweb.cs.vu.nl/2009/11/sem/", _SEM_TERMS),
    ("TIME", "time", "http://www.w3.org/2006/time#", None),
    ("SCHEMA", "schema", "https://schema.org/", _SCHEMA_TERMS),
    ("DCT", "dct", "http://purl.org/dc/terms/", None),
)
# Vocabularies outside the prefix table of outputs (queries and JSON-LD only).
EXTRA: tuple[tuple[str, str, str, str | None], ...] = (
    ("SH", "sh", "http://www.w3.org/ns/shacl#", None),
    ("AS", "as", "http://www.w3.org/ns/activitystreams#", _AS_TERMS),
    ("WIKIBASE", "wikibase", "http://wikiba.se/ontology#", _WIKIBASE_TERMS),
)
_RDFLIB_NAME = {"SCHEMA": "SDO", "DCT": "DCTERMS"}
# Wikidata's items and properties: open-ended, so open namespaces.
OPEN: tuple[tuple[str, str, str], ...] = (
    ("WD", "wd", "http://www.wikidata.org/entity/"),
    ("WDT", "wdt", "http://www.wikidata.org/prop/direct/"),
    ("P", "p", "http://www.wikidata.org/prop/"),
    ("PS", "ps", "http://www.wikidata.org/prop/statement/"),
    ("PQ", "pq", "http://www.wikidata.org/prop/qualifier/"),
)


def _kg_iris(onto: Ontology) -> tuple[str, str]:
    """The ontology's IRI and its namespace (``vann:preferredNamespaceUri``) from the Turtle."""
    from rdflib import OWL, RDF, URIRef

    g = onto.graph
    ontology = next(iter(sorted(g.subjects(RDF.type, OWL.Ontology))))
    ns = g.value(ontology, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))
    return str(ontology), str(ns)


def _terms(onto: Ontology, ns: str) -> list[str]:
    names = set()
    for s in set(onto.graph.subjects()):
        s = str(s)
        if s.startswith(ns) and s != ns:
            names.add(s[len(ns):])
    return sorted(names)


def _standard_terms(name: str, iri: str, listed: str | None) -> list[str]:
    import rdflib.namespace as rns

    vocab = getattr(rns, _RDFLIB_NAME.get(name, name), None)
    if listed is not None:
        unknown = [t for t in listed.split() if vocab is not None and t not in vocab]
        assert not unknown, (name, unknown)
        return sorted(listed.split())
    assert vocab is not None and str(vocab) == iri, (name, str(vocab), iri)
    classes = vocab.__mro__
    terms = {t for c in classes for t in getattr(c, "__annotations__", {}) if t[0] != "_"}
    terms |= {t for c in classes for t in getattr(c, "_extras", [])}
    return sorted(terms)


def _class_source(name: str, iri: str, doc: str, terms: list[str]) -> list[str]:
    lines = ["", "", f"class {name}(ClosedNamespace):", f'    """{doc}"""', "",
             f'    _NS = "{iri}"']
    extras = [t for t in terms if not t.isidentifier() or keyword.iskeyword(t)]
    if extras:
        lines += ["    _EXTRAS = ["] + [f'        "{t}",' for t in extras] + ["    ]"]
    lines.append("")
    lines += [f"    {t}: str" for t in terms if t not in extras]
    return lines


def namespace_source(onto: Ontology | None = None) -> str:
    """Python source of :mod:`kg.namespace`: a closed namespace for every vocabulary used."""
    onto = onto or load_ontology()
    ontology, kg_ns = _kg_iris(onto)
    vocabularies = STANDARD + EXTRA
    names = ["KG", *(v[0] for v in vocabularies), *(o[0] for o in OPEN)]
    lines = [
        '"""Every vocabulary the toolkit uses, as closed namespaces (generated: do not edit).',
        "",
        "Regenerate with ``python -m kg.codegen``. ``KG`` lists the terms of ``ontology/*.ttl``;",
        "the standard vocabularies list rdflib's generated namespaces of the same name, or the",
        "terms the toolkit uses where rdflib ships none (OA, SEM, AS, WIKIBASE) or too many",
        "(SCHEMA). A misspelt term fails at once (see :mod:`kg.closed_namespace`); Wikidata's",
        "items and properties are open namespaces. Instance IRIs (``kgd:``) are minted by",
        ":mod:`kg.iris` only.",
        "",
        ">>> KG.MissileTest",
        f"'{kg_ns}MissileTest'",
        '"""',
        "",
        "from kg.closed_namespace import ClosedNamespace, OpenNamespace",
        "",
        "__all__ = [",
        *(f'    "{n}",' for n in ["ONTOLOGY", *names, "PREFIXES", "QUERY_PREFIXES"]),
        "]",
        "",
        f'ONTOLOGY = "{ontology}"',
    ]
    lines += _class_source("KG", kg_ns, "kg: the toolkit's own ontology (ontology/*.ttl).",
                           _terms(onto, kg_ns))
    for name, prefix, iri, listed in vocabularies:
        rdflib_name = _RDFLIB_NAME.get(name, name)
        source = "terms the toolkit uses" if listed else f"terms of rdflib.namespace.{rdflib_name}"
        lines += _class_source(name, iri, f"{prefix}: ({source}).",
                               _standard_terms(name, iri, listed))
    lines += ["", ""]
    lines += [f'{name} = OpenNamespace("{iri}")' for name, _, iri in OPEN]
    lines += ["", "# The prefix table of outputs (TriG, tables); kgd: is added by kg.iris.",
              "PREFIXES: dict[str, str] = {",
              '    "kg": str(KG),']
    lines += [f'    "{prefix}": str({name}),' for name, prefix, _, _ in STANDARD]
    lines += ['    "wd": str(WD),', "}"]
    lines += ["# Also predefined in every query (kg query --prefixes), with kg.iris's derived:.",
              "QUERY_PREFIXES: dict[str, str] = {"]
    lines += [f'    "{prefix}": str({name}),' for name, prefix, _ in OPEN if prefix != "wd"]
    lines += ["}"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def ontology_markdown(onto: Ontology | None = None) -> str:
    """A reference page listing every class and property with its comment."""
    from rdflib import RDF, RDFS, URIRef

    onto = onto or load_ontology()
    g = onto.graph
    out = ["# Ontology reference", "",
           "Generated from `ontology/*.ttl` by `python -m kg.codegen`; do not edit by hand.",
           f"Namespace: `{KG}` (prefix `kg:`).", ""]
    out += ["## Classes", "", "| class | label | subclass of | annotatable | CAMEO | comment |",
            "|---|---|---|---|---|---|"]
    for iri in sorted(c for c in onto.classes if KG.local(c)):
        c = onto.classes[iri]
        parents = ", ".join(_curie(p) for p in c.parents)
        code = c.props.get(KG.cameoCode, [""])[0]
        fit_iri = c.props.get(KG.cameoFit, [""])[0]
        fit = _curie(fit_iri) if fit_iri else ""
        cameo = " ".join(x for x in (code, f"({fit})" if fit else "") if x)
        out.append(f"| `kg:{c.local}` | {_md(c.label)} | {parents} | "
                   f"{'yes' if c.annotatable else ''} | {cameo} | {_md(c.comment)} |")
    out += ["", "## Properties", "",
            "| property | kind | annotation key | domain | range | comment |",
            "|---|---|---|---|---|---|"]
    by_iri = {p.iri: p for p in onto.properties.values()}
    kinds = {"ObjectProperty": "object", "DatatypeProperty": "datatype",
             "AnnotationProperty": "annotation"}
    for kind in RDF_TYPE_ORDER[1:]:
        typ = URIRef(OWL[kind])
        for s in sorted(str(x) for x in g.subjects(RDF.type, typ) if KG.local(str(x))):
            info = by_iri.get(s)
            comment = g.value(URIRef(s), RDFS.comment) or ""
            dom, rng = g.value(URIRef(s), RDFS.domain), g.value(URIRef(s), RDFS.range)
            out.append(f"| `{_curie(s)}` | {kinds[kind]} | {f'`{info.key}`' if info else ''} | "
                       f"{_curie(dom) if dom else ''} | {_curie(rng) if rng else ''} | "
                       f"{_md(str(comment))} |")
    out += ["", "## Annotation keys of standard properties", "", "| key | property |", "|---|---|"]
    for key, p in sorted(onto.properties.items()):
        if not KG.local(p.iri):
            out.append(f"| `{key}` | `{_curie(p.iri)}` |")
    out += ["", "## Concept schemes", ""]
    schemes = sorted({s for c in onto.concepts.values() for s in c.schemes})
    for scheme in schemes:
        members = sorted(c.local for c in onto.concepts.values() if scheme in c.schemes)
        out.append(f"- `{_curie(scheme)}`: " + ", ".join(f"`{m}`" for m in members))
    return "\n".join(out) + "\n"


def codebook_preamble(text: str) -> str:
    """The hand-written part of ``docs/codebook.md``: everything above the marker line."""
    if CODEBOOK_MARKER not in text:
        raise InputError(f"{CODEBOOK_DOC}: the line starting the generated part is missing "
                         f"({CODEBOOK_MARKER[:30]}...)")
    return text.split(CODEBOOK_MARKER, 1)[0]


def codebook_markdown(preamble: str, onto: Ontology | None = None) -> str:
    """The codebook: ``preamble`` as written, then every event class with its definition,
    decision rule (``skos:scopeNote``), examples (``skos:example``) and CAMEO code."""
    from rdflib import URIRef

    onto = onto or load_ontology()
    g = onto.graph
    events = sorted((c for c in onto.classes.values()
                     if c.is_a("Event") and c.annotatable and KG.local(c.iri)),
                    key=lambda c: (c.label.lower(), c.local))
    out = [preamble.rstrip("\n"), "", CODEBOOK_MARKER, "",
           "## Event classes", "",
           "Every event class, by label: its definition, the rule that decides it against its",
           "neighbours (where one is needed), made-up examples, and its CAMEO code.", "",
           " · ".join(f"[{c.label}](#{c.local.lower()})" for c in events), ""]
    for c in events:
        s = URIRef(c.iri)
        note = " ".join(str(n) for n in sorted(g.objects(s, URIRef(SKOS.scopeNote))))
        examples = sorted(str(e) for e in g.objects(s, URIRef(SKOS.example)))
        code = c.props.get(KG.cameoCode, [""])[0]
        fit = KG.local(c.props.get(KG.cameoFit, [""])[0]) or ""
        cameo_note = c.props.get(KG.cameoNote, [""])[0]
        cameo = {"ExactCode": f"{code} (exact)", "NearestCode": f"{code} (nearest)",
                 "NoExactCode": "none"}.get(fit, code or "none")
        out += [f'<a id="{c.local.lower()}"></a>', f"### {c.label} (`kg:{c.local}`)", "",
                _md(c.comment), ""]
        if note:
            out += [f"- **Rule:** {_md(note)}"]
        if examples:
            out += ["- **Examples:** " + "; ".join(f"“{_md(e)}”" for e in examples)]
        out += [f"- **CAMEO:** {cameo}" + (f". {_md(cameo_note)}" if cameo_note else ""), ""]
    return "\n".join(out)


# Prefixes of the reference page, in the order they are tried.
_PREFIXES = {str(ns): f"{prefix}:" for prefix, ns in (
    ("kg", KG), ("sem", SEM), ("prov", PROV), ("schema", SCHEMA), ("time", TIME), ("xsd", XSD),
    ("skos", SKOS), ("rdfs", RDFS), ("oa", OA), ("dct", DCT))}


def _curie(iri) -> str:
    s = str(iri)
    for ns, p in _PREFIXES.items():
        if s.startswith(ns):
            return p + s[len(ns):]
    return f"<{s}>"


def cli_markdown() -> str:
    """Every command's ``--help``, as the CLI reference page."""
    import os

    from kg.cli import COMMANDS, build_parser

    os.environ["COLUMNS"] = "100"  # stable wrapping
    parser = build_parser()
    parser.prog = "kg"
    out = ["# Command-line reference", "",
           "Generated from the commands' own `--help` by `python -m kg.codegen`; do not edit.", "",
           "```text", parser.format_help().rstrip(), "```", ""]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out += _common_options()
    for name in COMMANDS:
        out += [f"## kg {name}", "", "```text", sub.choices[name].format_help().rstrip(), "```", ""]
    out += _renamed_options({name: sub.choices[name] for name in COMMANDS})
    return "\n".join(out)


def _common_options() -> list[str]:
    import kg.cli.options as options

    table = options.__doc__.split("==\n", 2)[1].rsplit("\n==", 1)[0]
    rows = [line.split("  ", 1) for line in table.splitlines() if line.strip()]
    out = ["## Common options", "",
           "Every command spells a shared option the same way (`kg/cli/options.py`; a test walks",
           "every command's parser and fails on another spelling):", "",
           "| option | meaning |", "|---|---|"]
    out += [f"| {opt.strip().replace('``', '`')} | {text.strip().replace('``', '`')} |"
            for opt, text in rows]
    return out + [""]


def _renamed_options(parsers: dict) -> list[str]:
    from kg.cli.options import deprecated_options

    out = ["## Renamed options", "",
           "The old spellings still work in this release, with a note on stderr; they go in the",
           "next one. `--store DIR` named the store folder (`build/store`); `--build DIR` names",
           "the build folder (`build`) that holds it.", "",
           "| command | old | new |", "|---|---|---|"]
    out += [f"| `kg {cmd}` | `{old}` | " + " or ".join(f"`{n}`" for n in new.split(" or ")) + " |"
            for cmd, parser in parsers.items() for old, new in deprecated_options(parser)]
    out += ["| `kg validate` | `kg validate DIR` (a folder) | `kg validate --build DIR` |",
            "| `kg bench` | `--pack-only DIR` | `--pack-only --build DIR` |"]
    return out + [""]


def main() -> int:
    root = repo_root()
    onto = load_ontology()
    (root / NAMESPACE_FILE).write_text(namespace_source(onto), encoding="utf-8")
    (root / ONTOLOGY_DOC).write_text(ontology_markdown(onto), encoding="utf-8")
    (root / CLI_DOC).write_text(cli_markdown(), encoding="utf-8")
    preamble = codebook_preamble((root / CODEBOOK_DOC).read_text(encoding="utf-8"))
    (root / CODEBOOK_DOC).write_text(codebook_markdown(preamble, onto), encoding="utf-8")
    print(f"wrote {NAMESPACE_FILE}, {ONTOLOGY_DOC}, {CLI_DOC} and {CODEBOOK_DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
