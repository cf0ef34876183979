"""The heading: what a resolution says about itself before its first paragraph
(title, symbol, adopting body, date), and the facts drawn from it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unxref.errors import InputError
from unxref.extract.clean import Reading
from unxref.extract.read import sidecar_path
from unxref.un import security_council, symbols
from unxref.un.authorities import Authorities
from unxref.un.language import Language, match_verb

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+")


@dataclass
class Heading:
    title: str | None = None
    body_name: str | None = None
    symbol_text: str | None = None
    date_text: str | None = None
    date: str | None = None  # ISO: the date printed, or the one reading of a date OCR damaged
    date_repair: tuple[str, str] | None = None  # (what the text prints, how it was read)
    end: int = 0  # where the heading stops and the paragraphs begin


def blocks(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the non-empty lines of ``text[start:end]`` (a paragraph a line)."""
    stop = len(text) if end is None else end
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline == -1 else newline
        if line_end > position:
            yield position, line_end
        position = line_end + 1


def read_heading(reading: Reading, language: Language) -> Heading:
    """Title, body, symbol and date: the blocks before the first paragraph. The date is the
    adoption's ("Resolution adopted by the General Assembly on 1 December 2025"), never the
    distribution's ("Distr.: General 3 December 2025")."""
    text = reading.text
    heading = Heading()
    titles: list[str] = []
    date_pattern, masthead = language.pattern("date"), language.pattern("masthead")
    for start, end in blocks(text, 0, reading.notes_start):
        line = text[start:end]
        adopted = language.pattern("adoption_date").search(line)
        if adopted:
            heading.date_text = date_pattern.search(adopted.group(0)).group(0)  # type: ignore[union-attr]
        body_line = language.body_line(line)
        if body_line:
            heading.body_name = body_line.group("body")
            heading.end = end + 1
            break
        if _NUMBERED.match(line) or match_verb(line, language):
            heading.end = start
            break
        if not adopted and not masthead.match(line) and not _heading_line(line, heading, titles, language):
            heading.end = start  # 1946-style: "1 (1946) Resolution of 25 January 1946", then the text
            break
        date = date_pattern.search(line)
        if date and heading.date_text is None and not masthead.match(line):
            heading.date_text = date.group(0)
        heading.end = end + 1
    heading.title = " ".join(titles) or None
    heading.date = iso_date(heading.date_text, language)
    if heading.date is None:
        _repair_date(text[: heading.end], heading, language)
    return heading


def _repair_date(text: str, heading: Heading, language: Language) -> None:
    """A heading's date that OCR damaged ("du ler août 1972", "du 28 niai 1974", "du 19
    décembre I97'"), read where one reading fits: the day "1er" misread, the one month within
    two letters of what is printed, the year of the heading's symbol when the year is lost."""
    damaged = language.pattern("damaged_date").search(text)
    if not damaged:
        return
    day = int(damaged.group("day")) if damaged.group("day").isdigit() else 1
    month = _nearest_month(damaged.group("month"), language)
    year = damaged.group("year")
    if not year.isdigit() or len(year) != 4:
        symbol_year = re.search(r"\((\d{4})\)", heading.symbol_text or "")
        year = symbol_year.group(1) if symbol_year else ""
    date = f"{year}-{month:02d}-{day:02d}" if month and year else ""
    if is_iso_date(date):
        heading.date = date
        heading.date_repair = (damaged.group(0), f"the date read as {date}: the heading prints {damaged.group(0)!r}")


def _nearest_month(word: str, language: Language) -> int | None:
    """The month whose name is within two letters of ``word`` ("niai", "ortubre"), or that
    begins with all of it but its last letter ("décemk"); None unless exactly one month is nearest."""
    folded = word.lower()
    distances: dict[int, int] = {}
    for name, month in language.months.items():
        distance = _edits(folded, name)
        if len(folded) >= 5 and name.startswith(folded[:-1]):
            distance = min(distance, 1)
        if distance <= 2:
            distances[month] = min(distance, distances.get(month, distance))
    best = min(distances.values(), default=None)
    nearest = [month for month, distance in distances.items() if distance == best]
    return nearest[0] if len(nearest) == 1 else None


