"""The HTTP connection: uvicorn's, with a deadline for a request's headers.

uvicorn waits for ever for the headers of a connection's first request, and for the rest
of a request's headers once their first byte came, so a client that sends them a byte at
a time holds a connection (and its memory) as long as it likes. Here the headers of each
request must be complete ``header_timeout`` seconds after the connection opened or the
request began; if not, the client gets 408 and the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderDeadline(HttpToolsProtocol):
    header_timeout = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if (self.cycle is not None and not self.cycle.response_complete) or self.pipeline:
            self._arm()  # an answer is still being written: the 408 waits its turn (reading is paused meanwhile)
            return
        message = f"the request's headers did not arrive within {self.header_timeout:g} s\n".encode()
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
            + f"content-length: {len(message)}\r\n\r\n".encode()
            + message
        )
        self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderDeadline]:
    """The protocol class uvicorn is given (``uvicorn.run(http=...)`` takes a class)."""
    fields: dict[str, Any] = {"header_timeout": seconds}
    return type("HeaderDeadline", (HeaderDeadline,), fields)
