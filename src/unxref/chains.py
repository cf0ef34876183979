"""Citation chains: the citation graph of the store, analysed with networkx.

The graph is read with plain SPARQL (no property paths, so any engine can
answer, even one that cannot evaluate ``cites+`` at scale): a node for every
resolution, and for every document and treaty a resolution cites; an edge from
citing to cited, carrying the functions, paragraphs and footnotes of its
citations. Traversal (ancestors, descendants, chains between two resolutions)
happens in networkx, on a graph cached per store state.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import orjson
import pyoxigraph

from unxref.graph import base, symbol_path
from unxref.pages import PREFIXES, local_link
from unxref.symbols import SymbolError, normalize

Direction = Literal["back", "forward", "both"]
# One small DISTINCT query per attribute: the default graph is the union of the
# document graphs, in which a cited resolution is described once per citing document.
NODE_FACTS = {
    "kind": """SELECT DISTINCT ?node ?value WHERE {
      ?node a ?type . FILTER (?type IN (unx:Resolution, unx:Document, unx:Treaty))
      BIND (IF(?type = unx:Resolution, "resolution", IF(?type = unx:Document, "document", "treaty")) AS ?value) }""",
    "symbol": "SELECT DISTINCT ?node ?value WHERE { ?node dcterms:identifier ?value }",
    "name": 'SELECT DISTINCT ?node ?value WHERE { ?node a unx:Treaty ; skos:prefLabel ?value FILTER (lang(?value) = "en") }',
    "date": "SELECT DISTINCT ?node ?value WHERE { ?node unx:adoptionDate ?value }",
    "title": "SELECT DISTINCT ?node ?value WHERE { ?node dcterms:title ?value }",
    "body": "SELECT DISTINCT ?node ?value WHERE { ?node unx:adoptedBy ?adopter . ?adopter skos:notation ?value }",
    "in_corpus": "SELECT DISTINCT ?node ?value WHERE { ?node unx:inCorpus ?value }",
}
# Citations: single-pattern queries joined here, by citation IRI (joins of 372,000
# citations took the engine 28 s; three single patterns take 10). A citing paragraph is
# a fragment of its document's IRI (``…/A/RES/62/176#PP1``), which gives the document.
CITATION_FACTS = {
    "cited": "SELECT ?citation ?value WHERE { ?citation cito:hasCitedEntity ?value }",
    "paragraph": "SELECT ?citation ?value WHERE { ?citation cito:hasCitingEntity ?value }",
    "function": "SELECT ?citation ?value WHERE { ?citation unx:function ?value }",
    "note": "SELECT ?citation ?value WHERE { ?citation unx:footnote ?footnote . ?footnote unx:noteNumber ?value }",
}


class ChainError(ValueError):
    """A symbol the graph does not know, or a request that cannot be answered."""


def _rows(store: pyoxigraph.Store, query: str) -> Iterable[dict[str, str]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        yield {n: t.value for n, t in zip(names, row, strict=True) if t is not None}


def citation_graph(store: pyoxigraph.Store) -> nx.DiGraph:
    """The citation graph: nodes keyed by IRI, edges from citing to cited."""
    facts: dict[str, dict[str, str]] = {}
    for name, query in NODE_FACTS.items():
        for row in _rows(store, query):
            facts.setdefault(row["node"], {}).setdefault(name, row["value"])
    graph = nx.DiGraph()
    for node, known in facts.items():
        if "kind" not in known:
            continue
        graph.add_node(
            node,
            kind=known["kind"],
            symbol=known.get("name") or known.get("symbol") or node.rsplit("/", 1)[-1],
            date=known.get("date", ""),
            title=known.get("title", ""),
            body=known.get("body", ""),
            in_corpus=known.get("in_corpus") == "true",
        )
    citations: dict[str, dict[str, str]] = {}
    for name, query in CITATION_FACTS.items():
        for row in _rows(store, query):
            if name == "cited" or row["citation"] in citations:
                citations.setdefault(row["citation"], {})[name] = row["value"]
    for citation in citations.values():
        paragraph_iri = citation.get("paragraph", "")
        citing, _, paragraph = paragraph_iri.partition("#")
        cited = citation["cited"]
        if cited not in graph or citing not in graph or "function" not in citation:
            continue
        data = graph.get_edge_data(citing, cited) or {"cited_in": []}
        function = citation["function"].rsplit("/", 1)[-1]
        data["cited_in"].append((_paragraph_order(paragraph), paragraph, function, citation.get("note")))
        graph.add_edge(citing, cited, **data)
    for _, _, data in graph.edges(data=True):
        cited_in = sorted(data.pop("cited_in"), key=lambda c: (c[0], c[3] or ""))
        data["paragraphs"] = list(dict.fromkeys(c[1] for c in cited_in))
        data["functions"] = list(dict.fromkeys(c[2] for c in cited_in))
        data["notes"] = list(dict.fromkeys(c[3] for c in cited_in if c[3]))
        data["function"] = data["functions"][0]
    return graph


def _paragraph_order(paragraph: str) -> tuple[int, int]:
    """PP1 < PP2 < OP1 < ANNEX-1: the order paragraphs are printed in."""
    kind, number = re.match(r"([A-Z]+)-?(\d*)", paragraph).groups()  # type: ignore[union-attr]
    return {"PP": 0, "OP": 1}.get(kind, 2), int(number or 0)


def _fingerprint(path: Path) -> tuple[str, int]:
    """Changes whenever the store on disk changes (RocksDB writes new files)."""
    newest = max((entry.stat().st_mtime_ns for entry in os.scandir(path)), default=0)
    return str(path.resolve()), newest


def _cache_file(path: str, state: int) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unxref" / "chains"
    return root / f"{hashlib.sha256(path.encode()).hexdigest()[:16]}-{state}.pickle"


@lru_cache(maxsize=4)
def _cached_graph(path: str, state: int) -> nx.DiGraph:
    """Built once per store state, and kept on disk so that the other query workers
    (and the next start of the server) load it instead of building it again."""
    cache = _cache_file(path, state)
    if cache.is_file():
        with cache.open("rb") as file:
            graph: nx.DiGraph = pickle.load(file)
            return graph
    graph = citation_graph(pyoxigraph.Store.read_only(path))
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.partial")
    with partial.open("wb") as file:
        pickle.dump(graph, file, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    for stale in cache.parent.glob(cache.name.split("-")[0] + "-*.pickle"):  # earlier states of this store
        if stale != cache:
            stale.unlink(missing_ok=True)
    return graph


def graph_for(path: Path) -> nx.DiGraph:
    """The citation graph of the on-disk store, rebuilt only when the store changed."""
    return _cached_graph(*_fingerprint(path))


def find_node(graph: nx.DiGraph, symbol: str) -> str:
    """The node of a symbol ("S/RES/598 (1987)"), a path under the base ("treaty/un-charter"),
    a treaty key ("un-charter") or an IRI."""
    candidates = [symbol, base() + symbol, base() + "treaty/" + symbol]
    with contextlib.suppress(SymbolError):
        candidates.insert(1, base() + symbol_path(normalize(symbol)))
    found = next((iri for iri in candidates if iri in graph), None)
    if found is None:
        raise ChainError(f"{symbol!r} is not in the citation graph")
    return found


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


# --- output formats -------------------------------------------------------------------


def cytoscape(graph: nx.DiGraph, root: str | None = None) -> dict[str, Any]:
    """Cytoscape.js elements: nodes with symbol, kind, body, date, title; edges with functions."""
    nodes = [
        {
            "data": {
                "id": n,
                "label": d["symbol"],
                "kind": d["kind"],
                "body": d["body"] or "other",
                "date": d["date"],
                "title": d["title"],
                "inCorpus": d["in_corpus"],
                "href": local_link(n),
                "root": n == root,
            }
        }
        for n, d in sorted(graph.nodes(data=True))
    ]
    edges = [
        {
            "data": {
                "id": f"{s} -> {t}",
                "source": s,
                "target": t,
                "function": d["function"],
                "functions": d["functions"],
                "paragraphs": d["paragraphs"],
                "notes": d["notes"],
            }
        }
        for s, t, d in sorted(graph.edges(data=True))
    ]
    return {"elements": {"nodes": nodes, "edges": edges}}


def _flat(graph: nx.DiGraph) -> nx.DiGraph:
    """Attributes as scalars, as GraphML and GEXF need."""
    flat = nx.DiGraph()
    for n, d in graph.nodes(data=True):
        flat.add_node(n, **{k: v if not isinstance(v, list) else "; ".join(v) for k, v in d.items()})
    for s, t, d in graph.edges(data=True):
        flat.add_edge(s, t, **{k: v if not isinstance(v, list) else "; ".join(v) for k, v in d.items()})
    return flat


def graphml(graph: nx.DiGraph) -> bytes:
    out = BytesIO()
    nx.write_graphml(_flat(graph), out)
    return out.getvalue()


def gexf(graph: nx.DiGraph) -> bytes:
    out = BytesIO()
    nx.write_gexf(_flat(graph), out)
    return out.getvalue()


def _dot_id(text: str) -> str:
    """A DOT string; a line break becomes DOT's backslash-n escape."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def dot(graph: nx.DiGraph) -> str:
    """Graphviz DOT, time left to right."""
    lines = ["digraph citations {", "  rankdir=RL;", '  node [shape=box, fontname="Helvetica", fontsize=10];']
    for n, d in sorted(graph.nodes(data=True)):
        label = d["symbol"] + (f"\n{d['date']}" if d["date"] else "")
        shape = {"treaty": "hexagon", "document": "note"}.get(d["kind"], "box")
        lines.append(f"  {_dot_id(n)} [label={_dot_id(label)}, shape={shape}];")
    for s, t, d in sorted(graph.edges(data=True)):
        lines.append(f"  {_dot_id(s)} -> {_dot_id(t)} [label={_dot_id(d['function'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(graph: nx.DiGraph) -> bytes:
    if not shutil.which("dot"):
        raise ChainError("SVG needs Graphviz's 'dot' (Debian package graphviz; 'make install' installs it)")
    return subprocess.run(["dot", "-Tsvg"], input=dot(graph).encode(), capture_output=True, check=True).stdout


def text_tree(graph: nx.DiGraph, root: str, direction: Direction, depth: int) -> str:
    """A readable tree, breadth first: each citation with its functions, each node with its date;
    a node already shown is not expanded again."""

    def label(node: str) -> str:
        d = graph.nodes[node]
        return " ".join(part for part in (d["symbol"], d["date"], f"· {d['title']}" if d["title"] else "") if part)

    lines = [label(root)]
    levels = {root: 0}
    for forward in (False, True):
        if direction == ("forward" if not forward else "back"):
            continue
        frontier = [root]
        for level in range(1, depth + 1):
            for node in frontier:
                for child in sorted(graph.predecessors(node) if forward else graph.successors(node)):
                    levels.setdefault(child, level)
            frontier = [n for n, lv in levels.items() if lv == level]

    def children(node: str, forward: bool) -> list[tuple[str, bool]]:
        found = graph.predecessors(node) if forward else graph.successors(node)
        near = [c for c in found if levels.get(c, 0) == levels[node] + 1]
        return [(c, forward) for c in sorted(near, key=lambda n: graph.nodes[n]["date"], reverse=True)]

    def walk(branches: list[tuple[str, bool]], parent: str, prefix: str, shown: set[str]) -> None:
        for index, (child, forward) in enumerate(branches):
            last = index == len(branches) - 1
            edge = graph.edges[child, parent] if forward else graph.edges[parent, child]
            verb = ("cited by: " if forward else "") + ", ".join(edge["functions"])
            repeated = child in shown
            lines.append(
                f"{prefix}{'└── ' if last else '├── '}{verb}: {label(child)}{' (see above)' if repeated else ''}"
            )
            shown.add(child)
            if not repeated:
                walk(children(child, forward), child, prefix + ("    " if last else "│   "), shown)

    roots = (children(root, False) if direction != "forward" else []) + (
        children(root, True) if direction != "back" else []
    )
    walk(roots, root, "", {root})
    return "\n".join(lines) + "\n"


# --- answering chain requests in the query workers ---------------------------------


@dataclass(frozen=True)
class ChainJob:
    start: str  # a symbol or an IRI
    target: str | None = None
    depth: int = 3
    direction: Direction = "back"
    format: str = "json"
    bound: int = 6


EXPORTS: dict[str, str] = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "svg": "image/svg+xml",
}


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
        return 200, EXPORTS[job.format], writers[job.format]()
    except ChainError as error:
        return 404, "text/plain; charset=utf-8", f"{error}\n".encode()