def _edits(a: str, b: str) -> int:
    """Levenshtein distance.

    >>> _edits("niai", "mai"), _edits("ortubre", "octobre"), _edits("mal", "mai")
    (2, 2, 1)
    """
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


def _heading_line(line: str, heading: Heading, titles: list[str], language: Language) -> bool:
    """Read a line of the heading that is no masthead: its symbol, or its title; False when the
    heading has ended (a line after the symbol that is neither)."""
    date_pattern = language.pattern("date")
    symbol = language.pattern("heading_symbol").match(line)
    if symbol:
        heading.symbol_text = heading.symbol_text or symbol.group("symbol")
        rest = line[symbol.end() :].strip(" .")
        if rest and not date_pattern.search(rest):
            titles.append(rest)
    elif heading.symbol_text and not line.startswith("[") and not date_pattern.search(line) and line[-1:] in ",;:.":
        return False  # a clause after the symbol is the text: "By Article 47 of the Charter, ..." (1946)
    elif not line.startswith("[") and (not date_pattern.search(line) or len(line) > 120):
        titles.append(line)
    return True


def adopting_body(heading: Heading, authorities: Authorities) -> str | None:
    """The authority code of the body that adopted the resolution: named in its
    heading ("The Security Council,"), or told by the form of its symbol."""
    if heading.body_name:
        record = authorities.body_by_name(heading.body_name)
        if record:
            return record.code
    reference = symbols.REFERENCE.search(heading.symbol_text or "")
    return symbols.implied_body(reference) if reference else None


def own_symbol(
    source: str, given: str | None, heading: Heading, body: str | None, authorities: Authorities
) -> str | None:
    """The resolution's own symbol: as given, or from its heading ("Resolution 687 (1991)", "62/176.")."""
    if given:
        try:
            return symbols.normalize(given)
        except symbols.SymbolError as error:
            raise InputError(source, f"--symbol {given!r} is not a UN symbol ({error})") from None
    text = heading.symbol_text
    if not text:
        return None
    if "/RES/" in text:
        return symbols.normalize(text)
    reference = symbols.REFERENCE.fullmatch(re.sub(r"\s+", " ", text.strip()))
    return symbols.reference_symbol(authorities.symbol_prefix(body or "GA"), reference) if reference else None


def possible_own_symbol(source: str, symbol: str, year: int | None) -> tuple[str, str | None]:
    """The symbol a heading gives, checked against the numbering of the Security Council's
    resolutions: one with a year its number cannot have is read with the year of its adoption
    when the number fits that year ("Resolution 434 (1973)" adopted on 18 September 1978), the
    repair said; otherwise no resolution can have it ("Résolution 90 (1994)": OCR lost a digit
    of 909), and the document, which would be minted under another's IRI, is refused."""
    old = security_council.number_and_year(symbol)
    span = security_council.numbered(old[1]) if old else None
    if old is None or span is None or security_council.possible_resolution(*old):
        return symbol, None
    number, printed_year = old
    cannot = (
        f"heading gives {symbol}, which cannot be: the Security Council's resolutions of {printed_year}"
        f" are numbered {span[0]}-{span[1]}"
    )
    if year is not None and security_council.possible_resolution(number, year):
        return f"S/RES/{number} ({year})", f"the {cannot}; read as S/RES/{number} ({year}), the year of its adoption"
    raise InputError(
        source,
        f'its {cannot}; give its symbol in a sidecar file {sidecar_path(Path(source)).name} beside it (symbol = "...")',
    )


def is_iso_date(text: str) -> bool:
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def iso_date(text: str | None, language: Language) -> str | None:
    """``20 décembre 2006`` → ``2006-12-20``."""
    if not text:
        return None
    match = language.pattern("date").search(text)
    if not match:
        return None
    month = language.months.get(match.group("month").lower())
    return f"{int(match.group('year')):04d}-{month:02d}-{int(match.group('day')):02d}" if month else None
