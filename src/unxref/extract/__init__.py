"""The extraction pipeline: read → clean → heading → segment → find → resolve → Document.

>>> text = "The General Assembly,\\n\\nRecalling its resolution 61/183,\\n\\n1. Requests the Secretary-General to report."
>>> document = extract_text(text, symbol="A/RES/62/176")
>>> [(c.paragraph, c.symbol, c.function) for c in document.citations]
[('PP1', 'A/RES/61/183', 'recalling')]
>>> document.paragraphs[1].addressees
['SG']
"""

from __future__ import annotations

from pathlib import Path

from unxref.errors import InputError
from unxref.extract import find, resolve
from unxref.extract.clean import clean
from unxref.extract.heading import (
    adopting_body,
    is_iso_date,
    iso_date,
    own_symbol,
    possible_own_symbol,
    read_heading,
)
from unxref.extract.read import read_file, sidecar
from unxref.extract.segment import Segments, segment
from unxref.model import Document, Problem
from unxref.un import authorities as authority_data
from unxref.un import language

__all__ = ["extract_file", "extract_text"]


def extract_file(path: Path, symbol: str | None = None, lang: str = "auto", date: str | None = None) -> Document:
    """Extract one file; what is not given comes from its sidecar file, if it has one."""
    meta = sidecar(path)
    raw, source_format = read_file(path)
    return extract_text(
        raw,
        source=str(path),
        source_format=source_format,
        symbol=symbol or meta.get("symbol"),
        lang=lang if lang != "auto" else meta.get("lang", "auto"),
        date=date or meta.get("date"),
    )


def extract_text(
    raw: str,
    source: str = "<text>",
    source_format: str = "txt",
    symbol: str | None = None,
    lang: str = "auto",
    date: str | None = None,
) -> Document:
    """Extract one resolution; ``symbol`` and ``date`` supply what its text lacks."""
    if date is not None and not is_iso_date(date):
        raise InputError(source, f"--date {date!r} is not a date in the form YYYY-MM-DD")
    date_given = date is not None
    code = language.detect(raw) if lang == "auto" else lang
    lang_data = language.load(code)
    reading = clean(raw, source_format, lang_data)
    authorities = authority_data.load()
    heading = read_heading(reading, lang_data)
    heading_date = date or heading.date
    segments = segment(reading, lang_data, heading.end, int(heading_date[:4]) if heading_date else None)
    _check_is_resolution(source, segments, known=bool(heading.body_name or heading.symbol_text))
    body = adopting_body(heading, authorities)
    date = date or heading.date or iso_date(segments.date_text, lang_data)
    if heading.symbol_text and heading.symbol_text.isdigit() and date:
        heading.symbol_text += f" ({date[:4]})"  # "Resolution 290 of 8 December 1970"
    own = own_symbol(source, symbol, heading, body, authorities)
    own, repair = (own, None) if symbol or own is None else possible_own_symbol(source, own, _year(date))
    document = Document(
        text=reading.text,
        source=source,
        symbol=own,
        language=code,
        title=heading.title,
        body=authorities.bodies[body].names.get("en") if body in authorities.bodies else None,
        date=date,
        meeting=segments.meeting,
        paragraphs=segments.paragraphs,
        sections=segments.sections,
        footnotes=segments.footnotes,
        markers=segments.markers,
    )
    masked = find.mask(reading.text, [m.span for m in segments.markers])
    year = _year(document.date)
    in_paragraphs, named = {}, {}
    for paragraph in segments.paragraphs:
        in_paragraphs[paragraph.id], named[paragraph.id] = find.in_paragraph(
            masked, paragraph.span, lang_data, authorities, body, year
        )
    in_footnotes = find.in_footnotes(masked, segments.footnotes, lang_data, authorities, body)
    document.citations = resolve.citations(
        reading.text, segments.paragraphs, in_paragraphs, segments.footnotes, in_footnotes, authorities, document.symbol
    )
    document.citations = resolve.with_back_references(reading.text, document.paragraphs, document.citations, lang_data)
    document.mentions = resolve.mentions(reading.text, named)
    document.problems = resolve.problems(reading.text, in_paragraphs, in_footnotes)
    if heading.date_repair and not date_given:
        quote, how = heading.date_repair
        document.problems.insert(0, _heading_problem(reading.text, quote, heading.end, how))
    if repair and heading.symbol_text:
        document.problems.insert(0, _heading_problem(reading.text, heading.symbol_text, heading.end, repair))
    resolve.calls_to_action(
        reading.text, document.paragraphs, document.citations, document.mentions, lang_data, authorities
    )
    return document


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _heading_problem(text: str, quote: str, end: int, problem: str) -> Problem:
    """A repair of the heading's own symbol or date, reported where the heading prints it."""
    start = text.find(quote, 0, end)
    return (
        Problem("heading", quote, (start, start + len(quote)), problem)
        if start >= 0
        else Problem("heading", "", (0, 0), problem)
    )


def _check_is_resolution(source: str, segments: Segments, known: bool) -> None:
    with_verbs = sum(1 for p in segments.paragraphs if p.function)
    if not segments.paragraphs or (with_verbs < 1 if known else with_verbs < 2):
        raise InputError(
            source,
            "does not look like a resolution (no adopting body such as 'The Security Council,' and no paragraphs opening with resolution verbs)",
        )
