"""The SHACL shapes: the seed conforms, and a graph built to break each constraint fails with its message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS, SKOS, Namespace

from tests.support import CORPUS, needs_corpus
from tests.un.symbol_forms import REAL_SYMBOLS
from unxref.errors import InputError
from unxref.rdf.build import authority_graph
from unxref.rdf.shacl import check, compile_shapes
from unxref.rdf.triples import Literal as PlainLiteral
from unxref.rdf.triples import Triples, from_rdflib
from unxref.rdf.validate import parse_rdf_file, shapes, validate
from unxref.vocab import CITO, OA, UNX

ID = "https://w3id.org/unxref/id/"
SEED = URIRef(ID + "A/RES/62/176")
SH = Namespace("http://www.w3.org/ns/shacl#")
Mutation = Callable[[Graph], None]


def node(fragment: str) -> URIRef:
    return URIRef(f"{SEED}#{fragment}")


def replace(subject: URIRef, predicate: URIRef, *objects: object) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.remove((subject, predicate, None))
        for value in objects:
            graph.add((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def mutated(graph: Graph, mutate: Mutation) -> Graph:
    """A copy of the graph, broken by ``mutate``."""
    copy = Graph()
    copy += graph
    mutate(copy)
    return copy


def test_the_seed_conforms(seed_graph: Graph) -> None:
    assert validate(seed_graph) == []


def test_the_authority_records_conform() -> None:
    assert validate(authority_graph()) == []


BROKEN = [
    # resolution
    (
        "resolution-symbol-missing",
        SEED,
        replace(SEED, DCTERMS.identifier),
        "A resolution needs exactly one canonical resolution symbol",
    ),
    (
        "resolution-symbol-malformed",
        SEED,
        replace(SEED, DCTERMS.identifier, Literal("62/176")),
        "A resolution needs exactly one canonical resolution symbol",
    ),
    (
        "resolution-two-symbols",
        SEED,
        replace(SEED, DCTERMS.identifier, Literal("A/RES/62/176"), Literal("A/RES/62/177")),
        "A resolution needs exactly one canonical resolution symbol",
    ),
    ("resolution-no-body", SEED, replace(SEED, UNX.adoptedBy), "A resolution needs exactly one adopting body"),
    (
        "resolution-body-not-an-authority",
        SEED,
        replace(SEED, UNX.adoptedBy, URIRef(ID + "body/NOPE")),
        "A resolution needs exactly one adopting body",
    ),
    (
        "resolution-untyped-date",
        SEED,
        replace(SEED, UNX.adoptionDate, Literal("18 December 2007")),
        "A resolution has at most one adoption date, typed xsd:date",
    ),
    ("resolution-no-label", SEED, replace(SEED, RDFS.label), "A resolution needs a label"),
    ("resolution-no-undocs-link", SEED, replace(SEED, RDFS.seeAlso), "A resolution needs an rdfs:seeAlso link"),
    (
        "resolution-untagged-title",
        SEED,
        replace(SEED, DCTERMS.title, Literal("Coopération")),
        "A resolution's title must be a language-tagged string",
    ),
    # document
    (
        "document-symbol-malformed",
        URIRef(ID + "A/62/117"),
        replace(URIRef(ID + "A/62/117"), DCTERMS.identifier, Literal("a/62/117 ")),
        "A UN document needs exactly one canonical symbol",
    ),
    (
        "document-no-label",
        URIRef(ID + "A/62/117"),
        replace(URIRef(ID + "A/62/117"), RDFS.label),
        "A UN document needs a label",
    ),
    # paragraph
    (
        "paragraph-orphan",
        node("OP1"),
        replace(node("OP1"), DCTERMS.isPartOf),
        "A paragraph must be part of exactly one resolution",
    ),
    ("paragraph-no-order", node("OP1"), replace(node("OP1"), UNX.order), "A paragraph needs exactly one position"),
    (
        "paragraph-number-zero",
        node("OP1"),
        replace(node("OP1"), UNX.paragraphNumber, Literal(0)),
        "A paragraph has at most one number",
    ),
    (
        "paragraph-unknown-function",
        node("OP1"),
        replace(node("OP1"), UNX.function, URIRef("https://w3id.org/unxref/ontology/function/grumbling")),
        "A paragraph has at most one function",
    ),
    (
        "paragraph-untagged-text",
        node("OP1"),
        replace(node("OP1"), UNX.text, Literal("1. Se félicite")),
        "A paragraph needs its text",
    ),
    # footnote
    (
        "footnote-no-number",
        node("note-1"),
        replace(node("note-1"), UNX.noteNumber),
        "A footnote needs exactly one number",
    ),
    (
        "footnote-string-number",
        node("note-1"),
        replace(node("note-1"), UNX.noteNumber, Literal("1")),
        "A footnote needs exactly one number",
    ),
    ("footnote-no-text", node("note-1"), replace(node("note-1"), UNX.text), "A footnote needs its text"),
    # citation
    (
        "citation-two-citing-paragraphs",
        node("PP1-c1"),
        replace(node("PP1-c1"), CITO.hasCitingEntity, node("PP1"), node("PP2")),
        "A citation needs exactly one citing paragraph",
    ),
    (
        "citation-no-cited-entity",
        node("PP1-c1"),
        replace(node("PP1-c1"), CITO.hasCitedEntity),
        "A citation needs exactly one cited entity",
    ),
    (
        "citation-literal-cited-entity",
        node("PP1-c1"),
        replace(node("PP1-c1"), CITO.hasCitedEntity, Literal("A/RES/55/2")),
        "A citation needs exactly one cited entity",
    ),
    (
        "citation-no-function",
        node("PP1-c1"),
        replace(node("PP1-c1"), UNX.function),
        "A citation needs exactly one function",
    ),
    (
        "citation-no-characterization",
        node("PP1-c1"),
        replace(node("PP1-c1"), CITO.hasCitationCharacterization),
        "A citation needs exactly one CiTO characterization",
    ),
    (
        "citation-no-quote",
        node("PP1-c1"),
        replace(node("PP1-c1-quote"), OA.exact),
        "A citation needs exactly one quoted text",
    ),
    (
        "citation-negative-span",
        node("PP1-c1"),
        replace(node("PP1-c1-position"), OA.start, Literal(-1)),
        "A citation needs exactly one span start",
    ),
    (
        "citation-footnote-not-a-footnote",
        node("PP1-c2"),
        replace(node("PP1-c2"), UNX.footnote, node("PP1")),
        "A citation is made through at most one footnote",
    ),
]

TREATY = URIRef(ID + "treaty/single-convention-1961-amended")
BODY = URIRef(ID + "body/CND")
BROKEN_AUTHORITIES = [
    ("treaty-no-name", TREATY, replace(TREATY, SKOS.prefLabel), "A treaty needs a name"),
    (
        "treaty-unts-number-with-letters",
        TREATY,
        replace(TREATY, UNX.untsNumber, Literal("No. 14152")),
        "A treaty has at most one registration number",
    ),
    (
        "treaty-identifier-without-series",
        TREATY,
        replace(TREATY, DCTERMS.identifier, Literal("14152")),
        "A treaty has at most one dcterms:identifier",
    ),
    (
        "treaty-unknown-series",
        TREATY,
        replace(TREATY, UNX.treatySeries, Literal("OAS")),
        "A treaty's series (unx:treatySeries) is",
    ),
    (
        "treaty-untyped-date",
        TREATY,
        replace(TREATY, UNX.adoptionDate, Literal("1961-03-30")),
        "A treaty has at most one adoption date",
    ),
    ("body-no-code", BODY, replace(BODY, SKOS.notation), "A body needs exactly one code"),
    (
        "body-french-name-only",
        BODY,
        replace(BODY, SKOS.prefLabel, Literal("Commission des stupéfiants", lang="fr")),
        "A body needs an English name",
    ),
    (
        "body-parent-not-a-body",
        BODY,
        replace(BODY, ORG.subOrganizationOf, URIRef(ID + "treaty/untoc")),
        "A body's parent (org:subOrganizationOf) must itself be a unx:Body",
    ),
]


@pytest.mark.parametrize(("case", "focus", "mutate", "message"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_document_graph_fails_with_the_message(
    seed_graph: Graph, case: str, focus: URIRef, mutate: Mutation, message: str
) -> None:
    graph = mutated(seed_graph, mutate)
    violations = validate(graph)
    assert {v.focus for v in violations if v.message.startswith(message)} == {str(focus)}, violations


@pytest.mark.parametrize(
    ("case", "focus", "mutate", "message"), BROKEN_AUTHORITIES, ids=[c[0] for c in BROKEN_AUTHORITIES]
)
def test_a_broken_authority_record_fails_with_the_message(
    case: str, focus: URIRef, mutate: Mutation, message: str
) -> None:
    graph = mutated(authority_graph(), mutate)
    violations = validate(graph)
    assert {v.focus for v in violations if v.message.startswith(message)} == {str(focus)}, violations


def _found(violations: list) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return [(v.focus, v.path, v.message, v.severity) for v in violations]


def test_the_seed_conforms_to_the_compiled_shapes(seed_graph: Graph) -> None:
    assert check(from_rdflib(seed_graph)) == []


@pytest.mark.parametrize(("case", "focus", "mutate", "message"), BROKEN, ids=[c[0] for c in BROKEN])
def test_the_compiled_shapes_report_what_pyshacl_reports_on_a_broken_document(
    seed_graph: Graph, case: str, focus: URIRef, mutate: Mutation, message: str
) -> None:
    graph = mutated(seed_graph, mutate)
    reported = _found(check(from_rdflib(graph)))
    assert reported == _found(validate(graph))
    assert any(f == str(focus) and m.startswith(message) for f, _, m, _ in reported)


@pytest.mark.parametrize(
    ("case", "focus", "mutate", "message"), BROKEN_AUTHORITIES, ids=[c[0] for c in BROKEN_AUTHORITIES]
)
def test_the_compiled_shapes_report_what_pyshacl_reports_on_a_broken_authority_record(
    case: str, focus: URIRef, mutate: Mutation, message: str
) -> None:
    graph = mutated(authority_graph(), mutate)
    reported = _found(check(from_rdflib(graph)))
    assert reported == _found(validate(graph))
    assert any(f == str(focus) and m.startswith(message) for f, _, m, _ in reported)


@needs_corpus
@pytest.mark.parametrize("corpus", ["unsc-en", "unsc-fr", "ga-md"])
def test_the_compiled_shapes_and_pyshacl_agree_on_real_documents(corpus: str) -> None:
    from unxref.extract import extract_file
    from unxref.rdf.build import build_graphs

    for path in sorted((CORPUS / corpus).glob("*.*"))[:15]:
        try:
            document = extract_file(path)
        except InputError:  # a heading no resolution can have ("Résolution 90 (1994)")
            continue
        if document.symbol:
            graph = build_graphs(document).union()
            assert _found(check(graph)) == _found(validate(graph)), path.name


def test_a_shape_the_compiled_validator_does_not_check_is_refused() -> None:
    shape = "https://example.org/shapes#Short"
    graph = Triples()
    graph.add(shape, str(SH.targetClass), str(UNX.Paragraph))
    graph.add(shape, str(SH.maxLength), PlainLiteral("10", "http://www.w3.org/2001/XMLSchema#integer"))
    with pytest.raises(ValueError, match=r"uses http://www.w3.org/ns/shacl#maxLength, which"):
        compile_shapes(graph)


def test_a_node_kind_the_compiled_validator_does_not_check_is_refused() -> None:
    shape = "https://example.org/shapes#Blank"
    graph = Triples()
    graph.add(shape, str(SH.targetClass), str(UNX.Paragraph))
    graph.add(shape, str(SH.nodeKind), str(SH.BlankNode))
    with pytest.raises(ValueError, match=r"sh:nodeKind http://www.w3.org/ns/shacl#BlankNode is not one"):
        compile_shapes(graph)


def test_every_constraint_has_a_message() -> None:
    graph = shapes()
    constrained = set(graph.subjects(SH.path, None)) | set(graph.subjects(SH.nodeKind, None))
    assert constrained and all(graph.value(shape, SH.message) for shape in constrained)


def test_no_sparql_constraints() -> None:
    assert not list(shapes().triples((None, SH.sparql, None)))


def _pattern(shape: str) -> re.Pattern[str]:
    graph = shapes()
    prop = next(
        p
        for p in graph.objects(URIRef(f"https://w3id.org/unxref/shapes#{shape}"), SH.property)
        if graph.value(p, SH.path) == DCTERMS.identifier
    )
    return re.compile(str(graph.value(prop, SH.pattern)))


@pytest.mark.parametrize("canonical", sorted({c for _, c in REAL_SYMBOLS}))
def test_every_canonical_symbol_matches_the_shape_grammar(canonical: str) -> None:
    shape = "ResolutionShape" if "/RES/" in canonical else "DocumentShape"
    assert _pattern(shape).search(canonical), canonical


def test_a_graph_file_that_does_not_parse_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n')
    with pytest.raises(InputError, match=r"bad\.ttl: line 3, column 11: "):
        parse_rdf_file(bad)
