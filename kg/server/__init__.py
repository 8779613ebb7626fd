"""The web side of ``kg serve``: an ASGI app (Starlette) on uvicorn over a query service.

- :mod:`kg.server.app` — ``create_app``; how to add a route (a function of the
  :class:`~kg.server.service.QueryService` listed in ``ROUTE_FACTORIES``);
- :mod:`kg.server.service` — guarded, capped queries in the worker pool;
- :mod:`kg.server.sparql` — the SPARQL 1.1 Protocol at ``/query``;
- :mod:`kg.server.static` — the build's pages, streamed, never outside their folder;
- :mod:`kg.server.hosts` — the ``Host`` check (DNS rebinding);
- :mod:`kg.server.http` — uvicorn with request-head deadlines and connection limits;
- :mod:`kg.server.launch` — ``serve(...)``: all of the above started in a background thread.

Start it with :func:`kg.server.launch.serve` (``kg serve``).
"""
