"""The polite client against real loopback servers: headers, timeouts, HTTP errors, retries."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest

from kg.errors import EndpointError, QueryError
from kg.link.client import client_for

pytestmark = pytest.mark.server

ASK_ANYTHING = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def one_line(message: str) -> bool:
    return "\n" not in message and "\r" not in message


def test_requests_are_post_json_with_a_descriptive_user_agent(proxy, tmp_path, config_for):
    client = client_for(config_for(proxy.url, tmp_path))
    rows = client.select(ASK_ANYTHING)
    assert len(rows) == 1, rows
    seen = proxy.seen[-1]
    assert seen.method == "POST", seen
    assert seen.headers["Content-Type"].startswith("application/x-www-form-urlencoded"), seen
    assert "application/sparql-results+json" in seen.headers["Accept"], seen.headers
    agent = seen.headers["User-Agent"]
    assert agent.startswith("kg-toolkit/") and "https://w3id.org/kg-toolkit" in agent, agent
    assert " httpx/" in agent, agent
    form = parse_qs(seen.body.decode())
    assert form["query"] == [ASK_ANYTHING], form
    assert set(form) == {"query"}, form  # no format=/output= parameters


def test_contact_from_the_environment_goes_into_the_user_agent(proxy, tmp_path, config_for,
                                                              monkeypatch):
    from kg.link.config import default_user_agent

    monkeypatch.setenv("KG_CONTACT", "ops@example.org")
    client = client_for(config_for(proxy.url, tmp_path, user_agent=default_user_agent()))
    client.select(ASK_ANYTHING)
    assert "ops@example.org" in proxy.seen[-1].headers["User-Agent"], proxy.seen[-1].headers


def test_a_hanging_server_gives_a_one_line_timeout_naming_the_endpoint(stub_server, tmp_path,
                                                                      config_for):
    server = stub_server(status=None)
    client = client_for(config_for(server.url, tmp_path, timeout_s=0.5))
    # The server hangs until the test ends: only the client's sub-second timeout can end
    # the call, so its returning at all shows the timeout was honoured (no clock needed).
    with pytest.raises(EndpointError) as info:
        client.select(ASK_ANYTHING)
    message = str(info.value)
    assert server.url in message and "timed out after 0.5 s" in message, message
    assert one_line(message), message
    assert server.count == 1, "a timeout is not retried"


def test_http_500_gives_a_one_line_message_naming_the_endpoint(stub_server, tmp_path,
                                                              config_for):
    server = stub_server(status=500, body=b"boom: query failed\nstack trace")
    client = client_for(config_for(server.url, tmp_path))
    with pytest.raises(EndpointError) as info:
        client.select(ASK_ANYTHING)
    message = str(info.value)
    assert message == (f"SPARQL endpoint {server.url} answered HTTP 500 Internal Server Error: "
                       "boom: query failed"), message
    assert server.count == 1, "500 (a query that failed) is not retried"


def test_429_is_retried_after_retry_after_then_reported(stub_server, tmp_path, config_for):
    server = stub_server(status=429, headers={"Retry-After": "1"})
    client = client_for(config_for(server.url, tmp_path, retries=2))
    start = time.monotonic()
    with pytest.raises(EndpointError) as info:
        client.select(ASK_ANYTHING)
    elapsed = time.monotonic() - start
    message = str(info.value)
    assert server.url in message and "HTTP 429" in message, message
    assert "after 3 attempts" in message and "Retry-After: 1 s" in message, message
    assert one_line(message), message
    assert server.count == 3, server.count
    # a lower bound only: a loaded machine waits longer, never shorter
    assert elapsed >= 2.0, f"waited {elapsed:.2f} s; Retry-After asked for 2 x 1 s"


def test_503_with_retry_after_recovers_when_the_server_does(stub_server, wikidata_endpoint,
                                                           tmp_path, config_for):
    server = stub_server(status=503, headers={"Retry-After": "1"}, failures=1,
                                   upstream=wikidata_endpoint)
    client = client_for(config_for(server.url, tmp_path, retries=2))
    rows = client.select(ASK_ANYTHING)
    assert len(rows) == 1, rows
    assert server.count == 2 and client.requests == 2, (server.count, client.requests)


def test_a_retry_after_beyond_the_limit_fails_at_once(stub_server, tmp_path, config_for):
    server = stub_server(status=429, headers={"Retry-After": "3600"})
    client = client_for(config_for(server.url, tmp_path, retries=3))
    # "At once": had it waited, the call would not return for an hour; and no retry was sent.
    with pytest.raises(EndpointError) as info:
        client.select(ASK_ANYTHING)
    assert "retry after 3600 s" in str(info.value) and server.url in str(info.value), info.value
    assert server.count == 1


def test_a_truncated_answer_is_an_error_not_partial_results(stub_server, tmp_path, config_for):
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http:'
    server = stub_server(status=200, body=body)
    client = client_for(config_for(server.url, tmp_path))
    with pytest.raises(EndpointError) as info:
        client.select(ASK_ANYTHING)
    assert "incomplete or invalid JSON" in str(info.value), info.value
    assert server.url in str(info.value) and one_line(str(info.value)), info.value


def test_a_closed_port_says_it_cannot_be_reached(tmp_path, config_for, closed_port_url):
    url = closed_port_url
    with pytest.raises(EndpointError) as info:
        client_for(config_for(url, tmp_path)).select(ASK_ANYTHING)
    assert f"SPARQL endpoint {url} cannot be reached" in str(info.value), info.value


def test_a_malformed_query_is_reported_with_the_server_message(wikidata_endpoint, tmp_path,
                                                              config_for):
    with pytest.raises(QueryError) as info:
        client_for(config_for(wikidata_endpoint, tmp_path)).select("SELECT WHERE {")
    assert "HTTP 400" in str(info.value) and one_line(str(info.value)), info.value


def test_offline_refuses_to_send(tmp_path, config_for):
    client = client_for(config_for("http://127.0.0.1:9/query", tmp_path, offline=True))
    with pytest.raises(EndpointError, match="offline"):
        client.select(ASK_ANYTHING)
    assert client.requests == 0


def test_words_in_comments_do_not_turn_a_select_into_an_update(proxy, tmp_path, config_for):
    # The client sends the form it is told: "added" in a comment once made SPARQLWrapper's
    # guess send the query as an update (HTTP 400).
    query = "# Reconciliation\n# added in 0.2; asks for one subject\n" + ASK_ANYTHING
    rows = client_for(config_for(proxy.url, tmp_path)).select(query)
    assert len(rows) == 1, rows
    form = parse_qs(proxy.seen[-1].body.decode())
    assert form == {"query": [query]}, form
