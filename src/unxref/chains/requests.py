"""Chain requests, answered in the service's query workers (or by the CLI) from the cached graph."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import orjson

from unxref.chains.analysis import chains_between, lineage, neighbourhood
from unxref.chains.exports import cytoscape, dot, gexf, graphml, svg, tree
from unxref.chains.graph import ChainError, find_node, graph_for
from unxref.chains.jobs import ChainJob, lane
from unxref.formats import CHAINS, by_key, with_charset

if TYPE_CHECKING:
    import networkx as nx

    from unxref.location import Location


def answer(location: Location, job: ChainJob) -> tuple[int, str, bytes]:
    """(status, media type, body) for a chain request, from the cached graph of the store."""
    graph = graph_for(location)
    try:
        start = find_node(graph, job.start)
        sub, extra = _chain(graph, start, job)
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


def _chain(graph: nx.DiGraph, start: str, job: ChainJob) -> tuple[nx.DiGraph, dict[str, Any]]:
    """The subgraph asked for, and what the JSON says beside its elements."""
    seen = job.only.view(graph, start)
    if job.series:
        series = lineage(seen, start)
        return seen.subgraph(series), {"series": series}
    if job.target:
        shortest, every = chains_between(seen, start, find_node(graph, job.target), job.bound)
        return seen.subgraph({n for path in every for n in path}), {"shortest": shortest, "chains": every}
    sub = neighbourhood(seen, start, job.depth, job.direction)
    if not job.view:
        return sub, {}
    rows = tree(sub, start, job.direction, job.depth)
    everything = sub if seen is graph else neighbourhood(graph, start, job.depth, job.direction)
    return sub, {"tree": [asdict(row) for row in rows], "choices": _choices(everything)}


def _choices(chain: nx.DiGraph) -> dict[str, list[str]]:
    """What the filters can choose from: the functions and bodies of the unfiltered chain."""
    return {
        "functions": sorted({f for _, _, d in chain.edges(data=True) for f in d["functions"]}),
        "bodies": sorted({lane(d["body"]) for _, d in chain.nodes(data=True) if d["kind"] == "resolution"}),
    }
