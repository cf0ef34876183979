"""Documents: UN symbols in the text ("A/62/117", "E/2007/28 et Corr.1"), and
Official Records references whose supplement number names a body's report.
"""

from __future__ import annotations

import re

from unxref.extract.find.found import Found
from unxref.model import Span
from unxref.un import symbols
from unxref.un.authorities import Authorities
from unxref.un.language import Language

# A UN symbol: one of the series (`symbols.SERIES`), then its slash-separated components (OCR
# may leave a comma before a component's full stop: "E/CN,.4/1050").
# The look-ahead for a series' first letter lets the engine skip to one (half the time).
_DOC = re.compile(
    rf"(?=[{''.join(sorted({series[0] for series in symbols.SERIES}))}])(?<![\w/.])(?:{'|'.join(sorted(symbols.SERIES, key=len, reverse=True))})/\s?"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9.\-]|,(?=\.\d))*/\s?)*[A-Za-z0-9][A-Za-z0-9.\-]*(?:(?:(?<=Add\.|Rev\.)|(?<=Corr\.))\s\d{1,2}\b)?"
)
# The parts of a joint symbol: "A/67/828-S/2013/210".
_JOINT = re.compile(
    rf"(?:^|(?<=-))(?:{'|'.join(sorted(symbols.SERIES, key=len, reverse=True))})/.*?(?=-(?:{'|'.join(sorted(symbols.SERIES, key=len, reverse=True))})/|$)"
)
# A bracket glued between digits: OCR broke a number ("S/2(457" for S/20457).
_DAMAGED_DIGITS = re.compile(r"\(\d")
# A part or volume printed after a symbol: "(Part I)", "(Vol. III)", "(Parts I and II)".
_PART = re.compile(r"\s?\((?:Vol\.|Volume|Parts?|Partie|Parties)\s*[IVX]+(?:\s*(?:and|et|-)\s*[IVX]+)?\)", re.I)


def find_documents(text: str, start: int, end: int, language: Language) -> list[Found]:
    """Document symbols ("A/62/117", "E/2007/28 et Corr.1"); RES symbols are resolutions."""
    found: list[Found] = []
    records = language.pattern("official_records")
    for match in _symbols_in(text, start, end, language):
        raw = match.group(0).rstrip(".-")
        try:
            symbol = symbols.parse(_repaired(raw))
        except symbols.SymbolError:
            continue
        span_end = match.start() + len(raw)
        qualifier = re.match(r"\s*\((\d{4}|[IVXL]+)\)", text[span_end:end])
        if qualifier and symbol.is_resolution:
            symbol = symbols.parse(f"{raw} ({qualifier.group(1)})")
            span_end += qualifier.end()
        if not symbol.is_resolution and _DAMAGED_DIGITS.match(text, span_end, end):
            continue  # "S/2(457": OCR broke the number; it is no S/2
        part = _PART.match(text, span_end, end)
        if part and not symbol.is_resolution:
            symbol = symbols.parse(raw + part.group(0))
            span_end = part.end()
        span_start = match.start()
        record = _official_record_before(text, match.start(), start, records)
        if record is not None:
            span_start = record
        kind = "resolution" if symbol.is_resolution else "document"
        found.append(Found(kind, (span_start, span_end), symbol=str(symbol)))
        modifiers = language.pattern("modifier_list").match(text, span_end)
        if modifiers and modifiers.end() <= end and kind == "document":
            found += _modified(symbol, modifiers)
    return found


def find_ibid_modifiers(text: str, start: int, end: int, language: Language, previous: str | None) -> list[Found]:
    """A note that is only "Ibid., Add.1" (or "Ibid., Corr.1 et 2"): the addenda or corrigenda
    of ``previous``, the document the note before it cites."""
    ibid = language.pattern("ibid").match(text, start, end)
    modifiers = ibid and language.pattern("modifier_list").match(text, ibid.end(), end)
    if previous is None or not modifiers or text[modifiers.end() : end].strip(" .;"):
        return []
    return _modified(symbols.parse(previous).base, modifiers)


# An item of a modifier list, or a range's sign; "1-et 2" is a hyphen left by a wrapped line, no range.
_MODIFIER_ITEM = re.compile(r"(?:(Add|Corr|Con-?|Rev)(?:\.\s?|\s(?=\d)))?(\d+|[lI]\b)|(-(?!and\b|et\b)|\bto\b|\bà\b)")


