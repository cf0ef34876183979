"""Sessions: "quarante-sixième session de la Commission", "twentieth special session", and the body that held each."""

from __future__ import annotations

import re
from functools import cache

from unxref.extract.find.found import Found
from unxref.extract.find.names import body_named_after
from unxref.un.authorities import Authorities
from unxref.un.language import Language
from unxref.un.language import load as load_language


def find_sessions(
    text: str, start: int, end: int, language: Language, authorities: Authorities, bodies: list[Found], own: str | None
) -> list[Found]:
    """ "quarante-sixième session de la Commission", "twentieth special session"."""
    found: list[Found] = []
    for match in _session_matches(text, start, end, language):
        ordinal = language.ordinals.get(re.sub(r"\s+", " ", match.group("ordinal").lower()))
        if ordinal is None:
            continue
        special = match.group("special")
        body = _session_body(text, match, language, authorities, bodies, own)
        if special:
            prefix = "ES-" if language.pattern("emergency").search(special) else "S-"
            session_id = f"{body}/{prefix}{ordinal}"
        else:
            session_id = f"{body}/{ordinal}"
        found.append(Found("session", (match.start(), match.end()), name=session_id))
    return found


def _session_matches(text: str, start: int, end: int, language: Language) -> list[re.Match[str]]:
    """The session pattern tried only around the word "session": its alternation of every
    ordinal is slow to try at every position of a paragraph."""
    matches: list[re.Match[str]] = []
    for word in language.pattern("session_word").finditer(text, start, end):
        window = (max(start, word.start() - 60), min(end, word.end() + 40))
        for match in language.pattern("session").finditer(text, *window):
            if match.start() <= word.start() < match.end() and (not matches or match.start() >= matches[-1].end()):
                matches.append(match)
    return matches


def _session_body(
    text: str, match: re.Match[str], language: Language, authorities: Authorities, bodies: list[Found], own: str | None
) -> str:
    named = body_named_after(text, match.end(), authorities, language)
    if named:
        return named
    generic = language.pattern("session_of").match(text, match.end())
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
        if record and _holds_sessions(record.names.get("en", "")) and body.span[0] >= match.start() - 200:
            return record.code
    return own or "GA"


@cache
def _session_holders() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in load_language("en").session_holders), re.IGNORECASE)


def _holds_sessions(english_name: str) -> bool:
    """Whether a body's English name says it holds numbered sessions (an Assembly, a Commission ...)."""
    return bool(_session_holders().search(english_name))
