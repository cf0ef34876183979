"""The web service: a read-only SPARQL 1.1 Protocol endpoint, linked-data pages,
the named-query API, dumps and dataset descriptions.

SPARQL queries run in worker processes (`unxref.engine`), which keeps them
parallel and stoppable. Pages and small lookups read the same on-disk store,
opened read-only in this process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph
from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from unxref import __version__, chains, queries
from unxref.authorities import ontology_dir
from unxref.engine import Answer, Job, QueryPool, QueryRefused, check_services, is_update
from unxref.graph import base, path_symbol, symbol_path
from unxref.negotiate import GRAPH_FORMATS, PAGE_FORMATS, RESULT_FORMATS, NotAcceptable, choose
from unxref.pages import ResourcePage, local_link, resource_page
from unxref.results import RDF_FORMATS
from unxref.symbols import SymbolError, normalize

WEB = Path(__file__).parent / "web"
NODE_MODULES = ontology_dir().parent / "node_modules"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
UPDATE_TYPES = ("application/sparql-update",)
UNX_IN_CORPUS = "https://w3id.org/unxref/ontology#inCorpus"
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".html": "html", ".rdf": "rdfxml"}


@dataclass(frozen=True)
class Settings:
    store: Path
    workers: int = 2
    timeout: float = 30.0
    max_timeout: float = 300.0
    max_rows: int = 10_000
    allowed_services: tuple[str, ...] = ()


def create_app(settings: Settings) -> FastAPI:
    if not (settings.store / "CURRENT").is_file():
        raise FileNotFoundError(f"{settings.store}: no store here; run 'unxref ingest' first")
    pool = QueryPool(settings.store, settings.workers)
    store = pyoxigraph.Store.read_only(str(settings.store))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pool.start()
        yield
        pool.close()

    app = FastAPI(
        docs_url=None,  # served below from node_modules: FastAPI's own page loads Swagger UI from a CDN
        redoc_url=None,
        title="unxref",
        version=__version__,
        description="A cross-reference knowledge graph of United Nations resolutions: SPARQL, linked data, named queries.",
        lifespan=lifespan,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-Unxref-Truncated"],
    )
    templates = Jinja2Templates(directory=str(WEB / "templates"))
    app.mount("/static/unxref", StaticFiles(directory=str(WEB / "static")), name="static")
    for name, folder in (
        ("yasgui", "@zazuko/yasgui/build"),
        ("cytoscape", "cytoscape/dist"),
        ("cytoscape-dagre", "cytoscape-dagre/dist"),
        ("swagger-ui", "swagger-ui-dist"),
    ):
        if (NODE_MODULES / folder).is_dir():
            app.mount(f"/static/{name}", StaticFiles(directory=str(NODE_MODULES / folder)), name=name)

    # The store is a read-only snapshot: what is known of it as a whole is read once.
    @cache
    def graph_names() -> tuple[pyoxigraph.NamedNode, ...]:
        return tuple(sorted(store.named_graphs(), key=lambda g: g.value))  # type: ignore[arg-type]

    @cache
    def statistics() -> Statistics:
        return _statistics(store)

    async def run(job: Job | chains.ChainJob, timeout: float) -> Answer:
        return await pool.run(job, timeout)

    @app.api_route("/sparql", methods=["GET", "POST", "HEAD"], summary="SPARQL 1.1 Protocol endpoint (read-only)")
    async def sparql(request: Request) -> Response:
        params = parse_qsl(request.url.query, keep_blank_values=True)
        direct: str | None = None
        if request.method == "POST":
            body_params, direct, refusal = await _read_post(request)
            if refusal:
                return refusal
            params += body_params
        keys = {k for k, _ in params}
        if "update" in keys or keys & {"using-graph-uri", "using-named-graph-uri"}:
            return _text(403, "this endpoint is read-only: SPARQL Update is refused")
        texts = [v for k, v in params if k == "query"] + ([direct] if direct is not None else [])
        endpoint = str(request.url.replace(query=""))
        if not texts:
            if request.method in ("GET", "HEAD") and not params:
                return _service_description(graph_names(), endpoint, request.headers.get("accept"))
            return _text(400, "no query: give one in the 'query' parameter")
        if len(texts) > 1:
            return _text(400, "more than one query: give exactly one 'query' parameter")
        if is_update(texts[0]):
            return _text(403, "this endpoint is read-only: SPARQL Update is refused")
        try:
            timeout = _timeout(dict(params).get("timeout"), settings)
            check_services(texts[0], settings.allowed_services)
        except QueryRefused as error:
            return _text(403, str(error))
        except ValueError as error:
            return _text(400, str(error))
        default_graphs = tuple(v for k, v in params if k == "default-graph-uri")
        named_graphs = tuple(v for k, v in params if k == "named-graph-uri")
        dataset = bool(default_graphs or named_graphs)
        job = Job(
            query=texts[0],
            accept=request.headers.get("accept"),
            format_key=dict(params).get("format"),
            base_iri=endpoint,
            default_graphs=default_graphs if dataset else None,
            named_graphs=named_graphs if dataset else None,
            row_limit=settings.max_rows,
        )
        return _answer(await run(job, timeout), settings.max_rows)

    @app.get("/", response_class=HTMLResponse, summary="The SPARQL editor (YASGUI) with the named queries as tabs")
    async def home(request: Request) -> HTMLResponse:
        tabs = [{"name": q.title, "query": q.text} for q in queries.load_all().values()]
        return templates.TemplateResponse(request, "yasgui.html", {"tabs": json.dumps(tabs), "version": __version__})

    @app.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Linked data: one resource, as HTML or RDF")
    async def resource(path: str, request: Request, format: str | None = None) -> Response:
        suffix = next((s for s in SUFFIXES if path.endswith(s)), None)
        if suffix:
            path, format = path[: -len(suffix)], SUFFIXES[suffix]
        iri = base() + symbol_path(path_symbol(path))
        try:
            fmt = choose(PAGE_FORMATS, request.headers.get("accept"), format)
        except NotAcceptable as error:
            return _text(406, str(error))
        page = resource_page(store, iri)
        if page is None:
            return _text(404, f"nothing is known about {iri}")
        if fmt.key == "html":
            return templates.TemplateResponse(request, "resource.html", {"page": page, "local": local_link})
        job = Job(query=_describe_query(page), format_key=fmt.key, row_limit=1_000_000)
        return _answer(await run(job, settings.max_timeout), 1_000_000)

    @app.get("/go", summary="Jump to the page of a symbol")
    async def go(symbol: str) -> Response:
        try:
            canonical = normalize(symbol)
        except SymbolError as error:
            return _text(400, f"{symbol!r} is not a UN symbol: {error}")
        return RedirectResponse("/id/" + symbol_path(canonical), status_code=303)

    @app.get("/api/chains/{spec:path}", summary="Citation chains as Cytoscape.js JSON, GraphML, GEXF, DOT or SVG")
    async def chain_api(
        spec: str, depth: int = 3, direction: str = "back", format: str = "json", bound: int = 6
    ) -> Response:
        """``/api/chains/S/RES/598_(1987)?depth=3`` or ``/api/chains/A/RES/62/176/to/A/RES/S-20/2``."""
        if direction not in ("back", "forward", "both") or not 0 <= depth <= 50 or not 1 <= bound <= 12:
            return _text(400, "direction is back, forward or both; depth is 0 to 50; bound is 1 to 12")
        if format not in chains.EXPORTS:
            return _text(400, f"format is one of: {', '.join(chains.EXPORTS)}")
        source, _, target = spec.partition("/to/")
        job = chains.ChainJob(
            start=path_symbol(source),
            target=path_symbol(target) if target else None,
            depth=depth,
            direction=direction,  # type: ignore[arg-type]
            format=format,
            bound=bound,
        )
        return _answer(await run(job, settings.max_timeout), 0)

    @app.get(
        "/chains/{symbol:path}", response_class=HTMLResponse, summary="The interactive citation chain of a resolution"
    )
    async def chain_page(symbol: str, request: Request, depth: int = 3, direction: str = "back") -> Response:
        name = path_symbol(symbol)
        iri = base() + symbol_path(name)
        if next(iter(store.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None, None)), None) is None:
            return _text(404, f"nothing is known about {iri}")
        context = {
            "symbol": name,
            "path": symbol_path(name),
            "depth": depth,
            "direction": direction,
            "page": local_link(iri),
        }
        return templates.TemplateResponse(request, "chain.html", context)

    @app.get("/api/queries", summary="The named queries, with their parameters")
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

    @app.get(
        "/api/queries/{name}", summary="Run a named query; parameters are bound as RDF terms; format=json|xml|csv|tsv"
    )
    async def run_named_query(name: str, request: Request) -> Response:
        values = dict(parse_qsl(request.url.query))
        result_format = values.pop("format", "json")
        try:
            query = queries.get(name)
            substitutions = query.substitutions(values)
        except queries.QueryError as error:
            status = 404 if isinstance(error, queries.UnknownQuery) else 400
            return JSONResponse({"detail": str(error)}, status_code=status)
        job = Job(query=query.text, format_key=result_format, substitutions=substitutions, row_limit=settings.max_rows)
        return _answer(await run(job, settings.timeout), settings.max_rows)

    @app.get("/dump", summary="The whole dataset as N-Quads, streamed")
    def dump() -> StreamingResponse:
        def lines() -> Iterator[bytes]:
            batch: list[str] = []
            for quad in store.quads_for_pattern(None, None, None, None):
                batch.append(f"{quad} .\n")
                if len(batch) >= 5000:
                    yield "".join(batch).encode()
                    batch = []
            yield "".join(batch).encode()

        return StreamingResponse(
            lines(),
            media_type="application/n-quads",
            headers={"Content-Disposition": 'attachment; filename="unxref.nq"'},
        )

    @app.get("/void", summary="VoID and DCAT description of the dataset")
    async def void(request: Request, format: str | None = None) -> Response:
        try:
            fmt = choose(GRAPH_FORMATS, request.headers.get("accept"), format)
        except NotAcceptable as error:
            return _text(406, str(error))
        root = str(request.base_url).rstrip("/")
        return Response(_void(statistics(), root, fmt.key), media_type=fmt.media_type)

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="unxref API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
        )

    @app.get("/health", summary="Liveness and store size")
    async def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "store": str(settings.store),
            "graphs": len(graph_names()),
            "workers": settings.workers,
        }

    @app.get("/ontology", summary="The unxref ontology (Turtle)")
    async def ontology_file() -> Response:
        return Response((ontology_dir() / "unxref.ttl").read_bytes(), media_type="text/turtle")

    @app.get("/ontology/context.jsonld", summary="The JSON-LD context")
    async def context_file() -> Response:
        return Response((ontology_dir() / "context.jsonld").read_bytes(), media_type="application/ld+json")

    @app.exception_handler(HTTPException)
    async def plain_errors(_: Request, error: HTTPException) -> Response:
        return _text(error.status_code, str(error.detail))

    return app


async def _read_post(request: Request) -> tuple[list[tuple[str, str]], str | None, Response | None]:
    """Parameters and direct query of a POST, or the error response it deserves."""
    raw_type = request.headers.get("content-type")
    if not raw_type:
        return (
            [],
            None,
            _text(400, "a POST needs a Content-Type: application/x-www-form-urlencoded or application/sparql-query"),
        )
    media, *options = [part.strip() for part in raw_type.split(";")]
    media = media.lower()
    charset = dict(o.lower().split("=", 1) for o in options if "=" in o).get("charset", "utf-8").strip('"')
    if charset not in ("utf-8", "utf8"):
        return [], None, _text(415, f"charset {charset} is not accepted: send UTF-8")
    if media in UPDATE_TYPES:
        return [], None, _text(403, "this endpoint is read-only: SPARQL Update is refused")
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return [], None, _text(400, "the request body is not UTF-8")
    if media == "application/x-www-form-urlencoded":
        return parse_qsl(text, keep_blank_values=True), None, None
    if media == "application/sparql-query":
        return [], text, None
    return (
        [],
        None,
        _text(
            415,
            f"Content-Type {media} is not accepted: use application/x-www-form-urlencoded or application/sparql-query",
        ),
    )


def _timeout(value: str | None, settings: Settings) -> float:
    if value is None or value == "":
        return settings.timeout
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"timeout {value!r} is not a number of seconds") from None
    if not 0 < seconds <= settings.max_timeout:
        raise ValueError(f"timeout must be more than 0 and at most {settings.max_timeout:g} seconds")
    return seconds


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _answer(answer: Answer, limit: int) -> Response:
    headers = {"X-Unxref-Truncated": f"true; limit={limit}"} if answer.truncated else {}
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)


def _describe_query(page: ResourcePage) -> str:
    if page.graph:
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{page.graph}> {{ ?s ?p ?o }} }}"
    return f"CONSTRUCT {{ <{page.iri}> ?p ?o }} WHERE {{ <{page.iri}> ?p ?o }}"


def _service_description(graphs: tuple[pyoxigraph.NamedNode, ...], endpoint: str, accept: str | None) -> Response:
    try:
        fmt = choose(GRAPH_FORMATS, accept)
    except NotAcceptable as error:
        return _text(406, str(error))
    service = pyoxigraph.NamedNode(endpoint)
    dataset = pyoxigraph.NamedNode(endpoint + "#dataset")
    default = pyoxigraph.NamedNode(endpoint + "#default-graph")
    rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

    def sd(local: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(SD + local)

    triples = [
        pyoxigraph.Triple(service, rdf_type, sd("Service")),
        pyoxigraph.Triple(service, sd("endpoint"), service),
        pyoxigraph.Triple(service, sd("supportedLanguage"), sd("SPARQL10Query")),
        pyoxigraph.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        pyoxigraph.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        pyoxigraph.Triple(service, sd("defaultDataset"), dataset),
        pyoxigraph.Triple(dataset, rdf_type, sd("Dataset")),
        pyoxigraph.Triple(dataset, sd("defaultGraph"), default),
        pyoxigraph.Triple(default, rdf_type, sd("Graph")),
        pyoxigraph.Triple(
            default,
            pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
            pyoxigraph.Literal(
                "The default graph is the union of all named graphs: every document graph, its provenance, the authority records and the ontology.",
                language="en",
            ),
        ),
    ]
    format_iris = {
        "json": "SPARQL_Results_JSON",
        "xml": "SPARQL_Results_XML",
        "csv": "SPARQL_Results_CSV",
        "tsv": "SPARQL_Results_TSV",
        "ttl": "Turtle",
        "nt": "N-Triples",
        "jsonld": "JSON-LD",
        "rdfxml": "RDF_XML",
        "nq": "N-Quads",
        "trig": "TriG",
    }
    for f in (*RESULT_FORMATS, *GRAPH_FORMATS):
        triples.append(
            pyoxigraph.Triple(service, sd("resultFormat"), pyoxigraph.NamedNode(FORMATS_NS + format_iris[f.key]))
        )
    for index, name in enumerate(graphs):
        node = pyoxigraph.NamedNode(f"{endpoint}#named-graph-{index + 1}")
        triples += [
            pyoxigraph.Triple(dataset, sd("namedGraph"), node),
            pyoxigraph.Triple(node, rdf_type, sd("NamedGraph")),
            pyoxigraph.Triple(node, sd("name"), name),
        ]
    return Response(pyoxigraph.serialize(triples, format=RDF_FORMATS[fmt.key]), media_type=fmt.media_type)


@dataclass(frozen=True)
class Statistics:
    triples: int
    subjects: int
    documents: int


def _statistics(store: pyoxigraph.Store) -> Statistics:
    solutions = store.query(
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    counts = next(solutions)
    documents = sum(1 for _ in store.quads_for_pattern(None, pyoxigraph.NamedNode(UNX_IN_CORPUS), None, None))
    return Statistics(int(counts[0].value), int(counts[1].value), documents)


def _void(statistics: Statistics, root: str, fmt_key: str) -> bytes:
    dataset = pyoxigraph.NamedNode(root + "/void#unxref")

    def n(iri: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(iri)

    def lit(value: str | int, datatype: str | None = None) -> pyoxigraph.Literal:
        if isinstance(value, int):
            return pyoxigraph.Literal(str(value), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))
        return (
            pyoxigraph.Literal(value, language="en")
            if datatype is None
            else pyoxigraph.Literal(value, datatype=n(datatype))
        )

    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    void, dcat, dct = "http://rdfs.org/ns/void#", "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    dump_dist = n(root + "/void#dump")
    triples = [
        pyoxigraph.Triple(dataset, rdf_type, n(void + "Dataset")),
        pyoxigraph.Triple(dataset, rdf_type, n(dcat + "Dataset")),
        pyoxigraph.Triple(dataset, n(dct + "title"), lit("unxref: cross-references of United Nations resolutions")),
        pyoxigraph.Triple(
            dataset,
            n(dct + "description"),
            lit(
                "Resolutions, the resolutions, documents and treaties they cite, the paragraphs that cite them and with what function."
            ),
        ),
        pyoxigraph.Triple(dataset, n(void + "sparqlEndpoint"), n(root + "/sparql")),
        pyoxigraph.Triple(dataset, n(void + "dataDump"), n(root + "/dump")),
        pyoxigraph.Triple(dataset, n(void + "uriSpace"), lit(base(), "http://www.w3.org/2001/XMLSchema#string")),
        pyoxigraph.Triple(dataset, n(void + "vocabulary"), n("https://w3id.org/unxref/ontology#")),
        pyoxigraph.Triple(dataset, n(void + "triples"), lit(statistics.triples)),
        pyoxigraph.Triple(dataset, n(void + "distinctSubjects"), lit(statistics.subjects)),
        pyoxigraph.Triple(dataset, n(void + "documents"), lit(statistics.documents)),
        pyoxigraph.Triple(dataset, n(dcat + "distribution"), dump_dist),
        pyoxigraph.Triple(dump_dist, rdf_type, n(dcat + "Distribution")),
        pyoxigraph.Triple(dump_dist, n(dcat + "downloadURL"), n(root + "/dump")),
        pyoxigraph.Triple(
            dump_dist, n(dcat + "mediaType"), lit("application/n-quads", "http://www.w3.org/2001/XMLSchema#string")
        ),
        pyoxigraph.Triple(dataset, n(dct + "conformsTo"), n("https://w3id.org/unxref/ontology")),
    ]
    return pyoxigraph.serialize(triples, format=RDF_FORMATS[fmt_key]) or b""
