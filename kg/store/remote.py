"""Remote SPARQL 1.1 endpoints: SPARQLWrapper reads, Graph Store Protocol writes.

Reads are POSTed, ask for JSON (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE),
carry an explicit timeout and a descriptive User-Agent, and parse the whole
body: Oxigraph reports an error that happens after streaming started as HTTP 200
with a truncated body, which only a complete parse catches. ``429`` and ``503``
are retried after ``Retry-After`` (bounded).

Writes replace one named graph at a time with ``PUT <store>?graph=<iri>`` and an
``application/n-triples`` body, so a push is idempotent and graphs the build does
not produce (for instance on a shared endpoint) are left alone.
"""

from __future__ import annotations

import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.errors import EndpointError, QueryError, StoreError
from kg.store.bind import bind_values
from kg.store.guard import check_query
from kg.store.result import QueryResult, result_from_json, result_from_triples

__all__ = ["EndpointStore", "push_graphs", "store_url_for", "USER_AGENT"]

USER_AGENT = "kg-toolkit/0.1 (https://w3id.org/kg-toolkit; SPARQL client)"
DEFAULT_TIMEOUT_S = 60.0
_MAX_RETRY_AFTER_S = 30.0


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
        raise UsageError(f"{endpoint_url}: cannot tell the Graph Store URL; pass store_url")
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
        self.url = query_url_for(url)
        self.read_only = read_only
        self.allow_service = allow_service
        self._store_url = store_url
        self.timeout_s = timeout_s
        self.user_agent = user_agent
        self.retries = retries

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
        form = check_query(sparql, allow_service=self.allow_service)
        text = bind_values(sparql, bindings) if bindings else sparql
        timeout = self.timeout_s if timeout_s is None else timeout_s
        graph = form in ("CONSTRUCT", "DESCRIBE")
        body = self._post_query(text, form=form, timeout_s=timeout)
        if graph:
            return _parse_turtle(body, source=self.url)
        return result_from_json(body, source=self.url)

    def _post_query(self, text: str, *, form: str, timeout_s: float) -> bytes:
        from SPARQLWrapper import JSON, TURTLE
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

        from kg.sparqlhttp import sparql_post

        # form: found by check_query's tokenizer (SPARQLWrapper's own guess misreads comments)
        wrapper = sparql_post(self.url, text, form=form, user_agent=self.user_agent,
                              timeout_s=max(float(timeout_s), 0.001),
                              return_format=TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
        deadline = time.monotonic() + timeout_s
        for attempt in range(self.retries + 1):
            try:
                response = wrapper.query().response
                return _read_all(response, deadline, source=self.url, timeout_s=timeout_s)
            except QueryBadFormed as exc:
                raise QueryError(f"{self.url} rejected the query: {_detail(exc)}") from exc
            except urllib.error.HTTPError as exc:
                wait = _retry_after(exc)
                if wait is None or attempt == self.retries or time.monotonic() + wait > deadline:
                    raise EndpointError(f"{self.url}: HTTP {exc.code} {exc.reason}") from exc
                time.sleep(wait)
            except SPARQLWrapperException as exc:
                raise EndpointError(f"{self.url}: {_detail(exc)}") from exc
            except TimeoutError as exc:
                raise EndpointError(f"{self.url}: no answer within {timeout_s:g} s") from exc
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise EndpointError(f"{self.url}: no answer within {timeout_s:g} s") from exc
                raise EndpointError(f"{self.url}: {exc.reason}") from exc
            except OSError as exc:
                raise EndpointError(f"{self.url}: {exc}") from exc
        raise EndpointError(f"{self.url}: gave up after {self.retries + 1} attempts")

    def graphs(self) -> list[str]:
        """IRIs of the endpoint's named graphs, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row[0].value for row in result.rows if row[0] is not None)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only (open_store(..., read_only=False))")

    def replace_graph(self, graph_iri: str, nquads_path: str | Path) -> None:
        """PUT the triples of a file as named graph ``graph_iri`` (Graph Store Protocol)."""
        self._check_writable()
        body = _graph_body(Path(nquads_path), graph_iri)
        put_graph(self.store_url, graph_iri, body, timeout_s=self.timeout_s,
                  user_agent=self.user_agent)

    def load_nquads(self, path: str | Path) -> None:
        """Add every named graph of an N-Quads file (POST per graph, existing triples kept)."""
        self._check_writable()
        _send_graphs(Path(path), self.store_url, method="POST", timeout_s=self.timeout_s,
                     user_agent=self.user_agent)

    def close(self) -> None:
        """Nothing to release: each request opens its own connection."""


def push_graphs(nquads_path: str | Path, endpoint_url: str, *, store_url: str | None = None,
                timeout_s: float = DEFAULT_TIMEOUT_S, user_agent: str = USER_AGENT
                ) -> dict[str, int]:
    """Replace, on a remote endpoint, every named graph found in ``nquads_path``.

    ``endpoint_url`` is the query endpoint (``http://host:7878/query``) or the
    server's base URL; the Graph Store URL is derived (``/store``) unless given.
    Returns ``{graph IRI: triples sent}``.

    :raises EndpointError: naming the graph and URL if a PUT fails.
    """
    target = store_url or store_url_for(query_url_for(endpoint_url))
    return _send_graphs(Path(nquads_path), target, method="PUT", timeout_s=timeout_s,
                        user_agent=user_agent)


def _send_graphs(path: Path, store_url: str, *, method: str, timeout_s: float,
                 user_agent: str) -> dict[str, int]:
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
            put_graph(store_url, iri, body, timeout_s=timeout_s, user_agent=user_agent,
                      method=method)
            sent[iri or "default"] = body.count(b"\n")
        del store
    return sent


def put_graph(store_url: str, graph_iri: str | None, body: bytes, *, timeout_s: float,
              user_agent: str = USER_AGENT, method: str = "PUT") -> None:
    """Send one graph's N-Triples to a Graph Store Protocol endpoint (``None``: default graph)."""
    query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
    url = f"{store_url}?{query}"
    request = urllib.request.Request(url, data=body, method=method, headers={
        "Content-Type": "application/n-triples", "User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{method} {url}: HTTP {exc.code} {_detail(exc)}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"{method} {url}: {getattr(exc, 'reason', exc)}") from exc


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


def _read_all(response: Any, deadline: float, *, source: str, timeout_s: float) -> bytes:
    chunks = []
    while chunk := response.read(1 << 16):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            response.close()
            raise EndpointError(f"{source}: results not complete within {timeout_s:g} s")
    return b"".join(chunks)


def _parse_turtle(body: bytes, *, source: str) -> QueryResult:
    import pyoxigraph as ox

    try:
        return result_from_triples(q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise EndpointError(f"{source}: incomplete or invalid RDF in the answer ({exc})") from exc


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    if exc.code not in (429, 503):
        return None
    try:
        wait = float(exc.headers.get("Retry-After", "1"))
    except ValueError:
        wait = 1.0
    return min(max(wait, 0.0), _MAX_RETRY_AFTER_S)


def _detail(exc: Exception) -> str:
    """First line of an HTTP error body or exception, for a one-line message."""
    text = ""
    if isinstance(exc, urllib.error.HTTPError):
        try:
            text = exc.read().decode("utf-8", "replace")
        except OSError:
            text = ""
    text = text or str(exc)
    return " ".join(text.split())[:300]
