"""A/RES/62/176 (French), the bundled example: every paragraph, note and citation."""

from __future__ import annotations

import pytest

from tests.support import EXAMPLE
from unxref.extract import extract_file
from unxref.model import Document


@pytest.fixture(scope="module")
def seed() -> Document:
    return extract_file(EXAMPLE, symbol="A/RES/62/176")


def test_heading(seed: Document) -> None:
    assert (seed.symbol, seed.language, seed.body, seed.title) == (
        "A/RES/62/176",
        "fr",
        "General Assembly",
        "Coopération internationale face au problème mondial de la drogue",
    )


def test_seven_preambular_and_twenty_eight_operative_paragraphs(seed: Document) -> None:
    ids = [p.id for p in seed.paragraphs]
    assert ids == [f"PP{n}" for n in range(1, 8)] + [f"OP{n}" for n in range(1, 29)]


def test_sections_one_and_two(seed: Document) -> None:
    assert [(s.label, s.title) for s in seed.sections] == [
        (
            "I",
            "Coopération internationale face au problème mondial de la drogue et suite donnée à la vingtième session extraordinaire",
        ),
        ("II", "L’action du système des Nations Unies"),
    ]
    sections = {p.id: p.section for p in seed.paragraphs}
    assert {sections[f"OP{n}"] for n in range(1, 21)} == {"I"}
    assert {sections[f"OP{n}"] for n in range(21, 29)} == {"II"}


def test_paragraph_six_has_sub_paragraphs_a_and_b(seed: Document) -> None:
    assert [s.label for s in seed.paragraph("OP6").subparagraphs] == ["a", "b"]


@pytest.mark.parametrize(
    ("paragraph", "verb", "function"),
    [
        ("PP1", "Rappelant", "recalling"),
        ("PP3", "Réaffirmant également", "reaffirming"),
        ("PP4", "Vivement préoccupée", "expressing-concern"),
        ("OP2", "Accueille également avec satisfaction", "welcoming"),
        ("OP3", "Demande instamment", "urging"),
        ("OP23", "Prend note avec satisfaction", "noting-with-appreciation"),
        ("OP24", "Prie", "requesting"),
        ("OP28", "Prend acte", "taking-note"),
    ],
)
def test_verbs_normalise_to_functions(seed: Document, paragraph: str, verb: str, function: str) -> None:
    assert (seed.paragraph(paragraph).verb, seed.paragraph(paragraph).function) == (verb, function)


def test_sixteen_footnotes_linked_to_every_paragraph_carrying_their_marker(seed: Document) -> None:
    assert {n.number: n.paragraphs for n in seed.footnotes} == {
        1: ["PP1"], 2: ["PP1"], 3: ["PP2"], 4: ["PP3", "OP4", "OP26"], 5: ["PP3", "OP4"], 6: ["PP3", "OP4"],
        7: ["PP3", "OP11"], 8: ["OP1", "OP2"], 9: ["OP3"], 10: ["OP3"], 11: ["OP3"], 12: ["OP3"], 13: ["OP3"],
        14: ["OP4", "OP26"], 15: ["OP19"], 16: ["OP28"],
    }  # fmt: skip


def test_markers_glued_to_years_are_split_from_the_year(seed: Document) -> None:
    glued = {
        seed.text[m.span[0] - 4 : m.span[1]]: m.number
        for m in seed.markers
        if seed.text[m.span[0] - 4 : m.span[0]].isdigit()
    }
    assert glued == {"20052": 2, "19729": 9, "197110": 10, "198811": 11}


def test_every_cited_item_and_nothing_else(seed: Document) -> None:
    cited = {(c.kind, c.target) for c in seed.citations}
    assert cited == {
        ("resolution", "A/RES/55/2"), ("resolution", "A/RES/60/1"), ("resolution", "A/RES/61/183"),
        ("resolution", "A/RES/S-20/2"), ("resolution", "A/RES/S-20/3"), ("resolution", "A/RES/S-20/4"),
        ("resolution", "A/RES/54/132"), ("resolution", "E/CN.7/RES/50/12"), ("resolution", "A/RES/55/25"),
        ("resolution", "A/RES/55/255"), ("resolution", "A/RES/58/4"), ("resolution", "E/RES/2007/12"),
        ("document", "E/2003/28/Rev.1"), ("document", "A/58/124"), ("document", "E/2007/28"),
        ("document", "E/2007/28/Corr.1"), ("document", "A/62/117"),
        ("treaty", "un-charter"), ("treaty", "single-convention-1961-amended"),
        ("treaty", "psychotropic-substances-1971"), ("treaty", "illicit-traffic-1988"),
        ("treaty", "untoc"), ("treaty", "uncac"),
    }  # fmt: skip


def test_three_treaties_are_cited_by_unts_number(seed: Document) -> None:
    assert sorted((c.name, c.unts, c.footnote) for c in seed.citations if c.unts) == [
        ("illicit-traffic-1988", "27627", 11),
        ("psychotropic-substances-1971", "14956", 10),
        ("single-convention-1961-amended", "14152", 9),
    ]


def test_a_resolution_in_a_note_on_a_narcotic_drugs_report_is_the_commissions(seed: Document) -> None:
    citation = next(c for c in seed.citations if c.symbol == "E/CN.7/RES/50/12")
    assert (citation.body, citation.footnote, citation.quote) == ("CND", 8, "résolution 50/12")


def test_an_instrument_named_in_the_text_cites_the_resolution_in_its_note(seed: Document) -> None:
    millennium = next(c for c in seed.citations if c.symbol == "A/RES/55/2")
    assert (millennium.paragraph, millennium.footnote, millennium.function) == ("PP1", 1, "recalling")


def test_a_range_of_special_session_resolutions_cites_each(seed: Document) -> None:
    in_op26 = sorted(c.symbol for c in seed.citations if c.paragraph == "OP26" and c.footnote == 14)
    assert in_op26 == ["A/RES/S-20/2", "A/RES/S-20/3", "A/RES/S-20/4"]


def test_ecosoc_resolution_by_its_year_number_form(seed: Document) -> None:
    citation = next(c for c in seed.citations if c.symbol == "E/RES/2007/12")
    assert (citation.paragraph, citation.quote, citation.function) == (
        "OP23",
        "sa résolution 2007/12 du 25 juillet 2007",
        "noting-with-appreciation",
    )


def test_every_quote_is_the_text_at_its_span(seed: Document) -> None:
    for item in [*seed.citations, *seed.mentions]:
        assert seed.text[item.span[0] : item.span[1]] == item.quote


def test_body_and_session_mentions_resolve_to_authority_records(seed: Document) -> None:
    mentions = {(m.paragraph, m.kind, m.id) for m in seed.mentions}
    assert {
        ("PP3", "session", "CND/46"), ("PP2", "session", "GA/S-20"), ("OP1", "session", "CND/52"),
        ("OP2", "session", "CND/51"), ("OP28", "session", "GA/63"), ("OP26", "session", "CND/46"),
        ("OP16", "body", "INCB"), ("OP2", "body", "UNODC"), ("OP24", "body", "STATCOM"), ("OP28", "body", "SG"),
        ("OP23", "body", "ECOSOC"), ("PP3", "body", "CND"),
    } <= mentions  # fmt: skip


def test_the_uncac_name_split_by_a_page_break_is_stitched(seed: Document) -> None:
    uncac = next(c for c in seed.citations if c.name == "uncac")
    assert uncac.quote == "Convention des Nations Unies contre la corruption"
