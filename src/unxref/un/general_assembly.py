"""What the General Assembly's sessions say is possible in an old-style resolution symbol.

Until its thirtieth session (1975) a resolution's symbol gave its regular session in Roman
numerals ("A/RES/1514 (XV)"). A session opens no earlier than September of the year 1945 + its
number (January 1946 for the first) and ends before the end of the year after
(``un/data/ga_sessions.toml``): "2145 (XXII) of 27 October 1966" cannot be, the twenty-second
session opened in 1967.

>>> session_of("A/RES/2145 (XXI)"), session_of("A/RES/61/183")
('XXI', None)
>>> roman("XXI"), roman("XXVV")
(21, None)
>>> possible("XXI", 1966, 10), possible("XXII", 1966, 10), possible("S-V", 1967, 4)
(True, False, True)
>>> repaired("XXII", 1966, 10), repaired("XXVV", 1970, 10)
('XXI', None)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
_OLD_SYMBOL = re.compile(r"^A/RES/\d+ \((?P<session>[A-Z-]+)\)$")


@dataclass(frozen=True)
class _Sessions:
    first_opened: tuple[int, int]  # year, month
    later_open_from_month: int
    last_roman: int  # the last session an old-style symbol names


@cache
def _facts() -> _Sessions:
    data = tomllib.loads((DATA / "ga_sessions.toml").read_text("utf-8"))
    year, month = data["first_session_opened"]
    return _Sessions((year, month), data["later_sessions_open_from_month"], data["last_roman_session"])


def session_of(symbol: str | None) -> str | None:
    """The session an old-style symbol gives, as printed; None for any other symbol."""
    old = _OLD_SYMBOL.match(symbol or "")
    return old.group("session") if old else None


def _to_roman(number: int) -> str:
    units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][number % 10]
    return "X" * (number // 10) + units


_ROMANS = {_to_roman(n): n for n in range(1, 40)}  # more than the sessions old-style symbols name


def roman(text: str) -> int | None:
    """The value of a Roman session number, None when it is no well-formed numeral."""
    return _ROMANS.get(text)


def _sessions_at(year: int, month: int) -> list[int]:
    """The regular sessions that may have adopted a resolution dated in this month."""
    facts = _facts()

    def opened_by(session: int) -> bool:
        start = facts.first_opened if session == 1 else (1945 + session, facts.later_open_from_month)
        return (year, month) >= start

    return [n for n in range(1, facts.last_roman + 1) if opened_by(n) and year <= 1946 + n]


def possible(qualifier: str, year: int, month: int) -> bool:
    """Whether a resolution of this session (a regular session's Roman number) can be dated so;
    a special or emergency special session ("S-V", "ES-V"), held at any time, always can."""
    session = roman(qualifier)
    if qualifier.startswith(("S-", "ES-")) or (session is not None and session > _facts().last_roman):
        return True
    return session in _sessions_at(year, month)


def repaired(qualifier: str, year: int, month: int) -> str | None:
    """The one session the date allows whose numeral is one letter away from the printed one
    (a letter added, lost or misread: "XXII" for XXI), or None."""
    readings = [_to_roman(n) for n in _sessions_at(year, month)]
    near = [r for r in readings if _one_letter_apart(r, qualifier)]
    return near[0] if len(near) == 1 else None


def _one_letter_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
