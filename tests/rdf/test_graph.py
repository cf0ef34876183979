"""The graph of the bundled example, A/RES/62/176: IRIs, nodes, citations, formats."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from tests.support import EXAMPLE, ROOT
from unxref.errors import InputError
from unxref.model import Document
from unxref.rdf.build import authority_graph, build, build_graphs, extractor, provenance
from unxref.rdf.iris import symbol_path
from unxref.rdf.serialize import ntriples, serialize
from unxref.vocab import CITO, ELI, OA, UNX

ID = "https://w3id.org/unxref/id/"
SEED = URIRef(ID + "A/RES/62/176")
GA = URIRef(ID + "body/GA")


def node(fragment: str) -> URIRef:
    return URIRef(f"{SEED}#{fragment}")


def test_no_blank_nodes(seed_graph: Graph) -> None:
    assert not [t for t in seed_graph if any(isinstance(term, BNode) for term in t)]


def test_the_resolution_node(seed_graph: Graph) -> None:
    assert set(seed_graph.predicate_objects(SEED)) >= {
        (RDF.type, UNX.Resolution),
        (DCTERMS.identifier, Literal("A/RES/62/176")),
        (ELI.id_local, Literal("A/RES/62/176")),
        (RDFS.label, Literal("A/RES/62/176")),
        (RDFS.seeAlso, URIRef("https://undocs.org/A/RES/62/176")),
        (UNX.adoptedBy, GA),
        (UNX.adoptionDate, Literal("2007-12-18", datatype=XSD.date)),
        (UNX.akn4unWork, Literal("/akn/un/statement/deliberation/un-ga/2007-12-18/62-176", datatype=XSD.anyURI)),
        (DCTERMS.title, Literal("Coopération internationale face au problème mondial de la drogue", lang="fr")),
        (UNX.inCorpus, Literal(True)),
    }


@pytest.mark.parametrize(
    ("symbol", "path"),
    [
        ("A/RES/62/176", "A/RES/62/176"),
        ("S/RES/687 (1991)", "S/RES/687_(1991)"),
        ("A/RES/2200 (XXI)", "A/RES/2200_(XXI)"),
        ("E/2007/28/Corr.1", "E/2007/28/Corr.1"),
    ],
)
def test_iris_are_minted_from_symbols(symbol: str, path: str) -> None:
    assert symbol_path(symbol) == path


def test_a_paragraph_with_its_kind_number_section_verb_and_function(seed_graph: Graph) -> None:
    assert set(seed_graph.predicate_objects(node("OP24"))) >= {
        (RDF.type, UNX.Paragraph),
        (RDF.type, UNX.OperativeParagraph),
        (DCTERMS.isPartOf, SEED),
        (UNX.paragraphNumber, Literal(24)),
        (UNX.inSection, node("section-II")),
        (UNX.verb, Literal("Prie", lang="fr")),
        (UNX.function, URIRef("https://w3id.org/unxref/ontology/function/requesting")),
    }


def test_a_citation_node_with_paragraph_target_function_note_quote_and_span(
    seed_document: Document, seed_graph: Graph
) -> None:
    citation = node("PP1-c2")  # "résolution 55/2" in note 1 of PP1
    assert set(seed_graph.predicate_objects(citation)) >= {
        (RDF.type, UNX.Citation),
        (CITO.hasCitingEntity, node("PP1")),
        (CITO.hasCitedEntity, URIRef(ID + "A/RES/55/2")),
        (CITO.hasCitationCharacterization, CITO.citesAsAuthority),
        (UNX.function, URIRef("https://w3id.org/unxref/ontology/function/recalling")),
        (UNX.footnote, node("note-1")),
        (OA.hasSource, SEED),
    }
    quote = node("PP1-c2-quote")
    position = node("PP1-c2-position")
    start, end = int(seed_graph.value(position, OA.start)), int(seed_graph.value(position, OA.end))  # type: ignore[arg-type]
    assert seed_graph.value(quote, OA.exact) == Literal("résolution 55/2") == Literal(seed_document.text[start:end])


def test_document_and_paragraph_cite_at_both_levels(seed_graph: Graph) -> None:
    target = URIRef(ID + "A/RES/61/183")
    for citing in (SEED, node("PP1")):
        assert (citing, CITO.cites, target) in seed_graph
        assert (citing, UNX.recalls, target) in seed_graph
        assert (citing, CITO.citesAsAuthority, target) in seed_graph
    assert (node("PP2"), UNX.reaffirms, URIRef(ID + "A/RES/S-20/2")) in seed_graph
    assert (node("PP2"), CITO.confirms, URIRef(ID + "A/RES/S-20/2")) in seed_graph
    assert (node("OP1"), UNX.welcomes, URIRef(ID + "E/2007/28")) in seed_graph
    assert (node("OP28"), UNX.takesNoteOf, URIRef(ID + "A/62/117")) in seed_graph
    assert (node("OP23"), UNX.notesWithAppreciation, URIRef(ID + "E/RES/2007/12")) in seed_graph


def test_cited_resolutions_are_nodes_with_symbol_kind_and_adopting_body(seed_graph: Graph) -> None:
    cnd = URIRef(ID + "E/CN.7/RES/50/12")
    assert set(seed_graph.predicate_objects(cnd)) == {
        (RDF.type, UNX.Resolution),
        (DCTERMS.identifier, Literal("E/CN.7/RES/50/12")),
        (ELI.id_local, Literal("E/CN.7/RES/50/12")),
        (RDFS.label, Literal("E/CN.7/RES/50/12")),
        (RDFS.seeAlso, URIRef("https://undocs.org/E/CN.7/RES/50/12")),
        (RDFS.seeAlso, URIRef("https://digitallibrary.un.org/search?ln=en&p=%22E%2FCN.7%2FRES%2F50%2F12%22")),
        (UNX.adoptedBy, URIRef(ID + "body/CND")),
    }
    assert (URIRef(ID + "E/RES/2007/12"), UNX.adoptedBy, URIRef(ID + "body/ECOSOC")) in seed_graph
    assert (URIRef(ID + "E/2007/28/Corr.1"), RDF.type, UNX.Document) in seed_graph


def test_treaties_link_to_authority_records_with_unts_numbers(seed_graph: Graph) -> None:
    single = URIRef(ID + "treaty/single-convention-1961-amended")
    assert (SEED, CITO.cites, single) in seed_graph
    authorities = authority_graph()
    assert authorities.value(single, UNX.untsNumber) == Literal("14152")
    assert authorities.value(single, DCTERMS.identifier) == Literal("UNTS 14152")


def test_treaties_urged_for_ratification_and_bodies_requested_to_act(seed_graph: Graph) -> None:
    urged = {str(o).rsplit("/", 1)[1] for o in seed_graph.objects(node("OP3"), UNX.urgesRatificationOf)}
    assert urged == {
        "single-convention-1961-amended",
        "psychotropic-substances-1971",
        "illicit-traffic-1988",
        "untoc",
        "uncac",
    }
    assert set(seed_graph.subject_objects(UNX.requestsActionOf)) == {
        (SEED, URIRef(ID + "body/UNODC")),
        (node("OP24"), URIRef(ID + "body/UNODC")),
    }


def test_footnotes_belong_to_the_paragraphs_that_call_them(seed_graph: Graph) -> None:
    assert set(seed_graph.subjects(UNX.hasFootnote, node("note-4"))) == {node("PP3"), node("OP4"), node("OP26")}
    assert seed_graph.value(node("note-1"), UNX.text) == Literal("Voir résolution 55/2.", lang="fr")


def test_the_document_graph_holds_no_time_or_file_facts(seed_graph: Graph) -> None:
    assert not list(seed_graph.triples((None, PROV.endedAtTime, None)))
    assert EXAMPLE.name not in ntriples(seed_graph)


def test_provenance_names_the_source_file_extractor_and_time(seed_document: Document) -> None:
    graph = provenance(seed_document, "0" * 64).graph()
    named = URIRef(ID + "graph/A/RES/62/176")
    assert (named, PROV.wasDerivedFrom, URIRef("urn:sha256:" + "0" * 64)) in graph
    activity = graph.value(named, PROV.wasGeneratedBy)
    assert graph.value(activity, PROV.endedAtTime) is not None
    agent = graph.value(activity, PROV.wasAssociatedWith)
    assert str(extractor().graph().value(agent, RDFS.label)).startswith("unxref ")  # stated once, in the shared graph


def test_the_base_is_configurable(seed_document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNXREF_BASE", "http://example.org/un/")
    graph = build(seed_document)
    resolution = URIRef("http://example.org/un/A/RES/62/176")
    assert graph.value(resolution, UNX.adoptedBy) == URIRef("http://example.org/un/body/GA")
    assert not [s for s in graph.subjects() if str(s).startswith(ID)]


def test_a_document_without_symbol_is_refused(seed_document: Document) -> None:
    nameless = Document(text=seed_document.text, source="nameless.txt")
    with pytest.raises(InputError, match=r"nameless\.txt: has no symbol"):
        build(nameless)


def test_two_runs_give_byte_identical_ntriples() -> None:
    command = [sys.executable, "-m", "unxref.cli", "extract", str(EXAMPLE), "--symbol", "A/RES/62/176", "-f", "nt"]
    first, second = (subprocess.run(command, capture_output=True, check=True, cwd=ROOT).stdout for _ in range(2))
    assert first == second
    lines = first.decode().splitlines()
    assert lines == sorted(lines) and len(lines) > 1000


@pytest.mark.parametrize(
    ("rdf_format", "parse_as"),
    [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_outputs_parse_back_to_the_same_graph(seed_graph: Graph, rdf_format: str, parse_as: str) -> None:
    text = serialize(seed_graph, rdf_format, URIRef(ID + "graph/A/RES/62/176"))
    assert isomorphic(Graph().parse(data=text, format=parse_as), seed_graph)


def test_nquads_name_the_document_graph(seed_graph: Graph) -> None:
    text = serialize(seed_graph, "nq", URIRef(ID + "graph/A/RES/62/176"))
    assert all(line.endswith(f"<{ID}graph/A/RES/62/176> .") for line in text.splitlines())


def test_jsonld_uses_the_published_context(seed_graph: Graph) -> None:
    text = serialize(seed_graph, "jsonld", URIRef(ID + "graph/A/RES/62/176"))
    published = (ROOT / "ontology" / "context.jsonld").read_text()
    assert '"cito": "http://purl.org/spar/cito/"' in text and '"cito": "http://purl.org/spar/cito/"' in published


def test_authority_records_carry_labels_in_english_and_french() -> None:
    graph = authority_graph()
    cnd = URIRef(ID + "body/CND")
    assert {(label.language, str(label)) for label in graph.objects(cnd, SKOS.prefLabel)} == {  # type: ignore[attr-defined]
        ("en", "Commission on Narcotic Drugs"),
        ("fr", "Commission des stupéfiants"),
    }


def test_the_document_graph_describes_only_the_document_and_its_parts(seed_document: Document) -> None:
    graphs = build_graphs(seed_document)
    own = ID + "A/RES/62/176"
    assert {s for s, _, _ in graphs.own if s != own and not s.startswith(own + "#")} == set()
    assert (ID + "E/CN.7/RES/50/12", str(RDF.type), str(UNX.Resolution)) in set(graphs.shared)
    assert not set(graphs.own) & set(graphs.shared)
