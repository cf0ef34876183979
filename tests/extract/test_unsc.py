"""Security Council resolutions 1946-1989 against expectations checked by reading each text.

`tests/extract/data/unsc_cases.toml` was written by a reader, independently of the code. A
case lists what the reader found; where the extractor still disagrees, the
disagreement is listed in KNOWN_GAPS with its reason and the test expects the gap
(strict xfail), so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support import CORPUS, needs_corpus
from unxref.extract import extract_file

CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "data" / "unsc_cases.toml").read_text("utf-8"))[
    "case"
]

KNOWN_GAPS = {
    ("S_RES_0004_1946_EN_GOLD.txt", "resolutions"): "OCR reads GA resolution 32 (I) as '32 (1)'",
    ("S_RES_0018_1947_EN_GOLD.txt", "resolutions"): "OCR-garbled GA resolutions '1 (1)', '41 (1)'",
    ("S_RES_0605_1987_EN_GOLD.txt", "resolutions"): "'217A (III)': the part letter glued to the number",
    (
        "S_RES_0005_1946_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0145_1960_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0146_1960_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0244_1967_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0359_1974_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0465_1980_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0540_1983_EN_GOLD.txt",
        "documents",
    ): "addendum ranges ('Add.1-3', 'Add.24 and 25', 'Add.1/Rev.1') or a note whose marker is not found",
    (
        "S_RES_0186_1964_EN_GOLD.txt",
        "treaties_unts",
    ): "a note 'ibid., No. N' with no volume, or a treaty note whose marker is not found",
    (
        "S_RES_0513_1982_EN_GOLD.txt",
        "treaties_unts",
    ): "a note 'ibid., No. N' with no volume, or a treaty note whose marker is not found",
    (
        "S_RES_0541_1983_EN_GOLD.txt",
        "treaties_unts",
    ): "a note 'ibid., No. N' with no volume, or a treaty note whose marker is not found",
    (
        "S_RES_0605_1987_EN_GOLD.txt",
        "treaties_unts",
    ): "a note 'ibid., No. N' with no volume, or a treaty note whose marker is not found",
    (
        "S_RES_0638_1989_EN_GOLD.txt",
        "treaties_unts",
    ): "a note 'ibid., No. N' with no volume, or a treaty note whose marker is not found",
    ("S_RES_0271_1969_EN_GOLD.txt", "meeting"): "the meeting line is hyphenated: '1512th meet-ning'",
    ("S_RES_0638_1989_EN_GOLD.txt", "date"): "OCR prints the date as '3f July 1989'",
}


def _document_symbols(document: Any) -> list[str]:
    return sorted({c.symbol for c in document.citations if c.kind == "document"})


def _heading_symbols(path: Path) -> set[str]:
    """Drafting symbols printed under the heading ("[S/1588]") are the resolution's own, not citations."""
    head = path.read_text("utf-8")[:300]
    return {s.replace(" ", "") for s in re.findall(r"\[\s*(S/[^\]\s]+)\s*\]", head)}


FIELDS = ["symbol", "date", "meeting", "resolutions", "documents", "treaties_unts"]


def _observed(case: dict[str, Any]) -> dict[str, Any]:
    document = extract_file(CORPUS / "unsc-en" / case["file"], lang="en")
    return {
        "symbol": document.symbol,
        "date": document.date or "",
        "meeting": document.meeting or 0,
        "resolutions": sorted({c.symbol for c in document.citations if c.kind == "resolution"}),
        "documents": _document_symbols(document),
        "treaties_unts": sorted({c.unts for c in document.citations if c.unts}),
    }


def _expected(case: dict[str, Any]) -> dict[str, Any]:
    own = _heading_symbols(CORPUS / "unsc-en" / case["file"])
    return {
        "symbol": case["symbol"],
        "date": case["date"],
        "meeting": case["meeting"],
        "resolutions": sorted(case["resolutions"]),
        "documents": sorted(set(case["documents"]) - own),
        "treaties_unts": sorted(case["treaties_unts"]),
    }


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for field in FIELDS:
            gap = KNOWN_GAPS.get((case["file"], field))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            params.append(pytest.param(case, field, id=f"{case['file'][6:14]}-{field}", marks=marks))
    return params


_cache: dict[str, dict[str, Any]] = {}


@needs_corpus
@pytest.mark.parametrize(("case", "field"), _params())
def test_security_council_resolution(case: dict[str, Any], field: str) -> None:
    observed = _cache.setdefault(case["file"], _observed(case))
    assert observed[field] == _expected(case)[field]
