"""Responses every route gives the same way: plain-text errors, and answers from the query workers."""

from __future__ import annotations

from fastapi.responses import PlainTextResponse, Response

from unxref.service.workers import Answer


def text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def answer(result: Answer, limit: int) -> Response:
    """A worker's answer; one cut at the row cap says so in ``X-Unxref-Truncated``."""
    headers = {"X-Unxref-Truncated": f"true; limit={limit}"} if result.truncated else {}
    return Response(result.body, status_code=result.status, media_type=result.media_type, headers=headers)
