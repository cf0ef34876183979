"""Invariants over every text of ``../shared/corpus/`` (1,475 texts): what holds on any layout."""

from __future__ import annotations

import pytest

from tests.support import CORPUS, needs_corpus
from unxref.errors import InputError
from unxref.extract import extract_file
from unxref.model import Document

FOLDERS = (("unsc-en", "*.txt", 646), ("unsc-fr", "*.txt", 765), ("ga-md", "*.md", 64))


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document | str]:
    """Each file's document, or the one line that says why it is no resolution."""
    documents: dict[str, Document | str] = {}
    for folder, pattern, _ in FOLDERS:
        for path in sorted((CORPUS / folder).glob(pattern)):
            try:
                documents[f"{folder}/{path.name}"] = extract_file(path)
            except InputError as error:
                documents[f"{folder}/{path.name}"] = str(error)
    return documents


def _documents(corpus: dict[str, Document | str]) -> dict[str, Document]:
    return {name: d for name, d in corpus.items() if isinstance(d, Document)}


@needs_corpus
def test_every_text_of_the_corpus_extracts_but_two_headings_no_resolution_can_have(
    corpus: dict[str, Document | str],
) -> None:
    """OCR damaged two French headings into symbols no resolution has ("Résolution 90 (1994)"
    of 5 April 1994, when 1994's numbers run 893-969): those documents are refused, never
    minted under another resolution's IRI."""
    for folder, pattern, count in FOLDERS:
        assert len(list((CORPUS / folder).glob(pattern))) == count
    failed = {name: error.split(": ", 1)[1].split(": ")[0] for name, error in corpus.items() if isinstance(error, str)}
    assert failed == {
        "unsc-fr/S_RES_0090_1994_FR.txt": "its heading gives S/RES/90 (1994), which cannot be",
        "unsc-fr/S_RES_9110_1994_FR.txt": "its heading gives S/RES/9110 (1994), which cannot be",
    }


@needs_corpus
def test_every_security_council_text_has_its_own_symbol(corpus: dict[str, Document | str]) -> None:
    # OCR garbles a few headings ("Resolution 361 (197-4)"); those texts keep no own symbol.
    council = {n: d for n, d in _documents(corpus).items() if n.startswith("unsc-")}
    without = [n for n, d in council.items() if not (d.symbol and d.symbol.startswith("S/RES/"))]
    assert len(without) <= 3, without


@needs_corpus
def test_every_span_is_inside_the_text_and_equal_to_its_quote(corpus: dict[str, Document | str]) -> None:
    wrong = []
    for name, document in _documents(corpus).items():
        quoted = [*document.citations, *document.mentions, *document.problems]
        wrong += [(name, q.quote) for q in quoted if document.text[q.span[0] : q.span[1]] != q.quote]
        spans = [p.span for p in document.paragraphs] + [n.span for n in document.footnotes]
        wrong += [(name, span) for span in spans if not 0 <= span[0] <= span[1] <= len(document.text)]
    assert wrong == []


@needs_corpus
def test_no_paragraph_id_is_given_twice(corpus: dict[str, Document | str]) -> None:
    repeated = {
        name: ids for name, d in _documents(corpus).items() if len(ids := [p.id for p in d.paragraphs]) != len(set(ids))
    }
    assert repeated == {}


# A note whose number OCR lost, printed in the body away from any other note: no rule tells it
# from the body's text, so it reads as a paragraph.
LOST_NOTES = [
    ("unsc-fr/S_RES_0501_1982_FR.txt", "PP5", "Ibid., document S/14875."),
]


@needs_corpus
def test_no_preambular_paragraph_is_a_verbless_fragment(corpus: dict[str, Document | str]) -> None:
    """A wrapped line is never a paragraph of its own: every recital that opens in lower case,
    or is shorter than four words, has a verb (but for notes OCR lost the numbers of)."""
    fragments = []
    for name, document in _documents(corpus).items():
        for paragraph in document.paragraphs:
            text = document.text[paragraph.span[0] : paragraph.span[1]]
            if paragraph.kind == "preambular" and not paragraph.verb and (text[:1].islower() or len(text.split()) < 4):
                fragments.append((name, paragraph.id, text[:60]))
    assert fragments == LOST_NOTES


@needs_corpus
def test_every_note_is_tied_dangling_or_foreign_with_its_reason(corpus: dict[str, Document | str]) -> None:
    wrong = []
    for name, document in _documents(corpus).items():
        for note in document.footnotes:
            tied = note.status == "tied" and bool(note.paragraphs) and note.reason is None
            untied = note.status in ("dangling", "foreign") and not note.paragraphs and bool(note.reason)
            if not (tied or untied):
                wrong.append((name, note.number, note.status, note.reason))
    assert wrong == []
