"""Network analysis of the knowledge graph: projections, measures and exports.

- :func:`~kg.network.projection.project` turns a store into a networkx graph
  (views ``actors``, ``events``, ``claims``, ``all``), driven by the ontology.
- :func:`~kg.network.timeline.timeline_events` lists events with their dates.
- Topic modules over the signed actor network: :mod:`~kg.network.signed`,
  :mod:`~kg.network.centrality`, :mod:`~kg.network.blocs`, :mod:`~kg.network.balance`,
  :mod:`~kg.network.paths`; :mod:`~kg.network.report` combines them for ``kg analyze``.

See ``docs/network.md`` for the projection rules, the measures and the JSON keys.
"""

from kg.network.projection import VIEWS, project
from kg.network.timeline import timeline_events

__all__ = ["project", "timeline_events", "VIEWS"]
