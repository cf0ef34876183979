"""Extraction agrees with what readers found in 52 texts (``data/gold_*.toml``), facet by facet.

A facet we know we get wrong is listed in ``data/gold_gaps.toml`` with its cause and is a
strict xfail: a fix shows up as an unexpected pass, a regression as a failure.
"""

from __future__ import annotations

import shutil
import tomllib
from typing import Any

import pytest

from tests.extract import gold
from tests.support import needs_corpus
from unxref.extract import extract_file

GAPS = {
    (gap["file"], gap["facet"]): gap["cause"]
    for gap in tomllib.loads((gold.DATA / "gold_gaps.toml").read_text("utf-8"))["gap"]
}


def _params() -> list[Any]:
    params = []
    for case in gold.cases():
        for facet in gold.FACETS:
            cause = GAPS.get((case.data["file"], facet))
            marks = [pytest.mark.xfail(reason=cause, strict=True)] if cause else []
            params.append(pytest.param(case, facet, id=f"{case.name}-{facet}", marks=marks))
    return params


@pytest.fixture(scope="module")
def differences(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("pdftotext")
    return {
        case.data["file"]: gold.compare(case, extract_file(gold.source(case, folder)))
        for case in gold.cases()
        if not case.data["file"].startswith("ga-pdf-pdftotext/") or shutil.which("pdftotext")
    }


def test_every_listed_gap_is_a_case_and_facet() -> None:
    known = {(case.data["file"], facet) for case in gold.cases() for facet in gold.FACETS}
    assert set(GAPS) <= known


@needs_corpus
@pytest.mark.parametrize(("case", "facet"), _params())
def test_extraction_agrees_with_the_reader(differences: dict[str, dict[str, str]], case: gold.Case, facet: str) -> None:
    if case.data["file"] not in differences:
        pytest.skip("needs pdftotext (Debian poppler-utils)")
    assert differences[case.data["file"]].get(facet, "") == ""
