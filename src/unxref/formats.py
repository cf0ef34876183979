"""Every format unxref reads or writes, in one registry built on pyoxigraph's own
`RdfFormat` and `QueryResultsFormat`; content negotiation, file suffixes, the CLI's
``--format`` choices and the service description all derive from it.

>>> by_key(GRAPHS, "ttl").media_type
'text/turtle'
>>> by_suffix(".jsonld").key
'jsonld'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

from unxref.vocab import FORMATS


@dataclass(frozen=True)
class Format:
    key: str  # the value of ``format=`` and ``--format``
    media_type: str
    aliases: tuple[str, ...] = ()  # other media types that mean it in Accept
    names: tuple[str, ...] = ()  # other values of ``format=`` that mean it
    suffixes: tuple[str, ...] = ()  # file suffixes, the usual one first
    rdf: pyoxigraph.RdfFormat | None = None
    results: pyoxigraph.QueryResultsFormat | None = None
    w3c: str | None = None  # its IRI under http://www.w3.org/ns/formats/

    @property
    def suffix(self) -> str:
        return self.suffixes[0] if self.suffixes else ""


RESULTS = (
    Format(
        "json",
        "application/sparql-results+json",
        ("application/json",),
        suffixes=(".srj",),
        results=pyoxigraph.QueryResultsFormat.JSON,
        w3c=FORMATS.iri("SPARQL_Results_JSON"),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        ("application/xml", "text/xml"),
        suffixes=(".srx",),
        results=pyoxigraph.QueryResultsFormat.XML,
        w3c=FORMATS.iri("SPARQL_Results_XML"),
    ),
    Format(
        "csv",
        "text/csv",
        suffixes=(".csv",),
        results=pyoxigraph.QueryResultsFormat.CSV,
        w3c=FORMATS.iri("SPARQL_Results_CSV"),
    ),
    Format(
        "tsv",
        "text/tab-separated-values",
        suffixes=(".tsv",),
        results=pyoxigraph.QueryResultsFormat.TSV,
        w3c=FORMATS.iri("SPARQL_Results_TSV"),
    ),
)
GRAPHS = (
    Format(
        "ttl",
        "text/turtle",
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),  # Turtle is N3
        ("turtle", "n3"),
        (".ttl",),
        pyoxigraph.RdfFormat.TURTLE,
        w3c=FORMATS.iri("Turtle"),
    ),
    Format(
        "nt",
        "application/n-triples",
        ("text/plain",),
        ("ntriples", "n-triples"),
        (".nt",),
        pyoxigraph.RdfFormat.N_TRIPLES,
        w3c=FORMATS.iri("N-Triples"),
    ),
    Format(
        "jsonld",
        "application/ld+json",
        ("application/json",),
        ("json-ld", "json"),
        (".jsonld", ".json"),
        pyoxigraph.RdfFormat.JSON_LD,
        w3c=FORMATS.iri("JSON-LD"),
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        ("application/xml", "text/xml"),
        ("xml", "rdf"),
        (".rdf", ".owl", ".xml"),
        pyoxigraph.RdfFormat.RDF_XML,
        w3c=FORMATS.iri("RDF_XML"),
    ),
    Format(
        "nq",
        "application/n-quads",
        (),
        ("nquads", "n-quads"),
        (".nq",),
        pyoxigraph.RdfFormat.N_QUADS,
        w3c=FORMATS.iri("N-Quads"),
    ),
    Format("trig", "application/trig", suffixes=(".trig",), rdf=pyoxigraph.RdfFormat.TRIG, w3c=FORMATS.iri("TriG")),
)
HTML = Format("html", "text/html", suffixes=(".html",))  # not application/xhtml+xml: "application/*" asks for data
# A resource page: HTML for people, or its RDF in the formats that hold one graph.
PAGES = (HTML, *GRAPHS[:4])
# Citation chains: Cytoscape.js JSON and the graph formats of networkx and Graphviz.
CHAINS = (
    Format("json", "application/json", suffixes=(".json",)),
    Format("graphml", "application/graphml+xml", suffixes=(".graphml",)),
    Format("gexf", "application/gexf+xml", suffixes=(".gexf",)),
    Format("dot", "text/vnd.graphviz", suffixes=(".dot",)),
    Format("svg", "image/svg+xml", suffixes=(".svg",)),
)


def by_key(group: tuple[Format, ...], key: str) -> Format:
    """The format of a group with this key; KeyError if none."""
    for candidate in group:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def keys(group: tuple[Format, ...]) -> list[str]:
    return [f.key for f in group]


def by_suffix(suffix: str) -> Format | None:
    """The RDF format a file suffix names (``.ttl``, ``.jsonld``, ``.owl`` ...)."""
    return next((f for f in GRAPHS if suffix.lower() in f.suffixes), None)


def with_charset(media_type: str) -> str:
    """Text types are sent with their charset, UTF-8."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
