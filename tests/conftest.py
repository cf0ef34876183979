"""Shared paths. Tests that need ../shared (the corpus) skip, saying so, when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "A_RES_62_176_fr.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS} (not in this clone)"
)
