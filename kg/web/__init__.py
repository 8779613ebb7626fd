"""The analyst's workbench served by ``kg serve``: linked pages over the built graph.

- ``/`` — the corpus summary (:mod:`kg.web.home`)
- ``/sparql`` — the query page: editor, question pack, results (:mod:`kg.web.sparql`)
- ``/entity/<id>`` and ``/entity/<doc>/<id>`` — one item (:mod:`kg.web.entity`)
- ``/doc/<id>`` — one document with its anchors highlighted (:mod:`kg.web.document`)

Every page is a model (a JSON-able dict, served as the page's ``.json`` twin, its shape a
``TypedDict`` of :mod:`kg.web.models`) rendered by
an autoescaping template (:mod:`kg.web.render`). Models read the graph only through a store
object's ``query(sparql)`` — in ``kg serve`` its guarded query path — so the library works
on any store (``kg.store.open_store``) and is tested without HTTP too.
"""

from __future__ import annotations

__all__ = ["entity_model", "document_model", "home_model", "sparql_model"]


def __getattr__(name: str):  # lazy: importing kg.web stays cheap
    if name == "entity_model":
        from kg.web.entity import entity_model
        return entity_model
    if name == "document_model":
        from kg.web.document import document_model
        return document_model
    if name == "home_model":
        from kg.web.home import home_model
        return home_model
    if name == "sparql_model":
        from kg.web.sparql import sparql_model
        return sparql_model
    raise AttributeError(name)
