"""Extraction throughput on the 646 Security Council texts, one core.

Run: `make bench` (or `.venv/bin/python bench/extract_throughput.py [CORPUS_DIR]`).
Reads every file once to warm the caches (authority data, compiled patterns),
then times three full passes and reports the best, in documents per second.
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from unxref.extract import extract_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "unsc-en"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no texts in {folder}")
    for text in texts:
        extract_text(text, lang="en")
    best = float("inf")
    citations = 0
    for _ in range(3):
        start = time.perf_counter()
        citations = sum(len(extract_text(text, lang="en").citations) for text in texts)
        best = min(best, time.perf_counter() - start)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        f"{len(texts)} documents, {citations} citations, best of 3: {best:.2f} s, {len(texts) / best:.0f} documents/s (one core)"
    )


if __name__ == "__main__":
    main()
