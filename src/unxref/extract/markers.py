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
from unxref.un.security_council import highest_document

# Each pattern opens with what it matches first, its look-behind after it: the engine then skips
# ahead to a digit (or a space, an "S") instead of trying the look-behind at every character
# (on the 646 English texts, 514 against 149 ms for these seven patterns).
_GLUED = re.compile(r"(\d(?<=[^\W\d_]\d)\d{0,2})(?=[\s,;:.)»”’]|$)")
_GLUED_PUNCTUATION = re.compile(r"(\d(?<=[,;:”’»)]\d)\d{0,2})(?=[\s,;:.)»”’]|$)")
_GLUED_YEAR = re.compile(r"((?:19|20)(?<![\d/]\d\d)\d\d)(\d{1,3})(?![\d/])")
_SPACED = re.compile(r"\s(?<=[^\W\d_]\s|[)\],;.:”’»]\s)(\d{1,3})(?=\s|[,;:]|\.(?!\d)|$)")
# A number set apart after a year ("of 22 December 1976 2 and", "1979 97,"): a marker only when
# it is the next note in sequence (a day never follows a year).
_SPACED_AFTER_YEAR = re.compile(r"(?:19|20)(?<![\d/]\d\d)\d\d\s(\d{1,3})(?=\s|[,;:]|\.(?!\d)|$)")
_NUMBERED_ABBREVIATION = re.compile(r"(?:^|[/(])(?:rev|add|corr|amend|no|nos|vol|chap|para|p|pp|art|sect)\.$")
_MARKDOWN = re.compile(r"\[\^(\d{1,3})\]")
# Digits glued to an old-series Security Council document number ("S/896728" is S/8967 and note 28;
# such numbers never ran past five digits) or to an addendum's ("Corr.16" is Corr.1 and note 6).
# What OCR may leave of a marker glued to a word, a closing bracket or a year (with the marker's
# first digit: "19845°" is 1984 and note 5x): a quotation mark, an apostrophe, a degree sign.
# The digits OCR kept stand around the mark: "19807'," is 1980 and note 7x, "19727'2," 1980 and note 7x2 or 72.
# A straight quotation mark set apart by spaces inside a sentence ("le rapport " de la Mission") quotes
# nothing: a spaced marker OCR damaged. Not after one letter ("des I I "" may be damaged digits), nor
# before a capital (a note whose number OCR damaged to a mark, left in the text: '" Ibid., document').
# A question mark before the marker's last digit ("1984,?7 and"; after a word, a bracket or a year
# as the other marks, or after a comma) is one too; neither it nor a degree sign closes a quotation.
_DAMAGED = re.compile(
    r"(?=[\d\"'°’”?])"  # what it matches first (a digit kept or the mark): the engine skips to one
    r"(?:(?:(?<=[^\W\d_])|(?<=,)(?=\?\d)|(?<=\))|(?<=(?<![\d/])(?:19|20)\d\d)(?P<lead>\d?))"
    r"(?P<mark>[\"'°’”]{1,2}|\?(?=\d))(?P<trail>\d?)(?=[\s,;:.)]|$)"
    r"|(?P<spaced>\")(?<=[^\W\d_]{2} \")(?= [a-zà-ÿ]))"
)
# A French elided word before an apostrophe ("d' observation" as OCR spaced it), or the number
# sign ("décision n° 160"): no marker.
_NOT_A_MARK = re.compile(r"(?<![^\W\d_])(?:(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]|n°)$", re.IGNORECASE)
# A marker the converter glued to the next word: "Weapons 6and", "weapons, 7in".
_GLUED_BEFORE = re.compile(
    r"(\d(?:(?<=[^\W\d_]\s\d)|(?<=[^\W\d_][,;]\s\d))\d{0,2})(?=[^\W\d_])(?!st\b|nd\b|rd\b|th\b|e\b|er\b|re\b|ème\b)"
)
_DATE_AFTER = re.compile(r"\s*(?:(?:to|and|au|et|-|–)\s*\d{1,2}(?:er)?\s+)?(?P<month>[^\W\d_]+)")
# A quotation opens at « or “, or at a straight quotation mark that starts a word (a straight mark
# that ends a word is a damaged marker or a closing one: `Unies" et ... Botswana",` are two markers).
_OPENING_QUOTE = re.compile(r"[“«]|(?<![^\s(])\"(?=\w)")
# The same after the word "document" where OCR misread the series ("document SI 138786": S/13878 and note 6x).
_GLUED_SYMBOL = re.compile(
    r"(?:S(?<![\w/]S)/|[S$8](?:(?<=[Dd]ocument\s.)|(?<=[Dd]ocuments\s.))(?:(?<=S)[Ii]?\s|(?<=[$8])/))"
    r"(\d{5,8})(?![\d/])"
)
_ONE_APART = re.compile(r"\s[Il]\b")  # a marker's last 1 read as I and set apart: "138786 I"
_GLUED_MODIFIER = re.compile(r"(?:Corr|Add|Rev)\.(\d)(\d{1,3})(?![\d/])")


