"""The symbol grammar: real symbols parse and normalise; normalising is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.un.symbol_forms import REAL_SYMBOLS
from unxref.un import symbols

NOT_SYMBOLS = ["", "   ", "62/176", "RES/62/176", "X/12/3", "A/", "A//3", "A/Corr.1", "Hello world", "S/RES/687 (19x1)"]


@pytest.mark.parametrize(("text", "canonical"), REAL_SYMBOLS)
def test_real_symbols_normalise_to_their_canonical_form(text: str, canonical: str) -> None:
    assert symbols.normalize(text) == canonical


@pytest.mark.parametrize("text", NOT_SYMBOLS)
def test_non_symbols_are_rejected(text: str) -> None:
    with pytest.raises(symbols.SymbolError):
        symbols.parse(text)


def test_a_symbol_knows_its_parts() -> None:
    symbol = symbols.parse("E/2007/28/Corr.1")
    assert (symbol.series, symbol.modifiers, str(symbol.base), symbol.is_resolution) == (
        "E",
        ("Corr.1",),
        "E/2007/28",
        False,
    )
    assert symbols.parse("S/RES/687 (1991)").qualifier == "1991"


component = st.one_of(
    st.integers(1, 3000).map(str),
    st.sampled_from(["RES", "PRST", "C.3", "CN.7", "HRC", "AC.26", "L.5", "PV.76", "Sub.2", "S-20", "ES-10", "INF"]),
)
modifier = st.sampled_from(["Add", "Corr", "Rev"]).flatmap(lambda m: st.integers(1, 30).map(lambda n: f"{m}.{n}"))
qualifier = st.one_of(st.none(), st.integers(1946, 2030).map(str), st.sampled_from(["I", "XV", "XXI", "S-2", "ES-V"]))
symbol_text = st.builds(
    lambda series, parts, mods, qual: "/".join([series, *parts, *mods]) + (f" ({qual})" if qual else ""),
    st.sampled_from(sorted(symbols.SERIES)),
    st.lists(component, min_size=1, max_size=4),
    st.lists(modifier, max_size=2),
    qualifier,
)
messy = symbol_text.map(lambda s: s.replace("/", "/ ", 1).replace("(", "(", 1).lower() if "Sub" not in s else s)


@given(symbol_text)
def test_parse_format_parse_round_trips(text: str) -> None:
    parsed = symbols.parse(text)
    assert symbols.parse(str(parsed)) == parsed


@given(messy)
def test_normalising_is_idempotent(text: str) -> None:
    once = symbols.normalize(text)
    assert symbols.normalize(once) == once
