"""The W3C SPARQL 1.1 Protocol and Service Description tests, run against our endpoint.

Both suites come from the rdf-tests checkout in ../shared (skipped, saying so, when it
is absent). The protocol manifest is machine-readable: every entry carries its HTTP
requests as ht:Request resources (method, ht:absolutePath, headers, body) and the
expected response (mf:expectedStatus / mf:expectedFormat / mf:expectedBoolean), so
the requests are read from the manifest, not copied here. What is kept here, keyed
by the entry's local name, is our decision about each entry (POLICY): our server is
read-only, so the seven update_* entries, which expect a 2xx, are run expecting a
refusal (4xx) and no change to the store.

Fixtures this module needs (from conftest.py):

* ``server_url``: the server's base URL, e.g. ``http://127.0.0.1:8123``; the
  endpoint is ``{server_url}/sparql``. Every ht:absolutePath in the manifest starts
  with ``/sparql/``; the manifest says to replace that prefix with the endpoint's
  path, which is what ``endpoint_url`` does.
* ``w3c_protocol_dataset``: the server's store holds, as named graphs, the graphs
  that ``protocol_graph_data()`` returns (graph IRI -> N-Triples file): data1.nt,
  data2.nt and data3.nt under http://kasei.us/2009/09/sparql/data/data{1,2,3}.rdf.
  The tests name these graphs in default-graph-uri / named-graph-uri / FROM, and
  the server must never fetch them from the network.
"""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import httpx
import pytest
from rdflib import RDF, Graph, Literal, URIRef

from tests.service.w3c_manifests import (
    BOOLEAN_TYPES,
    ENDPOINT_PATH,
    MANIFEST_ENDPOINT_PATH,
    PROTOCOL_MANIFEST,
    RDF_TYPES,
    SD,
    SD_MANIFEST,
    SPARQL_JSON,
    SPARQL_XML,
    SRX,
    TABULAR_TYPES,
    HttpRequest,
    ProtocolTest,
    load_protocol_tests,
    load_sd_tests,
    protocol_graph_data,
)

PROTOCOL_TESTS = load_protocol_tests()
SD_TESTS = load_sd_tests()
needs_protocol_tests = pytest.mark.skipif(not PROTOCOL_TESTS, reason=f"needs {PROTOCOL_MANIFEST} (not in this clone)")


# --- what we do with each entry ---------------------------------------------------

RUN = "run"  # positive query test: run the manifest's requests, expect its responses
REJECT = "reject"  # negative test (manifest expects 4xx): run as the manifest says
REFUSE = "refuse"  # update test expecting 2xx: a read-only server must answer 4xx and change nothing

# local name -> (what we do, what the entry exercises)
POLICY: dict[str, tuple[str, str]] = {
    "query_post_form": (RUN, "query in a form body, default-graph-uri in the URL; unknown graph data0.rdf is empty"),
    "query_dataset_default_graphs_get": (RUN, "two default-graph-uri: default graph is the merge of both"),
    "query_dataset_default_graphs_post": (RUN, "direct POST, two default-graph-uri in the URL: merge"),
    "query_dataset_named_graphs_post": (RUN, "direct POST, two named-graph-uri: both usable in GRAPH ?g"),
    "query_dataset_named_graphs_get": (RUN, "GET, two named-graph-uri"),
    "query_dataset_full": (RUN, "default-graph-uri and named-graph-uri together"),
    "query_multiple_dataset": (RUN, "named-graph-uri overrides the query's FROM"),
    "query_get": (RUN, "query via GET"),
    "query_content_type_select": (RUN, "SELECT answered as XML, JSON, CSV or TSV results"),
    "query_content_type_ask": (RUN, "ASK answered as XML or JSON results"),
    "query_content_type_describe": (RUN, "DESCRIBE answered as RDF (empty graph)"),
    "query_content_type_construct": (RUN, "CONSTRUCT with relative IRIs: needs a base IRI, answered as RDF"),
    "update_dataset_default_graph": (REFUSE, "update with using-graph-uri"),
    "update_dataset_default_graphs": (REFUSE, "update with two using-graph-uri"),
    "update_dataset_named_graphs": (REFUSE, "update with two using-named-graph-uri"),
    "update_dataset_full": (REFUSE, "update with using-graph-uri and using-named-graph-uri"),
    "update_post_form": (REFUSE, "update=CLEAR+ALL in a form body"),
    "update_post_direct": (REFUSE, "CLEAR ALL as application/sparql-update"),
    "update_base_uri": (REFUSE, "INSERT DATA with a relative IRI"),
    "query_post_direct": (RUN, "query via application/sparql-query"),
    "bad_query_method": (REJECT, "PUT"),
    "bad_multiple_queries": (REJECT, "two query parameters"),
    "bad_query_wrong_media_type": (REJECT, "POST text/plain"),
    "bad_query_missing_form_type": (REJECT, "form-encoded body without Content-Type"),
    "bad_query_missing_direct_type": (REJECT, "query body without Content-Type"),
    "bad_query_non_utf8": (REJECT, "application/sparql-query; charset=UTF-16"),
    "bad_query_syntax": (REJECT, "query syntax error"),
    "bad_update_get": (REJECT, "update via GET (must not be taken for a service-description GET)"),
    "bad_multiple_updates": (REJECT, "two update parameters"),
    "bad_update_wrong_media_type": (REJECT, "update as text/plain"),
    "bad_update_missing_form_type": (REJECT, "form-encoded update without Content-Type"),
    "bad_update_non_utf8": (REJECT, "application/sparql-update; charset=UTF-16"),
    "bad_update_syntax": (REJECT, "update syntax error"),
    "bad_update_dataset_conflict": (REJECT, "using-named-graph-uri together with WITH"),
}


