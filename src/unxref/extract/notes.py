"""Footnotes lifted out of the body, on every layout a user brings, so that the sentence a
note interrupted reads on:

- Markdown notes, ``[^3]: text``, with their indented continuation lines; a "note" whose
  key breaks the sequence is a wrapped line of the note before (``[^1994]: (United Nations
  publication ...`` is "1994 (United ..." of note 10);
- blocks after a ``_____`` rule, as PDFs print them at page bottoms: ``3 text`` lines, or
  (as pdftotext gives them) numbers on lines of their own and the texts apart, in order;
- notes printed in the body of an annual volume with no rule, ``93 Ibid., document`` or a
  bare ``93`` and the text on the next line (several bare numbers, then their texts in order,
  as pdftotext gives a page's notes); the notes after one in sequence, their numbers
  OCR damaged (``'4 Voir``, ``"Ibid.``, ``8()``), misread in one digit where the body calls
  the number expected (``18 ibid.`` for 10), or run into the line before (``S/PV.5311. 191``);
- a note alone in the body whose number OCR damaged but for a digit ("e3 ibid."), when one
  number glued to a word or a year before it fits ("198663,");
- a run of numbered notes after the last paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unxref.extract.markers import glued_numbers
from unxref.un.language import Language

_RULE = re.compile(r"^\s*[_\u2014\u2015-]{5,}\s*$")
_NOTE_LINE = re.compile(r"^\s*(\d{1,3})(?:\s+|(?=[A-Z]))(?=\S)(?!\d)(?!\.\s)(.*)$")
_NUMBER_ONLY = re.compile(r"^(\d{1,3})$")
_MD_NOTE = re.compile(r"^\s*\[\^(\d+)\]:\s*(.*)$")
# What OCR leaves of a note's number: quotation marks, an apostrophe, a degree sign, "==.",
# a capital I for a 1.
_LOST_NUMBER = re.compile(r"^(?:[\"'’“”°=]+\.?|I(?=\s))\s*")
# What OCR leaves of a note's number, a digit kept among marks or letters: "'4 Voir" (54), "6s Ibid." (68),
# "8() Ibid." (80: its 0 read as brackets).
_DAMAGED_NUMBER = re.compile(r"^(?P<number>[\"'’“”°&a-z]\d{1,2}|\d{1,2}(?:[\"'’“”°&a-zA-Z]|\(\)){1,2})\s+")
# A note's number glued to its first word: " 157Ibid., document ...".
_GLUED_NUMBER = re.compile(r"^\s*(\d{1,3})(?=[A-Z])")
# A note's number printed with a full stop, before a bare symbol: "47. S/20758." (never "47. Requests ...").
_DOTTED_NOTE = re.compile(r"^(\d{1,3})\.\s+([A-Z]{1,2}/\S+)$")
# The next note's number run into a note's line after its full stop: at the line's end, or before the next note's text.
_NUMBER_AFTER_SENTENCE = re.compile(r"\.\s+(\d{1,3})(?:$|\s+(?=[A-Z\"«“]))")
_DAMAGED_AFTER_SENTENCE = re.compile(r"\.\s+(?P<mark>[\"'’“”°•&]\d{0,2}|\d{1,2}[\"'’“”°&]{1,2})\s*")
_MISREAD_NOTE = re.compile(r"^(\d{1,3})\s+(.+)$")
_SYMBOL_FIRST = re.compile(r"^[A-Z]{1,2}/[\w./]*\d")
_MOST_LOST = 3  # notes read back before a numbered one
_LONGEST_NOTE = 6  # lines of a note read back
# A note in the body of an annual volume: its number, then a capital, a quotation mark or a bracket.
_VOLUME_NOTE = re.compile(r"^(\d{1,3})\s+(?=[A-ZÉÈÀ\"«“'(\[])(.+)$")


@dataclass
class Note:
    number: int
    lines: list[str] = field(default_factory=list)

    def ended(self) -> bool:
        """The note's last line ends a sentence (OCR's specks after it aside: "S/1996/467. _");
        "Recueil des Traités." and "Treaty Series." go on with a volume."""
        last = next((line for line in reversed(self.lines) if line), "").rstrip(" _•·")
        return last.endswith((".", ".»", ".”", ";", ".)")) and not re.search(
            r"(?:Trait[ée]s|Treaty Series)[.,]?$", last
        )


def lift_notes(lines: list[str], language: Language) -> tuple[list[str], list[Note]]:
    """Separate footnotes from body lines; notes come back in number order, one per number."""
    body: list[str] = []
    notes: list[Note] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        markdown = _MD_NOTE.match(line)
        if markdown:
            i = _read_markdown_note(lines, i, markdown, notes)
        elif _RULE.match(line):
            i = _read_note_block(lines, i + 1, notes, language)
        elif _volume_note_at(lines, i, language):
            first = len(notes)
            i = _read_volume_note(lines, i, notes, language)
            notes.extend(_lost_before(body, notes[first].number, language))
        else:
            body.append(line)
            i += 1
    trailing = _trailing_notes(body)
    if trailing:
        cut, found = trailing
        body = body[:cut]
        notes.extend(found)
    body, kept = _kept_digit_notes(body, {n.number for n in notes}, language)
    return body, _one_per_number([*notes, *kept])


def _kept_digit_notes(body: list[str], printed: set[int], language: Language) -> tuple[list[str], list[Note]]:
    """Notes printed in the body with no numbered note beside them to count from, their numbers
    OCR damaged but for a digit ("e3 ibid., documents S/18102 ...", note 63): each is lifted
    when one number glued to a word or a year before it, that no printed note answers, ends or
    begins with that digit ("198663,")."""
    lifted: list[Note] = []
    kept: list[str] = []
    i = 0
    while i < len(body):
        found = _kept_digit_note_at(body, i, kept, printed | {n.number for n in lifted}, language)
        if found is None:
            kept.append(body[i])
            i += 1
            continue
        note, i = found
        lifted.append(note)
    return kept, lifted


def _kept_digit_note_at(
    body: list[str], index: int, before: list[str], taken: set[int], language: Language
) -> tuple[Note, int] | None:
    damaged = _DAMAGED_NUMBER.match(body[index])
    text = body[index][damaged.end() :] if damaged else ""
    if not damaged or not language.pattern("lost_note_opener").match(text):
        return None
    calls = [n for n in glued_numbers("\n".join(before)) if n not in taken and _kept_digits(damaged.group("number"), n)]
    if len(set(calls)) != 1:
        return None
    note = Note(calls[0], [text])
    for end in range(index + 1, min(len(body), index + _LONGEST_NOTE)):
        if note.ended():
            return note, end
        note.lines.append(body[end])
    return (note, min(len(body), index + _LONGEST_NOTE)) if note.ended() else None


def _one_per_number(notes: list[Note]) -> list[Note]:
    """Sorted by number; a number printed twice (OCR, or a note of the page before) keeps its first note."""
    kept: dict[int, Note] = {}
    for note in notes:
        kept.setdefault(note.number, note)
    return [kept[number] for number in sorted(kept)]


def _read_markdown_note(lines: list[str], i: int, match: re.Match[str], notes: list[Note]) -> int:
    number, text = int(match.group(1)), match.group(2)
    previous = notes[-1] if notes else None
    if previous is not None and number != previous.number + 1 and (number > 999 or number < previous.number):
        previous.lines.append(f"{number} {text}")  # a wrapped line the converter took for a note
        current = previous
    else:
        current = Note(number, [text])
        notes.append(current)
    i += 1
    while i < len(lines) and lines[i] and not _MD_NOTE.match(lines[i]) and lines[i - 1]:
        current.lines.append(lines[i])  # indented continuation lines
        i += 1
    return i


def _read_note_block(lines: list[str], i: int, notes: list[Note], language: Language) -> int:
    """Read the notes after a rule; return the index where the body resumes.

    Notes are ``N text`` lines in sequence, or (as pdftotext prints them) bare numbers and
    texts apart, in either order: the texts take the numbers in order, and a text beyond
    the numbers read is the body resuming after the block.
    """
    current: Note | None = None
    numbers: list[int] = []
    texts: list[tuple[int, Note]] = []  # (line index, note) of texts read apart from their numbers
    while i < len(lines):
        line = lines[i]
        match = _NOTE_LINE.match(line)
        bare = _NUMBER_ONLY.match(line)
        expected = current.number + 1 if current else None
        if bare:
            numbers.append(int(bare.group(1)))
        elif match and (expected is None or int(match.group(1)) == expected) and not numbers and not texts:
            current = Note(int(match.group(1)), [match.group(2)])
            notes.append(current)
        elif not line:
            pass
        elif texts and not texts[-1][1].ended():
            texts[-1][1].lines.append(line)
        elif current is not None and not current.ended():
            current.lines.append(line)
        elif current is None and _note_text(line, language):
            texts.append((i, Note(0, [line])))
        else:
            break
        i += 1
    if len(texts) > len(numbers) and numbers:
        i = texts[len(numbers)][0]  # the body resumes with the first text no number was read for
        texts = texts[: len(numbers)]
    for number, (_, text) in zip(sorted(numbers), texts, strict=False):
        notes.append(Note(number, text.lines))
    return i


def _note_text(line: str, language: Language) -> bool:
    """A line that may open a note's text: a capital, a quotation mark, or a note's first words."""
    return bool(line[:1].isupper() or line[:1] in '"“«(' or language.pattern("note_opener").match(line))


def _volume_note_at(lines: list[str], i: int, language: Language) -> bool:
    """A note printed in the body: ``93 Ibid., document`` (or ``93`` alone, then its text),
    never a wrapped line of the body such as ``18 September 1978,`` or ``425 (1978)``."""
    line = lines[i]
    if _NUMBER_ONLY.match(line):
        return _numbers_then_texts(lines, i, language) is not None
    match = _VOLUME_NOTE.match(line)
    if not match or line.endswith(":"):
        return False
    rest = match.group(2)
    first = rest.split()[0].strip(",.").lower()
    return (
        first not in language.months
        and not rest.startswith("(")
        and bool(language.pattern("note_opener").match(rest) or _ends_sentence_later(lines, i))
    )


def _numbers_then_texts(lines: list[str], i: int, language: Language) -> tuple[list[Note], int] | None:
    """Notes whose numbers stand on lines of their own: ``93`` then its text (``Ibid., ...``,
    or a symbol first, ``S/15600.``); or, as pdftotext prints a page's notes, numbers in
    sequence and then their texts in order ("207", "208", "S/PRST/2005/60.", "S/2005/768,
    annexe."). The notes, each but the last read to its end, and where the last goes on."""
    numbers: list[int] = []
    while i < len(lines) and (bare := _NUMBER_ONLY.match(lines[i])):
        if numbers and int(bare.group(1)) != numbers[-1] + 1:
            return None
        numbers.append(int(bare.group(1)))
        i += 1
    if not numbers:
        return None
    notes: list[Note] = []
    for number in numbers:
        if i >= len(lines) or not _opens_note_text(lines[i], language):
            return None
        note = Note(number, [lines[i]])
        i += 1
        while number != numbers[-1] and not note.ended() and i < len(lines) and len(note.lines) < _LONGEST_NOTE:
            note.lines.append(lines[i])
            i += 1
        if number != numbers[-1] and not note.ended():
            return None
        notes.append(note)
    return notes, i


def _opens_note_text(line: str, language: Language) -> bool:
    return bool(language.pattern("note_opener").match(line) or _SYMBOL_FIRST.match(line))


def _ends_sentence_later(lines: list[str], i: int) -> bool:
    """A note is short: its text ends with a full stop within four lines."""
    return any(line.endswith((".", ".»", ".”")) for line in lines[i : i + 4])


def _read_volume_note(lines: list[str], i: int, notes: list[Note], language: Language) -> int:
    apart = _numbers_then_texts(lines, i, language)
    if apart:
        read, i = apart
        notes.extend(read[:-1])
        note = read[-1]
    else:
        match = _VOLUME_NOTE.match(lines[i])
        assert match
        note = Note(int(match.group(1)), [match.group(2)])
        i += 1
    notes.append(note)
    note = _next_called(note, notes, language)
    while True:
        while i < len(lines) and lines[i] and not note.ended() and not _volume_note_at(lines, i, language):
            note.lines.append(lines[i])
            i += 1
            note = _next_called(note, notes, language)
        following = _LOST_NUMBER.sub("", lines[i]) if i < len(lines) and note.ended() else ""
        damaged = _DAMAGED_NUMBER.match(lines[i]) if following else None
        if damaged and _kept_digits(damaged.group("number"), note.number + 1):
            following = lines[i][damaged.end() :]
        after = lines[i + 1] if i + 1 < len(lines) else ""
        numbered = _next_in_sequence(following, after, note.number + 1, lines[:i], language)
        if numbered is not None:
            following = numbered  # the next note in sequence ("23 Conséquences juridiques ...", "47. S/20758.")
        elif not following or not language.pattern("lost_note_opener").match(f"{following} {after}"):
            return i
        note = Note(note.number + 1, [following])  # the next note, its number lost: "Document S/14545 ..."
        notes.append(note)
        i += 1


def _next_in_sequence(line: str, after: str, expected: int, before: list[str], language: Language) -> str | None:
    """The text of note ``expected`` when the line opens with its number ("23 Conséquences
    juridiques ...", "47. S/20758."), or with that number OCR misread in one digit before a
    note's first words (read on into the line ``after``: "55 Documents" then "officiels du
    Conseil ..."), when the lines ``before`` call note ``expected`` and not the number printed
    ("18 ibid., document S/20345," after "198810," is note 10)."""
    numbered = _DOTTED_NOTE.match(line) or _VOLUME_NOTE.match(line)
    if numbered and int(numbered.group(1)) == expected:
        return numbered.group(2)
    misread = _MISREAD_NOTE.match(line)
    if not misread or not _one_digit_off(misread.group(1), str(expected)):
        return None
    text = misread.group(2)
    if not language.pattern("lost_note_opener").match(f"{text} {after}"):
        return None
    called = glued_numbers("\n".join(before))
    return text if expected in called and int(misread.group(1)) not in called else None


def _one_digit_off(printed: str, expected: str) -> bool:
    return len(printed) == len(expected) and sum(a != b for a, b in zip(printed, expected, strict=True)) == 1


def _next_called(note: Note, notes: list[Note], language: Language) -> Note:
    """The note, or the next one when OCR ran its number into this one's last line ("septembre
    1997. 378", then "Ibid., document ..." on the next; "S/2008/239. 81 S/2008/238."; damaged,
    "annexe. '99 Ibid., document"): that note is started with the rest of the line and returned."""
    line, expected = note.lines[-1], note.number + 1
    cut = _called_after_sentence(line, expected, language)
    if cut is None:
        return note
    start, end = cut
    note.lines[-1] = line[:start].rstrip()
    following = Note(expected, [line[end:].lstrip()] if end < len(line) else [])
    notes.append(following)
    return _next_called(following, notes, language) if following.lines else following


def _called_after_sentence(line: str, expected: int, language: Language) -> tuple[int, int] | None:
    """Where the number of note ``expected`` stands in a note's line after a full stop: printed
    (then at the line's end or before a capital), or damaged (then before a note's first words)."""
    for match in _NUMBER_AFTER_SENTENCE.finditer(line):
        if int(match.group(1)) == expected:
            return match.start(1), match.end(1)
    for match in _DAMAGED_AFTER_SENTENCE.finditer(line):
        mark = match.group("mark")
        digits = any(c.isdigit() for c in mark)
        if (not digits or _kept_digits(mark, expected)) and language.pattern("lost_note_opener").match(
            line, match.end()
        ):
            return match.start("mark"), match.end()
    return None


def _kept_digits(damaged: str, expected: int) -> bool:
    """Whether the digits OCR kept of a note's number ("'4", "6s") begin or end the number expected.

    >>> _kept_digits("'4", 54), _kept_digits("6s", 68), _kept_digits("'3", 54), _kept_digits("54", 54)
    (True, True, False, False)
    """
    digits = "".join(c for c in damaged if c.isdigit())
    return digits != damaged and (str(expected).startswith(digits) or str(expected).endswith(digits))


def _lost_before(body: list[str], number: int, language: Language) -> list[Note]:
    """The notes printed just before note ``number`` whose numbers OCR lost ("=Ibid., document
    S/12262.", then "Ibid., trente-deuxième année, ... S/12275.", then "4 Ibid., ..."), damaged
    but for digits that fit ("1\" Document S/14485, ...", then "19 Documents ...") or glued to
    the text ("157Ibid."): each opens with a note's first words after a line that ends, and
    the first follows the end of a clause; they take the numbers before ``number``, and leave
    the body. Reading back stops at the first line that opens a note, which must fit."""
    starts: list[int] = []  # where each lost note starts in the body, last first
    index = len(body)
    while index > 0 and len(starts) < min(_MOST_LOST, number - 1):
        expected = number - 1 - len(starts)
        start = index - 1
        while start > max(0, index - _LONGEST_NOTE) and _lost_note_text(body[start], None, language) is None:
            start -= 1
        opens = start > 0 and body[start - 1].endswith((".", ",", ";", ":"))
        if not opens or _lost_note_text(body[start], expected, language) is None or not body[index - 1].endswith("."):
            break
        starts.append(start)
        index = start
    if not starts:
        return []
    ends = [len(body), *starts[:-1]]
    notes = [
        Note(number - 1 - k, [_lost_note_text(body[start], number - 1 - k, language) or "", *body[start + 1 : end]])
        for k, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]
    del body[starts[-1] :]
    return notes


def _lost_note_text(line: str, expected: int | None, language: Language) -> str | None:
    """The text of a note that opens the line, its number lost ("=Ibid."), damaged but for
    digits that fit ``expected`` ("1\" Document"), or glued ("157Ibid."); any number when
    ``expected`` is None; None when the line opens no note."""
    damaged = _DAMAGED_NUMBER.match(line)
    glued = _GLUED_NUMBER.match(line)
    if damaged:
        fits, text = expected is None or _kept_digits(damaged.group("number"), expected), line[damaged.end() :]
    elif glued:
        fits, text = expected in (None, int(glued.group(1))), line[glued.end() :]
    else:
        fits, text = True, _LOST_NUMBER.sub("", line)
    return text if fits and language.pattern("lost_note_opener").match(text) else None


def _trailing_notes(lines: list[str]) -> tuple[int, list[Note]] | None:
    """Numbered notes printed after the body, as in the annual volumes.

    They follow the last paragraph, start with a bare number ("31 United Nations,
    Treaty Series ...", never "31. Requests ..."), and run in sequence.
    """
    blocks = _blocks(lines)
    start = len(blocks)
    while start > 0 and _NOTE_LINE.match(blocks[start - 1][1][0]):
        start -= 1
    if start == len(blocks) or start == 0:
        return None
    notes: list[Note] = []
    for _, block in blocks[start:]:
        for line in block:
            match = _NOTE_LINE.match(line)
            if match and (not notes or int(match.group(1)) > notes[-1].number):
                notes.append(Note(int(match.group(1)), [match.group(2)]))
            elif notes:
                notes[-1].lines.append(line)
    return blocks[start][0], notes


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, with the index of each run's first line."""
    blocks: list[tuple[int, list[str]]] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if blocks and index > 0 and lines[index - 1]:
            blocks[-1][1].append(line)
        else:
            blocks.append((index, [line]))
    return blocks
