"""What the numbering of the Security Council's resolutions and documents says is possible.

Resolutions run in one sequence by year (``un/data/sc_resolutions.toml``): "S/RES/86 (1964)"
cannot be, since 1964's numbers are 186-199. Old-series documents (S/NNNNN, until 1993) run in
sequence too; ``un/data/sc_documents.toml`` holds the highest one each year's resolutions cite.

>>> year_of(86)
1950
>>> possible_resolution(242, 1967), possible_resolution(86, 1964)
(True, False)
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def _years() -> dict[int, tuple[int, int]]:
    data = tomllib.loads((DATA / "sc_resolutions.toml").read_text("utf-8"))["years"]
    return {int(year): (first, last) for year, (first, last) in data.items()}


@cache
def _document_bounds() -> dict[int, int]:
    data = tomllib.loads((DATA / "sc_documents.toml").read_text("utf-8"))["highest_cited"]
    return {int(year): int(number) for year, number in data.items()}


def year_of(number: int) -> int | None:
    """The year of the resolution with this number."""
    return next((year for year, (first, last) in _years().items() if first <= number <= last), None)


_OLD_SYMBOL = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")


def number_and_year(symbol: str | None) -> tuple[int, int] | None:
    """The number and year of an old-style symbol ("S/RES/242 (1967)"); None for any other.

    >>> number_and_year("S/RES/242 (1967)"), number_and_year("S/RES/2118(2013)")
    ((242, 1967), None)
    """
    old = _OLD_SYMBOL.match(symbol or "")
    return (int(old.group(1)), int(old.group(2))) if old else None


def numbered(year: int) -> tuple[int, int] | None:
    """The first and last number of the year's resolutions, when the table has the year.

    >>> numbered(1994)
    (893, 969)
    """
    return _years().get(year)


def possible_resolution(number: int, year: int) -> bool:
    """Whether S/RES/<number> (<year>) can exist; years the table lacks are taken as possible."""
    span = _years().get(year)
    return span is None or span[0] <= number <= span[1]


def repaired(number: int, year: int) -> int | None:
    """The one number OCR may have damaged into an impossible ``number`` for ``year``: a lost
    leading digit (86 for 186 in 1964) or one misread digit; None when no reading, or more
    than one, fits.

    >>> repaired(86, 1964), repaired(20, 1982), repaired(274, 1959)
    (186, 520, None)
    """
    span = _years().get(year)
    if span is None or span[0] <= number <= span[1]:
        return None
    text = str(number)
    readings = {int(d + text) for d in "123456789"}
    readings |= {int(text[:i] + d + text[i + 1 :]) for i in range(len(text)) for d in "0123456789"}
    fits = sorted(n for n in readings if span[0] <= n <= span[1])
    return fits[0] if len(fits) == 1 else None


def highest_document(year: int | None) -> int | None:
    """The highest old-series document number a resolution of that year may cite (None when unknown):
    the highest the next year's resolutions cite, for a document issued late in the year."""
    bounds = _document_bounds()
    return bounds.get(year + 1, bounds.get(year)) if year else None
