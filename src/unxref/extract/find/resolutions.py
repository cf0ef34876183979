"""Resolutions: introduced by "resolution(s)", in lists, ranges and with pinpoints;
and old-style "242 (1967)" standing alone.
"""

from __future__ import annotations

import calendar
import re
from functools import cache

from unxref.extract.find.found import Found
from unxref.extract.find.names import body_name_after, body_named_after, body_named_before
from unxref.model import Span
from unxref.un import general_assembly, security_council, symbols
from unxref.un.authorities import Authorities
from unxref.un.language import Language

_PARTS = re.compile(r"\s+(?P<parts>[A-Z](?:\s*-\s*[A-Z])?)(?![\w/])")
_BARE_OLD = re.compile(r"(?<![\w/.])(?P<number>\d{1,4})\s?\((?P<year>19[4-9]\d|20[0-4]\d)\)")
_LEAD_NUMBER = re.compile(r"\d{1,4}(?![\d/(])")
_MONTH_YEAR = re.compile(r"(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})\s*$")
# A reference: its match, where it ends, its numbers, its parts, its annex, the (year, month) printed after it.
Reference = tuple[re.Match[str], int, list[str], str | None, str | None, tuple[int, int] | None]


def _implied_body(ref: re.Match[str], explicit: str | None, own: str | None, context: str | None) -> str:
    """Who adopted a referenced resolution: a named body; else the Security Council for a year
    in parentheses ("687 (1991)") and ECOSOC for a year first ("2007/12"), the only bodies whose
    symbols take those forms; else the body whose report a note points into, or the citing body
    ("its resolution") unless it is the Security Council; else the one the form tells (the
    General Assembly for "1514 (XV)" and "61/183")."""
    if explicit:
        return explicit
    form = symbols.implied_body(ref)
    if form in ("SC", "ECOSOC"):
        return form
    return context or (own if own != "SC" else None) or form


_SPACE = re.compile(r"\s*")


@cache
def _word_pattern(language: Language, name: str, after: str) -> re.Pattern[str]:
    """A pattern of the language that starts a word, then ``after``: compiled once a language,
    not once a paragraph."""
    return re.compile(rf"(?<!\w){language.pattern(name).pattern}{after}", re.IGNORECASE)


@cache
def _pinpoint_before(language: Language) -> re.Pattern[str]:
    """A pinpoint ("paragraph 3 of") that ends where a resolution's reference starts."""
    return re.compile(language.pattern("pinpoint").pattern + r"$", re.IGNORECASE)


def find_resolutions(
    text: str, start: int, end: int, language: Language, authorities: Authorities, own: str | None, context: str | None
) -> list[Found]:
    """Resolutions introduced by "resolution(s)", in lists, ranges and with pinpoints."""
    found: list[Found] = []
    anchor_pattern = _word_pattern(language, "resolution_word", r"\s+")
    own_pattern = _word_pattern(language, "own", "$")
    for anchor in anchor_pattern.finditer(text, start, end):
        before = text[max(start, anchor.start() - 60) : anchor.start()]
        own_match = own_pattern.search(before)
        explicit = body_named_before(text, anchor.start(), authorities, language)
        quote_start = anchor.start() - len(own_match.group(0)) if own_match else anchor.start()
        pin = None
        pin_match = _pinpoint_before(language).search(text[max(start, quote_start - 60) : quote_start])
        if pin_match:
            pin = f"paragraph {pin_match.group('pin')}"
            quote_start -= len(pin_match.group(0))
        refs = _ref_list(text, anchor.end(), end, language)
        if not refs and (between := body_name_after(text, anchor.end() - 1, authorities, language)):
            explicit, body_end = between  # "résolutions de l'Assemblée générale 2248 (S-V)"
            refs = _ref_list(text, _SPACE.match(text, body_end).end(), end, language)  # type: ignore[union-attr]
        if not refs:
            continue
        after = refs[-1][1]
        explicit = explicit or body_named_after(text, after, authorities, language)
        for index, (ref, ref_end, numbers, parts, annex, dated) in enumerate(refs):
            body = _implied_body(ref, explicit, own if own_match else None, context)
            span_start = quote_start if index == 0 else ref.start()
            pinpoint = pin if index == 0 else None
            details = [d for d in (pinpoint, parts, annex) if d]
            for number in numbers:
                resolution = Found(
                    "resolution",
                    (span_start, ref_end),
                    symbol=symbols.reference_symbol(authorities.symbol_prefix(body), ref, number),
                    body=body,
                    pinpoint=", ".join(details) or None,
                )
                found.append(checked_session(checked(resolution), dated))
    return found


def find_decisions(
    text: str, start: int, end: int, language: Language, authorities: Authorities, own: str | None
) -> list[Found]:
    """Decisions of UN bodies: "decision 77/512" is the General Assembly's (A/DEC/77/512, an
    identifier unxref mints: its decisions have no symbol), "Human Rights Council decision 31/115"
    A/HRC/DEC/31/115. A decision of a body outside the UN ("decision 15/4" of the Conference of
    the Parties to the Convention on Biological Diversity) is left to that body's series."""
    found: list[Found] = []
    anchor_pattern = _word_pattern(language, "decision_word", r"\s+")
    for anchor in anchor_pattern.finditer(text, start, end):
        refs = [r for r in _ref_list(text, anchor.end(), end, language) if r[0].group("new")]
        if not refs:
            continue
        named = body_named_before(text, anchor.start(), authorities, language) or body_named_after(
            text, refs[-1][1], authorities, language
        )
        body = named or ("GA" if own in (None, "GA", "SC") else own)
        record = authorities.bodies.get(body)
        if record is None or not record.symbol_prefix or authorities.iri_path(body):
            continue
        prefix = authorities.symbol_prefix(body)
        for index, (ref, ref_end, numbers, _, _, _) in enumerate(refs):
            for number in numbers:
                symbol = symbols.normalize(f"{prefix}/DEC/{ref.group('session')}/{number}")
                span = (anchor.start() if index == 0 else ref.start(), ref_end)
                found.append(Found("decision", span, symbol=symbol, body=body))
    return found


