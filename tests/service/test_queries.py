"""The named queries in queries/, run on the bundled example with exact answers."""

from __future__ import annotations

import pytest
from rdflib import Graph

from unxref.model import Document
from unxref.rdf.build import provenance
from unxref.rdf.serialize import ntriples
from unxref.service import queries
from unxref.store import Store

ID = "https://w3id.org/unxref/id/"


@pytest.fixture(scope="module")
def store(seed_document: Document, seed_graph: Graph) -> Store:
    store = Store()
    store.load_reference()
    assert seed_document.symbol
    store.replace_document(seed_document.symbol, ntriples(seed_graph), provenance(seed_document, "0" * 64).ntriples())
    return store


def run(store: Store, name: str, **values: str) -> list[tuple[str | None, ...]]:
    query = queries.get(name)
    rows = store.query(query.bound(values))
    return [tuple(None if term is None else term.value for term in row) for row in rows]  # type: ignore[union-attr]


def test_every_query_has_a_title_description_and_parameters() -> None:
    for query in queries.load_all().values():
        assert query.title and query.description and query.parameters, query.name


def test_what_a_resolution_cites_by_paragraph_and_function(store: Store) -> None:
    rows = run(store, "cites-by-paragraph", resolution="A/RES/62/176")
    by_paragraph = [(p.split("#")[1], function, identifier, note) for _, p, function, _, identifier, note in rows]  # type: ignore[union-attr]
    assert by_paragraph[:10] == [
        ("PP1", "recalling", "A/RES/55/2", "1"),
        ("PP1", "recalling", "A/RES/60/1", "2"),
        ("PP1", "recalling", "A/RES/61/183", None),
        ("PP2", "reaffirming", "A/RES/S-20/2", "3"),
        ("PP3", "reaffirming", "A/58/124", "4"),
        ("PP3", "reaffirming", "A/RES/54/132", "5"),
        ("PP3", "reaffirming", "A/RES/S-20/3", "6"),
        ("PP3", "reaffirming", "A/RES/S-20/4", "7"),
        ("PP3", "reaffirming", "E/2003/28/Rev.1", "4"),
        ("PP6", "reaffirming", "un-charter", None),
    ]
    assert ("OP23", "noting-with-appreciation", "E/RES/2007/12", None) in by_paragraph
    assert by_paragraph[-1] == ("OP28", "taking-note", "A/62/117", "16")
    assert len(by_paragraph) == 39


def test_which_treaties_it_urges_states_to_ratify_with_unts_numbers(store: Store) -> None:
    rows = run(store, "treaties-urged", resolution="A/RES/62/176")
    assert [(name, number) for _, _, name, number in rows] == [
        ("Convention on Psychotropic Substances, 1971", "14956"),
        ("Single Convention on Narcotic Drugs, 1961, as amended by the 1972 Protocol", "14152"),
        ("United Nations Convention against Corruption", "42146"),
        ("United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances", "27627"),
        ("United Nations Convention against Transnational Organized Crime", "39574"),
    ]


def test_which_bodies_it_requests_to_act(store: Store) -> None:
    rows = run(store, "bodies-requested", resolution="A/RES/62/176")
    assert rows == [
        (
            ID + "A/RES/62/176",
            ID + "body/UNODC",
            "UNODC",
            "United Nations Office on Drugs and Crime",
            ID + "A/RES/62/176#OP24",
            "Prie",
        )
    ]


def test_which_resolutions_cite_a_given_one(store: Store) -> None:
    rows = run(store, "cited-by", cited="A/RES/61/183")
    assert rows == [
        (
            ID + "A/RES/61/183",
            ID + "A/RES/62/176",
            "A/RES/62/176",
            "2007-12-18",
            "Coopération internationale face au problème mondial de la drogue",
        )
    ]


def test_parameters_accept_an_iri_as_well_as_a_symbol(store: Store) -> None:
    assert run(store, "cited-by", cited=ID + "A/RES/61/183") == run(store, "cited-by", cited="A/RES/61/183")


def test_an_iri_parameter_cannot_end_its_term() -> None:
    query = queries.get("cited-by")
    with pytest.raises(queries.QueryError, match="is neither an IRI nor a UN symbol"):
        query.bound({"cited": "A/RES/61/183> } UNION { ?resolution ?p ?o"})
    with pytest.raises(queries.QueryError, match="is not a valid IRI"):
        query.bound({"cited": "http://example.org/> } UNION { ?resolution ?p ?o"})


def test_a_literal_parameter_stays_one_literal_whatever_it_holds(store: Store) -> None:
    text = "# title: Resolutions with a title\n# param title: literal: a title\nSELECT ?r WHERE { ?r <http://purl.org/dc/terms/title> ?title }\n"
    query = queries.NamedQuery(
        "titled", "Resolutions with a title", "", (queries.Parameter("title", "literal", ""),), text
    )
    hostile = '" } UNION { ?r ?p ?o } #'
    bound = query.bound({"title": hostile})
    assert 'VALUES (?title) { ("\\" } UNION { ?r ?p ?o } #") }' in bound
    assert list(store.query(bound)) == []  # type: ignore[arg-type]


def test_the_value_is_a_leading_values_block_the_engine_plans_with() -> None:
    bound = queries.get("cited-by").bound({"cited": "A/RES/61/183"})
    assert "VALUES (?cited) { (<https://w3id.org/unxref/id/A/RES/61/183>) }" in bound


def test_a_symbol_parameter_is_normalised(store: Store) -> None:
    assert run(store, "cited-by", cited="a/res/61/183") == run(store, "cited-by", cited="A/RES/61/183") != []


def test_unknown_parameters_are_refused() -> None:
    with pytest.raises(queries.QueryError, match="has no parameter colour"):
        queries.get("cited-by").bound({"cited": "A/RES/1", "colour": "red"})
    with pytest.raises(queries.QueryError, match="no query named 'nope'"):
        queries.get("nope")


@pytest.mark.parametrize("name", sorted(queries.load_all()))
def test_a_query_without_its_parameters_answers_for_the_whole_store(store: Store, name: str) -> None:
    assert queries.get(name).bound({}) == queries.get(name).text
    assert len(list(store.query(queries.get(name).text))) > 0  # type: ignore[arg-type]