# --- HTTP helpers -----------------------------------------------------------------


def endpoint_url(server_url: str) -> str:
    return server_url.rstrip("/") + ENDPOINT_PATH


def request_url(server_url: str, absolute_path: str) -> str:
    assert absolute_path.startswith(MANIFEST_ENDPOINT_PATH), absolute_path
    # "/sparql/?query=..." -> "{endpoint}?query=..."; the query string is sent as
    # the manifest percent-encodes it.
    return endpoint_url(server_url) + absolute_path[len(MANIFEST_ENDPOINT_PATH) :]


def media_type(resp: httpx.Response) -> str:
    return str(resp.headers.get("content-type", "")).split(";")[0].strip().lower()


def describe(resp: httpx.Response) -> str:
    return f"{resp.request.method} {resp.request.url} -> {resp.status_code} {resp.headers.get('content-type')}: {resp.text[:300]!r}"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    # No redirects followed: a test expecting 4xx must not pass through a 3xx.
    with httpx.Client(timeout=30.0, follow_redirects=False) as c:
        # The manifest's requests carry no Accept header; don't add httpx's "*/*".
        del c.headers["accept"]
        yield c


def send(client: httpx.Client, server_url: str, req: HttpRequest) -> httpx.Response:
    return client.request(req.method, request_url(server_url, req.path), headers=list(req.headers), content=req.body)


def ask(client: httpx.Client, server_url: str, query: str) -> bool:
    resp = client.post(
        endpoint_url(server_url),
        content=query.encode(),
        headers={"content-type": "application/sparql-query", "accept": SPARQL_JSON},
    )
    assert resp.status_code == 200, describe(resp)
    return parse_boolean(resp)


# --- response checks --------------------------------------------------------------


def parse_boolean(resp: httpx.Response) -> bool:
    mt = media_type(resp)
    assert mt in BOOLEAN_TYPES, f"expected SPARQL XML or JSON boolean results: {describe(resp)}"
    if mt == SPARQL_JSON:
        value = json.loads(resp.content)["boolean"]
        assert isinstance(value, bool), describe(resp)
        return value
    element = ET.fromstring(resp.content).find(f"{SRX}boolean")
    assert element is not None and element.text is not None, describe(resp)
    return element.text.strip() == "true"


def check_tabular(resp: httpx.Response) -> None:
    mt = media_type(resp)
    assert mt in TABULAR_TYPES, f"expected XML, JSON, CSV or TSV results: {describe(resp)}"
    if mt == SPARQL_JSON:
        data = json.loads(resp.content)
        assert "vars" in data["head"] and "bindings" in data["results"], describe(resp)
    elif mt == SPARQL_XML:
        assert ET.fromstring(resp.content).find(f"{SRX}results") is not None, describe(resp)
    else:
        assert resp.text.strip(), describe(resp)


