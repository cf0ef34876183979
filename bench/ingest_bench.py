"""Ingest benchmark (issue 10): end to end (read, extract, build, validate, write), 2 workers.

Run: `make bench` (or `.venv/bin/python bench/ingest_bench.py [--synthetic 5000 50000] [--validated yes]`).

For the 646 English Security Council texts and for synthetic corpora (`bench/synthetic.py`)
it runs `unxref ingest` into a fresh store in its own process, and reports documents/s,
the peak RSS of its largest process (the writer or a worker), the store's size on disk, and the
time of a second ingest of the unchanged corpus.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "unsc-en"
WORK = BENCH / ".work"  # the corpora and stores the ingest benches make


def run_ingest(source: Path, store: Path, extra: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process: the ingest or one of its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    began = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "unxref.cli",
        "ingest",
        str(source),
        "--store",
        str(store),
        "--workers",
        "2",
        *extra,
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode not in (0, 1):  # 1: some documents were failure rows, the rest went in
        raise SystemExit(f"ingest of {source} failed: {finished.stderr.strip()[-500:]}")
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def synthetic_corpus(work: Path, count: int) -> Path:
    """The folder of ``count`` synthetic resolutions (`bench/synthetic.py`), made the first time."""
    corpus = work / f"synthetic-{count}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(BENCH / "synthetic.py"), str(corpus), str(count)], check=True)
    return corpus


def measure(name: str, source: Path, count: int, work: Path, validate: bool) -> None:
    store = work / f"store-{name.replace(' ', '-').replace(',', '')}-{'v' if validate else 'nv'}"
    subprocess.run(["rm", "-rf", str(store)], check=True)
    extra = [] if validate else ["--no-validate"]
    seconds, peak = run_ingest(source, store, extra)
    again, _ = run_ingest(source, store, extra)
    print(
        f"| {name} | {'yes' if validate else 'no'} | {count:,} | {seconds:.1f} s | {count / seconds:.0f} | "
        f"{peak:.0f} MB | {size_mb(store):.0f} MB | {again:.1f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, nargs="*", default=[5000])
    parser.add_argument("--validated", choices=["yes", "no"], nargs="+", default=["yes", "no"])
    parser.add_argument("--no-corpus", action="store_true", help="only the synthetic corpora")
    arguments = parser.parse_args()
    modes = [mode == "yes" for mode in arguments.validated]
    WORK.mkdir(exist_ok=True)
    print(
        f"date {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        "| corpus | validated | documents | time | documents/s | peak RSS (largest process) | store on disk | re-ingest, unchanged |"
    )
    print("|---|---|---|---|---|---|---|---|")
    if CORPUS.is_dir() and not arguments.no_corpus:
        for validate in modes:
            measure("unsc-en", CORPUS, len(list(CORPUS.glob("*.txt"))), WORK, validate)
    for count in arguments.synthetic:
        corpus = synthetic_corpus(WORK, count)
        for validate in modes:
            measure(f"synthetic {count:,}", corpus, count, WORK, validate)


if __name__ == "__main__":
    main()
