"""One place that sets up SPARQLWrapper the way every ``kg`` SPARQL client needs it.

SPARQLWrapper's defaults are wrong for us: GET (414 on long queries), no timeout, a
library User-Agent, and a query form guessed by a regular expression that reads words in
comments ("added" -> an ``ADD`` update). The two clients,
:class:`kg.store.remote.EndpointStore` and :class:`kg.link.client.SparqlClient`, share
this request setup; each keeps its own retry policy (they differ on purpose: which
statuses are retried, how ``Retry-After`` is read, back-off, deadline, messages).
"""

from __future__ import annotations

from typing import Any

__all__ = ["sparql_post"]


def sparql_post(url: str, query: str, *, form: str, user_agent: str, timeout_s: float,
                return_format: str, only_conneg: bool = False) -> Any:
    """A ``SPARQLWrapper`` ready to ``.query()``: POST, ``user_agent``, ``return_format``
    (``"json"``, ``"turtle"``), the query ``form`` (``SELECT``, ``ASK``, ``CONSTRUCT``,
    ``DESCRIBE``) as given rather than guessed, and a float ``timeout_s``.

    ``only_conneg`` sends the format in the Accept header only (no ``format=``/``output=``
    parameters).
    """
    from SPARQLWrapper import POST, SPARQLWrapper

    wrapper = SPARQLWrapper(url, agent=user_agent)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(return_format)
    if only_conneg:
        wrapper.setOnlyConneg(True)
    wrapper.setQuery(query)
    # setQuery() guesses the form with a regular expression that reads words in comments
    # ("added" -> ADD, "asks" -> ASK): it would send an update, or ask for the wrong
    # format. The caller knows the form; it replaces the guess.
    wrapper.queryType = form
    # setTimeout() truncates to int (0.5 s would mean no timeout at all): set the field.
    wrapper.timeout = timeout_s
    return wrapper
