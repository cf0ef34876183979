"""From raw text to the reading text that every span indexes.

The reading text is the body, one paragraph per line with blank lines between
paragraphs, followed by the footnotes, one per line, after a separator line.
Cleaning does, in order:

1. normalise characters (line ends, no-break spaces, soft hyphens, ligatures);
2. for PDFs, drop page furniture (job numbers, barcodes, page numbers, running headers);
3. lift footnote blocks out of the body (blocks after a ``_____`` rule, as at
   PDF page bottoms; ``[^n]: note`` lines; a run of numbered notes at the end)
   so that a sentence a page break interrupted reads on;
4. unwrap lines into paragraphs and rejoin words split across lines.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unxref.un import language

NOTES_RULE = "__________"
FURNITURE = Path(language.__file__).parent / "data" / "furniture.toml"

_CHARS = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\u00ad": None,
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\u2011": "-",
        "\r": None,
    }
)
_RULE = re.compile(r"^\s*[_\u2014\u2015-]{5,}\s*$")
_NOTE_LINE = re.compile(r"^\s*(\d{1,3})(?:\s+|(?=[A-Z]))(?=\S)(?!\d)(?!\.\s)(.*)$")
_MD_NOTE = re.compile(r"^\s*\[\^(\d{1,3})\]:\s*(.*)$")
# What starts a paragraph in every language: a number "3. ", a sub-paragraph "(a) ", a section
# label, a session number "62/176. ", a short line ending in a comma; and each language's own.
_LAYOUT_START = (
    r"\d{1,3}\.\s|\(?[a-z]{1,4}\)\s|\([ivx]+\)\s|[-–—•]\s|[IVX]+\.?$|[A-H]\.?$"
    r"|\[|\d{1,3}/\d{1,4}\.\s|(?:E?S-)?\d{1,2}/\d{1,4}\.\s|(?:\S+\s){0,3}\S+,$"
)


@cache
def _paragraph_start() -> re.Pattern[str]:
    own = "|".join(lang.pattern("paragraph_start").pattern for lang in language.every())
    return re.compile(rf"^(?:{_LAYOUT_START}|{own})")


@dataclass(frozen=True)
class Reading:
    """The reading text, and where its notes begin (``len(text)`` when there are none)."""

    text: str
    notes_start: int
    format: str = "txt"

    @property
    def body(self) -> str:
        return self.text[: self.notes_start]


@dataclass
class _Note:
    number: int
    lines: list[str]


def clean(raw: str, source_format: str = "txt") -> Reading:
    text = raw.translate(_CHARS)
    pages = text.split("\f")
    if source_format == "pdf":
        pages = _strip_furniture(pages)
    lines = [line.strip() for line in "\n".join(pages).split("\n")]
    body, notes = _lift_notes(lines)
    paragraphs = _unwrap(body)
    out = "\n\n".join(paragraphs)
    if not notes:
        return Reading(out, len(out), source_format)
    notes_text = "\n".join(f"{n.number} {_join_lines(n.lines)}" for n in notes)
    head = f"{out}\n\n{NOTES_RULE}\n"
    return Reading(head + notes_text, len(head), source_format)


@dataclass(frozen=True)
class _Furniture:
    masthead_end: re.Pattern[str]
    masthead_symbol: re.Pattern[str]
    masthead_series: re.Pattern[str]
    lines: list[re.Pattern[str]]
    running_head_lines: int


def _furniture() -> _Furniture:
    data = tomllib.loads(FURNITURE.read_text("utf-8"))
    return _Furniture(
        masthead_end=re.compile(data["masthead_end"]),
        masthead_symbol=re.compile(data["masthead_symbol"]),
        masthead_series=re.compile(data["masthead_series"]),
        lines=[re.compile(p + "$") for p in data["lines"]],
        running_head_lines=int(data["running_head_lines"]),
    )


def _strip_furniture(pages: list[str]) -> list[str]:
    """Drop the masthead (keeping the symbol it prints), running heads, job numbers, footers."""
    furniture = _furniture()
    page_lines = [[line.strip() for line in page.split("\n")] for page in pages]
    symbol = None
    first = page_lines[0] if page_lines else []
    end = next((i for i, line in enumerate(first) if furniture.masthead_end.match(line)), 0)
    series = next((m.group("series") for line in first[:end] if (m := furniture.masthead_series.match(line))), None)
    rest = next((m.group("rest") for line in first[:end] if (m := furniture.masthead_symbol.match(line))), None)
    if series and rest:
        symbol = f"{series}/{rest}"
        page_lines[0] = [symbol, *first[end:]]
    kept_pages = []
    for number, lines in enumerate(page_lines):
        if number and symbol:
            head = next(
                (i for i, line in enumerate(lines[: furniture.running_head_lines]) if symbol in line.split()), None
            )
            if head is not None:
                lines = lines[head + 1 :]
        kept_pages.append("\n".join(line for line in lines if not any(p.match(line) for p in furniture.lines)))
    return kept_pages


def _lift_notes(lines: list[str]) -> tuple[list[str], list[_Note]]:
    """Separate footnote blocks from body lines."""
    body: list[str] = []
    notes: list[_Note] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        md = _MD_NOTE.match(line)
        if md:
            notes.append(_Note(int(md.group(1)), [md.group(2)]))
            i += 1
            continue
        if _RULE.match(line):
            i = _read_note_block(lines, i + 1, notes)
            continue
        body.append(line)
        i += 1
    trailing = _trailing_notes(body)
    if trailing:
        cut, found = trailing
        body = body[:cut]
        notes.extend(found)
    notes.sort(key=lambda n: n.number)
    return body, notes


def _read_note_block(lines: list[str], i: int, notes: list[_Note]) -> int:
    """Read the notes after a rule; return the index where the body resumes."""
    current: _Note | None = None
    while i < len(lines):
        line = lines[i]
        match = _NOTE_LINE.match(line)
        expected = current.number + 1 if current else None
        if match and (expected is None or int(match.group(1)) == expected):
            current = _Note(int(match.group(1)), [match.group(2)])
            notes.append(current)
        elif not line:
            pass
        elif current is not None and not _ends_note(current):
            current.lines.append(line)
        else:
            break
        i += 1
    return i


def _ends_note(note: _Note) -> bool:
    last = next((line for line in reversed(note.lines) if line), "")
    return last.endswith((".", ".»", ".”", ";"))


def _trailing_notes(lines: list[str]) -> tuple[int, list[_Note]] | None:
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
    notes: list[_Note] = []
    for _, block in blocks[start:]:
        for line in block:
            match = _NOTE_LINE.match(line)
            if match and (not notes or int(match.group(1)) > notes[-1].number):
                notes.append(_Note(int(match.group(1)), [match.group(2)]))
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


def _unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs.

    A paragraph ends at a blank line, or where the next line starts a new one (a
    number "3. ", a sub-paragraph "(a) ", a section label, or a capital after a
    line ending in punctuation). A block that starts in lower case continues the
    paragraph before it (the seed's footnote blocks, blank lines in OCR).
    """
    paragraphs: list[list[str]] = []
    blank = True
    for line in lines:
        if not line:
            blank = True
            continue
        previous = paragraphs[-1][-1] if paragraphs else ""
        continues = bool(paragraphs) and not _paragraph_start().match(line) and not _is_label(previous)
        if continues and blank:
            continues = line[0].islower() and not previous.endswith((".", ":"))
        elif continues:
            continues = not (previous.endswith((",", ";", ":", ".")) and line[0].isupper())
        if continues:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        blank = False
    return [_join_lines(p) for p in paragraphs]


def _is_label(line: str) -> bool:
    """A section label ("II"), or a short line with no final punctuation ("The Security Council")."""
    return bool(re.fullmatch(r"[IVX]+\.?|[A-H]\.?|[A-Z]{1,2}/\S+|.*\]", line)) or (
        len(line.split()) <= 4 and line[-1:].isalpha() and all(w[:1].isupper() for w in line.split())
    )


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in (ln for ln in lines if ln):
        if not text:
            text = line
        elif text.endswith(("/", "-")) and text[-2:-1].isalnum() and (line[0].isalnum()):
            text += line
        else:
            text += " " + line
    return re.sub(r" {2,}", " ", text)
