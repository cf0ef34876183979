"""The dataset described: the SPARQL service description, the list of its graphs, and VoID and DCAT.

Each is a list of pyoxigraph triples; `unxref.service.responses.rdf_response` writes
them in the format asked for, HTML for a browser.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pyoxigraph

from unxref.config import base
from unxref.formats import GRAPHS, RESULTS
from unxref.remote import Engine
from unxref.vocab import DCAT, DCTERMS, ONTOLOGY_IRI, PROV, RDF, RDFS, SD, UNX, VOID, XSD, Namespace

FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
FOAF_AGENT = "http://xmlns.com/foaf/0.1/Agent"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
# Who publishes the dataset and under which licence: the ontology's own by default.
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_PUBLISHER = "The unxref project"

Triple = pyoxigraph.Triple


def _iri(value: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(value)


def _term(namespace: Namespace, name: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(namespace.iri(name))


def _text(value: str, datatype: str | None = None) -> pyoxigraph.Literal:
    """English text, or a typed literal."""
    if datatype is None:
        return pyoxigraph.Literal(value, language="en")
    return pyoxigraph.Literal(value, datatype=_iri(datatype))


def _count(value: int) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(str(value), datatype=_term(XSD, "integer"))


def service_description(endpoint: str, graphs: int, graph_list: str) -> list[Triple]:
    """The SPARQL 1.1 Service Description of the endpoint; its named graphs are listed at ``graph_list``."""
    service = _iri(endpoint)
    dataset = _iri(endpoint + "#dataset")
    default = _iri(endpoint + "#default-graph")
    rdf_type = _term(RDF, "type")
    triples = [
        Triple(service, rdf_type, _term(SD, "Service")),
        Triple(service, _term(SD, "endpoint"), service),
        Triple(service, _term(SD, "supportedLanguage"), _term(SD, "SPARQL10Query")),
        Triple(service, _term(SD, "supportedLanguage"), _term(SD, "SPARQL11Query")),
        Triple(service, _term(SD, "feature"), _term(SD, "UnionDefaultGraph")),
        Triple(service, _term(SD, "defaultDataset"), dataset),
        Triple(dataset, rdf_type, _term(SD, "Dataset")),
        Triple(dataset, _term(SD, "defaultGraph"), default),
        Triple(dataset, _term(RDFS, "seeAlso"), _iri(graph_list)),
        Triple(dataset, _term(RDFS, "comment"), _text(f"{graphs} named graphs, listed at {graph_list}.")),
        Triple(default, rdf_type, _term(SD, "Graph")),
        Triple(
            default,
            _term(RDFS, "comment"),
            _text(
                "The default graph is the union of all named graphs: every document graph, its provenance, "
                "the records of what is only cited, the authority records and the ontology."
            ),
        ),
        Triple(service, _term(RDFS, "comment"), _text("Read-only: SPARQL Update is refused.")),
    ]
    for known in (*RESULTS, *GRAPHS):
        assert known.w3c
        triples.append(Triple(service, _term(SD, "resultFormat"), _iri(known.w3c)))
    return triples


def graph_list(endpoint: str, graphs: tuple[pyoxigraph.NamedNode, ...]) -> list[Triple]:
    """Every named graph of the dataset, as the service description's named graphs."""
    dataset = _iri(endpoint + "#dataset")
    triples = []
    for name in graphs:
        node = _iri(f"{endpoint}#graph-{name.value}")
        triples += [
            Triple(dataset, _term(SD, "namedGraph"), node),
            Triple(node, _term(RDF, "type"), _term(SD, "NamedGraph")),
            Triple(node, _term(SD, "name"), name),
        ]
    return triples


@dataclass(frozen=True)
class Statistics:
    triples: int  # distinct triples in the union of all graphs
    quads: int
    subjects: int
    documents: int
    issued: str | None  # the first and last ingest of a document graph (xsd:dateTime)
    modified: str | None


def statistics(store: Engine) -> Statistics:
    counts = _first_row(
        store,
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) "
        "WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    )
    times = _first_row(
        store,
        f"SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) WHERE {{ GRAPH ?g {{ ?a <{PROV.iri('endedAtTime')}> ?t }} }}",
    )
    documents = sum(1 for _ in store.quads_for_pattern(None, _term(UNX, "inCorpus"), None, None))
    return Statistics(
        triples=int(counts[0].value),
        quads=len(store),
        subjects=int(counts[1].value),
        documents=documents,
        issued=times[0].value if times[0] is not None else None,
        modified=times[1].value if times[1] is not None else None,
    )