def find_markers(
    text: str,
    paragraphs: list[Paragraph],
    notes: set[int],
    language: Language,
    year: int | None = None,
    heading_notes: frozenset[int] = frozenset(),
) -> list[Marker]:
    """Every paragraph's markers, in order; a spaced number counts as the next note in sequence.
    ``year`` (the resolution's) bounds the document numbers it can cite; ``heading_notes`` are
    notes the volumes call from a resolution's heading, which no damaged mark in the body is
    read as when that leaves one reading."""
    markers: list[Marker] = []
    bound = highest_document(year)
    highest = min(notes, default=1) - 1  # the highest note number called so far
    for paragraph in paragraphs:
        found = _markers(text, paragraph, notes, highest + 1, language, bound)
        markers.extend(found)
        highest = max([highest, *(m.number for m in found)])
    markers.extend(_out_of_sequence(text, paragraphs, notes, markers, language))
    markers = _first_digit_lost(markers, notes)
    markers.extend(_damaged(text, paragraphs, notes, markers, heading_notes))
    return sorted(markers, key=lambda m: m.span[0])


def glued_numbers(text: str) -> list[int]:
    """The numbers glued to a word or a year in a text, in order: what may be markers
    ("séance42,", "198663,": notes 42 and 63) before the notes are known."""
    found = [(m.start(2), int(m.group(2))) for m in _GLUED_YEAR.finditer(text)]
    found += [(m.start(1), int(m.group(1))) for m in _GLUED.finditer(text) if not _inside_token(text, m.start())]
    return [number for _, number in sorted(found)]


def _out_of_sequence(
    text: str, paragraphs: list[Paragraph], notes: set[int], markers: list[Marker], language: Language
) -> list[Marker]:
    """Markers set apart by spaces that the first pass left because they are not the next
    note in sequence: the volumes skip the notes of decisions printed around a resolution
    ("13 November 1979 97 and 1 December 1979 100", notes 98 and 99 elsewhere), and a note may
    follow notes of the text printed before it ("ad hoc 7 et", notes 3 to 6 not its own). A
    printed note no marker calls is tied to the one place that can call it: a number set apart
    as a marker is, and between the markers of lower and higher notes."""
    untied = notes - {m.number for m in markers}
    places: dict[int, list[Marker]] = {}
    for paragraph in paragraphs if untied else ():
        start, end = paragraph.span
        body = text[start:end]
        spaced = (m for m in _SPACED.finditer(body) if int(m.group(1)) in untied)
        for match in (
            *(m for m in spaced if _spaced_marker(body, m, True, True, language)),
            *_SPACED_AFTER_YEAR.finditer(body),
        ):
            number = int(match.group(1))
            if number in untied:
                span = (start + match.start(1), start + match.end(1))
                places.setdefault(number, []).append(Marker(number, span, paragraph.id, False))
    found = []
    for number, (marker, *others) in places.items():
        before = [m.number for m in markers if m.span[0] < marker.span[0]]
        after = [m.number for m in markers if m.span[0] > marker.span[0]]
        if not others and max(before, default=0) < number < min(after, default=number + 1):
            found.append(marker)
    return found


def _first_digit_lost(markers: list[Marker], notes: set[int]) -> list[Marker]:
    """A marker that calls no printed note ("Makhele10,") calls the one untied
    printed note its digits end, one digit longer (110): OCR lost the first digit. Not for one
    digit ("spéciale3" may be 13, 23, ... or a note printed elsewhere); kept only where the
    markers still run in order."""
    untied = notes - {m.number for m in markers if not m.dangling}
    repaired = []
    for marker in markers:
        fits = [n for n in untied if marker.dangling and marker.number >= 10 and str(n)[1:] == str(marker.number)]
        repaired.append(Marker(fits[0], marker.span, marker.paragraph, False) if len(fits) == 1 else marker)
    return repaired if _in_order(repaired) else markers


