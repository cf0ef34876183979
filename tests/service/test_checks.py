"""The query checks read SPARQL's tokens: a keyword inside a string, an IRI, a comment or a
prefixed name is no keyword, whatever escapes the string holds."""

from __future__ import annotations

import pyoxigraph
import pytest

from unxref.formats import RESULTS, by_key
from unxref.service.checks import QueryRefused, capped, check_services, declares_dataset, is_update
from unxref.service.results import mark_truncated, row_count

ALLOWED = ("https://query.wikidata.org/sparql",)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { BIND('''a\\'''' AS ?x) SERVICE <http://127.0.0.1:9/sparql> {?s ?p ?o} BIND('y' AS ?y) }",
        'SELECT * WHERE { BIND("""a\\"""" AS ?x) SERVICE <http://127.0.0.1:9/sparql> {?s ?p ?o} }',
        "SELECT * WHERE { BIND('a\\'' AS ?x) SERVICE <http://127.0.0.1:9/sparql> {?s ?p ?o} }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> {?s ?p ?o} }",
        "SELECT * WHERE { SERVICE ?endpoint {?s ?p ?o} }",
        "PREFIX local: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE local:sparql {?s ?p ?o} }",
        "SELECT * WHERE { SERVICE unknown:sparql {?s ?p ?o} }",
        "select * where { service <http://127.0.0.1:9/sparql> {?s ?p ?o} }",
    ],
)
def test_a_service_call_outside_the_allowed_list_is_refused(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_services(query, ALLOWED)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s <http://example.org/service> ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/sparql> {}' }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/sparql> {}",
        "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "PREFIX wd: <https://query.wikidata.org/> SELECT * WHERE { SERVICE wd:sparql { ?s ?p ?o } }",
    ],
)
def test_what_is_no_forbidden_service_call_passes(query: str) -> None:
    check_services(query, ALLOWED)


@pytest.mark.parametrize(
    ("query", "dataset"),
    [
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", True),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }", True),
        ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ex:from ?x } }", False),
        ("PREFIX from: <http://example.org/> SELECT * WHERE { ?s from:x ?o }", False),
        ("SELECT * WHERE { ?s ?p 'FROM <http://example.org/g>' }", False),
        ("SELECT * WHERE { ?s <http://example.org/from> ?o }", False),
    ],
)
def test_only_a_from_clause_declares_a_dataset(query: str, dataset: bool) -> None:
    assert declares_dataset(query) is dataset


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("INSERT DATA { <a:s> <a:p> <a:o> }", True),
        ("PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }", True),
        ("BASE <http://example.org/> PREFIX : <x> CLEAR ALL", True),
        ("# a comment\nDROP GRAPH <http://example.org/g>", True),
        ("LOAD <http://example.org/data.ttl>", True),
        ("SELECT * WHERE { ?s <http://example.org/insert> 'DELETE' }", False),
        ("PREFIX insert: <http://example.org/> SELECT * WHERE { ?s insert:x ?o }", False),
        ("ASK {}", False),
    ],
)
def test_an_update_is_told_by_its_first_keyword(text: str, update: bool) -> None:
    assert is_update(text) is update


@pytest.mark.parametrize(
    ("query", "wrapped"),
    [
        (
            "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
            "SELECT ?s WHERE {\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n} LIMIT 11",
        ),
        (
            "PREFIX ex: <http://example.org/> SELECT ?o ?s { ?s ex:p ?o } # the end",
            "PREFIX ex: <http://example.org/> SELECT ?o ?s WHERE {\nSELECT ?o ?s { ?s ex:p ?o } # the end\n} LIMIT 11",
        ),
        (
            "SELECT DISTINCT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s",
            "SELECT ?s ?n WHERE {\nSELECT DISTINCT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s\n} LIMIT 11",
        ),
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("ASK { ?s ?p ?o }", None),
        ("CONSTRUCT WHERE { ?s ?p ?o }", None),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", None),
    ],
)
def test_a_select_is_capped_by_the_engine_inside_its_own_prologue(query: str, wrapped: str | None) -> None:
    assert capped(query, 11) == wrapped


@pytest.mark.parametrize("key", ["json", "xml", "csv", "tsv"])
def test_rows_are_counted_exactly_in_what_pyoxigraph_writes(key: str) -> None:
    store = pyoxigraph.Store()
    for value in ('x\ny<result>,"q', "z", "a\r\nb"):
        store.add(
            pyoxigraph.Quad(
                pyoxigraph.NamedNode("http://a"), pyoxigraph.NamedNode("http://p"), pyoxigraph.Literal(value)
            )
        )
    fmt = by_key(RESULTS, key)
    body = store.query("SELECT ?o WHERE { ?s ?p ?o }").serialize(format=fmt.results)  # type: ignore[union-attr]
    assert row_count(body, fmt) == 3


def test_a_cut_is_said_in_the_head_of_json_and_xml() -> None:
    assert mark_truncated(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}', by_key(RESULTS, "json")) == (
        b'{"head":{"vars":["s"],"link":["urn:unxref:truncated"]},"results":{"bindings":[]}}'
    )
    assert b'<link href="urn:unxref:truncated"/></head>' in mark_truncated(b"<head></head>", by_key(RESULTS, "xml"))
