"""Treaty references: "United Nations, Treaty Series, vol. 976, No. 14152" and "Ibid., vol. 1019, no 14956"."""

from __future__ import annotations

import re
from functools import cache

from unxref.extract.find.found import Found
from unxref.un.language import Language


@cache
def _reference(language: Language) -> re.Pattern[str]:
    """A series, its volume and the treaty's number, in the language: compiled once."""
    unts, lnts, ibid = (language.pattern(n).pattern for n in ("treaty_series_unts", "treaty_series_lnts", "ibid"))
    volume, registration = language.pattern("treaty_volume").pattern, language.pattern("treaty_number").pattern
    return re.compile(
        rf"(?:(?P<unts>{unts})|(?P<lnts>{lnts})|(?P<ibid>{ibid}))\s*,\s*{volume}\s*,\s*(?:p\.\s*\d+\s*,\s*)?{registration}",
        re.IGNORECASE,
    )


def find_treaty_references(
    text: str, start: int, end: int, language: Language, series: str | None
) -> tuple[list[Found], str | None]:
    """ "United Nations, Treaty Series, vol. 976, No. 14152" and "Ibid., vol. 1019, no 14956".

    Returns the references and the series in force at the end, which an "Ibid."
    in the next note carries on.
    """
    found = []
    for match in _reference(language).finditer(text, start, end):
        current = "UNTS" if match.group("unts") else "LNTS" if match.group("lnts") else series
        if current is None:
            continue
        series = current
        first = int(match.group("number"))
        last = int(match.group("last") or first)
        for number in range(first, last + 1 if 0 <= last - first <= 20 else first + 1):
            found.append(
                Found(
                    "treaty",
                    (match.start(), match.end()),
                    unts=str(number) if current == "UNTS" else None,
                    name=f"{current} {match.group('volume')} {number}",
                )
            )
    return found, series