def _ref_list(text: str, position: int, end: int, language: Language) -> list[Reference]:
    """Parse "61/183 du 20 décembre 2006", "660 (1990), 661 (1990) and 686 (1991)", ranges."""
    refs: list[Reference] = []
    separator = language.pattern("list_separator")
    range_word = language.pattern("range_word")
    while position < end:
        ref = symbols.REFERENCE.match(text, position)
        lead = None if ref else _bare_range(text, position, end, range_word)
        if lead:  # "resolutions 1 to 3 (1946)": the first number without its year
            ref, first = lead
            numbers = [str(n) for n in range(first, int(ref.group("onumber")) + 1)]
            refs.append((ref, ref.end(), numbers, None, None, None))
            joined = separator.match(text, ref.end())
            if not joined:
                break
            position = joined.end()
            continue
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
        annex = dated = None
        for clause in ("date_clause", "annex_clause"):
            extra = language.pattern(clause).match(text, ref_end)
            if extra and extra.end() <= end and extra.group(0).strip(" ,"):
                annex = extra.group("annex") if clause == "annex_clause" else annex
                dated = _month_and_year(extra.group(0), language) if clause == "date_clause" else dated
                ref_end = extra.end()
        refs.append((ref, ref_end, numbers, parts, annex, dated))
        ranged = range_word.match(text, ref_end)
        if ranged and refs and ref.group("old"):
            following = symbols.REFERENCE.match(text, ranged.end())
            if following and following.group("old") and following.group("qualifier") == ref.group("qualifier"):
                first, last = int(ref.group("onumber")), int(following.group("onumber"))
                if 0 < last - first <= 30:
                    refs[-1] = (ref, ref_end, [str(n) for n in range(first, last)], parts, annex, dated)
                    position = ranged.end()
                    continue
        joined = separator.match(text, ref_end)
        if not joined:
            break
        position = joined.end()
    return refs


def _month_and_year(clause: str, language: Language) -> tuple[int, int] | None:
    """The (year, month) a date clause ends with: "of 27 October 1966", "du 27 octobre 1966"."""
    date = _MONTH_YEAR.search(clause)
    month = language.months.get(date.group("month").lower()) if date else None
    return (int(date.group("year")), month) if date and month else None


def _bare_range(text: str, position: int, end: int, range_word: re.Pattern[str]) -> tuple[re.Match[str], int] | None:
    """ "1 to 3 (1946)": the reference that ends the range, and the number that starts it."""
    lead = _LEAD_NUMBER.match(text, position)
    ranged = range_word.match(text, lead.end()) if lead else None
    following = symbols.REFERENCE.match(text, ranged.end()) if lead and ranged else None
    if not lead or not following or not following.group("old") or following.end() > end:
        return None
    first = int(lead.group(0))
    return (following, first) if 0 < int(following.group("onumber")) - first <= 30 else None


def find_bare_resolutions(
    text: str, start: int, end: int, taken: list[Span], year_limit: int | None, language: Language
) -> list[Found]:
    """Old-style "242 (1967)" with no "resolution" before it: a Security Council resolution."""
    found = []
    excluded = language.pattern("bare_excluded")
    for match in _BARE_OLD.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if excluded.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        if year_limit and int(match.group("year")) > year_limit:
            continue
        symbol = f"S/RES/{int(match.group('number'))} ({match.group('year')})"
        found.append(checked(Found("resolution", (match.start(), match.end()), symbol=symbol, body="SC")))
    return found


def checked(found: Found) -> Found:
    """A Security Council resolution whose number cannot be of its year ("S/RES/86 (1964)": 1964's
    run from 186 to 199) is repaired where one reading fits, and marked as a data error otherwise."""
    old = security_council.number_and_year(found.symbol)
    if not old or security_council.possible_resolution(*old):
        return found
    number, year = old
    repair = security_council.repaired(number, year)
    if repair is None:
        found.problem = f"{found.symbol} cannot be: the Security Council's resolutions of {year} are numbered otherwise"
        return found
    found.repair = f"read as S/RES/{repair} ({year}): the text prints {found.symbol}, which cannot be"
    found.symbol = f"S/RES/{repair} ({year})"
    return found


def checked_session(found: Found, dated: tuple[int, int] | None) -> Found:
    """A General Assembly resolution whose Roman session cannot be of the date printed beside it
    ("2145 (XXII) of 27 October 1966": the twenty-second session opened in 1967) is read as the one
    session the date allows a letter away from it, and marked as a data error otherwise."""
    session = general_assembly.session_of(found.symbol)
    if dated is None or session is None or found.problem or general_assembly.possible(session, *dated):
        return found
    printed, reading = str(found.symbol), general_assembly.repaired(session, *dated)
    when = f"{calendar.month_name[dated[1]]} {dated[0]}"
    if reading is None:
        found.problem = f"{printed} cannot be: no resolution of that session is dated {when}"
        return found
    found.symbol = printed.replace(f"({session})", f"({reading})")
    found.repair = f"read as {found.symbol}: the text prints {printed}, which cannot be dated {when}"
    return found
