"""What a chain request asks: plain data, made by the web service and the command line and
answered where the citation graph is (`unxref.chains.requests`). Nothing here loads networkx,
so the web process, which only makes these, never does."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import networkx as nx

Direction = Literal["back", "forward", "both"]

LANES = ("SC", "GA", "ECOSOC", "other")


def lane(body: str) -> str:
    """The lane of a resolution's body in the chain view and its filter: the three principal
    organs that adopt most resolutions, and "other" for every other body (CND, HRC, ...)."""
    return body if body in LANES[:3] else "other"


@dataclass(frozen=True)
class ChainFilter:
    """What a scholar narrows a chain to. Empty means everything: ``functions`` keeps the
    citing pairs with at least one of them, ``bodies`` the resolutions adopted by one of them
    (a ``lane``; treaties and documents stay), ``since`` and ``until`` the nodes dated in those years
    (an undated node goes once a range is asked), ``only_resolutions`` drops treaties and documents.
    The chain's own resolution is always kept."""

    functions: Collection[str] = ()
    bodies: Collection[str] = ()
    since: int | None = None
    until: int | None = None
    only_resolutions: bool = False

    def view(self, graph: nx.DiGraph, root: str) -> nx.DiGraph:
        """The graph as seen through the filter (a view: nothing is copied)."""
        if self == ChainFilter():
            return graph

        def keep_node(node: str) -> bool:
            return node == root or self._keeps(graph.nodes[node])

        def keep_edge(citing: str, cited: str) -> bool:
            return not self.functions or any(f in self.functions for f in graph.edges[citing, cited]["functions"])

        import networkx as nx  # here: the web process builds filters and never loads networkx

        return nx.subgraph_view(graph, filter_node=keep_node, filter_edge=keep_edge)

    def _keeps(self, node: dict[str, Any]) -> bool:
        if node["kind"] != "resolution":
            return not self.only_resolutions and self._in_range(node["date"])
        return (not self.bodies or lane(node["body"]) in self.bodies) and self._in_range(node["date"])

    def _in_range(self, date: str) -> bool:
        if self.since is None and self.until is None:
            return True
        year = int(date[:4]) if date else None
        return (
            year is not None
            and (self.since is None or year >= self.since)
            and (self.until is None or year <= self.until)
        )


@dataclass(frozen=True)
class ChainJob:
    start: str  # a symbol or an IRI
    target: str | None = None
    depth: int = 3
    direction: Direction = "back"
    format: str = "json"
    bound: int = 6
    only: ChainFilter = field(default_factory=ChainFilter)
    view: bool = False  # the JSON the chain page draws: with the tree and what the filters can choose
    series: bool = False  # the lineage of the start's series instead of a neighbourhood
