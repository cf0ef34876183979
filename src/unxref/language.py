"""Per-language data (``unxref/data/<code>.toml``), compiled once into patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Verb:
    phrase: str
    function: str
    kind: str  # preambular | operative


@dataclass(frozen=True, eq=False)
class Language:
    code: str
    months: dict[str, int]
    ordinals: dict[str, int]
    patterns: dict[str, re.Pattern[str]]
    verbs: dict[tuple[str, ...], Verb]  # keyed by lower-cased words
    adverbs: frozenset[tuple[str, ...]]
    treaty_aliases: dict[str, str]
    markers: frozenset[str]

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _ordinals(data: dict[str, dict[str, int] | list[str]]) -> dict[str, int]:
    simple = dict(data["simple"])  # type: ignore[arg-type]
    tens: dict[str, int] = data["tens"]  # type: ignore[assignment]
    units: dict[str, int] = data["units"]  # type: ignore[assignment]
    ordinals = dict(simple)
    for ten_word, ten in tens.items():
        for unit_word, unit in units.items():
            for joiner in data["joiners"]:
                ordinals[f"{ten_word}{joiner}{unit_word}"] = ten + unit
    return ordinals


@cache
def load(code: str) -> Language:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    data = tomllib.loads(resources.files("unxref.data").joinpath(f"{code}.toml").read_text("utf-8"))
    ordinals = _ordinals(data["ordinals"])
    fills = {"months": _alternation(list(data["months"])), "ordinals": _alternation(list(ordinals))}
    raw = dict(data["patterns"], session=data["sessions"]["session"])
    fills["date"] = raw["date"].replace("{months}", fills["months"])
    patterns = {}
    for name, template in raw.items():
        source = template.replace("{date}", fills["date"]).replace("{months}", fills["months"])
        source = source.replace("{ordinals}", fills["ordinals"])
        flags = re.IGNORECASE | (re.MULTILINE if source.startswith("^") else 0)
        patterns[name] = re.compile(source, flags)
    verbs = {
        tuple(phrase.lower().split()): Verb(phrase, function, kind)
        for phrase, (function, kind) in data["verbs"]["phrases"].items()
    }
    return Language(
        code=code,
        months=data["months"],
        ordinals=ordinals,
        patterns=patterns,
        verbs=verbs,
        adverbs=frozenset(tuple(a.lower().split()) for a in data["verbs"]["adverbs"]),
        treaty_aliases=data.get("treaty_aliases", {}),
        markers=frozenset(data["markers"]),
    )


def detect(text: str) -> str:
    """The language whose common words occur most in the text."""
    words = re.findall(r"[^\W\d_]+[’']?", text[:20000].lower())
    scores = {code: sum(w in load(code).markers for w in words) for code in LANGUAGES}
    return max(scores, key=lambda code: scores[code])
