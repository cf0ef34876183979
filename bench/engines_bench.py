"""Remote stores beside the embedded one (issue 10): load and query figures, one run.

Run: `make bench` (or `.venv/bin/python bench/engines_bench.py [--documents N]`).

The 646 English Security Council texts and the seed (the seed alone without ``../shared``)
are ingested by `unxref ingest --workers 2` (validated) into the embedded store, Oxigraph's
server (read-write) and Virtuoso, each started on loopback (`tests/engines.py`); then the
same ingest again, unchanged. `unxref serve --workers 2 --cache-mb 0` (no answer cache: the
store answers every request) is asked 200 requests of each shape, one client, one request
at a time, each about one of the ingested resolutions in turn; the first chain request,
which loads the citation graph ingest built from the store, is timed on its own.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from tests.engines import ENGINES, Engine  # noqa: E402
from tests.support import CORPUS, EXAMPLE, serving  # noqa: E402

REQUESTS = 200


def ingest(store: str, files: list[Path], env: dict[str, str]) -> float:
    began = time.perf_counter()
    command = [sys.executable, "-m", "unxref.cli", "ingest", *map(str, files), "--store", store, "--workers", "2"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env})
    if finished.returncode not in (0, 1):  # 1: some texts were failure rows (a text with no symbol)
        raise SystemExit(f"ingest into {store} failed: {finished.stderr.strip()[-500:]}")
    return time.perf_counter() - began


@contextmanager
def embedded(folder: Path) -> Iterator[Engine]:
    yield Engine("embedded (pyoxigraph)", str(folder / "store"), {})


def latencies(request: Callable[[int], httpx.Response]) -> tuple[float, float]:
    """(p50, p99) in ms over `REQUESTS` requests, after 10 to warm up."""
    for i in range(10):
        request(i)
    times = []
    for i in range(REQUESTS):
        began = time.perf_counter()
        response = request(i)
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{response.url}: {response.status_code} {response.text[:200]}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def documents(url: str) -> list[tuple[str, str]]:
    """(IRI, symbol) of each ingested document."""
    query = "SELECT ?d ?s WHERE { ?d <https://w3id.org/unxref/ontology#inCorpus> true ; <http://purl.org/dc/terms/identifier> ?s } ORDER BY ?s"
    answer = httpx.post(url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    return [(row["d"]["value"], row["s"]["value"]) for row in answer.json()["results"]["bindings"]]


def measure(name: str, files: list[Path], work: Path) -> list[str]:
    starter = embedded if name == "embedded" else ENGINES[name]
    folder = work / name.split()[0]
    folder.mkdir()
    with starter(folder) as engine:
        first = ingest(engine.query_url, files, engine.env)
        again = ingest(engine.query_url, files, engine.env)
        with serving(engine.query_url, folder / "serve.log", "--cache-mb", "0", env=engine.env) as url:
            client = httpx.Client(base_url=url, timeout=120)
            began = time.perf_counter()
            client.get("/api/chains/A/RES/62/176?depth=1").raise_for_status()
            graph = time.perf_counter() - began
            known = documents(url)
            pick = lambda i: known[i % len(known)][1]  # noqa: E731
            point = "SELECT ?p ?o WHERE {{ <{}> ?p ?o }}"
            shapes = {
                "point lookup (SPARQL)": lambda i: client.get(
                    "/sparql", params={"query": point.format(known[i % len(known)][0])}
                ),
                "named query cites-by-paragraph": lambda i: client.get(
                    "/api/queries/cites-by-paragraph", params={"resolution": pick(i)}
                ),
                "page /id/": lambda i: client.get(f"/id/{pick(i)}"),
                "chain, depth 3": lambda i: client.get(f"/api/chains/{pick(i)}?depth=3"),
            }
            rows = [
                f"| {engine.name} | ingest, {len(files)} texts | {first:.1f} s ({len(files) / first:.0f} documents/s) | |",
                f"| {engine.name} | ingest again, unchanged | {again:.1f} s | |",
                f"| {engine.name} | first chain request (the citation graph ingest built, loaded) | {graph * 1000:.0f} ms | |",
            ]
            for shape, request in shapes.items():
                p50, p99 = latencies(request)
                rows.append(f"| {engine.name} | {shape} | {p50:.1f} ms | {p99:.1f} ms |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=646, help="How many English Security Council texts.")
    arguments = parser.parse_args()
    texts = sorted((CORPUS / "unsc-en").glob("*.txt"))[: arguments.documents] if CORPUS.is_dir() else []
    files = [EXAMPLE, *texts]
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print("\n| store | measure | p50 (or time) | p99 |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="unxref-engines-") as work:
        for name in ("embedded", "oxigraph", "virtuoso"):
            for row in measure(name, files, Path(work)):
                print(row, flush=True)


if __name__ == "__main__":
    main()
