"""Symbols of bodies outside the United Nations ("WHA69.2", "GC(69)/RES/9", "1/CP.21"), each filed
as a resolution, decision or document of its body, from ``un/data/series.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unxref.extract.find.found import Found, overlaps

SERIES = Path(__file__).resolve().parents[2] / "un" / "data" / "series.toml"


@dataclass(frozen=True)
class Series:
    body: str
    kind: str  # resolution | decision | document
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None  # words that must stand in the same region, where the form is ambiguous


@cache
def series() -> tuple[Series, ...]:
    data = tomllib.loads(SERIES.read_text("utf-8"))["series"]
    return tuple(
        Series(s["body"], s["kind"], re.compile(s["pattern"]), re.compile(s["context"]) if "context" in s else None)
        for s in data
    )


@cache
def _any_series() -> re.Pattern[str]:
    """Every series at once: most regions have none, and one pass over them tells. Every
    symbol starts with a capital or a digit; looking ahead for one skips the rest of the
    text (less than half the time)."""
    return re.compile("(?=[A-Z0-9])(?:" + "|".join(f"(?:{item.pattern.pattern})" for item in series()) + ")")


def find_foreign(text: str, start: int, end: int, taken: list[Found]) -> list[Found]:
    """Other bodies' symbols in ``text[start:end]``, where no UN symbol was found."""
    found: list[Found] = []
    if not _any_series().search(text, start, end):
        return found
    for item in series():
        if item.context and not item.context.search(text, start, end):
            continue
        for match in item.pattern.finditer(text, start, end):
            span = (match.start(), match.end())
            if overlaps(span, taken) or overlaps(span, found):
                continue
            symbol = re.sub(r"\s+", " ", match.group(0)).strip()
            found.append(Found(item.kind, span, symbol=symbol, body=item.body))
    return found
