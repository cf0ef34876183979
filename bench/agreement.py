"""English/French agreement: the same Security Council resolution, extracted from its English
text (../shared/corpus/unsc-en) and its French text (../shared/corpus/unsc-fr), should give
the same citations in the same paragraphs.

For each pair (same number and year): Jaccard agreement of the cited resolutions, of the
cited documents, of the (paragraph, target) pairs; whether both have the same number of
paragraphs, and the same paragraph ids (a pair whose files hold two different resolutions, as
their headings say, is left out and named). Prints the means and writes every disagreement to
``bench/agreement-cases.txt`` for reading.

    .venv/bin/python bench/agreement.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from unxref.errors import InputError
from unxref.extract import extract_file
from unxref.model import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CASES = Path(__file__).with_name("agreement-cases.txt")


def pairs() -> list[tuple[Path, Path]]:
    english = {re.sub(r"_EN_GOLD$", "", p.stem): p for p in (CORPUS / "unsc-en").glob("*.txt")}
    french = {re.sub(r"_FR$", "", p.stem): p for p in (CORPUS / "unsc-fr").glob("*.txt")}
    return [(english[key], french[key]) for key in sorted(english.keys() & french.keys())]


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    left, right = set(a), set(b)
    return 1.0 if not left | right else len(left & right) / len(left | right)


def facts(document: Document, other: Document | None = None) -> dict[str, set[str]]:
    """What a text cites; with ``other``, only what both texts print: a target whose number the
    other text neither cites nor prints anywhere (a note the French file lacks, a paragraph lost
    in one scan, a symbol OCR damaged beyond a reading) is left out."""
    cited = {c.target for c in other.citations} if other else set()
    citations = [c for c in document.citations if other is None or c.target in cited or printed(c.target, other.text)]
    return {
        "resolutions": {c.target for c in citations if c.kind == "resolution"},
        "documents": {c.target for c in citations if c.kind == "document"},
        "pairs": {f"{c.paragraph} {c.target}" for c in citations},
    }


_OLD_RESOLUTION = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")
_MODIFIER = re.compile(r"/(Add|Corr|Rev)\.\d+$")
_NUMBERED = re.compile(r"^(?:[A-Z]+/)*(?:RES/)?(?P<number>\d+(?:/\d+)*)")


def printed(target: str, text: str) -> bool:
    """Whether a text prints the number of a cited resolution or document ("242 (1967)",
    "2253", "12262" of S/12262, "1994/402" of S/1994/402), however spaced, and for an addendum,
    corrigendum or revision its word after the number ("S/16776 et Corr.l"); targets named
    without a number (treaties, the Charter) count as printed.

    >>> printed("S/RES/242 (1967)", "sa résolution 242 (1967)"), printed("S/1994/402", "S/ 1994/ 402")
    (True, True)
    >>> printed("S/12262", "document S/1226"), printed("S/16776/Corr.1", "document S/16776.")
    (False, False)
    >>> printed("S/16776/Corr.1", "document S/16776 et Corr.l")
    True
    """
    old = _OLD_RESOLUTION.match(target)
    numbered = _NUMBERED.match(target)
    if old:
        key = rf"{old.group(1)}\s*\(\s*{old.group(2)}"
    elif numbered:
        key = r"/\s*".join(numbered.group("number").split("/"))
    else:
        return True
    modifier = _MODIFIER.search(target)
    if modifier:
        key += rf"(?!\d)(?:(?!S/).){{0,40}}?\b{modifier.group(1)}\b"  # its own: no other symbol between
    return re.search(rf"(?<!\d){key}", text, re.DOTALL) is not None


def cause(target: str, paragraph: str | None, own: Document, other: Document, same_ids: bool) -> str:
    """Why a target (or a paragraph-target pair) that both texts print is found in one text only.

    ``own`` finds it and ``other`` does not (or not in ``paragraph``)."""
    found = [c for c in own.citations if c.target == target]
    elsewhere = [c for c in other.citations if c.target == target]
    if elsewhere and not same_ids:
        return "the paragraphs differ (see ids)"
    if elsewhere and any(c.footnote is None for c in elsewhere) and all(c.footnote is not None for c in found):
        return "a note the other text prints without its number, read in its paragraph"
    if elsewhere:
        return "tied to another paragraph"
    numbers = [n for n in other.footnotes if printed(target, n.text)]
    if any(n.status != "tied" for n in numbers):
        return "the other text prints the note, its marker not found"
    if numbers:
        return "the other text ties the note, its symbol not read"
    if "/" not in target:
        return "named in one text only (a name the other words differently, or OCR damaged)"
    return "the other text prints the number where no citation is read"


def disagreements(english: Document, french: Document) -> list[tuple[str, str]]:
    """(text, cause) of each target or pair found in one text only, of what both texts print."""
    same_ids = [p.id for p in english.paragraphs] == [p.id for p in french.paragraphs]
    found: list[tuple[str, str]] = []
    for name, own, other in (("en", english, french), ("fr", french, english)):
        mine, theirs = facts(own, other), facts(other, own)
        for kind in ("resolutions", "documents"):
            found += [
                (f"{name}-only {t}", cause(t, None, own, other, same_ids)) for t in sorted(mine[kind] - theirs[kind])
            ]
        for pair in sorted(mine["pairs"] - theirs["pairs"]):
            paragraph, target = pair.split(" ", 1)
            if target in theirs["resolutions"] | theirs["documents"] or "/" not in target:
                found.append((f"{name}-only {pair}", cause(target, paragraph, own, other, same_ids)))
    return found


def main() -> None:
    started = time.perf_counter()
    scores: dict[str, list[float]] = {
        name: []
        for name in (
            "resolutions",
            "documents",
            "pairs",
            "printed resolutions",
            "printed documents",
            "printed pairs",
            "count",
            "ids",
        )
    }
    causes: Counter[str] = Counter()
    lines: list[str] = []
    failures = 0
    strangers: list[str] = []
    for english_path, french_path in pairs():
        try:
            english, french = extract_file(english_path), extract_file(french_path)
        except InputError as error:
            failures += 1
            lines.append(f"== {english_path.stem}: {error}")
            continue
        if (
            english.symbol and french.symbol and english.symbol != french.symbol
        ):  # a file that holds another resolution's text is no pair
            strangers.append(f"{english_path.name} holds {english.symbol}, {french_path.name} {french.symbol}")
            lines.append(f"== {english_path.stem}: not the same resolution ({strangers[-1]}), left out")
            continue
        left, right = facts(english), facts(french)
        for name in ("resolutions", "documents", "pairs"):
            scores[name].append(jaccard(left[name], right[name]))
        both_left, both_right = facts(english, french), facts(french, english)
        for name in ("resolutions", "documents", "pairs"):
            scores[f"printed {name}"].append(jaccard(both_left[name], both_right[name]))
        english_ids, french_ids = [p.id for p in english.paragraphs], [p.id for p in french.paragraphs]
        scores["count"].append(float(len(english_ids) == len(french_ids)))
        scores["ids"].append(float(english_ids == french_ids))
        report = []
        for name, own, other in (("English", left, both_left), ("French", right, both_right)):
            if own["pairs"] != other["pairs"]:
                lacking = "French" if name == "English" else "English"
                left_out = sorted({pair.split(" ", 1)[1] for pair in own["pairs"] - other["pairs"]})
                report.append(f"  not printed in the {lacking} text: {left_out}")
        for text, why in disagreements(english, french):
            causes[why] += 1
            report.append(f"  {text}: {why}")
        if english_ids != french_ids:
            report.append(f"  ids: en {english_ids} fr {french_ids}")
        if report:
            lines += [f"== {english_path.stem}", *report]
    CASES.write_text("\n".join(lines) + "\n", "utf-8")
    total = len(scores["ids"])
    print(f"{total} English/French pairs ({failures} failed to extract), {time.perf_counter() - started:.1f} s")
    for stranger in strangers:
        print(f"  left out, not the same resolution: {stranger}")
    for name, label in (
        ("resolutions", "cited resolutions (Jaccard)"),
        ("documents", "cited documents (Jaccard)"),
        ("pairs", "(paragraph, target) pairs (Jaccard)"),
        ("printed resolutions", "  the same, on what both texts print"),
        ("printed documents", "  documents, on what both texts print"),
        ("printed pairs", "  pairs, on what both texts print"),
        ("count", "same number of paragraphs"),
        ("ids", "same paragraph ids"),
    ):
        print(f"  {label:40} {statistics.fmean(scores[name]):.3f}")
    print("what both texts print, found in one only, by cause:")
    for why, count in causes.most_common():
        print(f"  {count:4}  {why}")
    print(f"disagreements: {CASES.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
