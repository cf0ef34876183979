"""The ontology: bilingual, aligned to standard vocabularies, in step with the extractor's data."""

from __future__ import annotations

import tomllib

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.support import ROOT
from unxref.ontology import graph as ontology
from unxref.rdf.build import authority_graph
from unxref.vocab import CITO, ELI, FN, UNX

ONTOLOGY = URIRef("https://w3id.org/unxref/ontology")


def terms(graph: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(s for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef))


def test_the_ontology_has_a_version_iri_and_titles_in_english_and_french() -> None:
    graph = ontology()
    assert graph.value(ONTOLOGY, OWL.versionIRI) == URIRef("https://w3id.org/unxref/ontology/0.1.0")
    assert {t.language for t in graph.objects(ONTOLOGY, URIRef("http://purl.org/dc/terms/title"))} == {"en", "fr"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("term", terms(ontology()), ids=lambda t: t.split("#")[-1])
def test_every_term_has_a_label_and_definition_in_english_and_french(term: URIRef) -> None:
    graph = ontology()
    for predicate in (RDFS.label, SKOS.definition):
        languages = sorted(o.language for o in graph.objects(term, predicate) if isinstance(o, Literal))
        assert languages == ["en", "fr"], (term, predicate)


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (UNX.Resolution, ELI.LegalResource),
        (UNX.Paragraph, ELI.LegalResourceSubdivision),
        (UNX.Paragraph, URIRef("http://purl.org/spar/doco/Paragraph")),
        (UNX.Footnote, URIRef("http://purl.org/spar/doco/Footnote")),
        (UNX.Citation, CITO.Citation),
        (UNX.Body, URIRef("http://www.w3.org/ns/org#Organization")),
        (UNX.Resolution, URIRef("https://w3id.org/un/ontology/undo/Resolution")),
    ],
)
def test_classes_are_aligned_to_standard_vocabularies(term: URIRef, parent: URIRef) -> None:
    assert (term, RDFS.subClassOf, parent) in ontology()


@pytest.mark.parametrize(
    ("function", "cito"),
    [
        ("recalling", CITO.citesAsAuthority),
        ("reaffirming", CITO.confirms),
        ("welcoming", CITO.agreesWith),
        ("taking-note", CITO.citesForInformation),
        ("noting-with-appreciation", CITO.credits),
    ],
)
def test_each_verb_is_a_property_under_the_closest_cito_one(function: str, cito: URIRef) -> None:
    graph = ontology()
    prop = graph.value(FN[function], UNX.citationProperty)
    assert (prop, RDFS.subPropertyOf, cito) in graph


def test_urging_ratification_and_requesting_action_have_their_own_properties() -> None:
    graph = ontology()
    assert (UNX.urgesRatificationOf, RDFS.range, UNX.Treaty) in graph
    assert (UNX.requestsActionOf, RDFS.range, UNX.Body) in graph


def test_the_function_scheme_lists_the_verbs_the_extractor_reads() -> None:
    graph = ontology()
    for code in ("en", "fr"):
        data = tomllib.loads(
            (ROOT / "src" / "unxref" / "un" / "data" / "languages" / f"{code}.toml").read_text("utf-8")
        )
        expected = {(phrase, function) for phrase, (function, _) in data["verbs"]["phrases"].items()}
        listed = {
            (str(verb), str(graph.value(concept, SKOS.notation)))
            for concept, verb in graph.subject_objects(UNX.verbPhrase)
            if isinstance(verb, Literal) and verb.language == code
        }
        assert listed == expected, code


def test_every_function_concept_is_in_the_scheme_with_bilingual_labels() -> None:
    graph = ontology()
    for concept in graph.subjects(RDF.type, UNX.CitationFunction):
        assert (concept, SKOS.inScheme, UNX.CitationFunctions) in graph
        assert sorted(o.language for o in graph.objects(concept, SKOS.prefLabel)) == ["en", "fr"]  # type: ignore[attr-defined]


def test_every_ontology_term_the_data_uses_is_declared(seed_graph: Graph) -> None:
    declared = set(terms(ontology())) | set(ontology().subjects(RDF.type, SKOS.ConceptScheme))
    used = {
        term
        for graph in (seed_graph, authority_graph())
        for triple in graph
        for term in (triple[1], triple[2])
        if isinstance(term, URIRef) and str(term).startswith(str(UNX))
    }
    assert used - declared == set()


def test_authority_data_meets_the_minimum_counts() -> None:
    graph = authority_graph()
    assert len(set(graph.subjects(RDF.type, UNX.Body))) >= 40
    assert len(set(graph.subjects(RDF.type, UNX.Treaty))) >= 30


def test_every_authority_record_notes_its_source() -> None:
    graph = authority_graph()
    records = set(graph.subjects(RDF.type, UNX.Body)) | set(graph.subjects(RDF.type, UNX.Treaty))
    assert [r for r in records if graph.value(r, URIRef("http://purl.org/dc/terms/source")) is None] == []
