"""Chain requests, answered in the service's query workers (or by the CLI) from the cached graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from unxref.chains.analysis import chains_between, neighbourhood
from unxref.chains.exports import cytoscape, dot, gexf, graphml, svg
from unxref.chains.graph import ChainError, Direction, find_node, graph_for
from unxref.formats import CHAINS, by_key, with_charset


@dataclass(frozen=True)
class ChainJob:
    start: str  # a symbol or an IRI
    target: str | None = None
    depth: int = 3
    direction: Direction = "back"
    format: str = "json"
    bound: int = 6


def answer(store_path: Path, job: ChainJob) -> tuple[int, str, bytes]:
    """(status, media type, body) for a chain request, from the cached graph of the store."""
    graph = graph_for(store_path)
    try:
        start = find_node(graph, job.start)
        extra: dict[str, Any] = {}
        if job.target:
            end = find_node(graph, job.target)
            shortest, every = chains_between(graph, start, end, job.bound)
            sub = graph.subgraph({n for path in every for n in path}).copy()
            extra = {"shortest": shortest, "chains": every}
        else:
            sub = neighbourhood(graph, start, job.depth, job.direction)
        writers = {
            "json": lambda: orjson.dumps(cytoscape(sub, start) | extra),
            "graphml": lambda: graphml(sub),
            "gexf": lambda: gexf(sub),
            "dot": lambda: dot(sub).encode(),
            "svg": lambda: svg(sub),
        }
        return 200, with_charset(by_key(CHAINS, job.format).media_type), writers[job.format]()
    except ChainError as error:
        return 404, "text/plain; charset=utf-8", f"{error}\n".encode()
