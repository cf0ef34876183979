"""The dataset as a whole: its VoID and DCAT description, its graphs, the ontology, health, API docs."""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from unxref import __version__
from unxref.config import resource
from unxref.remote import Endpoint
from unxref.service import describe
from unxref.service.deps import ServiceDep
from unxref.service.responses import DESCRIPTIONS, rdf_response, text
from unxref.vocab import FN

router = APIRouter()
# What a client without preferences gets first: RDF; a browser asks for HTML.
RDF_FIRST = (*DESCRIPTIONS[1:], DESCRIPTIONS[0])
VOID_INTRO = (
    'What the dataset holds and where to get it (<a href="http://www.w3.org/TR/void/">VoID</a> and '
    '<a href="https://www.w3.org/TR/vocab-dcat-3/">DCAT</a>). Query it at <a href="/">/sparql</a>; '
    'its named graphs are listed at <a href="/graphs">/graphs</a>.'
)
ONTOLOGY_INTRO = (
    "Classes, properties and the citation function scheme of unxref, each with its label and "
    'definition in English and French. The JSON-LD context is at <a href="/ontology/context.jsonld">/ontology/context.jsonld</a>.'
)


@router.get("/void", summary="VoID and DCAT description of the dataset (RDF, or HTML for a browser)")
async def void(request: Request, service: ServiceDep) -> Response:
    root = str(request.base_url).rstrip("/")
    triples = describe.void(service.statistics, root)
    return rdf_response(request, service, triples, "The dataset", VOID_INTRO, RDF_FIRST)


@router.get("/graphs", summary="The named graphs of the dataset (the service description's list)")
async def graphs(request: Request, service: ServiceDep) -> Response:
    endpoint = str(request.base_url).rstrip("/") + "/sparql"
    title = f"{len(service.graph_names)} named graphs"
    return rdf_response(request, service, describe.graph_list(endpoint, service.graph_names), title, formats=RDF_FIRST)


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
        # what is served: the newest snapshot ingest published (of a remote store: when it was published)
        "snapshot": service.snapshot.state if isinstance(service.snapshot, Endpoint) else str(service.snapshot),
        "since": service.since,
        "graphs": len(service.graph_names),
        "workers": service.settings.workers,
    }


@router.get("/ontology", summary="The unxref ontology: Turtle, RDF/XML, JSON-LD, N-Triples, or HTML for a browser")
async def ontology_document(request: Request, service: ServiceDep) -> Response:
    return rdf_response(request, service, _ontology_triples(), "The unxref ontology", ONTOLOGY_INTRO, RDF_FIRST)


@router.get("/ontology/function/{name}", summary="One concept of the citation function scheme")
async def function_concept(name: str, request: Request, service: ServiceDep) -> Response:
    concept = str(FN) + name
    triples = [t for t in _ontology_triples() if t.subject == pyoxigraph.NamedNode(concept)]
    if not triples:
        return text(404, f"no citation function {name!r}: see /ontology")
    return rdf_response(request, service, triples, f"Citation function: {name}", formats=RDF_FIRST)


@cache
def _ontology_triples() -> list[pyoxigraph.Triple]:
    return list(pyoxigraph.parse(path=str(resource("ontology", "unxref.ttl")), format=pyoxigraph.RdfFormat.TURTLE))


@router.get("/ontology/context.jsonld", summary="The JSON-LD context")
async def context_file() -> Response:
    return Response(resource("ontology", "context.jsonld").read_bytes(), media_type="application/ld+json")
