"""Remote SPARQL 1.1 endpoints: Protocol reads, Graph Store Protocol writes.

Both go through :class:`kg.sparqlclient.SparqlClient` (POST, the results format of the
query form found by :func:`kg.store.guard.check_query`, a timeout, a size cap, retries
after ``Retry-After``). Answers are parsed whole: Oxigraph reports an error that happens
after streaming started as HTTP 200 with a truncated body, which only a complete parse
catches.

Writes replace one named graph at a time with ``PUT <store>?graph=<iri>`` and an
``application/n-triples`` body, so a push is idempotent and graphs the build does
not produce (for instance on a shared endpoint) are left alone.
"""

from __future__ import annotations

import tempfile
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import EndpointError, StoreError
from kg.sparqlclient import SparqlClient, default_user_agent, read_form, redact
from kg.store.bind import bind_values
from kg.store.guard import check_query
from kg.store.result import QueryResult, result_from_json, result_from_triples

__all__ = ["EndpointStore", "push_graphs", "store_url_for", "USER_AGENT"]

USER_AGENT = default_user_agent()
DEFAULT_TIMEOUT_S = 60.0


def store_url_for(endpoint_url: str) -> str:
    """The Graph Store Protocol URL next to a query endpoint (``.../query`` -> ``.../store``).

    :raises UsageError: if it cannot be derived (pass ``store_url`` explicitly).
    """
    from kg.errors import UsageError

    parts = urllib.parse.urlsplit(endpoint_url)
    path = parts.path.rstrip("/")
    if path.endswith("/store"):
        return endpoint_url
    if path.endswith("/query") or path.endswith("/sparql"):
        path = path.rsplit("/", 1)[0] + "/store"
    elif path == "":
        path = "/store"
    else:
        raise UsageError(f"{redact(endpoint_url)}: cannot tell the Graph Store URL; pass store_url")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def query_url_for(url: str) -> str:
    """A base server URL (``http://host:7878``) means its ``/query`` endpoint."""
    parts = urllib.parse.urlsplit(url)
    if parts.path.rstrip("/") == "":
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/query", "", ""))
    return url


class EndpointStore:
    """A SPARQL 1.1 endpoint behind the store API; queries see its default graph.

    Point it at a server that answers over the union of named graphs (Oxigraph
    ``--union-default-graph``, as ``kg serve`` does) to get the embedded semantics.
    """

    def __init__(self, url: str, *, read_only: bool = True, allow_service: bool = False,
                 store_url: str | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
                 user_agent: str = USER_AGENT, retries: int = 2):
        try:
            self.url = query_url_for(url)
        except ValueError as exc:  # "http://[::1": urllib's words, with the URL
            raise EndpointError(f"SPARQL endpoint {url!r} is no valid URL: {exc}") from None
        self.read_only = read_only
        self.allow_service = allow_service
        self._store_url = store_url
        self.timeout_s = timeout_s
        self.user_agent = user_agent
        self.retries = retries
        self._client = SparqlClient(self.url, user_agent=user_agent, timeout_s=timeout_s,
                                    retries=retries)

    def __repr__(self) -> str:
        return f"EndpointStore({self.url!r})"

    def __enter__(self) -> EndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store_url(self) -> str:
        return self._store_url or store_url_for(self.url)

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """POST a read query; ``bindings`` become a VALUES block of escaped terms.

        :raises QueryError: if the query is refused locally or rejected (400) by the endpoint.
        :raises EndpointError: on HTTP errors, timeouts and incomplete results.
        """
        form = read_form(check_query(sparql, allow_service=self.allow_service))
        text = bind_values(sparql, bindings) if bindings else sparql
        timeout = self.timeout_s if timeout_s is None else timeout_s
        body = self._client.query(text, form=form, timeout_s=timeout).body
        if form in ("CONSTRUCT", "DESCRIBE"):
            return _parse_turtle(body, source=redact(self.url))
        return result_from_json(body, source=redact(self.url), form=form)

    def graphs(self) -> list[str]:
        """IRIs of the endpoint's named graphs, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(v[0] for v in result.values() if v[0] is not None)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only (open_store(..., read_only=False))")

    def replace_graph(self, graph_iri: str, nquads_path: str | Path) -> None:
        """PUT the triples of a file as named graph ``graph_iri`` (Graph Store Protocol)."""
        self._check_writable()
        body = _graph_body(Path(nquads_path), graph_iri)
        self._client.send_graph(self.store_url, graph_iri, body)

    def load_nquads(self, path: str | Path) -> None:
        """Add every named graph of an N-Quads file (POST per graph, existing triples kept)."""
        self._check_writable()
        _send_graphs(Path(path), self.store_url, self._client, replace=False)

    def close(self) -> None:
        """Close the connections kept open for the next request."""
        self._client.close()


def push_graphs(nquads_path: str | Path, endpoint_url: str, *, store_url: str | None = None,
                timeout_s: float = DEFAULT_TIMEOUT_S, user_agent: str = USER_AGENT
                ) -> dict[str, int]:
    """Replace, on a remote endpoint, every named graph found in ``nquads_path``.

    ``endpoint_url`` is the query endpoint (``http://host:7878/query``) or the
    server's base URL; the Graph Store URL is derived (``/store``) unless given.
    Returns ``{graph IRI: triples sent}``.

    :raises EndpointError: naming the graph and URL if a PUT fails.
    """
    url = query_url_for(endpoint_url)
    target = store_url or store_url_for(url)
    with SparqlClient(url, user_agent=user_agent, timeout_s=timeout_s) as client:
        return _send_graphs(Path(nquads_path), target, client, replace=True)


def _send_graphs(path: Path, store_url: str, client: SparqlClient, *, replace: bool
                 ) -> dict[str, int]:
    """Split the N-Quads per graph through a temporary on-disk store (bounded memory)."""
    import pyoxigraph as ox

    if not path.is_file():
        raise StoreError(f"{path}: N-Quads file not found")
    sent: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        store = ox.Store(tmp)
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"{path}: invalid N-Quads: {exc}") from exc
        graphs: list[Any] = sorted(store.named_graphs(), key=str)
        if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
            graphs.insert(0, ox.DefaultGraph())
        for graph in graphs:
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
            iri = None if isinstance(graph, ox.DefaultGraph) else graph.value
            client.send_graph(store_url, iri, body, replace=replace)
            sent[iri or "default"] = body.count(b"\n")
        del store
    return sent


def _graph_body(path: Path, graph_iri: str) -> bytes:
    """N-Triples of a file meant for one graph (N-Triples, or N-Quads of that graph only)."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.N_QUADS
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, OSError) as exc:
        raise StoreError(f"{path}: cannot read: {exc}") from exc
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value != graph_iri:
            raise StoreError(f"{path}: quad in graph {q.graph_name} while replacing <{graph_iri}>")
    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""


def _parse_turtle(body: bytes, *, source: str) -> QueryResult:
    import pyoxigraph as ox

    try:
        return result_from_triples(q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise EndpointError(f"{source}: incomplete or invalid RDF in the answer ({exc})") from exc
