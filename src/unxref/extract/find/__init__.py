"""Find what a paragraph or a footnote mentions: resolutions, documents, treaties, bodies, sessions.

One finder a kind (`resolutions`, `documents`, `treaties`, `names`, `sessions`).
Each scans a *masked* copy of the text, in which footnote markers are blanked
out (``Millénaire1`` reads ``Millénaire ``, see `mask`), so that a marker glued
to a word or a year never breaks a match; spans are the same in both copies.
"""

from __future__ import annotations

from unxref.extract.find.documents import find_documents, find_ibid_modifiers, find_official_records
from unxref.extract.find.foreign import find_foreign
from unxref.extract.find.found import Found, mask, overlaps
from unxref.extract.find.names import find_names
from unxref.extract.find.resolutions import find_bare_resolutions, find_decisions, find_resolutions
from unxref.extract.find.sessions import find_sessions
from unxref.extract.find.treaties import find_treaty_references
from unxref.model import Footnote, Span
from unxref.un.authorities import Authorities
from unxref.un.language import Language

__all__ = ["Found", "in_footnotes", "in_paragraph", "mask"]


def in_paragraph(
    text: str,
    span: Span,
    language: Language,
    authorities: Authorities,
    body: str | None,
    year: int | None,
) -> tuple[list[Found], list[Found]]:
    """What one paragraph cites, and the bodies and sessions it mentions."""
    start, end = span
    found = find_resolutions(text, start, end, language, authorities, body, None)
    found += find_decisions(text, start, end, language, authorities, body)
    found += find_documents(text, start, end, language)
    found += find_bare_resolutions(text, start, end, [f.span for f in found], year, language)
    found += find_foreign(text, start, end, found)
    references, _ = find_treaty_references(text, start, end, language, None)
    treaties = find_names(text, start, end, "treaty", language, authorities) + references
    found += treaties
    bodies = [b for b in find_names(text, start, end, "body", language, authorities) if not overlaps(b.span, treaties)]
    sessions = find_sessions(text, start, end, language, authorities, bodies, body)
    return found, bodies + sessions


def in_footnotes(
    text: str, footnotes: list[Footnote], language: Language, authorities: Authorities, body: str | None
) -> dict[int, list[Found]]:
    """What each footnote cites, by note number. A resolution in a note that points into a
    body's session report (``E/2007/28`` is the CND's) is that body's; an "Ibid." carries
    the treaty series of the note before, and "Ibid., Add.1" the document it cites."""
    found: dict[int, list[Found]] = {}
    series = None
    previous: str | None = None  # the last document the note before cites
    for note in footnotes:
        start, end = note.span
        documents = find_documents(text, start, end, language) or find_ibid_modifiers(
            text, start, end, language, previous
        )
        previous = next((d.symbol for d in reversed(documents) if d.kind == "document"), None)
        documents += find_official_records(text, start, end, language, authorities, [d.span for d in documents])
        reporting = next((b for d in documents if d.symbol and (b := authorities.body_reporting_in(d.symbol))), None)
        context = reporting.code if reporting else None
        resolutions = find_resolutions(text, start, end, language, authorities, body, context)
        resolutions += find_decisions(text, start, end, language, authorities, body)
        references, series = find_treaty_references(text, start, end, language, series)
        names = find_names(text, start, end, "treaty", language, authorities)
        foreign = find_foreign(text, start, end, resolutions + documents)
        found[note.number] = resolutions + documents + foreign + names + references
    return found
