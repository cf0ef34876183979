"""The vocabularies unxref writes and reads, and their prefixes, defined once.

Each namespace is a `Namespace` (a ``str``), so ``UNX.Resolution`` is an rdflib term (for the
graph builder) and ``pyoxigraph.NamedNode(UNX.iri("Resolution"))`` the engine's, made without
rdflib. `PREFIXES` are the prefixes graphs
are written with (rdflib ``bind``, pyoxigraph ``prefixes=``), and `sparql_prologue` the
same as SPARQL ``PREFIX`` lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph, URIRef


_TERMS: dict[str, URIRef] = {}  # each made once: graph building asks for the same ones thousands of times


class Namespace(str):
    """An IRI prefix whose attributes and items are rdflib terms (``DCTERMS.title``), as with
    rdflib's own namespaces; every attribute is a term, even one named as a ``str`` method.

    rdflib is imported when a first term is asked for, not with this module: the web
    service and its query workers read these IRIs as text (`iri`), without loading it. A
    type checker sees a ``str`` method where a term shares its name; ``DCTERMS["title"]``
    is then the term, typed as one.

    >>> DCTERMS.title
    rdflib.term.URIRef('http://purl.org/dc/terms/title')
    >>> UNX["Resolution"] == UNX.Resolution
    True
    >>> UNX.iri("Resolution") == str(UNX.Resolution) == UNX + "Resolution"
    True
    """

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("_") or name in ("term", "iri"):
            return super().__getattribute__(name)
        return self.term(name)

    def __getitem__(self, name: str) -> URIRef:  # type: ignore[override]
        return self.term(name)

    def term(self, name: str) -> URIRef:
        iri = self + name
        known = _TERMS.get(iri)
        if known is None:
            from rdflib import URIRef

            known = _TERMS[iri] = URIRef(iri)
        return known

    def iri(self, name: str) -> str:
        """The IRI of a name, as text."""
        return self + name


class Names(str):
    """An IRI prefix whose attributes and items are IRIs as text (``Names(UNX).Paragraph``),
    for code that writes triples as plain values (`unxref.rdf.triples`), not rdflib terms.

    >>> Names(DCTERMS).title
    'http://purl.org/dc/terms/title'
    >>> type(Names(UNX)["text"])
    <class 'str'>
    """

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("_"):
            return super().__getattribute__(name)
        return str.__add__(self, name)

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return str.__add__(self, name)


# The standard vocabularies' namespaces, with the IRIs rdflib gives them.
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
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
    "Names",
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
