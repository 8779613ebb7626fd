"""The home page ``/``: the corpus in numbers, its documents and most mentioned items, claims
by modality, and — when the question pack has them — the strongest agreements
(``corroboration``) and disagreements (``contradictions``) between sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.web.cells import table
from kg.web.data import link, rows

if TYPE_CHECKING:
    from kg.store.protocol import Queryable
    from kg.web.models import Comparison, HomeModel

__all__ = ["home_model", "COMPARISONS"]

# Pack questions shown on the home page when present: (name, heading).
COMPARISONS = (("corroboration", "Strongest agreements between sources"),
               ("contradictions", "Strongest disagreements between sources"))
COMPARISON_ROWS = 10


def home_model(store: Queryable, *, pack_dir: str | Path | None = None) -> HomeModel:
    """The home page's data."""
    counts = {r["what"]: int(r["count"]) for r in rows(store, "home-summary")}
    return {
        "counts": {k: counts.get(k, 0) for k in ("documents", "items", "anchors", "claims")},
        "documents": [{**link(r["doc"], r.get("title")),
                       "publisher": r.get("publisherLabel", ""), "date": r.get("date", ""),
                       "anchors": int(r.get("anchors", "0")),
                       "claims": int(r.get("claims", "0"))}
                      for r in rows(store, "home-documents")],
        "items": [{**link(r["item"], r.get("itemLabel")), "kind": r.get("kindLabel", ""),
                   "anchors": int(r["anchors"])}
                  for r in rows(store, "home-items")],
        "modalities": [{"label": r.get("modalityLabel", "(none)"), "claims": int(r["claims"])}
                       for r in rows(store, "home-modalities")],
        "comparisons": _comparisons(store, pack_dir),
    }


def _comparisons(store: Queryable, pack_dir: str | Path | None) -> list[Comparison]:
    from kg.query.pack import list_queries
    from kg.query.run import run_spec

    specs = {s.name: s for s in list_queries(pack_dir)}
    out: list[Comparison] = []
    for name, heading in COMPARISONS:
        spec = specs.get(name)
        if spec is None or any(p.required for p in spec.params):
            continue
        answer = run_spec(spec, store, limit=COMPARISON_ROWS)
        out.append({"name": name, "heading": heading, "question": spec.question,
                    "href": f"/sparql?pack={name}",
                    "result": table(answer.result, merge_labels=True)})
    return out
