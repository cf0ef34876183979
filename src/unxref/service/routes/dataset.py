"""The dataset as a whole: the dump, its VoID and DCAT description, the ontology, health, API docs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from unxref import __version__
from unxref.config import resource
from unxref.formats import GRAPHS
from unxref.service.deps import ServiceDep
from unxref.service.describe import void as void_description
from unxref.service.negotiate import NotAcceptable, choose
from unxref.service.responses import text

router = APIRouter()
DUMP_BATCH = 5000  # quads a chunk


@router.get("/dump", summary="The whole dataset as N-Quads, streamed")
def dump(service: ServiceDep) -> StreamingResponse:
    def lines() -> Iterator[bytes]:
        batch: list[str] = []
        for quad in service.store.quads_for_pattern(None, None, None, None):
            batch.append(f"{quad} .\n")
            if len(batch) >= DUMP_BATCH:
                yield "".join(batch).encode()
                batch = []
        yield "".join(batch).encode()

    return StreamingResponse(
        lines(), media_type="application/n-quads", headers={"Content-Disposition": 'attachment; filename="unxref.nq"'}
    )


@router.get("/void", summary="VoID and DCAT description of the dataset")
async def void(request: Request, service: ServiceDep, format: str | None = None) -> Response:
    try:
        fmt = choose(GRAPHS, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return text(406, str(error))
    root = str(request.base_url).rstrip("/")
    return Response(void_description(service.statistics, root, fmt), media_type=fmt.media_type)


@router.get("/docs", include_in_schema=False)
async def api_docs() -> HTMLResponse:
    """Swagger UI from node_modules: FastAPI's own page loads it from a CDN."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="unxref API",
        swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
    )


@router.get("/health", summary="Liveness and store size")
async def health(service: ServiceDep) -> dict[str, Any]:
    return {
        "status": "ok",
        "version": __version__,
        "store": str(service.settings.store),
        "graphs": len(service.graph_names),
        "workers": service.settings.workers,
    }


@router.get("/ontology", summary="The unxref ontology (Turtle)")
async def ontology_file() -> Response:
    return Response(resource("ontology", "unxref.ttl").read_bytes(), media_type="text/turtle")


@router.get("/ontology/context.jsonld", summary="The JSON-LD context")
async def context_file() -> Response:
    return Response(resource("ontology", "context.jsonld").read_bytes(), media_type="application/ld+json")
