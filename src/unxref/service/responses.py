"""Responses every route gives the same way: plain-text errors (a page for a browser),
answers from the query workers,
and negotiated descriptions (RDF, or HTML for a browser) with ``Vary`` and ``Link`` headers."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph
from fastapi import Request
from fastapi.responses import PlainTextResponse, Response

from unxref.formats import GRAPHS, HTML, Format, with_charset
from unxref.service.deps import Service
from unxref.service.negotiate import NotAcceptable, choose, from_browser
from unxref.service.results import write_triples
from unxref.service.terms import table
from unxref.service.workers import Answer

DESCRIPTIONS = (HTML, *GRAPHS[:4])  # HTML, Turtle, N-Triples, JSON-LD, RDF/XML


def text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


_TITLES = {400: "A request unxref cannot read", 404: "No such page", 405: "Not allowed here", 406: "No such format"}


def error(request: Request, status: int, message: str) -> Response:
    """An error: one plain line, or for a browser a page with it and where to go from there."""
    if not from_browser(request.headers.get("accept")):
        return text(status, message)
    templates = request.app.state.service.templates
    context = {"title": _TITLES.get(status, "Something went wrong"), "message": message}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)  # type: ignore[no-any-return]


def not_found(request: Request, service: Service, iri: str, label: str, html: bool) -> Response:
    """404 for a resource the store knows nothing of: a page saying what to do for a browser
    (``html``), one plain line otherwise."""
    if not html:
        return text(404, f"nothing is known about {iri}")
    context = {"iri": iri, "label": label}
    return service.templates.TemplateResponse(request, "missing.html", context, status_code=404)


def answer(result: Answer, limit: int) -> Response:
    """A worker's answer (negotiated: ``Vary: Accept``); one cut at the row cap says so in ``X-Unxref-Truncated``."""
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-Unxref-Truncated"] = f"true; limit={limit}"
    return Response(result.body, status_code=result.status, media_type=result.media_type, headers=headers)


def alternates(links: Sequence[tuple[str, Format]]) -> dict[str, str]:
    """``Vary`` and ``Link: <url>; rel="alternate"; type="..."`` for a negotiated response."""
    link = ", ".join(f'<{url}>; rel="alternate"; type="{fmt.media_type}"' for url, fmt in links)
    return {"Vary": "Accept", "Link": link} if link else {"Vary": "Accept"}


def rdf_response(
    request: Request,
    service: Service,
    triples: list[pyoxigraph.Triple],
    title: str,
    intro: str = "",
    formats: tuple[Format, ...] = DESCRIPTIONS,
) -> Response:
    """Triples in the format asked for (``format=`` or Accept); a browser gets them as a table."""
    try:
        fmt = choose(formats, request.headers.get("accept"), request.query_params.getlist("format"))
    except NotAcceptable as error:
        return text(406, str(error))
    links = [(f"{request.url.path}?format={f.key}", f) for f in formats]
    headers = alternates(links)
    if fmt.key == "html":
        context = {"title": title, "intro": intro, "rows": table(triples), "links": links}
        return service.templates.TemplateResponse(request, "rdf.html", context, headers=headers)
    return Response(write_triples(triples, fmt, False), media_type=with_charset(fmt.media_type), headers=headers)
