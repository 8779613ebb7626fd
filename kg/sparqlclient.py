"""The one HTTP client for SPARQL endpoints: queries and graph writes.

Used by the remote store (:class:`kg.store.remote.EndpointStore`: ``open_store(URL)``,
``kg build --endpoint``) and by the Wikidata linker (:mod:`kg.link`: ``kg link``,
``kg enrich``). Every request

- is a POST: a query goes form-encoded (``query=``; no 414 on long ``VALUES`` blocks), a
  graph as ``application/n-triples`` to the Graph Store Protocol URL;
- asks for the results format of the query form the caller names (SELECT and ASK: SPARQL
  JSON; CONSTRUCT and DESCRIBE: Turtle). Nothing is guessed from the text, so words in
  comments ("added", "asks") change nothing;
- carries a descriptive User-Agent (the Wikidata Query Service refuses anonymous ones);
- has a timeout, ``timeout_s``: no wait (connecting, for the answer, for each part of
  it) lasts longer, and the answer is abandoned once the whole exchange has taken longer
  (a server that trickles bytes is cut off too);
- reads at most ``max_bytes`` of an answer (``KG_MAX_RESPONSE_BYTES``, default 512 MiB),
  decompressed size included (gzip and deflate only), and 64 KiB of an error body, whose
  first line goes into the message;
- reuses its connections (keep-alive) for as long as the client is open.

``429``, ``502``, ``503`` and ``504`` are retried up to ``retries`` times, after the wait
``Retry-After`` asks for (:func:`parse_retry_after`: seconds or an HTTP-date) or a
doubling back-off; a wait longer than ``max_retry_after_s`` fails at once. ``500`` is not
retried: the Wikidata Query Service answers it for a query that ran out of time, which
would only run out of time again. Every failure is one line naming the endpoint:
:class:`~kg.errors.QueryError` when the endpoint rejects the query (HTTP 400),
:class:`~kg.errors.EndpointError` otherwise.

The body is returned whole; callers parse it completely, because an Oxigraph server
reports an error that happens after streaming started as HTTP 200 with a truncated body.

Built on httpx rather than SPARQLWrapper; README.md ("Dependencies, and why") says why.

>>> parse_retry_after("120")
120.0
>>> parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT",
...                   now=parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"))
10.0
>>> parse_retry_after("-5") is None
True
"""

from __future__ import annotations

import email.utils
import math
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from kg.errors import EndpointError, QueryError
from kg.limits import RESPONSE_BYTES

if TYPE_CHECKING:
    import httpx

__all__ = ["SparqlClient", "redact", "Answer", "QueryForm", "RETRY_STATUSES", "ERROR_BODY_BYTES",
           "parse_retry_after", "parse_http_date", "default_user_agent", "read_form"]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: statuses retried after ``Retry-After`` or a back-off: too many requests, a gateway's trouble
RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: how much of an error body is read (its first line is shown)
ERROR_BODY_BYTES = 64 << 10

ACCEPT: dict[str, str] = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "text/turtle",
    "DESCRIBE": "text/turtle",
}

_FORMS: dict[str, QueryForm] = {"SELECT": "SELECT", "ASK": "ASK", "CONSTRUCT": "CONSTRUCT",
                                 "DESCRIBE": "DESCRIBE"}

# delta-seconds is 1*DIGIT (RFC 9110 10.2.3); ten digits are over 300 years
_SECONDS = re.compile(r"[0-9]{1,10}")


def read_form(form: str) -> QueryForm:
    """``form`` as a read query form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``).

    :raises QueryError: for anything else (an update is not sent as a query).
    """
    found = _FORMS.get(form.upper())
    if found is not None:
        return found
    raise QueryError(f"only SELECT, ASK, CONSTRUCT and DESCRIBE are read queries, not "
                     f"{form!r}")


