"""Ingest: source files → extracted, built, validated graphs → the store, each document whole or absent.

Extraction, graph building and validation run in a process pool with a bounded number
of documents in flight (memory stays flat however large the corpus); the store is
written from this process only: one document at a time, each in its own transactions
(`unxref.store.Store.replace_document`), or, when 100 or more are to be written, in bulk
batches of up to 1,000 (`unxref.store.Store.replace_documents`: about half the CPU, and each
document still whole or absent).
A document that fails, or takes longer than its time budget, is reported with its reason
and skipped; the others go on. When the store itself fails (a full disk), ingest stops and
says which documents got in.

Ingest is incremental: a file whose contents (with its sidecar) and extractor version
match what the store's provenance records is skipped. Two files giving the same
symbol are a failure row naming both (the first one written stays).

A text that lacks its symbol or date takes them from its sidecar file
(see `unxref.extract.read.sidecar`).
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from unxref.config import INGEST_TIME_BUDGET
from unxref.errors import InputError, OverBudget, StoreError
from unxref.extract import extract_file
from unxref.rdf.build import build_graphs, extractor, provenance
from unxref.store import BATCH, BULK_FROM, DocumentGraphs, Store

IN_FLIGHT_PER_WORKER = 4  # documents handed to each worker ahead of the writer


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
    unchanged: bool = False  # skipped: the store already holds it, from the same file and extractor


def digest(path: Path) -> str:
    """The SHA-256 of a file and of its sidecar (a changed sidecar changes the document)."""
    hashed = hashlib.sha256(path.read_bytes())
    meta = path.with_name(path.stem + ".meta.toml")
    if meta.is_file():
        hashed.update(b"\0sidecar\0" + meta.read_bytes())
    return hashed.hexdigest()


def prepare(path: Path, check: bool = True, sha256: str | None = None, budget: float = INGEST_TIME_BUDGET) -> Outcome:
    """Everything but the write, for one file: runs in a worker process, within ``budget`` seconds."""
    try:
        with time_budget(budget):
            return _prepare(path, check, sha256)
    except InputError as error:
        return Outcome(str(path), error=error.problem if error.path == str(path) else str(error))
    except OverBudget:
        return Outcome(str(path), error=f"took longer than its time budget of {budget:g} s: not written")
    except Exception as error:  # a bug must not stop the other documents; it is reported like a failure
        return Outcome(str(path), error=f"internal error: {type(error).__name__}: {error}")


def _prepare(path: Path, check: bool, sha256: str | None) -> Outcome:
    document = extract_file(path)
    graphs = build_graphs(document)
    if check:
        from unxref.rdf.shacl import check as violations_of

        violations = violations_of(graphs.union())
        if violations:
            first = violations[0]
            return Outcome(
                str(path),
                document.symbol,
                error=f"{len(violations)} SHACL violation(s); first: {first.focus} {first.path}: {first.message}",
            )
    return Outcome(
        source=str(path),
        symbol=document.symbol,
        triples=len(graphs.own),
        citations=len(document.citations),
        graph=graphs.own.ntriples(),
        provenance=provenance(document, sha256 or digest(path)).ntriples(),
        shared=(graphs.shared | extractor()).ntriples(),
    )


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in the code inside once ``seconds`` have passed (a timer signal:
    extraction, rdflib and pyshacl are Python, so the signal stops them where they are).
    Off the main thread, where signals cannot be set, there is no budget."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ingest(
    files: list[Path],
    store: Store,
    check: bool = True,
    workers: int = 2,
    progress: Callable[[Outcome], None] = lambda _: None,
    budget: float = INGEST_TIME_BUDGET,
    batch_size: int = BATCH,
    compact: bool = True,
) -> list[Outcome]:
    """Ingest files into the store; returns one outcome per file, failures and unchanged files
    included. A store that fails to write (a full disk) stops the ingest: the documents
    written so far are in, the rest are failure rows saying why. ``compact=False`` leaves the
    compaction (`Store.compact`) to the caller."""
    store.load_reference()
    known = store.sources()
    written: dict[str, str] = {}  # symbol → the file it was written from, this run
    outcomes: list[Outcome] = []

    def record(outcome: Outcome, shown: bool = False) -> None:
        outcomes.append(replace(outcome, graph="", provenance="", shared=""))
        if not shown:
            progress(outcome)

    def write(outcome: Outcome) -> None:
        symbol = outcome.symbol
        if outcome.error is None and symbol and symbol in written:
            record(replace(outcome, error=f"gives {symbol}, as {written[symbol]} did: not written"))
        elif outcome.error is None and symbol:
            written[symbol] = outcome.source
            batch.append(outcome)
            if bulk:
                progress(outcome)  # as it is prepared: a batch is written long after its first document
            if not bulk or len(batch) >= batch_size:
                write_batch()
        else:
            record(outcome)

    def write_batch() -> None:
        store.replace_documents([DocumentGraphs(o.symbol or "", o.graph, o.provenance, o.shared) for o in batch])
        for outcome in batch:
            record(outcome, shown=bulk)
        batch.clear()

    todo = []
    for path in files:
        try:
            sha256 = digest(path)
        except OSError as error:
            record(Outcome(str(path), error=f"cannot be read ({error.strerror})"))
            continue
        if sha256 in known:
            symbol = known[sha256]
            written.setdefault(symbol, str(path))
            record(Outcome(str(path), symbol, unchanged=True))
        else:
            todo.append((path, sha256))
    batch: list[Outcome] = []
    bulk = len(todo) >= BULK_FROM  # a large ingest is written in bulk batches, a small one document by document
    # Writing starts once a quarter is prepared, so that it overlaps the preparing: the 646 English
    # texts in 4.7-4.8 s with batches of 161 against 5.2 s in one batch (bench/RESULTS.md).
    batch_size = min(batch_size, max(BULK_FROM, len(todo) // 4))
    try:
        # In bulk, the workers go on preparing the next batch while one is written.
        ahead = workers * IN_FLIGHT_PER_WORKER + (batch_size if bulk else 0)
        for outcome in _prepared(todo, check, workers, budget, ahead):
            write(outcome)
        write_batch()
    except StoreError as error:
        record(Outcome(batch[0].source, batch[0].symbol, error=f"not written: {error}"), shown=bulk)
        for outcome in batch[1:]:
            record(Outcome(outcome.source, outcome.symbol, error="not written: the store failed before it"), shown=bulk)
        reported = {o.source for o in outcomes}
        for path, _ in todo:
            if str(path) not in reported:
                record(Outcome(str(path), error="not written: the store failed before it"))
        return outcomes
    if compact:
        store.compact()
    return outcomes


def _prepared(todo: list[tuple[Path, str]], check: bool, workers: int, budget: float, ahead: int) -> Iterator[Outcome]:
    """Each file prepared, in a bounded pool: at most ``ahead`` documents are in flight, so a
    corpus of any size fits in memory."""
    if workers <= 1 or len(todo) <= 1:
        for path, sha256 in todo:
            yield prepare(path, check, sha256, budget)
        return
    pending = iter(todo)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running: set[Future[Outcome]] = set()
        for path, sha256 in pending:
            running.add(pool.submit(prepare, path, check, sha256, budget))
            if len(running) >= ahead:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(pending, None)
                if following is not None:
                    running.add(pool.submit(prepare, following[0], check, following[1], budget))
