"""A running server follows its store: when `unxref ingest` publishes a new snapshot
(`unxref.store.Store.publish`), the server opens it and answers new requests from it;
requests already running finish on the snapshot they started with, whose workers are
closed once the longest query could have ended.

The server never opens the store ingest writes, only published snapshots, which are
never written (pyoxigraph: opening read-only while another process writes is undefined
behaviour); so the web process and its workers always read the same snapshot.

A remote store is followed the same way: ingest publishes it by stating when it was
last changed (`unxref.store.Store.publish`), and a change there starts the service
afresh (its answer cache, its citation graph). The service itself keeps its own
snapshots, so between publications the server may see a running ingest's writes.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from unxref.config import ServiceSettings
from unxref.location import open_read, served
from unxref.rdf.iris import Iris
from unxref.service.deps import Service
from unxref.service.pages import templates
from unxref.service.workers import QueryPool

CHECK_EVERY = 2.0  # seconds between looks at the store's LATEST pointer


def open_service(settings: ServiceSettings, pool: QueryPool | None = None) -> Service:
    """The service over the newest snapshot of the store, with ``pool`` if it is over that
    snapshot, else with workers not started yet."""
    snapshot = served(settings.store)
    if pool is None or pool.location != snapshot:
        if pool is not None:
            pool.close()
        pool = QueryPool(snapshot, settings.workers)
    return Service(
        settings=settings,
        snapshot=snapshot,
        store=open_read(snapshot),
        pool=pool,
        templates=Jinja2Templates(env=templates()),
        iris=Iris.configured(),
        since=datetime.now(UTC).isoformat(timespec="seconds"),
    )


async def follow(app: FastAPI) -> None:
    """Switch to each new snapshot as it is published; runs as long as the server."""
    while True:
        await asyncio.sleep(CHECK_EVERY)
        current: Service = app.state.service
        try:
            newest = await asyncio.to_thread(served, current.settings.store)
        except Exception:  # a remote store that does not answer, or answers nonsense: keep serving, look again
            continue
        if newest == current.snapshot:
            continue
        try:
            fresh = await asyncio.to_thread(open_service, current.settings)
        except OSError:
            continue  # the snapshot was removed as it was opened (or the service is away): look again
        fresh.pool.start()
        app.state.service = fresh
        asyncio.get_running_loop().create_task(_retire(current, current.settings.max_timeout + 1))


async def _retire(service: Service, after: float) -> None:
    await asyncio.sleep(after)
    await asyncio.to_thread(service.pool.close)
