"""Time to build each workbench page (the model and its HTML) on a synthetic corpus.

    python benchmarks/web_bench.py                  # 1,000 synthetic documents (~1 M quads)
    python benchmarks/web_bench.py --docs 100

Writes the corpus with ``kg synth`` and builds it into a temporary folder, then times, on
the embedded store (the queries kg serve runs, without HTTP), the home page, the entity page
of the most mentioned item and of the actor in the most ties, a document page, and the query
page running a pack question with a parameter; median of ``--runs`` runs each. Prints a
table; not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from kg.build import build
    from kg.store import open_store
    from kg.synth import write_corpus
    from kg.web import document_model, entity_model, home_model, sparql_model
    from kg.web.pages import document_html, entity_html, home_html, sparql_html

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, docs=args.docs, seed=args.seed)
        build(corpus, out=Path(tmp) / "build")
        store = open_store(Path(tmp) / "build" / "store")
        quads = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        home = home_model(store)
        top = home["items"][0]["href"].removeprefix("/entity/")
        tied = store.query(
            "PREFIX kg: <https://w3id.org/kg-toolkit/ontology#> SELECT ?a (COUNT(?r) AS ?n) "
            "WHERE { ?r kg:subject ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1").rows[0][0].value
        tied = tied.rsplit("/", 1)[1]
        doc = home["documents"][0]["href"].removeprefix("/doc/")
        pages = {
            "home": lambda: home_html(home_model(store)),
            f"entity {top} (most mentioned)": lambda: entity_html(entity_model(store, top)),
            f"entity {tied} (most ties)": lambda: entity_html(entity_model(store, tied)),
            f"document {doc}": lambda: document_html(document_model(store, doc)),
            "query: actor-profile": lambda: sparql_html(
                sparql_model(store, pack="actor-profile", params={"actor": tied})),
        }
        print(f"{args.docs} documents, {int(quads.rows[0][0].value):,} quads")
        print(f"{'page':48} {'median s':>9} {'KB':>7}")
        for name, page in pages.items():
            times, size = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                size = len(page().encode("utf-8"))
                times.append(time.perf_counter() - start)
            print(f"{name:48} {statistics.median(times):9.2f} {size // 1024:7}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
