"""Shared paths. Tests that need ../shared (the corpus) skip, saying so, when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from unxref.extract import extract_file
from unxref.graph import build
from unxref.model import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "A_RES_62_176_fr.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS} (not in this clone)"
)


@pytest.fixture(scope="session")
def seed_document() -> Document:
    """The bundled example with the symbol and date its text lacks."""
    return extract_file(EXAMPLE, symbol="A/RES/62/176", date="2007-12-18")


@pytest.fixture(scope="session")
def seed_graph(seed_document: Document) -> Graph:
    return build(seed_document)
