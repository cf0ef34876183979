"""Segment the reading text after its heading: preamble, sections, operative
paragraphs, sub-paragraphs, annexes, footnotes, and the markers that link them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from unxref.extract.clean import Reading
from unxref.extract.heading import blocks
from unxref.extract.markers import find_markers
from unxref.extract.unwrap import introduces_text, is_label
from unxref.model import Footnote, Marker, Paragraph, ParagraphKind, Section, SubParagraph
from unxref.un.language import Language, Verb, match_verb

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+")
_SUB = re.compile(r"^(?:\((?P<a>[a-z]{1,4}|[ivx]+|\d{1,2})\)|(?P<b>[a-z]{1,4}|[ivx]+)\))\s+|^(?P<dash>[-–—•])\s+")
_SECTION = re.compile(r"^(?P<label>[IVX]+|[A-H])\.?$")
_SECTION_WITH_TITLE = re.compile(r"^(?P<label>[IVX]+|[A-H])\.\s+(?P<title>[A-Z][^.;:]{3,150})$")
_NOTE = re.compile(r"^(\d{1,3}) (.*)$", re.M)
# A line of a quotation: a quotation mark first, maybe after the quoted paragraph's number.
_QUOTED = re.compile(r"^(?:\d{1,3}\.\s*)?[\"“«‘']|^\d{1,3}\.\s*$")
_CLOSES_QUOTE = re.compile(r"[.;]\s*[\"”»’]\s*\d{0,3}$")


@dataclass
class Segments:
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    meeting: int | None = None  # from the adoption line
    date_text: str | None = None  # from the adoption line


def segment(reading: Reading, language: Language, start: int, year: int | None = None) -> Segments:
    """The paragraphs from ``start`` (the heading's end) to the notes, and the notes; ``year`` is
    the resolution's, when its heading gives it."""
    segments = Segments(footnotes=_footnotes(reading))
    paragrapher = _Paragrapher(reading.text, language, segments)
    for span in blocks(reading.text, start, reading.notes_start):
        paragrapher.line(*span)
    _number(segments.paragraphs)
    numbers = {n.number for n in segments.footnotes}
    heading = frozenset(n.number for n in segments.footnotes if language.pattern("heading_note").match(n.text))
    segments.markers = find_markers(reading.text, segments.paragraphs, numbers, language, year, heading)
    for note in segments.footnotes:
        note.paragraphs = list(dict.fromkeys(m.paragraph for m in segments.markers if m.number == note.number))
    _untied(segments.footnotes, language)
    return segments


def _untied(notes: list[Footnote], language: Language) -> None:
    """Say why a note no paragraph carries is not tied: a note numbered before this text's first
    tied note belongs to the text printed before it on the page (annual volumes number notes
    through the volume); a note on the vote is called from the adoption line; any other has no
    marker left in the text (OCR may have lost it)."""
    tied = [n.number for n in notes if n.paragraphs]
    for note in notes:
        if note.paragraphs:
            continue
        if tied and note.number < min(tied):
            note.status = "foreign"
            note.reason = (
                f"numbered before this text's first note ({min(tied)}): it belongs to a text printed before it"
            )
        elif language.pattern("vote_note").match(note.text):
            note.status = "dangling"
            note.reason = "a note on the vote, called from the adoption line, which is no paragraph"
        else:
            note.status = "dangling"
            note.reason = "no marker in the text calls it (a marker OCR lost or damaged, or a note of another text)"


def _number(paragraphs: list[Paragraph]) -> None:
    """Give each paragraph its id: PP<n> in order, OP<n> by printed number (by order when none
    is printed), ANNEX-<n>; a number OCR misread between two that run in sequence is repaired
    (1, 2, 3, 8, 5 reads 1, 2, 3, 4, 5), and a repeated id gets a suffix."""
    for group in ("operative", "annex"):
        numbered = [p for p in paragraphs if p.kind == group and p.number is not None]
        for before, paragraph, after in zip(numbered, numbered[1:], numbered[2:], strict=False):
            assert before.number is not None and after.number is not None
            if paragraph.number != before.number + 1 and after.number == before.number + 2:
                paragraph.number = before.number + 1
    _number_lost([p for p in paragraphs if p.kind == "operative"])
    counts = {"preambular": 0, "unnumbered": 0}
    taken: Counter[str] = Counter()  # each id given, and how many paragraphs it was given to
    for paragraph in paragraphs:
        if paragraph.kind == "preambular":
            counts["preambular"] += 1
            paragraph_id = f"PP{counts['preambular']}"
        elif paragraph.kind == "annex":
            paragraph_id = f"ANNEX-{paragraph.number}"
        elif paragraph.number is not None:
            paragraph_id = f"OP{paragraph.number}"
        else:
            counts["unnumbered"] += 1
            paragraph_id = f"OP{counts['unnumbered']}"
        taken[paragraph_id] += 1
        paragraph.id = paragraph_id if taken[paragraph_id] == 1 else f"{paragraph_id}-{taken[paragraph_id]}"


def _number_lost(operative: list[Paragraph]) -> None:
    """An operative paragraph whose number OCR lost, among numbered ones, takes the number its
    neighbours leave for it: 1, _, 3 reads 1, 2, 3; _, 2 reads 1, 2; 1, 2, _ at the end reads 1, 2, 3."""
    if not any(p.number is not None for p in operative):
        return  # an operative part printed without numbers is numbered by order
    for index, paragraph in enumerate(operative):
        if paragraph.number is not None:
            continue
        before = operative[index - 1].number if index else 0
        after = operative[index + 1].number if index + 1 < len(operative) else None
        if before is not None and (
            after == before + 2 or (after is None and before > 0 and index + 1 == len(operative))
        ):
            paragraph.number = before + 1


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
        self.quoting: Paragraph | None = None  # a paragraph whose quotation is being read
        self.quote_opened = False
        self.adopted = False  # an adoption line has been read
        self.ended = False  # the decisions a volume prints after the resolution, or the next resolution, have begun

    def line(self, start: int, end: int) -> None:
        line = self.text[start:end]
        self.ended = self.ended or self.ends(line)
        if self.ended or self.quotation(line, end) or self.adoption(line) or self.structure(line, start, end):
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
            self.quote_after(self.paragraphs[-1] if self.paragraphs else None)
            return
        number = int(numbered.group(1)) if numbered else None
        self.paragraphs.append(
            Paragraph(
                id="",  # given by _number once every paragraph is read
                kind=kind,
                number=number,
                section=self.section if kind != "annex" else None,
                verb=printed,
                function=verb.function if verb else None,
                span=(start, end),
            )
        )
        self.quote_after(self.paragraphs[-1])

    def ends(self, line: str) -> bool:
        """The decisions a volume prints after the adoption line, or the next resolution's
        heading (a volume's text may run on into it), end this text."""
        if self.adopted and self.language.pattern("volume_section").match(line):
            return True
        return bool(self.paragraphs) and bool(self.language.pattern("next_resolution").match(line))

    def quote_after(self, paragraph: Paragraph | None) -> None:
        """A paragraph ending in a colon that brings in no text of its own may quote one."""
        text = self.text[slice(*paragraph.span)].rstrip() if paragraph else ""
        self.quoting = paragraph if text.endswith(":") and not introduces_text(text, self.language) else None
        self.quote_opened = False

    def quotation(self, line: str, end: int) -> bool:
        """A line of the text a paragraph quotes ("which reads: “1. Calls for ...”") stays in it,
        from the first line that opens with a quotation mark to the one that closes it; OCR may
        have lost the marks between, but not the next paragraph's number."""
        quoting = self.quoting
        if quoting is None:
            return False
        numbered = _NUMBERED.match(line)
        following = (quoting.number or 1) + 1
        opens = bool(_QUOTED.match(line))
        if not opens and (not self.quote_opened or (numbered and int(numbered.group(1)) == following)):
            self.quoting = None
            return False
        quoting.span = (quoting.span[0], end)
        self.quote_opened = True
        if _CLOSES_QUOTE.search(line):
            self.quoting = None
        return True

    def adoption(self, line: str) -> bool:
        """An adoption line ("Adopted at the 2345th meeting") gives the meeting and date, and no paragraph."""
        if not self.language.pattern("adopted_line").match(line):
            return False
        self.adopted = True
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
        article = self.language.pattern("article_heading").match(line)
        label = _SECTION.match(line) or _SECTION_WITH_TITLE.match(line) or article
        if not label or self.in_annex:
            return False
        self.section = label.groupdict().get("label") or line
        title = label.groupdict().get("title")
        section = Section(self.section, title, (start, end))
        self.segments.sections.append(section)
        self.awaiting_title = None if title or article else section  # an article's text is no title
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
        if verb is None and (" " not in line.strip() or self.language.pattern("connective_line").match(line)):
            return None  # a connective on its own line ("Therefore", "Therefore the Security Council,")
        if verb is None and (self.language.body_line(line) or is_label(line)):
            return None  # the subject of the next line ("The Security Council"), or a title in the text
        if verb is None and last and (last.kind == "operative" or line[0].islower()):
            last.span = (last.span[0], end)
            return None
        has_operative = any(p.kind == "operative" for p in self.paragraphs)
        return "operative" if (verb and verb.kind == "operative") or has_operative else "preambular"

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
