"""Resolve what the finders found into the document's citations and mentions.

- A citation found in a footnote belongs to every paragraph that carries the
  note's marker ("la Déclaration du Millénaire¹" + note 1 "Voir résolution 55/2."
  cites A/RES/55/2 from that paragraph).
- A treaty named in the text and referenced by UNTS number in its note is one
  citation, not two: both resolve to the same authority record.
- A citation is reported once per paragraph and target, with its function taken
  from the paragraph's verb.
"""

from __future__ import annotations

from unxref.authorities import Authorities
from unxref.find import Found
from unxref.model import Citation, Footnote, Mention, Paragraph


def treaty_key(found: Found, authorities: Authorities) -> Found:
    """Name a UNTS or LNTS reference by its authority record where there is one."""
    if found.kind == "treaty" and found.name and " " in found.name:
        series, volume, number = found.name.split(" ", 2)
        record = authorities.treaty_by_number(series, number, volume)
        found.name = record.key if record else None
    return found


def citations(
    text: str,
    paragraphs: list[Paragraph],
    in_paragraphs: dict[str, list[Found]],
    footnotes: list[Footnote],
    in_footnotes: dict[int, list[Found]],
) -> list[Citation]:
    by_id = {p.id: p for p in paragraphs}
    order = {p.id: index for index, p in enumerate(paragraphs)}
    collected: dict[tuple[str, str], Citation] = {}

    def add(paragraph: Paragraph, found: Found, footnote: int | None) -> None:
        citation = Citation(
            paragraph=paragraph.id,
            kind=found.kind,  # type: ignore[arg-type]
            symbol=found.symbol,
            unts=found.unts,
            name=found.name,
            body=found.body,
            footnote=footnote,
            quote=text[found.span[0] : found.span[1]],
            span=found.span,
            function=paragraph.function,
            pinpoint=found.pinpoint,
            subparagraph=_subparagraph(paragraph, found.span[0]),
        )
        key = (paragraph.id, citation.target)
        if key in collected:
            _merge(collected[key], citation)
        else:
            collected[key] = citation

    for paragraph_id, founds in in_paragraphs.items():
        for found in founds:
            add(by_id[paragraph_id], found, None)
    for note in footnotes:
        for paragraph_id in note.paragraphs:
            for found in in_footnotes.get(note.number, []):
                add(by_id[paragraph_id], found, note.number)
    return sorted(collected.values(), key=lambda c: (order[c.paragraph], c.footnote or 0, c.span[0]))


def _merge(kept: Citation, other: Citation) -> None:
    """Keep the first citation of a target; take what it lacks from the other."""
    kept.unts = kept.unts or other.unts
    kept.footnote = kept.footnote if kept.footnote is not None else other.footnote
    kept.pinpoint = kept.pinpoint or other.pinpoint


def _subparagraph(paragraph: Paragraph, position: int) -> str | None:
    return next((s.label for s in paragraph.subparagraphs if s.span[0] <= position < s.span[1]), None)


def mentions(text: str, in_paragraphs: dict[str, list[Found]]) -> list[Mention]:
    result = []
    for paragraph_id, founds in in_paragraphs.items():
        seen: set[tuple[str, int]] = set()
        for found in founds:
            if (found.name or "", found.span[0]) in seen:
                continue
            seen.add((found.name or "", found.span[0]))
            quote = text[found.span[0] : found.span[1]]
            result.append(Mention(found.kind, found.name or "", quote, found.span, paragraph_id))  # type: ignore[arg-type]
    return result
