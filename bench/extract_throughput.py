"""Extraction throughput, one core: documents/s on each text corpus, pages/s on the PDFs,
and characters/s, extraction and validation time of one large text (the bundled example's
paragraphs repeated: 6,800 paragraphs, 3.2M characters), which must scale as an ordinary one.

Run: `make bench` (or `.venv/bin/python bench/extract_throughput.py [CORPUS_DIR]`).
Each text corpus is read into memory, extracted once to warm the caches (authority data,
compiled patterns), then timed over three full passes, the best reported. The PDFs are
read from disk (the PDF reader is part of what is measured), best of three.
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from unxref.errors import InputError
from unxref.extract import extract_file, extract_text
from unxref.extract.read import read_file
from unxref.rdf.build import build_graphs
from unxref.rdf.shacl import check

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "A_RES_62_176_fr.txt"

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TEXT_CORPORA = (("unsc-en", "*.txt"), ("unsc-fr", "*.txt"), ("ga-md", "*.md"))


def text_throughput(folder: Path, pattern: str) -> tuple[int, int, int, float]:
    """(documents, citations, characters, best seconds) over the texts of a folder."""
    texts = [(p.read_text("utf-8"), p.suffix.lstrip(".")) for p in sorted(folder.glob(pattern))]
    documents = [(text, suffix) for text, suffix in texts if _extracts(text, suffix)]
    best, citations = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        citations = sum(len(extract_text(text, source_format=suffix).citations) for text, suffix in documents)
        best = min(best, time.perf_counter() - start)
    return len(documents), citations, sum(len(text) for text, _ in documents), best


def _extracts(text: str, suffix: str) -> bool:
    try:
        extract_text(text, source_format=suffix)
    except InputError:
        return False
    return True


def pdf_throughput(folder: Path) -> tuple[int, int, float]:
    """(documents, pages, best seconds) reading and extracting the PDFs of a folder."""
    pdfs = sorted(folder.glob("*.pdf"))
    pages = sum(read_file(pdf)[0].count("\f") + 1 for pdf in pdfs)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for pdf in pdfs:
            extract_file(pdf)
        best = min(best, time.perf_counter() - start)
    return len(pdfs), pages, best


def large_text(copies: int) -> tuple[int, int, float, float]:
    """(characters, paragraphs, extraction seconds, build and validation seconds) of the
    example with its paragraphs repeated ``copies`` times."""
    head, _, body = EXAMPLE.read_text("utf-8").partition("Réaffirmant")
    text = head + ("Réaffirmant" + body) * copies
    start = time.perf_counter()
    document = extract_text(text, symbol="A/RES/62/176", date="2007-12-18")
    extracted = time.perf_counter()
    assert not check(build_graphs(document).union())  # what ingest runs
    return len(text), len(document.paragraphs), extracted - start, time.perf_counter() - extracted


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    for copies in (1, 50, 200):
        characters, paragraphs, extraction, validation = large_text(copies)
        print(f"example x{copies}: {paragraphs} paragraphs, {characters / 1e6:.2f}M characters, "
              f"extraction {extraction:.2f} s ({characters / extraction / 1e6:.2f}M characters/s), "
              f"build and validation {validation:.1f} s")  # fmt: skip
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    for name, pattern in TEXT_CORPORA:
        documents, citations, characters, seconds = text_throughput(corpus / name, pattern)
        print(f"{name}: {documents} documents, {citations} citations, {characters / 1e6:.1f}M characters, "
              f"best of 3: {seconds:.2f} s, {documents / seconds:.0f} documents/s, "
              f"{characters / seconds / 1e6:.2f}M characters/s")  # fmt: skip
    documents, pages, seconds = pdf_throughput(corpus / "ga-pdf")
    print(f"ga-pdf: {documents} PDFs, {pages} pages, best of 3: {seconds:.2f} s, {pages / seconds:.1f} pages/s")


if __name__ == "__main__":
    main()
