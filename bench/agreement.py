"""English/French agreement: the same Security Council resolution, extracted from its English
text (../shared/corpus/unsc-en) and its French text (../shared/corpus/unsc-fr), should give
the same citations in the same paragraphs.

For each pair (same number and year): Jaccard agreement of the cited resolutions, of the
cited documents, of the (paragraph, target) pairs; whether both have the same number of
paragraphs, and the same paragraph ids. Prints the means and writes every disagreement to
``bench/agreement-cases.txt`` for reading.

    .venv/bin/python bench/agreement.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
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
    """What a text cites; with ``other``, only what both texts print: a citation that this text
    makes only in notes the other does not print (annual volumes print a note once, on the page
    where its first marker falls) is left out."""
    printed = {n.number for n in other.footnotes} if other else None
    citations = [
        c
        for c in document.citations
        if printed is None or c.footnote is None or c.footnote in printed or not _only_in_notes(document, c.target)
    ]
    return {
        "resolutions": {c.target for c in citations if c.kind == "resolution"},
        "documents": {c.target for c in citations if c.kind == "document"},
        "pairs": {f"{c.paragraph} {c.target}" for c in citations},
    }


def _only_in_notes(document: Document, target: str) -> bool:
    return all(c.footnote is not None for c in document.citations if c.target == target)


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
    lines: list[str] = []
    failures = 0
    for english_path, french_path in pairs():
        try:
            english, french = extract_file(english_path), extract_file(french_path)
        except InputError as error:
            failures += 1
            lines.append(f"== {english_path.stem}: {error}")
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
        report = [
            f"  {name}: en-only {sorted(left[name] - right[name])} fr-only {sorted(right[name] - left[name])}"
            for name in ("resolutions", "documents", "pairs")
            if left[name] != right[name]
        ]
        if english_ids != french_ids:
            report.append(f"  ids: en {english_ids} fr {french_ids}")
        if report:
            lines += [f"== {english_path.stem}", *report]
    CASES.write_text("\n".join(lines) + "\n", "utf-8")
    total = len(scores["ids"])
    print(f"{total} English/French pairs ({failures} failed to extract), {time.perf_counter() - started:.1f} s")
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
    print(f"disagreements: {CASES.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
