"""Files generated from the ontology: the closed namespace and the ontology reference page.

Regenerate both after changing ``ontology/*.ttl``::

    python -m kg.codegen

Tests regenerate them in memory and fail on drift, so they never fall out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.iris import KG_NS
from kg.ontology import Ontology, load_ontology
from kg.resources import repo_root

__all__ = ["namespace_source", "ontology_markdown", "cli_markdown", "NAMESPACE_FILE",
           "ONTOLOGY_DOC", "CLI_DOC", "main"]

NAMESPACE_FILE = Path("kg") / "namespace.py"
ONTOLOGY_DOC = Path("docs") / "ontology.md"
CLI_DOC = Path("docs") / "cli.md"

RDF_TYPE_ORDER = ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")


def _terms(onto: Ontology) -> list[str]:
    g = onto.graph
    names = set()
    for s in set(g.subjects()):
        s = str(s)
        if s.startswith(KG_NS) and s != KG_NS:
            names.add(s[len(KG_NS):])
    return sorted(names)


def namespace_source(onto: Ontology | None = None) -> str:
    """Python source of :mod:`kg.namespace`, a closed rdflib DefinedNamespace of every kg: term."""
    onto = onto or load_ontology()
    lines = [
        '"""The kg: namespace as a closed rdflib DefinedNamespace (generated: do not edit).',
        "",
        "Regenerate with ``python -m kg.codegen``; a misspelt term raises AttributeError at once.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class KG(DefinedNamespace):",
        "    _fail = True",
        f'    _NS = Namespace("{KG_NS}")',
        "",
    ]
    lines += [f"    {name}: URIRef" for name in _terms(onto)]
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
           f"Namespace: `{KG_NS}` (prefix `kg:`).", ""]
    out += ["## Classes", "", "| class | label | subclass of | annotatable | CAMEO | comment |",
            "|---|---|---|---|---|---|"]
    for iri in sorted(c for c in onto.classes if c.startswith(KG_NS)):
        c = onto.classes[iri]
        parents = ", ".join(_curie(p) for p in c.parents)
        code = c.props.get(KG_NS + "cameoCode", [""])[0]
        fit_iri = c.props.get(KG_NS + "cameoFit", [""])[0]
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
        typ = URIRef("http://www.w3.org/2002/07/owl#" + kind)
        for s in sorted(str(x) for x in g.subjects(RDF.type, typ) if str(x).startswith(KG_NS)):
            info = by_iri.get(s)
            comment = g.value(URIRef(s), RDFS.comment) or ""
            dom, rng = g.value(URIRef(s), RDFS.domain), g.value(URIRef(s), RDFS.range)
            out.append(f"| `{_curie(s)}` | {kinds[kind]} | {f'`{info.key}`' if info else ''} | "
                       f"{_curie(dom) if dom else ''} | {_curie(rng) if rng else ''} | "
                       f"{_md(str(comment))} |")
    out += ["", "## Annotation keys of standard properties", "", "| key | property |", "|---|---|"]
    for key, p in sorted(onto.properties.items()):
        if not p.iri.startswith(KG_NS):
            out.append(f"| `{key}` | `{_curie(p.iri)}` |")
    out += ["", "## Concept schemes", ""]
    schemes = sorted({s for c in onto.concepts.values() for s in c.schemes})
    for scheme in schemes:
        members = sorted(c.local for c in onto.concepts.values() if scheme in c.schemes)
        out.append(f"- `{_curie(scheme)}`: " + ", ".join(f"`{m}`" for m in members))
    return "\n".join(out) + "\n"


_PREFIXES = {
    KG_NS: "kg:", "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem:",
    "http://www.w3.org/ns/prov#": "prov:", "https://schema.org/": "schema:",
    "http://www.w3.org/2006/time#": "time:", "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/oa#": "oa:", "http://purl.org/dc/terms/": "dct:",
}


def _curie(iri) -> str:
    s = str(iri)
    for ns, p in _PREFIXES.items():
        if s.startswith(ns):
            return p + s[len(ns):]
    return f"<{s}>"


def cli_markdown() -> str:
    """Every command's ``--help``, as the CLI reference page."""
    import os

    from kg.cli import COMMANDS, _parser

    os.environ["COLUMNS"] = "100"  # stable wrapping
    parser = _parser()
    parser.prog = "kg"
    out = ["# Command-line reference", "",
           "Generated from the commands' own `--help` by `python -m kg.codegen`; do not edit.", "",
           "```text", parser.format_help().rstrip(), "```", ""]
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
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
    print(f"wrote {NAMESPACE_FILE}, {ONTOLOGY_DOC} and {CLI_DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
