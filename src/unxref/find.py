"""Find mentions in a region of text: resolutions, documents, treaties, bodies, sessions.

Each finder scans a *masked* copy of the text, in which footnote markers are
blanked out (``Millénaire1`` reads ``Millénaire ``), so that a marker glued to a
word or a year never breaks a match; spans are the same in both copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from unxref import symbols
from unxref.authorities import Authorities
from unxref.language import Language
from unxref.model import Span

# "61/183", "S-20/2-4", "2007/12", "687 (1991)", "1514 (XV)", "2200 A (XXI)"
_REF = re.compile(
    r"(?P<new>(?P<session>(?:E?S-)?\d{1,4})/(?P<number>\d{1,4})(?:-(?P<last>\d{1,4}))?)"
    r"|(?P<old>(?P<onumber>\d{1,4})(?:\s+(?P<opart>[A-Z]))?\s*\((?P<qualifier>\d{4}|[IVXL]+|E?S-(?:[IVXL]+|\d+))\))"
)
_PARTS = re.compile(r"\s+(?P<parts>[A-Z](?:\s*-\s*[A-Z])?)(?![\w/])")
_DOC = re.compile(
    r"(?<![\w/.])(?:A|S|E|T|ST|UNEP|DP|TD)/\s?(?:[A-Za-z0-9][A-Za-z0-9.\-]*/\s?)*[A-Za-z0-9][A-Za-z0-9.\-]*"
)
_BARE_OLD = re.compile(r"(?<![\w/.])(?P<number>\d{1,4})\s\((?P<year>19[4-9]\d|20[0-4]\d)\)")
_BARE_EXCLUDED = re.compile(r"(?:No\.|vol\.|Supplement|Supplément|paragraphs?|paras?\.|Article|p\.|pp\.)\s*$", re.I)
DEFAULT_PREFIX = {"GA": "A", "SC": "S", "ECOSOC": "E"}


@dataclass
class Found:
    kind: str  # resolution | document | treaty | body | session
    span: Span
    symbol: str | None = None
    unts: str | None = None
    name: str | None = None  # treaty key, or body/session id for mentions
    body: str | None = None  # body code of a resolution
    pinpoint: str | None = None


def mask(text: str, spans: list[Span]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# ---------------------------------------------------------------- resolutions


def resolution_symbol(ref: re.Match[str], body: str, authorities: Authorities, number: str | None = None) -> str:
    """The canonical symbol of a reference made by ``body`` (an authority code)."""
    record = authorities.bodies.get(body)
    prefix = (record.symbol_prefix if record and record.symbol_prefix else DEFAULT_PREFIX.get(body, "A")).rstrip("/")
    if ref.group("new"):
        return symbols.normalize(f"{prefix}/RES/{ref.group('session')}/{number or ref.group('number')}")
    return symbols.normalize(f"{prefix}/RES/{number or ref.group('onumber')} ({ref.group('qualifier')})")


def _implied_body(ref: re.Match[str], explicit: str | None, own: str | None, context: str | None) -> str:
    """Who adopted a referenced resolution: a named body, else the form, else context.

    "2007/12" (a year, then a number) is ECOSOC's style; "687 (1991)" the Security
    Council's; "1514 (XV)" and "61/183" the General Assembly's.
    """
    if explicit:
        return explicit
    if ref.group("new") and re.fullmatch(r"(?:19|20)\d\d", ref.group("session")):
        return "ECOSOC"
    if context:
        return context
    if own:
        return own
    if ref.group("old") and ref.group("qualifier").isdigit():
        return "SC"
    return "GA"


@cache
def _body_label_pattern(authorities: Authorities, language: str) -> re.Pattern[str]:
    pairs = authorities.name_patterns("body", language)
    alternation = "|".join(_label_regex(label) for label, _ in sorted(pairs, key=lambda p: -len(p[0])))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _label_regex(label: str) -> str:
    escaped = re.escape(label).replace(r"\ ", r"\s+")
    return re.sub("[’']", "['’]", escaped)


def _body_named_before(text: str, anchor: int, authorities: Authorities, language: Language) -> str | None:
    window = text[max(0, anchor - 90) : anchor]
    best = None
    for match in _body_label_pattern(authorities, language.code).finditer(window):
        if not window[match.end() :].strip():
            best = authorities.body_by_name(match.group(0))
    return best.code if best else None


def _body_named_after(text: str, position: int, authorities: Authorities, language: Language) -> str | None:
    lead = language.pattern("body_after").match(text, position)
    if not lead:
        return None
    name = _body_label_pattern(authorities, language.code).match(text, lead.end())
    body = authorities.body_by_name(name.group(0)) if name else None
    return body.code if body else None


def find_resolutions(
    text: str, start: int, end: int, language: Language, authorities: Authorities, own: str | None, context: str | None
) -> list[Found]:
    """Resolutions introduced by "resolution(s)", in lists, ranges and with pinpoints."""
    found: list[Found] = []
    anchor_pattern = re.compile(rf"(?<!\w){language.pattern('resolution_word').pattern}\s+", re.IGNORECASE)
    pinpoint_pattern = language.pattern("pinpoint")
    own_pattern = re.compile(rf"(?<!\w){language.pattern('own').pattern}$", re.IGNORECASE)
    for anchor in anchor_pattern.finditer(text, start, end):
        before = text[max(start, anchor.start() - 60) : anchor.start()]
        own_match = own_pattern.search(before)
        explicit = _body_named_before(text, anchor.start(), authorities, language)
        quote_start = anchor.start() - len(own_match.group(0)) if own_match else anchor.start()
        pin = None
        pin_match = re.search(pinpoint_pattern.pattern + r"$", text[max(start, quote_start - 60) : quote_start], re.I)
        if pin_match:
            pin = f"paragraph {pin_match.group('pin')}"
            quote_start -= len(pin_match.group(0))
        refs = _ref_list(text, anchor.end(), end, language)
        if not refs:
            continue
        after = refs[-1][1]
        explicit = explicit or _body_named_after(text, after, authorities, language)
        for index, (ref, ref_end, numbers, parts, annex) in enumerate(refs):
            body = _implied_body(ref, explicit, own if own_match else None, context)
            span_start = quote_start if index == 0 else ref.start()
            pinpoint = pin if index == 0 else None
            details = [d for d in (pinpoint, parts, annex) if d]
            for number in numbers:
                found.append(
                    Found(
                        "resolution",
                        (span_start, ref_end),
                        symbol=resolution_symbol(ref, body, authorities, number),
                        body=body,
                        pinpoint=", ".join(details) or None,
                    )
                )
    return found


def _ref_list(
    text: str, position: int, end: int, language: Language
) -> list[tuple[re.Match[str], int, list[str], str | None, str | None]]:
    """Parse "61/183 du 20 décembre 2006", "660 (1990), 661 (1990) and 686 (1991)", ranges."""
    refs: list[tuple[re.Match[str], int, list[str], str | None, str | None]] = []
    separator = language.pattern("list_separator")
    range_word = language.pattern("range_word")
    while position < end:
        ref = _REF.match(text, position)
        if not ref or ref.end() > end:
            break
        ref_end = ref.end()
        numbers = [ref.group("number") or ref.group("onumber")]
        if ref.group("last"):
            numbers = [str(n) for n in range(int(ref.group("number")), int(ref.group("last")) + 1)][:50]
        parts = None
        part_match = _PARTS.match(text, ref_end)
        if ref.group("opart"):
            parts = f"part {ref.group('opart')}"
        elif part_match and part_match.end() <= end:
            parts = "part " + re.sub(r"\s", "", part_match.group("parts"))
            ref_end = part_match.end()
        annex = None
        for clause in ("date_clause", "annex_clause"):
            extra = language.pattern(clause).match(text, ref_end)
            if extra and extra.end() <= end and extra.group(0).strip(" ,"):
                if clause == "annex_clause":
                    annex = extra.group(0).strip(" ,")
                    ref_end = extra.end()
                else:
                    ref_end = extra.end()
        refs.append((ref, ref_end, numbers, parts, annex))
        ranged = range_word.match(text, ref_end)
        if ranged and refs and ref.group("old"):
            following = _REF.match(text, ranged.end())
            if following and following.group("old") and following.group("qualifier") == ref.group("qualifier"):
                first, last = int(ref.group("onumber")), int(following.group("onumber"))
                if 0 < last - first <= 30:
                    refs[-1] = (ref, ref_end, [str(n) for n in range(first, last)], parts, annex)
                    position = ranged.end()
                    continue
        joined = separator.match(text, ref_end)
        if not joined:
            break
        position = joined.end()
    return refs


def find_bare_resolutions(text: str, start: int, end: int, taken: list[Span], year_limit: int | None) -> list[Found]:
    """Old-style "242 (1967)" with no "resolution" before it: a Security Council resolution."""
    found = []
    for match in _BARE_OLD.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if _BARE_EXCLUDED.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        if year_limit and int(match.group("year")) > year_limit:
            continue
        symbol = f"S/RES/{int(match.group('number'))} ({match.group('year')})"
        found.append(Found("resolution", (match.start(), match.end()), symbol=symbol, body="SC"))
    return found


# ---------------------------------------------------------------- documents


def find_documents(text: str, start: int, end: int, language: Language) -> list[Found]:
    """Document symbols ("A/62/117", "E/2007/28 et Corr.1"); RES symbols are resolutions."""
    found: list[Found] = []
    records = language.pattern("official_records")
    for match in _DOC.finditer(text, start, end):
        raw = match.group(0).rstrip(".-")
        try:
            symbol = symbols.parse(raw)
        except symbols.SymbolError:
            continue
        span_end = match.start() + len(raw)
        qualifier = re.match(r"\s*\((\d{4}|[IVXL]+)\)", text[span_end:end])
        if qualifier and symbol.is_resolution:
            symbol = symbols.parse(f"{raw} ({qualifier.group(1)})")
            span_end += qualifier.end()
        span_start = match.start()
        record = _official_record_before(text, match.start(), start, records)
        if record is not None:
            span_start = record
        kind = "resolution" if symbol.is_resolution else "document"
        found.append(Found(kind, (span_start, span_end), symbol=str(symbol)))
        modifiers = language.pattern("modifier_list").match(text, span_end)
        if modifiers and modifiers.end() <= end and kind == "document":
            for modifier in re.finditer(r"(Add|Corr|Rev)\.\s?(\d+)", modifiers.group(0)):
                variant = symbol.with_modifier(f"{modifier.group(1)}.{modifier.group(2)}")
                where = modifiers.start() + modifier.start()
                found.append(Found("document", (where, modifiers.start() + modifier.end()), symbol=str(variant)))
    return found


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
        year = re.search(r"\b(19|20)\d\d\b", match.group(0))
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


# ---------------------------------------------------------------- treaties


def find_treaty_references(
    text: str, start: int, end: int, language: Language, series: str | None
) -> tuple[list[Found], str | None]:
    """ "United Nations, Treaty Series, vol. 976, No. 14152" and "Ibid., vol. 1019, no 14956".

    Returns the references and the series in force at the end, which an "Ibid."
    in the next note carries on.
    """
    unts, lnts, ibid = (language.pattern(n).pattern for n in ("treaty_series_unts", "treaty_series_lnts", "ibid"))
    volume, registration = language.pattern("treaty_volume").pattern, language.pattern("treaty_number").pattern
    reference = re.compile(
        rf"(?:(?P<unts>{unts})|(?P<lnts>{lnts})|(?P<ibid>{ibid}))\s*,\s*{volume}\s*,\s*(?:p\.\s*\d+\s*,\s*)?{registration}",
        re.IGNORECASE,
    )
    found = []
    for match in reference.finditer(text, start, end):
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


@cache
def _name_pattern(authorities: Authorities, kind: str, language: Language) -> re.Pattern[str]:
    if kind == "alias":
        pairs = [(alias, key) for alias, key in language.treaty_aliases.items() if key in authorities.treaties]
    else:
        pairs = [(label, code) for label, code in authorities.name_patterns(kind, language.code) if code != "UN"]
    pairs.sort(key=lambda pair: -len(pair[0]))
    groups = "|".join(_label_regex(label) for label, _ in pairs)
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)


@cache
def _label_index(authorities: Authorities, kind: str, language: Language) -> dict[str, str]:
    pairs = authorities.name_patterns(kind, language.code)
    if kind == "treaty":
        pairs = pairs + list(language.treaty_aliases.items())
    return {_fold(label): key for label, key in pairs}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def find_names(text: str, start: int, end: int, kind: str, language: Language, authorities: Authorities) -> list[Found]:
    """Treaty or body names from the authority data, longest first.

    For treaties, the language's short aliases ("the Charter") count only where no
    full name ("Charter of the United Nations") overlaps them.
    """
    index = _label_index(authorities, kind, language)
    found = []
    for match in _name_pattern(authorities, kind, language).finditer(text, start, end):
        key = index.get(_fold(match.group(0)))
        if key:
            found.append(Found(kind, (match.start(), match.end()), name=key))
    if kind == "treaty":
        for match in _name_pattern(authorities, "alias", language).finditer(text, start, end):
            key = index.get(_fold(match.group(0)))
            if key and not any(f.span[0] < match.end() and match.start() < f.span[1] for f in found):
                found.append(Found(kind, (match.start(), match.end()), name=key))
    return found


# ---------------------------------------------------------------- sessions

_SESSION_BODIES = re.compile(r"Assembly|Council|Commission|Committee|Board|Conference|Forum", re.I)


def find_sessions(
    text: str, start: int, end: int, language: Language, authorities: Authorities, bodies: list[Found], own: str | None
) -> list[Found]:
    """ "quarante-sixième session de la Commission", "twentieth special session"."""
    found = []
    for match in language.pattern("session").finditer(text, start, end):
        ordinal = language.ordinals.get(re.sub(r"\s+", " ", match.group("ordinal").lower()))
        if ordinal is None:
            continue
        special = match.group("special")
        body = _session_body(text, match, language, authorities, bodies, own)
        if special:
            prefix = "ES-" if re.search(r"emergency|urgence", special, re.I) else "S-"
            session_id = f"{body}/{prefix}{ordinal}"
        else:
            session_id = f"{body}/{ordinal}"
        found.append(Found("session", (match.start(), match.end()), name=session_id))
    return found


def _session_body(
    text: str, match: re.Match[str], language: Language, authorities: Authorities, bodies: list[Found], own: str | None
) -> str:
    named = _body_named_after(text, match.end(), authorities, language)
    if named:
        return named
    generic = re.match(r"\s+(?:de\s+la|du|de\s+l[’']|of\s+the)\s+(\w+)", text[match.end() :])
    earlier = [b for b in bodies if b.span[1] <= match.start()]
    if generic:
        head = generic.group(1).lower()
        for body in reversed(earlier):
            record = authorities.bodies.get(body.name or "")
            if record and any(head in name.lower() for name in record.names.values()):
                return record.code
    if match.group("special"):
        return "GA"
    for body in reversed(earlier):
        record = authorities.bodies.get(body.name or "")
        if record and _SESSION_BODIES.search(record.names.get("en", "")) and body.span[0] >= match.start() - 200:
            return record.code
    return own or "GA"
