"""Footnote markers in the body, told apart from the numbers that are not markers.

A marker glued to a word ("Millénaire1") is one whether or not its note is in
the text (a dangling marker otherwise). Digits glued to a year ("20052") or to
punctuation ("72/4;1") are a marker only when that note exists. A number set
apart by spaces is a marker when it ends the paragraph after punctuation
("Protocol, 28", as the annual volumes print them), or when its note exists and
it stands next to punctuation or is the next note in sequence ("situation 64 and").
"""

from __future__ import annotations

import re

from unxref.model import Marker, Paragraph, Span
from unxref.un.language import Language

_GLUED = re.compile(r"(?<=[^\W\d_])(\d{1,3})(?=[\s,;:.)»”’]|$)")
_GLUED_PUNCTUATION = re.compile(r"(?<=[,;:”’»)])(\d{1,3})(?=[\s,;:.)»”’]|$)")
_GLUED_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(\d{1,3})(?![\d/])")
_SPACED = re.compile(r"(?<=[^\W\d_]|[)\],;.:”’»])\s(\d{1,3})(?=\s|[,;:]|\.(?!\d)|$)")
_MARKDOWN = re.compile(r"\[\^(\d{1,3})\]")


def find_markers(text: str, paragraphs: list[Paragraph], notes: set[int], language: Language) -> list[Marker]:
    """Every paragraph's markers, in order; a spaced number counts as the next note in sequence."""
    markers: list[Marker] = []
    for paragraph in paragraphs:
        expected = max((m.number for m in markers), default=min(notes, default=1) - 1) + 1
        markers.extend(_markers(text, paragraph, notes, expected, language))
    return markers


def _markers(text: str, paragraph: Paragraph, notes: set[int], expected: int, language: Language) -> list[Marker]:
    start, end = paragraph.span
    body = text[start:end]
    found: dict[int, Marker] = {}

    def add(number: int, span: Span, dangling: bool) -> None:
        found.setdefault(span[0], Marker(number, span, paragraph.id, dangling))

    for match in _MARKDOWN.finditer(body):
        number = int(match.group(1))
        add(number, (start + match.start(), start + match.end()), number not in notes)
    for match in _GLUED_YEAR.finditer(body):
        number = int(match.group(2))
        if number in notes:
            add(number, (start + match.start(2), start + match.end(2)), False)
    for match in _GLUED.finditer(body):
        number = int(match.group(1))
        if not _inside_token(body, match.start()):
            add(number, (start + match.start(1), start + match.end(1)), number not in notes)
    for match in _GLUED_PUNCTUATION.finditer(body):
        number = int(match.group(1))
        if number in notes:
            add(number, (start + match.start(1), start + match.end(1)), False)
    for match in _SPACED.finditer(body):
        number = int(match.group(1))
        before = [m.number for m in found.values() if m.span[0] < start + match.start(1)]
        following = max(before) + 1 if before else expected  # the next note in sequence here
        if _spaced_marker(body, match, number in notes, number == following, language):
            add(number, (start + match.start(1), start + match.end(1)), number not in notes)
    return sorted(found.values(), key=lambda m: m.span[0])


def _spaced_marker(body: str, match: re.Match[str], noted: bool, next_in_sequence: bool, language: Language) -> bool:
    before = body[: match.start()].split()
    previous = before[-1].lower() if before else ""
    at_end = not body[match.end() :].strip(" .;,:")
    if previous.strip(",;:.") in language.not_before_marker:
        return False
    punctuated = previous[-1:] in ",;.:)" or body[match.end() : match.end() + 1] in (",", ";", ":", ".")
    return (at_end and previous[-1:] in ",;.:)") or (noted and (punctuated or at_end or next_in_sequence))


def _inside_token(body: str, position: int) -> bool:
    """Digits after letters inside a symbol or code ("CN.7", "S-20", "G77") are no marker."""
    token_start = max(body.rfind(" ", 0, position), body.rfind("(", 0, position)) + 1
    token = body[token_start:position]
    return "/" in token or "." in token or "-" in token[-3:] or (token.isupper() and len(token) <= 4)
