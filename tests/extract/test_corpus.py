"""All 646 Security Council texts extract without an exception."""

from __future__ import annotations

from tests.support import CORPUS, needs_corpus
from unxref.errors import InputError
from unxref.extract import extract_file


@needs_corpus
def test_every_security_council_text_extracts() -> None:
    files = sorted((CORPUS / "unsc-en").glob("*.txt"))
    assert len(files) == 646
    failures, without_symbol = [], []
    for path in files:
        try:
            document = extract_file(path, lang="en")
        except InputError as error:
            failures.append(str(error))
            continue
        if not (document.symbol and document.symbol.startswith("S/RES/")):
            without_symbol.append(path.name)
        for citation in document.citations:
            assert document.text[citation.span[0] : citation.span[1]] == citation.quote
    assert failures == []
    # OCR garbles a few headings ("Resolution 361 (197-4)"); those texts keep no own symbol.
    assert len(without_symbol) <= 3, without_symbol