def _first_row(store: Engine, query: str) -> pyoxigraph.QuerySolution:
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    row: pyoxigraph.QuerySolution = next(solutions)
    return row


def void(statistics: Statistics, root: str) -> list[Triple]:
    """VoID and DCAT: what the dataset holds, who publishes it under which licence, where to get it."""
    dataset = _iri(root + "/void#unxref")
    publisher = _iri(root + "/void#publisher")
    rdf_type = _term(RDF, "type")
    triples = [
        Triple(dataset, rdf_type, _term(VOID, "Dataset")),
        Triple(dataset, rdf_type, _term(DCAT, "Dataset")),
        Triple(dataset, _term(DCTERMS, "title"), _text("unxref: cross-references of United Nations resolutions")),
        Triple(
            dataset,
            _term(DCTERMS, "description"),
            _text(
                "Resolutions, the resolutions, documents and treaties they cite, the paragraphs "
                "that cite them and with what function."
            ),
        ),
        Triple(dataset, _term(DCTERMS, "license"), _iri(os.environ.get("UNXREF_LICENSE", DEFAULT_LICENSE))),
        Triple(dataset, _term(DCTERMS, "publisher"), publisher),
        Triple(publisher, rdf_type, _iri(FOAF_AGENT)),
        Triple(
            publisher, _iri(FOAF_NAME), _text(os.environ.get("UNXREF_PUBLISHER", DEFAULT_PUBLISHER), XSD.iri("string"))
        ),
        Triple(dataset, _term(VOID, "sparqlEndpoint"), _iri(root + "/sparql")),
        Triple(dataset, _term(VOID, "dataDump"), _iri(root + "/dump")),
        Triple(dataset, _term(VOID, "uriSpace"), _text(base(), XSD.iri("string"))),
        Triple(dataset, _term(VOID, "vocabulary"), _iri(str(UNX))),
        Triple(dataset, _term(VOID, "triples"), _count(statistics.triples)),
        Triple(dataset, _term(VOID, "distinctSubjects"), _count(statistics.subjects)),
        Triple(dataset, _term(VOID, "documents"), _count(statistics.documents)),
        Triple(dataset, _term(DCTERMS, "conformsTo"), _iri(ONTOLOGY_IRI)),
    ]
    for when, value in ((DCTERMS.iri("issued"), statistics.issued), (DCTERMS.iri("modified"), statistics.modified)):
        if value:
            triples.append(Triple(dataset, _iri(when), _text(value, XSD.iri("dateTime"))))
    for name, path, media_type, description in DISTRIBUTIONS:
        node = _iri(f"{root}/void#{name}")
        triples += [
            Triple(dataset, _term(DCAT, "distribution"), node),
            Triple(node, rdf_type, _term(DCAT, "Distribution")),
            Triple(node, _term(DCAT, "downloadURL"), _iri(root + path)),
            Triple(node, _term(DCTERMS, "description"), _text(description)),
        ]
        if media_type in IANA_REGISTERED:
            triples.append(Triple(node, _term(DCAT, "mediaType"), _iri(IANA_MEDIA_TYPES + media_type)))
        else:  # GraphML and GEXF have no registered media type: the format is named by its common one
            triples.append(Triple(node, _term(DCTERMS, "format"), _text(media_type, XSD.iri("string"))))
    return triples


DISTRIBUTIONS = (
    ("dump", "/dump", "application/n-quads", "Every quad of the store, N-Quads."),
    ("network-csv", "/network.csv", "text/csv", "The citation network: citing, cited, function, paragraph, note."),
    ("network-graphml", "/network.graphml", "application/graphml+xml", "The citation network, GraphML."),
    ("network-gexf", "/network.gexf", "application/gexf+xml", "The citation network, GEXF."),
)
# Checked in the IANA media types registry (https://www.iana.org/assignments/media-types/).
IANA_REGISTERED = frozenset({"application/n-quads", "text/csv"})
