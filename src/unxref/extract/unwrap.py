"""Lines into paragraphs: a wrapped line reads on; a paragraph starts only where a resolution
starts one.

A line starts a paragraph when it is structure (a paragraph number "3. ", a sub-paragraph
"(a) ", a section label, the adopting body's line, an adoption line, an annex heading), or
when it opens with a paragraph verb of the language ("Recalling", "Rappelant", "Decides")
after a line that ends a clause (``, ; : .``). A blank line also ends a paragraph in the
heading, and in the body after a line that ends a clause, unless what follows starts in
lower case. Anything else is a wrapped line of the paragraph before: a short line ending in
a comma ("18 September 1978,"), a line in capitals after a comma ("Union of Soviet
Socialist"), a page break in the middle of a sentence.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from unxref.un.language import Language, match_verb

# Structure that starts a paragraph in every language: a number "3. " (or a number alone,
# as pdftotext prints it), a sub-paragraph "(a) ", a dash item, a section label, a session
# number "62/176. ", an editorial bracket.
_STRUCTURE = re.compile(
    r"^(?:\d{1,3}\.(?:\s|$)|\(?[a-z]{1,4}\)\s|\([ivx]+\)\s|[-–—•]\s|[IVX]+\.?$|[A-H]\.?$"
    r"|\[|\d{1,3}/\d{1,4}\.(?:\s|$)|(?:E?S-)?\d{1,2}/\d{1,4}\.(?:\s|$))"
)
_LABEL_ONLY = re.compile(r"^(?:\d{1,3}\.|\(?[a-z]{1,4}\)|\([ivx]+\))$")  # "5." alone: its text follows
# A section label, a symbol, an editorial note in brackets: a line of its own.
_LABEL = re.compile(r"[IVX]+\.?|[A-H]\.?|[A-Z]{1,2}/\S+|.*\]")
# Searched from four characters before the end (its look-behind still sees the one before).
_ENDS_WITH_YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d$")
# OCR misreads paragraph numbers: "1." as "I.", "l.", "L." or "L", "4." as "4," or "4", and a
# number alone on its line ("1", its text on the next) loses its full stop.
_DAMAGED_NUMBER = re.compile(
    r"^(?:(?P<one>[IlL])(?:\.(?=\s+[A-ZÉ]|$)|(?=\s+[A-ZÉ]))|(?P<number>\d{1,3})(?:,?(?=\s+[A-ZÉ])|$))"
)
# The end of a clause: a comma, a semicolon, a colon or a full stop, maybe after a closing
# quotation mark, and maybe followed by a footnote marker ("Corr.1, 6", "(S/12958)7,", "Force,**").
_CLAUSE_END = re.compile(r"[,;:.][»”’\"')*]*\s*\d{0,3}$|\)\s*\d{1,3}$")


def unwrap(lines: list[str], language: Language) -> list[str]:
    """The body's lines joined into paragraphs, a paragraph a line."""
    paragraphs: list[list[str]] = []
    blank = True
    in_body = False
    after_body = False  # the line before is the adopting body's
    lines = _join_body_line(lines, language)
    for raw, following in zip(lines, _next_nonblank(lines), strict=True):
        if not raw:
            blank = True
            continue
        line = _repair_number(raw, following, language)
        brings_text = (
            bool(paragraphs)
            and paragraphs[-1][-1].endswith(":")
            and introduces_text(" ".join(paragraphs[-1]), language)
        )
        if (
            paragraphs
            and not brings_text
            and not after_body
            and _continues(paragraphs[-1], line, blank, in_body, language)
        ):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        after_body = _opens_body(line, language)
        in_body = in_body or after_body
        blank = False
    return [join_lines(p) for p in paragraphs]


def _next_nonblank(lines: list[str]) -> list[str]:
    """For each line, the first non-blank line after it ("" for none)."""
    following: list[str] = []
    upcoming = ""
    for line in reversed(lines):
        following.append(upcoming)
        upcoming = line or upcoming
    return following[::-1]


def _join_body_line(lines: list[str], language: Language) -> list[str]:
    """The adopting body's line wrapped in two ("Le Conseil de" / "sécurité,") made one again."""
    for index, (line, following) in enumerate(pairwise(lines)):
        if line and following and not language.body_line(line) and language.body_line(f"{line} {following}"):
            return [*lines[:index], f"{line} {following}", *lines[index + 2 :]]
        if language.body_line(line):
            break
    return lines


def _continues(paragraph: list[str], line: str, blank: bool, in_body: bool, language: Language) -> bool:
    """Whether the line reads on in the paragraph so far."""
    previous = paragraph[-1]
    if _LABEL_ONLY.match(previous):
        return True  # "5." alone on its line, its text on the next
    if _starts(line, _clause_line(paragraph), language):
        return False
    if not in_body and _ends_with_date(previous, language) and _opens_with_verb(line, language):
        return False  # "Résolution 1625 (2005) du 14 septembre 2005", then "Décide ..."
    if _ENDS_WITH_YEAR.search(previous, len(previous) - 4) and line[0].isupper() and _opens_with_verb(line, language):
        return False  # "... au-delà du 15 décembre 1989", its comma lost, then "Réaffirmant ..."
    if _ends_at_label(paragraph, line, language):
        return False
    if (
        blank
        and in_body
        and line[0].isupper()
        and not _CLAUSE_END.search(previous)
        and _opens_with_verb(line, language)
    ):
        return False  # "Recommends ...", "Seriously concerned ..." after a blank line, the comma before lost
    if not blank:
        return True
    if line[0].islower():
        return not previous.endswith((".", ":"))
    return in_body and not _CLAUSE_END.search(previous)  # a page break in mid-sentence


