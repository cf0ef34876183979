"""What every route depends on: the running service's settings, store, workers and templates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated

import pyoxigraph
from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from unxref.config import ServiceSettings
from unxref.location import Location
from unxref.rdf.iris import Iris
from unxref.remote import Engine
from unxref.service.describe import Statistics, statistics
from unxref.service.exports import Dumps, network
from unxref.service.workers import QueryPool

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Service:
    """The service over one published snapshot of the store (`unxref.service.live` swaps in
    a new one when ingest publishes it). A snapshot never changes, so what is known of it as
    a whole (its graph names, its size) is read once."""

    settings: ServiceSettings
    snapshot: Location  # what is read: a published snapshot, the store itself, or a service at a state
    store: Engine
    pool: QueryPool
    templates: Jinja2Templates
    iris: Iris
    since: str = ""  # when this snapshot began to be served (UTC, ISO 8601)

    @cached_property
    def answers_from(self) -> str:
        """What every answer comes from: the snapshot served, and the settings it is served with
        (read by the answer cache at each request, so made once)."""
        return f"{self.snapshot!r}\0{self.settings!r}"

    @cached_property
    def graph_names(self) -> tuple[pyoxigraph.NamedNode, ...]:
        return tuple(sorted(self.store.named_graphs(), key=lambda g: g.value))  # type: ignore[arg-type]

    @cached_property
    def statistics(self) -> Statistics:
        return statistics(self.store)

    @cached_property
    def dumps(self) -> Dumps:
        return Dumps(self.store)

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The whole citation network, built on first use."""
        return network(self.store)


async def get_service(request: Request) -> Service:
    """The service now served. A coroutine, so FastAPI calls it on the event loop: a plain
    function it would run in a thread, a hop that cost each request more than reading it."""
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]