def parse_http_date(value: str) -> float | None:
    """POSIX time of an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime
    forms); ``None`` if ``value`` is not one."""
    if len(value) > 64:  # the longest HTTP-date is 37 characters
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.timestamp()
    except (OverflowError, ValueError, OSError):
        return None


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP-date.

    ``None`` when the header is absent or not one of the two forms (a negative number, a
    fraction, ``inf``, text); a date in the past means ``0``. ``now`` is POSIX time
    (default: the clock).
    """
    if value is None:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return float(int(value))
    when = parse_http_date(value)
    if when is None:
        return None
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when - current)


def redact(url: str) -> str:
    """``url`` as shown in messages and logs: a password in it (``user:secret@host``) is
    replaced by ``***``, so an error never echoes a credential."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def default_user_agent(contact: str | None = None) -> str:
    """``kg-toolkit/VERSION (https://w3id.org/kg-toolkit[; CONTACT]) httpx/VERSION``: the
    form the Wikimedia User-Agent policy asks for (client, contact, library)."""
    from importlib.metadata import PackageNotFoundError, version

    from kg import __version__

    try:
        library = f"httpx/{version('httpx')}"
    except PackageNotFoundError:  # pragma: no cover - httpx is a dependency
        library = "httpx"
    about = "https://w3id.org/kg-toolkit" + (f"; {contact}" if contact else "")
    return f"kg-toolkit/{__version__} ({about}) {library}"


@dataclass(frozen=True)
class Answer:
    """A whole answer: its body and its ``Content-Type``."""

    body: bytes
    content_type: str


