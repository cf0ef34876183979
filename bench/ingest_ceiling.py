"""The ingest ceiling on this machine (issue 10): the fastest that 2 cores can ingest, whatever
the orchestration, from the CPU time of the two kinds of work every document needs.

Run: `make bench` (or `.venv/bin/python bench/ingest_ceiling.py [--synthetic 5000]`), after
`bench/ingest_bench.py` has made its corpora.

- Preparing a document (read, extract, build, validate, N-Triples: `unxref.ingest.prepare`),
  in this process, over the corpus's first documents: CPU ms a document.
- Writing it: the corpus's quads, as the ingest wrote them, bulk loaded into an empty store in
  one call (`pyoxigraph.Store.bulk_load`, the engine's fastest path, faster than the batches
  ingest writes) and compacted: CPU ms a document, RocksDB's threads included.

With both cores busy all the time and nothing else to do, ingest can go no faster than
cores / (prepare + write) documents a second.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

import pyoxigraph
from ingest_bench import CORPUS, WORK, run_ingest, synthetic_corpus  # this folder's own

from unxref.ingest import prepare

SAMPLE = 300  # documents prepared to time the preparing


def cpu() -> float:
    """CPU seconds of this process, all its threads (RocksDB's among them)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def prepare_ms(files: list[Path]) -> float:
    prepare(files[0])  # the authority data, the compiled patterns and shapes
    began = cpu()
    for path in files[1 : SAMPLE + 1]:
        prepare(path)
    return 1000 * (cpu() - began) / len(files[1 : SAMPLE + 1])


def write_ms(source: Path, documents: int, work: Path) -> tuple[float, int]:
    """(CPU ms a document to bulk load and compact the corpus's quads, the number of quads)."""
    store = work / "ceiling-source"
    shutil.rmtree(store, ignore_errors=True)
    run_ingest(source, store, ["--no-validate"])
    quads = pyoxigraph.Store.read_only(str(store)).dump(format=pyoxigraph.RdfFormat.N_QUADS)
    target = work / "ceiling-target"
    shutil.rmtree(target, ignore_errors=True)
    fresh = pyoxigraph.Store(str(target))
    began = cpu()
    fresh.bulk_load(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    fresh.optimize()
    spent = cpu() - began
    return 1000 * spent / documents, quads.count(b"\n")


def measure(name: str, source: Path, work: Path) -> None:
    files = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".md"))
    preparing = prepare_ms(files)
    writing, quads = write_ms(source, len(files), work)
    cores = os.cpu_count() or 1
    print(
        f"| {name} | {len(files):,} | {quads / len(files):.0f} | {preparing:.1f} ms | {writing:.1f} ms | "
        f"{1000 * cores / (preparing + writing):.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, nargs="*", default=[5000])
    arguments = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    print(f"date {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, pyoxigraph {pyoxigraph.__version__}")
    print("| corpus | documents | quads a document | prepare (CPU) | write (CPU) | ceiling, documents/s |")
    print("|---|---|---|---|---|---|")
    if CORPUS.is_dir():
        measure("unsc-en", CORPUS, WORK)
    for count in arguments.synthetic:
        measure(f"synthetic {count:,}", synthetic_corpus(WORK, count), WORK)


if __name__ == "__main__":
    main()
