"""Graph building and SHACL validation time per document, and for the whole corpus.

Run: `make bench` (or `.venv/bin/python bench/graph_and_validation.py`).
Extracts the seed and every text of ../shared/corpus/unsc-en/ (plus the GA PDFs),
then times `graph.build` and `validate.validate` on each document, one core.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

from unxref.errors import InputError
from unxref.extract import extract_file, extract_text
from unxref.model import Document
from unxref.rdf.build import build
from unxref.rdf.validate import validate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "unsc-en"


def documents() -> list[Document]:
    docs = [extract_file(ROOT / "examples" / "A_RES_62_176_fr.txt", symbol="A/RES/62/176", date="2007-12-18")]
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            document = extract_text(path.read_text("utf-8"), source=str(path), lang="en")
        except InputError:
            continue
        if document.symbol:
            docs.append(document)
    return docs


def timed(function, document):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function(document)
    return result, (time.perf_counter() - start) * 1000


def main() -> None:
    docs = documents()
    if len(docs) < 2:
        print(f"note: {CORPUS} not found; timing the seed only", file=sys.stderr)
    for document in docs[:5]:  # warm caches (ontology, shapes, authority data)
        validate(build(document))
    build_ms, validate_ms, triples, failures = [], [], 0, 0
    corpus_start = time.perf_counter()
    for document in docs:
        graph, built = timed(build, document)
        violations, checked = timed(validate, graph)
        build_ms.append(built)
        validate_ms.append(checked)
        triples += len(graph)
        failures += bool(violations)
    corpus_s = time.perf_counter() - corpus_start
    seed_graph, seed_build = timed(build, docs[0])
    _, seed_validate = timed(validate, seed_graph)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"documents: {len(docs)}, triples: {triples}, not conforming: {failures}")
    for name, values in (("build", build_ms), ("validate", validate_ms)):
        q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
        print(f"{name}: median {statistics.median(values):.1f} ms, p95 {q[18]:.1f} ms, max {max(values):.1f} ms")
    print(f"seed A/RES/62/176 ({len(seed_graph)} triples): build {seed_build:.1f} ms, validate {seed_validate:.1f} ms")
    print(f"whole corpus, build + validate: {corpus_s:.1f} s")


if __name__ == "__main__":
    main()
