"""Linked data: the page of each resource, as HTML or RDF; and jumping to a symbol's page."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from unxref.formats import PAGES, with_charset
from unxref.rdf.iris import path_symbol, symbol_path
from unxref.service.deps import ServiceDep
from unxref.service.negotiate import NotAcceptable, choose, from_browser
from unxref.service.pages import RDF_PAGE, PageJob, other_formats
from unxref.service.responses import alternates, answer, error, not_found, text
from unxref.service.workers import Answer
from unxref.un import symbols
from unxref.un.symbols import SymbolError, normalize

router = APIRouter()
# A suffix on the path asks for a format: /id/A/RES/62/176.ttl
SUFFIXES = {f.suffix: f.key for f in PAGES}
_UNKNOWN_SUFFIX = re.compile(r"\.[a-z]{2,7}$")  # /id/A/RES/62/176.pdf: no symbol ends in lower case


@router.get(
    "/id/{path:path}", summary="Linked data: one resource, as HTML or RDF (with the citations it receives, paged)"
)
async def resource(
    path: str, request: Request, service: ServiceDep, format: str | None = None, page: int = 1
) -> Response:
    suffix = next((s for s in SUFFIXES if path.endswith(s)), None)
    if suffix:
        path, format = path[: -len(suffix)], SUFFIXES[suffix]
    iri = service.iris.from_path(path)
    try:
        fmt = choose(PAGES, request.headers.get("accept"), [format] if format else None)
    except NotAcceptable as refused:
        return text(406, str(refused))
    if page < 1:
        return text(400, "page must be 1 or more")
    rdf = None if fmt.key == "html" else fmt.key
    job = PageJob(iri, path, rdf, (page - 1) * RDF_PAGE)
    found = await service.pool.page(job, service.settings.timeout)
    if isinstance(found, Answer):  # the worker stopped at the timeout, died, or the store did not answer
        return answer(found, 0)
    if not found.found:
        canonical = _canonical_path(path)
        if canonical is not None:  # "/id/a/res/62/176": the page of the symbol as the UN spells it
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"/id/{canonical}{suffix or ''}{query}", status_code=301)
        unknown = _UNKNOWN_SUFFIX.search(path)
        if unknown:
            formats = ", ".join(SUFFIXES)
            return text(404, f"nothing is known about {iri}: no page format is called {unknown.group(0)} ({formats})")
        return not_found(
            request,
            service,
            iri,
            path_symbol(path),
            html=fmt.key == "html" and from_browser(request.headers.get("accept")),
        )
    headers = alternates(other_formats(path))
    if found.more:
        headers["Link"] += f', </id/{path}{fmt.suffix}?page={page + 1}>; rel="next"'
    return Response(found.body, media_type=with_charset(fmt.media_type), headers=headers)


def _canonical_path(path: str) -> str | None:
    """The path of the symbol a path names in another spelling ("a/res/62/176"), or None."""
    try:
        canonical = symbol_path(normalize(path_symbol(path)))
    except SymbolError:
        return None
    return canonical if canonical != path else None


_RESOLUTION_WORD = re.compile(r"^r[ée]solution\s+", re.IGNORECASE)  # "Resolution 598 (1987)" in the box


@router.get("/go", summary="Jump to the page of a symbol")
async def go(symbol: str, request: Request, service: ServiceDep) -> Response:
    """``symbol`` as the UN prints it: "A/RES/62/176", or as texts cite it ("598 (1987)",
    "Resolution 1514 (XV)", "61/183": the adopting body told by the form)."""
    try:
        canonical = normalize(symbol)
    except SymbolError as problem:
        cited = symbols.REFERENCE.fullmatch(_RESOLUTION_WORD.sub("", symbol.strip()))
        if not cited:
            return error(request, 400, f"{symbol!r} is not a UN symbol: {problem}")
        prefix = {"SC": "S", "GA": "A", "ECOSOC": "E"}[symbols.implied_body(cited)]
        canonical = symbols.reference_symbol(prefix, cited)
    return RedirectResponse(service.iris.page(service.iris.resource(canonical)), status_code=303)
