"""HTTP conventions against the live server: HEAD everywhere GET is, ``Vary`` and ``Link`` on
negotiated answers, browsers get HTML, ``format=`` as SPARQL clients send it."""

from __future__ import annotations

import json

import httpx
import pytest
from rdflib import Graph

from tests.support import needs_corpus

SEED = "/id/A/RES/62/176"
ASK = "ASK { <https://w3id.org/unxref/id/A/RES/62/176> ?p ?o }"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
GET_ROUTES = [
    "/",
    "/void",
    "/graphs",
    "/ontology",
    "/ontology/function/recalling",
    "/ontology/context.jsonld",
    "/dump",
    "/health",
    "/api/queries",
    "/api/queries/cites-by-paragraph?resolution=https://w3id.org/unxref/id/A/RES/62/176",
    SEED,
    "/chains/A/RES/62/176",
    "/api/chains/A/RES/62/176",
    "/sparql",
]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_every_get_route_with_its_headers_and_no_body(server_url: str, path: str) -> None:
    got = httpx.get(server_url + path, timeout=60)
    head = httpx.head(server_url + path, timeout=60)
    assert (head.status_code, head.headers["content-type"]) == (got.status_code, got.headers["content-type"])
    assert got.status_code == 200 and head.content == b""


@pytest.mark.parametrize("path", [SEED, "/void", "/ontology", "/sparql", "/graphs"])
def test_a_negotiated_answer_varies_on_accept_and_links_its_alternates(server_url: str, path: str) -> None:
    response = httpx.get(server_url + path, headers={"accept": "text/turtle"})
    assert "Accept" in response.headers["vary"]
    links = response.headers["link"]
    assert 'rel="alternate"; type="application/ld+json"' in links and 'type="application/rdf+xml"' in links


def test_a_sparql_answer_varies_on_accept(server_url: str) -> None:
    assert "Accept" in httpx.get(server_url + "/sparql", params={"query": ASK}).headers["vary"]


def test_the_html_page_names_its_alternates_in_link_elements(server_url: str) -> None:
    page = httpx.get(server_url + SEED, headers={"accept": BROWSER}).text
    assert '<link rel="alternate" type="text/turtle" href="/id/A/RES/62/176.ttl">' in page


def test_any_application_type_gets_rdf_not_html(server_url: str) -> None:
    response = httpx.get(server_url + SEED, headers={"accept": "application/*"})
    assert response.headers["content-type"].startswith("application/") and "<html" not in response.text


@pytest.mark.parametrize("path", ["/void", "/sparql", "/ontology", "/graphs"])
def test_a_browser_gets_html_where_a_client_gets_turtle(server_url: str, path: str) -> None:
    browser = httpx.get(server_url + path, headers={"accept": BROWSER})
    client = httpx.get(server_url + path)
    assert browser.headers["content-type"].startswith("text/html") and "<table" in browser.text
    assert client.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=client.text, format="turtle")) > 0


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/turtle", "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
    ],
)
def test_the_ontology_is_negotiated(server_url: str, accept: str, media_type: str) -> None:
    response = httpx.get(server_url + "/ontology", headers={"accept": accept})
    assert response.headers["content-type"].split(";")[0] == media_type
    rdf_format = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
    graph = Graph().parse(data=response.text, format=rdf_format.get(media_type, "nt"))
    assert len(graph) > 1000


def test_a_function_concept_dereferences(server_url: str) -> None:
    response = httpx.get(server_url + "/ontology/function/recalling", headers={"accept": "text/turtle"})
    assert response.status_code == 200 and '"recalling"' in response.text
    assert httpx.get(server_url + "/ontology/function/no-such-function").status_code == 404


@pytest.mark.parametrize(("key", "first_line"), [("csv", "true"), ("tsv", "true")])
def test_ask_answers_in_csv_and_tsv(server_url: str, key: str, first_line: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": ASK, "format": key})
    assert response.status_code == 200 and response.text.strip() == first_line


def test_an_unknown_format_value_leaves_the_choice_to_accept(server_url: str) -> None:
    response = httpx.get(
        server_url + "/sparql",
        params={"query": ASK, "format": "n3"},
        headers={"accept": "application/sparql-results+xml"},
    )
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_a_comma_separated_format_value_names_a_format(server_url: str) -> None:
    construct = "CONSTRUCT WHERE { <https://w3id.org/unxref/id/A/RES/62/176> ?p ?o }"
    params = [("query", construct), ("format", "json-ld"), ("format", "application/ld+json,application/x-json+ld")]
    response = httpx.get(server_url + "/sparql", params=params)
    assert response.headers["content-type"].startswith("application/ld+json")


def test_json_ld_is_compacted_with_the_published_context(server_url: str) -> None:
    data = httpx.get(server_url + SEED + ".jsonld").json()
    nodes = data.get("@graph", [data])
    seed = next(n for n in nodes if n["@id"].endswith("A/RES/62/176"))
    assert "unx:Resolution" in json.dumps(seed["@type"]) and "@context" in data


def test_turtle_is_written_with_prefixes(server_url: str) -> None:
    assert "@prefix cito: <http://purl.org/spar/cito/> ." in httpx.get(server_url + SEED + ".ttl").text


@needs_corpus
def test_the_service_description_is_small_and_links_the_graph_list(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", headers={"accept": "text/turtle"})
    assert len(response.content) < 10_000 and "/graphs>" in response.text
    graphs = Graph().parse(data=httpx.get(server_url + "/graphs").text, format="turtle")
    names = list(graphs.objects(None, graphs.namespace_manager.expand_curie("sd:name")))
    assert len(names) > 600
