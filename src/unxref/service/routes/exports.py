"""What other repositories pull in: the dump, one graph, the citation network, citation lists, the feed."""

from __future__ import annotations

import json
from typing import Annotated

import pyoxigraph
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from unxref.formats import GRAPHS, with_charset
from unxref.rdf.iris import path_symbol
from unxref.service import exports
from unxref.service.deps import ServiceDep
from unxref.service.negotiate import NotAcceptable, choose
from unxref.service.responses import alternates, text
from unxref.un.symbols import SymbolError, normalize

router = APIRouter()
NETWORK_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
}


@router.get("/dump", summary="The whole dataset as N-Quads (with its SHA-256 in Repr-Digest)")
async def dump(service: ServiceDep) -> FileResponse:
    made = await run_in_threadpool(lambda: service.dumps.nquads)
    modified = service.statistics.modified
    headers = {"Repr-Digest": made.digest_header, "Content-Disposition": 'attachment; filename="unxref.nq"'}
    if modified:
        headers["X-Unxref-Modified"] = modified
    return FileResponse(made.path, media_type="application/n-quads", headers=headers)


@router.get("/graph-store", summary="Graph Store Protocol, read: one named graph (?graph=IRI)")
async def graph_store(
    request: Request, service: ServiceDep, graph: str | None = None, default: str | None = None
) -> Response:
    if default is not None:
        return text(
            400, "the default graph is the union of every named graph: get it whole from /dump, or one graph by ?graph="
        )
    if not graph:
        return text(400, "give the graph to read: ?graph=IRI (the graphs are listed at /graphs)")
    try:
        fmt = choose(GRAPHS[:4], request.headers.get("accept"), request.query_params.getlist("format"))
        node_known = service.store.contains_named_graph(pyoxigraph.NamedNode(graph))
    except NotAcceptable as error:
        return text(406, str(error))
    except ValueError:
        return text(400, f"{graph!r} is not an IRI")
    if not node_known:
        return text(404, f"no graph {graph} in this dataset (see /graphs)")
    assert fmt.rdf
    body = await run_in_threadpool(exports.graph_triples, service.store, graph, fmt.rdf)
    links = [(f"/graph-store?graph={graph}&format={f.key}", f) for f in GRAPHS[:4]]
    return Response(body, media_type=with_charset(fmt.media_type), headers=alternates(links))


@router.get("/network.{kind}", summary="The whole citation network: CSV, GraphML, GEXF or Cytoscape JSON")
async def network(kind: str, service: ServiceDep) -> Response:
    if kind not in NETWORK_TYPES:
        return text(404, f"no network.{kind}: ask for one of {', '.join('network.' + k for k in NETWORK_TYPES)}")
    body = await run_in_threadpool(_network_body, service, kind)
    disposition = {"Content-Disposition": f'attachment; filename="unxref-network.{kind}"'}
    return Response(body, media_type=NETWORK_TYPES[kind], headers=disposition)


def _network_body(service: ServiceDep, kind: str) -> bytes:
    if kind == "csv":
        return exports.as_csv(exports.citations(service.store))
    if kind == "graphml":
        return exports.graphml(service.network)
    if kind == "gexf":
        return exports.gexf(service.network)
    return json.dumps(exports.cytoscape(service.network), ensure_ascii=False).encode()


Format = Annotated[str | None, Query(description="json (the default) or csv")]


@router.get("/api/citations/{spec:path}", summary="The citations a resource receives (OpenCitations style)")
async def cited_by(spec: str, request: Request, service: ServiceDep, format: Format = None) -> Response:
    iri = _iri(service, spec)
    if iri is None:
        return text(400, f"{spec!r} is neither a UN symbol nor treaty/KEY")
    rows = await run_in_threadpool(exports.citations, service.store, iri, None)
    return _listing(rows, request, format)


@router.get("/api/references/{spec:path}", summary="The citations a resource makes (OpenCitations style)")
async def references(spec: str, request: Request, service: ServiceDep, format: Format = None) -> Response:
    iri = _iri(service, spec)
    if iri is None:
        return text(400, f"{spec!r} is not a UN symbol")
    rows = await run_in_threadpool(exports.citations, service.store, None, iri)
    return _listing(rows, request, format)


@router.get("/api/citation-count/{spec:path}", summary="How many citations a resource receives")
async def citation_count(spec: str, request: Request, service: ServiceDep, format: Format = None) -> Response:
    iri = _iri(service, spec)
    if iri is None:
        return text(400, f"{spec!r} is neither a UN symbol nor treaty/KEY")
    count = await run_in_threadpool(exports.citation_count, service.store, iri)
    return _listing([{"count": str(count)}], request, format, ("count",))


def _iri(service: ServiceDep, spec: str) -> str | None:
    """The resource a path names: a UN symbol, or ``treaty/KEY``."""
    if spec.startswith("treaty/"):
        return service.iris.treaty(spec.removeprefix("treaty/"))
    try:
        return service.iris.resource(
            normalize(path_symbol(spec))
        )  # "S/RES/186 (1964)" or, as pages spell it, "S/RES/186_(1964)"
    except SymbolError:
        return None


def _listing(
    rows: list[dict[str, str]],
    request: Request,
    format: str | None,
    columns: tuple[str, ...] = exports.CITATION_COLUMNS,
) -> Response:
    wants_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
    if wants_csv:
        return Response(exports.as_csv(rows, columns), media_type="text/csv; charset=utf-8", headers={"Vary": "Accept"})
    return JSONResponse(rows, headers={"Vary": "Accept"})


@router.get("/feed", summary="An Atom feed of the documents ingested, newest first, paged")
async def feed(request: Request, service: ServiceDep, page: int = 1) -> Response:
    if page < 1:
        return text(400, "page must be 1 or more")
    entries, more = await run_in_threadpool(exports.feed_entries, service.store, page)
    root = str(request.base_url).rstrip("/")
    return Response(exports.atom(entries, root, page, more), media_type="application/atom+xml")
