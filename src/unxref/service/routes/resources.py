"""Linked data: the page of each resource, as HTML or RDF; and jumping to a symbol's page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from unxref.formats import PAGES
from unxref.rdf.iris import page_link
from unxref.service.deps import ServiceDep
from unxref.service.negotiate import NotAcceptable, choose
from unxref.service.pages import ResourcePage, resource_page
from unxref.service.responses import alternates, answer, text
from unxref.service.workers import Job
from unxref.un.symbols import SymbolError, normalize

router = APIRouter()
# A suffix on the path asks for a format: /id/A/RES/62/176.ttl
SUFFIXES = {f.suffix: f.key for f in PAGES}
RDF_ROWS = 1_000_000


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Linked data: one resource, as HTML or RDF")
async def resource(path: str, request: Request, service: ServiceDep, format: str | None = None) -> Response:
    suffix = next((s for s in SUFFIXES if path.endswith(s)), None)
    if suffix:
        path, format = path[: -len(suffix)], SUFFIXES[suffix]
    iri = str(service.iris.from_path(path))
    try:
        fmt = choose(PAGES, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return text(406, str(error))
    page = resource_page(service.store, iri)
    if page is None:
        return text(404, f"nothing is known about {iri}")
    links = [(f"/id/{path}{f.suffix}", f) for f in PAGES]
    if fmt.key == "html":
        context = {"page": page, "local": page_link, "links": links}
        return service.templates.TemplateResponse(request, "resource.html", context, headers=alternates(links))
    job = Job(query=_describe_query(page), format_keys=(fmt.key,), row_limit=RDF_ROWS)
    response = answer(await service.pool.run(job, service.settings.max_timeout), RDF_ROWS)
    response.headers.update(alternates(links))
    return response


@router.get("/go", summary="Jump to the page of a symbol")
async def go(symbol: str, service: ServiceDep) -> Response:
    try:
        canonical = normalize(symbol)
    except SymbolError as error:
        return text(400, f"{symbol!r} is not a UN symbol: {error}")
    return RedirectResponse(service.iris.page(service.iris.resource(canonical)), status_code=303)


def _describe_query(page: ResourcePage) -> str:
    if page.graph:
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{page.graph}> {{ ?s ?p ?o }} }}"
    return f"CONSTRUCT {{ <{page.iri}> ?p ?o }} WHERE {{ <{page.iri}> ?p ?o }}"
