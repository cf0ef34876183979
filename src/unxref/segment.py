"""Segment the reading text: heading, preamble, sections, operative paragraphs,
sub-paragraphs, annexes, footnotes, and the footnote markers that link them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from unxref.clean import Reading
from unxref.language import Language, Verb
from unxref.model import Footnote, Marker, Paragraph, Section, Span, SubParagraph

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+")
_SUB = re.compile(r"^(?:\((?P<a>[a-z]{1,4}|[ivx]+|\d{1,2})\)|(?P<b>[a-z]{1,4}|[ivx]+)\))\s+|^(?P<dash>[-–—•])\s+")
_SECTION = re.compile(r"^(?P<label>[IVX]+|[A-H])\.?$")
_SECTION_WITH_TITLE = re.compile(r"^(?P<label>[IVX]+|[A-H])\.\s+(?P<title>[A-Z][^.;:]{3,150})$")
_ADOPTED = re.compile(
    r"^(?:Adopted|Adoptée?s?)\b|^\d+(?:e|st|nd|rd|th)\s+(?:séance\s+plénière|plenary\s+meeting)", re.I
)
_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
_NOTE = re.compile(r"^(\d{1,3}) (.*)$", re.M)
_GLUED = re.compile(r"(?<=[^\W\d_])(\d{1,3})(?=[\s,;:.)»”’]|$)")
_GLUED_PUNCTUATION = re.compile(r"(?<=[,;:”’»)])(\d{1,3})(?=[\s,;:.)»”’]|$)")
_GLUED_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(\d{1,3})(?![\d/])")
_SPACED = re.compile(r"(?<=[^\W\d_]|[)\],;.:”’»])\s(\d{1,3})(?=\s|[,;:]|\.(?!\d)|$)")
_MARKDOWN = re.compile(r"\[\^(\d{1,3})\]")
_NOT_BEFORE_MARKER = frozenset(
    [
        "paragraph",
        "paragraphs",
        "paragraphe",
        "paragraphes",
        "article",
        "articles",
        "resolution",
        "resolutions",
        "résolution",
        "résolutions",
        "no",
        "no.",
        "vol",
        "vol.",
        "chapter",
        "chapitre",
        "para",
        "paras",
        "annex",
        "annexe",
        "page",
        "session",
        "meeting",
        "to",
        "and",
        "of",
        "et",
        "à",
        "de",
        "du",
        "des",
        "the",
        "by",
        "up",
        "under",
        "than",
        "over",
        "about",
        "some",
        "least",
    ]
)


@dataclass
class Heading:
    title: str | None = None
    body_name: str | None = None
    symbol_text: str | None = None
    date_text: str | None = None
    meeting: int | None = None
    end: int = 0  # where the heading stops and the paragraphs begin


@dataclass
class Segments:
    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)


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


def match_verb(text: str, language: Language) -> tuple[Verb, str] | None:
    """The verb phrase a paragraph opens with, and its words as printed.

    Adverbs may stand inside a phrase ("Accueille également avec satisfaction");
    the longest phrase in the language data wins.
    """
    words = list(_WORD.finditer(text[:160]))
    kept: list[tuple[str, int]] = []  # (lower-cased word, index in words)
    index = 0
    while index < len(words) and len(kept) < 6:
        adverb = _adverb_at(words, index, language)
        if adverb and (kept or index + adverb < len(words)):
            index += adverb
            continue
        kept.append((words[index].group(0).lower(), index))
        index += 1
    for length in range(len(kept), 0, -1):
        verb = language.verbs.get(tuple(w for w, _ in kept[:length]))
        if verb:
            last = kept[length - 1][1] + 1
            while last < len(words) and (adverb := _adverb_at(words, last, language)):
                last += adverb
            return verb, text[: words[last - 1].end()]
    return None


def _adverb_at(words: list[re.Match[str]], index: int, language: Language) -> int:
    """How many words the adverb starting at ``index`` has (0 if none)."""
    for length in (3, 2, 1):
        phrase = tuple(w.group(0).lower() for w in words[index : index + length])
        if len(phrase) == length and phrase in language.adverbs:
            return length
    return 0


def segment(reading: Reading, language: Language) -> Segments:
    text = reading.text
    footnotes = _footnotes(reading)
    heading = _heading(reading, language)
    segments = Segments(heading=heading, footnotes=footnotes)
    _paragraphs(reading, language, segments)
    note_numbers = {n.number for n in footnotes}
    for paragraph in segments.paragraphs:
        expected = max((m.number for m in segments.markers), default=min(note_numbers, default=1) - 1) + 1
        segments.markers.extend(_markers(text, paragraph, note_numbers, expected))
    for note in footnotes:
        note.paragraphs = list(dict.fromkeys(m.paragraph for m in segments.markers if m.number == note.number))
    return segments


def _footnotes(reading: Reading) -> list[Footnote]:
    notes = []
    for match in _NOTE.finditer(reading.text, reading.notes_start):
        notes.append(Footnote(int(match.group(1)), match.group(2), (match.start(2), match.end(2))))
    return notes


def _heading(reading: Reading, language: Language) -> Heading:
    """Title, body, symbol and date: the blocks before the first paragraph."""
    text = reading.text
    heading = Heading()
    titles: list[str] = []
    for start, end in blocks(text, 0, reading.notes_start):
        line = text[start:end]
        body = language.pattern("body_line").match(line)
        if body:
            heading.body_name = body.group("body")
            heading.end = end + 1
            break
        if _NUMBERED.match(line) or match_verb(line, language):
            heading.end = start
            break
        symbol = language.pattern("heading_symbol").match(line)
        if symbol:
            heading.symbol_text = heading.symbol_text or symbol.group("symbol")
            rest = line[symbol.end() :].strip(" .")
            if rest and not language.pattern("date").search(rest):
                titles.append(rest)
        elif heading.symbol_text and not line.startswith("[") and not language.pattern("date").search(line):
            heading.end = start  # 1946-style: "1 (1946) Resolution of 25 January 1946", then the text
            break
        elif not line.startswith("[") and (not language.pattern("date").search(line) or len(line) > 120):
            titles.append(line)
        date = language.pattern("date").search(line)
        if date and heading.date_text is None:
            heading.date_text = date.group(0)
        heading.end = end + 1
    heading.title = " ".join(titles) or None
    return heading


def _paragraphs(reading: Reading, language: Language, segments: Segments) -> None:
    text = reading.text
    section: str | None = None
    in_annex = False
    awaiting_title: Section | None = None
    counts = {"preambular": 0, "unnumbered": 0}
    for start, end in blocks(text, segments.heading.end, reading.notes_start):
        line = text[start:end]
        if _ADOPTED.match(line):
            meeting = language.pattern("meeting").search(line)
            if meeting and segments.heading.meeting is None:
                segments.heading.meeting = int(meeting.group("meeting"))
            date = language.pattern("date").search(line)
            if date and segments.heading.date_text is None:
                segments.heading.date_text = date.group(0)
            continue
        if language.pattern("annex_heading").match(line):
            in_annex, section, awaiting_title = True, None, None
            continue
        label = _SECTION.match(line) or _SECTION_WITH_TITLE.match(line)
        if label and not in_annex:
            section = label.group("label")
            title = label.groupdict().get("title")
            awaiting_title = Section(section, title, (start, end))
            segments.sections.append(awaiting_title)
            if title:
                awaiting_title = None
            continue
        numbered = _NUMBERED.match(line)
        sub = _SUB.match(line)
        opening = line[numbered.end() :] if numbered else line[sub.end() :] if sub else line
        verb_match = match_verb(_strip_subject(opening), language)
        if awaiting_title is not None and not numbered and not verb_match:
            awaiting_title.title = line
            awaiting_title.span = (awaiting_title.span[0], end)
            awaiting_title = None
            continue
        awaiting_title = None
        if sub and segments.paragraphs:
            last = segments.paragraphs[-1]
            label_text = sub.group("a") or sub.group("b") or sub.group("dash")
            last.subparagraphs.append(SubParagraph(label_text, (start, end)))
            last.span = (last.span[0], end)
            continue
        verb, printed = verb_match if verb_match else (None, None)
        if not numbered and verb is None and _introduces_annex(text, segments.paragraphs):
            in_annex, section = True, None
            continue
        if numbered:
            number: int | None = int(numbered.group(1))
            kind = "annex" if in_annex else "operative"
        elif in_annex:
            if segments.paragraphs and segments.paragraphs[-1].kind == "annex":
                _extend(segments.paragraphs[-1], end)
            continue
        elif verb is None and (" " not in line.strip()):
            continue  # a connective on its own line ("Therefore")
        elif (
            verb is None and segments.paragraphs and (segments.paragraphs[-1].kind == "operative" or line[0].islower())
        ):
            _extend(segments.paragraphs[-1], end)
            continue
        else:
            number = None
            has_operative = any(p.kind == "operative" for p in segments.paragraphs)
            kind = "operative" if (verb and verb.kind == "operative") or has_operative else "preambular"
        if kind == "preambular":
            counts["preambular"] += 1
            paragraph_id = f"PP{counts['preambular']}"
        elif kind == "annex":
            paragraph_id = f"ANNEX-{number}"
        elif number is not None:
            paragraph_id = f"OP{number}"
        else:
            counts["unnumbered"] += 1
            paragraph_id = f"OP{counts['unnumbered']}"
        if any(p.id == paragraph_id for p in segments.paragraphs):
            paragraph_id += f"-{sum(p.id.startswith(paragraph_id) for p in segments.paragraphs) + 1}"
        segments.paragraphs.append(
            Paragraph(
                id=paragraph_id,
                kind=kind,  # type: ignore[arg-type]
                number=number,
                section=section if kind != "annex" else None,
                verb=printed,
                function=verb.function if verb else None,
                span=(start, end),
            )
        )


def _introduces_annex(text: str, paragraphs: list[Paragraph]) -> bool:
    """An operative paragraph ending in a colon ("Adopts the following declaration:")
    followed by a heading introduces an inline annex."""
    if not paragraphs or paragraphs[-1].kind != "operative" or paragraphs[-1].subparagraphs:
        return False
    return text[paragraphs[-1].span[0] : paragraphs[-1].span[1]].rstrip().endswith(":")


def _extend(paragraph: Paragraph, end: int) -> None:
    paragraph.span = (paragraph.span[0], end)


def _strip_subject(line: str) -> str:
    """ "The Security Council requests ..." opens with its verb after the subject."""
    subject = re.match(
        r"^(?:The\s+|Le\s+|L[’']\s*)?(?:Security Council|General Assembly|Conseil de sécurité|Assemblée générale)\s+",
        line,
    )
    return line[subject.end() :] if subject else line


def _markers(text: str, paragraph: Paragraph, notes: set[int], expected: int) -> list[Marker]:
    """Footnote markers in a paragraph.

    A marker glued to a word ("Millénaire1") is one whether or not its note is in
    the text (a dangling marker otherwise). Digits glued to a year ("20052") or to
    punctuation ("72/4;1") are a marker only when that note exists. A number set
    apart by spaces is a marker when it ends the paragraph after punctuation
    ("Protocol, 28", as the annual volumes print them), or when its note exists and
    it stands next to punctuation or is the next note in sequence ("situation 64 and").
    """
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
        before = body[: match.start()].split()
        previous = before[-1].lower() if before else ""
        at_end = not body[match.end() :].strip(" .;,:")
        if previous.strip(",;:.") in _NOT_BEFORE_MARKER:
            continue
        punctuated = previous[-1:] in ",;.:)" or body[match.end() : match.end() + 1] in (",", ";", ":", ".")
        if (at_end and previous[-1:] in ",;.:)") or (number in notes and (punctuated or at_end or number == expected)):
            add(number, (start + match.start(1), start + match.end(1)), number not in notes)
    return sorted(found.values(), key=lambda m: m.span[0])


def _inside_token(body: str, position: int) -> bool:
    """Digits after letters inside a symbol or code ("CN.7", "S-20", "G77") are no marker."""
    token_start = max(body.rfind(" ", 0, position), body.rfind("(", 0, position)) + 1
    token = body[token_start:position]
    return "/" in token or "." in token or "-" in token[-3:] or (token.isupper() and len(token) <= 4)
