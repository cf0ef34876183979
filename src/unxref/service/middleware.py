"""What every request passes through: HEAD answered as GET, and the size limits of a request."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """A HEAD request is answered as its GET would be, Content-Length included; uvicorn keeps
    the request's own method, so it writes no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD":
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    pass


class RequestLimits:
    """A request whose line and headers pass ``max_headers`` bytes gets 431, one whose body
    passes ``max_body`` bytes 413, before the application reads it: a body is counted as
    it arrives (a declared Content-Length is refused at once), so a client cannot make the
    server hold more than the limit."""

    def __init__(self, app: ASGIApp, max_body: int, max_headers: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_headers = max_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        headers += sum(len(name) + len(value) + 4 for name, value in scope["headers"])
        if headers > self.max_headers:
            await _refuse(
                send,
                431,
                f"the request line and headers are larger than {self.max_headers:,} bytes; send a long query by POST",
            )
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_body:
            await _refuse(send, 413, self._too_large())
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, self._too_large())

    def _too_large(self) -> str:
        return f"the request body is larger than {self.max_body:,} bytes"


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (message + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