class SparqlClient:
    """Queries and graph writes to one SPARQL endpoint; ``requests`` counts what it sent.

    Use it as a context manager, or call :meth:`close`, to release its connections.

    >>> with SparqlClient("http://127.0.0.1:9/query", user_agent="doc/1") as client:
    ...     client.requests
    0
    """

    def __init__(self, url: str, *, user_agent: str, timeout_s: float = 60.0,
                 retries: int = 2, backoff_s: float = 1.0, max_retry_after_s: float = 120.0,
                 max_bytes: int | None = None, offline: bool = False,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(f"SPARQL endpoint {url!r} is not an http(s) URL")
        try:
            urllib.parse.urlsplit(url).port  # noqa: B018 - raises ValueError for a bad port
        except ValueError as exc:
            raise EndpointError(f"SPARQL endpoint {url!r} is no valid URL: {exc}") from None
        if not user_agent.strip():
            raise EndpointError("an empty User-Agent is refused: endpoints reject anonymous "
                                "clients")
        if not (timeout_s > 0 and math.isfinite(timeout_s)) or retries < 0 or backoff_s < 0:
            raise EndpointError("timeout must be > 0, retries and back-off >= 0")
        self.url = url
        self.user_agent = user_agent
        self.timeout_s = float(timeout_s)
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.max_bytes = RESPONSE_BYTES.value() if max_bytes is None else max_bytes
        self.offline = offline
        self.requests = 0
        self._sleep = sleep
        self._http: httpx.Client | None = None

    def __repr__(self) -> str:
        return f"SparqlClient({self.url!r})"

    def __enter__(self) -> SparqlClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections (the client opens new ones if used again)."""
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- the two operations ----------------------------------------------------------------
    def query(self, text: str, *, form: QueryForm, timeout_s: float | None = None) -> Answer:
        """POST a read query of the given ``form``; the whole answer.

        :raises QueryError: if the endpoint rejects the query (HTTP 400).
        :raises EndpointError: on any other failure, naming the endpoint.
        """
        accept = ACCEPT[read_form(form)]
        return self._send(self.url, what="SPARQL endpoint", content={"query": text},
                          accept=accept, timeout_s=timeout_s)

    def send_graph(self, store_url: str, graph_iri: str | None, ntriples: bytes, *,
                   replace: bool = True) -> None:
        """Write one graph's N-Triples with the Graph Store Protocol (``graph_iri`` ``None``:
        the default graph): ``PUT`` replaces the graph, ``POST`` (``replace=False``) adds."""
        import urllib.parse

        query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
        method = "PUT" if replace else "POST"
        self._send(f"{store_url}?{query}", what=f"{method} to the graph store", body=ntriples,
                   method=method, content_type="application/n-triples")

    def select(self, text: str) -> list[dict[str, dict[str, str]]]:
        """Run a SELECT query; its SPARQL JSON bindings, one dict per row.

        :raises EndpointError: also when the answer is not whole, valid SPARQL JSON.
        """
        import json

        body = self.query(text, form="SELECT").body
        try:
            doc = json.loads(body.decode("utf-8"))
            if isinstance(doc, dict) and "boolean" in doc and "results" not in doc:
                raise EndpointError(f"SPARQL endpoint {redact(self.url)} answered a boolean "
                                    "(an ASK answer) to a SELECT query")
            rows = doc["results"]["bindings"]
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise TypeError("bindings is not a list of objects")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError,
                RecursionError) as exc:  # RecursionError: arrays nested too deep
            head = body[:80].decode("utf-8", "replace")
            raise EndpointError(
                f"SPARQL endpoint {redact(self.url)} answered incomplete or invalid JSON results "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                f"body starts {head!r}") from exc
        return rows

    # -- one exchange, with its retries ------------------------------------------------------
    def _send(self, url: str, *, what: str, method: str = "POST",
              content: dict[str, str] | None = None, body: bytes | None = None,
              accept: str | None = None, content_type: str | None = None,
              timeout_s: float | None = None) -> Answer:
        if self.offline:
            raise EndpointError(f"offline: refusing to send a request to {redact(url)}")
        timeout = self.timeout_s if timeout_s is None else max(float(timeout_s), 0.001)
        headers = {k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v}
        headers["Accept-Encoding"] = "gzip, deflate"  # what _decode undoes within the cap
        attempts = self.retries + 1
        for attempt in range(attempts):
            status, reason, answer, retry_after, location = self._exchange(
                url, what=what, method=method, content=content, body=body, headers=headers,
                timeout_s=timeout)
            if 200 <= status < 300:
                return answer
            detail = _first_line(answer.body)
            if 300 <= status < 400 and location:
                detail = f" (redirected to {location[:200]}: use that URL)"
            if status == 400 and method == "POST" and content is not None:
                raise QueryError(f"{what} {redact(url)} rejected the query: "
                                 f"HTTP 400 {reason}{detail}")
            if status not in RETRY_STATUSES or attempt == attempts - 1:
                tries = f" after {attempt + 1} attempts" if attempt else ""
                hint = f" (last Retry-After: {retry_after:g} s)" if retry_after is not None \
                    else ""
                raise EndpointError(f"{what} {redact(url)} answered HTTP {status} {reason}"
                                    f"{tries}{hint}{detail}")
            delay = retry_after if retry_after is not None else self.backoff_s * 2 ** attempt
            if delay > self.max_retry_after_s:
                raise EndpointError(
                    f"{what} {redact(url)} answered HTTP {status} {reason} and asks to retry after "
                    f"{delay:g} s, more than the {self.max_retry_after_s:g} s limit; "
                    "try again later")
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _exchange(self, url: str, *, what: str, method: str, content: dict[str, str] | None,
                  body: bytes | None, headers: dict[str, str], timeout_s: float
                  ) -> tuple[int, str, Answer, float | None, str]:
        """One request: (status, reason, the answer or the start of the error body,
        Retry-After in seconds, Location)."""
        import httpx

        deadline = time.monotonic() + timeout_s
        self.requests += 1
        try:
            with self._client().stream(method, url, data=content, content=body,
                                       headers=headers, timeout=_timeout(timeout_s)) as resp:
                ok = 200 <= resp.status_code < 300
                cap = self.max_bytes if ok else ERROR_BODY_BYTES
                data = b"".join(_read(resp.iter_raw(), resp, cap=cap, deadline=deadline,
                                      stop_at_cap=not ok, url=url, what=what,
                                      timeout_s=timeout_s))
                if resp.headers.get("Content-Encoding"):
                    data = _decode(resp, data, cap=cap, truncate=not ok, url=url, what=what)
                retry_after = parse_retry_after(resp.headers.get("Retry-After"))
                return (resp.status_code, resp.reason_phrase,
                        Answer(data, resp.headers.get("Content-Type", "")), retry_after,
                        resp.headers.get("Location", ""))
        except httpx.TimeoutException as exc:
            raise EndpointError(_timed_out(what, url, timeout_s)) from exc
        except httpx.ConnectError as exc:
            raise EndpointError(f"{what} {redact(url)} cannot be reached: {_reason(exc)}") from exc
        except httpx.RemoteProtocolError as exc:
            raise EndpointError(f"{what} {redact(url)} sent an incomplete or invalid answer "
                                f"({_reason(exc)})") from exc
        except httpx.HTTPError as exc:
            raise EndpointError(f"{what} {redact(url)} failed: {_reason(exc)}") from exc

    def _client(self) -> httpx.Client:
        import httpx

        if self._http is None:
            self._http = httpx.Client(headers={"User-Agent": self.user_agent},
                                      follow_redirects=False)
        return self._http


def _timeout(seconds: float) -> httpx.Timeout:
    import httpx

    return httpx.Timeout(seconds)


def _read(chunks: Iterator[bytes], resp: httpx.Response, *, cap: int, deadline: float,
          stop_at_cap: bool, url: str, what: str, timeout_s: float) -> Iterator[bytes]:
    """The body's bytes, within the deadline and the cap (an error body is cut at the cap,
    an answer past it is an error)."""
    size = 0
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise EndpointError(_timed_out(what, url, timeout_s) + " (answer not complete)")
        size += len(chunk)
        if size > cap:
            if stop_at_cap:
                yield chunk[:len(chunk) - (size - cap)]
                return
            raise EndpointError(f"{what} {redact(url)} answered more than "
                                f"{RESPONSE_BYTES.describe(cap)}"
                                "; ask for less (LIMIT) or raise the limit")
        yield chunk


def _decode(resp: httpx.Response, raw: bytes, *, cap: int, truncate: bool, url: str,
            what: str) -> bytes:
    """A compressed answer (``Content-Encoding``), decompressed within the cap (an error
    body: its start, or nothing if it cannot be read)."""
    import zlib

    encoding = resp.headers.get("Content-Encoding", "").strip().lower()
    if encoding in ("identity", ""):
        return raw
    if encoding not in ("gzip", "deflate"):
        if truncate:
            return b""
        raise EndpointError(f"{what} {redact(url)} answered in an unsupported encoding "
                            f"{encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(raw, cap + 1)
    except zlib.error as exc:
        if truncate:
            return b""
        raise EndpointError(f"{what} {redact(url)} answered a corrupt {encoding} body "
                            f"({exc})") from exc
    if truncate:
        return data[:cap]
    if len(data) > cap or inflater.unconsumed_tail:
        raise EndpointError(f"{what} {redact(url)} answered more than "
                            f"{RESPONSE_BYTES.describe(cap)} "
                            "once decompressed; ask for less (LIMIT) or raise the limit")
    return data


def _timed_out(what: str, url: str, timeout_s: float) -> str:
    shown = f"{timeout_s:g}" if math.isfinite(timeout_s) else str(timeout_s)
    return f"{what} {redact(url)} timed out after {shown} s (raise --timeout, or try again later)"


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _first_line(body: bytes) -> str:
    """': first line of an error body', for one-line messages ('' when there is none)."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return ""
    return f": {text.splitlines()[0].strip()[:200]}"