def _damaged(
    text: str, paragraphs: list[Paragraph], notes: set[int], markers: list[Marker], heading_notes: frozenset[int]
) -> list[Marker]:
    """Markers OCR damaged into a quotation mark or a degree sign ("libanaise\","), for the
    printed notes no marker calls: tied only where one reading fits. A mark with the digits OCR
    kept ("19807',") takes the one untied note those digits fit (71 of 70 and 71 fits "7'" only
    if 70 is called, or is a heading note); marks without digits are tied when there are as many of them as notes left
    untied (or, the volumes' heading notes set aside, as many as the others), each between the
    markers of the notes before and after it."""
    untied = sorted(notes - {m.number for m in markers})
    if not untied:
        return []
    found: list[Marker] = []
    bare: list[tuple[int, str]] = []
    for paragraph in paragraphs:
        start, end = paragraph.span
        for match in _DAMAGED.finditer(text, start, end):
            closing = (match.group("mark") or match.group("spaced")).strip("°?")
            if closing and _OPENING_QUOTE.search(text, start, match.start()):
                continue  # a quotation it could close
            if _NOT_A_MARK.search(
                text, max(start, match.start() - 8), match.end("mark") if match.group("mark") else match.end()
            ):
                continue  # "d' observation", "n° 160": an elision spaced by OCR, a number sign
            kept = (match.group("lead") or "", match.group("trail") or "")
            if not any(kept):
                bare.append((match.start(), paragraph.id))
                continue
            fits = [n for n in untied if re.fullmatch(rf"{kept[0]}\d?{kept[1]}", str(n))]
            if len(fits) > 1:
                fits = [n for n in fits if n not in heading_notes]
            if len(fits) == 1:
                untied.remove(fits[0])
                found.append(Marker(fits[0], (match.start(), match.end()), paragraph.id, False))
    if bare and len(bare) < len(untied):
        untied = [n for n in untied if n not in heading_notes]
    if bare and len(bare) == len(untied):
        one_each = [
            Marker(number, (position, position + 1), paragraph, False)
            for number, (position, paragraph) in zip(untied, bare, strict=True)
        ]
        if _in_order([*markers, *found, *one_each]):
            return found + one_each
    found += _beside_markers(bare, untied, [*markers, *found], heading_notes)
    return found if _in_order([*markers, *found]) else []


def _in_order(markers: list[Marker]) -> bool:
    """Whether the markers call their notes in sequence, a note called again aside."""
    numbers = [m.number for m in _first_calls(sorted(markers, key=lambda m: m.span[0])) if not m.dangling]
    return numbers == sorted(numbers)


def _beside_markers(
    bare: list[tuple[int, str]], untied: list[int], called: list[Marker], heading_notes: frozenset[int]
) -> list[Marker]:
    """Marks without digits next to a marker, nothing between them: right
    before the marker of note N a mark calls N − 1, right after it N + 1, when that note is
    printed and no marker calls it ("présenté par le Secrétaire général", ainsi que sa
    déclaration du 9 février 198915," with notes 14 and 15 is note 14). A marker that calls again
    a note called before it ("son rapport6" after "au Liban6") is passed over."""
    found: list[Marker] = []
    marks = [Marker(0, (position, position + 1), paragraph, True) for position, paragraph in bare]
    for mark in list(marks):
        around = _first_calls(sorted([*called, *marks, *found], key=lambda m: m.span[0]))
        index = around.index(mark)
        neighbours = [(around[i], step) for i, step in ((index + 1, -1), (index - 1, 1)) if 0 <= i < len(around)]
        fits = {neighbour.number + step for neighbour, step in neighbours if not neighbour.dangling}
        fits = {n for n in fits if n in untied and n not in heading_notes}
        if len(fits) == 1:
            number = fits.pop()
            untied.remove(number)
            found.append(Marker(number, mark.span, mark.paragraph, False))
            marks.remove(mark)
    return found


def _first_calls(markers: list[Marker]) -> list[Marker]:
    """The markers in text order, less those that call again a note called before them (a mark
    without digits, number 0, is kept)."""
    seen: set[int] = set()
    first = []
    for marker in markers:
        if marker.number == 0 or marker.number not in seen:
            first.append(marker)
        seen.add(marker.number)
    return first


def _markers(
    text: str, paragraph: Paragraph, notes: set[int], expected: int, language: Language, bound: int | None
) -> list[Marker]:
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
    for number, (first, last) in _glued_to_symbols(body, notes, expected, bound):
        add(number, (start + first, start + last), number not in notes)
    for match in _GLUED.finditer(body):
        number, offset = _letter_read_as_one(match.group(1), notes)
        if not _inside_token(body, match.start()):
            add(number, (start + match.start(1) + offset, start + match.end(1)), number not in notes)
    for match in _GLUED_BEFORE.finditer(body):
        number = int(match.group(1))
        if number in notes:
            add(number, (start + match.start(1), start + match.end(1)), False)
    for match in _GLUED_PUNCTUATION.finditer(body):
        number = int(match.group(1))
        if number in notes:
            add(number, (start + match.start(1), start + match.end(1)), False)
    for match in _SPACED.finditer(body):
        number = int(match.group(1))
        if _spaced_marker(
            body, match, number in notes, number == _following(found, start + match.start(1), expected), language
        ):
            add(number, (start + match.start(1), start + match.end(1)), number not in notes)
    for match in _SPACED_AFTER_YEAR.finditer(body):
        number = int(match.group(1))
        if number in notes and number == _following(found, start + match.start(1), expected):
            add(number, (start + match.start(1), start + match.end(1)), False)
    return sorted(found.values(), key=lambda m: m.span[0])