def _modified(symbol: symbols.Symbol, modifiers: re.Match[str]) -> list[Found]:
    """ "E/2007/28 and Corr.1", "S/4389 and Add.1-3", "Add.24 and 25": one document each."""
    found: list[Found] = []
    kind, previous, ranged = "", 0, False
    for item in _MODIFIER_ITEM.finditer(modifiers.group(0)):
        if item.group(3):
            ranged = True
            continue
        kind = ("Corr" if (item.group(1) or "").startswith("Con") else item.group(1)) or kind
        number = 1 if item.group(2) in "lI" else int(item.group(2))  # "Add.l" is Add.1 misread
        numbers = range(previous + 1, number + 1) if ranged and 0 < number - previous <= 20 else [number]
        for n in numbers:
            where = (modifiers.start() + item.start(), modifiers.start() + item.end())
            found.append(Found("document", where, symbol=str(symbol.with_modifier(f"{kind}.{n}"))))
        previous, ranged = number, False
    return found


def _symbols_in(text: str, start: int, end: int, language: Language) -> list[re.Match[str]]:
    """Every symbol in the region: a joint symbol ("A/67/828-S/2013/210") gives both; after the
    word "document", OCR's "$/4429", "8/5635" and "Si 12636" are Security Council documents, and so is "S/I 998/ 1029"."""
    found: list[re.Match[str]] = []
    for match in _DOC.finditer(text, start, end):
        parts = list(_JOINT.finditer(match.group(0)))
        if len(parts) > 1:
            found += [
                m for part in parts if (m := _DOC.match(text, match.start() + part.start(), match.start() + part.end()))
            ]
        else:
            found.append(match)
    for misread in language.pattern("misread_council_document").finditer(text, start, end):
        found = [m for m in found if not (m.start() < misread.end() and misread.start() < m.end())]
        found.append(misread)  # "S/I 998/ 1029", not "S/I"
    return sorted(found, key=lambda m: m.start())


def _repaired(raw: str) -> str:
    """The Security Council's "S/" as OCR misread it, and "Add.l" for "Add.1"."""
    raw = raw.replace(",.", ".")  # "E/CN,.4/1050"
    raw = re.sub(r"^S1(?=\d{5}$)", "S/", raw)  # "S111694": the slash read as 1
    raw = re.sub(r"^(S/PRST/(?:19|20)\d\d)1(?=\d{1,3}$)", r"\1/", raw)  # "S/PRST/1994149": the same
    raw = re.sub(r"^(?:\$|8|Si|SI|S(?=\s))\s?/?\s?(?=\d)", "S/", raw)
    raw = re.sub(r"^S/I\s?(\d{3})/\s?", r"S/1\1/", raw)  # "S/I 998/ 1029"
    raw = re.sub(r"^S/\s?[Il]\s?(?=\d{4}(?!\d))", "S/1", raw)  # "S/I3885", "S/ I 7770": the 1 read as I
    raw = re.sub(r"^S/(\d{4})\s[Il]$", r"S/\g<1>1", raw)  # "S/1261 I": the last 1 read as I
    raw = re.sub(r"\bRey\.", "Rev.", raw)  # "Rev." read as "Rey."
    raw = re.sub(r"\bCon-?\.\s?", "Corr.", raw)  # "Corr." read as "Con." or "Con-."
    return re.sub(r"\b(Add|Corr|Rev)\.\s?[lI]\b", r"\1.1", raw)


def _official_record_before(text: str, position: int, start: int, records: re.Pattern[str]) -> int | None:
    """Start of an Official Records reference whose symbol, in brackets, is at position."""
    window_start = max(start, position - 200)
    opening = text.rfind("(", window_start, position)
    if opening == -1 or text[opening + 1 : position].strip():
        return None
    best = None
    for match in records.finditer(text, window_start, opening):
        if not text[match.end() : opening].strip():
            best = match.start()
    return best


def find_official_records(
    text: str, start: int, end: int, language: Language, authorities: Authorities, taken: list[Span]
) -> list[Found]:
    """Official Records references with no symbol: the supplement number names the report."""
    found = []
    for match in language.pattern("official_records").finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        year = re.search(r"\b(19|20)\d\d\b", match.group(0), re.ASCII)
        supplement = re.search(r"(\d+)[A-Z]?$", match.group(0))
        if not (year and supplement):
            continue
        body = next(
            (b for b in authorities.bodies.values() if b.supplement == int(supplement.group(1)) and b.report_pattern),
            None,
        )
        if body and body.report_pattern:
            symbol = symbols.normalize(body.report_pattern.replace("{year}", year.group(0)))
            found.append(Found("document", (match.start(), match.end()), symbol=symbol))
    return found
