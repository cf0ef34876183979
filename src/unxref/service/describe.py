"""The dataset described: the SPARQL service description, and VoID and DCAT."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

from unxref.config import base
from unxref.formats import GRAPHS, RESULTS, Format
from unxref.vocab import DCAT, DCTERMS, ONTOLOGY_IRI, RDF, RDFS, SD, UNX, VOID, XSD


def _iri(value: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(value)


def _text(value: str, datatype: str | None = None) -> pyoxigraph.Literal:
    """English text, or a typed literal."""
    if datatype is None:
        return pyoxigraph.Literal(value, language="en")
    return pyoxigraph.Literal(value, datatype=_iri(datatype))


def _count(value: int) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(str(value), datatype=_iri(XSD.integer))


def service_description(graphs: tuple[pyoxigraph.NamedNode, ...], endpoint: str, fmt: Format) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint, listing its named graphs."""
    service = _iri(endpoint)
    dataset = _iri(endpoint + "#dataset")
    default = _iri(endpoint + "#default-graph")
    rdf_type = _iri(RDF.type)
    triples = [
        pyoxigraph.Triple(service, rdf_type, _iri(SD.Service)),
        pyoxigraph.Triple(service, _iri(SD.endpoint), service),
        pyoxigraph.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL10Query)),
        pyoxigraph.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Query)),
        pyoxigraph.Triple(service, _iri(SD.feature), _iri(SD.UnionDefaultGraph)),
        pyoxigraph.Triple(service, _iri(SD.defaultDataset), dataset),
        pyoxigraph.Triple(dataset, rdf_type, _iri(SD.Dataset)),
        pyoxigraph.Triple(dataset, _iri(SD.defaultGraph), default),
        pyoxigraph.Triple(default, rdf_type, _iri(SD.Graph)),
        pyoxigraph.Triple(
            default,
            _iri(RDFS.comment),
            _text(
                "The default graph is the union of all named graphs: every document graph, its provenance, the authority records and the ontology."
            ),
        ),
    ]
    for known in (*RESULTS, *GRAPHS):
        assert known.w3c
        triples.append(pyoxigraph.Triple(service, _iri(SD.resultFormat), _iri(known.w3c)))
    for index, name in enumerate(graphs):
        node = _iri(f"{endpoint}#named-graph-{index + 1}")
        triples += [
            pyoxigraph.Triple(dataset, _iri(SD.namedGraph), node),
            pyoxigraph.Triple(node, rdf_type, _iri(SD.NamedGraph)),
            pyoxigraph.Triple(node, _iri(SD.name), name),
        ]
    return pyoxigraph.serialize(triples, format=fmt.rdf) or b""


@dataclass(frozen=True)
class Statistics:
    triples: int
    subjects: int
    documents: int


def statistics(store: pyoxigraph.Store) -> Statistics:
    solutions = store.query(
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    counts = next(solutions)
    documents = sum(1 for _ in store.quads_for_pattern(None, _iri(UNX.inCorpus), None, None))
    return Statistics(int(counts[0].value), int(counts[1].value), documents)


def void(statistics: Statistics, root: str, fmt: Format) -> bytes:
    """VoID and DCAT: what the dataset holds and where to get it."""
    dataset = _iri(root + "/void#unxref")
    rdf_type = _iri(RDF.type)
    dump_dist = _iri(root + "/void#dump")
    triples = [
        pyoxigraph.Triple(dataset, rdf_type, _iri(VOID.Dataset)),
        pyoxigraph.Triple(dataset, rdf_type, _iri(DCAT.Dataset)),
        pyoxigraph.Triple(
            dataset, _iri(DCTERMS.title), _text("unxref: cross-references of United Nations resolutions")
        ),
        pyoxigraph.Triple(
            dataset,
            _iri(DCTERMS.description),
            _text(
                "Resolutions, the resolutions, documents and treaties they cite, the paragraphs that cite them and with what function."
            ),
        ),
        pyoxigraph.Triple(dataset, _iri(VOID.sparqlEndpoint), _iri(root + "/sparql")),
        pyoxigraph.Triple(dataset, _iri(VOID.dataDump), _iri(root + "/dump")),
        pyoxigraph.Triple(dataset, _iri(VOID.uriSpace), _text(base(), XSD.string)),
        pyoxigraph.Triple(dataset, _iri(VOID.vocabulary), _iri(str(UNX))),
        pyoxigraph.Triple(dataset, _iri(VOID.triples), _count(statistics.triples)),
        pyoxigraph.Triple(dataset, _iri(VOID.distinctSubjects), _count(statistics.subjects)),
        pyoxigraph.Triple(dataset, _iri(VOID.documents), _count(statistics.documents)),
        pyoxigraph.Triple(dataset, _iri(DCAT.distribution), dump_dist),
        pyoxigraph.Triple(dump_dist, rdf_type, _iri(DCAT.Distribution)),
        pyoxigraph.Triple(dump_dist, _iri(DCAT.downloadURL), _iri(root + "/dump")),
        pyoxigraph.Triple(dump_dist, _iri(DCAT.mediaType), _text("application/n-quads", XSD.string)),
        pyoxigraph.Triple(dataset, _iri(DCTERMS.conformsTo), _iri(ONTOLOGY_IRI)),
    ]
    return pyoxigraph.serialize(triples, format=fmt.rdf) or b""
