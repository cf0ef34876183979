"""`unxref serve` on a real port over a real on-disk store: protocol, formats, safety, pages, API."""

from __future__ import annotations

import json
import socket
import threading
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from tests.support import needs_corpus

ID = "https://w3id.org/unxref/id/"
SELECT = (
    "SELECT ?s WHERE { <https://w3id.org/unxref/id/A/RES/62/176> <http://purl.org/spar/cito/cites> ?s . "
    "?s a <https://w3id.org/unxref/ontology#Resolution> } ORDER BY ?s LIMIT 2"
)
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { BIND (<https://w3id.org/unxref/id/A/RES/62/176> AS ?s) ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def sparql(url: str, query: str, **kwargs: object) -> httpx.Response:
    return httpx.get(url + "/sparql", params={"query": query}, timeout=60, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_results_in_the_accepted_format(server_url: str, accept: str, media_type: str) -> None:
    response = sparql(server_url, SELECT, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert ID + "A/RES/55/2" in response.text


def test_select_results_as_json_carry_the_rows(server_url: str) -> None:
    data = sparql(server_url, SELECT).json()
    assert data["head"]["vars"] == ["s"]
    assert [b["s"]["value"] for b in data["results"]["bindings"]] == [ID + "A/RES/54/132", ID + "A/RES/55/2"]


@pytest.mark.parametrize("key", ["json", "xml", "csv", "tsv"])
def test_the_format_parameter_chooses_too(server_url: str, key: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": SELECT, "format": key})
    assert response.status_code == 200 and key in response.headers["content-type"].replace(
        "tab-separated-values", "tsv"
    )


@pytest.mark.parametrize(
    ("accept", "parse_as"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_graphs_in_the_accepted_format(server_url: str, accept: str, parse_as: str) -> None:
    response = sparql(server_url, CONSTRUCT, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.content, format=parse_as)
    assert (URIRef(ID + "A/RES/62/176"), RDFS.label, Literal("A/RES/62/176")) in graph


@pytest.mark.parametrize(("accept", "parse_as"), [("application/n-quads", "nquads"), ("application/trig", "trig")])
def test_graphs_as_quads(server_url: str, accept: str, parse_as: str) -> None:
    response = sparql(server_url, CONSTRUCT, headers={"accept": accept})
    assert response.status_code == 200
    assert len(Dataset().parse(data=response.content, format=parse_as)) > 10


def test_an_unacceptable_format_is_406(server_url: str) -> None:
    assert sparql(server_url, SELECT, headers={"accept": "image/png"}).status_code == 406


def test_post_form_and_post_direct_give_the_same_answer(server_url: str) -> None:
    form = httpx.post(server_url + "/sparql", data={"query": SELECT})
    direct = httpx.post(server_url + "/sparql", content=SELECT, headers={"content-type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200 and form.json() == direct.json()


def test_head_and_cors_preflight(server_url: str) -> None:
    head = httpx.head(server_url + "/sparql", params={"query": SELECT})
    assert head.status_code == 200 and head.content == b""
    preflight = httpx.options(
        server_url + "/sparql",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://example.org")
    assert (
        sparql(server_url, SELECT, headers={"origin": "https://example.org"}).headers["access-control-allow-origin"]
        == "*"
    )


def test_the_service_description_says_the_default_graph_is_the_union(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", headers={"accept": "text/turtle"})
    graph = Graph().parse(data=response.content, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server_url + "/sparql"), URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph


@pytest.mark.parametrize(
    ("request_kwargs", "status"),
    [
        ({"data": {"update": "CLEAR ALL"}}, 403),
        ({"content": "DROP ALL", "headers": {"content-type": "application/sparql-update"}}, 403),
        ({"data": {"query": "LOAD <http://example.org/data.ttl>"}}, 403),
        ({"data": {"query": "PREFIX x: <http://x/> CLEAR GRAPH <https://w3id.org/unxref/id/graph/A/RES/62/176>"}}, 403),
    ],
    ids=["update-form", "update-direct", "load-as-query", "clear-as-query"],
)
def test_updates_are_refused_and_change_nothing(
    server_url: str, request_kwargs: dict[str, object], status: int
) -> None:
    response = httpx.post(server_url + "/sparql", **request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert sparql(server_url, "ASK { <https://w3id.org/unxref/id/A/RES/62/176> ?p ?o }").json()["boolean"] is True


def test_service_is_refused_unless_allowed(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert response.status_code == 403
    assert "SERVICE <http://example.org/sparql> is not an allowed federated endpoint" in response.text
    quoted = sparql(server_url, 'SELECT ("SERVICE <http://example.org/sparql>" AS ?x) WHERE {}')
    assert quoted.status_code == 200


def test_an_escaped_quote_does_not_hide_a_service_call(server_url: str) -> None:
    """The probe of issue 13: a backslash escape inside ''' ... ''' once ended the string early
    for the checker, not for the engine, and the server connected out."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        probe = f"SELECT * WHERE {{ BIND('''a\\'''' AS ?x) SERVICE <http://127.0.0.1:{port}/sparql> {{?s ?p ?o}} }}"
        response = sparql(server_url, probe)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert response.status_code == 403


def test_a_prefixed_name_ending_in_from_keeps_the_union_default_graph(server_url: str) -> None:
    query = (
        "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s a <https://w3id.org/unxref/ontology#Resolution> "
        "OPTIONAL { ?s ex:from ?x } } LIMIT 3"
    )
    assert len(sparql(server_url, query).json()["results"]["bindings"]) == 3


def test_a_prefixed_name_ending_in_service_is_no_service_call(server_url: str) -> None:
    query = "PREFIX ex: <http://example.org/> ASK { ?s ex:service ?o }"
    response = sparql(server_url, query)
    assert response.status_code == 200 and response.json()["boolean"] is False


def test_a_query_past_its_timeout_is_stopped_with_503(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": HEAVY, "timeout": "1"}, timeout=60)
    assert response.status_code == 503
    assert "ran longer than its timeout of 1 s and was stopped" in response.text


def test_other_requests_are_served_while_a_heavy_query_runs(server_url: str) -> None:
    finished: list[str] = []

    def heavy() -> None:
        httpx.get(server_url + "/sparql", params={"query": HEAVY, "timeout": "8"}, timeout=60)
        finished.append("heavy")

    thread = threading.Thread(target=heavy)
    thread.start()
    for _ in range(5):
        assert sparql(server_url, SELECT).status_code == 200
        finished.append("point")
    thread.join()
    assert finished == ["point"] * 5 + ["heavy"]


def test_a_timeout_above_the_server_maximum_is_refused(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": SELECT, "timeout": "100000"})
    assert response.status_code == 400 and "at most 300 seconds" in response.text


def test_a_capped_result_says_so_in_header_and_body(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5000")
    assert response.headers["x-unxref-truncated"] == "true; limit=1000"
    data = response.json()
    assert len(data["results"]["bindings"]) == 1000 and data["head"]["link"] == ["urn:unxref:truncated"]
    xml = sparql(
        server_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5000", headers={"accept": "application/sparql-results+xml"}
    )
    links = ET.fromstring(xml.content).findall(".//{http://www.w3.org/2005/sparql-results#}link")
    assert [link.get("href") for link in links] == ["urn:unxref:truncated"]


def test_a_result_under_the_cap_is_not_marked(server_url: str) -> None:
    response = sparql(server_url, SELECT)
    assert "x-unxref-truncated" not in response.headers and "link" not in response.json()["head"]


def test_a_syntax_error_is_400_with_the_position(server_url: str) -> None:
    response = sparql(server_url, "SELECT ?s WHERE { ?s ")
    assert response.status_code == 400 and "query syntax error" in response.text


def test_an_undeclared_prefix_is_named_with_the_declaration_to_add(server_url: str) -> None:
    response = sparql(server_url, "SELECT * WHERE { ?s unx:foo ?o }")
    assert response.status_code == 400
    assert response.text == (
        "query syntax error: error at 1:28: the prefix unx: is not declared"
        " (PREFIX unx: <https://w3id.org/unxref/ontology#>)\n"
    )


# --- linked data ------------------------------------------------------------------


def test_a_resolution_page_links_its_citations_cited_by_chain_and_undocs(server_url: str) -> None:
    response = httpx.get(server_url + "/id/A/RES/62/176", headers={"accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "Coopération internationale face au problème mondial de la drogue" in page
    assert "2007-12-18" in page and 'href="/id/body/GA"' in page
    assert '<a class="citation" href="/id/A/RES/61/183"' in page
    assert 'href="https://undocs.org/A/RES/62/176"' in page and 'href="/chains/A/RES/62/176"' in page
    assert 'id="OP24"' in page and 'id="note-1"' in page


def test_every_link_on_the_page_resolves(server_url: str) -> None:
    page = httpx.get(server_url + "/id/A/RES/62/176").text
    import re

    links = sorted(set(re.findall(r'href="(/id/[^"#]+)', page)))
    assert len(links) > 20
    assert [link for link in links if httpx.get(server_url + link).status_code != 200] == []


def test_a_cited_resolution_page_lists_what_cites_it(server_url: str) -> None:
    page = httpx.get(server_url + "/id/A/RES/61/183").text
    assert '<a href="/id/A/RES/62/176">A/RES/62/176</a> (2007-12-18)' in page


@pytest.mark.parametrize(
    ("suffix", "accept", "parse_as"),
    [
        (".ttl", None, "turtle"),
        (".jsonld", None, "json-ld"),
        (".nt", None, "nt"),
        ("", "text/turtle", "turtle"),
        ("", "application/ld+json", "json-ld"),
        ("", "application/n-triples", "nt"),
    ],
)
def test_a_resource_as_rdf_by_suffix_or_accept(server_url: str, suffix: str, accept: str | None, parse_as: str) -> None:
    response = httpx.get(server_url + "/id/A/RES/62/176" + suffix, headers={"accept": accept} if accept else {})
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=parse_as)
    assert (URIRef(ID + "A/RES/62/176#PP1"), RDFS.label, Literal("A/RES/62/176 PP1")) in graph


def test_html_by_suffix(server_url: str) -> None:
    assert httpx.get(server_url + "/id/A/RES/62/176.html").headers["content-type"].startswith("text/html")


def test_an_unknown_iri_is_404(server_url: str) -> None:
    response = httpx.get(server_url + "/id/A/RES/99/999")
    assert response.status_code == 404 and "A/RES/99/999" in response.text


def test_an_unknown_iri_is_a_page_saying_what_to_do_for_a_browser(server_url: str) -> None:
    for path in ("/id/A/RES/99/999", "/chains/A/RES/99/999"):
        response = httpx.get(server_url + path, headers={"Accept": "text/html"})
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
        assert "<h1>Nothing is known about A/RES/99/999</h1>" in response.text
        assert "unxref ingest FILE" in response.text and 'action="/go"' in response.text


def test_a_page_format_suffix_unxref_has_not_is_said(server_url: str) -> None:
    response = httpx.get(server_url + "/id/A/RES/62/176.pdf")
    assert response.status_code == 404
    assert response.text.endswith("no page format is called .pdf (.html, .ttl, .nt, .jsonld, .rdf)\n")


def test_symbols_with_spaces_and_parentheses_map_to_one_iri(server_url: str) -> None:
    spaced = httpx.get(server_url + "/id/S/RES/9999%20(1999)", follow_redirects=True)  # sent to the page's path
    underscored = httpx.get(server_url + "/id/S/RES/9999_(1999)")
    assert spaced.url == underscored.url and spaced.status_code == underscored.status_code == 404
    assert spaced.text == underscored.text == f"nothing is known about {ID}S/RES/9999_(1999)\n"


@needs_corpus
def test_a_security_council_resolution_with_a_year_in_parentheses(server_url: str) -> None:
    response = httpx.get(server_url + "/id/S/RES/598%20(1987)")
    assert response.status_code == 200 and "S/RES/598 (1987)" in response.text
    assert httpx.get(server_url + "/id/S/RES/598_(1987).ttl").status_code == 200


def test_authority_records_dereference(server_url: str) -> None:
    page = httpx.get(server_url + "/id/body/CND").text
    assert "Commission on Narcotic Drugs" in page and "Commission des stupéfiants" in page


def test_the_search_box_jumps_to_a_symbol(server_url: str) -> None:
    response = httpx.get(server_url + "/go", params={"symbol": "a/res/62/176"})
    assert response.status_code == 303 and response.headers["location"] == "/id/A/RES/62/176"


# --- API, dumps, descriptions ---------------------------------------------------------


def test_the_named_queries_are_listed(server_url: str) -> None:
    listed = httpx.get(server_url + "/api/queries").json()
    assert [q["name"] for q in listed] == ["bodies-requested", "cited-by", "cites-by-paragraph", "treaties-urged"]
    assert listed[1]["parameters"] == [
        {"name": "cited", "kind": "iri", "description": "what is cited, e.g. A/RES/61/183"}
    ]


def test_a_named_query_runs_with_its_parameter_bound(server_url: str) -> None:
    data = httpx.get(server_url + "/api/queries/treaties-urged", params={"resolution": "A/RES/62/176"}).json()
    assert sorted(b["untsNumber"]["value"] for b in data["results"]["bindings"]) == [
        "14152",
        "14956",
        "27627",
        "39574",
        "42146",
    ]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/queries/nope", 404),
        ("/api/queries/treaties-urged", 200),  # unbound: for the whole store
        ("/api/queries/treaties-urged?resolution=A/RES/1&x=1", 400),
    ],
)
def test_named_query_statuses(server_url: str, path: str, status: int) -> None:
    assert httpx.get(server_url + path).status_code == status


def test_the_dump_is_every_quad_as_nquads(server_url: str) -> None:
    response = httpx.get(server_url + "/dump")
    assert response.headers["content-type"].startswith("application/n-quads")
    Dataset().parse(data=response.content, format="nquads")
    count = sparql(server_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").json()
    assert len(response.text.splitlines()) == int(count["results"]["bindings"][0]["n"]["value"])


def test_void_describes_the_dataset(server_url: str) -> None:
    graph = Graph().parse(
        data=httpx.get(server_url + "/void", headers={"accept": "text/turtle"}).content, format="turtle"
    )
    void = "http://rdfs.org/ns/void#"
    assert (None, URIRef(void + "sparqlEndpoint"), URIRef(server_url + "/sparql")) in graph
    assert int(next(graph.objects(None, URIRef(void + "triples")))) > 1000  # type: ignore[call-overload]


def test_health_and_openapi(server_url: str) -> None:
    assert httpx.get(server_url + "/health").json()["status"] == "ok"
    assert httpx.get(server_url + "/docs").status_code == 200
    assert "/sparql" in httpx.get(server_url + "/openapi.json").json()["paths"]


def test_the_yasgui_page_has_the_named_queries_as_tabs_and_its_assets_offline(server_url: str) -> None:
    page = httpx.get(server_url + "/").text
    assert "/static/yasgui/yasgui.min.js" in page and "https://" not in page.split("<script>")[0].split("</head>")[0]
    tabs = json.loads(page.split("const TABS = ")[1].split(";\n")[0])
    assert [t["name"] for t in tabs] == [
        "Bodies a resolution requests to act",
        "Resolutions that cite a given one",
        "What a resolution cites, by paragraph",
        "Treaties a resolution urges States to ratify",
    ]
    for asset in ("/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css"):
        assert httpx.get(server_url + asset).status_code == 200, f"{asset}: run 'make install' (npm)"


# --- real clients -----------------------------------------------------------------------


def test_sparqlwrapper(server_url: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server_url + "/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert len(result["results"]["bindings"]) == 2  # type: ignore[index,call-overload]


def test_rdflib_sparqlstore(server_url: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server_url + "/sparql"))
    labels = list(graph.objects(URIRef(ID + "A/RES/62/176"), RDFS.label))
    assert labels == [Literal("A/RES/62/176")]
    assert isomorphic(
        graph.query(CONSTRUCT).graph, Graph().parse(data=sparql(server_url, CONSTRUCT).content, format="turtle")
    )  # type: ignore[arg-type]


def test_xml_results_keep_a_carriage_return(server_url: str) -> None:
    response = sparql(server_url, 'SELECT ("a\\rb" AS ?x) {}', headers={"accept": "application/sparql-results+xml"})
    literal = ET.fromstring(response.content).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal is not None and literal.text == "a\rb"


def test_xml_results_refuse_control_characters_and_point_to_json(server_url: str) -> None:
    query = 'SELECT ("a\\u0001b" AS ?x) {}'
    response = sparql(server_url, query, headers={"accept": "application/sparql-results+xml"})
    assert response.status_code == 406 and "ask for JSON results" in response.text
    assert sparql(server_url, query).json()["results"]["bindings"][0]["x"]["value"] == "a\x01b"


# --- chains -------------------------------------------------------------------------------


def test_the_chain_api_answers_cytoscape_elements(server_url: str) -> None:
    data = httpx.get(server_url + "/api/chains/A/RES/62/176", params={"depth": 1}, timeout=60).json()
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    assert nodes[ID + "A/RES/62/176"]["root"] is True
    edge = next(e["data"] for e in data["elements"]["edges"] if e["data"]["target"] == ID + "A/RES/61/183")
    assert edge["source"] == ID + "A/RES/62/176" and edge["functions"] == ["recalling"]


def test_the_chains_between_two_resolutions(server_url: str) -> None:
    data = httpx.get(server_url + "/api/chains/A/RES/62/176/to/A/RES/61/183", timeout=60).json()
    assert data["shortest"] == [ID + "A/RES/62/176", ID + "A/RES/61/183"] and data["chains"] == [data["shortest"]]


def test_the_chain_api_narrows_by_function_and_says_what_it_can_choose(server_url: str) -> None:
    url = server_url + "/api/chains/A/RES/62/176"
    everything = httpx.get(url, params={"depth": 1, "view": "true"}, timeout=60).json()
    recalled = httpx.get(url, params={"depth": 1, "function": "recalling"}, timeout=60).json()
    assert {e["data"]["target"] for e in recalled["elements"]["edges"]} == {
        ID + "A/RES/61/183",
        ID + "A/RES/60/1",
        ID + "A/RES/55/2",
    }
    assert everything["choices"]["bodies"] == ["ECOSOC", "GA", "other"]  # E/CN.7/RES/50/12 is the CND's
    assert everything["tree"][0] == {
        "branch": "",
        "node": ID + "A/RES/62/176",
        "cited_by": False,
        "functions": [],
        "paragraphs": [],
        "repeated": False,
    }
    assert "tree" not in recalled


@pytest.mark.parametrize(
    ("params", "status", "said"),
    [
        ({"body": "UNESCO"}, 400, "no body UNESCO: body is one of SC, GA, ECOSOC, other, none"),
        ({"only": "treaties"}, 400, "only is 'resolutions', not 'treaties'"),
        (
            {"function": "recalling,bogus"},
            400,
            "no citation function bogus: function is one of acting-under, adopting,",
        ),
        ({"since": "2010", "until": "2000"}, 400, "since (2010) is after until (2000)"),
        ({"since": "last year"}, 400, "since: 'last year' is not valid (input should be a valid integer"),
        ({"depth": "abc"}, 400, "depth: 'abc' is not valid"),
        ({"depth": "100000"}, 400, "depth is 0 to 50, not 100000"),
        ({"direction": "backward"}, 400, "direction is back, forward or both, not 'backward'"),
    ],
)
def test_a_bad_chain_filter_is_refused(server_url: str, params: dict[str, str], status: int, said: str) -> None:
    response = httpx.get(server_url + "/api/chains/A/RES/62/176", params=params, timeout=60)
    assert response.status_code == status and said in response.text


@pytest.mark.parametrize(
    ("path", "status", "said"),
    [
        ("/chains/A/RES/62/176?depth=abc", 400, "depth: &#39;abc&#39; is not valid"),
        ("/chains/A/RES/62/176/to/garbage", 404, ""),
        ("/go?symbol=garbage", 400, "&#39;garbage&#39; is not a UN symbol"),
        ("/no/such/route", 404, "no such page"),
    ],
)
def test_a_browser_gets_an_error_as_a_page(server_url: str, path: str, status: int, said: str) -> None:
    response = httpx.get(server_url + path, headers={"Accept": "text/html"}, timeout=60)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and said in response.text


def test_an_unknown_route_is_one_plain_line_for_a_program(server_url: str) -> None:
    response = httpx.get(server_url + "/no/such/route", timeout=60)
    assert response.status_code == 404 and response.text == "no such page\n"


@pytest.mark.parametrize(
    ("given", "page"),
    [
        ("598 (1987)", "/id/S/RES/598_(1987)"),
        ("Resolution 1514 (XV)", "/id/A/RES/1514_(XV)"),
        ("61/183", "/id/A/RES/61/183"),
    ],
)
def test_the_symbol_box_takes_a_resolution_as_texts_cite_it(server_url: str, given: str, page: str) -> None:
    response = httpx.get(server_url + "/go", params={"symbol": given}, timeout=60)
    assert response.status_code == 303 and response.headers["location"].endswith(page)


def test_a_symbol_spelt_otherwise_in_the_address_is_sent_to_its_page(server_url: str) -> None:
    response = httpx.get(server_url + "/id/a/res/62/176.ttl", timeout=60)
    assert response.status_code == 301 and response.headers["location"] == "/id/A/RES/62/176.ttl"


def test_the_citation_count_takes_the_symbol_as_pages_spell_it(server_url: str) -> None:
    spelt = httpx.get(server_url + "/api/citation-count/A/RES/S-20/2", params={"format": "json"}, timeout=60)
    assert spelt.status_code == 200
    response = httpx.get(server_url + "/api/citation-count/S/RES/186_(1964)", params={"format": "json"}, timeout=60)
    assert response.status_code == 200


def test_an_empty_query_is_said_to_be_empty(server_url: str) -> None:
    response = httpx.get(server_url + "/sparql", params={"query": " "}, timeout=60)
    assert response.status_code == 400
    assert response.text == "the query is empty: give a SPARQL query in the 'query' parameter\n"


def test_the_lineage_api_gives_the_series_oldest_first(server_url: str) -> None:
    data = httpx.get(server_url + "/api/lineage/A/RES/62/176", timeout=60).json()
    assert data["series"][-1] == ID + "A/RES/62/176"


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
        ("dot", "text/vnd.graphviz"),
        ("svg", "image/svg+xml"),
    ],
)
def test_the_chain_api_exports(server_url: str, fmt: str, media_type: str) -> None:
    response = httpx.get(server_url + "/api/chains/A/RES/62/176", params={"format": fmt}, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert "A/RES/61/183" in response.text


def test_an_unknown_chain_is_404(server_url: str) -> None:
    assert httpx.get(server_url + "/api/chains/A/RES/99/999").status_code == 404
    assert httpx.get(server_url + "/chains/A/RES/99/999").status_code == 404


def test_the_api_docs_work_offline(server_url: str) -> None:
    page = httpx.get(server_url + "/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page and "cdn." not in page
    assert httpx.get(server_url + "/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_a_named_query_answers_csv_on_request(server_url: str) -> None:
    response = httpx.get(
        server_url + "/api/queries/treaties-urged", params={"resolution": "a/res/62/176", "format": "csv"}
    )
    assert response.headers["content-type"].startswith("text/csv") and len(response.text.splitlines()) == 6


def test_a_named_query_answers_the_type_accept_asks_for(server_url: str) -> None:
    response = httpx.get(
        server_url + "/api/queries/treaties-urged",
        params={"resolution": "A/RES/62/176"},
        headers={"Accept": "text/csv"},
    )
    assert response.headers["content-type"].startswith("text/csv") and len(response.text.splitlines()) == 6


def test_a_named_query_answers_json_to_a_browser(server_url: str) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(server_url + "/api/queries/treaties-urged", headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_a_named_query_refuses_a_value_that_is_no_symbol(server_url: str) -> None:
    response = httpx.get(server_url + "/api/queries/treaties-urged", params={"resolution": "garbage"})
    assert response.status_code == 400 and "neither an IRI nor a UN symbol" in response.text
