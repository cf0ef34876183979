"""Limits of a request (issue 13): each abuse gets its status and one clear line, and the
server keeps answering: after every test, /health and a point query still answer and the
store holds what it held."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import serving

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/unxref/ontology#Resolution> } LIMIT 1"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def sparql(url: str, query: str, **params: str) -> httpx.Response:
    return httpx.post(url + "/sparql", data={"query": query, **params}, timeout=60)


def quads(url: str) -> int:
    return int(sparql(url, QUADS).json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def quads_before(server_url: str) -> int:
    return quads(server_url)


@pytest.fixture(autouse=True)
def still_serving(server_url: str, quads_before: int) -> Iterator[None]:
    yield
    assert httpx.get(server_url + "/health", timeout=10).json()["status"] == "ok"
    assert sparql(server_url, SELECT).status_code == 200
    assert quads(server_url) == quads_before


def test_a_body_declared_larger_than_the_limit_is_refused_with_413(server_url: str) -> None:
    body = "query=ASK%7B%7D" + "&a=b" * 500_000  # 2 MB: the 100 MB probe, smaller
    response = httpx.post(
        server_url + "/sparql",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
        timeout=60,
    )
    assert (response.status_code, response.text) == (413, "the request body is larger than 1,000,000 bytes\n")


def test_a_streamed_body_is_cut_at_the_limit(server_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query=ASK%7B%7D"
        for _ in range(2_000):
            yield b"&a=b" * 256  # 2 MB in all, sent without a Content-Length

    response = httpx.post(
        server_url + "/sparql",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
        timeout=60,
    )
    assert response.status_code == 413


def test_a_huge_header_is_refused_with_431_and_not_echoed(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": SELECT}, headers={"accept": "x/" + "y" * 1_000_000})
    assert response.status_code == 431
    assert response.text == "the request line and headers are larger than 16,384 bytes; send a long query by POST\n"


def test_deeply_nested_braces_are_refused_before_the_engine(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000)
    assert (response.status_code, response.text) == (400, "the query nests brackets more than 200 deep\n")


def test_deeply_nested_parentheses_are_refused_before_the_engine(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }")
    assert (response.status_code, response.text) == (400, "the query nests brackets more than 200 deep\n")


def test_a_hundred_thousand_union_branches_are_refused(server_url: str) -> None:
    query = "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 100_000) + " }"
    response = httpx.post(
        server_url + "/sparql",
        content=query,
        headers={"content-type": "application/sparql-query"},
        timeout=60,
    )
    assert response.status_code == 413  # 1.2 MB: the body limit comes first


def test_ten_thousand_union_branches_are_refused(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 10_000) + " }")
    assert (response.status_code, response.text) == (
        400,
        "the query chains more than 2,000 UNION, OPTIONAL, MINUS or operators\n",
    )


def test_a_thousand_union_branches_are_answered(server_url: str) -> None:
    query = "SELECT ?s WHERE { " + " UNION ".join(["{?s a <urn:x:nothing>}"] * 1_000) + " }"
    assert sparql(server_url, query).json()["results"]["bindings"] == []


def test_a_timeout_too_small_to_run_anything_is_refused(server_url: str) -> None:
    response = sparql(server_url, SELECT, timeout="0.0000001")
    assert (response.status_code, response.text) == (400, "timeout must be at least 0.1 and at most 300 seconds\n")


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        (
            "/api/queries/cites-by-paragraph?resolution=https://w3id.org/unxref/id/A/RES/62/176",
            "application/sparql-results+json, */*;q=0.1",  # an Accept no other test sends: not a kept answer
        ),
        ("/id/A/RES/62/176?while=runaways", "text/html"),
        ("/id/A/RES/62/176.ttl?while=runaways", "text/turtle"),
    ],
)
def test_a_named_query_or_a_page_is_answered_while_two_runaway_queries_hold_the_workers(
    server_url: str, path: str, accept: str
) -> None:
    """The session's server has two workers for any query and one kept for named queries, pages and chains."""
    finished: list[str] = []

    def runaway() -> None:
        sparql(server_url, RUNAWAY, timeout="10")
        finished.append("runaway")

    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # both runaways in their workers
    answered = httpx.get(server_url + path, headers={"accept": accept}, timeout=60)
    finished.append("answered")
    for thread in threads:
        thread.join()
    assert answered.status_code == 200 and "62/176" in answered.text
    assert finished == ["answered", "runaway", "runaway"]


def test_a_client_that_sends_half_a_request_does_not_hold_the_others(server_url: str) -> None:
    host, port = server_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as slow:
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # and nothing more
        assert sparql(server_url, SELECT).status_code == 200


@pytest.fixture(scope="module")
def impatient_url(store_path: Path) -> Iterator[str]:
    """A server that gives a request's headers one second."""
    with serving(store_path, store_path.parent / "impatient.log", "--workers", "1", "--header-timeout", "1") as url:
        yield url


def _answer_to(url: str, sent: bytes, wait: float) -> bytes:
    """What the server says to a client that sends ``sent`` and then waits, till it closes."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as client:
        client.sendall(sent)
        said = b""
        while chunk := client.recv(4096):
            said += chunk
    return said


def test_headers_that_do_not_arrive_in_time_get_408_and_the_connection_closed(impatient_url: str) -> None:
    said = _answer_to(impatient_url, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=5)
    assert said.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert said.endswith(b"\r\n\r\nthe request's headers did not arrive within 1 s\n")
    assert httpx.get(impatient_url + "/health", timeout=10).status_code == 200


def test_a_connection_that_sends_nothing_gets_408(impatient_url: str) -> None:
    assert _answer_to(impatient_url, b"", wait=5).startswith(b"HTTP/1.1 408 Request Timeout\r\n")


def test_a_kept_alive_connection_has_the_deadline_for_each_request(impatient_url: str) -> None:
    said = _answer_to(impatient_url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\n", wait=5)
    assert said.startswith(b"HTTP/1.1 200 OK\r\n") and said.count(b'"status":"ok"') == 1
    assert b"HTTP/1.1 408 Request Timeout\r\n" in said