def _ends_at_label(paragraph: list[str], line: str, language: Language) -> bool:
    """A label ends its paragraph ("II", "S/14869."), not a verb broken over two lines ("Prenant"
    / "acte de ..."); a short line in capitals that ends a longer paragraph ("Add.I", a name
    wrapped: "Abdullah" / "El-Erian, juge ...") ends it only where a verb follows."""
    previous = paragraph[-1]
    if not is_label(previous) or _opens_with_verb(f"{previous} {line}", language):
        return False
    return bool(_LABEL.fullmatch(previous)) or len(paragraph) == 1 or _opens_with_verb(line, language)


def _ends_with_date(line: str, language: Language) -> bool:
    return bool(_date_at_end(language).search(line))


@cache
def _date_at_end(language: Language) -> re.Pattern[str]:
    return re.compile(language.pattern("date").pattern + r"\s*$", re.IGNORECASE)


def introduces_text(paragraph: str, language: Language) -> bool:
    """A paragraph that brings in a text of its own ("Adopts the following declaration:"),
    not one that ends in a colon before a list or a quotation."""
    return bool(language.pattern("introduces_text").search(paragraph.rstrip()))


def _clause_line(paragraph: list[str]) -> str:
    """The line whose end tells whether the paragraph's clause ended: the last one, unless OCR
    left a stray scrap of one or two letters after it ("s", "au")."""
    last = paragraph[-1]
    if len(last) > 2 or not last.isalpha():
        return last
    return next((line for line in reversed(paragraph) if len(line) > 2 or not line.isalpha()), last)


def _starts(line: str, previous: str, language: Language) -> bool:
    """Whether the line opens a paragraph whatever came before, or with a verb after a clause's end."""
    if _STRUCTURE.match(line) or _layout_start(language).match(line):
        return True
    return line[0].isupper() and bool(_CLAUSE_END.search(previous)) and _opens_with_verb(line, language)


def _opens_with_verb(line: str, language: Language) -> bool:
    subject = language.pattern("subject").match(line)
    return match_verb(line[subject.end() :] if subject else line, language) is not None


def _opens_with_operative_verb(line: str, language: Language) -> bool:
    subject = language.pattern("subject").match(line)
    verb = match_verb(line[subject.end() :] if subject else line, language)
    return verb is not None and verb[0].kind == "operative"


def _opens_body(line: str, language: Language) -> bool:
    """The adopting body's line ("The Security Council,") ends the heading."""
    return bool(language.body_line(line))


@cache
def _layout_start(language: Language) -> re.Pattern[str]:
    """The language's lines that start a paragraph: the body's line, an adoption or meeting line,
    a volume's "Décisions" or next resolution's heading, an annex or article heading."""
    names = ("paragraph_start", "adopted_line", "volume_section", "next_resolution", "annex_heading", "article_heading")
    parts = (language.pattern(name).pattern for name in names)
    return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)


def _repair_number(line: str, following: str, language: Language) -> str:
    """ "I. Demande instamment" and "L Réaffirme" are "1. ..." misread, "4, Calls upon" and "4
    Calls upon" are "4. Calls upon": repaired where an operative verb follows (on the line, or
    on the next when the number stands alone, as "1" then "Prolonge à nouveau")."""
    damaged = _DAMAGED_NUMBER.match(line)
    rest = line[damaged.end() :].strip() if damaged else ""
    if damaged and _opens_with_operative_verb(rest or following, language):
        return ("1" if damaged.group("one") else damaged.group("number")) + "." + line[damaged.end() :]
    return line


def is_label(line: str) -> bool:
    """A section label ("II"), or a short line with no final punctuation ("The Security Council")."""
    if _LABEL.fullmatch(line):
        return True
    words = line.split() if line[-1:].isalpha() else ()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


_MODIFIERS = ("/Add", "/Corr", "/Rev", "/Amend")
_NUMBER_AFTER_STOP = re.compile(r"\.\d")


def _split_word(text: str, line: str) -> bool:
    return text.endswith(("/", "-")) and text[-2:-1].isalnum() and line[0].isalnum()


def _split_modifier(text: str, line: str) -> bool:
    return text.endswith(_MODIFIERS) and bool(_NUMBER_AFTER_STOP.match(line))


def join_lines(lines: list[str]) -> str:
    """Wrapped lines as one: a word split at a slash or a hyphen is joined, and a symbol's
    addendum split before its full stop ("S/15194/Add" then ".2."); other breaks are a space."""
    text = ""
    for line in (ln for ln in lines if ln):
        if not text:
            text = line
        elif _split_word(text, line) or _split_modifier(text, line):
            text += line
        else:
            text += " " + line
    return re.sub(r" {2,}", " ", text)
