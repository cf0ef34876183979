"""Resource pages a legal scholar reads, and the RDF behind them, from the live server."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from tests.support import needs_corpus
from unxref.service.pages import resource_page, resource_triples

ID = "https://w3id.org/unxref/id/"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def seed_page(server_url: str) -> str:
    return httpx.get(server_url + "/id/A/RES/62/176", headers=HTML).text


def test_a_marker_is_a_superscript_link_to_its_numbered_note_and_back(seed_page: str) -> None:
    assert '<sup class="marker" id="ref-PP1-0"><a href="#note-1" title="note 1">1</a></sup>' in seed_page
    note = re.search(r'<li id="note-1" value="1">.*?</li>', seed_page, re.S)
    assert note and '<span class="number">1</span>' in note.group() and 'href="#ref-PP1-0"' in note.group()


def test_the_citations_a_note_makes_are_shown_at_the_paragraph_that_calls_it(seed_page: str) -> None:
    pp1 = re.search(r'<div class="paragraph" id="PP1">.*?</div>', seed_page, re.S)
    assert (
        pp1
        and 'In its notes: <a href="/id/A/RES/55/2">A/RES/55/2</a> <a class="note-ref" href="#note-1">(note 1)</a>; <a href="/id/A/RES/60/1">'
        in pp1.group()
    )


def test_a_note_links_what_it_cites(seed_page: str) -> None:
    assert '<a class="citation" href="/id/A/RES/55/2" title="A/RES/55/2 (recalling)">résolution 55/2</a>' in seed_page


def test_the_unts_number_in_a_note_links_the_treaty_cited_through_it(seed_page: str) -> None:
    note = re.search(r'<li id="note-9" value="9">.*?</li>', seed_page, re.S)
    assert note and '<a class="citation" href="/id/treaty/single-convention-1961-amended"' in note.group()
    assert ">14152</a>" in note.group()


def test_a_paragraph_has_its_own_anchor(seed_page: str) -> None:
    assert '<div class="paragraph" id="OP24">' in seed_page and '<a class="anchor" href="#OP24">OP24</a>' in seed_page


def test_each_section_heads_its_first_paragraph(seed_page: str) -> None:
    headings = re.findall(
        r'<h3 class="section" id="([^"]+)">([^<]+)</h3>\s*<div class="paragraph" id="([^"]+)">', seed_page
    )
    assert headings == [
        (
            "section-I",
            "I. Coopération internationale face au problème mondial de la drogue et suite donnée à la vingtième session"
            " extraordinaire",
            "OP1",
        ),
        ("section-II", "II. L’action du système des Nations Unies", "OP21"),
    ]


def test_the_page_links_undocs_the_digital_library_and_the_chain(seed_page: str) -> None:
    assert 'href="https://undocs.org/A/RES/62/176"' in seed_page
    assert 'href="https://digitallibrary.un.org/search?ln=en&amp;p=%22A%2FRES%2F62%2F176%22"' in seed_page
    assert '<a href="/chains/A/RES/62/176" class="chain">' in seed_page


@needs_corpus
def test_cited_by_is_grouped_by_function_with_counts_and_paragraph_links(server_url: str) -> None:
    page = httpx.get(server_url + "/id/S/RES/242_(1967)", headers=HTML).text
    groups = re.findall(r"<h3>([\w -]+) <span class=\"count\">\((\d+)\)</span></h3>", page)
    assert len(groups) >= 2 and groups == sorted(groups, key=lambda g: -int(g[1]))
    assert re.search(r'<a href="/id/S/RES/\d+_\(\d{4}\)#OP\d+">OP\d+</a>', page)


def test_a_treaty_page_is_headed_by_its_name(server_url: str) -> None:
    page = httpx.get(server_url + "/id/treaty/single-convention-1961", headers=HTML).text
    assert "<h1>Single Convention on Narcotic Drugs, 1961</h1>" in page
    assert ">unx:untsNumber</a></th><td>7515" in page


def test_properties_show_prefixed_names_and_language_tags(server_url: str) -> None:
    page = httpx.get(server_url + "/id/treaty/single-convention-1961", headers=HTML).text
    assert '<span class="note">@fr</span>' in page and ">skos:prefLabel</a>" in page


@pytest.mark.parametrize(
    "path", ["/id/graph/authorities", "/id/graph/shared", "/id/graph/A/RES/62/176", "/id/provenance/A/RES/62/176"]
)
def test_every_graph_the_store_names_dereferences(server_url: str, path: str) -> None:
    response = httpx.get(server_url + path, headers=HTML)
    assert response.status_code == 200 and "/graph-store?graph=" in response.text


def test_a_citation_iri_resolves_to_its_document_page(server_url: str) -> None:
    rdf = Graph().parse(data=httpx.get(server_url + "/id/A/RES/62/176.ttl").text, format="turtle")
    citation = URIRef(ID + "A/RES/62/176#PP1-c1")
    assert (citation, None, None) in rdf


def test_a_turtle_page_declares_only_the_prefixes_it_uses(server_url: str) -> None:
    text = httpx.get(server_url + "/id/A/RES/55/2.ttl").text
    declared = re.findall(r"^@prefix (\w+):", text, re.MULTILINE)
    statements = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    unused = [p for p in declared if f"{p}:" not in statements]
    assert declared and unused in ([], ["rdf"])  # rdf:type is written "a"
    assert "@prefix owl:" not in text and "@prefix xsd:" not in text


def test_the_rdf_of_a_cited_resolution_holds_the_citations_it_receives(server_url: str) -> None:
    rdf = Graph().parse(data=httpx.get(server_url + "/id/A/RES/55/2.ttl").text, format="turtle")
    assert (URIRef(ID + "A/RES/62/176"), URIRef("http://purl.org/spar/cito/cites"), URIRef(ID + "A/RES/55/2")) in rdf


def test_incoming_citations_are_paged(store_path: Path) -> None:
    store = pyoxigraph.Store.read_only(str(store_path))
    page = resource_page(store, ID + "A/RES/55/2")
    assert page is not None
    first, more = resource_triples(store, page, 0, size=1)
    rest, after = resource_triples(store, page, 1, size=1000)
    assert more and not after and rest and not set(rest) & set(first)
