"""Citation chains: the API (Cytoscape.js JSON, GraphML, GEXF, DOT, SVG) and the interactive page."""

from __future__ import annotations

import pyoxigraph
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unxref.chains.requests import ChainJob
from unxref.formats import CHAINS, keys
from unxref.rdf.iris import path_symbol, symbol_path
from unxref.service.deps import ServiceDep
from unxref.service.responses import answer, text

router = APIRouter()


@router.get("/api/chains/{spec:path}", summary="Citation chains as Cytoscape.js JSON, GraphML, GEXF, DOT or SVG")
async def chain_api(
    spec: str, service: ServiceDep, depth: int = 3, direction: str = "back", format: str = "json", bound: int = 6
) -> Response:
    """``/api/chains/S/RES/598_(1987)?depth=3`` or ``/api/chains/A/RES/62/176/to/A/RES/S-20/2``."""
    if direction not in ("back", "forward", "both") or not 0 <= depth <= 50 or not 1 <= bound <= 12:
        return text(400, "direction is back, forward or both; depth is 0 to 50; bound is 1 to 12")
    if format not in keys(CHAINS):
        return text(400, f"format is one of: {', '.join(keys(CHAINS))}")
    source, _, target = spec.partition("/to/")
    job = ChainJob(
        start=path_symbol(source),
        target=path_symbol(target) if target else None,
        depth=depth,
        direction=direction,  # type: ignore[arg-type]
        format=format,
        bound=bound,
    )
    return answer(await service.pool.run(job, service.settings.max_timeout, bounded=True), 0)


@router.get(
    "/chains/{symbol:path}", response_class=HTMLResponse, summary="The interactive citation chain of a resolution"
)
async def chain_page(
    symbol: str, request: Request, service: ServiceDep, depth: int = 3, direction: str = "back"
) -> Response:
    name = path_symbol(symbol)
    iri = service.iris.resource(name)
    if next(iter(service.store.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None, None)), None) is None:
        return text(404, f"nothing is known about {iri}")
    context = {
        "symbol": name,
        "path": symbol_path(name),
        "depth": depth,
        "direction": direction,
        "page": service.iris.page(iri),
    }
    return service.templates.TemplateResponse(request, "chain.html", context)
