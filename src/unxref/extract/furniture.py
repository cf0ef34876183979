"""Page furniture: what a page prints that is not the resolution's text.

- Markdown front matter (``---`` ... ``---``), kept only as the date it is not;
- the masthead of an official PDF as pdfplumber reads it (keeping the symbol it prints);
- lines that are furniture on any page of any layout (``un/data/furniture.toml``: job
  numbers, barcodes, page footers);
- page numbers left at a page break (``12`` then a form feed) or glued to the first word
  of a page (``23Ayant présente ...``);
- running heads: the resolution's own symbol or title repeated on later pages, as a block
  of its own (Markdown and pdftotext keep them), and agenda titles in capitals printed
  between the resolutions of an annual volume.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from unxref.un.language import Language, match_verb

FURNITURE = Path(__file__).resolve().parents[1] / "un" / "data" / "furniture.toml"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
_GLUED_PAGE_NUMBER = re.compile(r"^\d{1,4}(?=[A-ZÉÈÀ][a-zéèàç])")
_HEADING_SYMBOL = re.compile(r"^(?:[A-Z]/RES/)?(?:E?S-)?\d{1,4}/\d{1,4}\.\s*")
# A session in Roman numerals, as resolutions are cited: "2324 (XXII)", "2248 (S-V)".
_ROMAN_SESSION = re.compile(r"\((?:E?S-)?[IVXLC]+\)")


@dataclass(frozen=True)
class _Furniture:
    masthead_end: re.Pattern[str]
    masthead_symbol: re.Pattern[str]
    masthead_series: re.Pattern[str]
    lines: re.Pattern[str]  # every furniture line's pattern, in one
    running_head_lines: int


@cache
def _furniture() -> _Furniture:
    data = tomllib.loads(FURNITURE.read_text("utf-8"))
    return _Furniture(
        masthead_end=re.compile(data["masthead_end"]),
        masthead_symbol=re.compile(data["masthead_symbol"]),
        masthead_series=re.compile(data["masthead_series"]),
        lines=re.compile("|".join(f"(?:{p})$" for p in data["lines"])),
        running_head_lines=int(data["running_head_lines"]),
    )


def strip_front_matter(text: str) -> str:
    """Markdown's YAML front matter (a converter's, not the resolution's) is left out."""
    return _FRONT_MATTER.sub("", text, count=1)


def strip_pdf_masthead(pages: list[str]) -> list[str]:
    """Drop the masthead of an official PDF (keeping the symbol it prints) and the running heads
    that carry the symbol on later pages."""
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
        kept_pages.append("\n".join(lines))
    return kept_pages


def strip_page_numbers(pages: list[str], language: Language) -> list[str]:
    """A number alone on a page's last line, before the page break, is its page number; one glued
    to the first word of a page's text ("23Ayant présente ...") too."""
    kept = []
    for page in pages:
        lines = page.rstrip("\n").split("\n")
        if len(pages) > 1 and lines and _PAGE_NUMBER.match(lines[-1].strip()):
            lines = lines[:-1]
        kept.append("\n".join(_unglue_page_number(line, language) for line in lines))
    return kept


def _unglue_page_number(line: str, language: Language) -> str:
    glued = _GLUED_PAGE_NUMBER.match(line)
    if glued and match_verb(line[glued.end() :], language):
        return line[glued.end() :]
    return line


def strip_volume_heads(text: str, language: Language) -> str:
    """Drop the running heads of the annual volumes, wrapped over lines, glued to a page number
    or to the text before them ("S/2005/716.Résolutions adoptées et ..."); text before one
    stays on its own line."""

    def replace(head: re.Match[str]) -> str:
        return "" if head.start() == 0 or text[head.start() - 1] == "\n" else "\n"

    return language.pattern("volume_head").sub(replace, text)


def is_furniture(line: str) -> bool:
    """A line that is furniture on any page of any layout (job numbers, barcodes, footers)."""
    return _furniture().lines.match(line) is not None


def strip_running_heads(lines: list[str], language: Language) -> list[str]:
    """Running heads repeat the heading: a block (between blank lines) whose text is the
    resolution's own symbol or its title; and, after the heading, agenda titles in capitals."""
    heading = _heading(lines, language)
    kept: list[str] = []
    dropped = False
    for start, end in _blocks(lines):
        block = lines[start:end]
        if start >= heading.end and _normal(" ".join(block)) in heading.texts:
            while kept and not kept[-1]:
                kept.pop()  # the blank lines around a running head are no paragraph break
            dropped = True
            continue
        if kept and not dropped:
            kept.extend([""] * (start - _previous_end(lines, start)))
        kept.extend(line for index, line in enumerate(block, start) if index < heading.end or not _in_capitals(line))
        dropped = False
    return kept


@dataclass(frozen=True)
class _Heading:
    texts: frozenset[str]  # normalised texts of the heading's blocks, with and without their "80/16. "
    end: int  # the line where the body begins


def _heading(lines: list[str], language: Language) -> _Heading:
    end = next(
        (i for i, line in enumerate(lines) if language.body_line(line) or match_verb(line, language)), len(lines)
    )
    texts: set[str] = set()
    for start, stop in _blocks(lines[:end]):
        block = " ".join(lines[start:stop])
        texts.update((_normal(block), _normal(_HEADING_SYMBOL.sub("", block))))
    return _Heading(frozenset(t for t in texts if t), end)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _in_capitals(line: str) -> bool:
    """At least 8 letters, 80% of them capitals, and no symbol; sessions in Roman numerals
    not counted ("(S-V), 2324 (XXII), 2325 (XXII)," is a wrapped list of resolutions)."""
    if sum(map(str.isupper, line)) < 0.8 * 8 or "/" in line:
        return False  # most lines: too few capitals for 80% of 8 letters, without counting the letters
    words = _ROMAN_SESSION.sub("", line)
    capitals = sum(map(str.isupper, words))
    letters = sum(map(str.isalpha, words))
    return letters >= 8 and capitals >= 0.8 * letters


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines."""
    blocks: list[tuple[int, int]] = []
    start = None
    for index, line in enumerate([*lines, ""]):
        if line and start is None:
            start = index
        elif not line and start is not None:
            blocks.append((start, index))
            start = None
    return blocks


def _previous_end(lines: list[str], start: int) -> int:
    """Where the non-blank run before ``start`` ends."""
    index = start
    while index > 0 and not lines[index - 1]:
        index -= 1
    return index