def _letter_read_as_one(digits: str, notes: set[int]) -> tuple[int, int]:
    """The marker glued to a word, and where its digits start in them: OCR reads a word's last
    "l" as a 1 ("généra147" is "général" and note 47), when only that reading's note is printed.

    >>> _letter_read_as_one("147", {46, 47}), _letter_read_as_one("147", {147}), _letter_read_as_one("12", {2})
    ((47, 1), (147, 0), (12, 0))
    """
    number = int(digits)
    if number not in notes and len(digits) == 3 and digits[0] == "1" and digits[1] != "0" and int(digits[1:]) in notes:
        return int(digits[1:]), 1
    return number, 0


def _following(found: dict[int, Marker], position: int, expected: int) -> int:
    """The next note in sequence at ``position``: one after the last marker before it."""
    before = [m.number for m in found.values() if m.span[0] < position]
    return max(before) + 1 if before else expected


def _glued_to_symbols(body: str, notes: set[int], expected: int, bound: int | None) -> list[tuple[int, Span]]:
    """(note number, span in ``body``) of markers glued to document symbols or their addenda.

    "S/896728" in a text of 1969, when no such document can be cited then (`bound`), is S/8967
    and note 28; a number that can be one stays one. Where several cuts fit, a printed note
    wins, then the next note in sequence, then the longer document number; "S/138786 I" with note
    61 printed and no note 6 is note 61, its last digit read as I and set apart."""
    found = []
    for match in _GLUED_SYMBOL.finditer(body):
        digits = match.group(1)
        whole_possible = len(digits) <= 5 and (bound is None or int(digits) <= bound)
        cuts = [
            k
            for k in (1, 2, 3)
            if 4 <= len(digits) - k <= 5
            and not digits[-k:].startswith("0")
            and (bound is None or int(digits[:-k]) <= bound)
        ]
        printed = [k for k in cuts if int(digits[-k:]) in notes]
        if whole_possible:
            continue  # a number the year's documents reach is one: "S/13026" (1979) is no S/1302 and note 6
        in_sequence = [k for k in cuts if int(digits[-k:]) == expected]
        chosen = (printed or in_sequence or cuts or [0])[0]
        if not chosen:
            continue
        number, start = int(digits[-chosen:]), match.end(1) - chosen
        one_apart = _ONE_APART.match(body, match.end(1))
        if one_apart and number * 10 + 1 in notes and number not in notes:
            found.append((number * 10 + 1, (start, one_apart.end())))
        else:
            found.append((number, (start, match.end(1))))
    for match in _GLUED_MODIFIER.finditer(body):
        if int(match.group(2)) in notes:
            found.append((int(match.group(2)), (match.start(2), match.end(2))))
    return found


def _spaced_marker(body: str, match: re.Match[str], noted: bool, next_in_sequence: bool, language: Language) -> bool:
    before = body[: match.start()].rsplit(None, 1)
    previous = before[-1].lower() if before else ""
    day = _DATE_AFTER.match(body, match.end())
    if day and day.group("month").lower() in language.months:
        return False  # a day: "from 3 to 7 March", "3 March"
    at_end = not body[match.end() :].strip(" .;,:")
    if body.startswith(" (", match.end()):
        return False  # "and 38 (1948)": a resolution's number, its year next
    if _NUMBERED_ABBREVIATION.search(previous):
        return False  # "Rev. 1", "No. 4", "vol. 3": the number of what the abbreviation names
    if previous[-1:] not in ",;:.)" and previous in language.not_before_marker:
        return False  # "paragraph 5", "session 12"; but "session; 1" ends a clause with a marker
    punctuated = previous[-1:] in ",;.:)" or body[match.end() : match.end() + 1] in (",", ";", ":", ".")
    return (at_end and previous[-1:] in ",;.:)") or (noted and (punctuated or at_end or next_in_sequence))


def _inside_token(body: str, position: int) -> bool:
    """Digits after letters inside a symbol or code ("CN.7", "S-20", "G77") are no marker."""
    token_start = max(body.rfind(" ", 0, position), body.rfind("(", 0, position)) + 1
    token = body[token_start:position]
    return "/" in token or "." in token or "-" in token[-3:] or (token.isupper() and len(token) <= 4)
