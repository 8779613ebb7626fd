"""Each page's HTML from its model (the model is the page's ``.json`` twin)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg.web.highlight import marked
from kg.web.render import render_page

if TYPE_CHECKING:
    from kg.web.models import DocumentModel, EntityModel, HomeModel, SparqlModel

__all__ = ["home_html", "entity_html", "document_html", "sparql_html", "error_html"]


Views = Sequence[tuple[str, str]]


def home_html(model: HomeModel, views: Views = ()) -> str:
    return render_page("home.html", model, title="Corpus", active="/", json_href="/index.json",
                       views=views)


def entity_html(model: EntityModel, views: Views = ()) -> str:
    return render_page("entity.html", model, title=model["label"],
                       json_href=f"/entity/{model['id']}.json", views=views)


def document_html(model: DocumentModel, views: Views = ()) -> str:
    anchors = model["anchors"]
    text = marked(model["text"], [(a["start"], a["end"], a["item"]) for a in anchors],
                  lambda n: {"data-kind": anchors[n]["kind"]})
    return render_page("document.html", model, title=model["title"], text=text,
                       json_href=f"/doc/{model['id']}.json", views=views)


def sparql_html(model: SparqlModel, views: Views = ()) -> str:
    return render_page("sparql.html", model, title="Query", active="/sparql", views=views)


def error_html(status: int, message: str, views: Views = ()) -> str:
    error: Mapping[str, object] = {"status": status, "message": message}
    return render_page("error.html", error,
                       title=f"{status}", views=views)
