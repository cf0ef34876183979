"""Fuzzing (issue 13): generated and mutated texts through the extractor, random strings
through the symbol parser. No exception but `InputError` / `SymbolError`, and every span
and quote exact. `make test` runs a small sample; `make fuzz` runs 50,000 examples of each
(`UNXREF_FUZZ_EXAMPLES`)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import EXAMPLE
from unxref.errors import InputError
from unxref.extract import extract_text
from unxref.un import symbols

EXAMPLES = int(os.environ.get("UNXREF_FUZZ_EXAMPLES", "150"))
fuzzing = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEED = EXAMPLE.read_text("utf-8")
# What resolutions are made of, and what breaks readers: references, markers glued to words,
# page breaks, note lines, controls, right-to-left marks, odd spaces and digits.
PIECES = st.sampled_from(
    [
        "résolution 687 (1991)", "A/RES/55/2", "S-20/2", "E/2007/28/Corr.1", "20052", "Sommet mondial de 20052",
        "\f", "\n", "\n\n", "\n1 Voir A/59/2005.\n", "Recueil des Traités, vol. 976, no 14152", "\x00", "\u200f",
        "\u202e", "\u00a0", "\u2009", "٦٢", "ſ", "(", ")", "«", "»", "1.", "Décide", "Rappelant", "L'Assemblée générale,",
        "The Security Council,", "Recalling its resolution 242 (1967),", "*", "\t", "\r\n", "\ufeff", "ﬁ",
    ]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The seed with a few insertions, deletions and repeats at random places."""
    text = SEED
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(["insert", "delete", "repeat", "noise"]))
        if operation == "insert":
            text = text[:at] + draw(PIECES) + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 400)) :]
        elif operation == "repeat":
            text = text[:at] + text[at : at + draw(st.integers(1, 400))] * 2 + text[at + 1 :]
        else:
            text = text[:at] + draw(st.text(max_size=40)) + text[at:]
    return text


def _spans_are_exact(text: str) -> None:
    try:
        document = extract_text(text, symbol="A/RES/62/176", date="2007-12-18")
    except InputError:
        return
    ids = {p.id for p in document.paragraphs}
    for paragraph in document.paragraphs:
        assert 0 <= paragraph.span[0] <= paragraph.span[1] <= len(document.text)
    for citation in document.citations:
        assert document.text[slice(*citation.span)] == citation.quote
        assert citation.paragraph in ids or citation.footnote is not None
    for mention in document.mentions:
        assert document.text[slice(*mention.span)] == mention.quote


@fuzzing
@given(mutated())
def test_a_mutated_resolution_extracts_with_exact_spans(text: str) -> None:
    _spans_are_exact(text)


@fuzzing
@given(st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=30).map("".join))
def test_generated_text_extracts_with_exact_spans_or_is_refused(text: str) -> None:
    _spans_are_exact(text)


@fuzzing
@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(st.one_of(PIECES, st.sampled_from("ASRE/-.() 0123456789")), max_size=20).map("".join),
    )
)
def test_any_string_is_a_symbol_that_round_trips_or_a_symbol_error(text: str) -> None:
    try:
        parsed = symbols.parse(text)
    except symbols.SymbolError:
        return
    assert symbols.parse(str(parsed)) == parsed
