"""Answers kept for the snapshot they came from.

A published snapshot of the store never changes (`unxref.service.live`), so the answer to a
GET of a page, a named query, a chain or a SPARQL query is the same until the server moves
to the next snapshot. Each such answer carries an ETag made of the snapshot, the server's
settings and the request (its path, query string, the headers negotiation reads, the host and the origin):

- a client that sends the ETag back (``If-None-Match``) gets 304 at once, with no work done;
- a repeated request is answered from memory, least recently used out first, up to
  ``max_bytes`` of bodies (``unxref serve --cache-mb``; 0 keeps none, the 304s stay).

Only 200 answers are kept or tagged (a timeout or an error is tried again), and only
requests whose answer cannot vary: a SPARQL query calling RAND, NOW, UUID, STRUUID or
BNODE, or another endpoint by SERVICE, is answered afresh each time. ``Cache-Control: no-cache`` tells shared caches to
check the ETag on each use, so a new snapshot is seen at once.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PATHS = ("/sparql", "/api/", "/id/", "/chains/", "/lineage/")
# The request headers an answer depends on: negotiation, the host the service description
# names, and the origin CORS answers.
NEGOTIATED = (b"accept", b"accept-language", b"host", b"origin")
VARYING = re.compile(r"\b(?:(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(|SERVICE\b)", re.IGNORECASE)
LARGEST_KEPT = 4_000_000  # bytes: a larger answer is tagged, not kept
CACHE_CONTROL = (b"cache-control", b"public, no-cache")
DROPPED_IN_304 = (b"content-length", b"content-type")
VARY = (b"vary", b"Accept, Accept-Language, Origin")  # in a 304 whose answer is not kept (RFC 9110, 15.4.5)


@dataclass
class Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class AnswerCache:
    """ASGI middleware; ``state()`` names what the answers come from (the snapshot served
    and the settings), read at each request. It sits outside CORS, so a 304 it makes for an
    answer it did not keep carries ``cross_origin``, the headers CORS gives a request with an
    ``Origin``."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        state: Callable[[], str],
        cross_origin: tuple[tuple[bytes, bytes], ...] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.state = state
        self.cross_origin = cross_origin
        self.kept: OrderedDict[bytes, Kept] = OrderedDict()
        self.size = 0
        self.kept_for = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PATHS):
            await self.app(scope, receive, send)
            return
        state = self.state()
        if state != self.kept_for:  # a new snapshot: what was kept is of the old one
            self.kept.clear()
            self.size, self.kept_for = 0, state
        key = _key(scope)
        kept = self.kept.get(key)
        if kept is None and _varies(scope):  # what is kept was looked at when it was kept
            await self.app(scope, receive, send)
            return
        etag = kept.etag if kept else _etag(state, key)
        if etag in _if_none_match(scope):
            headers = [h for h in kept.headers if h[0] not in DROPPED_IN_304] if kept else self._untold(scope, etag)
            await _answer(send, 304, headers, b"")
            return
        if kept is not None:
            self.kept.move_to_end(key)
            await _answer(send, kept.status, kept.headers, kept.body)
            return
        await self.app(scope, receive, self._recording(send, key, etag, state))

    def _untold(self, scope: Scope, etag: bytes) -> list[tuple[bytes, bytes]]:
        """The headers of a 304 for an answer not kept: its tags, what it varies by, and CORS's."""
        origin = any(name == b"origin" for name, _ in scope["headers"])
        return [*_tags(etag), VARY, *(self.cross_origin if origin else ())]

    def _recording(self, send: Send, key: bytes, etag: bytes, state: str) -> Send:
        """Pass the answer on as it comes, tagged when it is a 200; keep it if it is small and
        the server still serves the snapshot it came from."""
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        length, largest = 0, min(LARGEST_KEPT, self.max_bytes)

        async def recorded(message: Message) -> None:
            nonlocal headers, length
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [*message.get("headers", []), *_tags(etag)]  # a copy: outer layers add their own
                message = dict(message, headers=list(headers))
            elif message["type"] == "http.response.body" and headers:
                length += len(message.get("body", b""))
                if length <= largest:
                    chunks.append(message.get("body", b""))
                else:
                    chunks.clear()
                if not message.get("more_body", False) and length <= largest and state == self.kept_for:
                    self._keep(key, Kept(200, headers, b"".join(chunks), etag))
            await send(message)

        return recorded

    def _keep(self, key: bytes, kept: Kept) -> None:
        """Keep an answer; its key and headers count with its body."""
        self._drop(key)
        self.kept[key] = kept
        self.size += _cost(key, kept)
        while self.size > self.max_bytes and self.kept:
            self._drop(next(iter(self.kept)))

    def _drop(self, key: bytes) -> None:
        dropped = self.kept.pop(key, None)
        if dropped is not None:
            self.size -= _cost(key, dropped)


def _cost(key: bytes, kept: Kept) -> int:
    return len(key) + len(kept.body) + sum(len(name) + len(value) for name, value in kept.headers)


def _varies(scope: Scope) -> bool:
    """Whether the answer may differ from one run of the request to the next."""
    return VARYING.search(unquote_plus(scope.get("query_string", b"").decode("latin-1"))) is not None


def _etag(state: str, key: bytes) -> bytes:
    return b'"' + hashlib.blake2b(state.encode() + b"\0" + key, digest_size=12).hexdigest().encode() + b'"'


def _key(scope: Scope) -> bytes:
    """The request as its answer depends on it. A header sent twice counts by its first value,
    the one Starlette reads."""
    first: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        first.setdefault(name, value)
    negotiated = b"\0".join(first.get(name, b"") for name in NEGOTIATED)
    path: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    scheme: str = scope.get("scheme", "http")
    return scheme.encode() + b"\0" + path + b"?" + query + b"\0" + negotiated


def _if_none_match(scope: Scope) -> set[bytes]:
    given = b",".join(value for name, value in scope["headers"] if name == b"if-none-match")
    return {tag.strip().removeprefix(b"W/") for tag in given.split(b",") if tag.strip()}


def _tags(etag: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"etag", etag), CACHE_CONTROL]


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
