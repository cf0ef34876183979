"""Segment the reading text after its heading: preamble, sections, operative
paragraphs, sub-paragraphs, annexes, footnotes, and the markers that link them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unxref.extract.clean import Reading
from unxref.extract.heading import blocks
from unxref.extract.markers import find_markers
from unxref.extract.unwrap import introduces_text
from unxref.model import Footnote, Marker, Paragraph, ParagraphKind, Section, SubParagraph
from unxref.un.language import Language, Verb, match_verb

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+")
_SUB = re.compile(r"^(?:\((?P<a>[a-z]{1,4}|[ivx]+|\d{1,2})\)|(?P<b>[a-z]{1,4}|[ivx]+)\))\s+|^(?P<dash>[-–—•])\s+")
_SECTION = re.compile(r"^(?P<label>[IVX]+|[A-H])\.?$")
_SECTION_WITH_TITLE = re.compile(r"^(?P<label>[IVX]+|[A-H])\.\s+(?P<title>[A-Z][^.;:]{3,150})$")
_NOTE = re.compile(r"^(\d{1,3}) (.*)$", re.M)


@dataclass
class Segments:
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    meeting: int | None = None  # from the adoption line
    date_text: str | None = None  # from the adoption line


def segment(reading: Reading, language: Language, start: int) -> Segments:
    """The paragraphs from ``start`` (the heading's end) to the notes, and the notes."""
    segments = Segments(footnotes=_footnotes(reading))
    paragrapher = _Paragrapher(reading.text, language, segments)
    for span in blocks(reading.text, start, reading.notes_start):
        paragrapher.line(*span)
    numbers = {n.number for n in segments.footnotes}
    segments.markers = find_markers(reading.text, segments.paragraphs, numbers, language)
    for note in segments.footnotes:
        note.paragraphs = list(dict.fromkeys(m.paragraph for m in segments.markers if m.number == note.number))
    return segments


def _footnotes(reading: Reading) -> list[Footnote]:
    notes = []
    for match in _NOTE.finditer(reading.text, reading.notes_start):
        notes.append(Footnote(int(match.group(1)), match.group(2), (match.start(2), match.end(2))))
    return notes


class _Paragrapher:
    """Reads the body a line (a paragraph of the reading text) at a time."""

    def __init__(self, text: str, language: Language, segments: Segments) -> None:
        self.text = text
        self.language = language
        self.segments = segments
        self.paragraphs = segments.paragraphs
        self.section: str | None = None
        self.in_annex = False
        self.awaiting_title: Section | None = None
        self.preambular = 0
        self.unnumbered = 0

    def line(self, start: int, end: int) -> None:
        line = self.text[start:end]
        if self.adoption(line) or self.structure(line, start, end):
            return
        numbered = _NUMBERED.match(line)
        sub = _SUB.match(line)
        opening = line[numbered.end() :] if numbered else line[sub.end() :] if sub else line
        verb_match = match_verb(self.strip_subject(opening), self.language)
        if self.awaiting_title is not None and not numbered and not verb_match:
            self.awaiting_title.title = line
            self.awaiting_title.span = (self.awaiting_title.span[0], end)
            self.awaiting_title = None
            return
        self.awaiting_title = None
        if sub and self.paragraphs:
            last = self.paragraphs[-1]
            last.subparagraphs.append(SubParagraph(sub.group("a") or sub.group("b") or sub.group("dash"), (start, end)))
            last.span = (last.span[0], end)
            return
        verb, printed = verb_match if verb_match else (None, None)
        if not numbered and verb is None and self.introduces_annex():
            self.in_annex, self.section = True, None
            return
        kind = self.kind(line, numbered, verb, end)
        if kind is None:
            return
        number = int(numbered.group(1)) if numbered else None
        self.paragraphs.append(
            Paragraph(
                id=self.paragraph_id(kind, number),
                kind=kind,
                number=number,
                section=self.section if kind != "annex" else None,
                verb=printed,
                function=verb.function if verb else None,
                span=(start, end),
            )
        )

    def adoption(self, line: str) -> bool:
        """An adoption line ("Adopted at the 2345th meeting") gives the meeting and date, and no paragraph."""
        if not self.language.pattern("adopted_line").match(line):
            return False
        meeting = self.language.pattern("meeting").search(line)
        if meeting and self.segments.meeting is None:
            self.segments.meeting = int(meeting.group("meeting"))
        date = self.language.pattern("date").search(line)
        if date and self.segments.date_text is None:
            self.segments.date_text = date.group(0)
        return True

    def structure(self, line: str, start: int, end: int) -> bool:
        """An annex heading or a section label: no paragraph, but what follows is in it."""
        if self.language.pattern("annex_heading").match(line):
            self.in_annex, self.section, self.awaiting_title = True, None, None
            return True
        label = _SECTION.match(line) or _SECTION_WITH_TITLE.match(line)
        if not label or self.in_annex:
            return False
        self.section = label.group("label")
        title = label.groupdict().get("title")
        section = Section(self.section, title, (start, end))
        self.segments.sections.append(section)
        self.awaiting_title = None if title else section
        return True

    def kind(self, line: str, numbered: re.Match[str] | None, verb: Verb | None, end: int) -> ParagraphKind | None:
        """The kind of paragraph the line opens, or None when it continues the last one (or is no paragraph)."""
        last = self.paragraphs[-1] if self.paragraphs else None
        if numbered:
            return "annex" if self.in_annex else "operative"
        if self.in_annex:
            if last and last.kind == "annex":
                last.span = (last.span[0], end)
            return None
        if verb is None and " " not in line.strip():
            return None  # a connective on its own line ("Therefore")
        if verb is None and last and (last.kind == "operative" or line[0].islower()):
            last.span = (last.span[0], end)
            return None
        has_operative = any(p.kind == "operative" for p in self.paragraphs)
        return "operative" if (verb and verb.kind == "operative") or has_operative else "preambular"

    def paragraph_id(self, kind: ParagraphKind, number: int | None) -> str:
        """PP<n> in order, OP<n> by printed number (or by order), ANNEX-<n>; a repeated id gets a suffix."""
        if kind == "preambular":
            self.preambular += 1
            paragraph_id = f"PP{self.preambular}"
        elif kind == "annex":
            paragraph_id = f"ANNEX-{number}"
        elif number is not None:
            paragraph_id = f"OP{number}"
        else:
            self.unnumbered += 1
            paragraph_id = f"OP{self.unnumbered}"
        if any(p.id == paragraph_id for p in self.paragraphs):
            paragraph_id += f"-{sum(p.id.startswith(paragraph_id) for p in self.paragraphs) + 1}"
        return paragraph_id

    def introduces_annex(self) -> bool:
        """An operative paragraph that brings in a text ("Adopts the following declaration:")
        followed by a heading introduces an inline annex; one that ends in a colon before a
        quotation does not."""
        if not self.paragraphs or self.paragraphs[-1].kind != "operative" or self.paragraphs[-1].subparagraphs:
            return False
        return introduces_text(self.text[slice(*self.paragraphs[-1].span)], self.language)

    def strip_subject(self, line: str) -> str:
        """ "The Security Council requests ..." opens with its verb after the subject."""
        subject = self.language.pattern("subject").match(line)
        return line[subject.end() :] if subject else line
