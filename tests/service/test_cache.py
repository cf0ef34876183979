"""Answers tagged and kept for the snapshot they came from (`unxref.service.cache`)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from tests.support import serving
from unxref.service.cache import AnswerCache

POINT = "SELECT ?p ?o WHERE { <https://w3id.org/unxref/id/A/RES/62/176> ?p ?o } ORDER BY ?p ?o"


@pytest.mark.parametrize(
    "path",
    [
        "/id/A/RES/62/176",
        "/api/chains/A/RES/62/176?depth=1",
        "/api/queries/cites-by-paragraph?resolution=A/RES/62/176",
        "/sparql?query=" + POINT,
    ],
)
def test_an_answer_carries_an_etag_and_the_same_request_gets_the_same_answer(server_url: str, path: str) -> None:
    first, again = (httpx.get(server_url + path, timeout=60) for _ in range(2))
    assert first.status_code == again.status_code == 200
    assert first.headers["etag"] == again.headers["etag"] and first.headers["cache-control"] == "public, no-cache"
    assert first.content == again.content and first.headers["content-type"] == again.headers["content-type"]


def test_the_etag_sent_back_gets_304_with_no_body(server_url: str) -> None:
    tag = httpx.get(server_url + "/id/A/RES/62/176", timeout=60).headers["etag"]
    response = httpx.get(server_url + "/id/A/RES/62/176", headers={"if-none-match": tag}, timeout=60)
    assert response.status_code == 304 and response.content == b"" and response.headers["etag"] == tag
    other = httpx.get(server_url + "/id/A/RES/62/176", headers={"if-none-match": '"another"'}, timeout=60)
    assert other.status_code == 200 and other.content


def test_each_negotiated_form_has_its_own_etag(server_url: str) -> None:
    html, turtle = (
        httpx.get(server_url + "/id/A/RES/62/176", headers={"accept": accept}, timeout=60)
        for accept in ("text/html", "text/turtle")
    )
    assert html.headers["content-type"].startswith("text/html") and turtle.headers["content-type"].startswith(
        "text/turtle"
    )
    assert html.headers["etag"] != turtle.headers["etag"]


def test_a_kept_answer_is_given_with_the_cors_headers_of_its_own_request(server_url: str) -> None:
    path = server_url + "/id/A/RES/62/176?cors"
    plain, browser, plain_again, browser_again = (
        httpx.get(path, headers=headers, timeout=60) for headers in ({}, {"origin": "https://example.org"}) * 2
    )
    assert (
        "access-control-allow-origin" not in plain.headers and "access-control-allow-origin" not in plain_again.headers
    )
    assert "Origin" in plain_again.headers["vary"]
    assert browser.headers["access-control-allow-origin"] == browser_again.headers["access-control-allow-origin"] == "*"
    assert browser_again.headers["access-control-expose-headers"] == "X-Unxref-Truncated"


@pytest.fixture(scope="module")
def keeping_none_url(store_path: Path) -> Iterator[str]:
    """A server that keeps no answers (``--cache-mb 0``): it tags them, and answers 304 itself."""
    with serving(store_path, store_path.parent / "keeping-none.log", "--workers", "1", "--cache-mb", "0") as url:
        yield url


def test_a_304_for_an_answer_not_kept_has_the_cors_headers_of_its_request(keeping_none_url: str) -> None:
    path, origin = keeping_none_url + "/id/A/RES/62/176", {"origin": "https://example.org"}
    browser_tag = httpx.get(path, headers=origin, timeout=60).headers["etag"]
    plain_tag = httpx.get(path, timeout=60).headers["etag"]
    browser = httpx.get(path, headers={"if-none-match": browser_tag, **origin}, timeout=60)
    plain = httpx.get(path, headers={"if-none-match": plain_tag}, timeout=60)
    assert browser.status_code == plain.status_code == 304
    assert browser.headers["access-control-allow-origin"] == "*"
    assert browser.headers["access-control-expose-headers"] == "X-Unxref-Truncated"
    assert "access-control-allow-origin" not in plain.headers and "Origin" in plain.headers["vary"]


def test_a_head_is_answered_with_the_gets_etag(server_url: str) -> None:
    get = httpx.get(server_url + "/id/A/RES/62/176", timeout=60)
    head = httpx.head(server_url + "/id/A/RES/62/176", timeout=60)
    assert head.status_code == 200 and head.headers["etag"] == get.headers["etag"] and head.content == b""


@pytest.mark.parametrize("call", ["RAND()", "NOW()", "STRUUID()", "bnode()"])
def test_a_query_whose_answer_varies_is_answered_afresh(server_url: str, call: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": f"SELECT ({call} AS ?x) {{}}"}, timeout=60)
    assert response.status_code == 200 and "etag" not in response.headers


def test_an_error_is_not_tagged(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": "SELECT WHERE {"}, timeout=60)
    assert response.status_code == 400 and "etag" not in response.headers


def test_a_post_is_not_tagged(server_url: str) -> None:
    response = httpx.post(server_url + "/sparql", data={"query": POINT}, timeout=60)
    assert response.status_code == 200 and "etag" not in response.headers


def test_the_service_description_names_the_host_it_was_asked_by(server_url: str) -> None:
    # GET /sparql without a query describes the endpoint by its own URL: kept per host.
    names = [
        httpx.get(server_url + "/sparql", headers={"host": host, "accept": "text/turtle"}, timeout=60).text
        for host in ("one.example:80", "two.example:80")
    ]
    assert "http://one.example" in names[0] and "http://two.example" in names[1]


def test_a_query_calling_another_endpoint_is_answered_afresh(server_url: str) -> None:
    query = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = httpx.get(server_url + "/sparql", params={"query": query}, timeout=60)
    assert "etag" not in response.headers


# The middleware alone, over a small application: what it keeps, and for how long.


def _request(path: str = "/id/x", headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "query_string": b"",
        "headers": headers or [],
    }


def _cache(state: list[str], gate: asyncio.Event | None = None) -> AnswerCache:
    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if gate is not None:
            await gate.wait()
        host = next((v for n, v in scope["headers"] if n == b"host"), b"")
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"answer for " + host})

    return AnswerCache(application, max_bytes=1_000_000, state=lambda: state[0])


async def _get(cache: AnswerCache, scope: dict[str, Any]) -> bytes:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    await cache(scope, receive, send)
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_header_sent_twice_counts_by_its_first_value() -> None:
    cache = _cache(["s1"])
    twice = [(b"host", b"evil.example"), (b"host", b"real.example")]
    assert asyncio.run(_get(cache, _request(headers=twice))) == b"answer for evil.example"
    assert asyncio.run(_get(cache, _request(headers=[(b"host", b"real.example")]))) == b"answer for real.example"


def test_two_identical_requests_at_once_are_kept_once() -> None:
    cache = _cache(["s1"])

    async def both() -> None:
        await asyncio.gather(_get(cache, _request()), _get(cache, _request()))

    asyncio.run(both())
    ((key, kept),) = cache.kept.items()
    assert cache.size == len(key) + len(kept.body) + sum(len(n) + len(v) for n, v in kept.headers)


def test_an_answer_finished_after_a_new_snapshot_is_not_kept() -> None:
    state, gate = ["s1"], asyncio.Event()
    cache = _cache(state, gate)

    async def switched_midway() -> None:
        running = asyncio.create_task(_get(cache, _request("/id/slow")))
        await asyncio.sleep(0)
        state[0] = "s2"
        gate.set()
        await _get(cache, _request("/id/other"))  # the first request of the new snapshot
        await running

    asyncio.run(switched_midway())
    assert [k.split(b"\0")[1] for k in cache.kept] == [b"/id/other?"]
