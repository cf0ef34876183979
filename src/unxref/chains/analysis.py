"""Questions asked of the citation graph: neighbourhoods, chains between two
resolutions, the lineage of a series, most cited and most citing, data errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

import networkx as nx

from unxref.chains.jobs import Direction


def neighbourhood(graph: nx.DiGraph, start: str, depth: int, direction: Direction) -> nx.DiGraph:
    """The start node with what it cites (back), what cites it (forward), or both, to a depth."""
    keep = {start}
    for forward in (False, True):
        if direction == ("forward" if not forward else "back"):
            continue
        frontier = {start}
        for _ in range(depth):
            step = set()
            for node in frontier:
                step.update(graph.predecessors(node) if forward else graph.successors(node))
            frontier = step - keep
            keep |= step
            if not frontier:
                break
    return graph.subgraph(keep)


def chains_between(
    graph: nx.DiGraph, source: str, target: str, bound: int = 6, limit: int = 100
) -> tuple[list[str], list[list[str]]]:
    """The shortest chain of citations from ``source`` back to ``target``, and all
    simple chains up to ``bound`` citations (at most ``limit`` of them)."""
    try:
        shortest = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return [], []
    every = list(islice(nx.all_simple_paths(graph, source, target, cutoff=bound), limit))
    return shortest, sorted(every, key=len)


def lineage(graph: nx.DiGraph, start: str) -> list[str]:
    """The series a resolution belongs to: predecessors it recalls under the same title,
    and successors that recall it under the same title, oldest first."""
    title = _title_key(graph.nodes[start].get("title", ""))
    if not title:
        return [start]

    def same(node: str) -> bool:
        return graph.nodes[node].get("kind") == "resolution" and _title_key(graph.nodes[node].get("title", "")) == title

    def follow(step: Any, pick: Any) -> list[str]:
        found: list[str] = []
        node = start
        while candidates := [n for n in step(node) if same(n) and n != start and n not in found]:
            node = pick(candidates, key=lambda n: graph.nodes[n].get("date", ""))
            found.append(node)
        return found

    earlier = follow(graph.successors, max)  # the latest predecessor it recalls, and so on back
    later = follow(graph.predecessors, min)  # the earliest successor that recalls it, and so forth
    return [*earlier[::-1], start, *later]


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().lower()


def most_cited(graph: nx.DiGraph, count: int = 10) -> list[tuple[str, int]]:
    return sorted(((n, d) for n, d in graph.in_degree() if d), key=lambda x: (-x[1], x[0]))[:count]


def most_citing(graph: nx.DiGraph, count: int = 10) -> list[tuple[str, int]]:
    return sorted(((n, d) for n, d in graph.out_degree() if d), key=lambda x: (-x[1], x[0]))[:count]


@dataclass(frozen=True)
class DataError:
    citing: str
    cited: str
    problem: str


def data_errors(graph: nx.DiGraph, cycles_limit: int = 100) -> list[DataError]:
    """Citations that cannot be right: to a later resolution, or in a cycle."""
    errors = []
    for citing, cited in graph.edges():
        earlier, later = graph.nodes[citing].get("date", ""), graph.nodes[cited].get("date", "")
        if earlier and later and later > earlier and graph.nodes[cited].get("kind") == "resolution":
            errors.append(DataError(citing, cited, f"cites a later resolution ({later} after {earlier})"))
    for found in islice(nx.simple_cycles(graph), cycles_limit):
        first = found.index(min(found))
        cycle = found[first:] + found[:first]  # the same cycle is always told from the same node
        errors.append(
            DataError(
                cycle[0],
                cycle[1 % len(cycle)],
                "citation cycle: " + " → ".join(graph.nodes[n]["symbol"] for n in cycle),
            )
        )
    return sorted(errors, key=lambda e: (e.citing, e.cited, e.problem))
