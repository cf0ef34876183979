"""The web service: a read-only SPARQL 1.1 Protocol endpoint, linked-data pages,
citation chains, the named-query API, dumps and dataset descriptions.

SPARQL queries, named queries, pages and chains run in worker processes
(`unxref.service.workers`), which keeps them parallel and stoppable. Dumps and dataset
descriptions read the same on-disk store, opened read-only in this process; the server
follows the snapshots ingest publishes (`unxref.service.live`). Routes live in
`unxref.service.routes`, one module an area.
"""

from __future__ import annotations

import asyncio
import importlib.util
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException as StarletteHTTPException

from unxref import __version__
from unxref.config import VENDOR, ServiceSettings, vendor
from unxref.remote import RemoteError
from unxref.service import live
from unxref.service.cache import AnswerCache
from unxref.service.middleware import HeadAsGet, RequestLimits
from unxref.service.responses import error, text
from unxref.service.routes import chains, dataset, exports, queries, resources, sparql
from unxref.service.workers import QueryPool

STATIC = Path(__file__).parent / "web" / "static"
EXPOSED = "X-Unxref-Truncated"  # the response header a browser script may read across origins


def create_app(settings: ServiceSettings, pool: QueryPool | None = None) -> FastAPI:
    """The application over a store made by ``unxref ingest``; ``pool``: its query workers,
    if the caller started them already (``unxref serve`` does, before it imports this)."""
    if isinstance(settings.store, Path) and not (settings.store / "CURRENT").is_file():
        raise FileNotFoundError(f"{settings.store}: no store here; run 'unxref ingest' first")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service.pool.start()
        following = asyncio.get_running_loop().create_task(live.follow(app))
        yield
        following.cancel()
        app.state.service.pool.close()

    app = FastAPI(
        docs_url=None,  # served from node_modules by the dataset routes: FastAPI's own page uses a CDN
        redoc_url=None,
        title="unxref",
        version=__version__,
        description="A cross-reference knowledge graph of United Nations resolutions: SPARQL, linked data, named queries.",
        lifespan=lifespan,
        telemetry=_telemetry(),
    )
    app.state.service = live.open_service(settings, pool)
    started = f"{time.time_ns()}\0"  # answers of an earlier run of other code are not this run's
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=[EXPOSED],
    )
    # Outside CORS, so an answer kept is given with the CORS headers it was first given with
    # (the request's Origin is part of its key) and a repeated request passes one layer fewer.
    app.add_middleware(
        AnswerCache,
        max_bytes=settings.cache_mb * 1_000_000,
        state=lambda: started + app.state.service.answers_from,
        cross_origin=((b"access-control-allow-origin", b"*"), (b"access-control-expose-headers", EXPOSED.encode())),
    )
    app.add_middleware(HeadAsGet)
    app.add_middleware(RequestLimits, max_body=settings.max_body, max_headers=settings.max_headers)
    app.mount("/static/unxref", StaticFiles(directory=str(STATIC)), name="static")
    for name in VENDOR:
        app.mount(f"/static/{name}", StaticFiles(directory=str(vendor(name))), name=name)
    for area in (sparql, resources, chains, queries, dataset, exports):
        app.include_router(area.router)
    app.add_exception_handler(StarletteHTTPException, _errors)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _unreadable)  # type: ignore[arg-type]
    app.add_exception_handler(RemoteError, _store_away)  # type: ignore[arg-type]
    return app


def _telemetry() -> TelemetryConfig | None:
    """FastAPI's own OpenTelemetry spans and metrics, kept when the OpenTelemetry SDK is
    installed (only it can set a provider up). Without it FastAPI would still look for a
    provider at every request: a quarter of the time of an answer given from the cache."""
    if importlib.util.find_spec("opentelemetry.sdk") is not None:
        return None
    return {"tracing": False, "metrics": False, "logs": False}


async def _errors(request: Request, exception: StarletteHTTPException) -> Response:
    """Every error a route raises, and an unknown route's 404: one line, a page for a browser."""
    message = "no such page" if exception.status_code == 404 and exception.detail == "Not Found" else exception.detail
    response = error(request, exception.status_code, str(message))
    response.headers.update(exception.headers or {})
    return response


async def _unreadable(request: Request, exception: RequestValidationError) -> Response:
    """A parameter that is not of its type ("depth=abc"): 400 naming it, not FastAPI's 422 JSON."""
    problems = []
    for problem in exception.errors():
        name = str(problem["loc"][-1]) if problem.get("loc") else "a parameter"
        given = problem.get("input")
        problems.append(
            f"{name}: {given!r} is not valid ({problem['msg'].lower()})"
            if given is not None
            else f"{name}: {problem['msg'].lower()}"
        )
    return error(request, 400, "; ".join(problems))


async def _store_away(_: Request, error: RemoteError) -> Response:
    """A dump or a description over a remote store that did not answer."""
    return text(502, f"the store did not answer: {error}")
