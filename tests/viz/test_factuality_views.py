"""The views draw what did not happen apart: dashed edges, outline timeline bars.

The styles come from the ontology (``kg:edgeStyle``, ``kg:barStyle`` on the factuality
concepts); by default nothing that did not happen is drawn at all.
"""

from __future__ import annotations

from kg.network import project, timeline_events
from kg.viz.items import edge_items
from kg.viz.timeline import render_timeline_html, render_timeline_svg

DOC = "https://w3id.org/kg-toolkit/id/doc/statuses/"


def test_network_edges_of_what_did_not_happen_are_dashed_apart(statuses_store):
    G = project(statuses_store, "actors", include_nonfactual=True)
    items = edge_items(G, show_labels=False)
    dotted = {i["factuality"] for i in items if i["dashes"] == [2, 6]}
    assert dotted == {"denied", "not asserted as fact"}, items
    assert all("factuality" not in i for i in items if i["dashes"] != [2, 6]), items
    default = edge_items(project(statuses_store, "actors"), show_labels=False)
    assert not [i for i in default if i["dashes"] == [2, 6] or "factuality" in i], default


def test_timeline_svg_outlines_what_did_not_happen(statuses_store):
    every = render_timeline_svg(timeline_events(statuses_store, include_nonfactual=True))
    # the pledge, the denied threat, the nuclear test, the air drills, the conditional threat
    outlined = '<g fill-opacity="0.35" stroke='
    assert every.count(outlined) == 5, every
    assert "possible nuclear test" in every and "Factuality: not happened" in every
    default = render_timeline_svg(timeline_events(statuses_store))
    assert outlined not in default and "possible nuclear test" not in default


def test_timeline_page_carries_the_style_for_its_script(statuses_store):
    page = render_timeline_html(timeline_events(statuses_store, include_nonfactual=True))
    assert '"factual": false' in page or '"factual":false' in page
    assert "possible nuclear test" not in render_timeline_html(timeline_events(statuses_store))
