"""The W3C SPARQL 1.1 Protocol and Service Description manifests, read into plain records.

Used by the protocol tests, and by conftest.py to load the graphs they name into the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

from tests.support import SHARED

W3C_TESTS = SHARED / "w3c-rdf-tests"
PROTOCOL_MANIFEST = W3C_TESTS / "sparql" / "sparql11" / "protocol" / "manifest.ttl"
SD_MANIFEST = W3C_TESTS / "sparql" / "sparql11" / "service-description" / "manifest.ttl"

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
