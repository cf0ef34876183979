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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

W3C_TESTS = Path(__file__).resolve().parents[2] / "shared" / "w3c-rdf-tests"
PROTOCOL_MANIFEST = W3C_TESTS / "sparql" / "sparql11" / "protocol" / "manifest.ttl"
SD_MANIFEST = W3C_TESTS / "sparql" / "sparql11" / "service-description" / "manifest.ttl"

pytestmark = pytest.mark.skipif(
    not PROTOCOL_MANIFEST.is_file(), reason=f"needs the W3C rdf-tests at {W3C_TESTS} (not in this clone)"
)

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"

MANIFEST_ENDPOINT_PATH = "/sparql/"  # the prefix every ht:absolutePath starts with
ENDPOINT_PATH = "/sparql"

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
# mf:expectedFormat -> media types that satisfy it (the entries' mf:name lists them:
# "XML, JSON" for ASK; "XML, JSON, CSV, TSV" for SELECT; "RDF/XML, Turtle, N-Triples,
# RDFa" for graphs; RDFa is left out, as rdflib 7 no longer parses it).
BOOLEAN_TYPES = {SPARQL_JSON, SPARQL_XML}
TABULAR_TYPES = {SPARQL_JSON, SPARQL_XML, "text/csv", "text/tab-separated-values"}
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


# --- reading the manifests --------------------------------------------------------


@dataclass(frozen=True)
class HttpRequest:
    """One ht:Request of a protocol test and the ht:Response it expects."""

    method: str
    path: str  # ht:absolutePath as the manifest gives it: "/sparql/?query=..."
    headers: tuple[tuple[str, str], ...]
    body: bytes | None  # cnt:chars encoded with cnt:characterEncoding
    status_classes: frozenset[int]  # 2 for hts:StatusCode2xx, ...
    expected_format: str | None  # "boolean", "tabular" or "RDF"
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    iri: str
    local: str
    name: str
    comment: str | None
    graph_data: tuple[tuple[str, Path], ...]  # ut:graphData: (graph IRI, file)
    requests: tuple[HttpRequest, ...]


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _file(iri: Node) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def _one(g: Graph, s: Node, p: Node) -> Node | None:
    return next(iter(g.objects(s, p)), None)


def _the(g: Graph, s: Node, p: Node) -> Node:
    o = _one(g, s, p)
    assert o is not None, f"{s} has no {p}"
    return o


def _status_class(iri: Node) -> int:
    # hts:StatusCode2xx -> 2
    return int(_local(iri).removeprefix("StatusCode")[0])


def _request(g: Graph, node: Node) -> HttpRequest:
    headers: list[tuple[str, str]] = []
    header_list = _one(g, node, HT.headers)
    if header_list is not None:
        for h in Collection(g, header_list):
            headers.append((str(_the(g, h, HT.fieldName)), str(_the(g, h, HT.fieldValue))))
    body = None
    body_node = _one(g, node, HT.body)
    if body_node is not None:
        encoding = str(_one(g, body_node, CNT.characterEncoding) or "UTF-8")
        body = str(_the(g, body_node, CNT.chars)).encode(encoding)
    resp = _the(g, node, HT.resp)
    fmt = _one(g, resp, MF.expectedFormat)
    boolean = _one(g, resp, MF.expectedBoolean)
    return HttpRequest(
        method=str(_the(g, node, HT.methodName)),
        path=str(_the(g, node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        status_classes=frozenset(_status_class(s) for s in g.objects(resp, MF.expectedStatus)),
        expected_format=None if fmt is None else str(fmt),
        expected_boolean=boolean.toPython() if isinstance(boolean, Literal) else None,
    )


def _entries(g: Graph) -> list[Node]:
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    return list(Collection(g, _the(g, manifest, MF.entries)))


def load_protocol_tests() -> list[ProtocolTest]:
    if not PROTOCOL_MANIFEST.is_file():
        return []
    g = Graph().parse(PROTOCOL_MANIFEST, format="turtle")
    tests = []
    for entry in _entries(g):
        action = _the(g, entry, MF.action)
        requests = tuple(_request(g, r) for r in Collection(g, _the(g, action, HT.requests)))
        graph_data = tuple(
            (str(_the(g, gd, RDFS.label)), _file(_the(g, gd, UT.graph))) for gd in g.objects(entry, UT.graphData)
        )
        comment = _one(g, entry, RDFS.comment)
        tests.append(
            ProtocolTest(
                iri=str(entry),
                local=_local(entry),
                name=str(_the(g, entry, MF.name)),
                comment=None if comment is None else str(comment),
                graph_data=tuple(sorted(graph_data)),
                requests=requests,
            )
        )
    return tests


def load_sd_tests() -> list[tuple[str, str]]:
    """(local name, mf:name) of each service-description entry, in manifest order."""
    if not SD_MANIFEST.is_file():
        return []
    g = Graph().parse(SD_MANIFEST, format="turtle")
    return [(_local(e), str(_the(g, e, MF.name))) for e in _entries(g)]


def protocol_graph_data() -> dict[str, Path]:
    """Every graph the protocol tests name (ut:graphData): graph IRI -> N-Triples file.

    conftest.py loads these into the server's store as named graphs before serving."""
    return {iri: path for t in load_protocol_tests() for iri, path in t.graph_data}


PROTOCOL_TESTS = load_protocol_tests()
SD_TESTS = load_sd_tests()


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


def test_manifest_entries_all_have_a_policy() -> None:
    """A new or renamed manifest entry needs a decision in POLICY."""
    assert [t.local for t in PROTOCOL_TESTS] == list(POLICY)


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
