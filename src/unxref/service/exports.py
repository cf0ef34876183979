"""What other repositories pull in: the dump, one graph (Graph Store Protocol), the citation
network as one file, OpenCitations-style citation lists, and a feed of what was ingested.

Everything here reads the service's read-only store and runs off the event loop.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph

from unxref.rdf.iris import Iris
from unxref.remote import Engine
from unxref.service.pages import term
from unxref.vocab import SHOWN_PREFIXES, sparql_prologue

if TYPE_CHECKING:
    import networkx as nx

CITATION_COLUMNS = (
    "citation",
    "citing",
    "citing_iri",
    "cited",
    "cited_iri",
    "creation",
    "function",
    "paragraph",
    "note",
)


@dataclass(frozen=True)
class DumpFile:
    path: Path
    sha256: bytes

    @property
    def digest_header(self) -> str:
        """RFC 9530 ``Repr-Digest``."""
        return f"sha-256=:{base64.b64encode(self.sha256).decode()}:"


class Dumps:
    """The store's N-Quads dump, written once by pyoxigraph (`Store.dump`) and then served as a file."""

    def __init__(self, store: Engine) -> None:
        self.store = store
        self.folder = Path(tempfile.mkdtemp(prefix="unxref-dump-"))

    @cached_property
    def nquads(self) -> DumpFile:
        path = self.folder / "unxref.nq"
        with path.open("wb") as output:
            self.store.dump(output, pyoxigraph.RdfFormat.N_QUADS)
        digest = hashlib.sha256()
        with path.open("rb") as written:
            for chunk in iter(lambda: written.read(1 << 20), b""):
                digest.update(chunk)
        return DumpFile(path, digest.digest())


def graph_triples(store: Engine, graph: str, fmt: pyoxigraph.RdfFormat) -> bytes:
    """One named graph, written by pyoxigraph (Graph Store Protocol GET)."""
    return store.dump(format=fmt, from_graph=pyoxigraph.NamedNode(graph), prefixes=SHOWN_PREFIXES) or b""


def _rows(store: Engine, query: str) -> list[dict[str, str]]:
    solutions = store.query(sparql_prologue() + query, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None} for row in solutions]


_CITATION_ROW = """
  ?c a unx:Citation ; oa:hasSource ?citing ; cito:hasCitedEntity ?cited ; cito:hasCitingEntity ?part ; unx:function ?f .
  ?f skos:notation ?function . ?citing dcterms:identifier ?citingSymbol .
  OPTIONAL { ?citing unx:adoptionDate ?creation }
  OPTIONAL { ?cited dcterms:identifier ?citedId } OPTIONAL { ?cited skos:prefLabel ?citedName FILTER (lang(?citedName) = "en") }
  OPTIONAL { ?c unx:footnote ?note }
"""


def citations(store: Engine, cited: str | None = None, citing: str | None = None) -> list[dict[str, str]]:
    """One row per citation (OpenCitations' fields, and unxref's paragraph, function and note):
    every citation of the store, those of a cited resource, or those a resource makes."""
    bound = (f"VALUES ?cited {{ {term(cited)} }}" if cited else "") + (
        f"VALUES ?citing {{ {term(citing)} }}" if citing else ""
    )
    rows = _rows(
        store,
        f"""SELECT ?c ?citing ?citingSymbol ?cited ?citedId ?citedName ?creation ?function ?part ?note
        WHERE {{ {bound} {_CITATION_ROW} }} ORDER BY ?citingSymbol ?part ?c""",
    )
    return [
        {
            "citation": row["c"],
            "citing": row["citingSymbol"],
            "citing_iri": row["citing"],
            "cited": row.get("citedId") or row.get("citedName") or row["cited"],
            "cited_iri": row["cited"],
            "creation": row.get("creation", ""),
            "function": row["function"],
            "paragraph": row["part"].rsplit("#", 1)[-1],
            "note": row["note"].rsplit("#note-", 1)[-1] if "note" in row else "",
        }
        for row in rows
    ]


def citation_count(store: Engine, cited: str) -> int:
    rows = _rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a unx:Citation ; cito:hasCitedEntity {term(cited)} }}")
    return int(rows[0]["n"])


