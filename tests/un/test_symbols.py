"""The symbol grammar: real symbols parse and normalise; normalising is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unxref.un import symbols

REAL_SYMBOLS = [
    ("A/RES/62/176", "A/RES/62/176"),
    ("A/RES/S-20/2", "A/RES/S-20/2"),
    ("A/RES/ES-10/2", "A/RES/ES-10/2"),
    ("A/RES/1514 (XV)", "A/RES/1514 (XV)"),
    ("A/RES/1514(XV)", "A/RES/1514 (XV)"),
    ("a/res/2200 (xxi)", "A/RES/2200 (XXI)"),
    ("A/RES/186 (S-2)", "A/RES/186 (S-2)"),
    ("A/RES/2253 (ES-V)", "A/RES/2253 (ES-V)"),
    ("S/RES/687 (1991)", "S/RES/687 (1991)"),
    ("S/RES/687(1991)", "S/RES/687 (1991)"),
    ("S/RES/2250 (2015)", "S/RES/2250 (2015)"),
    ("E/RES/2007/12", "E/RES/2007/12"),
    ("E/RES/1296 (XLIV)", "E/RES/1296 (XLIV)"),
    ("E/2007/28", "E/2007/28"),
    ("E/2007/28/Corr.1", "E/2007/28/Corr.1"),
    ("E/2007/28/corr. 1", "E/2007/28/Corr.1"),
    ("E/2003/28/Rev.1", "E/2003/28/Rev.1"),
    ("A/62/117", "A/62/117"),
    ("A/58/124", "A/58/124"),
    ("A/73/85", "A/73/85"),
    ("A/73/L.3", "A/73/L.3"),
    ("A/71/53/Add.1", "A/71/53/Add.1"),
    ("A/71/53/Add.1/Corr.1", "A/71/53/Add.1/Corr.1"),
    ("S/25704", "S/25704"),
    ("S/25704/Add.1", "S/25704/Add.1"),
    ("S/ 12869", "S/12869"),
    ("S/PRST/2003/7", "S/PRST/2003/7"),
    ("S/268/Rev.1/Corr.1", "S/268/Rev.1/Corr.1"),
    ("S/Agenda/2280", "S/Agenda/2280"),
    ("S/PV.2750", "S/PV.2750"),
    ("A/62/PV.76", "A/62/PV.76"),
    ("A/C.3/62/L.5/Rev.1", "A/C.3/62/L.5/Rev.1"),
    ("A/C.6/73/L.1", "A/C.6/73/L.1"),
    ("E/CN.7/2007/16", "E/CN.7/2007/16"),
    ("E/CN.4/Sub.2/1999/1", "E/CN.4/Sub.2/1999/1"),
    ("E/CN.7/RES/50/12", "E/CN.7/RES/50/12"),
    ("A/HRC/RES/33/11", "A/HRC/RES/33/11"),
    ("A/HRC/7/L.1", "A/HRC/7/L.1"),
    ("ST/SGB/2003/13", "ST/SGB/2003/13"),
    ("A/CONF.62/122", "A/CONF.62/122"),
    ("E/INCB/2007/1", "E/INCB/2007/1"),
    ("A/AC.109/2000/1", "A/AC.109/2000/1"),
    ("UNEP/GC.24/12", "UNEP/GC.24/12"),
    ("TD/B/C.1/1", "TD/B/C.1/1"),
]

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
