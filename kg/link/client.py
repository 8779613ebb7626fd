"""A polite SPARQL client for the Wikidata Query Service (and any SPARQL 1.1 endpoint).

Modelled on WikibaseIntegrator's ``execute_sparql_query``: every request is a
POST (no 414 on long ``VALUES`` blocks) asking for JSON results, with an
explicit timeout and a descriptive User-Agent (WDQS refuses or silently empties
anonymous requests). ``429`` and ``502``/``503``/``504`` are retried, waiting as
long as ``Retry-After`` says (bounded by ``max_retry_after_s``) or with doubling
back-off. ``500`` is not retried: WDQS uses it for queries that ran out of time,
which would only run out of time again. Every failure becomes one
:class:`~kg.errors.EndpointError` line that names the endpoint.

The whole body is parsed before anything is used: an Oxigraph server reports
an error that happens mid-stream as HTTP 200 with a truncated body.
"""

from __future__ import annotations

import ast
import email.utils
import json
import time
import urllib.error
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from kg.errors import EndpointError
from kg.link.config import LinkConfig

__all__ = ["SparqlClient", "RETRY_STATUSES", "parse_retry_after"]

RETRY_STATUSES = frozenset({429, 502, 503, 504})


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP-date); None if absent."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class _Failure(NamedTuple):
    status: int
    retry_after_s: float | None
    reason: str
    detail: str = ""  # ": first line of the error body"


def _response_of(exc: Exception) -> bytes | None:
    """The error body SPARQLWrapper kept (it stores only its repr in the message)."""
    text = str(exc)
    if "Response:\n" not in text:
        return None
    try:
        value = ast.literal_eval(text.split("Response:\n", 1)[1])
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, bytes) else None


def _first_line(body: object) -> str:
    """': first line of an error body', for one-line messages ('' when there is none)."""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str) or not body.strip():
        return ""
    line = body.strip().splitlines()[0].strip()
    return f": {line[:200]}"


class SparqlClient:
    """Sends SELECT queries to ``config.endpoint``; counts the HTTP requests it makes.

    >>> client = SparqlClient(LinkConfig(endpoint="http://127.0.0.1:9/query"))
    >>> client.requests
    0
    """

    def __init__(self, config: LinkConfig, *, sleep: Callable[[float], None] = time.sleep):
        self.config = config
        self.requests = 0
        self._sleep = sleep

    @property
    def endpoint(self) -> str:
        return self.config.endpoint

    def select(self, query: str) -> list[dict[str, Any]]:
        """Run a SELECT query; return its SPARQL JSON bindings (one dict per row).

        :raises EndpointError: on timeouts, connection and HTTP errors, or an
            incomplete or malformed answer, naming the endpoint.
        """
        if self.config.offline:
            raise EndpointError(f"offline: refusing to send a request to {self.endpoint}")
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            answer = self._attempt(query)
            if not isinstance(answer, _Failure):
                return answer
            status, wait, reason, detail = answer
            last = attempt == attempts - 1
            if status not in RETRY_STATUSES or last:
                raise EndpointError(self._http_message(status, reason, attempt + 1, wait)
                                    + detail)
            delay = wait if wait is not None else self.config.backoff_s * (2 ** attempt)
            if delay > self.config.max_retry_after_s:
                raise EndpointError(
                    f"SPARQL endpoint {self.endpoint} answered HTTP {status} {reason} and asks "
                    f"to retry after {delay:g} s, more than the {self.config.max_retry_after_s:g}"
                    " s limit; try again later")
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- one HTTP request --------------------------------------------------------------
    def _attempt(self, query: str) -> list[dict[str, Any]] | _Failure:
        """One request: the bindings, or the HTTP failure (raises on anything else)."""
        from SPARQLWrapper import JSON
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointInternalError,
            EndPointNotFound,
            QueryBadFormed,
            SPARQLWrapperException,
            Unauthorized,
            URITooLong,
        )

        from kg.sparqlhttp import sparql_post

        # SELECT: this client sends nothing else (SPARQLWrapper's guess misreads comments);
        # Accept header only, no format=/output= parameters.
        wrapper = sparql_post(self.endpoint, query, form="SELECT",
                              user_agent=self.config.user_agent,
                              timeout_s=self.config.timeout_s, return_format=JSON,
                              only_conneg=True)
        self.requests += 1
        fixed = {QueryBadFormed: (400, "Bad Request (query rejected)"),
                 Unauthorized: (401, "Unauthorized"), EndPointNotFound: (404, "Not Found"),
                 URITooLong: (414, "URI Too Long"),
                 EndPointInternalError: (500, "Internal Server Error")}
        try:
            response = wrapper.query().response
            body = response.read()
        except urllib.error.HTTPError as exc:
            wait = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            try:
                detail = _first_line(exc.read())
            except OSError:
                detail = ""
            return _Failure(exc.code, wait, str(exc.reason or ""), detail)
        except SPARQLWrapperException as exc:
            status, reason = fixed.get(type(exc), (0, type(exc).__name__))
            return _Failure(status, None, reason, _first_line(_response_of(exc)))
        except TimeoutError as exc:
            raise EndpointError(self._timeout_message()) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise EndpointError(self._timeout_message()) from exc
            raise EndpointError(
                f"SPARQL endpoint {self.endpoint} cannot be reached: {exc.reason}") from exc
        except OSError as exc:
            raise EndpointError(f"SPARQL endpoint {self.endpoint} failed: {exc}") from exc
        return self._bindings(body)

    def _bindings(self, body: bytes) -> list[dict[str, Any]]:
        try:
            doc = json.loads(body.decode("utf-8"))
            rows = doc["results"]["bindings"]
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise TypeError("bindings is not a list of objects")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            head = body[:80].decode("utf-8", "replace").replace("\n", " ")
            raise EndpointError(
                f"SPARQL endpoint {self.endpoint} answered incomplete or invalid JSON results "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                f"body starts {head!r}") from exc
        return rows

    def _timeout_message(self) -> str:
        return (f"SPARQL endpoint {self.endpoint} timed out after {self.config.timeout_s:g} s "
                "(raise --timeout, or try again later)")

    def _http_message(self, status: int, reason: str, attempts: int, wait: float | None) -> str:
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        hint = f" (last Retry-After: {wait:g} s)" if wait is not None else ""
        what = f"HTTP {status} {reason}".strip() if status else reason
        return f"SPARQL endpoint {self.endpoint} answered {what}{tries}{hint}"