def as_csv(rows: list[dict[str, str]], columns: tuple[str, ...] = CITATION_COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def network(store: Engine) -> nx.MultiDiGraph:
    """The whole citation network: a node per resource (its symbol or name as label), an edge per citation."""
    import networkx as nx  # only for a network dump: not in every web process

    graph = nx.MultiDiGraph()
    for row in citations(store):
        graph.add_node(row["citing_iri"], label=row["citing"])
        graph.add_node(row["cited_iri"], label=row["cited"])
        graph.add_edge(
            row["citing_iri"],
            row["cited_iri"],
            key=row["citation"],
            function=row["function"],
            paragraph=row["paragraph"],
            note=row["note"],
        )
    return graph


def graphml(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue()


def gexf(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    nx.write_gexf(graph, out)
    return out.getvalue()


def cytoscape(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape JSON as networkx writes it (``networkx.cytoscape_graph`` reads it back)."""
    import networkx as nx

    data: dict[str, Any] = nx.cytoscape_data(graph)
    return data


@dataclass(frozen=True)
class Entry:
    iri: str
    symbol: str
    title: str
    date: str
    updated: str
    citations: int


FEED_PAGE = 50


def feed_entries(store: Engine, page: int) -> tuple[list[Entry], bool]:
    """Documents by the time they were last ingested, newest first; True when there are more."""
    graphs = _rows(
        store,
        f"""SELECT ?graph ?time WHERE {{ ?graph prov:wasGeneratedBy ?activity . ?activity prov:endedAtTime ?time }}
        ORDER BY DESC(?time) ?graph LIMIT {FEED_PAGE + 1} OFFSET {(page - 1) * FEED_PAGE}""",
    )
    iris = Iris.configured()
    documents = {iris.base + r["graph"].removeprefix(iris.base + "graph/"): r["time"] for r in graphs[:FEED_PAGE]}
    if not documents:
        return [], False
    facts = {
        r["doc"]: r
        for r in _rows(
            store,
            f"""SELECT ?doc ?symbol ?title ?date (COUNT(?c) AS ?n) WHERE {{
              VALUES ?doc {{ {" ".join(term(d) for d in documents)} }} ?doc dcterms:identifier ?symbol .
              OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc unx:adoptionDate ?date }}
              OPTIONAL {{ ?c oa:hasSource ?doc ; a unx:Citation }} }} GROUP BY ?doc ?symbol ?title ?date""",
        )
    }
    entries = [
        Entry(doc, f["symbol"], f.get("title", ""), f.get("date", ""), time, int(f["n"]))
        for doc, time in documents.items()
        if (f := facts.get(doc))
    ]
    return entries, len(graphs) > FEED_PAGE


def atom(entries: list[Entry], root: str, page: int, more: bool) -> bytes:
    """An Atom feed (RFC 4287), paged as RFC 5005 says."""
    iris = Iris.configured()
    updated = entries[0].updated if entries else "1970-01-01T00:00:00Z"
    links = [
        f'<link rel="self" href={quoteattr(f"{root}/feed?page={page}")}/>',
        f'<link rel="first" href={quoteattr(root + "/feed")}/>',
    ]
    if more:
        links.append(f'<link rel="next" href={quoteattr(f"{root}/feed?page={page + 1}")}/>')
    if page > 1:
        links.append(f'<link rel="previous" href={quoteattr(f"{root}/feed?page={page - 1}")}/>')
    items = []
    for entry in entries:
        summary = (
            f"{entry.symbol}" + (f", adopted {entry.date}" if entry.date else "") + f": {entry.citations} citations."
        )
        items.append(
            "<entry>"
            f"<id>{escape(entry.iri)}</id><title>{escape(entry.symbol + (' · ' + entry.title if entry.title else ''))}</title>"
            f"<updated>{escape(_atom_time(entry.updated))}</updated>"
            f'<link rel="alternate" type="text/html" href={quoteattr(root + iris.page(entry.iri))}/>'
            f"<summary>{escape(summary)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>{escape(root)}/feed</id><title>unxref: resolutions ingested</title>"
        f"<updated>{escape(_atom_time(updated))}</updated><author><name>unxref</name></author>"
        + "".join(links)
        + "".join(items)
        + "</feed>\n"
    ).encode()


def _atom_time(value: str) -> str:
    """An xsd:dateTime as Atom wants it: with a time zone."""
    return value if value.endswith("Z") or "+" in value[10:] else value + "Z"
