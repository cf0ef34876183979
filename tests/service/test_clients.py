"""Real clients against the live server: SPARQLWrapper in every return format it offers and
every request mode, rdflib's SPARQLStore, and PyLD (expand, compact, normalise)."""

from __future__ import annotations

import json
import warnings
from typing import Any

import httpx
import pytest
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

SEED = "https://w3id.org/unxref/id/A/RES/62/176"
SELECT = f"SELECT ?cited WHERE {{ <{SEED}> <http://purl.org/spar/cito/cites> ?cited }} ORDER BY ?cited LIMIT 5"
ASK = f"ASK {{ <{SEED}> ?p ?o }}"
CONSTRUCT = f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}"
MODES = ["get", "post", "post-directly"]


def client(url: str, query: str, return_format: str, mode: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    if mode != "get":
        wrapper.setMethod(POST)
    if mode == "post-directly":
        wrapper.setRequestMethod(POSTDIRECTLY)
    return wrapper


def converted(wrapper: SPARQLWrapper) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Format requested was X, but Y has been returned" fails the test
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        return wrapper.query().convert()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("return_format", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_results_format(server_url: str, return_format: str, mode: str) -> None:
    result = converted(client(server_url, SELECT, return_format, mode))
    if return_format == JSON:
        assert len(result["results"]["bindings"]) == 5
    elif return_format == XML:
        assert len(result.getElementsByTagName("result")) == 5
    else:
        assert len(result.decode().strip().splitlines()) == 6


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("return_format", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask_in_every_results_format(server_url: str, return_format: str, mode: str) -> None:
    result = converted(client(server_url, ASK, return_format, mode))
    if return_format == JSON:
        assert result["boolean"] is True
    elif return_format == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result.decode().strip() == "true"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("return_format", [XML, RDFXML, TURTLE, N3, JSONLD])
def test_sparqlwrapper_construct_in_every_graph_format(server_url: str, return_format: str, mode: str) -> None:
    result = converted(client(server_url, CONSTRUCT, return_format, mode))
    if isinstance(result, bytes):  # Turtle and N3 come back unparsed
        result = Graph().parse(data=result.decode(), format="turtle")
    assert (URIRef(SEED), URIRef("http://purl.org/dc/terms/identifier"), None) in result


def test_rdflib_sparqlstore_reads_the_endpoint(server_url: str) -> None:
    graph = Graph(store=SPARQLStore(server_url + "/sparql", returnFormat="json"))
    assert len(list(graph.query(SELECT))) == 5
    assert graph.query(ASK).askAnswer is True
    graphs = Graph(store=SPARQLStore(server_url + "/sparql"))  # RDF/XML, its default for graphs
    assert len(graphs.query(CONSTRUCT).graph) > 3


@pytest.fixture(scope="module")
def seed_jsonld(server_url: str) -> dict[str, Any]:
    data: dict[str, Any] = httpx.get(server_url + "/id/A/RES/62/176.jsonld", timeout=60).json()
    return data


def _nquads(server_url: str) -> Graph:
    return Graph().parse(data=httpx.get(server_url + "/id/A/RES/62/176.nt", timeout=60).text, format="nt")


def test_pyld_expands_and_normalises_to_the_same_triples_as_n_triples(
    server_url: str, seed_jsonld: dict[str, Any]
) -> None:
    normalised = jsonld.normalize(seed_jsonld, {"algorithm": "URDNA2015", "format": "application/n-quads"})
    assert isomorphic(Graph().parse(data=normalised, format="nt"), _nquads(server_url))
    expanded = jsonld.expand(seed_jsonld)
    assert any(node.get("@id") == SEED for node in expanded)


def test_pyld_compacts_with_the_published_context(server_url: str, seed_jsonld: dict[str, Any]) -> None:
    context = httpx.get(server_url + "/ontology/context.jsonld").json()
    compacted = jsonld.compact(jsonld.expand(seed_jsonld), context)
    nodes = compacted.get("@graph", [compacted])
    seed = next(n for n in nodes if n["@id"] in (SEED, "id:A/RES/62/176"))
    assert "unx:Resolution" in json.dumps(seed["@type"]) and "rdf:type" not in seed
