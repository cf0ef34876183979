"""Compare what unxref extracts with what a reader found (``data/gold_*.toml``).

A case gives a text's symbol, adoption date, paragraph ids, its notes (tied to which
paragraphs, or foreign, or dangling) and every (paragraph, target) pair. Targets are
compared in the readers' convention: symbols as canonical, treaties by authority key
(a "UNTS n" or a title the authority records know is that key), other organisations'
symbols as "[BODY] symbol".

    .venv/bin/python -m tests.extract.gold        # every difference, case by case
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.support import CORPUS
from unxref.extract import extract_file
from unxref.model import Citation, Document
from unxref.un import authorities

DATA = Path(__file__).parent / "data"
GOLD_FILES = ("gold_unsc_fr.toml", "gold_ga_md.toml", "gold_ga_pdftotext.toml")
FACETS = ("symbol", "date", "paragraphs", "notes", "citations")


@dataclass(frozen=True)
class Case:
    gold: str  # the file it comes from
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return Path(self.data["file"]).stem


def cases() -> list[Case]:
    return [Case(name, case) for name in GOLD_FILES for case in tomllib.loads((DATA / name).read_text("utf-8"))["case"]]


def source(case: Case, folder: Path) -> Path:
    """The text to extract: a corpus file, or the pdftotext text of a corpus PDF (made in ``folder``)."""
    file = case.data["file"]
    if file.startswith("ga-pdf-pdftotext/"):
        pdf = CORPUS / "ga-pdf" / (Path(file).stem + ".pdf")
        text = folder / Path(file).name
        if not text.is_file():
            subprocess.run([shutil.which("pdftotext") or "pdftotext", str(pdf), str(text)], check=True)
        return text
    return CORPUS / file


@cache
def _treaty_keys() -> dict[str, str]:
    """What names a treaty in the readers' files ("UNTS 14152", a title) → its authority key."""
    records = authorities.load()
    keys: dict[str, str] = {}
    for key, treaty in records.treaties.items():
        keys[key] = key
        if treaty.number:
            keys.setdefault(f"UNTS {treaty.number}", key)
        for labels in treaty.labels.values():
            for label in labels:
                keys.setdefault(authorities.fold(label), key)
    return keys


def canonical_target(target: str) -> str:
    """A target as a reader wrote it, with treaties named by their authority key."""
    keys = _treaty_keys()
    return keys.get(target) or keys.get(authorities.fold(target)) or target


def our_target(citation: Citation) -> str:
    if citation.kind == "treaty":
        return canonical_target(citation.name or f"UNTS {citation.unts}")
    external = authorities.load().iri_path(citation.body)
    return f"[{external.upper()}] {citation.target}" if external else citation.target


def facts(document: Document) -> dict[str, Any]:
    notes = {n.number: sorted(n.paragraphs) for n in document.footnotes}
    return {
        "symbol": document.symbol,
        "date": document.date,
        "paragraphs": [p.id for p in document.paragraphs],
        "notes": notes,
        "citations": sorted({f"{c.paragraph} {our_target(c)}" for c in document.citations}),
    }


def expected(case: Case) -> dict[str, Any]:
    data = case.data
    pairs = {f"{pair.split(' ', 1)[0]} {canonical_target(pair.split(' ', 1)[1])}" for pair in data["citations"]}
    tied = {n["number"]: sorted(n["paragraphs"]) for n in data.get("notes", []) if n["status"] == "tied"}
    return {
        "symbol": data["symbol"],
        "date": data["date"],
        "paragraphs": data["paragraphs"],
        "notes": tied,
        "citations": sorted(pairs),
    }


def compare(case: Case, document: Document) -> dict[str, str]:
    """Facet → what differs (empty when the facet agrees)."""
    found, wanted = facts(document), expected(case)
    differences = {}
    for facet in ("symbol", "date", "paragraphs"):
        if found[facet] != wanted[facet]:
            differences[facet] = f"found {found[facet]!r}, expected {wanted[facet]!r}"
    wrong_notes = {n: (found["notes"].get(n), p) for n, p in wanted["notes"].items() if found["notes"].get(n) != p}
    if wrong_notes:
        differences["notes"] = "; ".join(
            f"note {n}: found {f}, expected {e}" for n, (f, e) in sorted(wrong_notes.items())
        )
    extra = sorted(set(found["citations"]) - set(wanted["citations"]))
    missing = sorted(set(wanted["citations"]) - set(found["citations"]))
    if extra or missing:
        differences["citations"] = f"missing {missing}; extra {extra}"
    return differences


def main() -> None:
    import tempfile

    totals = dict.fromkeys(FACETS, 0)
    all_cases = cases()
    with tempfile.TemporaryDirectory() as folder:
        for case in all_cases:
            differences = compare(case, extract_file(source(case, Path(folder))))
            for facet in differences:
                totals[facet] += 1
            if differences:
                print(f"== {case.data['file']}")
                for facet, text in differences.items():
                    print(f"  {facet}: {text}")
    print(f"{len(all_cases)} cases; facets that differ: " + ", ".join(f"{f} {n}" for f, n in totals.items()))


if __name__ == "__main__":
    main()
