"""Citation chains: the API (Cytoscape.js JSON, GraphML, GEXF, DOT, SVG), the chain view, the
chains between two resolutions and the lineage of a series."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Annotated, Any

import orjson
import pyoxigraph
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from unxref.chains.jobs import LANES, ChainFilter, ChainJob
from unxref.formats import CHAINS, keys
from unxref.rdf.iris import path_symbol, symbol_path
from unxref.service.deps import ServiceDep
from unxref.service.responses import answer, error, not_found, text
from unxref.un import language

router = APIRouter()


async def chain_filter(
    function: Annotated[list[str] | None, Query(description="Keep citing pairs with one of these functions")] = None,
    body: Annotated[
        list[str] | None,
        Query(description="Keep resolutions of these bodies: SC, GA, ECOSOC, other (none: no resolution)"),
    ] = None,
    since: Annotated[int | None, Query(description="Keep nodes dated in or after this year")] = None,
    until: Annotated[int | None, Query(description="Keep nodes dated in or before this year")] = None,
    only: Annotated[str | None, Query(description="'resolutions' drops treaties and documents")] = None,
) -> ChainFilter:
    """The filters of a chain request; a parameter may repeat or list its values with commas
    (``function=recalling,reaffirming``). A coroutine, so it is read on the event loop, not
    in a thread."""
    functions = tuple(v for given in function or () for v in given.split(",") if v)
    bodies = tuple(v for given in body or () for v in given.split(",") if v)
    unknown_bodies = [b for b in bodies if b not in (*LANES, "none")]
    if unknown_bodies:
        raise HTTPException(400, f"no body {', '.join(unknown_bodies)}: body is one of {', '.join((*LANES, 'none'))}")
    if only not in (None, "", "resolutions"):
        raise HTTPException(400, f"only is 'resolutions', not {only!r}")
    unknown = [f for f in functions if f not in citation_functions()]
    if unknown:
        raise HTTPException(
            400, f"no citation function {', '.join(unknown)}: function is one of {', '.join(citation_functions())}"
        )
    if since is not None and until is not None and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return ChainFilter(functions, bodies, since, until, only == "resolutions")


@cache
def citation_functions() -> tuple[str, ...]:
    """The functions a citation can have: those of the verbs of each language, and ``citing``
    for a paragraph with no known verb (read from the language data: the web process does
    not load the ontology's graph)."""
    found = {verb.function for lang in language.every() for verb in lang.verbs.values()}
    return tuple(sorted(found | {"citing"}))


FilterDep = Annotated[ChainFilter, Depends(chain_filter)]


@router.get("/api/chains/{spec:path}", summary="Citation chains as Cytoscape.js JSON, GraphML, GEXF, DOT or SVG")
async def chain_api(
    spec: str,
    service: ServiceDep,
    only: FilterDep,
    depth: int = 3,
    direction: str = "back",
    format: str = "json",
    bound: int = 6,
    view: bool = False,
) -> Response:
    """``/api/chains/S/RES/598_(1987)?depth=3`` or ``/api/chains/A/RES/62/176/to/A/RES/S-20/2``, narrowed by
    ``function``, ``body``, ``since``, ``until`` and ``only=resolutions``; ``view=true`` adds the text tree
    and what the filters can choose (the chain page draws it)."""
    wrong = _wrong_shape(depth, direction, bound)
    if wrong:
        return text(400, wrong)
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
        only=only,
        view=view,
    )
    return answer(await service.pool.run(job, service.settings.max_timeout, bounded=True), 0)


def _wrong_shape(depth: int, direction: str, bound: int = 6) -> str | None:
    """What is wrong with a chain's depth, direction and bound, each named, or None."""
    problems = []
    if direction not in ("back", "forward", "both"):
        problems.append(f"direction is back, forward or both, not {direction!r}")
    if not 0 <= depth <= 50:
        problems.append(f"depth is 0 to 50, not {depth}")
    if not 1 <= bound <= 12:
        problems.append(f"bound is 1 to 12, not {bound}")
    return "; ".join(problems) or None


@router.get("/api/lineage/{symbol:path}", summary="The lineage of a resolution's series, oldest first")
async def lineage_api(symbol: str, service: ServiceDep) -> Response:
    job = ChainJob(start=path_symbol(symbol), series=True)
    return answer(await service.pool.run(job, service.settings.max_timeout, bounded=True), 0)


@router.get(
    "/chains/{symbol:path}", response_class=HTMLResponse, summary="The citation chain of a resolution, on a time axis"
)
async def chain_page(
    symbol: str, request: Request, service: ServiceDep, depth: int = 3, direction: str = "back"
) -> Response:
    """The chain view; ``/chains/A/to/B`` lists the chains from A back to B instead, shortest first."""
    source, _, target = symbol.partition("/to/")
    wrong = _wrong_shape(depth, direction)
    if wrong:
        return error(request, 400, wrong)
    if target:
        return await _between_page(request, service, source, target)
    name = path_symbol(source)
    iri = service.iris.resource(name)
    if next(iter(service.store.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None, None)), None) is None:
        return not_found(request, service, iri, name, html=True)
    context = {
        "symbol": name,
        "path": symbol_path(name),
        "depth": depth,
        "direction": direction,
        "page": service.iris.page(iri),
    }
    return service.templates.TemplateResponse(request, "chain.html", context)


async def _chain_of(
    request: Request, service: ServiceDep, job: ChainJob
) -> tuple[dict[str, Any], dict[Any, Any], dict[str, Any]] | Response:
    """A chain job's answer for a page: its nodes by id, its edges by (citing, cited) and the
    whole answer; or the error to show."""
    found = await service.pool.run(job, service.settings.max_timeout, bounded=True)
    if found.status != 200:
        return error(request, found.status, found.body.decode().strip())
    data = orjson.loads(found.body)
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    edges = {(e["data"]["source"], e["data"]["target"]): e["data"] for e in data["elements"]["edges"]}
    return nodes, edges, data


async def _between_page(request: Request, service: ServiceDep, source: str, target: str) -> Response:
    found = await _chain_of(request, service, ChainJob(start=path_symbol(source), target=path_symbol(target)))
    if isinstance(found, Response):
        return found
    nodes, edges, data = found
    context = {
        "source": path_symbol(source),
        "target": path_symbol(target),
        "nodes": nodes,
        "edges": edges,
        "chains": data["chains"],
        "chain_of": f"/chains/{symbol_path(path_symbol(source))}",
    }
    return service.templates.TemplateResponse(request, "between.html", context)


@router.get("/lineage/{symbol:path}", response_class=HTMLResponse, summary="The lineage of a series, as a timeline")
async def lineage_page(symbol: str, request: Request, service: ServiceDep) -> Response:
    found = await _chain_of(request, service, ChainJob(start=path_symbol(symbol), series=True))
    if isinstance(found, Response):
        return found
    nodes, edges, data = found
    series = [nodes[n] for n in data["series"]]
    links = [edges.get((later["id"], earlier["id"])) for earlier, later in pairwise(series)]
    context = {"symbol": path_symbol(symbol), "series": series, "links": [None, *links]}
    return service.templates.TemplateResponse(request, "lineage.html", context)