def parse_rdf(resp: httpx.Response) -> Graph:
    mt = media_type(resp)
    assert mt in RDF_TYPES, f"expected RDF/XML, Turtle or N-Triples: {describe(resp)}"
    # Relative IRIs (e.g. sd:endpoint <>) resolve against the URL that was fetched.
    return Graph().parse(data=resp.content, format=RDF_TYPES[mt], publicID=str(resp.request.url))


def check_response(resp: httpx.Response, req: HttpRequest) -> None:
    cls = resp.status_code // 100
    assert cls in req.status_classes, f"expected {sorted(req.status_classes)}xx: {describe(resp)}"
    if req.expected_format is None:
        return
    # The manifest also allows 3xx; we don't redirect, and a 3xx has no results to check.
    assert cls == 2, f"expected a 2xx with {req.expected_format} results: {describe(resp)}"
    if req.expected_format == "boolean":
        value = parse_boolean(resp)
        if req.expected_boolean is not None:
            assert value is req.expected_boolean, describe(resp)
    elif req.expected_format == "tabular":
        check_tabular(resp)
    elif req.expected_format == "RDF":
        parse_rdf(resp)
    else:
        raise AssertionError(f"unknown mf:expectedFormat {req.expected_format!r}")


def check_construct(resp: httpx.Response) -> None:
    # CONSTRUCT { <s> <p> 1 } WHERE {}: one triple, its relative IRIs resolved.
    triples = list(parse_rdf(resp))
    assert len(triples) == 1, describe(resp)
    s, p, o = triples[0]
    assert isinstance(s, URIRef) and urlparse(str(s)).scheme in ("http", "https"), triples
    assert isinstance(p, URIRef) and urlparse(str(p)).scheme in ("http", "https"), triples
    assert o == Literal(1), triples


# Checks beyond the manifest's, on the last response of an entry.
EXTRA_CHECKS: dict[str, Callable[[httpx.Response], None]] = {
    "query_content_type_construct": check_construct,
}


def store_probes() -> list[str]:
    """One ASK per preloaded triple, in its named graph."""
    probes = []
    for graph_iri, path in sorted(protocol_graph_data().items()):
        for s, p, o in Graph().parse(path, format="nt"):
            probes.append(f"ASK {{ GRAPH <{graph_iri}> {{ {s.n3()} {p.n3()} {o.n3()} }} }}")
    return probes


# --- the tests --------------------------------------------------------------------


@needs_protocol_tests
def test_manifest_entries_all_have_a_policy() -> None:
    """A new or renamed manifest entry needs a decision in POLICY."""
    assert [t.local for t in PROTOCOL_TESTS] == list(POLICY)


@needs_protocol_tests
@pytest.mark.usefixtures("w3c_protocol_dataset")
def test_preloaded_graphs(client: httpx.Client, server_url: str) -> None:
    """The graphs the manifest names (ut:graphData) are in the store, under those names."""
    probes = store_probes()
    assert probes
    for probe in probes:
        assert ask(client, server_url, probe), probe


@pytest.mark.usefixtures("w3c_protocol_dataset")
@pytest.mark.parametrize("test", PROTOCOL_TESTS, ids=[t.local for t in PROTOCOL_TESTS])
def test_protocol(client: httpx.Client, server_url: str, test: ProtocolTest) -> None:
    policy, _ = POLICY[test.local]
    if policy in (RUN, REJECT):
        resp = None
        for req in test.requests:
            resp = send(client, server_url, req)
            check_response(resp, req)
        if test.local in EXTRA_CHECKS:
            assert resp is not None
            EXTRA_CHECKS[test.local](resp)
        return

    assert policy == REFUSE
    update, *follow_ups = test.requests
    assert update.status_classes == {2, 3}, "REFUSE is for update tests that expect success"
    resp = send(client, server_url, update)
    assert 400 <= resp.status_code < 500, f"a read-only server must refuse updates: {describe(resp)}"
    # The manifest's follow-up ASKs (expected true) look for what the update would
    # have written; on a read-only server they must find nothing.
    for req in follow_ups:
        assert req.expected_format == "boolean" and req.expected_boolean is True
        resp = send(client, server_url, req)
        assert resp.status_code // 100 == 2, describe(resp)
        assert parse_boolean(resp) is False, f"the refused update left data behind: {describe(resp)}"
    # The updates start with CLEAR ALL / DROP ALL: the preloaded graphs must still be there.
    for probe in store_probes():
        assert ask(client, server_url, probe), f"store changed by a refused update: {probe}"


