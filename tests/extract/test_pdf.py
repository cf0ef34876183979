"""The two official General Assembly PDFs: furniture removed, pages rejoined, every citation found."""

from __future__ import annotations

import pytest

from tests.support import CORPUS, needs_corpus
from unxref.extract import extract_file
from unxref.model import Document

pytestmark = needs_corpus


@pytest.fixture(scope="module")
def cuba() -> Document:
    return extract_file(CORPUS / "ga-pdf" / "A_RES_73_8-EN.pdf")


@pytest.fixture(scope="module")
def tuberculosis() -> Document:
    return extract_file(CORPUS / "ga-pdf" / "A_RES_73_3-EN.pdf")


def test_heading_of_73_8(cuba: Document) -> None:
    assert (cuba.symbol, cuba.date, cuba.body, cuba.meeting, cuba.title) == (
        "A/RES/73/8",
        "2018-11-01",
        "General Assembly",
        30,
        "Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba",
    )


def test_no_page_furniture_is_left_in_the_text(cuba: Document, tuberculosis: Document) -> None:
    for document in (cuba, tuberculosis):
        assert "18-18" not in document.text and "*18" not in document.text and "Distr." not in document.text
        assert document.text.count(document.symbol or "") == 1  # only where the masthead printed it


def test_73_8_has_eight_preambular_and_five_operative_paragraphs(cuba: Document) -> None:
    assert [p.id for p in cuba.paragraphs] == [f"PP{n}" for n in range(1, 9)] + [f"OP{n}" for n in range(1, 6)]


def test_73_8_cites_its_twenty_six_predecessors_twice(cuba: Document) -> None:
    years = [47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72]
    numbers = [19, 16, 9, 10, 17, 10, 4, 21, 20, 9, 11, 7, 11, 12, 11, 3, 7, 6, 6, 6, 4, 8, 5, 5, 5, 4]
    expected = sorted(f"A/RES/{y}/{n}" for y, n in zip(years, numbers, strict=True))
    for paragraph in ("PP6", "PP8"):
        assert sorted(c.symbol or "" for c in cuba.citations if c.paragraph == paragraph) == expected


def test_a_date_split_by_a_page_break_is_rejoined(cuba: Document) -> None:
    citation = next(c for c in cuba.citations if c.paragraph == "PP6" and c.symbol == "A/RES/57/11")
    assert citation.quote == "57/11 of 12 November 2002"


def test_73_8_operative_one_cites_the_report_in_its_note(cuba: Document) -> None:
    assert sorted((c.kind, c.target, c.footnote) for c in cuba.citations if c.paragraph == "OP1") == [
        ("document", "A/73/85", 1),
        ("resolution", "A/RES/72/4", None),
    ]


def test_73_8_cites_the_charter_three_times(cuba: Document) -> None:
    assert [c.paragraph for c in cuba.citations if c.name == "un-charter"] == ["PP1", "OP2", "OP4"]


def test_the_declaration_adopted_by_73_3_is_read_as_its_annex(tuberculosis: Document) -> None:
    assert [p.id for p in tuberculosis.paragraphs][:3] == ["OP1", "ANNEX-1", "ANNEX-2"]
    assert tuberculosis.paragraphs[-1].id == "ANNEX-53"
    assert (tuberculosis.symbol, tuberculosis.date, tuberculosis.meeting) == ("A/RES/73/3", "2018-10-10", 18)


def test_73_3_footnotes_link_to_their_paragraphs(tuberculosis: Document) -> None:
    assert {n.number: n.paragraphs for n in tuberculosis.footnotes} == {
        1: ["ANNEX-1"], 2: ["ANNEX-1"], 3: ["ANNEX-2"], 4: ["ANNEX-2"], 5: ["ANNEX-2"], 6: ["ANNEX-3"], 7: ["ANNEX-23"],
    }  # fmt: skip


def test_73_3_cites_resolutions_and_documents(tuberculosis: Document) -> None:
    cited = {(c.kind, c.target) for c in tuberculosis.citations}
    assert cited == {
        ("resolution", "A/RES/70/1"), ("resolution", "A/RES/69/313"), ("resolution", "A/RES/71/3"),
        ("resolution", "A/RES/70/266"), ("resolution", "A/RES/68/300"), ("resolution", "A/RES/72/139"),
        ("resolution", "A/HRC/RES/33/11"), ("resolution", "A/RES/55/2"), ("resolution", "A/RES/70/175"),
        ("document", "A/71/53/Add.1"), ("document", "A/71/53/Add.1/Corr.1"),
        # the World Health Assembly's records, filed as its documents
        ("document", "WHA69/2016/REC/1"), ("document", "WHA67/2014/REC/1"), ("document", "WHA71/2018/REC/1"),
        ("treaty", "trips-agreement"),  # "the Agreement on Trade-Related Aspects of Intellectual Property Rights"
    }  # fmt: skip
    assert {c.body for c in tuberculosis.citations if c.target.startswith("WHA")} == {"WHO-WHA"}
