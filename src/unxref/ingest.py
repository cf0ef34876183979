"""Ingest: source files → extracted, built, validated graphs → the store, one transaction each.

Extraction, graph building and validation run in a process pool; the store is
written from this process only, one document at a time, each document's named
graph replaced whole. A document that fails is reported with its reason and
skipped; the others go on.

A text that lacks its symbol or date takes them from its sidecar file
(see `unxref.extract.read.sidecar`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from unxref.errors import InputError
from unxref.extract import extract_file
from unxref.rdf.build import build_graphs, extractor, provenance
from unxref.rdf.serialize import ntriples
from unxref.store import Store


@dataclass(frozen=True)
class Outcome:
    source: str
    symbol: str | None = None
    triples: int = 0
    citations: int = 0
    graph: str = ""  # N-Triples
    provenance: str = ""
    shared: str = ""  # what it says of things it cites
    error: str | None = None


def prepare(path: Path, check: bool = True) -> Outcome:
    """Everything but the write, for one file: runs in a worker process."""
    try:
        document = extract_file(path)
        graphs = build_graphs(document)
        if check:
            from unxref.rdf.validate import validate

            violations = validate(graphs.union())
            if violations:
                first = violations[0]
                return Outcome(
                    str(path),
                    document.symbol,
                    error=f"{len(violations)} SHACL violation(s); first: {first.focus} {first.path}: {first.message}",
                )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return Outcome(
            source=str(path),
            symbol=document.symbol,
            triples=len(graphs.own),
            citations=len(document.citations),
            graph=ntriples(graphs.own),
            provenance=ntriples(provenance(document, digest)),
            shared=ntriples(graphs.shared + extractor()),
        )
    except InputError as error:
        return Outcome(str(path), error=error.problem if error.path == str(path) else str(error))
    except Exception as error:  # a bug must not stop the other documents; it is reported like a failure
        return Outcome(str(path), error=f"internal error: {type(error).__name__}: {error}")


def ingest(
    files: list[Path],
    store: Store,
    check: bool = True,
    workers: int = 2,
    progress: Callable[[Outcome], None] = lambda _: None,
) -> list[Outcome]:
    """Ingest files into the store; returns one outcome per file, failures included."""
    store.load_reference()
    outcomes: list[Outcome] = []

    def write(outcome: Outcome) -> None:
        if outcome.error is None and outcome.symbol:
            store.replace_document(outcome.symbol, outcome.graph, outcome.provenance, outcome.shared)
        outcomes.append(
            Outcome(outcome.source, outcome.symbol, outcome.triples, outcome.citations, error=outcome.error)
        )
        progress(outcome)

    if workers <= 1 or len(files) <= 1:
        for path in files:
            write(prepare(path, check))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for outcome in pool.map(prepare, files, [check] * len(files), chunksize=4):
                write(outcome)
    store.compact()
    return outcomes
