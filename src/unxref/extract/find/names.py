"""Names from the authority data: treaties and bodies named in the text, longest first."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from unxref.extract.find.found import Found
from unxref.un.authorities import Authorities, fold
from unxref.un.language import Language


def label_regex(label: str) -> str:
    """A name as a pattern: any run of spaces for a space, either apostrophe for one."""
    escaped = re.escape(label).replace(r"\ ", r"\s+")
    return re.sub("[’']", "['’]", escaped)


@cache
def _body_label_pattern(authorities: Authorities, language: str) -> re.Pattern[str]:
    pairs = authorities.name_patterns("body", language)
    alternation = "|".join(label_regex(label) for label, _ in sorted(pairs, key=lambda p: -len(p[0])))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def body_named_before(text: str, anchor: int, authorities: Authorities, language: Language) -> str | None:
    """The body named right before ``anchor`` ("the Security Council resolution ...")."""
    window = text[max(0, anchor - 90) : anchor]
    best = None
    for match in _body_label_pattern(authorities, language.code).finditer(window):
        if not window[match.end() :].strip():
            best = authorities.body_by_name(match.group(0))
    return best.code if best else None


def body_named_after(text: str, position: int, authorities: Authorities, language: Language) -> str | None:
    """The body named right after ``position`` ("... of the Economic and Social Council")."""
    named = body_name_after(text, position, authorities, language)
    return named[0] if named else None


def body_name_after(text: str, position: int, authorities: Authorities, language: Language) -> tuple[str, int] | None:
    """The body named right after ``position``, and where its name ends."""
    lead = language.pattern("body_after").match(text, position)
    if not lead:
        return None
    name = _body_label_pattern(authorities, language.code).match(text, lead.end())
    body = authorities.body_by_name(name.group(0)) if name else None
    return (body.code, name.end()) if body and name else None


@cache
def _name_pattern(authorities: Authorities, kind: str, language: Language) -> dict[str, re.Pattern[str]]:
    """The names of a kind by their first word, longest first: trying the few names that
    start with a word of the text is much faster than one alternation of all names."""
    if kind == "alias":
        pairs = [
            (alias, keys[0])
            for alias, keys in language.treaty_aliases.items()
            if all(k in authorities.treaties for k in keys)
        ]
    else:
        pairs = [(label, code) for label, code in authorities.name_patterns(kind, language.code) if code != "UN"]
    by_first: dict[str, list[str]] = {}
    for label, _ in sorted(pairs, key=lambda pair: -len(pair[0])):
        first = _FIRST_WORD.match(label)
        if first:
            by_first.setdefault(first.group(0).lower(), []).append(label_regex(label))
    return {word: re.compile(rf"(?:{'|'.join(labels)})(?!\w)", re.IGNORECASE) for word, labels in by_first.items()}


_FIRST_WORD = re.compile(r"[^\W_]+")


def _name_matches(
    text: str, start: int, end: int, patterns: dict[str, re.Pattern[str]], first_words: frozenset[str]
) -> list[re.Match[str]]:
    """Every name in the region, left to right, none inside another. Only the region's words
    that some name starts with are tried with the regular expressions."""
    words = _word_positions(text, start, end, first_words)
    candidates = sorted((position, word) for word in words.keys() & patterns.keys() for position in words[word])
    matches: list[re.Match[str]] = []
    for position, word in candidates:
        if (matches and position < matches[-1].end()) or _glued_before(text, position):
            continue
        match = patterns[word].match(text, position, end)
        if match:
            matches.append(match)
    return matches


@cache
def _first_words(authorities: Authorities, language: Language) -> frozenset[str]:
    """Any word a treaty's, a body's or an alias's name starts with, in lower case."""
    return frozenset(
        word for kind in ("treaty", "body", "alias") for word in _name_pattern(authorities, kind, language)
    )


@lru_cache(maxsize=4)
def _word_positions(text: str, start: int, end: int, first_words: frozenset[str]) -> dict[str, list[int]]:
    """Where each word that a name starts with stands in the region, in lower case: found once
    for the treaty, body and alias names a region is searched for (reading every word and
    keeping those in the set is 40% faster than one pattern of the words)."""
    positions: dict[str, list[int]] = {}
    for word in _FIRST_WORD.finditer(text[start:end].lower()):
        if (folded := word.group(0)) in first_words:
            positions.setdefault(folded, []).append(start + word.start())
    return positions


def _glued_before(text: str, position: int) -> bool:
    return position > 0 and (text[position - 1].isalnum() or text[position - 1] == "_")


@cache
def _label_index(authorities: Authorities, kind: str, language: Language) -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {
        fold(label): (key,) for label, key in authorities.name_patterns(kind, language.code)
    }
    if kind == "treaty":
        index.update({fold(alias): keys for alias, keys in language.treaty_aliases.items()})
    return index


def _inside_other_name(text: str, match: re.Match[str], language: Language) -> bool:
    """Is the name part of another one ("the ... Treaty Organization")?"""
    before = language.pattern("inside_name_before").search(text, max(0, match.start() - 40), match.start())
    return bool(before or language.pattern("inside_name_after").match(text, match.end()))


def _quoted_titles(text: str, start: int, end: int, language: Language) -> list[tuple[int, int]]:
    """Spans of titles quoted after "entitled": the names in them are the titles', they cite nothing."""
    return [m.span("title") for m in language.pattern("quoted_title").finditer(text, start, end)]


def _treaties_of_places(
    text: str, start: int, end: int, index: dict[str, tuple[str, ...]], language: Language
) -> list[Found]:
    """ "the treaties of Tlatelolco, Rarotonga and Pelindaba": one treaty per place the records know."""
    found = []
    for listed in language.pattern("treaties_of").finditer(text, start, end):
        for place in language.pattern("place").finditer(text, *listed.span("places")):
            keys = index.get(fold(f"{language.treaty_of} {place.group(0)}"), ())
            found += [Found("treaty", place.span(), name=key) for key in keys]
    return found


def find_names(text: str, start: int, end: int, kind: str, language: Language, authorities: Authorities) -> list[Found]:
    """Treaty or body names from the authority data, longest first.

    For treaties, the language's short aliases ("the Charter") count only where no
    full name ("Charter of the United Nations") overlaps them.
    """
    index = _label_index(authorities, kind, language)
    titles = _quoted_titles(text, start, end, language)
    found = []
    first_words = _first_words(authorities, language)
    for match in _name_matches(text, start, end, _name_pattern(authorities, kind, language), first_words):
        if _inside_other_name(text, match, language) or any(a <= match.start() < b for a, b in titles):
            continue
        found += [Found(kind, (match.start(), match.end()), name=key) for key in index.get(fold(match.group(0)), ())]
    if kind == "treaty":
        found += _treaties_of_places(text, start, end, index, language)
        for match in _name_matches(text, start, end, _name_pattern(authorities, "alias", language), first_words):
            if not any(f.span[0] < match.end() and match.start() < f.span[1] for f in found):
                found += [
                    Found(kind, (match.start(), match.end()), name=key) for key in index.get(fold(match.group(0)), ())
                ]
    return found
