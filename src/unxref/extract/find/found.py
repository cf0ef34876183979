"""What a finder found: a kind, a span, and what it names."""

from __future__ import annotations

from dataclasses import dataclass

from unxref.model import Span


@dataclass
class Found:
    kind: str  # resolution | document | treaty | body | session
    span: Span
    symbol: str | None = None
    unts: str | None = None
    name: str | None = None  # treaty key, or body/session id for mentions
    body: str | None = None  # body code of a resolution
    pinpoint: str | None = None
    repair: str | None = None  # what was repaired, and why ("read as S/RES/186 (1964): ...")
    problem: str | None = None  # why it cannot be what it says: not a citation, a data error


def mask(text: str, spans: list[Span]) -> str:
    """The text with these spans (footnote markers) blanked out, offsets unchanged.

    >>> mask("Millénaire1 et", [(10, 11)])
    'Millénaire  et'
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def overlaps(span: Span, others: list[Found]) -> bool:
    return any(span[0] < o.span[1] and o.span[0] < span[1] for o in others)