def test_dataset_iris_are_never_dereferenced(client: httpx.Client, server_url: str) -> None:
    """FROM / FROM NAMED / default-graph-uri / named-graph-uri name graphs of the store;
    an IRI that names none is an empty graph, and nothing is fetched from the network."""
    with socket.socket() as trap:
        trap.bind(("127.0.0.1", 0))
        trap.listen()
        trap.settimeout(0.5)
        iri = f"http://127.0.0.1:{trap.getsockname()[1]}/data.nt"
        endpoint = endpoint_url(server_url)
        responses = [
            client.get(endpoint, params={"query": f"ASK FROM <{iri}> {{ ?s ?p ?o }}"}),
            client.get(endpoint, params={"query": f"ASK FROM NAMED <{iri}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"}),
            client.get(endpoint, params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": iri}),
            client.get(endpoint, params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": iri}),
        ]
        for resp in responses:
            assert resp.status_code == 200, describe(resp)
            assert parse_boolean(resp) is False, describe(resp)
        with pytest.raises(TimeoutError):
            trap.accept()  # a fetch attempt would be waiting here


# --- service description ------------------------------------------------------------

SD_ACCEPT = [None, "text/turtle", "application/rdf+xml"]


def fetch_sd(client: httpx.Client, server_url: str, accept: str | None) -> tuple[httpx.Response, Graph]:
    resp = client.get(endpoint_url(server_url), headers={"accept": accept} if accept else {})
    assert resp.status_code == 200, describe(resp)
    return resp, parse_rdf(resp)


def sd_returns_rdf(graph: Graph, endpoint: str) -> None:
    """GET on endpoint returns RDF."""
    assert len(graph) > 0


def sd_has_endpoint_triple(graph: Graph, endpoint: str) -> None:
    """Service description contains a matching sd:endpoint triple: ?service sd:endpoint <U>,
    U the URL that was fetched."""
    assert (None, SD.endpoint, URIRef(endpoint)) in graph, sorted(map(str, graph.objects(None, SD.endpoint)))


def sd_conforms_to_schema(graph: Graph, endpoint: str) -> None:
    """Service description conforms to schema. Like the W3C validator, which checks
    one aspect only: every sd:NamedGraph has an sd:name (an IRI)."""
    for named_graph in graph.subjects(RDF.type, SD.NamedGraph):
        names = list(graph.objects(named_graph, SD.name))
        assert names and all(isinstance(n, URIRef) for n in names), named_graph


SD_CHECKS: dict[str, Callable[[Graph, str], None]] = {
    "returns-rdf": sd_returns_rdf,
    "has-endpoint-triple": sd_has_endpoint_triple,
    "conforms-to-schema": sd_conforms_to_schema,
}


def test_sd_manifest_entries_all_have_a_check() -> None:
    if not SD_TESTS:
        pytest.skip(f"needs {SD_MANIFEST}")
    assert sorted(local for local, _ in SD_TESTS) == sorted(SD_CHECKS)


@pytest.mark.parametrize("accept", SD_ACCEPT, ids=lambda a: a or "no-accept")
@pytest.mark.parametrize("local", [local for local, _ in SD_TESTS])
def test_service_description(client: httpx.Client, server_url: str, local: str, accept: str | None) -> None:
    _, graph = fetch_sd(client, server_url, accept)
    SD_CHECKS[local](graph, endpoint_url(server_url))


def test_service_description_says_read_only(client: httpx.Client, server_url: str) -> None:
    """Ours, not the W3C's: the described service is typed sd:Service and speaks
    SPARQL 1.1 Query, not SPARQL 1.1 Update."""
    _, graph = fetch_sd(client, server_url, "text/turtle")
    services = set(graph.subjects(SD.endpoint, URIRef(endpoint_url(server_url))))
    assert services
    for service in services:
        assert (service, RDF.type, SD.Service) in graph
        languages = set(graph.objects(service, SD.supportedLanguage))
        assert SD.SPARQL11Query in languages
        assert SD.SPARQL11Update not in languages
