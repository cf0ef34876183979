"""The citation graph of the store, read with plain SPARQL into networkx, and cached.

The graph is read with plain SPARQL (no property paths, so any engine can
answer, even one that cannot evaluate ``cites+`` at scale): a node for every
resolution, and for every document and treaty a resolution cites; an edge from
citing to cited, carrying the functions, paragraphs and footnotes of its
citations. It is built once per store state and kept on disk for the next start
and the next query worker.

The graph is held compactly: every string is interned (an IRI, a paragraph id, a
function is one object however many edges name it) and an edge's lists are tuples.
At 5.4M triples (39,767 nodes, 108,409 edges) that is 51 MB in memory instead of
124 MB, and 0.66 s to load instead of 1.14 s.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph

from unxref.config import cache_dir
from unxref.rdf.iris import Iris
from unxref.remote import Endpoint, Engine
from unxref.un.symbols import SymbolError, normalize
from unxref.vocab import sparql_prologue

if TYPE_CHECKING:
    from unxref.location import Location

# One small DISTINCT query per attribute: the default graph is the union of the
# document graphs, in which a cited resolution is described once per citing document.
NODE_FACTS = {
    "kind": """SELECT DISTINCT ?node ?value WHERE {
      ?node a ?type . FILTER (?type IN (unx:Resolution, unx:Document, unx:Treaty))
      BIND (IF(?type = unx:Resolution, "resolution", IF(?type = unx:Document, "document", "treaty")) AS ?value) }""",
    "symbol": "SELECT DISTINCT ?node ?value WHERE { ?node dcterms:identifier ?value }",
    "name": 'SELECT DISTINCT ?node ?value WHERE { ?node a unx:Treaty ; skos:prefLabel ?value FILTER (lang(?value) = "en") }',
    "short": 'SELECT DISTINCT ?node ?value WHERE { ?node a unx:Treaty ; skos:altLabel ?value FILTER (lang(?value) = "en") }',
    "date": "SELECT DISTINCT ?node ?value WHERE { ?node unx:adoptionDate ?value }",
    "title": "SELECT DISTINCT ?node ?value WHERE { ?node dcterms:title ?value }",
    "body": "SELECT DISTINCT ?node ?value WHERE { ?node unx:adoptedBy ?adopter . ?adopter skos:notation ?value }",
    "in_corpus": "SELECT DISTINCT ?node ?value WHERE { ?node unx:inCorpus ?value }",
}
# Citations: single-pattern queries joined here, by citation IRI (joins of 372,000
# citations took the engine 28 s; three single patterns take 10). A citing paragraph is
# a fragment of its document's IRI (``…/A/RES/62/176#PP1``), which gives the document.
# In this order: the cited entity first, as every citation has one.
CITATION_FACTS = {
    "cited": "SELECT ?citation ?value WHERE { ?citation cito:hasCitedEntity ?value }",
    "paragraph": "SELECT ?citation ?value WHERE { ?citation cito:hasCitingEntity ?value }",
    "function": "SELECT ?citation ?value WHERE { ?citation unx:function ?value }",
    "note": "SELECT ?citation ?value WHERE { ?citation unx:footnote ?footnote . ?footnote unx:noteNumber ?value }",
}


GRAPH_FORMAT = 3  # in the cache's file names: a graph cached by an earlier unxref is built again


class ChainError(ValueError):
    """A symbol the graph does not know, or a request that cannot be answered."""


def _pairs(store: Engine, query: str) -> Iterable[tuple[str, str]]:
    """The rows of a query of two variables, as pairs of strings."""
    solutions = store.query(sparql_prologue() + query, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    for key, value in solutions:
        yield key.value, value.value


def citation_graph(store: Engine) -> nx.DiGraph:
    """The citation graph: nodes keyed by IRI, edges from citing to cited."""
    graph = nx.DiGraph()
    _add_nodes(graph, store)
    for citation in _citations(store):
        cited, paragraph_iri, function, note = citation
        citing, _, paragraph = paragraph_iri.partition("#")
        if cited not in graph or citing not in graph or not function:
            continue
        data = graph.get_edge_data(citing, cited) or {"cited_in": []}
        data["cited_in"].append((paragraph_order(paragraph), intern(paragraph), function, note))
        graph.add_edge(intern(citing), cited, **data)
    for _, _, data in graph.edges(data=True):
        cited_in = sorted(data.pop("cited_in"), key=lambda c: (c[0], c[3] or ""))
        data["paragraphs"] = tuple(dict.fromkeys(c[1] for c in cited_in))
        data["functions"] = tuple(dict.fromkeys(c[2] for c in cited_in))
        data["notes"] = tuple(dict.fromkeys(c[3] for c in cited_in if c[3]))
        data["function"] = data["functions"][0]
    return graph


def _add_nodes(graph: nx.DiGraph, store: Engine) -> None:
    """A node for every resolution, document and treaty, with what the store says of it."""
    facts: dict[str, dict[str, str]] = {}
    for name, query in NODE_FACTS.items():
        for node, value in _pairs(store, query):
            known = facts.setdefault(node, {})
            if name == "short":  # the shortest of a treaty's other names labels it in a chain
                known[name] = min(known.get(name, value), value, key=lambda v: (len(v), v))
            else:
                known.setdefault(name, value)
    for node, known in facts.items():
        if "kind" not in known:
            continue
        graph.add_node(
            intern(node),
            kind=intern(known["kind"]),
            symbol=known.get("name") or known.get("symbol") or node.rsplit("/", 1)[-1],
            short=known.get("short", ""),
            date=intern(known.get("date", "")),
            title=known.get("title", ""),
            body=intern(known.get("body", "")),
            in_corpus=known.get("in_corpus") == "true",
        )


def _citations(store: Engine) -> Iterable[list[str]]:
    """Each citation as [cited, citing paragraph, function, note number], the strings that
    many citations share interned (at 50,000 documents, 340,000 citations held in 112 MB
    instead of 200; bench/RESULTS.md)."""
    citations: dict[str, list[str]] = {}
    for slot, query in enumerate(CITATION_FACTS.values()):
        for citation, value in _pairs(store, query):
            if slot == 0:
                citations[citation] = [intern(value), "", "", ""]
            elif citation in citations:
                citations[citation][slot] = value if slot == 1 else intern(value.rsplit("/", 1)[-1])
    return citations.values()


def paragraph_order(paragraph: str) -> tuple[int, int]:
    """PP1 < PP2 < OP1 < ANNEX-1: the order paragraphs are printed in."""
    kind, number = re.match(r"([A-Z]+)-?(\d*)", paragraph).groups()  # type: ignore[union-attr]
    return {"PP": 0, "OP": 1}.get(kind, 2), int(number or 0)


def _fingerprint(location: Location) -> tuple[str, str]:
    """The store, and something that changes whenever it changes: on disk, the newest file's
    time (RocksDB writes new files); of a remote store, when it was last published."""
    if isinstance(location, Endpoint):
        return location.query, location.state.replace(":", "")
    newest = max((entry.stat().st_mtime_ns for entry in os.scandir(location)), default=0)
    return str(location.resolve()), str(newest)


def _cache_file(name: str, state: str) -> Path:
    root = cache_dir() / "chains"
    return root / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}-{state}-v{GRAPH_FORMAT}.pickle"


@lru_cache(maxsize=4)
def _cached_graph(name: str, state: str, location: Location) -> nx.DiGraph:
    """Built once per store state, and kept on disk so that the next start of the server
    (or a chain worker replaced after a timeout) loads it instead of building it again."""
    cache = _cache_file(name, state)
    with contextlib.suppress(FileNotFoundError):  # absent, or pruned by another process meanwhile
        with cache.open("rb") as file:
            graph: nx.DiGraph = pickle.load(file)
        with contextlib.suppress(OSError):  # a cache another user shares may be read-only
            os.utime(cache)  # used: the last to go when the cache is pruned
        return graph
    from unxref.location import open_read

    graph = citation_graph(open_read(location))
    _save(cache, graph)
    return graph


def keep(location: Location, graph: nx.DiGraph) -> None:
    """Keep on disk, as the citation graph of ``location`` (a snapshot just published), a graph
    built from the store it was taken from (`unxref.store.Store.compact`)."""
    _save(_cache_file(*_fingerprint(location)), graph)


def _save(cache: Path, graph: nx.DiGraph) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.partial")
    with partial.open("wb") as file:
        pickle.dump(graph, file, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    for stale in cache.parent.glob(cache.name.split("-")[0] + "-*.pickle"):  # earlier states of this store
        if stale != cache:
            stale.unlink(missing_ok=True)
    _prune(cache.parent)


CACHED_GRAPHS = 8  # the citation graphs kept on disk, the most recently used: snapshots and stores come and go


def _prune(folder: Path) -> None:
    """Keep the graphs of the stores used last; those of snapshots replaced, stores deleted or
    test runs go (a graph is rebuilt from its store if it is needed again)."""
    kept = sorted(folder.glob("*.pickle"), key=_last_used, reverse=True)
    for old in kept[CACHED_GRAPHS:]:
        old.unlink(missing_ok=True)


def _last_used(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # pruned by another process
        return 0


def graph_for(location: Location) -> nx.DiGraph:
    """The citation graph of the store (a snapshot folder, or a remote store at a published
    state), rebuilt only when the store changed."""
    return _cached_graph(*_fingerprint(location), location)


def find_node(graph: nx.DiGraph, symbol: str) -> str:
    """The node of a symbol ("S/RES/598 (1987)"), a path under the base ("treaty/un-charter"),
    a treaty key ("un-charter") or an IRI."""
    iris = Iris.configured()
    candidates = [symbol, iris.base + symbol]
    if " " not in symbol:  # a treaty key has none ("un-charter"); a symbol may ("S/RES/186 (1964)")
        candidates.append(iris.treaty(symbol))
    with contextlib.suppress(SymbolError):
        candidates.insert(1, iris.resource(normalize(symbol)))
    found = next((iri for iri in candidates if iri in graph), None)
    if found is None:
        raise ChainError(f"{symbol!r} is not in the citation graph")
    return found
