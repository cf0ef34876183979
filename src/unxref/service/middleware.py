"""HEAD on every GET route: routed as GET; the server (uvicorn) sends the headers only."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class HeadAsGet:
    """A HEAD request is answered as its GET would be, Content-Length included; uvicorn keeps
    the request's own method, so it writes no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD":
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send)
