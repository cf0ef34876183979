"""The named queries (``queries/*.rq``): their list, and running one with its parameters."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from unxref.service import queries
from unxref.service.deps import ServiceDep
from unxref.service.negotiate import from_browser
from unxref.service.responses import answer
from unxref.service.workers import Job

router = APIRouter()


@router.get("/api/queries", summary="The named queries, with their parameters")
async def list_queries() -> list[dict[str, Any]]:
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": [{"name": p.name, "kind": p.kind, "description": p.description} for p in q.parameters],
            "url": f"/api/queries/{q.name}",
        }
        for q in queries.load_all().values()
    ]


@router.get(
    "/api/queries/{name}",
    summary="Run a named query; each parameter optional (bound as an RDF term); format=json|xml|csv|tsv, or Accept",
)
async def run_named_query(name: str, request: Request, service: ServiceDep) -> Response:
    values = dict(parse_qsl(request.url.query))
    result_format = values.pop("format", None)
    try:
        query = queries.get(name)
        text = query.bound(values)
    except queries.QueryError as error:
        status = 404 if isinstance(error, queries.UnknownQuery) else 400
        return JSONResponse({"detail": str(error)}, status_code=status)
    settings = service.settings
    job = Job(
        query=text,
        accept=_results_accept(request.headers.get("accept")),
        format_keys=(result_format,) if result_format else (),
        row_limit=settings.max_rows,
    )
    return answer(await service.pool.run(job, settings.timeout, bounded=True), settings.max_rows)


def _results_accept(accept: str | None) -> str | None:
    """What a named query's client accepts; a browser's Accept (HTML first, then XML, then
    anything) asks for no results format in particular, so it gets the default, JSON."""
    return None if from_browser(accept) else accept


@router.get(
    "/api/queries/{name}/text", summary="A named query's text with the given parameters bound (a leading VALUES)"
)
async def bound_text(name: str, request: Request) -> Response:
    try:
        text = queries.get(name).bound(dict(parse_qsl(request.url.query)))
    except queries.QueryError as error:
        status = 404 if isinstance(error, queries.UnknownQuery) else 400
        return JSONResponse({"detail": str(error)}, status_code=status)
    return Response(text, media_type="application/sparql-query")
