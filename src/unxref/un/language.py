"""What unxref knows about each language resolutions are written in.

One data file a language, ``un/data/languages/<code>.toml``: months, ordinals, the
verbs that open paragraphs and the citation function each expresses, and the
patterns the extractor matches (a third language is a new data file, no Python).
Each file is compiled once into a `Language`.

>>> load("fr").months["décembre"]
12
>>> detect("Le Conseil de sécurité, Rappelant ses résolutions")
'fr'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "languages"
LANGUAGES = tuple(sorted(path.stem for path in DATA.glob("*.toml")))


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
    treaty_aliases: dict[str, tuple[str, ...]]  # a short name and the treaty (or treaties) it means
    common_words: frozenset[str]  # for telling languages apart
    adverb_suffix: str  # "ment": a word ending so is an adverb inside a verb phrase
    misreadings: dict[str, str]  # words OCR misreads, folded: "avant" for "ayant"
    not_before_marker: frozenset[str]  # a number after these is no footnote marker
    session_holders: tuple[str, ...]  # words in the names of bodies that hold sessions
    treaty_of: str  # "Treaty of": "the treaties of Tlatelolco and Rarotonga" names "Treaty of Tlatelolco", ...

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]

    def body_line(self, line: str) -> re.Match[str] | None:
        """The adopting body's line ("The General Assembly,"), not the masthead's ("General Assembly")."""
        return None if self.patterns["masthead"].match(line) else self.patterns["body_line"].match(line)

    @cached_property
    def verb_starts(self) -> frozenset[tuple[str, ...]]:
        """Every verb phrase's first word, first two words, ..., and the phrase itself."""
        return frozenset(phrase[:length] for phrase in self.verbs for length in range(1, len(phrase) + 1))

    @cached_property
    def adverb_starts(self) -> frozenset[str]:
        """Every adverb's first word, folded."""
        return frozenset(adverb[0] for adverb in self.adverbs)

    @cached_property
    def phrase_words(self) -> frozenset[str]:
        """Every word of every verb phrase, folded."""
        return frozenset(word for phrase in self.verbs for word in phrase)


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
    data = tomllib.loads((DATA / f"{code}.toml").read_text("utf-8"))
    ordinals = _ordinals(data["ordinals"])
    fills = {"months": _alternation(list(data["months"])), "ordinals": _alternation(list(ordinals))}
    raw = dict(data["patterns"], session=data["sessions"]["session"], session_word=data["sessions"]["word"])
    fills["date"] = raw["date"].replace("{months}", fills["months"])
    patterns = {}
    for name, template in raw.items():
        source = template.replace("{date}", fills["date"]).replace("{months}", fills["months"])
        source = source.replace("{ordinals}", fills["ordinals"])
        flags = re.IGNORECASE | (re.MULTILINE if source.startswith("^") else 0)
        patterns[name] = re.compile(source, flags)
    verbs = {
        tuple(fold(phrase).split()): Verb(phrase, function, kind)
        for phrase, (function, kind) in data["verbs"]["phrases"].items()
    }
    words = data.get("words", {})
    return Language(
        code=code,
        months=data["months"],
        ordinals=ordinals,
        patterns=patterns,
        verbs=verbs,
        adverbs=frozenset(tuple(fold(a).split()) for a in data["verbs"]["adverbs"]),
        adverb_suffix=data["verbs"].get("adverb_suffix", ""),
        misreadings={fold(k): fold(v) for k, v in data["verbs"].get("misreadings", {}).items()},
        treaty_aliases={
            alias: (keys,) if isinstance(keys, str) else tuple(keys)
            for alias, keys in data.get("treaty_aliases", {}).items()
        },
        common_words=frozenset(data["common_words"]),
        not_before_marker=frozenset(words.get("not_before_marker", ())),
        session_holders=tuple(words.get("session_holders", ())),
        treaty_of=words.get("treaty_of", ""),
    )


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word as verbs are looked up: in lower case, without accents (OCR often drops them:
    "Considere" is "Considère"), with one apostrophe.

    >>> fold("Réaffirme l’Accord")
    "reaffirme l'accord"
    """
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")


def match_verb(text: str, language: Language) -> tuple[Verb, str] | None:
    """The verb phrase a paragraph opens with, and its words as printed.

    Adverbs may stand inside a phrase ("Accueille également avec satisfaction");
    the longest phrase in the language data wins.

    >>> verb, printed = match_verb("Accueille également avec satisfaction le rapport", load("fr"))
    >>> verb.function, printed
    ('welcoming', 'Accueille également avec satisfaction')
    """
    if not _may_open_phrase(text, language):
        return None
    matches = _WORD.finditer(text[:160])
    words: list[re.Match[str]] = []
    folded: list[str] = []

    def read(count: int) -> int:
        """Fold the words up to ``count`` (an adverb is up to 3 words), no more: how many there are."""
        while len(words) < count and (word := next(matches, None)):
            words.append(word)
            folded.append(_fold_word(word.group(0)))
        return min(count, len(words))

    phrase: tuple[str, ...] = ()  # the words read so far, lower-cased: always the start of some verb phrase
    kept: list[int] = []  # their indexes in words
    index = 0
    while read(index + 4) > index and len(kept) < 6:
        adverb = _adverb_at(folded, index, language)
        if adverb and (kept or index + adverb < len(words)):
            index += adverb
            continue
        word = folded[index]
        longer = (*phrase, language.misreadings.get(word, word))
        if longer not in language.verb_starts:
            break  # no phrase goes on so: the longest one read so far is the answer
        phrase = longer
        kept.append(index)
        index += 1
    for length in range(len(kept), 0, -1):
        verb = language.verbs.get(phrase[:length])
        if verb:
            last = kept[length - 1] + 1
            while read(last + 4) > last and (adverb := _adverb_at(folded, last, language)):
                last += adverb
            return verb, text[: words[last - 1].end()]
    return None


_fold_word = lru_cache(maxsize=16_384)(fold)  # a paragraph's first words repeat across texts


def _may_open_phrase(text: str, language: Language) -> bool:
    """Whether the first word starts a verb phrase or an adverb: most lines a paragraph is
    looked for in open with neither, and one word tells (a third of the time)."""
    first = _WORD.search(text, 0, 160)
    if first is None:
        return False
    word = _fold_word(first.group(0))
    return (
        (language.misreadings.get(word, word),) in language.verb_starts
        or word in language.adverb_starts
        or _adverb_at([word], 0, language) == 1
    )


def _adverb_at(folded: list[str], index: int, language: Language) -> int:
    """How many words the adverb starting at ``index`` has (0 if none)."""
    for length in (3, 2, 1):
        phrase = tuple(folded[index : index + length])
        if len(phrase) == length and phrase in language.adverbs:
            return length
    suffix = language.adverb_suffix
    word = folded[index]
    in_phrases = word in language.phrase_words  # "instamment" of "Prie instamment"
    return 1 if suffix and word.endswith(suffix) and len(word) > len(suffix) + 3 and not in_phrases else 0


def every() -> list[Language]:
    """Every language unxref knows."""
    return [load(code) for code in LANGUAGES]


def detect(text: str) -> str:
    """The language whose common words occur most in the text's first 6,000 characters (about
    900 words: on every text of the corpora, the same answer as 20,000 gave)."""
    words = re.findall(r"[^\W\d_]+[’']?", text[:6000].lower())
    scores = {code: sum(map(load(code).common_words.__contains__, words)) for code in LANGUAGES}
    return max(scores, key=lambda code: scores[code])
