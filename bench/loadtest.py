"""Load test (issue 13), loopback only and bounded: 50 clients for 60 s of mixed named
queries, pages, chain requests and point lookups against `unxref serve` on a 1M-triple
store, with one runaway query (a cartesian product, timeout 8 s) started every 10 s.

Run: `make loadtest` (or `.venv/bin/python bench/loadtest.py [--clients 50] [--seconds 60]`).
The store is the 5,000 synthetic resolutions of `bench/ingest_bench.py` (1.25M triples),
made when absent. Prints, per kind of request, the count, errors (5xx or no answer) and
latency percentiles, as a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from tests.support import serving  # noqa: E402

WORK = BENCH / ".work"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ID = "https://w3id.org/unxref/id/"


def store() -> Path:
    """The synthetic 5,000-document store, ingested when absent."""
    path = WORK / "store-synthetic-5000-nv"  # the one bench/ingest_bench.py leaves
    if not (path / "CURRENT").is_file():
        corpus = WORK / "synthetic-5000"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(BENCH / "synthetic.py"), str(corpus), "5000"], check=True)
        command = [sys.executable, "-m", "unxref.cli", "ingest", str(corpus), "--store", str(path), "--no-validate"]
        subprocess.run(command, check=True, capture_output=True)
    return path


def symbols(url: str, count: int) -> list[str]:
    query = f"PREFIX unx: <https://w3id.org/unxref/ontology#> SELECT ?r WHERE {{ ?r a unx:Resolution ; unx:inCorpus true }} LIMIT {count}"
    rows = httpx.get(url + "/sparql", params={"query": query}, headers={"accept": "application/json"}, timeout=60)
    return [row["r"]["value"] for row in rows.json()["results"]["bindings"]]


def request(iri: str) -> tuple[str, str, dict[str, str]]:
    """(kind, path, parameters) of one ordinary request about a resolution."""
    path = iri.removeprefix(ID)
    kind = random.choice(["named query", "page", "chain", "point lookup"])
    if kind == "named query":
        return kind, "/api/queries/cites-by-paragraph", {"resolution": iri}
    if kind == "page":
        return kind, f"/id/{path}", {}
    if kind == "chain":
        return kind, f"/api/chains/{path}", {"depth": "2"}
    return kind, "/sparql", {"query": f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"}


class Connection:
    """One keep-alive HTTP/1.1 connection, written by hand: httpx costs more CPU per request
    than the server's cached answers do, and on two cores the client must not be what is
    measured."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str) -> int:
        """The status of a GET, its body read and dropped."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json, text/html\r\n\r\n".encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        headers = dict(line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line)
        fields = {name.strip().lower(): value.strip().lower() for name, value in headers.items()}
        if fields.get(b"transfer-encoding") == b"chunked":
            while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
                await reader.readexactly(size + 2)
            await reader.readuntil(b"\r\n")
        else:
            await reader.readexactly(int(fields.get(b"content-length", b"0")))
        if fields.get(b"connection") == b"close":
            writer.close()
            self.streams = None
        return status


async def client(
    url: str, iris: list[str], until: float, results: dict[str, list[float]], errors: dict[str, int]
) -> None:
    connection = Connection(url)
    while time.perf_counter() < until:
        kind, path, params = request(random.choice(iris))
        began = time.perf_counter()
        try:
            failed = await asyncio.wait_for(connection.get(f"{path}?{urlencode(params)}"), 60) >= 500
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            failed, connection.streams = True, None
        results.setdefault(kind, []).append(time.perf_counter() - began)
        errors[kind] = errors.get(kind, 0) + failed


async def runaways(url: str, until: float, statuses: list[int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        tasks = []
        while time.perf_counter() < until:
            tasks.append(asyncio.create_task(http.get("/sparql", params={"query": RUNAWAY, "timeout": "8"})))
            await asyncio.sleep(10)
        for response in await asyncio.gather(*tasks, return_exceptions=True):
            statuses.append(response.status_code if isinstance(response, httpx.Response) else 0)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share) - 1] if len(values) > 1 else values[0]


async def run(url: str, clients: int, seconds: float, subjects: int) -> None:
    iris = symbols(url, subjects)
    results: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    statuses: list[int] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(
        runaways(url, until, statuses), *(client(url, iris, until, results, errors) for _ in range(clients))
    )
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, {clients} clients, {seconds:g} s,"
        f" {len(iris)} resolutions asked about"
    )
    print("| request | count | errors | p50 | p95 | p99 |")
    print("|---|---|---|---|---|---|")
    for kind, times in sorted(results.items()):
        p50, p95, p99 = (percentile(times, share) * 1000 for share in (50, 95, 99))
        print(f"| {kind} | {len(times):,} | {errors[kind]} | {p50:.0f} ms | {p95:.0f} ms | {p99:.0f} ms |")
    print(f"runaway queries: {len(statuses)}, answered with {sorted(set(statuses))}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--subjects", type=int, default=300, help="resolutions the requests are about")
    parser.add_argument("--cache-mb", default="128", help="the server's answer cache (0: none)")
    arguments = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    options = ("--workers", "2", "--cache-mb", arguments.cache_mb)
    with serving(store(), WORK / "loadtest-server.log", *options) as url:
        asyncio.run(run(url, arguments.clients, arguments.seconds, arguments.subjects))


if __name__ == "__main__":
    main()
