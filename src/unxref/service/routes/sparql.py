"""The SPARQL 1.1 Protocol endpoint (read-only), and the SPARQL editor on the home page."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unxref import __version__
from unxref.service import queries
from unxref.service.checks import QueryRefused, check_services, check_size, is_update
from unxref.service.deps import ServiceDep
from unxref.service.describe import service_description
from unxref.service.negotiate import format_values
from unxref.service.responses import DESCRIPTIONS, answer, rdf_response, text
from unxref.service.workers import Job

router = APIRouter()
UPDATE_TYPES = ("application/sparql-update",)
MIN_TIMEOUT = 0.1  # seconds: a shorter one would only cost a worker's restart
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"


@router.get("/sparql", summary="SPARQL 1.1 Protocol endpoint (read-only): a query by GET")
@router.post("/sparql", summary="SPARQL 1.1 Protocol endpoint (read-only): a query by POST (form or body)")
@router.head("/sparql", include_in_schema=False)
async def sparql(request: Request, service: ServiceDep) -> Response:
    params = parse_qsl(request.url.query, keep_blank_values=True)
    direct: str | None = None
    if request.method == "POST":
        body_params, direct, refusal = await _read_post(request)
        if refusal:
            return refusal
        params += body_params
    keys = {k for k, _ in params}
    if "update" in keys or keys & {"using-graph-uri", "using-named-graph-uri"}:
        return text(403, READ_ONLY)
    texts = [v for k, v in params if k == "query"] + ([direct] if direct is not None else [])
    endpoint = str(request.url.replace(query=""))
    if not texts:
        if request.method in ("GET", "HEAD") and not params:
            return _description(request, service, endpoint)
        return text(400, "no query: give one in the 'query' parameter")
    if len(texts) > 1:
        return text(400, "more than one query: give exactly one 'query' parameter")
    if not texts[0].strip():
        return text(400, "the query is empty: give a SPARQL query in the 'query' parameter")
    try:
        check_size(texts[0])
    except ValueError as error:
        return text(400, str(error))
    if is_update(texts[0]):
        return text(403, READ_ONLY)
    try:
        timeout = _timeout(dict(params).get("timeout"), service.settings.timeout, service.settings.max_timeout)
        check_services(texts[0], service.settings.allowed_services)
    except QueryRefused as error:
        return text(403, str(error))
    except ValueError as error:
        return text(400, str(error))
    default_graphs = tuple(v for k, v in params if k == "default-graph-uri")
    named_graphs = tuple(v for k, v in params if k == "named-graph-uri")
    dataset = bool(default_graphs or named_graphs)
    job = Job(
        query=texts[0],
        accept=request.headers.get("accept"),
        format_keys=tuple(format_values(params)),
        base_iri=endpoint,
        default_graphs=default_graphs if dataset else None,
        named_graphs=named_graphs if dataset else None,
        row_limit=service.settings.max_rows,
    )
    return answer(await service.pool.run(job, timeout), service.settings.max_rows)


@router.get("/", response_class=HTMLResponse, summary="The SPARQL editor (YASGUI) with the named queries as tabs")
async def home(request: Request, service: ServiceDep) -> HTMLResponse:
    tabs = [
        {
            "name": q.title,
            "query": q.text,
            "key": q.name,
            "parameters": [{"name": p.name, "kind": p.kind, "description": p.description} for p in q.parameters],
        }
        for q in queries.load_all().values()
    ]
    return service.templates.TemplateResponse(
        request, "yasgui.html", {"tabs": json.dumps(tabs), "version": __version__}
    )


def _description(request: Request, service: ServiceDep, endpoint: str) -> Response:
    graph_list = str(request.base_url).rstrip("/") + "/graphs"
    triples = service_description(endpoint, len(service.graph_names), graph_list)
    intro = 'The SPARQL 1.1 endpoint of this dataset. <a href="/">Write a query</a>.'
    return rdf_response(request, service, triples, "SPARQL endpoint", intro, (*DESCRIPTIONS[1:], DESCRIPTIONS[0]))


async def _read_post(request: Request) -> tuple[list[tuple[str, str]], str | None, Response | None]:
    """Parameters and direct query of a POST, or the error response it deserves."""
    raw_type = request.headers.get("content-type")
    if not raw_type:
        return (
            [],
            None,
            text(400, "a POST needs a Content-Type: application/x-www-form-urlencoded or application/sparql-query"),
        )
    media, *options = [part.strip() for part in raw_type.split(";")]
    media = media.lower()
    charset = dict(o.lower().split("=", 1) for o in options if "=" in o).get("charset", "utf-8").strip('"')
    if charset not in ("utf-8", "utf8"):
        return [], None, text(415, f"charset {charset} is not accepted: send UTF-8")
    if media in UPDATE_TYPES:
        return [], None, text(403, READ_ONLY)
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return [], None, text(400, "the request body is not UTF-8")
    if media == "application/x-www-form-urlencoded":
        return parse_qsl(body, keep_blank_values=True), None, None
    if media == "application/sparql-query":
        return [], body, None
    accepted = "use application/x-www-form-urlencoded or application/sparql-query"
    return [], None, text(415, f"Content-Type {media} is not accepted: {accepted}")


def _timeout(value: str | None, default: float, ceiling: float) -> float:
    if value is None or value == "":
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"timeout {value!r} is not a number of seconds") from None
    if not MIN_TIMEOUT <= seconds <= ceiling:
        raise ValueError(f"timeout must be at least {MIN_TIMEOUT:g} and at most {ceiling:g} seconds")
    return seconds
