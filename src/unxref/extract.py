"""The extraction pipeline: read → clean → segment → find → resolve → Document."""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

from unxref import authorities as authority_data
from unxref import find, language, resolve, symbols
from unxref.clean import clean
from unxref.find import Found
from unxref.model import Document, Span
from unxref.read import InputError, read_file
from unxref.segment import Segments, segment


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


def sidecar(path: Path) -> dict[str, str]:
    """What a text lacks, from ``NAME.meta.toml`` next to it (``A_RES_62_176_fr.meta.toml``
    for ``A_RES_62_176_fr.txt``): ``symbol = "A/RES/62/176"``, ``date = "2007-12-18"``, ``lang``."""
    meta = path.with_name(path.stem + ".meta.toml")
    if not meta.is_file():
        return {}
    try:
        data = tomllib.loads(meta.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(str(meta), f"is not valid TOML: {error}") from None
    unknown = set(data) - {"symbol", "date", "lang"}
    if unknown:
        raise InputError(str(meta), f"unknown keys {', '.join(sorted(unknown))}; known: symbol, date, lang")
    return {k: str(v) for k, v in data.items()}


def extract_text(
    raw: str,
    source: str = "<text>",
    source_format: str = "txt",
    symbol: str | None = None,
    lang: str = "auto",
    date: str | None = None,
) -> Document:
    """Extract one resolution; ``symbol`` and ``date`` supply what its text lacks."""
    if date is not None and not _is_iso_date(date):
        raise InputError(source, f"--date {date!r} is not a date in the form YYYY-MM-DD")
    reading = clean(raw, source_format)
    code = language.detect(reading.body) if lang == "auto" else lang
    lang_data = language.load(code)
    authorities = authority_data.load()
    segments = segment(reading, lang_data)
    _check_is_resolution(source, segments)
    body = _adopting_body(segments, authorities, lang_data)
    date = date or _iso_date(segments.heading.date_text, lang_data)
    if segments.heading.symbol_text and segments.heading.symbol_text.isdigit() and date:
        segments.heading.symbol_text += f" ({date[:4]})"  # "Resolution 290 of 8 December 1970"
    own_symbol = _own_symbol(source, symbol, segments, body, authorities)
    document = Document(
        text=reading.text,
        source=source,
        symbol=own_symbol,
        language=code,
        title=segments.heading.title,
        body=authorities.bodies[body].names.get("en") if body in authorities.bodies else None,
        date=date,
        meeting=segments.heading.meeting,
        paragraphs=segments.paragraphs,
        sections=segments.sections,
        footnotes=segments.footnotes,
        markers=segments.markers,
    )
    masked = find.mask(reading.text, [m.span for m in segments.markers])
    year = int(document.date[:4]) if document.date else None
    in_paragraphs, mentions = {}, {}
    for paragraph in segments.paragraphs:
        found, named = _find_in_paragraph(masked, paragraph.span, lang_data, authorities, body, year)
        in_paragraphs[paragraph.id] = found
        mentions[paragraph.id] = named
    in_footnotes = _find_in_footnotes(masked, segments, lang_data, authorities, body)
    document.citations = resolve.citations(
        reading.text, segments.paragraphs, in_paragraphs, segments.footnotes, in_footnotes
    )
    document.mentions = resolve.mentions(reading.text, mentions)
    return document


def _check_is_resolution(source: str, segments: Segments) -> None:
    with_verbs = sum(1 for p in segments.paragraphs if p.function)
    known = segments.heading.body_name or segments.heading.symbol_text
    if not segments.paragraphs or (with_verbs < 1 if known else with_verbs < 2):
        raise InputError(
            source,
            "does not look like a resolution (no adopting body such as 'The Security Council,' and no paragraphs opening with resolution verbs)",
        )


def _adopting_body(segments: Segments, authorities: authority_data.Authorities, lang: language.Language) -> str | None:
    if segments.heading.body_name:
        record = authorities.body_by_name(segments.heading.body_name)
        if record:
            return record.code
    text = segments.heading.symbol_text or ""
    if re.search(r"\(\d{4}\)", text):
        return "SC"
    if "/" in text or re.search(r"\([IVXL]+\)", text):
        return "GA"
    return None


def _own_symbol(
    source: str, given: str | None, segments: Segments, body: str | None, authorities: authority_data.Authorities
) -> str | None:
    if given:
        try:
            return symbols.normalize(given)
        except symbols.SymbolError as error:
            raise InputError(source, f"--symbol {given!r} is not a UN symbol ({error})") from None
    text = segments.heading.symbol_text
    if not text:
        return None
    if "/RES/" in text:
        return symbols.normalize(text)
    ref = find._REF.fullmatch(re.sub(r"\s+", " ", text.strip()))
    return find.resolution_symbol(ref, body or "GA", authorities) if ref else None


def _is_iso_date(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _iso_date(text: str | None, lang: language.Language) -> str | None:
    if not text:
        return None
    match = lang.pattern("date").search(text)
    if not match:
        return None
    month = lang.months.get(match.group("month").lower())
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}" if month else None


def _find_in_paragraph(
    text: str,
    span: Span,
    lang: language.Language,
    authorities: authority_data.Authorities,
    body: str | None,
    year: int | None,
) -> tuple[list[Found], list[Found]]:
    start, end = span
    found = find.find_resolutions(text, start, end, lang, authorities, body, None)
    found += find.find_documents(text, start, end, lang)
    found += find.find_bare_resolutions(text, start, end, [f.span for f in found], year)
    references, _ = find.find_treaty_references(text, start, end, lang, None)
    treaties = find.find_names(text, start, end, "treaty", lang, authorities) + references
    found += [resolve.treaty_key(t, authorities) for t in treaties]
    bodies = [
        b for b in find.find_names(text, start, end, "body", lang, authorities) if not _overlaps(b.span, treaties)
    ]
    sessions = find.find_sessions(text, start, end, lang, authorities, bodies, body)
    return found, bodies + sessions


def _find_in_footnotes(
    text: str, segments: Segments, lang: language.Language, authorities: authority_data.Authorities, body: str | None
) -> dict[int, list[Found]]:
    found: dict[int, list[Found]] = {}
    series = None
    for note in segments.footnotes:
        start, end = note.span
        documents = find.find_documents(text, start, end, lang)
        documents += find.find_official_records(text, start, end, lang, authorities, [d.span for d in documents])
        reporting = next((b for d in documents if d.symbol and (b := authorities.body_reporting_in(d.symbol))), None)
        context = reporting.code if reporting else None
        resolutions = find.find_resolutions(text, start, end, lang, authorities, body, context)
        references, series = find.find_treaty_references(text, start, end, lang, series)
        names = find.find_names(text, start, end, "treaty", lang, authorities)
        treaties = [resolve.treaty_key(t, authorities) for t in names + references]
        found[note.number] = resolutions + documents + treaties
    return found


def _overlaps(span: Span, others: list[Found]) -> bool:
    return any(span[0] < o.span[1] and o.span[0] < span[1] for o in others)
