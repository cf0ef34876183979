"""The remote store's client (`unxref.remote`): what it sends, what it mends, when it asks again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs

import pyoxigraph
import pytest

from unxref.remote import Endpoint, RemoteError, RemoteStore, _standard_results

# Answers Virtuoso 7.2.5 (Debian's virtuoso-opensource) gave, as it gave them.
VIRTUOSO_BOOLEAN = (
    b'{ "head": { "link": [], "vars": ["o"] }, "results": { "distinct": false, "ordered": true, "bindings": [ '
    b'{ "o": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1" }} ] } }'
)
# An ASK asked with ``Accept: application/sparql-results+json, application/n-triples;q=0.9``:
VIRTUOSO_ASK_FALSE = (
    b'\n{ "head": { "link": [], "vars": ["__ASK_RETVAL"] },\n'
    b'  "results": { "distinct": false, "ordered": true, "bindings": [ ] } }'
)
VIRTUOSO_ASK_TRUE = (
    b'\n{ "head": { "link": [], "vars": ["__ASK_RETVAL"] },\n'
    b'  "results": { "distinct": false, "ordered": true, "bindings": [\n'
    b'    { "__ASK_RETVAL": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", '
    b'"value": "1" }} ] } }'
)


def _parsed(body: bytes) -> object:
    return pyoxigraph.parse_query_results(_standard_results(body), format=pyoxigraph.QueryResultsFormat.JSON)


def test_a_boolean_written_as_1_is_true() -> None:
    solutions = _parsed(VIRTUOSO_BOOLEAN)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    assert [row["o"] for row in solutions] == [pyoxigraph.Literal(True)]


@pytest.mark.parametrize(("body", "expected"), [(VIRTUOSO_ASK_FALSE, False), (VIRTUOSO_ASK_TRUE, True)])
def test_an_ask_answered_as_a_select_is_a_boolean(body: bytes, expected: bool) -> None:
    answer = _parsed(body)
    assert isinstance(answer, pyoxigraph.QueryBoolean) and bool(answer) is expected


def test_standard_results_pass_unchanged() -> None:
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://a"}}]}}'
    assert _standard_results(body) is body


class _Flaky(BaseHTTPRequestHandler):
    """A SPARQL service that is unavailable for the first requests it gets."""

    failures: ClassVar[int] = 2
    status: ClassVar[int] = 200
    extra_headers: ClassVar[dict[str, str]] = {}
    seen: ClassVar[list[dict[str, list[str]]]] = []

    def do_POST(self) -> None:
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        type(self).seen.append(form)
        if len(type(self).seen) <= type(self).failures:
            self.send_response(503)
            self.end_headers()
            return
        body = b'{"head":{},"boolean":true}'
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in type(self).extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky() -> Iterator[str]:
    _Flaky.seen, _Flaky.extra_headers, _Flaky.status = [], {}, 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()


def test_a_transient_failure_is_asked_again(flaky: str) -> None:
    answer = RemoteStore(Endpoint.configured(flaky)).query("ASK {}", base_iri="http://example.org/")
    assert bool(answer) is True
    assert len(_Flaky.seen) == 3
    assert _Flaky.seen[-1] == {"query": ["BASE <http://example.org/>\nASK {}"]}


def test_a_service_that_stays_away_is_an_error_naming_it(flaky: str) -> None:
    _Flaky.failures = 10
    try:
        with pytest.raises(RemoteError, match=rf"^{flaky.removesuffix('/query')}/update: 503 Service Unavailable$"):
            RemoteStore(Endpoint.configured(flaky)).update("CLEAR ALL")
    finally:
        _Flaky.failures = 2
    assert _Flaky.seen[0] == {"update": ["CLEAR ALL"]}


def test_graphs_the_protocol_names_are_sent_as_its_parameters(flaky: str) -> None:
    _Flaky.failures = 0
    try:
        RemoteStore(Endpoint.configured(flaky)).query(
            "ASK {}",
            default_graph=[pyoxigraph.NamedNode("http://g/1")],
            named_graphs=[pyoxigraph.NamedNode("http://g/2")],
        )
    finally:
        _Flaky.failures = 2
    assert _Flaky.seen == [
        {"query": ["ASK {}"], "default-graph-uri": ["http://g/1"], "named-graph-uri": ["http://g/2"]}
    ]


@pytest.mark.parametrize(
    "url", ["http://dba:secret@127.0.0.1:8890/sparql", "https://token@example.org/query", "http://u:@h/sparql"]
)
def test_credentials_in_a_store_url_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match=r"^a store URL holds credentials: give them as UNXREF_STORE_USER"):
        Endpoint.configured(url)


def test_credentials_in_the_update_url_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNXREF_STORE_UPDATE", "http://dba:secret@127.0.0.1:8890/sparql-auth")
    with pytest.raises(ValueError, match="holds credentials"):
        Endpoint.configured("http://127.0.0.1:8890/sparql")


def test_an_answer_the_service_cut_is_an_error_not_a_shorter_answer(flaky: str) -> None:
    _Flaky.failures, _Flaky.extra_headers = 0, {"X-SPARQL-MaxRows": "10000"}  # as Virtuoso marks a cut answer
    try:
        with pytest.raises(RemoteError, match="the service cut its answer at 10000 rows"):
            RemoteStore(Endpoint.configured(flaky)).query("SELECT * WHERE { ?s ?p ?o }")
    finally:
        _Flaky.failures = 2


def test_an_engine_extension_is_refused_before_it_is_sent(flaky: str) -> None:
    with pytest.raises(SyntaxError):
        RemoteStore(Endpoint.configured(flaky)).query('DEFINE input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }')
    assert _Flaky.seen == []


def test_a_redirected_update_is_an_error_not_a_write(flaky: str) -> None:
    _Flaky.failures, _Flaky.status = 0, 301
    try:
        with pytest.raises(RemoteError, match=r"redirected \(301\)"):
            RemoteStore(Endpoint.configured(flaky)).update("CLEAR ALL")
    finally:
        _Flaky.failures = 2
