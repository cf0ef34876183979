"""The vocabularies unxref writes and reads, and their prefixes, defined once.

Each namespace is an rdflib `Namespace` (a ``str``), so ``UNX.Resolution`` is an rdflib
term and ``pyoxigraph.NamedNode(UNX.Resolution)`` the engine's. `PREFIXES` are the
prefixes graphs are written with (rdflib ``bind``, pyoxigraph ``prefixes=``), and
`sparql_prologue` the same as SPARQL ``PREFIX`` lines.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

UNX = Namespace("https://w3id.org/unxref/ontology#")
FN = Namespace("https://w3id.org/unxref/ontology/function/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
ONTOLOGY_IRI = "https://w3id.org/unxref/ontology"

# The prefixes every graph unxref writes is bound with, in this order.
PREFIXES: dict[str, str] = {
    prefix: str(namespace)
    for prefix, namespace in (
        ("unx", UNX),
        ("fn", FN),
        ("eli", ELI),
        ("cito", CITO),
        ("oa", OA),
        ("dcterms", DCTERMS),
        ("skos", SKOS),
        ("prov", PROV),
        ("owl", OWL),
        ("xsd", XSD),
    )
}
# What queries may use on top of them.
QUERY_PREFIXES: dict[str, str] = {**PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS)}
# What the service writes and shows descriptions with (Turtle prefixes, page tables).
SHOWN_PREFIXES: dict[str, str] = {
    **QUERY_PREFIXES,
    "void": str(VOID),
    "dcat": str(DCAT),
    "sd": str(SD),
    "foaf": "http://xmlns.com/foaf/0.1/",
    "formats": str(FORMATS),
    "sh": str(SH),
    "doco": "http://purl.org/spar/doco/",
    "org": "http://www.w3.org/ns/org#",
}

__all__ = [
    "CITO",
    "DCAT",
    "DCTERMS",
    "ELI",
    "FN",
    "FORMATS",
    "OA",
    "ONTOLOGY_IRI",
    "OWL",
    "PREFIXES",
    "PROV",
    "QUERY_PREFIXES",
    "RDF",
    "RDFS",
    "SD",
    "SH",
    "SHOWN_PREFIXES",
    "SKOS",
    "SPARQL_RESULTS",
    "UNX",
    "VOID",
    "XSD",
    "bind",
    "sparql_prologue",
]


def bind(graph: Graph) -> Graph:
    """The graph, with unxref's prefixes bound."""
    for prefix, namespace in QUERY_PREFIXES.items():  # rdf: too, which RDF/XML needs
        graph.bind(prefix, namespace)
    return graph


def sparql_prologue() -> str:
    """``PREFIX`` lines for every prefix queries may use."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in QUERY_PREFIXES.items())
