"""Inputs: encodings, DOCX, HTML, and bad input that gets one clear line and exit status 2."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import EXAMPLE
from unxref.errors import InputError
from unxref.extract import extract_file

SEED = EXAMPLE.read_text("utf-8")
SC_TEXT = """Resolution 598 (1987)
of 20 July 1987

The Security Council,

Reaffirming its resolution 582 (1986),

1. Demands that the parties observe an immediate cease-fire;

2. Requests the Secretary-General to report to the Council;

Adopted unanimously at the
2750th meeting.
"""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", SEED.encode("utf-8")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + SEED.encode("utf-8")),
        ("utf16.txt", SEED.encode("utf-16")),
        ("cp1252.txt", SEED.replace("’", "'").replace("œ", "oe").encode("cp1252")),
    ],
)
def test_text_encodings_give_the_same_citations(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    document = extract_file(path, symbol="A/RES/62/176")
    assert len({c.target for c in document.citations}) == 23


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_docx_paragraphs_are_read(tmp_path: Path) -> None:
    path = tmp_path / "598.docx"
    path.write_bytes(_docx([p for p in SC_TEXT.split("\n\n") if p.strip()]))
    document = extract_file(path)
    assert (document.symbol, document.meeting, [c.symbol for c in document.citations]) == (
        "S/RES/598 (1987)",
        2750,
        ["S/RES/582 (1986)"],
    )


def test_html_tags_are_stripped_and_blocks_kept(tmp_path: Path) -> None:
    html = (
        "<html><head><style>p{}</style></head><body>"
        + "".join(f"<p>{p}</p>" for p in SC_TEXT.split("\n\n") if p.strip())
        + "</body></html>"
    )
    path = tmp_path / "598.html"
    path.write_text(html, "utf-8")
    document = extract_file(path)
    assert [p.id for p in document.paragraphs] == ["PP1", "OP1", "OP2"]
    assert document.date == "1987-07-20"


def test_markdown_footnotes_are_linked(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(SC_TEXT.replace("582 (1986),", "582 (1986),[^1]") + "\n[^1]: See S/18480.\n", "utf-8")
    document = extract_file(path)
    assert [(n.number, n.paragraphs) for n in document.footnotes] == [(1, ["PP1"])]
    assert ("document", "S/18480", 1) in {(c.kind, c.target, c.footnote) for c in document.citations}


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unxref.cli", "extract", str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.bin", bytes(range(256)) * 8, "binary data, not text"),
        (
            "scan.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
            "no text layer",
        ),
        ("latin.txt", "Bonjour \x81\x8d\x8f\x90 ".encode("latin-1") * 20, "unknown text encoding"),
        (
            "recipe.txt",
            b"Take two eggs and some flour.\n\nMix them well and bake for an hour.\n",
            "does not look like a resolution",
        ),
        ("missing.txt", None, "no such file"),
    ],
)
def test_bad_input_gets_one_clear_line_and_status_2(
    tmp_path: Path, name: str, data: bytes | None, problem: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    result = _run(path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0], result.stderr


def test_a_unts_number_shared_by_two_instruments_is_told_apart_by_its_volume(tmp_path: Path) -> None:
    path = tmp_path / "climate.txt"
    text = SC_TEXT.replace("582 (1986),", "582 (1986), and the Framework Convention,[^1]")
    path.write_text(text + "\n[^1]: United Nations, Treaty Series, vol. 1771, No. 30822.\n", "utf-8")
    assert [c.name for c in extract_file(path).citations if c.kind == "treaty"] == ["unfccc"]


COUNCIL_TEXT = (
    "{heading}\n{date}\n\nThe Security Council,\n\nRecalling its resolution 425 (1978),\n\n1. Decides to act.\n"
)


def test_a_heading_year_its_number_cannot_have_is_read_with_the_year_of_adoption(tmp_path: Path) -> None:
    """S/RES/434 (1978) is printed "Resolution 434 (1973)" in its annual volume."""
    text = tmp_path / "434.txt"
    text.write_text(COUNCIL_TEXT.format(heading="Resolution 434 (1973)", date="of 18 September 1978"), "utf-8")
    document = extract_file(text)
    assert document.symbol == "S/RES/434 (1978)"
    assert [(p.paragraph, p.quote, p.problem) for p in document.problems] == [
        (
            "heading",
            "434 (1973)",
            "the heading gives S/RES/434 (1973), which cannot be: the Security Council's resolutions of 1973 are"
            " numbered 325-344; read as S/RES/434 (1978), the year of its adoption",
        )
    ]


def test_a_heading_symbol_no_resolution_can_have_is_refused(tmp_path: Path) -> None:
    """OCR lost a digit of "Résolution 909 (1994)"; the text is not minted as S/RES/90 (1994)."""
    text = tmp_path / "90.txt"
    text.write_text(COUNCIL_TEXT.format(heading="Resolution 90 (1994)", date="of 5 April 1994"), "utf-8")
    with pytest.raises(InputError, match=r"90\.txt: its heading gives S/RES/90 \(1994\), which cannot be: .* 893-969"):
        extract_file(text)
