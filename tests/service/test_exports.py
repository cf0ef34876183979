"""What other repositories pull in, read by the clients they use: the dump, one graph, the
citation network (networkx), citation lists, the Atom feed; and every fact stated once."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import xml.etree.ElementTree as ET

import httpx
import networkx as nx
import pytest
from rdflib import Dataset, Graph

from tests.support import needs_corpus

ID = "https://w3id.org/unxref/id/"
ATOM = "{http://www.w3.org/2005/Atom}"


def sparql_number(url: str, query: str) -> int:
    response = httpx.get(url + "/sparql", params={"query": query}, timeout=120)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_each_fact_is_stated_once_in_the_union_of_all_graphs(server_url: str) -> None:
    everything = sparql_number(server_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = sparql_number(
        server_url, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    )
    assert everything == distinct


@needs_corpus
def test_a_cited_resolution_is_described_once(server_url: str) -> None:
    types = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/unxref/id/A/RES/1514_(XV)> a ?type }"
    assert sparql_number(server_url, types) == 1


def test_what_a_document_cites_by_paragraph_is_listed_once(server_url: str) -> None:
    rows = httpx.get(
        server_url + "/api/queries/cites-by-paragraph",
        params={"resolution": ID + "A/RES/62/176", "format": "csv"},
        timeout=60,
    ).text.splitlines()
    assert len(rows) == len(set(rows))


@needs_corpus
def test_the_dump_carries_its_checksum_and_reads_as_n_quads(server_url: str) -> None:
    response = httpx.get(server_url + "/dump", timeout=120)
    digest = base64.b64encode(hashlib.sha256(response.content).digest()).decode()
    assert response.headers["repr-digest"] == f"sha-256=:{digest}:"
    dataset = Dataset()
    dataset.parse(data=response.content, format="nquads")
    assert len(list(dataset.graphs())) > 600 and sum(1 for _ in dataset.quads()) > 10_000


def test_the_graph_store_protocol_reads_one_graph(server_url: str) -> None:
    name = ID + "graph/A/RES/62/176"
    response = httpx.get(server_url + "/graph-store", params={"graph": name}, headers={"accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    count = sparql_number(server_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 200 and len(graph) == count > 1000


@pytest.mark.parametrize(
    ("params", "status"),
    [({"graph": ID + "graph/no/such"}, 404), ({}, 400), ({"default": ""}, 400), ({"graph": "not an iri"}, 400)],
)
def test_the_graph_store_protocol_says_what_it_cannot_read(
    server_url: str, params: dict[str, str], status: int
) -> None:
    assert httpx.get(server_url + "/graph-store", params=params).status_code == status


@needs_corpus
def test_the_citation_network_reads_in_networkx_as_graphml_gexf_and_cytoscape(server_url: str) -> None:
    graphml = nx.read_graphml(io.BytesIO(httpx.get(server_url + "/network.graphml", timeout=120).content))
    gexf = nx.read_gexf(io.BytesIO(httpx.get(server_url + "/network.gexf", timeout=120).content))
    cytoscape = nx.cytoscape_graph(httpx.get(server_url + "/network.json", timeout=120).json())
    seed = ID + "A/RES/62/176"
    assert graphml.nodes[seed]["label"] == "A/RES/62/176"
    assert graphml.number_of_edges() == gexf.number_of_edges() == cytoscape.number_of_edges() > 1000
    assert {d["function"] for _, _, d in graphml.out_edges(seed, data=True)} >= {"recalling", "reaffirming"}


def test_the_citation_network_as_csv_has_one_row_per_citation(server_url: str) -> None:
    rows = list(csv.DictReader(io.StringIO(httpx.get(server_url + "/network.csv", timeout=120).text)))
    citations = sparql_number(
        server_url, "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/unxref/ontology#Citation> }"
    )
    assert len(rows) == citations
    first = next(r for r in rows if r["citing"] == "A/RES/62/176" and r["paragraph"] == "PP1")
    assert set(first) == {
        "citation",
        "citing",
        "citing_iri",
        "cited",
        "cited_iri",
        "creation",
        "function",
        "paragraph",
        "note",
    }


def test_opencitations_style_lookups_in_json_and_csv(server_url: str) -> None:
    references = httpx.get(server_url + "/api/references/A/RES/62/176").json()
    assert {"citing": "A/RES/62/176", "cited": "A/RES/55/2", "paragraph": "PP1"}.items() <= next(
        r for r in references if r["cited"] == "A/RES/55/2" and r["paragraph"] == "PP1"
    ).items()
    cited_by = httpx.get(server_url + "/api/citations/A/RES/55/2", params={"format": "csv"}).text
    count = httpx.get(server_url + "/api/citation-count/A/RES/55/2").json()
    assert int(count[0]["count"]) == len(cited_by.strip().splitlines()) - 1 >= 1


def test_a_treaty_is_looked_up_by_its_key(server_url: str) -> None:
    count = httpx.get(server_url + "/api/citation-count/treaty/un-charter").json()
    assert int(count[0]["count"]) > 0


@needs_corpus
def test_the_feed_lists_documents_newest_first_and_pages(server_url: str) -> None:
    feed = ET.fromstring(httpx.get(server_url + "/feed").content)
    entries = feed.findall(ATOM + "entry")
    updated = [e.findtext(ATOM + "updated") for e in entries]
    assert len(entries) == 50 and updated == sorted(updated, reverse=True)
    following = next(link.get("href") for link in feed.findall(ATOM + "link") if link.get("rel") == "next")
    second = ET.fromstring(httpx.get(following).content).findall(ATOM + "entry")
    assert second and {e.findtext(ATOM + "id") for e in second}.isdisjoint({e.findtext(ATOM + "id") for e in entries})
